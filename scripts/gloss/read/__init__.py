"""Stage 1, parse: files in ``glossary/`` become ``Note``s.

Reading never raises on a file's content: a file that is not a note, cannot be
decoded or has no known shape becomes an ``Issue`` naming it, and the rest of
the glossary still builds.
"""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path, PurePosixPath

from .. import names, obsidian, shapes
from ..model import Issue, Level, Note, Shape, Slug
from ..shapes.common import is_link_index
from . import org
from .assets import read_assets
from .decode import decode
from .folders import (
    ATTACHMENT_FOLDERS,
    CURATED,
    HTML_SUFFIXES,
    IGNORED,
    IMAGE_SUFFIXES,
    NOTE_SUFFIXES,
    shown_path,
    walk,
)

__all__ = [
    "CURATED",
    "IGNORED",
    "IMAGE_SUFFIXES",
    "NOTE_SUFFIXES",
    "decode",
    "parse",
    "parse_note",
    "read_assets",
    "walk",
]


_NO_GLOSSARY = "an HTML page with no glossary in it (a <dl> of terms, or <details> with a <summary>): skipped"
_PAGE_TITLE = re.compile(r"<h1\b[^>]*>(?P<title>.*?)</h1>|<title>(?P<head>.*?)</title>", re.S | re.I)


def parse_note(data: bytes, path: str, slug: Slug) -> tuple[Note | None, list[Issue]]:
    text, issues = decode(data, path)
    if text is None:
        return None, issues
    if not text.strip():
        return None, [*issues, Issue(path, 0, "empty note: skipped")]
    suffix = PurePosixPath(path).suffix.lower()
    links: list[tuple[str, int]] = []
    if suffix == ".org":  # Org-mode: read as the Markdown it means, line for line (``org.py``)
        text, converted = org.to_markdown(text, path)
        issues.extend(converted)
        suffix = ".md"
    if suffix in (".md", ".markdown"):  # a .txt note stays exactly as typed
        text, stripped = obsidian.strip(text, path)
        issues.extend(stripped)
        links = [(link.target, link.line) for link in obsidian.wikilinks(text) if link.target and not link.is_image]
    page = suffix in HTML_SUFFIXES  # a saved web page: its glossaries are read as in a Markdown note
    shape = shapes.detect_shape(text, suffix)
    if page and shape != Shape.MARKDOWN:
        return None, [*issues, Issue(path, 0, _NO_GLOSSARY, Level.INFO)]
    if shape is None and is_link_index(text):
        return None, [
            *issues,
            Issue(path, 0, "an index of other notes (only links, no term): no page of its own", Level.INFO),
        ]
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
    if page and not parsed.entries:
        return None, [*issues, Issue(path, 0, _NO_GLOSSARY, Level.INFO)]
    found = _PAGE_TITLE.search(text) if page else None
    title = (
        parsed.title
        or (" ".join(html.unescape(re.sub(r"<[^>]+>", " ", found["title"] or found["head"])).split()) if found else "")
        or names.display(names.file_title(Path(path).stem).replace("-", " ").replace("_", " "))
    )
    note = Note(
        path=path,
        slug=slug,
        shape=shape,
        title=title,
        meta=tuple(parsed.meta),
        meta_lines=tuple(sorted(set(parsed.meta_lines))),
        entries=tuple(parsed.entries),
        issues=tuple(parsed.issues),
        wikilinks=tuple(links),
    )
    if not note.entries and not parsed.issues:
        issues.append(Issue(path, 0, f"read as the '{shape}' shape but holds no term"))
    return note, issues


def parse(folder: Path) -> tuple[list[Note], list[Issue]]:
    """Every note under a folder, in path order, and every issue met on the way."""
    vault = walk(folder)
    issues = list(vault.issues)
    relative = {path: "/".join(path.relative_to(folder).parts) for path in vault.notes}
    stems = names.unique_slugs([(relative[path], names.file_title(path.stem)) for path in vault.notes])
    notes: list[Note] = []
    for path in vault.notes:
        shown = shown_path(folder, path)
        try:
            data = path.read_bytes()
        except OSError as error:
            issues.append(Issue(shown, 0, f"cannot be read ({error.strerror}): skipped"))
            continue
        note, note_issues = parse_note(data, shown, stems[relative[path]])
        issues.extend(note_issues)
        if note is not None:
            note = _with_folder_topic(note, path.parent, folder)
            if any(entry.body for entry in note.entries):  # Markdown it shows: images may be in it
                assets, asset_issues = read_assets(note, path.parent, folder, vault.images)
                note = dataclasses.replace(note, assets=assets)
                issues.extend(asset_issues)
            notes.append(note)
            issues.extend(note.issues)
    shapes.forget()  # a note's tokens, kept while its shape was found and read, are done with
    return _titles_over_aliases(notes, issues), issues


def _titles_over_aliases(notes: list[Note], issues: list[Issue]) -> list[Note]:
    """An alias that is another vault note's title stays that note's name: [[Adam]] goes to Adam.md."""
    titles = {
        names.key(entry.name): note.path for note in notes if note.shape == Shape.CONCEPT for entry in note.entries
    }
    result = []
    for note in notes:
        entries = []
        for entry in note.entries:
            kept = []
            for alias in entry.aliases:
                owner = titles.get(names.key(alias))
                if owner and owner != note.path:
                    why = f"alias '{alias}' of '{entry.name}' is the title of {owner}: it names that note, not this one"
                    issues.append(Issue(note.path, entry.line, why))
                else:
                    kept.append(alias)
            entries.append(
                entry if len(kept) == len(entry.aliases) else dataclasses.replace(entry, aliases=tuple(kept))
            )
        result.append(dataclasses.replace(note, entries=tuple(entries)))
    return result


def _with_folder_topic(note: Note, where: Path, folder: Path) -> Note:
    """A vault note with no tags takes its folder as its topic ("Optimisers/Adam.md" -> Optimisers)."""
    if note.shape != Shape.CONCEPT or where == folder or where.name.lower() in ATTACHMENT_FOLDERS:
        return note
    entries = tuple(
        entry if entry.tags else dataclasses.replace(entry, tags=(names.file_title(where.name).replace("_", " "),))
        for entry in note.entries
    )
    return dataclasses.replace(note, entries=entries)
