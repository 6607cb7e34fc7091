"""The glossary's data model: small frozen dataclasses, no behaviour.

The pipeline (see ``build.py``) turns files into ``Note``s (parse), notes into
``Term``s (merge), and terms into linked terms (link); the emitters turn the
model into Markdown text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Issue:
    """Something the build tells the user about one line of one file."""

    path: str
    line: int  # 1-based; 0 when the message is about the whole file
    message: str
    level: str = "warning"  # "warning" (fails --strict) or "info" (an explained skip)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class CodeLine:
    """One line of code written under an entry; it may have a locus of its own."""

    text: str
    line: int
    locus: str | None = None


@dataclass(frozen=True)
class Entry:
    """One term as one note writes it."""

    name: str  # as written, e.g. "Recurrent Neural Networks"
    line: int  # where the name is written
    paragraphs: tuple[str, ...] = ()  # prose, one item per paragraph
    bullets: tuple[str, ...] = ()  # bullet points (the "what is" shape)
    code: tuple[CodeLine, ...] = ()
    refs: tuple[str, ...] = ()  # reference URLs
    locus: str | None = None
    lines: tuple[int, ...] = ()  # every line this entry shows


@dataclass(frozen=True)
class Note:
    """One file of ``glossary/``, parsed."""

    path: str  # relative to the project, with forward slashes
    slug: str
    shape: str
    title: str
    meta: tuple[tuple[str, str], ...] = ()  # (label, value), shown on the note's page
    meta_lines: tuple[int, ...] = ()
    entries: tuple[Entry, ...] = ()
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True)
class Source:
    """Where a definition was written: a note and a line."""

    note: str  # the note's slug
    line: int
    locus: str | None = None


@dataclass(frozen=True)
class Definition:
    """What one or more notes say a term is; identical texts are merged."""

    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    code: tuple[str, ...]
    refs: tuple[str, ...]
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Stop:
    """One stop of a walk: a locus in walking order and the term placed there."""

    walk: str  # the note's slug
    number: int  # 1-based, in note order
    locus: str
    term: str  # the term's slug
    line: int
    code: str | None = None  # the code line, when the stop holds a line of code
    occurrence: int = 1  # 1, 2, ... when the same locus repeats on the walk
    repeats: bool = False  # whether this locus stands more than once on the walk


@dataclass(frozen=True)
class Term:
    """One concept: every entry of every note that names it, merged."""

    slug: str
    name: str
    aliases: tuple[str, ...]
    gist: str
    definitions: tuple[Definition, ...]
    key: str = ""


@dataclass(frozen=True)
class Walk:
    note: str  # the note's slug
    title: str
    stops: tuple[Stop, ...]


@dataclass(frozen=True)
class Glossary:
    notes: tuple[Note, ...]
    terms: tuple[Term, ...]  # sorted by name
    walks: tuple[Walk, ...]
    issues: tuple[Issue, ...] = ()
    entry_terms: dict[tuple[str, int], str] = field(default_factory=dict)  # (note path, line) -> slug


@dataclass(frozen=True)
class Segment:
    """A piece of linked text: plain text, a link to a term, or inline code."""

    text: str
    kind: str = "text"  # "text", "link" or "code"
    target: str = ""  # the linked term's slug


@dataclass(frozen=True)
class LinkedDefinition:
    definition: Definition
    paragraphs: tuple[tuple[Segment, ...], ...]
    bullets: tuple[tuple[Segment, ...], ...]


@dataclass(frozen=True)
class LinkedTerm:
    term: Term
    definitions: tuple[LinkedDefinition, ...]
    links_to: tuple[str, ...]  # slugs, in order of first mention
    linked_from: tuple[str, ...]  # slugs, sorted by name
    stops: tuple[Stop, ...] = ()


@dataclass(frozen=True)
class Linked:
    glossary: Glossary
    terms: dict[str, LinkedTerm] = field(default_factory=dict)  # by slug, in name order
    link_count: int = 0
