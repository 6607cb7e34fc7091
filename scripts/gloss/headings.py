"""A term page's Markdown rendered without Python-Markdown: it is only headings between finished HTML.

The hook hands Python-Markdown a term page with its HTML lifted out (``escape.lift``): headings
and placeholder paragraphs.  Setting up Python-Markdown and its extensions for each page cost more
than the page's own work.  ``render`` (MkDocs' ``Page.render`` for a page outside the nav) writes
such a page as Python-Markdown with the site's ``toc`` and ``attr_list`` would: the same headings,
ids (the configured slugify, made unique the same way), permalinks, table of contents, title and
anchors.  A page with anything else (a heading whose text has Markdown in it, a list, a table, a
level skipped) goes to Python-Markdown, as do all pages when the site's Markdown set-up differs.

The first pages of a build are rendered both ways (``CHECKS``): if one differs, every page goes
to Python-Markdown from then on.  ``GLOSS_SHELL=0`` renders every page the usual way.  The site is
the same either way, file by file (tested).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from markdown.extensions.toc import slugify as default_slugify
from markdown.extensions.toc import unique
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import shell

log = logging.getLogger("mkdocs.hooks.glossary")
CHECKS = 3  # pages of a build rendered both ways before the quick way is trusted
_HEADING = re.compile(r"(#{1,3}) +(.+?) *$")
_ATTRS = re.compile(r"(.+?) *\{ *(?:#([\w-]+))?((?: *[a-z][\w-]*)*) *\}$")
_PLAIN = re.compile(r"[^\W_]+(?:[ ,.'’()\-–—:;/?%+=\"“”‘][^\W_]*)*[.?)\"”’]?")
_PLACEHOLDER = re.compile(r"GLOSSHTML\d+X")
_TOC_KEYS = {"permalink", "slugify"}
_STATE: dict[str, Any] = {"checked": 0, "off": False}


def new_build() -> None:
    _STATE.update(checked=0, off=False)


def render(page: Page, config: Any, files: Any) -> None:
    """``Page.render`` for a page outside the nav: the quick way when it can, else Python-Markdown."""
    quick = None if _STATE["off"] or not shell.enabled() else _quick(page.markdown or "", config, page.file)
    if quick is None:
        Page.render(page, config, files)
        return
    if _STATE["checked"] < CHECKS:
        _STATE["checked"] += 1
        Page.render(page, config, files)
        if _seen(page) != _seen_quick(quick):
            _STATE["off"] = True
            log.debug(f"{page.file.src_uri} is not rendered as Python-Markdown does: every page goes to it")
        return
    page.content, page.toc, page._title_from_render, page.present_anchor_ids, page.links_to_anchors = quick


def _seen(page: Page) -> tuple[Any, ...]:
    return (page.content, _toc(page.toc), page._title_from_render, page.present_anchor_ids, page.links_to_anchors)


def _seen_quick(quick: tuple[Any, ...]) -> tuple[Any, ...]:
    return (quick[0], _toc(quick[1]), *quick[2:])


def _toc(items: Any) -> list[Any]:
    return [(item.title, item.id, item.level, getattr(item, "active", None), _toc(item.children)) for item in items]


def _quick(markdown: str, config: Any, file: Any) -> tuple[Any, ...] | None:
    """The page's HTML, table of contents, title, anchors and links, or None: not for the quick way."""
    toc_config = config["mdx_configs"].get("toc") or {}
    names = [str(getattr(ext, "__module__", ext)) for ext in config["markdown_extensions"]]
    if set(toc_config) - _TOC_KEYS or not toc_config.get("permalink") or "toc" not in names:
        return None
    symbol = "&para;" if toc_config["permalink"] is True else str(toc_config["permalink"])
    slugify = toc_config.get("slugify", default_slugify)
    blocks: list[tuple[int, str, str | None, list[str]] | str] = []  # headings (level, text, id, words), placeholders
    for paragraph in re.split(r"\n[ \t]*\n", markdown.strip("\n")):
        for line in paragraph.split("\n"):
            heading = _HEADING.fullmatch(line)
            if heading:
                text, anchor, words = heading.group(2), None, list[str]()
                given = _ATTRS.fullmatch(text)
                if given:
                    text, anchor, words = given.group(1), given.group(2), given.group(3).split()
                    if (not anchor and not words) or "attr_list" not in names:
                        return None  # without attr_list, Python-Markdown shows the braces as text
                if not _PLAIN.fullmatch(text):
                    return None
                blocks.append((len(heading.group(1)), text, anchor, words))
            elif _PLACEHOLDER.fullmatch(line) and paragraph == line:
                blocks.append(line)
            elif line.strip():
                return None
    levels = [block[0] for block in blocks if isinstance(block, tuple)]
    if (
        not blocks
        or not levels
        or levels[0] != 1
        or 1 in levels[1:]
        or any(b - a > 1 for a, b in zip(levels, levels[1:], strict=False))
    ):
        return None
    used = {block[2] for block in blocks if isinstance(block, tuple) and block[2]}
    html, tokens, ids = [], [], set()
    for block in blocks:
        if isinstance(block, str):
            html.append(f"<p>{block}</p>")
            continue
        level, text, anchor, words = block
        anchor = anchor or unique(slugify(text, "-"), used)
        ids.add(anchor)
        written = " ".join(sorted([*words, f'id="{anchor}"'], key=lambda attr: attr.split("=")[0]))
        link = f'<a class="headerlink" href="#{anchor}" title="Permanent link">{symbol}</a>'
        html.append(f"<h{level} {written}>{text}{link}</h{level}>")
        tokens.append((level, text, anchor))
    title = blocks[0][1] if isinstance(blocks[0], tuple) else None  # MkDocs' title: a first h1
    links = None  # MkDocs keeps a page's links (here its permalinks) only when it does not log debug
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        links = {file: {anchor: f"#{anchor}" for _, _, anchor in tokens}}
    return "\n".join(html), _nest(tokens), title, ids, links


def _nest(tokens: list[tuple[int, str, str]]) -> TableOfContents:
    """The headings as MkDocs' table of contents (levels never skip, as ``_quick`` checked)."""
    top: list[AnchorLink] = []
    stack: list[AnchorLink] = []
    for level, text, anchor in tokens:
        item = AnchorLink(text, anchor, level)
        while stack and stack[-1].level >= level:
            stack.pop()
        (stack[-1].children if stack else top).append(item)
        stack.append(item)
    if top:
        top[0].active = True  # type: ignore[attr-defined]
    return TableOfContents(top)
