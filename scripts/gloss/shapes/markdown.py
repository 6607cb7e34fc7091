"""The markdown shape: the glossary idioms of Markdown notes, recognised block by block.

    # My glossary                          the note's title
    ## Dropout                             a heading per term, at any level (ATX or setext)
    Randomly zeroes units while training.
    - **Epoch**: one pass over the data    "Term: definition" lines and items, bold or not
    Tensor                                 a term line, then its bullets
    - an n-d array
    Bias
    : a learnt offset                      a definition list
    | Acronym | Meaning |                  a table with a term and a definition column
    |---|---|
    | CNN | Convolutional neural network |

Headings such as "Contents", "Resources" or "See also", letter headings and
the title are no terms; a list of links to headings (a table of contents)
teaches the terms other names.  Definitions stay Markdown (``Entry.body``).
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import forkmap, mdparse
from ..model import Entry, Issue, Shape
from . import mdhtml
from .common import Draft, Fit, Parsed, page_properties, title_properties
from .mdblocks import (
    Block,
    inline_name,
    is_short_name,
    table_rows,
    term_line,
    term_table,
)
from .mdheadings import LISTS, Heading, Headings
from .mdidioms import definition_list, footnotes, is_term_list, list_items, table, term_lines, term_list
from .yaml_list import front_matter

SHAPE = Shape.MARKDOWN
_INTRODUCTIONS = {"introduction", "about", "overview", "preface"}


def detect(text: str) -> Fit:
    """A Markdown note is one in which the idioms find a term."""
    return Fit.WEAK if text.strip() and parse(text, "").entries else Fit.NO


@dataclass
class _Reader(Headings):
    """A Markdown note, read block by block; its headings and flashcards as ``Headings`` reads them."""

    source: list[str]
    path: str
    parsed: Parsed = field(default_factory=Parsed)
    drafts: list[Draft] = field(default_factory=list)
    pending: Heading | None = None  # a heading whose content decides whether it is a term
    skipping: tuple[str, int, str] | None = None  # (why, level, name) inside a section that is no term
    last: Draft | None = None  # the entry that loose blocks continue
    last_from_table: bool = False  # a table after a term table is not part of its last row
    toc: list[tuple[str, str]] = field(default_factory=list)  # (anchor key, link text)
    asked: Draft | None = None  # the entry of the last flashcard question, which "A:" paragraphs answer
    outline: list[Block] = field(default_factory=list)  # the note's top-level blocks, for looking ahead from a heading
    headings_at: dict[int, int] = field(default_factory=dict)

    # --- blocks -------------------------------------------------------------------------

    def issue(self, issue: Issue) -> None:
        self.parsed.issues.append(issue)

    def block(self, block: Block, outline: list[Block], at: int) -> bool:
        """Read one block (``outline[at]``); True when it also used the block after it."""
        if block.kind in LISTS and self.toc_list(block):
            return False
        if self.skipping:
            why, _, section = self.skipping
            if section in _INTRODUCTIONS and block.kind == "paragraph_open":
                self.introduction(block)
            else:
                self.info(block, why)
            return False
        if block.kind == "hr":
            self.info(block, "a horizontal rule")
            return False
        if self.flashcard(block):
            return False
        if self.pending and self.pending.content:
            self.pending.content.append(block)
            return False
        following = outline[at + 1] if at + 1 < len(outline) else None
        drafts, used_next = self.idiom(block, following)
        rest = itertools.islice(outline, at + 1, None)  # not a copy of the rest of the note for every block
        if drafts and self.pending and len(drafts) == 1 and not drafts[0].marked and not _section_marks_terms(rest):
            drafts, used_next = [], False  # a lone "Words: more words" under a heading is its prose
        if drafts:
            if self.pending:
                self.pending.has_terms = True
            self.drafts.extend(drafts)
            self.last = drafts[-1]
            self.last_from_table = block.kind == "table_open"
        elif self.pending:
            self.pending.content.append(block)
        elif self.last and not (self.last_from_table and block.kind == "table_open"):
            self.absorb(self.last, block)
        elif block.kind == "paragraph_open" and not self.last:
            self.introduction(block)
        elif block.kind == "table_open":
            self.info(
                block,
                "a table with no term and definition columns (Term, Word, Acronym or Question; Definition, Meaning or Answer)",
            )
        else:
            self.info(block, "not a term: comes before the first term and under no heading")
        return used_next

    def toc_list(self, block: Block) -> bool:
        """A list whose every item is a link to a heading of the note: learn names, show nothing."""
        links = []
        for token in block.tokens:
            if token.type == "inline":
                children = [c for c in token.children or [] if c.type not in ("softbreak",)]
                href = str(children[0].attrs.get("href", "")) if children else ""
                if not (children and children[0].type == "link_open" and children[-1].type == "link_close"):
                    return False
                if not href.startswith("#"):
                    return False
                links.append((mdparse.anchor_key(href[1:]), mdparse.plain(children)))
        if not links:
            return False
        self.toc.extend(links)
        self.info(block, "a table of contents: its links name the headings they point to")
        return True

    def idiom(self, block: Block, following: Block | None) -> tuple[list[Draft], bool]:
        if block.kind == "paragraph_open" and block.inline is not None:
            drafts = term_lines(self, block.inline.content, block)
            if drafts:
                return drafts, False
            name = block.inline.content
            if following and following.kind in LISTS and is_short_name(name) and not is_term_list(following):
                lines = block.lines(self.source)
                draft = Draft(name=inline_name(name), line=lines[0], lines=list(lines))
                self.absorb(draft, following)
                return [draft], True
        elif block.kind in LISTS:
            return term_list(self, block), False
        elif block.kind == "dl_open":
            return definition_list(self, block), False
        elif block.kind == "table_open":
            return table(self, block), False
        elif isinstance(block, mdhtml.Glossary):
            return mdhtml.drafts(self, block), False
        return [], False


def _section_marks_terms(rest: Iterable[Block]) -> bool:
    """Whether the blocks up to the next heading mark terms unmistakably: bold term lines, a
    definition list, a term table, or a list of several "Term: definition" items."""
    for block in rest:
        if block.kind == "heading_open":
            return False
        if block.kind == "dl_open":
            return True
        if block.kind == "table_open" and term_table(table_rows(block)[0]) is not None:
            return True
        if block.kind == "paragraph_open" and block.inline is not None:
            found = term_line(block.inline.content)
            if found and found[2]:
                return True
        if block.kind in LISTS:
            _, _, found_items, _ = list_items(block)
            terms = [item for item in found_items if item is not None]
            if is_term_list(block) and (len(terms) >= 2 or any(item[2] for item in terms)):
                return True
    return False


def _has_one_title(tops: list[Block]) -> bool:
    """The note starts with its only level-1 heading."""
    headings = [b for b in tops if b.kind == "heading_open"]
    first = next((b for b in tops if b.kind != "front_matter"), None)
    ones = [b for b in headings if b.tokens[0].tag == "h1"]
    return first is not None and first.kind == "heading_open" and first.tokens[0].tag == "h1" and len(ones) == 1


def parse(text: str, path: str) -> Parsed:
    """The note's entries and issues.  Detection reads a note with this parser too (the markdown and
    concept shapes), so the last few texts' results are kept and handed out as copies."""
    read = _parse(text)
    return Parsed(
        title=read.title,
        meta=list(read.meta),
        meta_lines=list(read.meta_lines),
        entries=list(read.entries),
        issues=[dataclasses.replace(issue, path=path) for issue in read.issues],
    )


