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

import re
from dataclasses import dataclass, field

from .. import mdparse
from ..model import Entry, Issue, Level, Shape
from . import mdhtml
from .common import Draft, Fit, Parsed
from .mdblocks import (
    Block,
    answer,
    inline_name,
    is_short_name,
    question,
    table_rows,
    term_line,
    term_table,
)
from .mdidioms import definition_list, is_term_list, list_items, table, term_lines, term_list
from .yaml_list import front_matter

SHAPE = Shape.MARKDOWN
_LETTER = re.compile(r"^(?:[A-Za-z]|[A-Za-z]\s*[-–—]\s*[A-Za-z]|#|0-9|numbers|symbols|numbers and symbols)$", re.I)
_SECTIONS = {
    "contents", "table of contents", "toc", "index", "resources", "references", "further reading", "see also",
    "introduction", "about", "other", "others", "links", "bibliography", "acknowledgements", "acknowledgments",
    "license", "credits", "overview", "preface", "sources", "pages linking here", "what links here", "backlinks",
}  # fmt: skip
_INTRODUCTIONS = {"introduction", "about", "overview", "preface"}
# "Section 6: Regularisation", "Part 2 - Optimisers", "Chapter 3.": a part of the note, grouping what follows.
_NUMBERED = re.compile(
    r"^(?:section|part|chapter|lecture|lesson|module|unit|week|session|topic)\s+(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])"
    r"\s*(?:[:.)\-–—]|$)",
    re.I,
)
_EXPLANATIONS = ("ordered_list_open", "fence", "code_block")  # a sub-heading's content that explains, not defines
_LISTS = ("bullet_list_open", "ordered_list_open")


def detect(text: str) -> Fit:
    """A Markdown note is one in which the idioms find a term."""
    return Fit.WEAK if text.strip() and parse(text, "").entries else Fit.NO


@dataclass
class _Heading:
    name: str
    level: int
    block: Block
    content: list[Block] = field(default_factory=list)
    has_terms: bool = False
    anchor: str = ""  # the anchor key of the heading as written ("What is a tensor?")
    prose: bool = False  # a question that names no single term: prose of the term before it


