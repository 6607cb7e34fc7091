"""docutils set up for Sphinx glossaries: the ``glossary`` directive handed to the reader, the
``:term:`` role and Sphinx's other roles and directives, and settings that keep it quiet and safe."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from docutils import frontend, nodes, utils  # type: ignore[import-untyped]
from docutils.parsers.rst import Directive, Parser, directives, roles  # type: ignore[import-untyped]
from docutils.parsers.rst.directives.body import CodeBlock  # type: ignore[import-untyped]

_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*<([^<>]+)>$", re.S)
LINE_LENGTH_LIMIT = 100_000
_CODE_ROLES = (
    "func", "meth", "class", "attr", "mod", "obj", "data", "const", "exc", "file", "samp", "command",
    "program", "envvar", "option", "kbd", "makevar", "type",
)  # fmt: skip
_TEXT_ROLES = ("ref", "doc", "numref", "abbr", "guilabel", "menuselection", "download", "any", "keyword", "token")


class GlossaryReader:
    """What reads each ``.. glossary::`` while docutils runs it (the ``gloss_reader`` setting)."""

    def glossary(self, directive: Any) -> None:
        raise NotImplementedError


class _AnyOption(dict[str, Any]):
    """An option spec that takes any option (Sphinx's :linenos:, :caption:, ...), to ignore it."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged  # type: ignore[no-any-return]


class TermNode(nodes.Inline, nodes.TextElement):  # type: ignore[misc]
    """A :term: reference: its ``target`` attribute names the term."""


class _GlossaryDirective(Directive):  # type: ignore[misc]
    has_content = True
    option_spec = _AnyOption(sorted=directives.flag)

    def run(self) -> list[Any]:
        reader = getattr(self.state.document.settings, "gloss_reader", None)
        if isinstance(reader, GlossaryReader):
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
    return [TermNode(rawtext, label or target, target=target, label=label)], []


def _sphinx_role(code: bool) -> Callable[..., tuple[list[Any], list[Any]]]:
    def role(name: str, rawtext: str, text: str, lineno: int, inliner: Any, options: Any = None, content: Any = None) -> tuple[list[Any], list[Any]]:  # fmt: skip
        label, target = _title_and_target(text)
        shown = label or target.lstrip("!")
        if not label and shown.startswith("~"):
            shown = shown[1:].rsplit(".", 1)[-1]
        return [nodes.literal(rawtext, shown) if code else nodes.inline(rawtext, shown)], []

    return role


@functools.cache
def quiet_settings() -> Any:
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
        "line_length_limit": LINE_LENGTH_LIMIT,
        "character_level_inline_markup": False,
        "debug": False,
    }.items():
        setattr(settings, name, value)
    return settings


@functools.cache
def known_directive(name: str) -> bool:
    quiet_settings()
    name = name.lower()
    return name in directives._directives or name in directives._directive_registry