def _page_properties(properties: dict[str, str], count: int, parsed: Parsed) -> None:
    """Logseq's page properties read as front matter is: ``title`` the note's title, the rest its metadata."""
    parsed.meta_lines.extend(range(1, count + 1))
    for key, value in properties.items():
        if key == "title" and value:
            parsed.title = value
        elif value:
            parsed.meta.append((key.capitalize(), value))


def forget() -> None:
    """Let the kept results go (``shapes.forget``)."""
    _parse.cache_clear()


@functools.lru_cache(maxsize=4)
def _parse(text: str) -> Parsed:
    path = ""
    source = text.split("\n")
    tops = mdhtml.blocks(text)  # each HTML glossary (<dl>, <details>) one block
    reader = _Reader(source, path, outline=tops)  # the look-ahead from headings reads the same blocks
    title_block = next((b for b in tops if b.kind == "heading_open"), None) if _has_one_title(tops) else None
    skip_next = False
    properties, count = page_properties(source)  # Logseq's "title:: …" lines: front matter, as the note means it
    if count:
        _page_properties(properties, count, reader.parsed)
    notion, where = ({}, []) if count else title_properties(source)  # Notion's "Tags: …" lines under the title
    if where:
        reader.parsed.meta_lines.extend(index + 1 for index in where)
        reader.parsed.meta.extend((key.capitalize(), value) for key, value in notion.items())
    for index, block in enumerate(tops):
        if skip_next:
            skip_next = False
            continue
        if count and block.kind == "paragraph_open" and block.end <= count:
            continue
        if where and block.kind == "paragraph_open" and block.start == where[0]:
            continue
        try:
            if block.kind == "footnote_block_open":
                continue  # the footnotes' definitions, which markdown-it gathers at the end: ``footnotes``
            if block.kind == "front_matter":
                front_matter(block.tokens[0].content, path, reader.parsed, first_line=2)
                reader.parsed.meta_lines.extend(block.lines(source))
            elif block.kind == "heading_open":
                reader.heading(block, int(block.tokens[0].tag[1]), title=block is title_block)
            else:
                skip_next = reader.block(block, tops, index)
        except Exception as error:  # a fault of ours costs one block, named with its lines, not the note
            lines = block.lines(source) or [block.start + 1]
            why = f"could not read this block ({type(error).__name__}: {error}); skipped, please report it"
            reader.parsed.issues.append(Issue(path, lines[0], why, last=lines[-1]))
    reader.finish()
    reader.parsed.issues.extend(footnotes(reader.drafts, source, path))
    aliases = dict(reader.toc)
    # Each entry's text read as plain text (a Markdown parse of its own): on two cores in a long note.
    reader.parsed.entries = forkmap.map2(lambda draft: _freeze(draft, aliases.get(draft.anchor, "")), reader.drafts)
    return reader.parsed


def _freeze(draft: Draft, toc_name: str) -> Entry:
    body = "\n\n".join(part for part in draft.body if part.strip())
    aliases = (toc_name,) if toc_name and mdparse.anchor_key(toc_name) != draft.anchor else ()
    return Entry(
        name=draft.name,
        line=draft.line,
        paragraphs=tuple(mdparse.plain_text(body)),
        lines=tuple(sorted(set(draft.lines))),
        body=body,
        aliases=aliases,
        anchor=draft.anchor,
    )
