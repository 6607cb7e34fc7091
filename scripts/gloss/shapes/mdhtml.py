"""HTML glossaries in Markdown notes: ``<dl>`` and ``<details>``, read with a tolerant HTML parser.

    <dl>                                   each dt names a term, the dd after it defines it
      <dt>Epoch</dt>
      <dd>One pass over the <em>whole</em> training set.
      <dt>Batch                            missing closing tags, nested dd, a dt with a list
      <ul><li>a group of samples</li></ul>    and no dd, stray closing tags, blank lines,
    </dl>                                  Markdown inside a dd: all as a browser reads them
    <details><summary>Dropout</summary>    a summary names a term, the rest of its details
    Zeroes units at random.                defines it
    </details>

CommonMark ends an HTML block at a blank line, so one glossary may be several
blocks with Markdown between them.  ``blocks`` finds each glossary's lines with a
markdown-it parser that sees HTML blocks (``region``: from the block that opens a
``dl`` or ``details`` to the block that closes it), reads those lines with
html5lib, and hands the reader one ``Glossary`` block in their place; every other
line is read as before, HTML off.  A definition becomes Markdown (paragraphs,
line breaks, lists, code, emphasis, links, images, tables); any other tag becomes
its text, so no tag of the note reaches a page.  Text between tags is Markdown,
as people write it there.  Each term's line is the line its ``dt`` or
``summary`` tag is written on: the tag is marked with its line before html5lib
reads it.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import html5lib
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .. import escape, mdparse
from ..model import Issue, Level
from .common import Draft
from .mdblocks import NOT_TERMS, Block, inline_name
from .mdblocks import blocks as markdown_blocks
from .mdidioms import Context

KIND = "html_glossary"  # the kind of a Glossary block
_MENTION = re.compile(r"<\s*/?\s*(?:dl|dt|dd|details|summary)(?=[\s/>])", re.I)
_NESTING = re.compile(r"<(/?)\s*(dl|details)(?=[\s/>])[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_TERM_TAG = re.compile(r"<(dt|summary)(?=[\s/>])", re.I)
_LINE = "data-gloss-line"  # the attribute that carries a term tag's line through html5lib
_STASH = "gloss-stash"  # an element standing for Markdown code that html5lib must not read
_BR = "\x00"  # a line break, until the paragraph it breaks is known

_BLOCKS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
}  # fmt: skip
_FLOW = {"dl", "dd", "div", "p", "section", "article", "aside", "main", "center", "header", "footer", "figure"}
_DROP = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title"}
_DROP |= {"meta", "link", "input", "button", "select", "textarea", "audio", "video", "canvas", "source"}
_EM = {"em", "i", "cite", "dfn", "var"}
_STRONG = {"strong", "b"}
_CODE = {"code", "kbd", "samp", "tt"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# What a summary says when it hides something rather than names a term.
_NO_NAMES = NOT_TERMS | {
    "click to expand", "click to show", "click here", "expand", "show", "show more", "more", "details",
    "spoiler", "code", "show code", "show answer", "solution", "hint", "hide", "toggle", "open", "read more",
}  # fmt: skip

Node = Any  # an html5lib etree element, or the text between elements (str)


@dataclass(frozen=True)
class Region:
    """The lines of one HTML glossary, prepared for html5lib."""

    html: str  # the lines, term tags marked with their line, Markdown code stashed
    stash: tuple[tuple[str, bool], ...]  # (Markdown as written, is a block)
    unclosed: tuple[int, str, int] | None  # (line, tag, last line read) of a dl or details never closed


@dataclass(frozen=True)
class Glossary(Block):
    """The lines of one HTML glossary, a block of the note for the reader."""

    region: Region

    def markdown(self, source: list[str]) -> str:
        """The glossary as Markdown, for when it continues an entry: terms in bold, then their definitions."""
        read = _read(self.region, self.start + 1)
        parts = list(read.before)
        for term in read.terms:
            parts.append(f"**{escape.md(term.name)}**")
            parts.extend(term.body)
        return "\n\n".join(parts)


@dataclass
class _Term:
    name: str
    line: int
    body: list[str] = field(default_factory=list)


@dataclass
class _Read:
    terms: list[_Term] = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # Markdown before the first term
    issues: list[tuple[int, str]] = field(default_factory=list)


# --- finding the glossaries -------------------------------------------------------------------


@functools.cache
def _html_parser() -> MarkdownIt:
    """A parser that sees HTML blocks, only to find where each glossary starts and ends."""
    return MarkdownIt("commonmark", {"html": True}).enable("table").use(deflist_plugin).use(front_matter_plugin)


def blocks(text: str) -> list[Block]:
    """The top-level blocks of a note, each HTML glossary one ``Glossary`` block."""
    if not _MENTION.search(text):
        return markdown_blocks(mdparse.parse(text))
    source = text.split("\n")
    try:
        found = _regions(source, _html_parser().parse(text))
    except Exception:  # finding them is a convenience: without it the note reads as before
        found = []
    if not found:
        return markdown_blocks(mdparse.parse(text))
    result: list[Block] = list(found)
    start = 0
    for stop in [*(block.start for block in found), len(source)]:  # the text between glossaries, each part alone
        if start < stop:
            result.extend(_part(source, start, stop))
        start = max(start, next((block.end for block in found if block.start == stop), stop))
    return sorted(result, key=lambda block: block.start)


def _part(source: list[str], start: int, stop: int) -> list[Block]:
    """The blocks of the lines from ``start`` to ``stop``, read with HTML off, numbered as in the note."""
    offset = start - 1 if start else 0  # a blank line first: a later part has no front matter
    tokens = mdparse.parse("\n".join(([""] if start else []) + source[start:stop]))
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + offset, token.map[1] + offset]
    return markdown_blocks(tokens)


def _regions(source: list[str], tokens: list[Token]) -> list[Glossary]:
    tops = markdown_blocks(tokens)
    fences = {token.map[0]: token.map[1] for token in tokens if token.type == "fence" and token.map}
    code = {number for start, stop in fences.items() for number in range(start, stop)}
    found = []
    index = 0
    while index < len(tops):
        first = tops[index]
        if _is_code(first, source) or not any(
            _MENTION.search(_CODE_SPAN.sub("", line)) for _, line in _lines(first, source, code)
        ):
            index += 1
            continue
        open_tags: list[tuple[str, int]] = []  # (tag, line) of each dl or details not yet closed
        last = index
        for last in range(index, len(tops)):
            for number, line in _lines(tops[last], source, code):
                for match in _NESTING.finditer(_tags_of(line)):
                    _nest(open_tags, match[2].lower(), number, closing=bool(match[1]))
            if not open_tags:
                break
        unclosed = None
        if open_tags:  # never closed: up to the next heading, or the end of the note
            heading = next((i for i in range(index + 1, len(tops)) if tops[i].kind == "heading_open"), None)
            last = max(index, heading - 1) if heading is not None else len(tops) - 1
            unclosed = (open_tags[0][1] + 1, open_tags[0][0], tops[last].end)
        start, stop = first.start, max(tops[last].end, first.start + 1)
        token = Token(KIND, "", 0)
        token.map = [start, stop]
        region = _prepare(source, start, stop, fences, unclosed)
        found.append(Glossary([token], start, stop, region))
        index = last + 1
    return found


def _is_code(block: Block, source: list[str]) -> bool:
    """Code, or front matter; HTML indented by four spaces is HTML, as whoever indented it meant."""
    if block.kind == "code_block":
        return not "\n".join(source[block.start : block.end]).lstrip().startswith("<")
    return block.kind in ("fence", "front_matter")


def _lines(block: Block, source: list[str], code: set[int]) -> Iterator[tuple[int, str]]:
    """A block's lines that are no fenced code, 0-based."""
    for number in range(block.start, min(block.end, len(source))):
        if number not in code:
            yield number, source[number]


