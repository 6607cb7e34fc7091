"""The rst shape: a Sphinx glossary in a reStructuredText note, read with docutils.

    Deep learning                           the note's title (its first section title)
    =============
    .. glossary::
       :sorted:

       Epoch                                a term; the stacked line below is another name for it
       Training epoch
          One pass over the training data.  each definition becomes Markdown: paragraphs, lists,
          See :term:`batch <Batch>`.        code, links; :term: references become [[Batch|batch]],
                                            :math:`x^2` becomes $x^2$, ``.. math::`` a $$ block

Everything outside the glossary (other sections' prose, other directives) and
whatever a definition holds that is not shown (a comment, an image, an unknown
directive such as ``.. youtube::``) is reported with its lines.  docutils is
quiet: no file inclusion, no raw HTML, no message on stderr, and a failure
costs the lines it touches, never the note.
"""

from __future__ import annotations

import copy
import functools
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docutils import frontend, nodes, utils  # type: ignore[import-untyped]
from docutils.parsers.rst import Directive, Parser, directives, roles  # type: ignore[import-untyped]
from docutils.parsers.rst.directives.body import CodeBlock  # type: ignore[import-untyped]
from docutils.statemachine import StringList  # type: ignore[import-untyped]

from .. import mdparse
from ..model import Entry, Issue, Level, Shape
from .common import Fit, Parsed, is_short_line

SHAPE = Shape.RST

_GLOSSARY = re.compile(r"^[ \t]*\.\.[ \t]+glossary ?::(?:[ \t]|$)", re.M)
_EXPLICIT = re.compile(r"^(\s*)\.\.(?:\s|$)")
_DIRECTIVE = re.compile(r"^\s*\.\.\s+(?:\|[^|]+\|\s+)?([\w][\w:.+-]*) ?::(?:\s|$)")
_TARGET = re.compile(r"^\s*\.\.\s+_[^:]*:(?:\s+(\S.*))?$")
_ADORNMENT = re.compile(r"^([!-/:-@\[-`{-~])\1{2,}\s*$")
_ROLE_TEXT = re.compile(r"^:([\w][\w:.+-]*):`(.*)`$", re.S)
_UNKNOWN_DIRECTIVE = re.compile(r'^Unknown directive type "([^"]+)"')
_UNKNOWN_ROLE = re.compile(r'^Unknown interpreted text role "([^"]+)"')
_TOO_LONG = re.compile(r"^Line (\d+) exceeds the line-length-limit")
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*<([^<>]+)>$", re.S)
_NOT_LINES = re.compile(r"[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # str.splitlines() would split there
_TEXT_ESCAPES = re.compile(r"([\\`*_\[\]<>$|&~])")
_LINE_START = re.compile(r"^([#>+\-=:|~]|\d+[.)])")
_LINE_LENGTH_LIMIT = 100_000

RENDERED = {  # directives whose content a definition shows
    "code", "code-block", "sourcecode", "math", "seealso", "admonition", "note", "warning", "tip", "hint",
    "important", "caution", "danger", "error", "attention", "topic", "sidebar", "rubric", "parsed-literal",
    "epigraph", "highlights", "pull-quote", "compound", "container", "table", "list-table", "csv-table",
    "line-block", "glossary",
}  # fmt: skip
_CODE_ROLES = (
    "func", "meth", "class", "attr", "mod", "obj", "data", "const", "exc", "file", "samp", "command",
    "program", "envvar", "option", "kbd", "makevar", "type",
)  # fmt: skip
_TEXT_ROLES = ("ref", "doc", "numref", "abbr", "guilabel", "menuselection", "download", "any", "keyword", "token")


def detect(text: str) -> Fit:
    """A note with a ``.. glossary::`` directive."""
    return Fit.STRONG if _GLOSSARY.search(text) else Fit.NO


# --- docutils: the directives and roles of Sphinx glossaries ---------------------------


class _AnyOption(dict[str, Any]):
    """An option spec that takes any option (Sphinx's :linenos:, :caption:, ...), to ignore it."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged  # type: ignore[no-any-return]


class _TermNode(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A :term: reference: its ``target`` attribute names the term."""


class _GlossaryDirective(Directive):  # type: ignore[misc]
    has_content = True
    option_spec = _AnyOption(sorted=directives.flag)

    def run(self) -> list[Any]:
        reader = getattr(self.state.document.settings, "gloss_reader", None)
        if isinstance(reader, _Reader):
            reader.glossary(self)
        return []


class _CodeBlockDirective(CodeBlock):  # type: ignore[misc]
    option_spec = _AnyOption(CodeBlock.option_spec)


class _SeeAlsoDirective(Directive):  # type: ignore[misc]
    has_content = True
    optional_arguments = 1
    final_argument_whitespace = True

    def run(self) -> list[Any]:
        node = nodes.admonition("\n".join(self.content), classes=["seealso"])
        node += nodes.title("See also", "See also")
        if self.arguments:
            text, _ = self.state.inline_text(self.arguments[0], self.lineno)
            node += nodes.paragraph(self.arguments[0], "", *text)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def _title_and_target(text: str) -> tuple[str, str]:
    """ "label <target>" -> (label, target); "target" -> ("", target)."""
    text = " ".join(utils.unescape(text).split())
    explicit = _EXPLICIT_TITLE.match(text)
    return (explicit[1], explicit[2].strip()) if explicit else ("", text)


def _term_role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None) -> tuple[list[Any], list[Any]]:  # fmt: skip
    label, target = _title_and_target(text)
    return [_TermNode(rawtext, label or target, target=target, label=label)], []


