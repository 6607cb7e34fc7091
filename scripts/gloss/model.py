"""The glossary's data model: small frozen dataclasses, no behaviour.  The pipeline (``build.py``) turns
files into ``Note``s (parse), notes into ``Term``s (merge), terms into linked terms (link), and the
emitters turn the model into Markdown text."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NewType

Slug = NewType("Slug", str)
"""A URL- and file-safe name: lower-case letters, digits and hyphens (see ``names.slug``)."""


class Shape(StrEnum):  # the note shapes the parsers know (see ``gloss/shapes/``)
    LIST = "list"  # optional YAML front matter, then "- Locus: Term: definition" lines
    LOCI = "loci"  # "Locus: Term: definition" lines
    WHAT_IS = "what-is"  # "### what is X" headings with "- " bullets
    KEYWORDS = "keywords"  # header lines, then a short term line and a paragraph, alternating
    WIKI = "wiki"  # "# title", "## Section" prose, a "Question | Answer" table
    MARKDOWN = "markdown"  # the glossary idioms of Markdown, block by block (headings, bold terms, tables, ...)
    RST = "rst"  # a Sphinx ".. glossary::" in reStructuredText, read with docutils
    CONCEPT = "concept"  # a vault note: one concept, its title the term, its body the definition
    CARDS = "cards"  # flashcards exported as text: "front<TAB>back" lines, Anki's "#separator:" header


class Level(StrEnum):
    WARNING = "warning"  # fails --strict
    INFO = "info"  # an explained skip


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the build tells the user about one line of one file."""

    path: str
    line: int  # 1-based; 0 when the message is about the whole file
    message: str
    level: Level = Level.WARNING
    last: int = 0  # the last line, when the message is about several

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        if self.last > self.line > 0:
            where += f"-{self.last}"
        return f"{where}: {self.message}"

    @property
    def lines(self) -> range:
        return range(self.line, max(self.line, self.last) + 1) if self.line else range(0)


@dataclass(frozen=True, slots=True)
class CodeLine:
    """One line of code written under an entry; it may have a locus of its own."""

    text: str
    line: int
    locus: str | None = None


@dataclass(frozen=True, slots=True)
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
    body: str = ""  # a Markdown note's definition, as Markdown (paragraphs then holds its plain text)
    aliases: tuple[str, ...] = ()  # other names the note gives it (a table of contents, an acronym)
    anchor: str = ""  # the key of the heading's anchor, for links inside the note (see markdown.anchor_key)
    tags: tuple[str, ...] = ()  # topics the note gives it (a vault note's tags, or its folder)


@dataclass(frozen=True, slots=True)
class Asset:
    """A file a Markdown note shows (an image beside it), copied into the site."""

    path: str  # as the note writes it, normalised, relative to the note's folder
    data: bytes


@dataclass(frozen=True, slots=True)
class Credit:
    """Whose words a note holds: the learner's own (the default), or someone else's, credited."""

    author: str = ""
    url: str = ""  # where the note comes from (http or https)
    licence: str = ""
    own: bool = True  # the learner's own words


@dataclass(frozen=True, slots=True)
class Note:
    """One file of ``glossary/``, parsed."""

    path: str  # relative to the project, with forward slashes
    slug: Slug
    shape: Shape
    title: str
    meta: tuple[tuple[str, str], ...] = ()  # (label, value), shown on the note's page
    meta_lines: tuple[int, ...] = ()
    entries: tuple[Entry, ...] = ()
    issues: tuple[Issue, ...] = ()
    assets: tuple[Asset, ...] = ()
    wikilinks: tuple[tuple[str, int], ...] = ()  # ([[target]], line) for every link to another note
    credit: Credit = field(default_factory=Credit)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a definition was written: a note and a line."""

    note: Slug
    line: int
    locus: str | None = None


@dataclass(frozen=True, slots=True)
class Definition:
    """What one or more notes say a term is; identical texts are merged."""

    paragraphs: tuple[str, ...]
    bullets: tuple[str, ...]
    code: tuple[str, ...]
    refs: tuple[str, ...]
    sources: tuple[Source, ...]
    body: str = ""  # Markdown, from a Markdown note (paragraphs then holds its plain text)


@dataclass(frozen=True, slots=True)
class Stop:
    """One stop of a walk: a locus in walking order and the term placed there."""

    walk: Slug  # the note's slug
    number: int  # 1-based, in note order
    locus: str
    term: Slug
    line: int
    code: str | None = None  # the code line, when the stop holds a line of code
    occurrence: int = 1  # 1, 2, ... when the same locus repeats on the walk
    repeats: bool = False  # whether this locus stands more than once on the walk
    own: str = ""  # what the walk note itself says at this stop (the learner's own words)


@dataclass(frozen=True, slots=True)
class Term:
    """One concept: every entry of every note that names it, merged."""

    slug: Slug
    name: str
    aliases: tuple[str, ...]
    gist: str
    definitions: tuple[Definition, ...]
    key: str = ""
    topics: tuple[Slug, ...] = ()  # curated (curated.yml); relate.py suggests them for the others
    see_also: tuple[Slug, ...] = ()  # curated related terms
    autolink: bool = True  # whether mentions of it become links
    stub: bool = False  # no note defines it: it is only named (no text, a placeholder, an abbreviation line)
    named_in: tuple[Source, ...] = ()  # entries that name it without defining it, while other notes define it


@dataclass(frozen=True, slots=True)
class Walk:
    note: Slug
    title: str
    stops: tuple[Stop, ...]


@dataclass(frozen=True, slots=True)
class Glossary:
    notes: tuple[Note, ...]
    terms: tuple[Term, ...]  # sorted by name
    walks: tuple[Walk, ...]
    issues: tuple[Issue, ...] = ()
    entry_terms: dict[tuple[str, int], Slug] = field(default_factory=dict)  # (note path, line) -> term
    topics: tuple[TopicInfo, ...] = ()  # the curated topics, in their order
    words: dict[str, Slug | None] = field(default_factory=dict)  # a word's key -> the term it means, or never linked


@dataclass(frozen=True, slots=True)
class TopicInfo:
    slug: Slug
    name: str
    about: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of linked text: plain text, a link to a term, or inline code."""

    text: str
    kind: Literal["text", "link", "code"] = "text"
    target: Slug = Slug("")  # the linked term