@dataclass
class _Reader:
    source: list[str]
    path: str
    parsed: Parsed = field(default_factory=Parsed)
    drafts: list[Draft] = field(default_factory=list)
    pending: _Heading | None = None  # a heading whose content decides whether it is a term
    skipping: tuple[str, int, str] | None = None  # (why, level, name) inside a section that is no term
    last: Draft | None = None  # the entry that loose blocks continue
    last_from_table: bool = False  # a table after a term table is not part of its last row
    toc: list[tuple[str, str]] = field(default_factory=list)  # (anchor key, link text)
    asked: Draft | None = None  # the entry of the last flashcard question, which "A:" paragraphs answer
    outline: list[Block] = field(default_factory=list)  # the note's top-level blocks, for looking ahead from a heading

    def info(self, block: Block, why: str, lines: list[int] | None = None) -> None:
        numbers = lines or block.lines(self.source) or [block.start + 1]
        self.parsed.issues.append(Issue(self.path, numbers[0], why, Level.INFO, last=numbers[-1]))

    # --- headings ---------------------------------------------------------------------

    def heading(self, block: Block, level: int, title: bool) -> None:
        name = inline_name(block.inline.content) if block.inline else ""
        if not title and not self.skipping and self.explains(block, level):
            return
        self.finish(level)
        self.last = None
        if title:
            self.parsed.title = self.parsed.title or name
            self.parsed.meta_lines.extend(block.lines(self.source))
            return
        if self.skipping and level > self.skipping[1]:
            self.info(block, self.skipping[0])
            return
        self.skipping = None
        folded = name.lower().strip()
        asked, term = question(name)
        if not name or _LETTER.match(folded):
            self.info(block, "a letter heading of the index, not a term")
        elif _is_section(folded):
            why = f"'{name}' is a section of the note, not a term"
            self.skipping = (why, level, folded)
            self.info(block, why)
        elif asked and not term:
            self.pending = _Heading(name, level, block, anchor=mdparse.anchor_key(name), prose=True)
        elif _NUMBERED.match(name):
            self.info(block, f"heading '{name}' is a part of the note: it groups what follows")
        elif self.only_links(block, level):
            why = f"'{name}' holds only links, not a term"
            self.skipping = (why, level, folded)
            self.info(block, why)
        elif self.groups(block, level):
            self.info(block, f"heading '{name}' groups the headings below it; its prose introduces the note")
        else:
            self.pending = _Heading(term or name, level, block, anchor=mdparse.anchor_key(name))

    def finish(self, next_level: int | None = None) -> None:
        heading, self.pending = self.pending, None
        if heading is None:
            return
        lines = heading.block.lines(self.source)
        if heading.prose:
            self.prose_question(heading)
        elif heading.content or not (heading.has_terms or (next_level or 0) > heading.level):
            draft = Draft(name=heading.name, line=lines[0], lines=list(lines))
            draft.anchor = heading.anchor or mdparse.anchor_key(heading.name)
            for block in heading.content:
                self.absorb_part(draft, block)
            self.drafts.append(draft)
        elif heading.has_terms:
            self.info(heading.block, f"heading '{heading.name}' introduces the terms below it")
        else:
            self.info(heading.block, f"heading '{heading.name}' groups the headings below it")

    def absorb_part(self, draft: Draft, block: Block) -> None:
        """A block of a heading's section into its definition; a sub-heading ("Steps") as a bold line."""
        if block.kind == "heading_open":
            draft.body.append(f"**{block.inline.content.strip() if block.inline else ''}**")
            draft.lines.extend(block.lines(self.source))
        else:
            self.absorb(draft, block)

    def prose_question(self, heading: _Heading) -> None:
        """A heading that asks no single term ("How do I choose a learning rate?") and its section:
        prose of the entry before it, else the note's introduction."""
        target = self.drafts[-1] if self.drafts else None
        for block in [heading.block, *heading.content]:
            if target is not None:
                self.absorb_part(target, block)
            elif block.kind in ("paragraph_open", "heading_open"):
                self.introduction(block)
            else:
                self.info(block, "not a term: comes before the first term, under a question that names none")

    # --- looking ahead from a heading -------------------------------------------------------

    def section(self, block: Block, level: int) -> tuple[list[Block], list[tuple[Block, list[Block]]]]:
        """A heading's own blocks (up to the next heading) and its deeper headings with their own blocks."""
        tops = self.outline
        start = next((i for i, b in enumerate(tops) if b.kind == "heading_open" and b.start == block.start), None)
        own: list[Block] = []
        subs: list[tuple[Block, list[Block]]] = []
        if start is None:
            return own, subs
        for following in tops[start + 1 :]:
            if following.kind == "heading_open":
                if int(following.tokens[0].tag[1]) <= level:
                    break
                subs.append((following, []))
            elif subs:
                subs[-1][1].append(following)
            else:
                own.append(following)
        return own, subs

    def explains(self, block: Block, level: int) -> bool:
        """A sub-heading inside a term's explanation ("### Steps" then a numbered list, or code): it stays
        part of the definition of the heading above it."""
        parent = self.pending
        if parent is None or parent.prose or not parent.content or level <= parent.level:
            return False
        own, subs = self.section(block, level)
        if subs or not own or own[0].kind not in _EXPLANATIONS:
            return False
        parent.content.append(block)
        return True

    def only_links(self, block: Block, level: int) -> bool:
        """A heading whose whole section is links (a list of resources): no term."""
        own, subs = self.section(block, level)
        parts = own + [part for _, content in subs for part in content]
        return bool(parts) and all(_is_links(part) for part in parts)

    def groups(self, block: Block, level: int) -> bool:
        """A heading with a little prose of its own over several headings that define terms groups them."""
        own, subs = self.section(block, level)
        if not own or len(own) > 2 or any(part.kind != "paragraph_open" for part in own):
            return False
        nearest = min((int(sub.tokens[0].tag[1]) for sub, _ in subs), default=0)
        defined = [sub for sub, content in subs if int(sub.tokens[0].tag[1]) == nearest and content]
        return len(defined) >= 2

    # --- flashcards -------------------------------------------------------------------------

    def flashcard(self, block: Block) -> bool:
        """ "Q: What is X?" / "What is X?" / "Describe X:" then its answer ("A: ...", the lines after it,
        the paragraphs after it): the term X.  An "A:" paragraph answers the question before it."""
        if block.kind != "paragraph_open" or block.inline is None:
            return False
        lines = block.inline.content.split("\n")
        said = answer(lines[0])
        if said is not None and self.asked is not None and self.last is self.asked:
            self.asked.body.append("\n".join([said, *lines[1:]]).strip())
            self.asked.lines.extend(block.lines(self.source))
            return True
        first, mark, after = lines[0].partition("?")
        asked, term = question(first + mark)
        head, colon, tail = lines[0].rpartition(":")
        if not mark and colon and tail.strip():  # "Define a mini-batch: a small random subset ..."
            asked, named = question(head + colon)
            term, after = (named, tail) if named else (term, after)
        if not term:
            return False
        if self.pending:
            self.pending.has_terms = True
            self.finish()
        rest = [after.strip()] if after.strip() else []
        rest += lines[1:]
        if rest:
            said = answer(rest[0])
            rest[0] = rest[0] if said is None else said
        numbers = block.lines(self.source)
        draft = Draft(name=term, line=numbers[0], lines=list(numbers), body=["\n".join(rest).strip()], marked=True)
        self.drafts.append(draft)
        self.last = self.asked = draft
        self.last_from_table = False
        return True

    # --- blocks -------------------------------------------------------------------------

    def issue(self, issue: Issue) -> None:
        self.parsed.issues.append(issue)

    def absorb(self, draft: Draft, block: Block) -> None:
        draft.body.append(block.markdown(self.source))
        draft.lines.extend(block.lines(self.source))

    def block(self, block: Block, rest: list[Block]) -> bool:
        """Read one block; True when it also used the block after it."""
        if block.kind in _LISTS and self.toc_list(block):
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
        following = rest[0] if rest else None
        drafts, used_next = self.idiom(block, following)
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

    def introduction(self, block: Block) -> None:
        self.parsed.meta.append(("Introduction", mdparse.plain(block.inline.children if block.inline else None)))
        self.parsed.meta_lines.extend(block.lines(self.source))

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
            if following and following.kind in _LISTS and is_short_name(name) and not is_term_list(following):
                lines = block.lines(self.source)
                draft = Draft(name=inline_name(name), line=lines[0], lines=list(lines))
                self.absorb(draft, following)
                return [draft], True
        elif block.kind in _LISTS:
            return term_list(self, block), False
        elif block.kind == "dl_open":
            return definition_list(self, block), False
        elif block.kind == "table_open":
            return table(self, block), False
        elif isinstance(block, mdhtml.Glossary):
            return mdhtml.drafts(self, block), False
        return [], False


