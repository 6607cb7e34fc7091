"""Markdown in notes, read with markdown-it-py: one parser, and what the pipeline needs from its tokens.

markdown-it-py, not Python-Markdown's element tree, because its tokens carry the
source line range of every block (``token.map``), which every entry and every
skipped block needs for its ``file:line``, and because it follows CommonMark
(plus tables, definition lists and front matter from mdit-py-plugins).  Raw HTML
is off, so HTML in a note shows as typed.  Links of every scheme are parsed, so
that a ``javascript:`` link shows as its text; the linker (``richtext.py``) makes
links only for http, https and mailto (``validate_link``) and relative paths.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.\-]*:", re.I)


def validate_link(url: str) -> bool:
    """No javascript:, vbscript:, data: or any other scheme: only web and mail links, and relative ones."""
    return _SCHEME.match(url) is None or url.strip().lower().startswith(SAFE_SCHEMES)


def _parse_every_link(url: str) -> bool:
    return True


@functools.cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table").use(deflist_plugin).use(front_matter_plugin)
    md.validateLink = _parse_every_link  # type: ignore[method-assign]
    return md


def parse(text: str) -> list[Token]:
    return parser().parse(text)


def plain(children: list[Token] | None, images: bool = True) -> str:
    """The text an inline token shows, without markup: links keep their text, images their alt text
    (or nothing, with ``images=False``)."""
    out = []
    for child in children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image" and images:
            out.append(plain(child.children))
    return " ".join("".join(out).split())


def plain_text(markdown: str) -> list[str]:
    """A Markdown text as plain text, one string per paragraph, list item, table row or code block."""
    out: list[str] = []
    row: list[str] | None = None
    for token in parse(markdown):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            out.append(" | ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            text = plain(token.children, images=False)
            if row is not None:
                row.append(text)
            elif text:
                out.append(text)
        elif token.type in ("fence", "code_block") and token.content.strip():
            out.append(" ".join(token.content.split()))
    return [text for text in out if text]


def anchor_key(text: str) -> str:
    """What a heading's anchor and a link to it share, however the anchor was slugged ("#Pooling-layer" = "pooling layer")."""
    return re.sub(r"[\W_]+", "", text.lower())


def images(markdown: str) -> list[str]:
    """The sources of the images a Markdown text shows."""
    found = []
    for token in parse(markdown):
        for child in token.children or []:
            if child.type == "image":
                found.append(str(child.attrs.get("src", "")))
    return found
