"""The build report, for whoever keeps the notes: ``build-report.json`` (the counts and every
warning and skipped line, for people and tools) and ``report.md``, a page outside the nav
with the same lines by file, each as ``file:line``, and each note's shape and file."""

from __future__ import annotations

import json
from collections import Counter, defaultdict

from ..escape import code, front_matter, md
from ..model import Issue, Level, Linked, Site, Slug
from ..paths import REPORT, REPORT_PAGE, SOURCES_INDEX, link_to, linked_terms, source_path

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


def report_page(site: Site) -> str:
    """Every note with its shape and file, then every issue by file, warnings first, as ``file:line``."""
    glossary = site.linked.glossary
    warnings = sum(1 for issue in site.issues if issue.level == Level.WARNING)
    out = [
        front_matter(
            {"title": "Build report", "description": "What the build made of each note, and every line it skipped."}
        ),
        "# Build report\n\n",
        f"For whoever keeps the notes: {len(glossary.notes)} notes, {len(glossary.terms)} terms, "
        f"{warnings} warnings and {len(site.issues) - warnings} other lines to know about. "
        f"The same is in `{REPORT}` and in the build's output. Readers see the [Sources]"
        f"({link_to(REPORT_PAGE, SOURCES_INDEX)}).\n\n",
        "## Notes\n\n| Note | Shape | Entries | File |\n|---|---|---:|---|\n",
    ]
    for note in glossary.notes:
        out.append(
            f"| [{md(note.title, start=False)}]({link_to(REPORT_PAGE, source_path(note.slug))}) "
            f"| {note.shape} | {len(note.entries)} | {code(note.path)} |\n"
        )
    out.append("\n## Issues\n\n")
    if not site.issues:
        out.append("None: every line of every note is shown.\n")
        return "".join(out)
    by_file: dict[str, list[Issue]] = defaultdict(list)
    for issue in site.issues:
        by_file[issue.path].append(issue)
    for path in sorted(by_file):
        out.append(f"### {md(path)}\n\n| Where | Level | What |\n|---|---|---|\n")
        for issue in sorted(by_file[path], key=lambda issue: (issue.level != Level.WARNING, issue.line)):
            where = f"{issue.path}:{issue.line}" if issue.line else issue.path
            if issue.last > issue.line > 0:
                where += f"-{issue.last}"
            out.append(f"| {code(where)} | {issue.level} | {md(issue.message, start=False)} |\n")
        out.append("\n")
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    return {REPORT: report(site), REPORT_PAGE: report_page(site)}
