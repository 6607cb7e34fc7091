"""Stage 1, parse: files in ``glossary/`` become ``Note``s.

Reading never raises on a file's content: a file that is not a note, cannot be
decoded or has no known shape becomes an ``Issue`` naming it, and the rest of
the glossary still builds.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from . import names, shapes
from .model import Issue, Note, Slug

NOTE_SUFFIXES = (".md", ".txt")
CURATED = "curated.yml"
IGNORED = {CURATED, "README.md"}  # files of glossary/ that are not notes
_LEFTOVER_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak", ".orig")


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
            issues.append(Issue(shown, 0, "a folder: notes are read from glossary/ itself only; skipped"))
        elif path.name.startswith(".") or path.name.endswith(_LEFTOVER_SUFFIXES):
            issues.append(Issue(shown, 0, "hidden file or editor leftover, not a note: skipped"))
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            issues.append(Issue(shown, 0, "not a note (notes end in .md or .txt): skipped"))
        else:
            notes.append(path)
    return notes, issues


def parse_note(data: bytes, path: str, slug: Slug) -> tuple[Note | None, list[Issue]]:
    text, issues = decode(data, path)
    if text is None:
        return None, issues
    if not text.strip():
        return None, [*issues, Issue(path, 0, "empty note: skipped")]
    shape = shapes.detect_shape(text)
    if shape is None:
        known = ", ".join(shapes.SHAPES)
        return None, [
            *issues,
            Issue(path, 0, f"no known note shape fits this file ({known}; see README): skipped"),
        ]
    parsed = shapes.parse(shape, text, path)
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
            notes.append(note)
            issues.extend(note.issues)
    return notes, issues
