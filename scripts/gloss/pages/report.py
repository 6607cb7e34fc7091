"""``build-report.json``: the counts and every warning and skipped line, for people and tools."""

from __future__ import annotations

import json
from collections import Counter

from ..model import Level, Linked, Site, Slug
from ..paths import REPORT, linked_terms

TOP = 5


def link_counts(linked: Linked) -> Counter[Slug]:
    """Links inside definitions, by the term they point to."""
    counts: Counter[Slug] = Counter()
    for item in linked.terms.values():
        for definition in item.definitions:
            for part in (*definition.paragraphs, *definition.bullets):
                counts.update(segment.target for segment in part if segment.kind == "link")
            counts.update(linked_terms(definition.html))
    return counts


def report(site: Site) -> str:
    linked, concepts = site.linked, site.concepts
    glossary = linked.glossary
    counts = link_counts(linked)
    total = sum(counts.values())
    related = [len(relations) for relations in concepts.related.values()]
    data = {
        "notes": len(glossary.notes),
        "entries": sum(len(note.entries) for note in glossary.notes),
        "terms": len(glossary.terms),
        "links": linked.link_count,
        "walks": {walk.note: len(walk.stops) for walk in glossary.walks},
        "link_targets": {
            "most_linked": [
                {"term": slug, "links": count, "share": round(count / total, 3)}
                for slug, count in counts.most_common(TOP)
            ],
            "max_share": round(max(counts.values()) / total, 3) if total else 0.0,
            "terms_without_links": sum(1 for item in linked.terms.values() if not (item.links_to or item.linked_from)),
        },
        "related": {
            "fewest": min(related, default=0),
            "pages_with_fewer_than_3": sum(1 for count in related if count < 3),
            "average": round(sum(related) / len(related), 2) if related else 0.0,
        },
        "topics": {topic.slug: len(topic.terms) for topic in concepts.topics},
        "topic_suggestions": sum(1 for issue in site.issues if issue.message.startswith("topic of ")),
        "warnings": [str(issue) for issue in site.issues if issue.level == Level.WARNING],
        "skipped": [
            {"file": issue.path, "line": issue.line, "reason": issue.message, "level": issue.level}
            for issue in site.issues
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def emit(site: Site) -> dict[str, str | bytes]:
    return {REPORT: report(site)}
