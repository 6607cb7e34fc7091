"""The pieces the markdown shape reads a note with: blocks of tokens, term lines, term tables."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from markdown_it.token import Token

from .. import mdparse


@dataclass(frozen=True)
class Block:
    """One block of a Markdown text: its tokens, from the opening one to the closing one, and its lines."""

    tokens: list[Token]
    start: int  # 0-based first line
    end: int  # 0-based, exclusive

    @property
    def kind(self) -> str:
        return self.tokens[0].type

    @property
    def inline(self) -> Token | None:
        """The first inline token of the block (a paragraph's or heading's text)."""
        return next((token for token in self.tokens if token.type == "inline"), None)

    def children(self) -> list[Block]:
        return blocks(self.tokens[1:-1], self.tokens[0].level + 1)

    def lines(self, source: list[str]) -> list[int]:
        """The block's non-blank lines, 1-based."""
        stop = min(max(self.end, self.start + 1), len(source))
        return [number + 1 for number in range(self.start, stop) if source[number].strip()]

    def markdown(self, source: list[str]) -> str:
        """The block as written, dedented; a paragraph is its text without the marker before it."""
        if self.kind == "paragraph_open" and self.inline is not None:
            return self.inline.content
        return textwrap.dedent("\n".join(source[self.start : self.end])).strip("\n")


def blocks(tokens: list[Token], level: int = 0) -> list[Block]:
    """The blocks directly at ``level`` in a token stream."""
    result = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index
        if token.nesting == 1:
            depth = 0
            while end < len(tokens):
                depth += tokens[end].nesting
                if depth == 0:
                    break
                end += 1
        if token.level == level:
            start, stop = token.map or (0, 0)
            result.append(Block(tokens[index : end + 1], start, stop))
        index = end + 1
    return result


# Words that end in a colon without naming a term: "Note: ...", "Example: ...".
NOT_TERMS = {
    "note", "notes", "example", "examples", "e.g", "eg", "i.e", "ie", "source", "sources", "see", "see also",
    "tip", "tips", "warning", "caution", "important", "update", "todo", "edit", "author", "date", "version",
    "tags", "tag", "link", "links", "reference", "references", "summary", "tldr", "tl;dr", "q", "a",
    "definition", "meaning", "pros", "cons", "usage", "syntax", "formula", "answer", "question",
}  # fmt: skip
_BOLD = re.compile(r"^\s*(\*\*|__)(?P<name>(?:(?!\1).){1,120}?)\1(?P<after>.*)$", re.S)
_AFTER_BOLD = re.compile(r"^\s*(?:::?|[-–—](?=\s|$))\s*(?P<rest>.*)$", re.S)  # ":", "::" (Logseq) or a dash
_PLAIN = re.compile(r"^\s*(?P<name>[^\s:*_\[\]<>#|][^:*\[\]<>|\n]{0,59}?)\s*:(?:[ \t]+(?P<rest>.*)|[ \t]*)$", re.S)


# What can start inline markup: markdown-it's rules (escape, code, emphasis, links, images, autolinks,
# entities, line breaks), footnotes, maths ($, \\( \\[), wikilinks and ==marks==; and what it rewrites
# before any rule (a carriage return, a NUL).
_MARKUP = re.compile(r"[\\`*_\[\]!<>&$^=~\n\r\x00]")


def inline_name(markdown: str) -> str:
    """A name written in Markdown as plain text ("`model.eval()`" -> "model.eval()"); a name with
    nothing that could be markup is its words as they are, without parsing it."""
    if not _MARKUP.search(markdown):
        return " ".join(markdown.split()).rstrip(":").strip()
    tokens = mdparse.parser().parseInline(markdown)
    return mdparse.plain(tokens[0].children if tokens else None).strip().rstrip(":").strip()


def term_line(markdown: str) -> tuple[str, str, bool] | None:
    """ "**Term**: definition", "**Term** - definition", "**Term:** definition" or "Term: definition"
    -> (name, definition as Markdown, bold); None when the text does not start with a term."""
    bold = _BOLD.match(markdown)
    if bold:
        name, after = bold["name"], bold["after"]
        if name.rstrip().endswith(":") or not after.strip():
            rest = after.strip()
        else:
            separated = _AFTER_BOLD.match(after)
            if not separated:
                return None
            rest = separated["rest"].strip()
        plain = inline_name(name)
        return (plain, rest, True) if plain else None
    first, _, more = markdown.partition("\n")
    match = _PLAIN.match(first)
    if not match:
        return None
    name = inline_name(match["name"])
    words = name.split()
    if len(words) > 5 or name.lower().rstrip(".") in NOT_TERMS or (len(words) > 1 and re.search(r"[.?!,;]", name)):
        return None
    if not name:
        return None
    rest = (match["rest"] or "").strip()
    return name, (rest + ("\n" + more if more else "")).strip(), False


_DASHED = re.compile(r"^\s*(?P<name>[^\s:*_\[\]<>#|][^:*\[\]<>|\n]{0,59}?)\s+(?:[–—]|--?)\s+(?P<rest>\S.*)$")


