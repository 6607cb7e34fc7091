"""An HTML glossary's tree, as html5lib reads it, as Markdown: paragraphs, line breaks, lists,
code, emphasis, links, images, tables; any other tag becomes its text.  Text between tags is
Markdown, as people write it there; Markdown code was stashed before html5lib read the lines."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterator
from typing import Any

from .. import escape

STASH = "gloss-stash"  # an element standing for Markdown code that html5lib must not read
_BR = "\x00"  # a line break, until the paragraph it breaks is known

_BLOCKS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup",
    "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "ul",
}  # fmt: skip
_DROP = {"script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "head", "title"}
_DROP |= {"meta", "link", "input", "button", "select", "textarea", "audio", "video", "canvas", "source"}
_EM = {"em", "i", "cite", "dfn", "var"}
_STRONG = {"strong", "b"}
_CODE = {"code", "kbd", "samp", "tt"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

Node = Any  # an html5lib etree element, or the text between elements (str)


def content(element: Node) -> Iterator[Node]:
    """An element's text and child elements in order, without comments."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str):
            yield child
        if child.tail:
            yield child.tail


class HtmlMarkdown:
    """Elements and the text between them as Markdown, the stashed code put back."""

    def __init__(self, stash: tuple[tuple[str, bool], ...]):
        self.stash = stash

    def is_block(self, node: Node) -> bool:
        if isinstance(node, str):
            return False
        if node.tag == STASH:
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

    def paragraph(self, nodes: list[Node]) -> str:
        return _tidy("".join(self.inline(node) for node in nodes))

    def inline(self, node: Node) -> str:
        if isinstance(node, str):
            return node
        tag = node.tag
        if tag in _DROP:
            return ""
        if tag == STASH:
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
        inner = "".join(self.inline(child) for child in content(node))
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
        for node in content(element):
            if isinstance(node, str):
                out.append(node)
            elif node.tag == STASH:
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
            inner = self.blocks(content(element))
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n")) if inner else ""
        if tag in _HEADINGS or tag in ("dt", "summary"):
            nodes = list(content(element))
            split = next((i for i, node in enumerate(nodes) if self.is_block(node)), len(nodes))
            name = " ".join(self.paragraph(nodes[:split]).replace("\\\n", " ").split())
            return "\n\n".join(part for part in (f"**{name}**" if name else "", self.blocks(nodes[split:])) if part)
        if tag == "table":
            return self.table(element)
        if tag == "hr":
            return ""
        if tag == STASH:
            return self.stashed(element)[0]
        if tag == "li":
            return self.listing(element, items=[element])
        return self.blocks(content(element))

    def listing(self, element: Node, items: list[Node] | None = None) -> str:
        """A list: each li an item, anything else in the list part of the item before it."""
        groups: list[list[Node]] = []
        for node in [element] if items else content(element):
            if not isinstance(node, str) and node.tag == "li":
                groups.append(list(content(node)))
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
            cells = [self.paragraph(list(content(cell))) for cell in row if cell.tag in ("td", "th")]
            rows.append([" ".join(c.replace("\\\n", " ").split()).replace("|", "\\|") for c in cells])
        rows = [row for row in rows if any(row)]
        if not rows:
            return self.blocks(content(element))
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
