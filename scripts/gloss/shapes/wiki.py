"""The wiki shape: "# title", author/version lines, "## Section" prose, a Question | Answer
table and a "Pages linking here" footer.

    # Deep learning
    someone's
    version from
    2024-01-01 10:00
    ## Epoch
    One pass over the data.
    ## Terms
    Question | Answer |
    ---|---|
    Tensor | an n-d array |

Each prose section is a term and so is each table row; a section that only
introduces a table is a heading, not a term; the footer is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Issue, Level, Shape
from .common import HEADING, Draft, Fit, Parsed, filled, numbered

SHAPE = Shape.WIKI
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_POSSESSIVE = re.compile(r"^(\S+?)['’]s$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_FOOTER = re.compile(r"pages linking here|what links here|backlinks|linking quickstart", re.I)


def detect(text: str) -> Fit:
    """A "# title" over "## sections" is a weak sign (Markdown notes look so too); author or version
    lines under the title, the footer, or table rows apart by blank lines are a strong one."""
    lines = filled(text)
    if not (lines and lines[0].startswith("# ") and any(line.startswith("## ") for line in lines)):
        return Fit.NO
    first_section = next(i for i, line in enumerate(lines) if line.startswith("## "))
    header = [line.strip() for line in lines[1:first_section]]
    signed = any(_POSSESSIVE.match(line) or _DATE.match(line) or line.lower().startswith("version") for line in header)
    footer = any(line.startswith("#") and _FOOTER.search(line) for line in lines)
    return Fit.STRONG if signed or footer or _rows_apart(text.split("\n")) else Fit.WEAK


def _rows_apart(lines: list[str]) -> bool:
    """A pipe table whose rows are separated by blank lines (which Markdown reads as no table)."""
    for index, line in enumerate(lines):
        if _TABLE_SEPARATOR.match(line) and "|" in line:
            after = lines[index + 1 : index + 3]
            if len(after) == 2 and not after[0].strip() and "|" in after[1]:
                return True
    return False


@dataclass
class _Reader:
    """The wiki page read line by line: where we are is the state, one method per kind of line."""

    path: str
    parsed: Parsed = field(default_factory=Parsed)
    drafts: list[Draft] = field(default_factory=list)
    header: list[tuple[int, str]] = field(default_factory=list)
    section: Draft | None = None  # the current prose section
    in_sections: bool = False
    in_footer: bool = False
    table_header_seen: bool = False

    def info(self, number: int, why: str) -> None:
        self.parsed.issues.append(Issue(self.path, number, why, level=Level.INFO))

    def heading(self, number: int, level: int, name: str) -> None:
        if level == 1 and not self.parsed.title and not self.in_sections:
            self.parsed.title = name
            self.parsed.meta_lines.append(number)
            return
        self.in_sections = True
        self.table_header_seen = False
        self.in_footer = bool(_FOOTER.search(name))
        if self.in_footer:
            self.info(number, "wiki footer ('Pages linking here') skipped")
            self.section = None
            return
        self.section = Draft(name=name, line=number, lines=[number])
        self.drafts.append(self.section)

    def table_line(self, number: int, line: str, after: str) -> None:
        if _TABLE_SEPARATOR.match(line):
            self.info(number, "table separator row")
            return
        if not self.table_header_seen and _TABLE_SEPARATOR.match(after):
            self.table_header_seen = True
            self.info(number, f"table header row ({line})")
            if self.section is not None and not self.section.paragraphs:
                # The section only introduces the table: it is a heading, not a term.
                self.drafts.remove(self.section)
                self.info(
                    self.section.line,
                    f"section heading '{self.section.name}' introduces a table; its rows are the terms",
                )
                self.section = None
            return
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        name, definition = cells[0], " | ".join(cell for cell in cells[1:] if cell)
        if not name:
            self.parsed.issues.append(Issue(self.path, number, "table row has no term in its first cell"))
            return
        row = Draft(name=name, line=number, lines=[number])
        if definition:
            row.paragraphs.append(definition)
        self.drafts.append(row)

    def prose(self, number: int, line: str) -> None:
        if self.section is None:
            self.parsed.issues.append(Issue(self.path, number, "text after a table that belongs to no section"))
            return
        self.section.paragraphs.append(line)
        self.section.lines.append(number)

    def line(self, number: int, line: str, after: str) -> None:
        heading = HEADING.match(line)
        if heading:
            self.heading(number, len(heading.group(1)), heading.group(2))
        elif self.in_footer:
            self.info(number, "wiki footer skipped")
        elif not self.in_sections:
            self.header.append((number, line.strip()))
        elif "|" in line:
            self.table_line(number, line.strip(), after)
        else:
            self.prose(number, line.strip())


def parse(text: str, path: str) -> Parsed:
    lines = numbered(text)
    # The next non-blank line after each line, found in one pass (a table header is
    # the row before a separator row).
    following = [""] * len(lines)
    upcoming = ""
    for position in range(len(lines) - 1, -1, -1):
        following[position] = upcoming
        if lines[position][1].strip():
            upcoming = lines[position][1].strip()
    reader = _Reader(path)
    for position, (number, line) in enumerate(lines):
        if line.strip():
            reader.line(number, line, following[position])
    _header(reader.header, reader.parsed)
    reader.parsed.entries = [draft.freeze() for draft in reader.drafts]
    return reader.parsed


def _header(header: list[tuple[int, str]], parsed: Parsed) -> None:
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
