"""Stage 3, link: mentions of terms inside definitions become links.

Linking is first mention only, per definition, never to the term itself and
never inside code, a URL or a link (see ``matcher.py``); a Markdown note's
definition is rendered with its links by ``richtext.py``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from . import forkmap, wikilinks
from .escape import sanitize
from .matcher import Matcher, code_spans, segments, sentence_at, surfaces_of
from .model import Definition, Glossary, Linked, LinkedDefinition, LinkedTerm, Slug, Stop, Term
from .richtext import NoteLinks, render
from .wikilinks import WikiIndex

__all__ = ["Matcher", "code_spans", "link", "link_definition"]


def note_links(glossary: Glossary, wiki: WikiIndex | None = None) -> dict[Slug, NoteLinks]:
    """For each note, what its links can point to: its headings' terms, the other notes, its files,
    and where [[wikilinks]] go."""
    files = {PurePosixPath(note.path).name: note.slug for note in glossary.notes}
    wiki = wiki or wikilinks.index(glossary)
    concepts = {note.slug: term for note in glossary.notes if (term := wikilinks.concept_term(glossary, note))}
    result = {}
    for note in glossary.notes:
        anchors = {
            entry.anchor: glossary.entry_terms[(note.path, entry.line)]
            for entry in note.entries
            if entry.anchor and (note.path, entry.line) in glossary.entry_terms
        }
        assets = frozenset(asset.path for asset in note.assets)
        result[note.slug] = NoteLinks(note.slug, anchors, files, assets, wiki, concepts)
    return result


def link_definition(
    definition: Definition, matcher: Matcher, own: Slug, links: NoteLinks | None = None, banned: set[Slug] | None = None
) -> tuple[LinkedDefinition, list[Slug], dict[Slug, str]]:
    """The definition with its links, the terms it links to in order, and the sentence of each link.
    Terms in ``banned`` are not linked."""
    linked: set[Slug] = set(banned or ())
    contexts: dict[Slug, str] = {}
    if definition.body and links is not None:
        html, targets = render(definition.body, matcher, own, linked, links, contexts)
        # Cleaned here, once and on two cores, not on every page that shows it (``escape.sanitize``).
        return LinkedDefinition(definition, (), (), sanitize(html)), targets, contexts
    order: list[Slug] = []
    paragraphs = tuple(segments(text, matcher, own, linked) for text in definition.paragraphs)
    bullets = tuple(segments(text, matcher, own, linked) for text in definition.bullets)
    for text, part in zip((*definition.paragraphs, *definition.bullets), (*paragraphs, *bullets), strict=True):
        position = 0
        for segment in part:
            if segment.kind == "link":
                order.append(segment.target)
                if segment.target not in contexts:
                    contexts[segment.target] = sentence_at(text, position, position + len(segment.text))
            position += len(segment.text)
    return LinkedDefinition(definition, paragraphs, bullets), order, contexts


MAX_SHARE = 0.10  # no term takes more than this share of the links inside definitions ...
MIN_CAP = 3  # ... unless the glossary is so small that the share is under this many links


@dataclass
class _TermLinks:
    definitions: tuple[LinkedDefinition, ...]
    targets: list[Slug]  # one per link, in order
    contexts: dict[Slug, str]


def _link_term(term: Term, matcher: Matcher, links: dict[Slug, NoteLinks], banned: set[Slug]) -> _TermLinks:
    linked_definitions = []
    targets: list[Slug] = []
    contexts: dict[Slug, str] = {}
    for definition in term.definitions:
        note = definition.sources[0].note if definition.sources else None
        linked_definition, order, found = link_definition(
            definition, matcher, term.slug, links.get(note) if note else None, banned
        )
        for target, sentence in found.items():
            contexts.setdefault(target, sentence)
        linked_definitions.append(linked_definition)
        targets.extend(order)
    return _TermLinks(tuple(linked_definitions), targets, contexts)


_KEPT: dict[str, Any] = {"world": None, "last": {}, "now": {}}  # the last build's links (``mkdocs serve``)


def _world(matcher: Matcher, links: dict[Slug, NoteLinks]) -> tuple[Any, ...]:
    """Everything outside a term that its links depend on: every name that links, and where each
    note's links to files and [[wikilinks]] go (links to a note's own headings: ``_headings``)."""
    wiki = next((note.wiki for note in links.values() if note.wiki is not None), None)
    return (
        tuple(sorted(matcher.surfaces.items())),
        tuple(
            (
                slug,
                tuple(sorted(note.notes.items())),
                tuple(sorted(note.assets)),
                tuple(sorted((note.concepts or {}).items())),
            )
            for slug, note in sorted(links.items())
        ),
        (tuple(sorted(wiki.targets.items())), tuple(sorted(wiki.keys.items()))) if wiki else (),
    )


def _headings(term: Term, links: dict[Slug, NoteLinks]) -> tuple[Any, ...]:
    """The headings of its notes, for a term whose definitions may link to one ("#")."""
    found = []
    for definition in term.definitions:
        note = definition.sources[0].note if definition.sources else None
        if note in links and "#" in definition.body:
            found.append(tuple(sorted(links[note].anchors.items())))
    return tuple(found)


def _link_terms(
    terms: list[Term], matcher: Matcher, links: dict[Slug, NoteLinks], banned: dict[Slug, set[Slug]]
) -> list[_TermLinks]:
    """``_link_term`` for each term, on two cores (``forkmap``): the second process sends back only what
    linking made (each definition's segments and HTML, the targets, the sentences), not the terms.
    A term whose definitions, banned targets and world (``_world``) are what the last build in this
    process linked keeps its links (a saved note under ``mkdocs serve`` links only what it changed)."""

    def made(term: Term) -> tuple[list[tuple[object, object, str]], list[Slug], dict[Slug, str]]:
        found = _link_term(term, matcher, links, banned.get(term.slug, set()))
        return [(d.paragraphs, d.bullets, d.html) for d in found.definitions], found.targets, found.contexts

    def key(term: Term) -> tuple[Any, ...]:
        return (term.slug, term.definitions, frozenset(banned.get(term.slug, ())), _headings(term, links))

    kept: dict[Any, _TermLinks] = _KEPT["last"]
    keys = [key(term) for term in terms]
    todo = [(term, found) for term, found in zip(terms, keys, strict=True) if found not in kept]
    fresh = {
        found: _TermLinks(
            tuple(LinkedDefinition(d, *parts) for d, parts in zip(term.definitions, definitions, strict=True)),  # type: ignore[arg-type]
            targets,
            contexts,
        )
        for (term, found), (definitions, targets, contexts) in zip(
            todo, forkmap.map2(made, [term for term, _ in todo]), strict=True
        )
    }
    result = [fresh.get(found) or kept[found] for found in keys]
    _KEPT["now"].update(zip(keys, result, strict=True))
    return result


def _remember(world: tuple[Any, ...]) -> None:
    """After linking: this build's links are the ones the next build may keep, if its world is the same."""
    _KEPT.update(world=world, last=_KEPT["now"], now={})


def _recall(world: tuple[Any, ...]) -> None:
    """Before linking: keep the last build's links only if every name and note link is the same."""
    if _KEPT["world"] != world:
        _KEPT["last"] = {}
    _KEPT["now"] = {}


def hubs(
    linked: dict[Slug, _TermLinks],
    cosines: Callable[[list[tuple[Slug, Slug]]], list[float]],
    banned: dict[Slug, set[Slug]],
) -> bool:
    """Cap every target at MAX_SHARE of all links: the terms whose definitions are least like the
    target's lose their link to it (``banned``).  True when anything was banned.  The cosines of
    every (source, target) pair over the cap are computed in one batch (``Similarity.cosines``)."""
    total = sum(len(item.targets) for item in linked.values())
    cap = max(MIN_CAP, int(total * MAX_SHARE))
    incoming: dict[Slug, Counter[Slug]] = defaultdict(Counter)
    for source, item in linked.items():
        for target in item.targets:
            incoming[target][source] += 1
    over = {target: sources for target, sources in incoming.items() if sum(sources.values()) > cap}
    pairs = [(source, target) for target, sources in over.items() for source in sources]
    alike = dict(zip(pairs, cosines(pairs), strict=True))
    changed = False
    for target, sources in over.items():
        kept = 0
        for source in sorted(sources, key=lambda s: (-alike[(s, target)], s)):
            if kept + sources[source] <= cap:
                kept += sources[source]
            else:
                banned[source].add(target)
                changed = True
    return changed


def link(
    glossary: Glossary,
    cosines: Callable[[list[tuple[Slug, Slug]]], list[float]] | None = None,
    wiki: WikiIndex | None = None,
) -> Linked:
    """Link every term's definitions.  With ``cosines`` (how alike pairs of terms are), a term mentioned in
    more than MAX_SHARE of the links keeps only the links from the terms most like it."""
    matcher = Matcher(surfaces_of(glossary))
    links = note_links(glossary, wiki)
    banned: dict[Slug, set[Slug]] = defaultdict(set)
    every = list(glossary.terms)
    world = _world(matcher, links)
    _recall(world)
    result = dict(zip((term.slug for term in every), _link_terms(every, matcher, links, banned), strict=True))
    for _ in range(5):  # a cap lowers the total, which can lower the cap: a few rounds settle it
        if cosines is None or not hubs(result, cosines, banned):
            break
        again = [term for term in every if banned[term.slug]]
        result.update(zip((term.slug for term in again), _link_terms(again, matcher, links, banned), strict=True))
    _remember(world)
    names_by_slug = {term.slug: term.name.casefold() for term in glossary.terms}
    incoming: dict[Slug, set[Slug]] = defaultdict(set)
    for source, item in result.items():
        for target in item.targets:
            incoming[target].add(source)
    stops: dict[Slug, list[Stop]] = defaultdict(list)
    for walk in glossary.walks:
        for stop in walk.stops:
            stops[stop.term].append(stop)
    terms = {
        term.slug: LinkedTerm(
            term=term,
            definitions=result[term.slug].definitions,
            links_to=tuple(dict.fromkeys(result[term.slug].targets)),
            linked_from=tuple(sorted(incoming[term.slug], key=lambda slug: (names_by_slug[slug], slug))),
            stops=tuple(stops[term.slug]),
            contexts=result[term.slug].contexts,
        )
        for term in glossary.terms
    }
    return Linked(glossary=glossary, terms=terms, link_count=sum(len(item.targets) for item in result.values()))