def _sphinx_role(code: bool) -> Callable[..., tuple[list[Any], list[Any]]]:
    def role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None) -> tuple[list[Any], list[Any]]:  # fmt: skip
        label, target = _title_and_target(text)
        shown = label or target.lstrip("!")
        if not label and shown.startswith("~"):
            shown = shown[1:].rsplit(".", 1)[-1]
        return [nodes.literal(rawtext, shown) if code else nodes.inline(rawtext, shown)], []

    return role


@functools.cache
def _settings() -> Any:
    """docutils made quiet and safe: it reports nothing, never halts, includes no file, passes no raw HTML."""
    directives.register_directive("glossary", _GlossaryDirective)
    for name in ("code-block", "sourcecode"):
        directives.register_directive(name, _CodeBlockDirective)
    directives.register_directive("seealso", _SeeAlsoDirective)
    roles.register_local_role("term", _term_role)
    for names, code in ((_CODE_ROLES, True), (_TEXT_ROLES, False)):
        for name in names:
            roles.register_local_role(name, _sphinx_role(code))
            if code:
                roles.register_local_role(f"py:{name}", _sphinx_role(code))
    roles.register_local_role("dfn", roles.GenericRole("dfn", nodes.emphasis))
    settings = frontend.get_default_settings(Parser)
    for name, value in {
        "report_level": 5,
        "halt_level": 5,
        "file_insertion_enabled": False,
        "raw_enabled": False,
        "syntax_highlight": "none",
        "pep_references": False,
        "rfc_references": False,
        "line_length_limit": _LINE_LENGTH_LIMIT,
        "character_level_inline_markup": False,
        "debug": False,
    }.items():
        setattr(settings, name, value)
    return settings


# --- reading -----------------------------------------------------------------------------


@dataclass
class _Raw:
    """One glossary entry as the directive reads it."""

    terms: list[tuple[str, int]]  # (name, line)
    definition: list[tuple[int, str]] = field(default_factory=list)  # (line, text as parsed)
    container: Any = None  # the definition, parsed
    issues: list[Issue] = field(default_factory=list)


