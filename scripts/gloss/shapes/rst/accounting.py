"""Accounting for every line of a .rst note: what docutils said, the explicit markup a definition
does not show, and each line outside the glossary, reported with why."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes  # type: ignore[import-untyped]

from ...model import Issue, Level
from ..common import Parsed
from .docutils_setup import LINE_LENGTH_LIMIT, known_directive

if TYPE_CHECKING:
    from .reader import Raw

_EXPLICIT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?([\w][\w:.+-]*) ?::(?:\s|$)")
_TARGET = re.compile(r"^\s*\.\.\s+_[^:]*:(?:\s+(\S.*))?$")
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_UNKNOWN_DIRECTIVE = re.compile(r'^Unknown directive type "([^"]+)"')
_UNKNOWN_ROLE = re.compile(r'^Unknown interpreted text role "([^"]+)"')
_TOO_LONG = re.compile(r"^Line (\d+) exceeds the line-length-limit")

RENDERED = {  # directives whose content a definition shows
    "code", "code-block", "sourcecode", "math", "seealso", "admonition", "note", "warning", "tip", "hint",
    "important", "caution", "danger", "error", "attention", "topic", "sidebar", "rubric", "parsed-literal",
    "epigraph", "highlights", "pull-quote", "compound", "container", "table", "list-table", "csv-table",
    "line-block", "glossary",
}  # fmt: skip


class Accounting:
    """The reader's reports: each names the lines it accounts for."""

    source: list[str]
    path: str
    parsed: Parsed

    def issue(self, line: int, why: str, level: Level = Level.INFO, last: int = 0) -> Issue:
        issue = Issue(self.path, line, why, level, last=last if last > line else 0)
        self.parsed.issues.append(issue)
        return issue

    def last_filled(self, first: int, last: int) -> int:
        """The last non-blank line from ``first`` to ``last`` (1-based, inclusive)."""
        for number in range(min(last, len(self.source)), first, -1):
            if self.source[number - 1].strip():
                return number
        return first

    def outside_message(self, message: Any) -> None:
        text = message.children[0].astext() if message.children else ""
        unknown = _UNKNOWN_DIRECTIVE.match(text)
        too_long = _TOO_LONG.match(text)
        if unknown and message.get("line"):
            first, last = _message_lines(message)
            self.issue(first, f"unknown directive '{unknown[1]}': skipped", last=self.last_filled(first, last))
        elif too_long:
            why = f"a line longer than {LINE_LENGTH_LIMIT:,} characters: the note is not read as reStructuredText"
            self.issue(int(too_long[1]), why, Level.WARNING)

    def end_comment(self, lines: list[int]) -> None:
        if lines:
            directive = _DIRECTIVE.match(self.source[lines[0] - 1]) if lines[0] <= len(self.source) else None
            if directive and not known_directive(directive[1]):
                why = f"unknown directive '{directive[1]}': skipped"
            elif directive:
                why = f"the '{directive[1]}' directive among the glossary's terms: skipped"
            else:
                why = "a comment among the glossary's terms: not shown"
            self.issue(lines[0], why, last=lines[-1])
            lines.clear()

    def definition_message(self, message: Any, raw: Raw, roles_seen: dict[str, int]) -> set[int]:
        """Report what docutils said about a definition; the lines it drops."""
        if message.get("level", 0) < 2:
            return set()
        text = " ".join((message.children[0].astext() if message.children else "").split())
        definition_lines = [number for number, content in raw.definition if content.strip()]
        unknown_directive = _UNKNOWN_DIRECTIVE.match(text)
        unknown_role = _UNKNOWN_ROLE.match(text)
        if unknown_role:
            role = unknown_role[1]
            after = roles_seen.get(role, 0)
            found = next(
                (
                    number
                    for number in definition_lines
                    if number > after and f":{role}:`".lower() in self.source[number - 1].lower()
                ),
                None,
            )
            line = found or message.get("line") or definition_lines[0]
            roles_seen[role] = line
            self.issue(line, f"unknown role ':{role}:': its text shown plainly")
            return set()
        literal = any(isinstance(child, nodes.literal_block) for child in message.children)
        line = message.get("line") or (definition_lines[0] if definition_lines else raw.terms[0][1])
        if unknown_directive and literal:
            first, last = _message_lines(message)
            last = self.last_filled(first, last)
            self.issue(first, f"unknown directive '{unknown_directive[1]}': skipped", last=last)
            return set(range(first, last + 1))
        if literal:
            first, last = _message_lines(message)
            last = self.last_filled(first, last)
            self.issue(first, f"not read as reStructuredText ({text}): skipped", Level.WARNING, last=last)
            return set(range(first, last + 1))
        self.issue(line, f"reStructuredText: {text}", Level.WARNING)
        return set()

    def hidden_blocks(self, raw: Raw, reported: set[int]) -> set[int]:
        """Comments, images and other explicit markup a definition holds but does not show."""
        hidden: set[int] = set()
        for kind, lines in _explicit_blocks(raw.definition):
            if reported & set(lines):
                continue
            directive = _DIRECTIVE.match(kind)
            target = _TARGET.match(kind)
            name = directive[1].lower() if directive else ""
            if directive and kind.lstrip()[3:].startswith("|"):
                if name in ("replace", "unicode", "date"):
                    continue
                why = "a substitution definition: not shown"
            elif directive and name in RENDERED:
                continue
            elif directive and not known_directive(name):
                why = f"unknown directive '{directive[1]}': skipped"
            elif name in ("image", "figure"):
                why = f"the '{name}' directive: the images of a .rst note are not shown"
            elif directive:
                why = f"the '{directive[1]}' directive: not shown"
            elif target:
                if target[1]:
                    continue  # a link's URL: shown where the link is
                why = "a link target: nothing to show"
            elif kind.lstrip().startswith(".. ["):
                continue  # a footnote or citation: shown
            else:
                why = "a comment: not shown"
            shown = [number for number in lines if self.source[number - 1].strip()]
            self.issue(shown[0], why, last=shown[-1])
            hidden.update(lines)
        return hidden

    # --- the rest of the note -------------------------------------------------------------------

    def sweep(self) -> None:
        """Report every non-blank line that no entry shows and no issue names, with why."""
        covered = set(self.parsed.meta_lines)
        for entry in self.parsed.entries:
            covered.update(entry.lines)
        for issue in self.parsed.issues:
            covered.update(issue.lines)
        sections = dict(_section_at(self.source))
        group: list[int] = []
        for number, text in enumerate(self.source, start=1):
            if number in covered or not text.strip():
                if group and (number in covered or not _continues(self.source, group, number)):
                    self.report_outside(group, sections)
                    group = []
                continue
            if group and not self.source[number - 2].strip() and not _indented_under(self.source, group[0], number):
                self.report_outside(group, sections)
                group = []
            group.append(number)
        if group:
            self.report_outside(group, sections)

    def report_outside(self, group: list[int], sections: dict[int, tuple[str, bool]]) -> None:
        first_text = self.source[group[0] - 1]
        section, is_heading = sections.get(group[0], ("", False))
        directive = _DIRECTIVE.match(first_text)
        if is_heading:
            why = f"section heading '{section}': not a term (only the glossary's terms are)"
        elif directive and not known_directive(directive[1]):
            why = f"unknown directive '{directive[1]}': skipped"
        elif directive:
            why = f"the '{directive[1]}' directive, outside the glossary: skipped"
        elif _TARGET.match(first_text):
            why = "a link target outside the glossary: skipped"
        elif _EXPLICIT.match(first_text):
            why = "a comment: not shown"
        elif _ADORNMENT.match(first_text) and len(group) == 1:
            why = "a transition line"
        else:
            why = "text outside the glossary" + (f" (section '{section}')" if section else "") + ": skipped"
        self.issue(group[0], why, last=group[-1])


