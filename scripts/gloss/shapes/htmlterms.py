"""The terms of an HTML glossary: html5lib reads its prepared lines (a ``Region``), each ``dt``
or ``summary`` then starts a term, what follows defines it (as Markdown)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import html5lib

from .. import escape
from .htmltomd import HtmlMarkdown, Node, content
from .mdblocks import NOT_TERMS, inline_name

LINE = "data-gloss-line"  # the attribute that carries a term tag's line through html5lib
_FLOW = {"dl", "dd", "div", "p", "section", "article", "aside", "main", "center", "header", "footer", "figure"}
# What a summary says when it hides something rather than names a term.
_NO_NAMES = NOT_TERMS | {
    "click to expand", "click to show", "click here", "expand", "show", "show more", "more", "details",
    "spoiler", "code", "show code", "show answer", "solution", "hint", "hide", "toggle", "open", "read more",
}  # fmt: skip


@dataclass(frozen=True)
class Region:
    """The lines of one HTML glossary, prepared for html5lib."""

    html: str  # the lines, term tags marked with their line, Markdown code stashed
    stash: tuple[tuple[str, bool], ...]  # (Markdown as written, is a block)
    unclosed: tuple[int, str, int] | None  # (line, tag, last line read) of a dl or details never closed


@dataclass
class Term:
    name: str
    line: int
    body: list[str] = field(default_factory=list)


@dataclass
class Read:
    terms: list[Term] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # Markdown before the first term
    issues: list[tuple[int, str]] = field(default_factory=list)


def read(region: Region, first_line: int) -> Read:
    try:
        root = html5lib.parseFragment(region.html, treebuilder="etree", namespaceHTMLElements=False)
        reader = _Reader(region.stash, first_line)
        reader.flow(content(root))
        return reader.read
    except Exception as error:  # a fault of ours: the text of the lines, with no tags, and a word why
        text = re.sub(r"<[^>]*>", " ", region.html)
        why = f"could not read this HTML ({type(error).__name__}: {error}); shown as its text, please report it"
        return Read(before=[escape.md(" ".join(text.split()))], issues=[(first_line, why)])


class _Reader(HtmlMarkdown):
    """Turns the tree html5lib made into terms: each dt or summary starts one, what follows defines it."""

    def __init__(self, stash: tuple[tuple[str, bool], ...], first_line: int):
        super().__init__(stash)
        self.read = Read()
        self.current: Term | None = None
        self.details: list[Term | None] = []  # the term each open details is named by
        self.line = first_line

    def is_block(self, node: Node) -> bool:
        return super().is_block(node) or (not isinstance(node, str) and _holds_terms(node))

    def add(self, markdown: str) -> None:
        if markdown.strip():
            (self.current.body if self.current else self.read.before).append(markdown)

    def flow(self, nodes: Iterator[Node] | list[Node]) -> None:
        """Read nodes where a dt or summary starts a term."""
        for paragraph, element in self.runs(nodes):
            if element is None:
                self.add(paragraph)
            elif element.tag in ("dt", "summary"):
                self.term(element)
            elif element.tag == "details":
                self.read_details(element)
            elif element.tag in _FLOW or _holds_terms(element):
                # An unclosed <b> in a definition: html5lib opens it again around every term after
                # it, so what looks like bold text holds the rest of the glossary.
                self.flow(content(element))
            else:
                self.add(self.markdown(element))

    def read_details(self, element: Node) -> None:
        self.details.append(None)
        before = len(self.read.terms)
        self.flow(content(element))
        own = self.details.pop()
        if own is not None and not own.body and len(self.read.terms) > before + 1:
            self.read.terms.remove(own)
            self.read.issues.append((own.line, f"'{own.name}' introduces the terms below it"))

    def term(self, element: Node) -> None:
        nodes = list(content(element))
        split = next((i for i, node in enumerate(nodes) if self.is_block(node)), len(nodes))
        name_nodes, rest = nodes[:split], nodes[split:]
        if not self.paragraph(name_nodes) and rest:
            name_nodes, rest = list(content(rest[0])), rest[1:]
        name = inline_name(self.paragraph(name_nodes).replace("\\\n", " "))
        marked = element.get(LINE, "")
        self.line = int(marked) if marked.isdigit() else self.line
        if not name:
            self.read.issues.append((self.line, f"an HTML {element.tag} with no text names no term"))
        elif element.tag == "summary" and name.lower().rstrip(".!") in _NO_NAMES:
            pass  # "Click to expand": what it hides continues the term before
        else:
            self.current = Term(name, self.line)
            self.read.terms.append(self.current)
            if element.tag == "summary" and self.details and self.details[-1] is None:
                self.details[-1] = self.current
        self.flow(rest)


def _holds_terms(element: Node) -> bool:
    return any(inner.tag in ("dt", "summary", "details") for inner in element.iter() if inner is not element)