def _tags_of(line: str) -> str:
    """A line without its comments and code spans, where tags are tags."""
    return _CODE_SPAN.sub("", _COMMENT.sub("", line))


def _nest(open_tags: list[tuple[str, int]], tag: str, number: int, closing: bool) -> None:
    if not closing:
        open_tags.append((tag, number))
        return
    for depth in range(len(open_tags) - 1, -1, -1):  # a stray closing tag closes nothing
        if open_tags[depth][0] == tag:
            del open_tags[depth:]
            return


def _prepare(
    source: list[str], start: int, stop: int, fences: dict[int, int], unclosed: tuple[int, str, int] | None
) -> Region:
    stash: list[tuple[str, bool]] = []
    pieces = []
    number = start
    while number < stop:
        if number in fences:
            end = min(fences[number], stop)
            stash.append((textwrap.dedent("\n".join(source[number:end])).strip("\n"), True))
            pieces.append(f'<{_STASH} data-i="{len(stash) - 1}"></{_STASH}>')
            number = end
            continue
        pieces.append(_mark(source[number], number + 1, stash))
        number += 1
    return Region("\n".join(pieces), tuple(stash), unclosed)


def _mark(line: str, number: int, stash: list[tuple[str, bool]]) -> str:
    """A line with its code spans stashed and its term tags marked with its number."""

    def keep(match: re.Match[str]) -> str:
        stash.append((match[0], False))
        return f'<{_STASH} data-i="{len(stash) - 1}"></{_STASH}>'

    line = _CODE_SPAN.sub(keep, line)
    return _TERM_TAG.sub(lambda match: f'<{match[1]} {_LINE}="{number}"', line)


