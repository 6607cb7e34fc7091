"""Finding mentions of terms in text (used by stage 3, link).

Mentions are found by walking the words of a text through a prefix set of all
term names and aliases (a word-level trie), so the work grows with the length
of the text, not with the number of terms.  Matches are whole words (a
hyphenated compound is one word), longest first, never inside code, never to
the term itself, and each target is linked once per definition.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re

from . import names
from .model import Glossary, Segment, Slug

# Inline code written in prose: a call such as "torch.set_default_dtype(torch.flat64)"
# (one level of nested parentheses), or a whole line that is an assignment of a call.
_CALL = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\((?:[^()\n]|\([^()\n]*\))*\)")
_CODE_LINE = re.compile(r"^\s*[A-Za-z_][\w.\[\], ]*\s*[-+*/]?=\s*\S.*\(.*\)\s*$")
_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*(?:\+\+|#)?(?:\(\))?")
_MAX_TOKENS = 8
_BETWEEN = re.compile(r"[ \t]+|-")  # what may stand between the words of one name


_URL = re.compile(r"(?:https?://|www\.)[^\s<>]+", re.I)
# A formula written in prose ("W -= step * gradient", "y = mx + t", "dy/dx"): operands joined
# by operators, at least one of them = * / ^ % < or >.  Arrows ("=>") are prose, not formulas.
_OPERAND = r"[\w.()\[\]']+"
_FORMULA = re.compile(rf"{_OPERAND}(?:\s*(?:[-+*/^%<>]=?|==|=|\*\*)\s*{_OPERAND})+")
_FORMULA_SIGN = re.compile(r"[=*/^%<>]")
_TEX = re.compile(r"\\\(.*?\\\)|\\\[.*?\\\]|\$\$.*?\$\$", re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def formula_spans(text: str) -> list[tuple[int, int]]:
    """Formulas: "W -= step * gradient", and TeX maths as typed ("\\(q \\cdot k\\)", "$$…$$")."""
    found = []
    if _FORMULA_SIGN.search(text):  # a formula holds one of its signs, so prose without any has none
        found = [match.span() for match in _FORMULA.finditer(text) if _FORMULA_SIGN.search(match.group())]
    return found + [match.span() for match in _TEX.finditer(text)] if "\\" in text or "$$" in text else found


@functools.lru_cache(maxsize=2048)
def _sentence_marks(text: str) -> tuple[list[int], list[int]]:
    """Where each break between sentences starts and ends (a text is quoted at many of its links)."""
    marks = [match.span() for match in _SENTENCE_END.finditer(text)]
    return [start for start, _ in marks], [end for _, end in marks]


@functools.lru_cache(maxsize=2048)
def _sentence(text: str, begin: int, stop: int) -> tuple[list[str], str, list[int]]:
    """text[begin:stop]'s words, the words joined by one space, and where each word starts in that."""
    words = text[begin:stop].split()
    return words, " ".join(words), list(itertools.accumulate((len(word) + 1 for word in words), initial=0))


