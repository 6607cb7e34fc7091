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
import html
import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.texmath import texmath_plugin

from . import obsidian

SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^\s*[a-z][a-z0-9+.\-]*:", re.I)


def validate_link(url: str) -> bool:
    """No javascript:, vbscript:, data: or any other scheme: only web and mail links, and relative ones."""
    return _SCHEME.match(url) is None or url.strip().lower().startswith(SAFE_SCHEMES)


def _parse_every_link(url: str) -> bool:
    return True


def _math(block: bool) -> Callable[..., str]:
    """Maths as pymdownx.arithmatex writes it in its generic mode, for KaTeX to typeset in the browser."""

    def render(self: object, tokens: list[Token], idx: int, options: object, env: object) -> str:
        tex = html.escape(tokens[idx].content.strip(), quote=False)
        return (
            f'<div class="arithmatex">\\[{tex}\\]</div>\n' if block else f'<span class="arithmatex">\\({tex}\\)</span>'
        )

    return render


@functools.cache
def parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(deflist_plugin)
        .use(front_matter_plugin)
        .use(footnote_plugin)
        # $x$ but not "costs $5 and $6": no space inside the dollars, no digit after the closing one
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, allow_labels=False)
        .use(texmath_plugin, delimiters="brackets")
        .use(obsidian.plugin)
    )
    for kind in ("math_inline", "math_inline_double"):
        md.add_render_rule(kind, _math(block=False))
    for kind in ("math_block", "math_block_label", "math_block_eqno"):
        md.add_render_rule(kind, _math(block=True))
    md.validateLink = _parse_every_link  # type: ignore[method-assign]
    return md


MATH = ("math_inline", "math_inline_double", "math_block", "math_block_label", "math_block_eqno")


@functools.lru_cache(maxsize=2)
def parse(text: str) -> list[Token]:
    """A note's tokens.  Detecting a note's shape and reading it parse the same text more than once,
    so the last texts' tokens are kept (shared: nothing changes a token once parsed); ``forget``
    lets them go once the notes are read."""
    return parser().parse(text)


def forget() -> None:
    parse.cache_clear()


def plain(children: list[Token] | None, images: bool = True) -> str:
    """The text an inline token shows, without markup: links keep their text, images their alt text
    (or nothing, with ``images=False``)."""
    out = []
    for child in children or []:
        shown = child.type == "wikilink" and (images or not child.meta["link"].embed)
        if shown or child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in MATH:  # as typed, for KaTeX's auto-render to find in a gist
            out.append(f"\\({child.content.strip()}\\)")
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image" and images:
            out.append(plain(child.children))
    return " ".join("".join(out).split())


def plain_text(markdown: str) -> list[str]:
    """A Markdown text as plain text, one string per paragraph, list item, table row or code block."""
    out: list[str] = []
    row: list[str] | None = None
    tokens = parser().parse(markdown)  # a piece of a note: not kept, so the note's own tokens stay
    for index, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            out.append(" | ".join(cell for cell in row if cell))
            row = None
        elif token.type == "inline":
            children = token.children or []
            if (
                index >= 2
                and tokens[index - 2].type == "blockquote_open"
                and obsidian.callout(token.content.split("\n")[0])
            ):
                # A callout's title line ("[!tip] Rank") is its heading, not its text.
                cut = next((i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
                children = children[cut + 1 :]
            text = plain(children, images=False)
            if row is not None:
                row.append(text)
            elif text:
                out.append(text)
        elif token.type in MATH and token.content.strip():
            out.append(f"\\[{' '.join(token.content.split())}\\]")
        elif token.type in ("fence", "code_block") and token.content.strip():
            out.append(" ".join(token.content.split()))
    return [text for text in out if text]


def anchor_key(text: str) -> str:
    """What a heading's anchor and a link to it share, however the anchor was slugged ("#Pooling-layer" = "pooling layer")."""
    return re.sub(r"[\W_]+", "", text.lower())


def images(markdown: str) -> list[str]:
    """The sources of the images a Markdown text shows."""
    found: list[str] = []
    if "![" not in markdown:  # every image Markdown shows starts so
        return found
    for token in parser().parse(markdown):
        for child in token.children or []:
            if child.type == "image":
                found.append(str(child.attrs.get("src", "")))
    return found
