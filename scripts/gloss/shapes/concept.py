"""The concept shape: a vault note (Obsidian, Foam, Quartz, Logseq) that is one concept.

    ---
    aliases: [LoRA]                  other names of the concept
    tags: [fine-tuning, #efficiency] its topics
    ---
    # Low-Rank Adaptation            the term: front-matter title, else the one "# " heading, else the file name
    Freezes the weights and learns   the body, all of it, is the definition: its sections
    a low-rank update [[Adapter]].   (## Intuition, ## References ...) stay on the page as sections

It is told from a glossary by its text, never by its folder: a note with aliases, or
whose title is the concept its first paragraph talks about, and in which no glossary
idiom (bold term lines, a term table, a definition list, many term headings) finds
several terms.  Inline ``#tags`` are topics too.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import NamedTuple

import yaml

from .. import mdparse, names
from ..model import Entry, Issue, Level, Shape
from ..obsidian import fenced
from . import markdown
from .common import (
    TAG_LINE,
    Fit,
    Parsed,
    body_start,
    has_front_matter,
    page_properties,
    title_properties,
    yaml_data,
)
from .mdblocks import inline_name

SHAPE = Shape.CONCEPT
_H1 = re.compile(r"^#\s+(?P<name>.+?)\s*#*\s*$")
_SETEXT_H1 = re.compile(r"^=+\s*$")
_HEADING = re.compile(r"^#{1,6}\s")
_TAG = re.compile(r"(?<![\w&#/\]\)(\[])#(?P<tag>[A-Za-z][\w/-]*)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
_COLLECTION = re.compile(r"\b(glossary|glossaries|terms|keywords|vocabulary|definitions|cheat ?sheet|index)\b", re.I)
_WIKILINK = re.compile(r"\[\[[^\]]+\]\]")
_DATE = re.compile(r"^\d{4}([-_ ])\d{2}\1\d{2}\b|^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$")  # Logseq names journals 2024_05_02
_PROSE = re.compile(r"^\s{0,3}(?![-*+]\s|\d+[.)]\s|[|>`<!~=])[\w\"'(*_\[$\\]")
MAX_SECTIONS = 8  # a note of more term headings than this is a glossary, whatever else it has


class _Split(NamedTuple):
    data: dict[str, object]  # the front matter (parsed), or the page's properties
    start: int  # the line the body starts on (0-based)
    lines: list[str]  # the body's lines (Notion's property lines blanked)
    error: str | None  # why the front matter is not YAML
    properties: list[int]  # Notion's property lines under the title (0-based), read as front matter


def _split(text: str) -> _Split:
    lines = text.split("\n")
    if not has_front_matter(text):
        properties, count = page_properties(lines)  # Logseq's "alias:: LoRA" lines, if any
        where: list[int] = []
        if not count:  # Notion's "Tags: …" lines under the title, if any: front matter too, not the body
            properties, where = title_properties(lines)
            lines = [("" if index in where else line) for index, line in enumerate(lines)] if where else lines
        return _Split(dict(properties), count, lines, None, where)
    start = body_start(text, lines)
    try:
        data = yaml_data("\n".join(lines[1 : start - 1])) or {}
    except yaml.YAMLError as error:
        return _Split({}, start, lines, str(error).split("\n")[0], [])
    return _Split(data if isinstance(data, dict) else {}, start, lines, None, [])


def _strings(value: object) -> list[str]:
    """A front-matter list, or a comma-separated string, as strings."""
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(",")
    return [str(item).strip().strip("#").strip() for item in items if item is not None and str(item).strip()]


def _title(lines: list[str], start: int) -> tuple[str, int] | None:
    """The note's one level-1 heading (ATX or setext) and its 0-based line, when there is exactly one."""
    found = []
    code = fenced(lines)
    for index in range(start, len(lines)):
        line = lines[index]
        if code[index]:
            continue
        match = _H1.match(line)
        if match:
            found.append((inline_name(match["name"]), index))
        elif (
            _SETEXT_H1.match(line)
            and index > start
            and lines[index - 1].strip()
            and not _HEADING.match(lines[index - 1])
        ):
            found.append((inline_name(lines[index - 1].strip()), index - 1))
    return found[0] if len(found) == 1 else None


def _first_paragraph(lines: list[str], start: int, title_at: int = -1) -> str:
    """The first paragraph of the body, the title (ATX or setext) left out."""
    paragraph: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if index == title_at or (index == title_at + 1 and _SETEXT_H1.match(line)):
            continue
        if not line.strip() or _HEADING.match(line):
            if paragraph:
                break
            continue
        if TAG_LINE.match(line) or _SETEXT_H1.match(line):
            continue
        if not paragraph and not _PROSE.match(line):
            return ""  # a list, table, quote, code or HTML first: no prose to be about anything
        paragraph.append(line)
    return " ".join(paragraph)


