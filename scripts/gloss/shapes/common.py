"""What the shape modules share: the parse result, an entry being read, and line helpers.

Every parser takes a note's text (lines split on "\\n") and its path, and
returns a ``Parsed``: the entries in note order, the note's metadata, and an
``Issue`` with ``path:line`` for every non-blank line it does not show.
Parsers never raise on any text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import yaml

from ..model import CodeLine, Entry, Issue

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where PyYAML has it: about 10x faster


@functools.lru_cache(maxsize=16)
def yaml_data(text: str) -> Any:
    """YAML read as ``yaml.safe_load`` reads it (the same safe constructor).  A note's front matter
    is read by two shapes' detection and then by its parser: the last few texts' data are kept,
    shared, so no caller may change what it gets."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)


class Fit(IntEnum):
    """How surely a text has a shape: a strong sign wins over any weak one."""

    NO = 0
    WEAK = 1
    STRONG = 2


@dataclass
class Parsed:
    title: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    meta_lines: list[int] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass
class Draft:
    """An entry while its lines are being read."""

    name: str
    line: int
    locus: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    code: list[CodeLine] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # Markdown parts (the markdown shape)
    anchor: str = ""
    marked: bool = False  # its name is marked as a term (bold, a table cell, a definition list), not only by a colon

    def freeze(self) -> Entry:
        return Entry(
            name=self.name,
            line=self.line,
            paragraphs=tuple(self.paragraphs),
            bullets=tuple(self.bullets),
            code=tuple(self.code),
            refs=tuple(self.refs),
            locus=self.locus,
            lines=tuple(self.lines),
        )