def _is_section(folded: str) -> bool:
    """A section of the note by its name: "References", "Pages linking here (main versions)"."""
    return folded in _SECTIONS or folded.split("(")[0].strip(" :") in _SECTIONS


def _is_links(block: Block) -> bool:
    """A paragraph or list whose every line or item starts with a link (or is a bare web address)."""
    if block.kind not in ("paragraph_open", *_LISTS):
        return False
    inlines = [token for token in block.tokens if token.type == "inline"]
    for token in inlines:
        children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
        first = children[0] if children else None
        if first is None:
            return False
        if not (first.type == "link_open" or first.type == "text" and re.match(r"https?://", first.content.strip())):
            return False
    return bool(inlines)


def _section_marks_terms(rest: list[Block]) -> bool:
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
        if block.kind in _LISTS:
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
    source = text.split("\n")
    tops = mdhtml.blocks(text)  # each HTML glossary (<dl>, <details>) one block
    reader = _Reader(source, path, outline=tops)  # the look-ahead from headings reads the same blocks
    title_block = next((b for b in tops if b.kind == "heading_open"), None) if _has_one_title(tops) else None
    skip_next = False
    for index, block in enumerate(tops):
        if skip_next:
            skip_next = False
            continue
        try:
            if block.kind == "front_matter":
                front_matter(block.tokens[0].content, path, reader.parsed, first_line=2)
                reader.parsed.meta_lines.extend(block.lines(source))
            elif block.kind == "heading_open":
                reader.heading(block, int(block.tokens[0].tag[1]), title=block is title_block)
            else:
                skip_next = reader.block(block, tops[index + 1 :])
        except Exception as error:  # a fault of ours costs one block, named with its lines, not the note
            lines = block.lines(source) or [block.start + 1]
            why = f"could not read this block ({type(error).__name__}: {error}); skipped, please report it"
            reader.parsed.issues.append(Issue(path, lines[0], why, last=lines[-1]))
    reader.finish()
    aliases = dict(reader.toc)
    reader.parsed.entries = [_freeze(draft, aliases.get(draft.anchor, "")) for draft in reader.drafts]
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
