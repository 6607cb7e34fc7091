"""Reading a .rst note: docutils parses it, the glossary directive hands its lines to the reader,
which splits them into entries (Sphinx's reading) and makes each an ``Entry`` with a Markdown body."""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes, utils  # type: ignore[import-untyped]
from docutils.parsers.rst import Parser  # type: ignore[import-untyped]
from docutils.statemachine import StringList  # type: ignore[import-untyped]

from ... import mdparse
from ...model import Entry, Issue, Level
from ..common import Parsed, is_short_line
from .accounting import Accounting, headings
from .docutils_setup import GlossaryReader, quiet_settings
from .tomarkdown import Markdown

_NOT_LINES = re.compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines() would split there


@dataclass
class Raw:
    """One glossary entry as the directive reads it."""

    terms: list[tuple[str, int]]  # (name, line)
    definition: list[tuple[int, str]] = field(default_factory=list)  # (line, text as parsed)
    container: Any = None  # the definition, parsed
    issues: list[Issue] = field(default_factory=list)


@dataclass
class Reader(Accounting, GlossaryReader):
    """A .rst note, read: its entries and, for every other line, an issue saying why."""

    source: list[str]
    path: str
    parsed: Parsed = field(default_factory=Parsed)
    raws: list[Raw] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)  # link name -> URL
    anonymous: dict[int, str] = field(default_factory=dict)  # id of an anonymous reference -> URL
    substitutions: dict[str, Any] = field(default_factory=dict)

    def read(self) -> None:
        settings = copy.copy(quiet_settings())
        settings.warning_stream = io.StringIO()
        settings.gloss_reader = self
        document = utils.new_document(self.path or "<note>", settings)
        clean = "\n".join(_NOT_LINES.sub(" ", line).replace("\x00", "\ufffd") for line in self.source)
        Parser().parse(clean, document)
        self.title(document)
        self.links(document)
        for message in document.findall(nodes.system_message):
            self.outside_message(message)
        for raw in self.raws:
            try:
                self.parsed.entries.append(self.entry(raw))
            except Exception as error:  # a fault of ours costs one entry, named with its lines
                first = raw.terms[0][1]
                last = max([first] + [number for number, _ in raw.definition])
                why = f"could not read this entry ({type(error).__name__}: {error}); skipped, please report it"
                self.issue(first, why, Level.WARNING, last=self.last_filled(first, last))

    # --- the note: its title, its links -------------------------------------------------------

    def title(self, document: Any) -> None:
        section = next(iter(document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        self.parsed.title = " ".join(section[0].astext().split())
        heading = next(headings(self.source), None)
        if heading:
            self.parsed.meta_lines.extend(heading[1])

    def links(self, document: Any) -> None:
        containers = [raw.container for raw in self.raws if raw.container is not None]
        trees = [document, *containers]
        anonymous_targets = []
        for tree in trees:
            for target in tree.findall(nodes.target):
                if target.get("anonymous"):
                    anonymous_targets.append(target.get("refuri", ""))
                elif target.get("refuri"):
                    for name in target.get("names", []):
                        self.targets.setdefault(name, target["refuri"])
            for definition in tree.findall(nodes.substitution_definition):
                for name in definition.get("names", []):
                    self.substitutions.setdefault(name, definition)
        references = [ref for tree in trees for ref in tree.findall(nodes.reference) if ref.get("anonymous")]
        self.anonymous = {id(ref): url for ref, url in zip(references, anonymous_targets, strict=False) if url}

    # --- the glossary directive, while docutils runs it --------------------------------------

    def glossary(self, directive: Any) -> None:
        _, line = directive.state_machine.get_source_and_line(directive.lineno)
        line = line or directive.lineno
        content = directive.content
        items = list(content.items)
        head_last = items[0][1] if content else line + len(directive.block_text.rstrip().split("\n")) - 1
        options = [name for name in directive.options if name != "sorted"]
        why = "the '.. glossary::' directive: the terms under it are the entries"
        if options:
            why += "; unknown option " + ", ".join(f"':{name}:'" for name in options) + " ignored"
        self.issue(line, why, last=self.last_filled(line, head_last))
        if not content or not any(text.strip() for text in content):
            self.issue(line, "a '.. glossary::' with no terms indented under it", Level.WARNING)
            return
        self.raws.extend(
            self.entries_of(directive, list(zip(content, [number + 1 for _, number in items], strict=True)))
        )

    def entries_of(self, directive: Any, lines: list[tuple[str, int]]) -> list[Raw]:
        """Sphinx's reading of a glossary: unindented lines are terms (stacked ones name the same
        entry), the indented lines under them its definition, ``..`` lines among the terms comments."""
        raws: list[Raw] = []
        indents: dict[int, int] = {}  # id of an entry -> the indentation of its definition's first line
        in_comment: list[int] = []
        in_definition = was_empty = False
        for text, number in lines:
            if not text.strip():
                if in_definition and raws and not in_comment:
                    raws[-1].definition.append((number, ""))
                was_empty = True
                continue
            if not text[0].isspace():
                self.end_comment(in_comment)
                if text.startswith(".."):
                    in_comment.append(number)
                    continue
                name = _term_name(directive, text, number)
                if in_definition or not raws:
                    if in_definition and not was_empty:
                        self.issue(
                            number, "a glossary term must follow a blank line; read as a new term", Level.WARNING
                        )
                    raws.append(Raw([(name, number)]))
                    in_definition = False
                elif was_empty:
                    why = "a term after a blank line but before any definition; read as a new term"
                    self.issue(number, why, Level.WARNING)
                    raws.append(Raw([(name, number)]))
                elif is_short_line(text):
                    raws[-1].terms.append((name, number))
                else:
                    why = "reads as prose, not as a term: read as the definition (indent it under its term)"
                    self.issue(number, why, Level.WARNING)
                    raws[-1].definition.append((number, text))
                    in_definition = True  # the indented lines under it continue it
            elif in_comment:
                in_comment.append(number)
            elif not raws:
                why = "an indented line with no term above it: skipped (check the glossary's indentation)"
                self.issue(number, why, Level.WARNING)
            else:
                indent = len(text) - len(text.lstrip())
                in_definition = True
                first = indents.setdefault(id(raws[-1]), indent)
                if indent < first:
                    why = "indented less than the first line of its definition; read as part of it"
                    self.issue(number, why, Level.WARNING)
                raws[-1].definition.append((number, text[min(indent, first) :]))
            was_empty = False
        self.end_comment(in_comment)
        for raw in raws:
            self.parse_definition(directive, raw)
        return raws

    def parse_definition(self, directive: Any, raw: Raw) -> None:
        while raw.definition and not raw.definition[-1][1].strip():
            raw.definition.pop()
        raw.container = nodes.container()
        if not raw.definition:
            return
        block = StringList(
            [text for _, text in raw.definition], items=[(self.path, number - 1) for number, _ in raw.definition]
        )
        directive.state.nested_parse(block, raw.definition[0][0] - 1, raw.container)

    # --- an entry, once the whole note is read ------------------------------------------------

    def entry(self, raw: Raw) -> Entry:
        hidden: set[int] = set()
        roles_seen: dict[str, int] = {}
        for message in raw.container.findall(nodes.system_message):
            hidden |= self.definition_message(message, raw, roles_seen)
        hidden |= self.hidden_blocks(raw, hidden)
        body = "\n\n".join(block for block in Markdown(self).blocks(raw.container) if block.strip())
        (name, line), *others = raw.terms
        shown = {number for _, number in raw.terms}
        shown |= {number for number, text in raw.definition if text.strip() and number not in hidden}
        aliases = tuple(dict.fromkeys(other for other, _ in others if other and other != name))
        return Entry(
            name=name,
            line=line,
            paragraphs=tuple(mdparse.plain_text(body)),
            lines=tuple(sorted(shown)),
            body=body,
            aliases=aliases,
        )


def _term_name(directive: Any, text: str, number: int) -> str:
    """The plain text of a term line, without its classifiers ("term : classifier")."""
    text = re.split(r" +: +", text.strip())[0]
    try:
        parts, _ = directive.state.inline_text(text, number)
        return " ".join("".join(part.astext() for part in parts).split())
    except Exception:
        return " ".join(text.split())