_TERM = re.compile(r"^(?P<name>[^:]+?)\s*:(?:\s+(?P<text>.*\S)|\s*)$")
_CODE_HINT = re.compile(r"[=(){}\[\]]|^\s*\w+\.\w+|#\s")
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$", re.M)
LOCUS = re.compile(r"^(?P<locus>[^:]*?)\s*:(?:\s+(?P<rest>.*\S)|\s*$)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def numbered(text: str) -> list[tuple[int, str]]:
    """The lines of a text with their 1-based numbers."""
    return list(enumerate(text.split("\n"), start=1))


def nonblank(text: str) -> list[tuple[int, str]]:
    """The non-blank lines of a text with their 1-based numbers."""
    return [(number, line) for number, line in numbered(text) if line.strip()]


def filled(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


_PROPERTY = re.compile(r"^(?P<key>[A-Za-z][\w-]*)::(?:[ \t]+(?P<value>.*?))?[ \t]*$")
_PAGE_REF = re.compile(r"\[\[([^\[\]]*)\]\]")
_PAGE_KEYS = {"title", "alias", "aliases", "tags", "tag"}  # one of them: page properties, not "Epoch:: …" terms


def page_properties(lines: list[str]) -> tuple[dict[str, str], int]:
    """Logseq's page properties, the note's first lines ("title:: Low-rank adaptation",
    "alias:: LoRA", "tags:: [[fine-tuning]], efficiency"), as front matter would give them (keys in
    lower case, page references as their names), and how many lines they take."""
    found: dict[str, str] = {}
    count = 0
    for line in lines:
        match = _PROPERTY.match(line)
        if not match:
            break
        found[match["key"].lower()] = _PAGE_REF.sub(r"\1", match["value"] or "").strip()
        count += 1
    return (found, count) if _PAGE_KEYS & set(found) else ({}, 0)


# Notion's page properties, one "Key: value" line each under the page's "# Title" in an export: its
# own and the usual ones, never a term's name ("Epoch: one pass over the data" is a term line).
_TITLE_KEYS = {
    "tags", "tag", "aliases", "alias", "created", "created time", "created by", "last edited", "last edited time",
    "last edited by", "status", "type", "source", "sources", "url", "date", "author", "authors", "category",
    "categories", "course", "class", "priority", "area", "project", "topic", "topics", "related", "reviewed",
}  # fmt: skip
_TITLE_PROPERTY = re.compile(r"^(?P<key>[A-Z][A-Za-z]*(?: [A-Za-z]+){0,2}): (?P<value>\S.*?)\s*$")


def title_properties(lines: list[str]) -> tuple[dict[str, str], list[int]]:
    """Notion's page properties: a paragraph of "Key: value" lines right under the note's "# Title"
    ("Tags: optimisation, training", "Status: Done"), every key a property's; keys in lower case,
    and the lines (0-based) they take."""
    at = next((index for index, line in enumerate(lines) if line.strip()), None)
    if at is None or not lines[at].startswith("# "):
        return {}, []
    index = at + 1
    while index < len(lines) and not lines[index].strip():
        index += 1
    found: dict[str, str] = {}
    where: list[int] = []
    while index < len(lines) and (match := _TITLE_PROPERTY.match(lines[index])):
        if match["key"].lower() not in _TITLE_KEYS:
            return {}, []
        found[match["key"].lower()] = match["value"]
        where.append(index)
        index += 1
    return (found, where) if where and (index == len(lines) or not lines[index].strip()) else ({}, [])


def has_front_matter(text: str) -> bool:
    return text.startswith("---\n") and _FRONT_MATTER_END.search(text, 4) is not None


def body_start(text: str, lines: list[str]) -> int:
    """The index of the first line after the text's front matter (its ``lines``); 0 without one."""
    if not has_front_matter(text):
        return 0
    return next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")) + 1


_LINKS = re.compile(r"!?\[\[[^\[\]\n]+\]\]|\[[^\]\n]*\]\([^)\n]*\)")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TAG_LINE = re.compile(r"^\s*(?:#[A-Za-z][\w/-]*[\s,]*)+$")  # a line of #tags and nothing else


def is_link_index(text: str) -> bool:
    """An index of other notes (a map of content, a hub): under its title and tags, nothing but
    lines of links, each with a few words at most ("- [[202103051234]] Attention")."""
    lines = text.split("\n")
    rest = [
        line
        for line in lines[body_start(text, lines) :]
        if line.strip() and not HEADING.match(line) and not TAG_LINE.match(line)
    ]
    return bool(rest) and all(
        _LINKS.search(line) and len(_LINKS.sub(" ", _ITEM.sub("", line)).split()) <= MAX_INDEX_WORDS for line in rest
    )


MAX_INDEX_WORDS = 6  # words beside a line's links in an index of notes


def is_short_line(text: str) -> bool:
    """A line that reads as a name or a heading rather than as prose."""
    text = text.strip()
    return 0 < len(text) <= 80 and len(text.split()) <= 8 and not text.endswith((".", ",", ";"))


def blocks(lines: list[str]) -> list[list[int]]:
    """Indexes of the lines of each blank-line-separated block."""
    result: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.strip():
            current.append(index)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def looks_like_code(text: str) -> bool:
    return bool(_CODE_HINT.search(text))


def split_term(text: str) -> tuple[str, str] | None:
    """ "Term: definition" -> ("Term", "definition"); None when the text has no such shape."""
    match = _TERM.match(text.strip())
    if not match:
        return None
    name = match["name"].strip()
    if not name or " = " in name or len(name) > 80 or len(name.split()) > 8:
        return None
    return name, match["text"] or ""


def locus_rest(
    rest: str,
    locus: str | None,
    number: int,
    path: str,
    drafts: list[Draft],
    issues: list[Issue],
) -> None:
    """Read what follows a locus: a term line, or a line of code for the entry before."""
    term = split_term(rest)
    if term:
        name, text = term
        draft = Draft(name=name, line=number, locus=locus, lines=[number])
        if text:
            draft.paragraphs.append(text)
        drafts.append(draft)
    elif not looks_like_code(rest) and 0 < len(rest.split()) <= 6 and rest[:1].isalpha():
        drafts.append(Draft(name=rest.strip(), line=number, locus=locus, lines=[number]))
    elif drafts:
        drafts[-1].code.append(CodeLine(text=rest.rstrip(), line=number, locus=locus))
        drafts[-1].lines.append(number)
    else:
        issues.append(Issue(path, number, "no 'Term: definition' here and no entry before it to hold it as code"))
