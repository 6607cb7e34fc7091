"""Stage 3, link: mentions of terms inside definitions become links.

Linking is first mention only, per definition, never to the term itself and
never inside code, a URL or a link (see ``matcher.py``); a Markdown note's
definition is rendered with its links by ``richtext.py``.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePosixPath

from .matcher import Matcher, code_spans, segments, surfaces_of
from .model import Definition, Glossary, Linked, LinkedDefinition, LinkedTerm, Slug, Stop
from .richtext import NoteLinks, render

__all__ = ["Matcher", "code_spans", "link", "link_definition"]


def note_links(glossary: Glossary) -> dict[Slug, NoteLinks]:
    """For each note, what its links can point to: its headings' terms, the other notes, its files."""
    files = {PurePosixPath(note.path).name: note.slug for note in glossary.notes}
    result = {}
    for note in glossary.notes:
        anchors = {
            entry.anchor: glossary.entry_terms[(note.path, entry.line)]
            for entry in note.entries
            if entry.anchor and (note.path, entry.line) in glossary.entry_terms
        }
        assets = frozenset(asset.path for asset in note.assets)
        result[note.slug] = NoteLinks(note.slug, anchors, files, assets)
    return result


def link_definition(
    definition: Definition, matcher: Matcher, own: Slug, links: NoteLinks | None = None
) -> tuple[LinkedDefinition, list[Slug]]:
    linked: set[Slug] = set()
    if definition.body and links is not None:
        html, targets = render(definition.body, matcher, own, linked, links)
        return LinkedDefinition(definition, (), (), html), targets
    order: list[Slug] = []
    paragraphs = tuple(segments(text, matcher, own, linked) for text in definition.paragraphs)
    bullets = tuple(segments(text, matcher, own, linked) for text in definition.bullets)
    for part in (*paragraphs, *bullets):
        order.extend(segment.target for segment in part if segment.kind == "link")
    return LinkedDefinition(definition, paragraphs, bullets), order


def link(glossary: Glossary) -> Linked:
    matcher = Matcher(surfaces_of(glossary))
    links = note_links(glossary)
    names_by_slug = {term.slug: term.name.casefold() for term in glossary.terms}
    outgoing: dict[Slug, list[Slug]] = {}
    incoming: dict[Slug, set[Slug]] = defaultdict(set)
    definitions: dict[Slug, tuple[LinkedDefinition, ...]] = {}
    count = 0
    for term in glossary.terms:
        targets: list[Slug] = []
        linked_definitions = []
        for definition in term.definitions:
            note = definition.sources[0].note if definition.sources else None
            linked_definition, order = link_definition(
                definition, matcher, term.slug, links.get(note) if note else None
            )
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
