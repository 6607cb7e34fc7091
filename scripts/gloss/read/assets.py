"""The images a note shows, read from beside it or, by name, from anywhere in the vault."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from .. import mdparse, obsidian
from ..model import Asset, Issue, Note
from ..richtext import local_path
from .folders import IMAGE_SUFFIXES

MAX_IMAGE_BYTES = 10 * 2**20


def read_assets(
    note: Note, here: Path, folder: Path, images: dict[str, Path] | None = None
) -> tuple[tuple[Asset, ...], list[Issue]]:
    """The local images a note shows: beside it (as written), else anywhere in the vault by file name,
    as Obsidian finds them; a warning for each one missing."""
    assets: dict[str, Asset] = {}
    issues: list[Issue] = []
    root = folder.resolve()
    vault_files = {image.resolve() for image in (images or {}).values()}  # a symlinked vault's images
    for entry in note.entries:
        sources = [
            *mdparse.images(entry.body),
            *(link.target for link in obsidian.wikilinks(entry.body) if link.is_image),
        ]
        for src in sources:
            path = local_path(src)
            if path is None or path in assets:
                if path is None and src.startswith(("/", "..", "\\")):
                    issues.append(
                        Issue(note.path, entry.line, f"image '{src}' is outside the glossary folder: not shown")
                    )
                continue
            file = (here / path).resolve()
            if not file.is_file():
                file = (folder / path).resolve()
            if not file.is_file() and images:
                file = images.get(PurePosixPath(path).name.lower(), file).resolve()
            if not file.is_file() or not (root in file.parents or file in vault_files):
                issues.append(
                    Issue(note.path, entry.line, f"image '{src}' not found in the glossary folder: not shown")
                )
            elif file.suffix.lower() not in IMAGE_SUFFIXES or file.stat().st_size > MAX_IMAGE_BYTES:
                why = "is not an image file" if file.suffix.lower() not in IMAGE_SUFFIXES else "is over 10 MB"
                issues.append(Issue(note.path, entry.line, f"'{src}' {why}: not shown"))
            else:
                assets[path] = Asset(path, file.read_bytes())
    return tuple(assets.values()), issues