# --- reading one glossary -----------------------------------------------------------------------


def drafts(ctx: Context, block: Glossary) -> list[Draft]:
    """The terms of an HTML glossary, each with the lines from its tag to the next term's."""
    read = _read(block.region, block.start + 1)
    source = ctx.source
    shown = [n for n in range(block.start + 1, block.end + 1) if n <= len(source) and source[n - 1].strip()]
    starts = [term.line for term in read.terms]
    result = []
    for index, term in enumerate(read.terms):
        stop = starts[index + 1] if index + 1 < len(starts) else block.end + 1
        lines = [n for n in shown if term.line <= n < stop] or [term.line]
        result.append(Draft(name=term.name, line=term.line, lines=lines, body=list(term.body), marked=True))
    if result:
        before = [n for n in shown if n < result[0].line]
        if read.before and before:
            why = "not a term: text in an HTML glossary before its first term"
            ctx.issue(Issue(ctx.path, before[0], why, Level.INFO, last=before[-1]))
        else:
            result[0].lines = sorted({*before, *result[0].lines})
    for line, why in read.issues:
        ctx.issue(Issue(ctx.path, line, why, Level.INFO))
    if block.region.unclosed:
        line, tag, last = block.region.unclosed
        why = f"the HTML {tag} opened here is never closed: read up to line {last} as its glossary"
        ctx.issue(Issue(ctx.path, line, why, Level.INFO))
    return result


def _read(region: Region, first_line: int) -> _Read:
    try:
        root = html5lib.parseFragment(region.html, treebuilder="etree", namespaceHTMLElements=False)
        reader = _Reader(region.stash, first_line)
        reader.flow(_content(root))
        return reader.read
    except Exception as error:  # a fault of ours: the text of the lines, with no tags, and a word why
        text = re.sub(r"<[^>]*>", " ", region.html)
        why = f"could not read this HTML ({type(error).__name__}: {error}); shown as its text, please report it"
        return _Read(before=[escape.md(" ".join(text.split()))], issues=[(first_line, why)])


