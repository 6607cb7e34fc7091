"""Topics: every term in one or more; curated in curated.yml, suggested for the others.

A term without curated topics takes the topic its related terms vote for (each
related term's score goes to each of its curated topics); each guess is a
report line naming where the term is written, so it can be confirmed in
curated.yml.  A term no vote reaches goes under "Other".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from .model import Issue, Level, Linked, Slug, Topic, TopicInfo

OTHER = TopicInfo(Slug("other"), "Other", "Terms that no other topic claims yet.")


def assign(
    linked: Linked, scores: Mapping[Slug, Mapping[Slug, float]], curated_path: str
) -> tuple[dict[Slug, tuple[Slug, ...]], tuple[Topic, ...], list[Issue]]:
    glossary = linked.glossary
    infos = list(glossary.topics)
    known = {info.slug for info in infos}
    order = {info.slug: number for number, info in enumerate(infos)}
    notes = {note.slug: note.path for note in glossary.notes}
    issues: list[Issue] = []
    term_topics: dict[Slug, tuple[Slug, ...]] = {}
    of = {slug: glossary_topics(linked, slug, known) for slug in linked.terms} if known else {}
    for term in glossary.terms:
        if not known:  # no topic curated: every term is under Other, and there is nothing to suggest
            term_topics[term.slug] = (OTHER.slug,)
            continue
        curated = tuple(topic for topic in term.topics if topic in known)
        if curated:
            term_topics[term.slug] = curated
            continue
        votes: dict[Slug, float] = defaultdict(float)
        voters: dict[Slug, float] = defaultdict(float)
        for other, score in scores.get(term.slug, {}).items():
            for topic in of[other]:
                votes[topic] += score
                voters[other] += score
        source = next((s for d in term.definitions for s in d.sources), None)
        path, line = (notes.get(source.note, curated_path), source.line) if source else (curated_path, 0)
        if votes:
            best = max(votes, key=lambda topic: (votes[topic], -order[topic]))
            term_topics[term.slug] = (best,)
            top = sorted(voters, key=lambda slug: (-voters[slug], slug))[:3]
            evidence = ", ".join(linked.terms[slug].term.name for slug in top)
            name = next(info.name for info in infos if info.slug == best)
            message = f"topic of '{term.name}' suggested: {name} (from {evidence}); confirm it under 'terms:' in {curated_path}"
        else:
            term_topics[term.slug] = (OTHER.slug,)
            if not infos:  # no topics curated at all: nothing to suggest, nothing to report
                continue
            message = f"'{term.name}' has no topic and no related term with one: put under {OTHER.name}"
        issues.append(Issue(path, line, message, Level.INFO))
    used = {topic for chosen in term_topics.values() for topic in chosen}
    if OTHER.slug in used and OTHER.slug not in known:
        infos.append(OTHER)
    names = {term.slug: term.name.casefold() for term in glossary.terms}
    topics = tuple(
        Topic(
            info.slug,
            info.name,
            info.about,
            tuple(sorted((s for s, chosen in term_topics.items() if info.slug in chosen), key=lambda s: (names[s], s))),
        )
        for info in infos
        if info.slug in used
    )
    return term_topics, topics, issues


def glossary_topics(linked: Linked, slug: Slug, known: set[Slug]) -> tuple[Slug, ...]:
    return tuple(topic for topic in linked.terms[slug].term.topics if topic in known)
