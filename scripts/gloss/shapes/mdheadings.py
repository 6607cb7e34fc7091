"""Headings and questions in Markdown notes: which heading names a term, which is a section of
the note ("References"), a part ("Section 6: ..."), a letter of the index or a group of terms,
found by looking ahead at the heading's section; and flashcards ("Q: What is X?" then its answer).

The markdown reader (``markdown._Reader``) has these as a base: the state they read and change
is its, declared here for the type checker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import mdparse
from ..model import Issue, Level
from .common import Draft, Parsed
from .mdblocks import Block, answer, inline_name, question

_LETTER = re.compile(r"^(?:[A-Za-z]|[A-Za-z]\s*[-–—]\s*[A-Za-z]|#|0-9|numbers|symbols|numbers and symbols)$", re.I)
_SECTIONS = {
    "contents", "table of contents", "toc", "index", "resources", "references", "further reading", "see also",
    "introduction", "about", "other", "others", "links", "bibliography", "acknowledgements", "acknowledgments",
    "license", "credits", "overview", "preface", "sources", "pages linking here", "what links here", "backlinks",
}  # fmt: skip
# "Section 6: Regularisation", "Part 2 - Optimisers", "Chapter 3.": a part of the note, grouping what follows.
_NUMBERED = re.compile(
    r"^(?:section|part|chapter|lecture|lesson|module|unit|week|session|topic)\s+(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])"
    r"\s*(?:[:.)\-–—]|$)",
    re.I,
)
_EXPLANATIONS = ("ordered_list_open", "fence", "code_block")  # a sub-heading's content that explains, not defines
LISTS = ("bullet_list_open", "ordered_list_open")


@dataclass
class Heading:
    name: str
    level: int
    block: Block
    content: list[Block] = field(default_factory=list)
    has_terms: bool = False
    anchor: str = ""  # the anchor key of the heading as written ("What is a tensor?")
    prose: bool = False  # a question that names no single term: prose of the term before it


class Headings:
    """The reader's headings and flashcards, and what every part of the reader does with a block."""

    # the reader's state, as markdown._Reader declares it
    source: list[str]
    path: str
    parsed: Parsed
    drafts: list[Draft]
    pending: Heading | None
    skipping: tuple[str, int, str] | None
    last: Draft | None
    last_from_table: bool
    asked: Draft | None
    outline: list[Block]
    headings_at: dict[int, int]  # a heading's first line -> its place in ``outline``

    def info(self, block: Block, why: str, lines: list[int] | None = None) -> None:
        numbers = lines or block.lines(self.source) or [block.start + 1]
        self.parsed.issues.append(Issue(self.path, numbers[0], why, Level.INFO, last=numbers[-1]))

    def absorb(self, draft: Draft, block: Block) -> None:
        draft.body.append(block.markdown(self.source))
        draft.lines.extend(block.lines(self.source))

    def introduction(self, block: Block) -> None:
        self.parsed.meta.append(("Introduction", mdparse.plain(block.inline.children if block.inline else None)))
        self.parsed.meta_lines.extend(block.lines(self.source))

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
            self.pending = Heading(name, level, block, anchor=mdparse.anchor_key(name), prose=True)
        elif _NUMBERED.match(name):
            self.info(block, f"heading '{name}' is a part of the note: it groups what follows")
        elif self.only_links(block, level):
            why = f"'{name}' holds only links, not a term"
            self.skipping = (why, level, folded)
            self.info(block, why)
        elif self.groups(block, level):
            self.info(block, f"heading '{name}' groups the headings below it; its prose introduces the note")
        else:
            self.pending = Heading(term or name, level, block, anchor=mdparse.anchor_key(name))

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

    def prose_question(self, heading: Heading) -> None:
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
        if not self.headings_at:  # where each heading stands among the blocks, found once
            self.headings_at = {b.start: i for i, b in enumerate(tops) if b.kind == "heading_open"} | {-1: -1}
        start = self.headings_at.get(block.start)
        own: list[Block] = []
        subs: list[tuple[Block, list[Block]]] = []
        if start is None:
            return own, subs
        for at in range(start + 1, len(tops)):  # not a copy of the rest of the note for every heading
            following = tops[at]
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


def _is_section(folded: str) -> bool:
    """A section of the note by its name: "References", "Pages linking here (main versions)"."""
    return folded in _SECTIONS or folded.split("(")[0].strip(" :") in _SECTIONS


def _is_links(block: Block) -> bool:
    """A paragraph or list whose every line or item starts with a link (or is a bare web address)."""
    if block.kind not in ("paragraph_open", *LISTS):
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