def dashed_lines(markdown: str) -> list[tuple[str, str]] | None:
    """A paragraph of two or more lines, each "Term – definition" (an en or em dash, or a spaced hyphen),
    as a flashcard app exports them -> [(name, definition)]; None otherwise (one such line is prose)."""
    lines = markdown.split("\n")
    found = []
    for line in lines if len(lines) >= 2 else []:
        match = _DASHED.match(line)
        name = inline_name(match["name"]) if match else ""
        if not match or not name or len(name.split()) > 5 or name.lower() in NOT_TERMS or re.search(r"[.?!,;]", name):
            return None
        found.append((name, match["rest"].strip()))
    return found or None


def is_short_name(text: str) -> bool:
    """A paragraph that can only be a name: one short line, no sentence."""
    text = text.strip().rstrip(":").strip()
    return 0 < len(text) <= 60 and "\n" not in text and len(text.split()) <= 6 and not re.search(r"[.?!;,]$", text)


TERM_COLUMNS = {"term", "terms", "word", "words", "name", "concept", "keyword", "question", "glossary", "phrase"}
ACRONYM_COLUMNS = {"acronym", "acronyms", "abbreviation", "abbreviations", "abbr", "short form"}
DEFINITION_COLUMNS = {
    "definition", "definitions", "meaning", "answer", "description", "explanation", "expansion",
    "stands for", "full form", "full name", "what it means",
}  # fmt: skip


@dataclass(frozen=True)
class TermTable:
    term: int  # the column that names the term
    definition: int  # the column that defines it (an acronym's expansion)
    acronym: bool


def term_table(header: list[str]) -> TermTable | None:
    """Which columns of a table name and define terms, from its header; None when it is no term table."""
    names = [" ".join(cell.lower().strip(" :*").split()) for cell in header]
    term = next((i for i, name in enumerate(names) if name in TERM_COLUMNS | ACRONYM_COLUMNS), None)
    definition = next((i for i, name in enumerate(names) if name in DEFINITION_COLUMNS and i != term), None)
    if term is None or definition is None:
        return None
    return TermTable(term, definition, names[term] in ACRONYM_COLUMNS)


def table_rows(block: Block) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """A table's header cells (plain text) and its body rows (1-based line, cells as Markdown)."""
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    row: list[str] | None = None
    line = 0
    in_head = False
    for token in block.tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, line = [], (token.map[0] + 1 if token.map else 0)
        elif token.type == "inline" and row is not None:
            row.append(mdparse.plain(token.children) if in_head else token.content.strip())
        elif token.type == "tr_close" and row is not None:
            if in_head:
                header = row
            else:
                rows.append((line, row))
            row = None
    return header, rows


# --- questions and flashcards ----------------------------------------------------------------

_Q_PREFIX = re.compile(r"^\s*(?:Q|Question|Card)\s*(?:\d+\s*)?[:.)]\s*", re.I)
_A_PREFIX = re.compile(r"^\s*(?:A|Answer|Ans)\s*[:.)]\s*", re.I)
_ASKS_TERM = re.compile(
    r"^(?:(?:what|who)\s+(?:is|are|was|were)(?:\s+meant\s+by)?|what['’]s|what\s+does|what\s+do"
    r"|describe|explain|define|definition\s+of)\s+(?P<term>.+?)(?:\s+(?:mean|stand\s+for))?\s*[?:.!]*$",
    re.I,
)
_ASKS = re.compile(
    r"^(?:how|why|when|where|which|who|whom|whose|what|what['’]s|should|shall|can|could|would|will|do|does"
    r"|did|is|are|was|were|has|have|describe|explain|define)\b",
    re.I,
)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
# Words that make a question about more than one term, or about the learner: it names no single term.
_NOT_ONE_TERM = {
    "i", "me", "my", "we", "us", "our", "you", "your", "it", "its", "they", "their", "this", "that", "these",
    "those", "and", "or", "vs", "vs.", "versus", "between", "difference", "differences", "best", "better",
    "why", "how", "when", "where", "which", "should", "does", "do", "did", "is", "are", "was", "can", "used",
    "happens", "happen", "work", "works", "mean", "means", "good", "bad", "wrong", "go", "goes", "up", "down",
}  # fmt: skip


def question(text: str) -> tuple[bool, str]:
    """Whether a line is a question or flashcard prompt, and the one term it asks about ("" when it
    names no single term): "Q: What is a tensor?" -> (True, "Tensor"), "Describe the boosting
    algorithm:" -> (True, "Boosting algorithm"), "How do I choose a learning rate?" -> (True, "")."""
    line = text.strip()
    prefixed = bool(_Q_PREFIX.match(line))
    line = _Q_PREFIX.sub("", line).strip()
    asked = _ASKS_TERM.match(line)
    if not (prefixed or asked or line.endswith("?")):
        return False, ""
    if not asked:
        named = prefixed and is_short_name(line) and not _ASKS.match(line)
        return bool(line), inline_name(line) if named else ""
    term = _ARTICLE.sub("", asked["term"].strip().strip("\"'“”‘’*_`").strip())
    words = term.lower().replace(",", " , ").split()
    if not term or len(words) > 6 or "," in words or _NOT_ONE_TERM & set(words) or not _ASKS.match(line):
        return True, ""
    if term[:1].islower() and term.split()[0].islower() and not re.search(r"[._()=]", term):
        term = term[0].upper() + term[1:]
    return True, term


def answer(text: str) -> str | None:
    """The text of an "A: ..." line without its marker; None when the line is no answer."""
    match = _A_PREFIX.match(text)
    return text[match.end() :].strip() if match else None