def score(text: str) -> int:
    """How surely a text is one concept's note: aliases, a title its first paragraph is about, wikilinks;
    against it, a title that names a collection and glossary idioms that find several terms."""
    data, start, lines, _, _ = _split(text)
    points = 0
    if data.get("aliases") or data.get("alias"):
        points += 3
    if data.get("tags") or data.get("tag"):
        points += 1
    heading, title_at = _title(lines, start) or ("", -1)
    title = str(data.get("title") or "") or heading
    first = _first_paragraph(lines, start, title_at)
    if title:
        points += 1
        said = [title, *_strings(data.get("aliases")), *_strings(data.get("alias"))]
        if any(names.key(name) and names.key(name) in names.key(first) for name in said):
            points += 2
        if _COLLECTION.search(title):
            points -= 5
    if _WIKILINK.search(text):
        points += 1
    entries = markdown.parse(text, "").entries
    headed = sum(1 for entry in entries if entry.anchor)
    marked = len(entries) - headed
    if marked >= 3:
        points -= 4
    if headed > MAX_SECTIONS:
        points -= 4
    if not entries and (first or title or _WIKILINK.search(text) or _TAG.search(_without_code(text))):
        # prose that no glossary idiom reads, a title alone, or an outline linked into a vault (Logseq):
        # a note about one concept
        points += 2
    return points


def detect(text: str) -> Fit:
    points = score(text)
    return Fit.STRONG if points >= 3 else Fit.WEAK if points >= 2 else Fit.NO


def parse(text: str, path: str) -> Parsed:
    parsed = Parsed()
    data, start, lines, error, properties = _split(text)
    if start:
        parsed.meta_lines.extend(range(1, start + 1))  # the front matter, whatever YAML reads in it
    parsed.meta_lines.extend(index + 1 for index in properties)
    if error:
        parsed.issues.append(Issue(path, 2, f"front matter is not valid YAML ({error}): its fields are not read"))
    title_at = _title(lines, start)
    name = str(data.get("title") or "").strip()
    line = 1
    if name:
        line = next(
            (i + 1 for i, text_line in enumerate(lines[:start]) if text_line.startswith("title:")), 1
        )  # or "title::"
    elif title_at:
        name, line = title_at[0], title_at[1] + 1
    else:
        name = names.display(names.file_title(PurePosixPath(path).stem).replace("_", " "))
        line = start + 1 if start < len(lines) else 1
    parsed.title = name
    if _DATE.match(name):
        parsed.issues.append(
            Issue(path, line, f"a daily note ('{name}' is a date), not a concept: not a term", Level.INFO)
        )
        return parsed
    skip = set()
    if title_at:
        skip.add(title_at[1])
        if title_at[1] + 1 < len(lines) and _SETEXT_H1.match(lines[title_at[1] + 1]):
            skip.add(title_at[1] + 1)
    tags = [*_strings(data.get("tags")), *_strings(data.get("tag"))]
    body: list[str] = []
    shown: list[int] = []
    code = fenced(lines)
    for index in range(start, len(lines)):
        raw = lines[index]
        fence = code[index]
        if index in skip:
            body.append("")
            continue
        if not fence and TAG_LINE.match(raw) and not _HEADING.match(raw):
            tags.extend(match["tag"] for match in _TAG.finditer(raw))
            parsed.meta_lines.append(index + 1)
            body.append("")
            continue
        if not fence:
            tags.extend(match["tag"] for match in _TAG.finditer(_without_code(raw)))
            raw = _untag(raw) if "#" in raw else raw
        body.append(raw)
        if raw.strip():
            shown.append(index + 1)
    for key, value in data.items():
        if key in ("title", "aliases", "alias", "tags", "tag") or value in (None, "", []):
            continue
        if isinstance(value, (str, int, float)) and str(key).lower() in (
            "description",
            "summary",
            "source",
            "author",
            "url",
        ):
            parsed.meta.append((str(key).capitalize(), str(value)))
    markdown_body = "\n".join(body).strip("\n")
    aliases = tuple(
        dict.fromkeys(a for a in [*_strings(data.get("aliases")), *_strings(data.get("alias"))] if a != name)
    )
    parsed.entries.append(
        Entry(
            name=name,
            line=line,
            paragraphs=tuple(mdparse.plain_text(markdown_body)),
            lines=tuple(sorted({line, *shown, *(index + 1 for index in skip)})),
            body=markdown_body,
            aliases=aliases,
            anchor=mdparse.anchor_key(name),
            tags=tuple(dict.fromkeys(tag for tag in tags if tag)),
        )
    )
    if not markdown_body.strip():
        parsed.issues.append(Issue(path, line, f"'{name}' has a note but no definition yet", Level.INFO))
    return parsed


def _untag(line: str) -> str:
    """An inline "#deep-learning" reads as "deep learning" (the tag itself becomes a topic); code keeps its "#"."""
    out, position = [], 0
    for span in _CODE_SPAN.finditer(line):
        out.append(_TAG.sub(lambda m: m["tag"].replace("/", " / ").replace("-", " "), line[position : span.start()]))
        out.append(span.group())
        position = span.end()
    out.append(_TAG.sub(lambda m: m["tag"].replace("/", " / ").replace("-", " "), line[position:]))
    return "".join(out)


def _without_code(line: str) -> str:
    return re.sub(r"`[^`]*`|\[\[[^\]]*\]\]|\]\([^)]*\)|https?://\S+", " ", line)
