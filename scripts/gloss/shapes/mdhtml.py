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
reads it.  Here: finding the glossaries and their drafts; ``htmlterms`` reads the
terms, ``htmltomd`` writes their definitions as Markdown.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from .. import escape, mdparse
from ..model import Issue, Level
from . import htmlterms
from .common import Draft
from .htmlterms import LINE, Region
from .htmltomd import STASH
from .mdblocks import Block
from .mdblocks import blocks as markdown_blocks
from .mdidioms import Context

KIND = "html_glossary"  # the kind of a Glossary block
_MENTION = re.compile(r"<\s*/?\s*(?:dl|dt|dd|details|summary)(?=[\s/>])", re.I)
_NESTING = re.compile(r"<(/?)\s*(dl|details)(?=[\s/>])[^>]*>", re.I)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_TERM_TAG = re.compile(r"<(dt|summary)(?=[\s/>])", re.I)


@dataclass(frozen=True)
class Glossary(Block):
    """The lines of one HTML glossary, a block of the note for the reader."""

    region: Region

    def markdown(self, source: list[str]) -> str:
        """The glossary as Markdown, for when it continues an entry: terms in bold, then their definitions."""
        read = htmlterms.read(self.region, self.start + 1)
        parts = list(read.before)
        for term in read.terms:
            parts.append(f"**{escape.md(term.name)}**")
            parts.extend(term.body)
        return "\n\n".join(parts)


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
            pieces.append(f'<{STASH} data-i="{len(stash) - 1}"></{STASH}>')
            number = end
            continue
        pieces.append(_mark(source[number], number + 1, stash))
        number += 1
    return Region("\n".join(pieces), tuple(stash), unclosed)


def _mark(line: str, number: int, stash: list[tuple[str, bool]]) -> str:
    """A line with its code spans stashed and its term tags marked with its number."""

    def keep(match: re.Match[str]) -> str:
        stash.append((match[0], False))
        return f'<{STASH} data-i="{len(stash) - 1}"></{STASH}>'

    line = _CODE_SPAN.sub(keep, line)
    return _TERM_TAG.sub(lambda match: f'<{match[1]} {LINE}="{number}"', line)


# --- reading one glossary -----------------------------------------------------------------------


def drafts(ctx: Context, block: Glossary) -> list[Draft]:
    """The terms of an HTML glossary, each with the lines from its tag to the next term's."""
    read = htmlterms.read(block.region, block.start + 1)
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