def _continues(source: list[str], group: list[int], number: int) -> bool:
    """Whether a blank line at ``number`` may still be inside the group (an indented block may follow)."""
    following = next((n for n in range(number + 1, len(source) + 1) if source[n - 1].strip()), None)
    return following is not None and _indented_under(source, group[0], following)


def _indented_under(source: list[str], first: int, number: int) -> bool:
    indent = len(source[first - 1]) - len(source[first - 1].lstrip())
    text = source[number - 1]
    return bool(_EXPLICIT.match(source[first - 1]) or source[first - 1].rstrip().endswith("::")) and (
        len(text) - len(text.lstrip()) > indent
    )


def headings(source: list[str]) -> Iterator[tuple[str, list[int]]]:
    """Section headings of a note, by their adornments: (title, its lines)."""
    for index in range(len(source) - 1):
        text, under = source[index], source[index + 1]
        if not text.strip() or text[0].isspace() or _ADORNMENT.match(text) or not _ADORNMENT.match(under):
            continue
        if index > 0 and source[index - 1].strip() and not _ADORNMENT.match(source[index - 1]):
            continue
        lines = [index + 1, index + 2]
        if index > 0 and _ADORNMENT.match(source[index - 1]) and source[index - 1][0] == under[0]:
            lines.insert(0, index)
        yield text.strip(), lines


def _section_at(source: list[str]) -> Iterator[tuple[int, tuple[str, bool]]]:
    """Each line's section title, and whether the line is part of that heading."""
    titles = {line: title for title, lines in headings(source) for line in lines}
    current = ""
    for number in range(1, len(source) + 1):
        if number in titles:
            current = titles[number]
        yield number, (current, number in titles)


def _explicit_blocks(definition: list[tuple[int, str]]) -> Iterator[tuple[str, list[int]]]:
    """The explicit markup blocks (``..`` lines and what is indented under them) of a definition,
    skipping literal blocks: (first line's text, the block's non-blank lines)."""
    index = 0
    literal_indent: int | None = None
    while index < len(definition):
        number, text = definition[index]
        indent = len(text) - len(text.lstrip())
        if not text.strip():
            index += 1
            continue
        if literal_indent is not None and indent > literal_indent:
            index += 1
            continue
        literal_indent = indent if text.rstrip().endswith("::") and not _EXPLICIT.match(text) else None
        match = _EXPLICIT.match(text)
        if not match:
            index += 1
            continue
        lines = [number]
        index += 1
        while index < len(definition):
            following_number, following = definition[index]
            if following.strip() and len(following) - len(following.lstrip()) <= indent:
                break
            if following.strip():
                lines.append(following_number)
            index += 1
        yield text, lines


def _message_lines(message: Any) -> tuple[int, int]:
    first = int(message.get("line") or 1)
    literal = next((child for child in message.children if isinstance(child, nodes.literal_block)), None)
    count = len(literal.astext().rstrip().split("\n")) if literal is not None else 1
    return first, first + count - 1
