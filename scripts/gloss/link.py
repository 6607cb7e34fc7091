"""Stage 3, link: mentions of terms inside definitions become links.

Mentions are found by walking the words of a text through a prefix set of all
term names and aliases (a word-level trie), so the work grows with the length
of the text, not with the number of terms.  Matches are whole words (a
hyphenated compound is one word), longest first, never inside code, never to
the term itself, and each target is linked once per definition.
"""

from __future__ import annotations

import re
from collections import defaultdict

from . import names
from .model import Definition, Glossary, Linked, LinkedDefinition, LinkedTerm, Segment, Slug, Stop

# Inline code written in prose: a call such as "torch.set_default_dtype(torch.flat64)"
# (one level of nested parentheses), or a whole line that is an assignment of a call.
_CALL = re.compile(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*\((?:[^()\n]|\([^()\n]*\))*\)")
_CODE_LINE = re.compile(r"^\s*[A-Za-z_][\w.\[\], ]*\s*[-+*/]?=\s*\S.*\(.*\)\s*$")
_TOKEN = re.compile(r"\w+(?:[.'’]\w+)*(?:\+\+|#)?(?:\(\))?")
_MAX_TOKENS = 8
_BETWEEN = re.compile(r"[ \t]+|-")  # what may stand between the words of one name


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where a text holds code (start, end); the whole text when it is a line of code."""
    if _CODE_LINE.match(text):
        return [(0, len(text))]
    return [match.span() for match in _CALL.finditer(text)]


class Matcher:
    """Finds term mentions in text: a dict of name keys plus the set of their word prefixes."""

    def __init__(self, surfaces: dict[str, Slug]):
        self.surfaces = surfaces  # key -> slug
        self.prefixes: set[str] = set()
        for surface in surfaces:
            words = surface.split(" ")
            for size in range(1, len(words)):
                self.prefixes.add(" ".join(words[:size]))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, Slug]]:
        """Mentions in text[start:end] as (start, end, slug), leftmost-longest, not overlapping."""
        end = len(text) if end is None else end
        tokens = [m for m in _TOKEN.finditer(text, start, end)]
        words = [m.group().lower().replace("’", "'").replace("_", " ").split() for m in tokens]
        found: list[tuple[int, int, Slug]] = []
        index = 0
        while index < len(tokens):
            token = tokens[index]
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
                candidate = " ".join([*seen, *current[:-1], names.singular(current[-1])])
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
    surfaces: dict[str, Slug] = {}
    for term in glossary.terms:
        surfaces[term.key] = term.slug
    for term in glossary.terms:
        for alias in term.aliases:
            surfaces.setdefault(names.key(alias), term.slug)
    return surfaces


def segments(text: str, matcher: Matcher, own: Slug, linked: set[Slug]) -> tuple[Segment, ...]:
    """A text as plain, link and code segments; ``linked`` collects targets already linked."""
    result: list[Segment] = []
    position = 0
    pieces = []
    for code_start, code_end in code_spans(text):
        pieces.append((position, code_start, False))
        pieces.append((code_start, code_end, True))
        position = code_end
    pieces.append((position, len(text), False))
    for start, end, is_code in pieces:
        if start >= end:
            continue
        if is_code:
            result.append(Segment(text[start:end], "code"))
            continue
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
    return tuple(result)


def link_definition(definition: Definition, matcher: Matcher, own: Slug) -> tuple[LinkedDefinition, list[Slug]]:
    linked: set[Slug] = set()
    order: list[Slug] = []
    paragraphs = tuple(segments(text, matcher, own, linked) for text in definition.paragraphs)
    bullets = tuple(segments(text, matcher, own, linked) for text in definition.bullets)
    for part in (*paragraphs, *bullets):
        order.extend(segment.target for segment in part if segment.kind == "link")
    return LinkedDefinition(definition, paragraphs, bullets), order


def link(glossary: Glossary) -> Linked:
    matcher = Matcher(surfaces_of(glossary))
    names_by_slug = {term.slug: term.name.casefold() for term in glossary.terms}
    outgoing: dict[Slug, list[Slug]] = {}
    incoming: dict[Slug, set[Slug]] = defaultdict(set)
    definitions: dict[Slug, tuple[LinkedDefinition, ...]] = {}
    count = 0
    for term in glossary.terms:
        targets: list[Slug] = []
        linked_definitions = []
        for definition in term.definitions:
            linked_definition, order = link_definition(definition, matcher, term.slug)
            linked_definitions.append(linked_definition)
            count += len(order)
            targets.extend(order)
        definitions[term.slug] = tuple(linked_definitions)
        outgoing[term.slug] = list(dict.fromkeys(targets))
        for target in outgoing[term.slug]:
            incoming[target].add(term.slug)
    stops: dict[Slug, list[Stop]] = defaultdict(list)
    for walk in glossary.walks:
        for stop in walk.stops:
            stops[stop.term].append(stop)
    terms = {
        term.slug: LinkedTerm(
            term=term,
            definitions=definitions[term.slug],
            links_to=tuple(outgoing[term.slug]),
            linked_from=tuple(sorted(incoming[term.slug], key=lambda slug: (names_by_slug[slug], slug))),
            stops=tuple(stops[term.slug]),
        )
        for term in glossary.terms
    }
    return Linked(glossary=glossary, terms=terms, link_count=count)