@dataclass
class _Reader:
    source: list[str]
    path: str
    parsed: Parsed = field(default_factory=Parsed)
    raws: list[_Raw] = field(default_factory=list)
    targets: dict[str, str] = field(default_factory=dict)  # link name -> URL
    anonymous: dict[int, str] = field(default_factory=dict)  # id of an anonymous reference -> URL
    substitutions: dict[str, Any] = field(default_factory=dict)

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

    def read(self) -> None:
        settings = copy.copy(_settings())
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

    # --- the note: its title, its links, what docutils said outside the glossary ------------

    def title(self, document: Any) -> None:
        section = next(iter(document.findall(nodes.section)), None)
        if section is None or not section.children or not isinstance(section[0], nodes.title):
            return
        self.parsed.title = " ".join(section[0].astext().split())
        heading = next(_headings(self.source), None)
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

    def outside_message(self, message: Any) -> None:
        text = message.children[0].astext() if message.children else ""
        unknown = _UNKNOWN_DIRECTIVE.match(text)
        too_long = _TOO_LONG.match(text)
        if unknown and message.get("line"):
            first, last = _message_lines(message)
            self.issue(first, f"unknown directive '{unknown[1]}': skipped", last=self.last_filled(first, last))
        elif too_long:
            why = f"a line longer than {_LINE_LENGTH_LIMIT:,} characters: the note is not read as reStructuredText"
            self.issue(int(too_long[1]), why, Level.WARNING)

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

    def entries_of(self, directive: Any, lines: list[tuple[str, int]]) -> list[_Raw]:
        """Sphinx's reading of a glossary: unindented lines are terms (stacked ones name the same
        entry), the indented lines under them its definition, ``..`` lines among the terms comments."""
        raws: list[_Raw] = []
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
                    raws.append(_Raw([(name, number)]))
                    in_definition = False
                elif was_empty:
                    why = "a term after a blank line but before any definition; read as a new term"
                    self.issue(number, why, Level.WARNING)
                    raws.append(_Raw([(name, number)]))
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

    def end_comment(self, lines: list[int]) -> None:
        if lines:
            directive = _DIRECTIVE.match(self.source[lines[0] - 1]) if lines[0] <= len(self.source) else None
            if directive and not _known_directive(directive[1]):
                why = f"unknown directive '{directive[1]}': skipped"
            elif directive:
                why = f"the '{directive[1]}' directive among the glossary's terms: skipped"
            else:
                why = "a comment among the glossary's terms: not shown"
            self.issue(lines[0], why, last=lines[-1])
            lines.clear()

    def parse_definition(self, directive: Any, raw: _Raw) -> None:
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

    def entry(self, raw: _Raw) -> Entry:
        hidden: set[int] = set()
        roles_seen: dict[str, int] = {}
        for message in raw.container.findall(nodes.system_message):
            hidden |= self.definition_message(message, raw, roles_seen)
        hidden |= self.hidden_blocks(raw, hidden)
        body = "\n\n".join(block for block in _Markdown(self).blocks(raw.container) if block.strip())
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

    def definition_message(self, message: Any, raw: _Raw, roles_seen: dict[str, int]) -> set[int]:
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

    def hidden_blocks(self, raw: _Raw, reported: set[int]) -> set[int]:
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
            elif directive and not _known_directive(name):
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
        elif directive and not _known_directive(directive[1]):
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


def _headings(source: list[str]) -> Iterator[tuple[str, list[int]]]:
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
    headings = {line: title for title, lines in _headings(source) for line in lines}
    current = ""
    for number in range(1, len(source) + 1):
        if number in headings:
            current = headings[number]
        yield number, (current, number in headings)


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


@functools.cache
def _known_directive(name: str) -> bool:
    _settings()
    name = name.lower()
    return name in directives._directives or name in directives._directive_registry


def _term_name(directive: Any, text: str, number: int) -> str:
    """The plain text of a term line, without its classifiers ("term : classifier")."""
    text = re.split(r" +: +", text.strip())[0]
    try:
        parts, _ = directive.state.inline_text(text, number)
        return " ".join("".join(part.astext() for part in parts).split())
    except Exception:
        return " ".join(text.split())


# --- Markdown ----------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return _TEXT_ESCAPES.sub(r"\\\1", " ".join(text.split("\n")))