@dataclass(frozen=True, slots=True)
class LinkedDefinition:
    definition: Definition
    paragraphs: tuple[tuple[Segment, ...], ...]
    bullets: tuple[tuple[Segment, ...], ...]
    html: str = ""  # the body rendered, term links as glossary: placeholders (see richtext.py)


@dataclass(frozen=True, slots=True)
class LinkedTerm:
    term: Term
    definitions: tuple[LinkedDefinition, ...]
    links_to: tuple[Slug, ...]  # in order of first mention
    linked_from: tuple[Slug, ...]  # sorted by name
    stops: tuple[Stop, ...] = ()
    contexts: dict[Slug, str] = field(default_factory=dict)  # a term it links to -> the sentence of the link


@dataclass(frozen=True, slots=True)
class Linked:
    glossary: Glossary
    terms: dict[Slug, LinkedTerm] = field(default_factory=dict)  # in name order
    link_count: int = 0


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one term is related to another, in words a reader sees."""

    kind: Literal["see-also", "links-to", "linked-from", "name", "similar", "topic", "nearby"]
    text: str
    context: str = ""  # the sentence a link stands in

    def __reduce__(self) -> tuple[Any, ...]:  # pickled as its fields: a second core sends 160,000 at 10,000 terms
        return (Reason, (self.kind, self.text, self.context))


@dataclass(frozen=True, slots=True)
class Relation:
    term: Slug
    score: float
    reasons: tuple[Reason, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        return (Relation, (self.term, self.score, self.reasons))


@dataclass(frozen=True, slots=True)
class Topic:
    slug: Slug
    name: str
    about: str
    terms: tuple[Slug, ...]  # in name order


@dataclass(frozen=True, slots=True)
class Concepts:
    """Stage 4, relate: topics, ranked related terms with reasons, and the concept graph's layout."""

    topics: tuple[Topic, ...] = ()
    term_topics: dict[Slug, tuple[Slug, ...]] = field(default_factory=dict)
    related: dict[Slug, tuple[Relation, ...]] = field(default_factory=dict)
    positions: dict[Slug, tuple[float, float]] = field(default_factory=dict)  # the global graph, in [0, 1]
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """Facts about the site whose source is mkdocs.yml (see ``settings.py``)."""

    site_name: str = "Glossary"


class Deferred:
    """A page made when it is first read, not when the site is generated: the MkDocs hook reads each
    term page in the process that renders it (``gloss/parallel.py``), so no process holds them all."""

    __slots__ = ("make", "write")

    def __init__(self, make: Callable[[], str | bytes], write: Callable[[str], None] | None = None) -> None:
        self.make = make
        self.write = write  # for a download: write it straight into its file (the same bytes as ``make``)

    def __call__(self) -> str | bytes:
        return self.make()


@dataclass(frozen=True, slots=True)
class Site:
    """Everything the page emitters read: the linked glossary, what the build met, the settings."""

    linked: Linked
    issues: tuple[Issue, ...]
    settings: Settings
    stamp: float = 0.0  # seconds since the epoch: when the notes last changed (the deck's time)
    concepts: Concepts = field(default_factory=Concepts)
    vendor: dict[str, bytes] = field(default_factory=dict)  # third-party files for the site, by path
