"""Stage 5, write: generated files go to a folder, a file only when its content changed.

Writing only what changed keeps file times meaningful.  Generated files that
are no longer produced are removed from the folders the generator owns;
anything else in the folder is never touched.
"""

from __future__ import annotations

from pathlib import Path

from .paths import GENERATED_DIRS


def _inside(root: Path, relative: str) -> Path:
    target = (root / relative).resolve()
    if root.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {root}: {relative}")
    return target


def write(files: dict[str, str | bytes], docs: Path) -> tuple[list[str], list[str]]:
    """Write files under docs; return (written, removed) relative paths."""
    written: list[str] = []
    for relative, content in sorted(files.items()):
        target = _inside(docs, relative)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.exists() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(relative)
    removed: list[str] = []
    for folder in GENERATED_DIRS:
        for path in sorted((docs / folder).rglob("*")) if (docs / folder).exists() else []:
            relative = path.relative_to(docs).as_posix()
            if path.is_file() and relative not in files:
                path.unlink()
                removed.append(relative)
    return written, removed
