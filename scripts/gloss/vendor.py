"""Third-party files the site serves itself (no CDN), read from node_modules by the build.

ts-fsrs (npm, version pinned in package.json) schedules the walk's rehearsal;
its UMD build and its licence go into the site under ``vendor/``.  KaTeX (npm,
pinned) typesets maths: its script, auto-render, stylesheet, fonts (woff2) and
licence go under ``vendor/katex/``, and docs/assets/maths.js loads them only on a
page that shows maths.
"""

from __future__ import annotations

from pathlib import Path

from .model import Issue
from .paths import KATEX, TS_FSRS, TS_FSRS_LICENCE

FILES = {TS_FSRS: "node_modules/ts-fsrs/dist/index.umd.js", TS_FSRS_LICENCE: "node_modules/ts-fsrs/LICENSE"}
_KATEX = "node_modules/katex"
MATHS_FILES = {
    f"{KATEX}/katex.min.js": f"{_KATEX}/dist/katex.min.js",
    f"{KATEX}/katex.min.css": f"{_KATEX}/dist/katex.min.css",
    f"{KATEX}/auto-render.min.js": f"{_KATEX}/dist/contrib/auto-render.min.js",
    f"{KATEX}/LICENSE.txt": f"{_KATEX}/LICENSE",
}


# Where this package was installed from (an editable install): its node_modules serves any glossary.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def read(root: Path) -> tuple[dict[str, bytes], list[Issue]]:
    """The scheduler's files, from the project's node_modules (or this package's); a warning naming what is missing."""
    return _read(root, FILES, "so the walk's rehearsal can schedule cards")


def read_maths(root: Path) -> tuple[dict[str, bytes], list[Issue]]:
    """KaTeX's files, fonts included; a warning naming what is missing."""
    base = next((b / _KATEX for b in (root, PACKAGE_ROOT) if (b / _KATEX / "dist").is_dir()), None)
    fonts = (
        {
            f"{KATEX}/fonts/{font.name}": f"{_KATEX}/dist/fonts/{font.name}"
            for font in sorted(base.glob("dist/fonts/*.woff2"))
        }
        if base
        else {}
    )
    return _read(root, {**MATHS_FILES, **fonts}, "so the maths in the notes is typeset")


def _read(root: Path, files: dict[str, str], why: str) -> tuple[dict[str, bytes], list[Issue]]:
    found: dict[str, bytes] = {}
    issues: list[Issue] = []
    for target, source in files.items():
        path = next((base / source for base in (root, PACKAGE_ROOT) if (base / source).is_file()), None)
        if path is not None:
            found[target] = path.read_bytes()
        else:
            issues.append(Issue(source, 0, f"missing: run 'npm install' (make does) {why}"))
    return found, issues