def _content(element: Node) -> Iterator[Node]:
    """An element's text and child elements in order, without comments."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


class _Reader:
    """Turns the tree html5lib made into terms: each dt or summary starts one, what follows defines it."""

    def __init__(self, stash: tuple[tuple[str, bool], ...], first_line: int):
        self.stash = stash
        self.read = _Read()
        self.current: _Term | None = None
        self.details: list[_Term | None] = []  # the term each open details is named by
        self.line = first_line

    def add(self, markdown: str) -> None:
        if markdown.strip():
            (self.current.body if self.current else self.read.before).append(markdown)

    def is_block(self, node: Node) -> bool:
        if isinstance(node, str):
            return False
        if node.tag == _STASH:
            return self.stashed(node)[1]
        return node.tag in _BLOCKS

    def stashed(self, element: Node) -> tuple[str, bool]:
        index = element.get("data-i", "")
        return self.stash[int(index)] if index.isdigit() and int(index) < len(self.stash) else ("", False)

    def runs(self, nodes: Iterator[Node] | list[Node]) -> Iterator[tuple[str, Node]]:
        """Paragraphs (Markdown) and block elements, in order."""
        buffer: list[Node] = []
        for node in nodes:
            if self.is_block(node):
                yield self.paragraph(buffer), None
                buffer = []
                yield "", node
            else:
                buffer.append(node)
        yield self.paragraph(buffer), None

    def flow(self, nodes: Iterator[Node] | list[Node]) -> None:
        """Read nodes where a dt or summary starts a term."""
        for paragraph, element in self.runs(nodes):
            if element is None:
                self.add(paragraph)
            elif element.tag in ("dt", "summary"):
                self.term(element)
            elif element.tag == "details":
                self.read_details(element)
            elif element.tag in _FLOW:
                self.flow(_content(element))
            else:
                self.add(self.markdown(element))

    def read_details(self, element: Node) -> None:
        self.details.append(None)
        before = len(self.read.terms)
        self.flow(_content(element))
        own = self.details.pop()
        if own is not None and not own.body and len(self.read.terms) > before + 1:
            self.read.terms.remove(own)
            self.read.issues.append((own.line, f"'{own.name}' introduces the terms below it"))

    def term(self, element: Node) -> None:
        nodes = list(_content(element))
        split = next((i for i, node in enumerate(nodes) if self.is_block(node)), len(nodes))
        name_nodes, rest = nodes[:split], nodes[split:]
        if not self.paragraph(name_nodes) and rest:
            name_nodes, rest = list(_content(rest[0])), rest[1:]
        name = inline_name(self.paragraph(name_nodes).replace("\\\n", " "))
        marked = element.get(_LINE, "")
        self.line = int(marked) if marked.isdigit() else self.line
        if not name:
            self.read.issues.append((self.line, f"an HTML {element.tag} with no text names no term"))
        elif element.tag == "summary" and name.lower().rstrip(".!") in _NO_NAMES:
            pass  # "Click to expand": what it hides continues the term before
        else:
            self.current = _Term(name, self.line)
            self.read.terms.append(self.current)
            if element.tag == "summary" and self.details and self.details[-1] is None:
                self.details[-1] = self.current
        self.flow(rest)

    # --- Markdown ------------------------------------------------------------------------------

    def paragraph(self, nodes: list[Node]) -> str:
        return _tidy("".join(self.inline(node) for node in nodes))

    def inline(self, node: Node) -> str:
        if isinstance(node, str):
            return node
        tag = node.tag
        if tag in _DROP:
            return ""
        if tag == _STASH:
            markdown, block = self.stashed(node)
            return f"\n\n{markdown}\n\n" if block else markdown
        if tag == "br":
            return _BR
        if tag == "img":
            return _image(node)
        if tag in _CODE:
            text = self.text(node)
            return escape.code(text) if text.strip() else text
        if tag in _BLOCKS:
            return f"\n\n{self.markdown(node)}\n\n"
        inner = "".join(self.inline(child) for child in _content(node))
        if tag in _EM:
            return _wrap(inner, "*")
        if tag in _STRONG:
            return _wrap(inner, "**")
        if tag == "a":
            return _link(inner, node.get("href", ""))
        return inner

    def text(self, element: Node) -> str:
        """An element's text as written (code)."""
        out = []
        for node in _content(element):
            if isinstance(node, str):
                out.append(node)
            elif node.tag == _STASH:
                out.append(self.stashed(node)[0])
            elif node.tag == "br":
                out.append("\n")
            elif node.tag not in _DROP:
                out.append(self.text(node))
        return "".join(out)

    def blocks(self, nodes: Iterator[Node] | list[Node]) -> str:
        """Nodes as Markdown blocks, where a dt or summary is only bold text."""
        parts = []
        for paragraph, element in self.runs(nodes):
            parts.append(paragraph if element is None else self.markdown(element))
        return "\n\n".join(part for part in parts if part.strip())

    def markdown(self, element: Node) -> str:
        tag = element.tag
        if tag in ("ul", "ol", "dir", "menu"):
            return self.listing(element)
        if tag == "pre":
            text = self.text(element).strip("\n")
            return escape.code_block(text.split("\n"), _language(element)) if text.strip() else ""
        if tag == "blockquote":
            inner = self.blocks(_content(element))
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n")) if inner else ""
        if tag in _HEADINGS or tag in ("dt", "summary"):
            nodes = list(_content(element))
            split = next((i for i, node in enumerate(nodes) if self.is_block(node)), len(nodes))
            name = " ".join(self.paragraph(nodes[:split]).replace("\\\n", " ").split())
            return "\n\n".join(part for part in (f"**{name}**" if name else "", self.blocks(nodes[split:])) if part)
        if tag == "table":
            return self.table(element)
        if tag == "hr":
            return ""
        if tag == _STASH:
            return self.stashed(element)[0]
        if tag == "li":
            return self.listing(element, items=[element])
        return self.blocks(_content(element))

    def listing(self, element: Node, items: list[Node] | None = None) -> str:
        """A list: each li an item, anything else in the list part of the item before it."""
        groups: list[list[Node]] = []
        for node in [element] if items else _content(element):
            if not isinstance(node, str) and node.tag == "li":
                groups.append(list(_content(node)))
            elif groups:
                groups[-1].append(node)
            elif not isinstance(node, str) or node.strip():
                groups.append([node])
        start = element.get("start", "1") if element.tag == "ol" else ""
        number = int(start) if start.isdigit() else 1
        out = []
        for group in groups:
            body = self.blocks(group)
            if not body:
                continue
            marker = f"{number}." if element.tag == "ol" else "-"
            number += 1
            pad = " " * (len(marker) + 1)
            lines = body.split("\n")
            out.append("\n".join([f"{marker} {lines[0]}", *(pad + line if line else "" for line in lines[1:])]))
        return "\n".join(out)

    def table(self, element: Node) -> str:
        rows = []
        for row in element.iter("tr"):
            cells = [self.paragraph(list(_content(cell))) for cell in row if cell.tag in ("td", "th")]
            rows.append([" ".join(c.replace("\\\n", " ").split()).replace("|", "\\|") for c in cells])
        rows = [row for row in rows if any(row)]
        if not rows:
            return self.blocks(_content(element))
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        lines = [f"| {' | '.join(rows[0])} |", f"|{'---|' * width}", *(f"| {' | '.join(row)} |" for row in rows[1:])]
        return "\n".join(lines)


