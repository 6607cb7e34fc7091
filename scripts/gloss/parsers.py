"""One parser per note shape, found through ``PARSERS``.

Each parser takes a note's text (lines split on "\\n") and its path, and returns
a ``Parsed``: the entries in note order, the note's metadata, and an ``Issue``
with ``path:line`` for every non-blank line it does not show.  Parsers never
raise on any text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml

from . import shapes
from .model import CodeLine, Entry, Issue
from .names import strip_name


@dataclass
class Parsed:
    title: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    meta_lines: list[int] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


@dataclass
class _Draft:
    """An entry while its lines are being read."""

    name: str
    line: int
    locus: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    code: list[CodeLine] = field(default_factory=list)
    refs: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)

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
_URL = re.compile(r"^<?(https?://\S+?)>?$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_LIST_LINE = re.compile(r"^\s*[-*+]\s?(?P<rest>.*)$")
_LOCUS = re.compile(r"^(?P<locus>[^:]*?)\s*:(?:\s+(?P<rest>.*\S)|\s*$)")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_POSSESSIVE = re.compile(r"^(\S+?)['’]s$")
_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+/?$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FOOTER = re.compile(r"pages linking here|what links here|backlinks|linking quickstart", re.I)


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


def _clean(text: str) -> str:
    return text.strip()


def _lines(text: str) -> list[tuple[int, str]]:
    return list(enumerate(text.split("\n"), start=1))


def _locus_rest(
    rest: str,
    locus: str | None,
    number: int,
    path: str,
    drafts: list[_Draft],
    issues: list[Issue],
) -> None:
    """Read what follows a locus: a term line, or a line of code for the entry before."""
    term = split_term(rest)
    if term:
        name, text = term
        draft = _Draft(name=name, line=number, locus=locus, lines=[number])
        if text:
            draft.paragraphs.append(text)
        drafts.append(draft)
    elif not looks_like_code(rest) and 0 < len(rest.split()) <= 6 and rest[:1].isalpha():
        drafts.append(_Draft(name=rest.strip(), line=number, locus=locus, lines=[number]))
    elif drafts:
        drafts[-1].code.append(CodeLine(text=rest.rstrip(), line=number, locus=locus))
        drafts[-1].lines.append(number)
    else:
        issues.append(Issue(path, number, "no 'Term: definition' here and no entry before it to hold it as code"))


def parse_list(text: str, path: str) -> Parsed:
    """YAML front matter (optional), then "- Locus: Term: definition" lines.

    The locus may be empty ("- : Term: definition").  A line without the
    "Term: definition" shape is code of the entry before it.
    """
    parsed = Parsed()
    lines = _lines(text)
    start = 0
    if shapes.has_front_matter(text):
        end = next(i for i, (_, line) in enumerate(lines) if i > 0 and line.strip() in ("---", "..."))
        front = "\n".join(line for _, line in lines[1:end])
        start = end + 1
        _front_matter(front, path, parsed, first_line=2)
        parsed.meta_lines.extend([1, end + 1])
    drafts: list[_Draft] = []
    for number, line in lines[start:]:
        if not line.strip():
            continue
        item = _LIST_LINE.match(line)
        if not item:
            parsed.issues.append(Issue(path, number, "not a '- Locus: Term: definition' line"))
            continue
        rest = item["rest"]
        locus_match = _LOCUS.match(rest)
        if locus_match and locus_match["locus"] == "":
            _locus_rest(locus_match["rest"] or "", None, number, path, drafts, parsed.issues)
        elif locus_match and split_term(locus_match["rest"] or ""):
            _locus_rest(locus_match["rest"], locus_match["locus"].strip(), number, path, drafts, parsed.issues)
        else:
            _locus_rest(rest, None, number, path, drafts, parsed.issues)
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def _front_matter(front: str, path: str, parsed: Parsed, first_line: int) -> None:
    for number, line in enumerate(front.split("\n"), start=first_line):
        if line.strip():
            parsed.meta_lines.append(number)
    try:
        data = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first_line + mark.line if mark else first_line
        problem = getattr(error, "problem", None) or "not valid YAML"
        parsed.issues.append(Issue(path, line, f"front matter is not valid YAML: {problem}"))
        parsed.meta.append(("Front matter", front))
        return
    if not isinstance(data, dict):
        parsed.issues.append(Issue(path, first_line, "front matter is not a mapping of 'key: value' lines"))
        parsed.meta.append(("Front matter", front))
        return
    for name, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        value = "" if value is None else str(value)
        if str(name) == "title" and value:
            parsed.title = value
        else:
            parsed.meta.append((str(name).capitalize(), value))


def parse_loci(text: str, path: str) -> Parsed:
    """ "Locus: Term: definition" lines; "Locus: code" lines are code of the entry before."""
    parsed = Parsed()
    drafts: list[_Draft] = []
    for number, line in _lines(text):
        if not line.strip():
            continue
        match = _LOCUS.match(line)
        if match and match["locus"].strip() and match["rest"]:
            _locus_rest(match["rest"], match["locus"].strip(), number, path, drafts, parsed.issues)
        elif drafts and looks_like_code(line):
            drafts[-1].code.append(CodeLine(text=line.rstrip(), line=number))
            drafts[-1].lines.append(number)
        else:
            parsed.issues.append(Issue(path, number, "not a 'Locus: Term: definition' line"))
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def parse_what_is(text: str, path: str) -> Parsed:
    """ "### what is X" headings, each followed by "- " bullets (a bare URL is a reference)."""
    parsed = Parsed()
    drafts: list[_Draft] = []
    for number, line in _lines(text):
        if not line.strip():
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            name = strip_name(heading.group(2))
            if name:
                drafts.append(_Draft(name=name, line=number, lines=[number]))
            else:
                parsed.issues.append(Issue(path, number, "heading names no term"))
        elif not drafts:
            if not parsed.title:
                parsed.title = _clean(line)
            else:
                parsed.meta.append(("Introduction", _clean(line)))
            parsed.meta_lines.append(number)
        elif bullet:
            item = bullet.group(1).strip()
            url = _URL.match(item)
            if url:
                drafts[-1].refs.append(url.group(1))
            else:
                drafts[-1].bullets.append(item)
            drafts[-1].lines.append(number)
        else:
            # A line under a heading that is no bullet continues the last bullet.
            draft = drafts[-1]
            if draft.bullets:
                draft.bullets[-1] = f"{draft.bullets[-1]} {_clean(line)}"
            else:
                draft.paragraphs.append(_clean(line))
            draft.lines.append(number)
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def parse_keywords(text: str, path: str) -> Parsed:
    """Header lines (site, path, title), then a short term line and a paragraph, alternating."""
    parsed = Parsed()
    lines = text.split("\n")
    drafts: list[_Draft] = []
    groups = shapes.blocks(lines)
    header: list[tuple[int, str]] = []
    for index, group in enumerate(groups):
        numbers = [i + 1 for i in group]
        joined = " ".join(lines[i].strip() for i in group)
        short = len(group) == 1 and shapes.is_short_line(joined)
        following = groups[index + 1] if index + 1 < len(groups) else None
        next_is_prose = following is not None and not (
            len(following) == 1 and shapes.is_short_line(lines[following[0]])
        )
        if short and (next_is_prose or drafts):
            drafts.append(_Draft(name=joined, line=numbers[0], lines=numbers))
        elif short:
            header.append((numbers[0], joined))
        elif drafts:
            drafts[-1].paragraphs.append(joined)
            drafts[-1].lines.extend(numbers)
        else:
            parsed.meta.append(("Introduction", joined))
            parsed.meta_lines.extend(numbers)
    for number, line in header:
        parsed.meta_lines.append(number)
        if _DOMAIN.match(line):
            parsed.meta.append(("Site", line))
        elif "/" in line:
            parsed.meta.append(("Path", line))
        elif not parsed.title:
            parsed.title = line
        else:
            parsed.meta.append(("Header", line))
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def parse_wiki(text: str, path: str) -> Parsed:
    """A wiki page: "# title", header lines (author, version), "## Section" prose and tables.

    Each prose section is a term; each table row is a term; a "Pages linking
    here" footer is skipped.
    """
    parsed = Parsed()
    lines = _lines(text)
    drafts: list[_Draft] = []
    section: _Draft | None = None  # the current prose section
    footer = False
    in_sections = False
    table_header_seen = False
    header: list[tuple[int, str]] = []

    def info(number: int, why: str) -> None:
        parsed.issues.append(Issue(path, number, why, level="info"))

    # The next non-blank line after each line, found in one pass (a table header is
    # the row before a separator row).
    following = [""] * len(lines)
    upcoming = ""
    for position in range(len(lines) - 1, -1, -1):
        following[position] = upcoming
        if lines[position][1].strip():
            upcoming = lines[position][1].strip()

    for position, (number, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) == 1 and not parsed.title and not in_sections:
            parsed.title = heading.group(2)
            parsed.meta_lines.append(number)
            continue
        if heading:
            in_sections = True
            table_header_seen = False
            name = heading.group(2)
            footer = bool(_FOOTER.search(name))
            if footer:
                info(number, "wiki footer ('Pages linking here') skipped")
                section = None
                continue
            section = _Draft(name=name, line=number, lines=[number])
            drafts.append(section)
            continue
        if footer:
            info(number, "wiki footer skipped")
            continue
        if not in_sections:
            header.append((number, stripped))
            continue
        if "|" in stripped:
            after = following[position]
            if _TABLE_SEPARATOR.match(stripped):
                info(number, "table separator row")
                continue
            if not table_header_seen and _TABLE_SEPARATOR.match(after):
                table_header_seen = True
                info(number, f"table header row ({stripped})")
                if section is not None and not section.paragraphs:
                    # The section only introduces the table: it is a heading, not a term.
                    drafts.remove(section)
                    info(section.line, f"section heading '{section.name}' introduces a table; its rows are the terms")
                    section = None
                continue
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            name, definition = cells[0], " | ".join(cell for cell in cells[1:] if cell)
            if not name:
                parsed.issues.append(Issue(path, number, "table row has no term in its first cell"))
                continue
            row = _Draft(name=name, line=number, lines=[number])
            if definition:
                row.paragraphs.append(definition)
            drafts.append(row)
            continue
        if section is None:
            parsed.issues.append(Issue(path, number, "text after a table that belongs to no section"))
            continue
        section.paragraphs.append(stripped)
        section.lines.append(number)
    _wiki_header(header, parsed)
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def _wiki_header(header: list[tuple[int, str]], parsed: Parsed) -> None:
    """Author and version lines under a wiki page's title are metadata."""
    index = 0
    while index < len(header):
        number, line = header[index]
        parsed.meta_lines.append(number)
        following = header[index + 1] if index + 1 < len(header) else None
        author = _POSSESSIVE.match(line)
        if line.lower().startswith("version") and following and _DATE.match(following[1]):
            parsed.meta.append((line[0].upper() + line[1:], following[1]))
            parsed.meta_lines.append(following[0])
            index += 2
            continue
        if _DATE.match(line):
            parsed.meta.append(("Date", line))
        elif author:
            parsed.meta.append(("Author", author.group(1)))
        else:
            parsed.meta.append(("Header", line))
        index += 1


PARSERS: dict[str, Callable[[str, str], Parsed]] = {
    shapes.LIST: parse_list,
    shapes.LOCI: parse_loci,
    shapes.WHAT_IS: parse_what_is,
    shapes.KEYWORDS: parse_keywords,
    shapes.WIKI: parse_wiki,
}
