"""Third-party files the site serves itself (no CDN), read from node_modules by the build.

ts-fsrs (npm, version pinned in package.json) schedules the walk's rehearsal;
its UMD build and its licence go into the site under ``vendor/``.
"""

from __future__ import annotations

from pathlib import Path

from .model import Issue
from .paths import TS_FSRS, TS_FSRS_LICENCE

FILES = {TS_FSRS: "node_modules/ts-fsrs/dist/index.umd.js", TS_FSRS_LICENCE: "node_modules/ts-fsrs/LICENSE"}


# Where this package was installed from (an editable install): its node_modules serves any glossary.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def read(root: Path) -> tuple[dict[str, bytes], list[Issue]]:
    """The vendored files, from the project's node_modules (or this package's); a warning naming what is missing."""
    found: dict[str, bytes] = {}
    issues: list[Issue] = []
    for target, source in FILES.items():
        path = next((base / source for base in (root, PACKAGE_ROOT) if (base / source).is_file()), None)
        if path is not None:
            found[target] = path.read_bytes()
        else:
            issues.append(
                Issue(source, 0, "missing: run 'npm install' (make does) so the walk's rehearsal can schedule cards")
            )
    return found, issues