def _tidy(markdown: str) -> str:
    """Text gathered from between tags as Markdown: dedented (an indented paragraph is no code
    block), its line breaks made."""
    chunks = []
    for chunk in re.split(r"\n[ \t]*\n", textwrap.dedent(markdown)):
        indents = [len(line) - len(line.lstrip()) for line in chunk.split("\n") if line.strip()]
        if indents and min(indents) >= 4:
            chunk = textwrap.dedent(chunk)
        chunk = re.sub(rf"^\s*(?:{_BR}\s*)+|(?:\s*{_BR})+\s*$", "", chunk.strip("\n"))
        chunk = re.sub(rf"[ \t]*{_BR}[ \t]*\n?[ \t]*", lambda _: "\\\n", chunk)
        if chunk.strip():
            chunks.append(chunk.rstrip())
    return "\n\n".join(chunks)


def _wrap(inner: str, mark: str) -> str:
    lead, core, trail = _edges(inner)
    return f"{lead}{mark}{core}{mark}{trail}" if core and "\n\n" not in core else inner


def _edges(text: str) -> tuple[str, str, str]:
    core = text.strip()
    if not core:
        return text, "", ""
    start = text.index(core[0])
    return text[:start], core, text[start + len(core) :]


def _destination(url: str) -> str:
    return "".join(url.split()).replace("<", "%3C").replace(">", "%3E")


def _link(inner: str, href: str) -> str:
    lead, core, trail = _edges(inner)
    if not href.strip() or not core or "\n\n" in core:
        return inner
    return f"{lead}[{core}](<{_destination(href)}>){trail}"


def _image(element: Node) -> str:
    alt = " ".join(element.get("alt", "").split())
    src = element.get("src", "")
    if not src.strip():
        return alt
    alt = alt.replace("[", "\\[").replace("]", "\\]")
    return f"![{alt}](<{_destination(src)}>)"


def _language(element: Node) -> str:
    for node in [element, *element.iter("code")]:
        for name in node.get("class", "").split():
            if name.startswith(("language-", "lang-")):
                return re.sub(r"[^\w+#.-]", "", name.split("-", 1)[1])
    return ""
