"""Stage 1, parse: files in ``glossary/`` become ``Note``s.

Reading never raises on a file's content: a file that is not a note, cannot be
decoded or has no known shape becomes an ``Issue`` naming it, and the rest of
the glossary still builds.
"""

from __future__ import annotations

import codecs
import dataclasses
from pathlib import Path

from . import mdparse, names, shapes
from .model import Asset, Issue, Level, Note, Shape, Slug
from .richtext import local_path

NOTE_SUFFIXES = (".md", ".txt", ".rst", ".markdown")
CURATED = "curated.yml"
IGNORED = {CURATED, "README.md"}  # files of glossary/ that are not notes
_LEFTOVER_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak", ".orig")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
MAX_IMAGE_BYTES = 10 * 2**20


def decode(data: bytes, path: str) -> tuple[str | None, list[Issue]]:
    """Bytes to text with "\\n" line ends; (None, [why]) when the bytes are no text."""
    issues: list[Issue] = []
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        return None, [Issue(path, 0, f"binary file (NUL byte at offset {offset}), not a note: skipped")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            return None, [Issue(path, 0, f"not valid UTF-16 at byte offset {error.start}: skipped")]
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None, [
                    Issue(
                        path,
                        0,
                        f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) "
                        "and not Windows-1252 either: skipped; save the note as UTF-8",
                    )
                ]
            issues.append(
                Issue(
                    path,
                    0,
                    f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                    "read as Windows-1252 (Latin-1); save the note as UTF-8 to silence this",
                )
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, issues


def find_notes(folder: Path) -> tuple[list[Path], list[Issue]]:
    """The note files of a folder, sorted by name, and an issue for every other file."""
    notes: list[Path] = []
    issues: list[Issue] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        shown = f"{folder.name}/{path.name}"
        if path.name in IGNORED:
            continue
        if path.is_dir():
            holds_notes = any(p.suffix.lower() in NOTE_SUFFIXES for p in path.rglob("*"))
            if holds_notes:
                issues.append(Issue(shown, 0, "a folder: notes are read from glossary/ itself only; skipped"))
            else:
                issues.append(Issue(shown, 0, "a folder of files that notes may show", Level.INFO))
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            issues.append(Issue(shown, 0, "an image: shown where a Markdown note shows it", Level.INFO))
        elif path.name.startswith(".") or path.name.endswith(_LEFTOVER_SUFFIXES):
            issues.append(Issue(shown, 0, "hidden file or editor leftover, not a note: skipped"))
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            issues.append(Issue(shown, 0, "not a note (notes end in .md, .markdown, .txt or .rst): skipped"))
        else:
            notes.append(path)
    return notes, issues


def parse_note(data: bytes, path: str, slug: Slug) -> tuple[Note | None, list[Issue]]:
    text, issues = decode(data, path)
    if text is None:
        return None, issues
    if not text.strip():
        return None, [*issues, Issue(path, 0, "empty note: skipped")]
    shape = shapes.detect_shape(text, Path(path).suffix)
    if shape is None:
        known = ", ".join(shapes.SHAPES)
        return None, [
            *issues,
            Issue(path, 0, f"no known note shape fits this file ({known}; see README): skipped"),
        ]
    try:
        parsed = shapes.parse(shape, text, path)
    except Exception as error:  # a fault of ours must not stop the other notes
        return None, [*issues, Issue(path, 0, f"could not be read as the '{shape}' shape ({error!r}): skipped")]
    title = parsed.title or names.display(Path(path).stem.replace("-", " ").replace("_", " "))
    note = Note(
        path=path,
        slug=slug,
        shape=shape,
        title=title,
        meta=tuple(parsed.meta),
        meta_lines=tuple(sorted(set(parsed.meta_lines))),
        entries=tuple(parsed.entries),
        issues=tuple(parsed.issues),
    )
    if not note.entries:
        issues.append(Issue(path, 0, f"read as the '{shape}' shape but holds no term"))
    return note, issues


def parse(folder: Path) -> tuple[list[Note], list[Issue]]:
    """Every note of a folder, in file-name order, and every issue met on the way."""
    paths, issues = find_notes(folder)
    stems = names.unique_slugs([(path.name, path.stem) for path in paths])
    notes: list[Note] = []
    for path in paths:
        shown = f"{folder.name}/{path.name}"
        note, note_issues = parse_note(path.read_bytes(), shown, stems[path.name])
        issues.extend(note_issues)
        if note is not None:
            if note.shape == Shape.MARKDOWN:
                assets, asset_issues = read_assets(note, folder)
                note = dataclasses.replace(note, assets=assets)
                issues.extend(asset_issues)
            notes.append(note)
            issues.extend(note.issues)
    return notes, issues


def read_assets(note: Note, folder: Path) -> tuple[tuple[Asset, ...], list[Issue]]:
    """The local images a Markdown note shows, read from beside it; a warning for each one missing."""
    assets: dict[str, Asset] = {}
    issues: list[Issue] = []
    root = folder.resolve()
    for entry in note.entries:
        for src in mdparse.images(entry.body):
            path = local_path(src)
            if path is None or path in assets:
                if path is None and src.startswith(("/", "..", "\\")):
                    issues.append(
                        Issue(note.path, entry.line, f"image '{src}' is outside the glossary folder: not shown")
                    )
                continue
            file = (folder / path).resolve()
            if root not in file.parents or not file.is_file():
                issues.append(Issue(note.path, entry.line, f"image '{src}' not found beside the note: not shown"))
            elif file.suffix.lower() not in IMAGE_SUFFIXES or file.stat().st_size > MAX_IMAGE_BYTES:
                why = "is not an image file" if file.suffix.lower() not in IMAGE_SUFFIXES else "is over 10 MB"
                issues.append(Issue(note.path, entry.line, f"'{src}' {why}: not shown"))
            else:
                assets[path] = Asset(path, file.read_bytes())
    return tuple(assets.values()), issues