def sentence_at(text: str, start: int, end: int, limit: int = 160) -> str:
    """The sentence of ``text`` that holds text[start:end], shortened around it to about ``limit`` characters."""
    starts, ends = _sentence_marks(text)
    before = bisect.bisect_right(ends, start)
    begin = ends[before - 1] if before else 0
    after = bisect.bisect_left(starts, end)
    words, sentence, edge = _sentence(text, begin, starts[after] if after < len(starts) else len(text))
    if len(sentence) <= limit:
        return sentence
    at = max(len(text[begin:start].split()), 1) - 1  # the word the link starts at
    # Words are added after the link and before it in turn while the text fits; the width of
    # words[first : last + 1] joined by spaces is edge[last + 1] - edge[first] - 1.
    first, last, count = at, at, len(words)
    while last + 1 < count and edge[last + 2] - edge[first] - 1 <= limit:
        last += 1
        if first > 0 and edge[last + 1] - edge[first - 1] - 1 <= limit:
            first -= 1
    return ("…" if first else "") + " ".join(words[first : last + 1]) + ("…" if last + 1 < len(words) else "")


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where a text holds code (start, end); the whole text when it is a line of code."""
    if _CODE_LINE.match(text):
        return [(0, len(text))]
    return [match.span() for match in _CALL.finditer(text)]


def pieces(text: str) -> list[tuple[int, int, str]]:
    """A text cut into (start, end, kind): "code", "url" or "formula" (never linked inside) or "text"."""
    spans = sorted(
        [(*span, "code") for span in code_spans(text)]
        + [(*m.span(), "url") for m in _URL.finditer(text)]
        + [(*span, "formula") for span in formula_spans(text)]
    )
    result: list[tuple[int, int, str]] = []
    position = 0
    for start, end, kind in spans:
        if start < position:
            continue  # overlaps a span already taken
        if start > position:
            result.append((position, start, "text"))
        result.append((start, end, kind))
        position = end
    if position < len(text):
        result.append((position, len(text), "text"))
    return result


@functools.lru_cache(maxsize=65536)
def _token_words(token: str) -> tuple[str, ...]:
    """A token of text as a name key has its words (``names.word``: singular, American, compounds
    split); prose repeats its words, so each is worked out once."""
    return tuple(
        part for raw in token.lower().replace("’", "'").replace("_", " ").split() for part in names.word(raw).split(" ")
    )


class Matcher:
    """Finds term mentions in text: a dict of name keys plus the set of their word prefixes."""

    def __init__(self, surfaces: dict[str, Slug]):
        self.surfaces = surfaces  # key -> slug
        self.prefixes: set[str] = set()
        self.first_words: set[str] = set()  # a mention starts with one of these, or nowhere
        for surface in surfaces:
            words = surface.split(" ")
            self.first_words.add(words[0])
            for size in range(1, len(words)):
                self.prefixes.add(" ".join(words[:size]))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Slug]]:
        """Mentions in text[start:end] as (start, end, slug), leftmost-longest, not overlapping."""
        end = len(text) if end is None else end
        tokens = [m for m in _TOKEN.finditer(text, start, end)]
        words = [_token_words(m.group()) for m in tokens]
        found: list[tuple[int, int, Slug]] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
            if not words[index] or words[index][0] not in self.first_words:  # underscores only, or no name starts so
                index += 1
                continue
            if token.start() > 0 and (text[token.start() - 1] == "-" or text[token.start() - 1].isalnum()):
                index += 1
                continue
            best: tuple[int, Slug] | None = None
            seen: list[str] = []
            for last in range(index, min(len(tokens), index + _MAX_TOKENS)):
                if last > index:
                    between = text[tokens[last - 1].end() : tokens[last].start()]
                    if not _BETWEEN.fullmatch(between):
                        break
                current = words[last]
                if not current:
                    break
                candidate = " ".join([*seen, *current])
                after = tokens[last].end()
                whole = after >= len(text) or not (text[after] == "-" or text[after].isalnum())
                if whole and candidate in self.surfaces:
                    best = (last, self.surfaces[candidate])
                seen.extend(current)
                if " ".join(seen) not in self.prefixes:
                    break
            if best:
                last, slug = best
                found.append((token.start(), tokens[last].end(), slug))
                index = last + 1
            else:
                index += 1
        return found


def surfaces_of(glossary: Glossary) -> dict[str, Slug]:
    """Every name and alias key that links, to its term: not the terms curated with ``autolink: false``,
    and the curated words pinned to one term (or to none)."""
    surfaces: dict[str, Slug] = {}
    linkable = [term for term in glossary.terms if term.autolink]
    for term in linkable:
        surfaces[term.key] = term.slug
    for term in linkable:
        for alias in term.aliases:
            surfaces.setdefault(names.key(alias), term.slug)
    for word, target in glossary.words.items():
        if target is None:
            surfaces.pop(word, None)
        else:
            surfaces[word] = target
    return surfaces


def segments(text: str, matcher: Matcher, own: Slug, linked: set[Slug]) -> tuple[Segment, ...]:
    """A text as plain, link and code segments; ``linked`` collects targets already linked."""
    result: list[Segment] = []
    for start, end, kind in pieces(text):
        if kind == "code":
            result.append(Segment(text[start:end], "code"))
        elif kind in ("url", "formula"):
            result.append(Segment(text[start:end]))
        else:
            result.extend(mentions(text, start, end, matcher, own, linked))
    return tuple(result)


def mentions(text: str, start: int, end: int, matcher: Matcher, own: Slug, linked: set[Slug]) -> list[Segment]:
    """text[start:end] as plain and link segments: each term not yet linked, at its first mention."""
    result: list[Segment] = []
    cursor = start
    for mention_start, mention_end, slug in matcher.find(text, start, end):
        if slug == own or slug in linked:
            continue
        linked.add(slug)
        if mention_start > cursor:
            result.append(Segment(text[cursor:mention_start]))
        result.append(Segment(text[mention_start:mention_end], "link", slug))
        cursor = mention_end
    if cursor < end:
        result.append(Segment(text[cursor:end]))
    return result
