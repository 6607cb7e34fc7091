"""Stage 5, write: generated pages go to docs/, a file only when its content changed.

Writing only what changed keeps ``mkdocs serve`` from rebuilding in a loop and
keeps file times meaningful.  Generated files that are no longer produced are
removed; hand-written files in docs/ are never touched.
"""

from __future__ import annotations

from pathlib import Path

# Folders the generator owns whole inside docs/: stale files in them are removed.
GENERATED_DIRS = ("terms", "sources", "walks")


def _inside(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {root}: {relative}")
    return target


def write(pages: dict[str, str], docs: Path) -> tuple[list[str], list[str]]:
    """Write pages under docs; return (written, removed) relative paths."""
    written: list[str] = []
    for relative, text in sorted(pages.items()):
        target = _inside(docs, relative)
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    removed: list[str] = []
    for folder in GENERATED_DIRS:
        for path in sorted((docs / folder).rglob("*")) if (docs / folder).exists() else []:
            relative = path.relative_to(docs).as_posix()
            if path.is_file() and relative not in pages:
                path.unlink()
                removed.append(relative)
    return written, removed