def _escape_start(text: str) -> str:
    return _LINE_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text, count=1)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def _fence(text: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^\w+#.-]", "", language)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _code_span(text: str) -> str:
    text = " ".join(text.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}" if text else ""


def _url(url: str) -> str:
    url = url.strip().replace("<", "%3C").replace(">", "%3E")
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def _wikilink_part(text: str) -> str:
    return " ".join(re.sub(r"[\[\]|]", " ", text).split())


_ADMONITIONS = {
    "note": "Note", "warning": "Warning", "tip": "Tip", "hint": "Hint", "important": "Important",
    "caution": "Caution", "danger": "Danger", "error": "Error", "attention": "Attention",
}  # fmt: skip
_DROPPED = (
    nodes.comment, nodes.target, nodes.image, nodes.figure, nodes.raw, nodes.substitution_definition,
    nodes.system_message, nodes.pending, nodes.meta, nodes.decoration,
)  # fmt: skip


@dataclass
class _Markdown:
    """A docutils tree as Markdown."""

    reader: _Reader

    def blocks(self, node: Any) -> list[str]:
        out: list[str] = []
        for child in node.children:
            out.extend(block for block in self.block(child) if block.strip())
        return out

    def joined(self, node: Any) -> str:
        return "\n\n".join(self.blocks(node))

    def block(self, node: Any) -> list[str]:
        if isinstance(node, _DROPPED):
            return []
        if isinstance(node, nodes.Text):
            return [_escape_start(_escape(node.astext()).strip())]
        if isinstance(node, nodes.paragraph | nodes.title | nodes.rubric):
            text = _escape_start(self.inline(node).strip())
            return [f"**{text}**" if not isinstance(node, nodes.paragraph) and text else text]
        if isinstance(node, nodes.bullet_list):
            return ["\n".join(self.item("- ", item) for item in node.children)]
        if isinstance(node, nodes.enumerated_list):
            start = int(node.get("start", 1) or 1)
            return ["\n".join(self.item(f"{start + i}. ", item) for i, item in enumerate(node.children))]
        if isinstance(node, nodes.definition_list):
            return [self.definition_item(item) for item in node.children]
        if isinstance(node, nodes.field_list):
            return ["\n".join(self.field(field) for field in node.children)]
        if isinstance(node, nodes.option_list):
            return ["\n".join(self.item("- ", item) for item in node.children)]
        if isinstance(node, nodes.literal_block | nodes.doctest_block):
            classes = [c for c in node.get("classes", []) if c not in ("code", "highlight", "literal-block")]
            language = "pycon" if isinstance(node, nodes.doctest_block) else (classes[0] if classes else "")
            return [_fence(node.astext(), language)]
        if isinstance(node, nodes.math_block):
            return [f"$$\n{node.astext().strip()}\n$$"] if node.astext().strip() else []
        if isinstance(node, nodes.block_quote):
            return [_indent(self.joined(node), "> ").replace("\n\n", "\n>\n")]
        if isinstance(node, nodes.attribution):
            return [f"— {_escape(node.astext())}"]
        if isinstance(node, nodes.Admonition):
            title = _ADMONITIONS.get(node.tagname, "")
            parts = self.blocks(node)
            if not title and parts and isinstance(node.children[0], nodes.title):
                title, parts = node.children[0].astext(), parts[1:]
            quoted = "\n\n".join([f"**{_escape(title)}**"] + parts if title else parts)
            return ["\n".join("> " + line if line.strip() else ">" for line in quoted.split("\n"))]
        if isinstance(node, nodes.line_block):
            lines = [_escape_start(self.inline(line).strip()) for line in node.findall(nodes.line)]
            return ["\\\n".join(line for line in lines if line)]
        if isinstance(node, nodes.table):
            return [self.table(node)]
        if isinstance(node, nodes.footnote | nodes.citation):
            label = node.children[0].astext() if node.children else ""
            parts = self.blocks(node)[1:]
            return [f"\\[{_escape(label)}\\] " + "\n\n".join(parts)]
        if isinstance(node, nodes.transition):
            return ["***"]
        if isinstance(node, nodes.TextElement):
            return [_escape_start(self.inline(node).strip())]
        if isinstance(node, nodes.Element):
            return self.blocks(node)
        return []

    def item(self, marker: str, item: Any) -> str:
        return marker + _indent(self.joined(item), " " * len(marker)).lstrip(" ") if item.children else marker.rstrip()

    def definition_item(self, item: Any) -> str:
        terms = [self.inline(child).strip() for child in item.children if isinstance(child, nodes.term)]
        classifiers = [child.astext() for child in item.children if isinstance(child, nodes.classifier)]
        term = _escape_start(" ".join(terms)) + "".join(f" : *{_escape(c)}*" for c in classifiers)
        definition = next((child for child in item.children if isinstance(child, nodes.definition)), None)
        body = self.joined(definition) if definition is not None else ""
        return f"{term}\n:   " + _indent(body, "    ").lstrip(" ") if body else term

    def field(self, field: Any) -> str:
        name = self.inline(field.children[0]).strip() if field.children else ""
        body = self.joined(field.children[1]) if len(field.children) > 1 else ""
        return "- " + _indent(f"**{name}**: {body}", "  ").lstrip(" ")

    def table(self, node: Any) -> str:
        rows: list[list[str]] = []
        header_rows = 0
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if not isinstance(part, nodes.thead | nodes.tbody):
                    continue
                for row in part.children:
                    cells = [" ".join(" ".join(self.blocks(entry)).split()) for entry in row.children]
                    rows.append([re.sub(r"(?<!\\)\|", r"\\|", cell) for cell in cells])
                    header_rows += isinstance(part, nodes.thead) and header_rows == len(rows) - 1
            break
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        header, body = (rows[0], rows[1:]) if header_rows or len(rows) == 1 else ([""] * width, rows)
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)

    def inline(self, node: Any) -> str:
        return "".join(self.inline_part(child) for child in node.children)

    def inline_part(self, node: Any) -> str:
        if isinstance(node, nodes.Text):
            return _escape(node.astext())
        if isinstance(node, _TermNode):
            target, label = _wikilink_part(node.get("target", "")), _wikilink_part(node.get("label", ""))
            if not target:
                return _escape(node.astext())
            return f"[[{target}|{label}]]" if label and label != target else f"[[{target}]]"
        if isinstance(node, nodes.math):
            math = " ".join(node.astext().split())
            return f"${math}$" if math else ""
        if isinstance(node, nodes.literal):
            return _code_span(node.astext())
        if isinstance(node, nodes.strong):
            inner = self.inline(node).strip()
            return f"**{inner}**" if inner else ""
        if isinstance(node, nodes.emphasis | nodes.title_reference):
            inner = self.inline(node).strip()
            return f"*{inner}*" if inner else ""
        if isinstance(node, nodes.reference):
            return self.reference(node)
        if isinstance(node, nodes.problematic):
            role = _ROLE_TEXT.match(node.astext())
            return _escape(utils.unescape(role[2]) if role else node.astext())
        if isinstance(node, nodes.footnote_reference | nodes.citation_reference):
            return f"\\[{_escape(node.astext())}\\]"
        if isinstance(node, nodes.substitution_reference):
            definition = self.reader.substitutions.get(node.get("refname", ""))
            return self.inline(definition) if definition is not None else _escape(f"|{node.astext()}|")
        if isinstance(node, nodes.image | nodes.target | nodes.system_message | nodes.raw):
            return self.inline(node) if isinstance(node, nodes.target) else ""
        if isinstance(node, nodes.Element):
            return self.inline(node)
        return ""

    def reference(self, node: Any) -> str:
        text = self.inline(node).strip()
        url = node.get("refuri") or self.reader.anonymous.get(id(node), "")
        if not url and node.get("refname"):
            url = self.reader.targets.get(node["refname"], "")
        if not url:
            return text
        if node.astext() == url:
            return f"<{url}>" if not re.search(r"[\s<>]", url) else _escape(url)
        return f"[{text or _escape(url)}]({_url(url)})"


def parse(text: str, path: str) -> Parsed:
    source = text.split("\n")
    reader = _Reader(source, path)
    try:
        reader.read()
    except Exception as error:  # never a traceback: the lines are reported instead
        reader = _Reader(source, path)
        filled = [number for number, line in enumerate(source, start=1) if line.strip()]
        if filled:
            why = f"could not be read as reStructuredText ({type(error).__name__}: {error}); skipped, please report it"
            reader.issue(filled[0], why, Level.WARNING, last=filled[-1])
    reader.sweep()
    reader.parsed.issues.sort(key=lambda issue: (issue.line, issue.last))
    return reader.parsed
