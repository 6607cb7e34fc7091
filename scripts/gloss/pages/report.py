"""``build-report.json``: the counts and every warning and skipped line, for people and tools."""

from __future__ import annotations

import json

from ..model import Level, Site
from ..paths import REPORT


def report(site: Site) -> str:
    glossary = site.linked.glossary
    data = {
        "notes": len(glossary.notes),
        "entries": sum(len(note.entries) for note in glossary.notes),
        "terms": len(glossary.terms),
        "links": site.linked.link_count,
        "walks": {walk.note: len(walk.stops) for walk in glossary.walks},
        "warnings": [str(issue) for issue in site.issues if issue.level == Level.WARNING],
        "skipped": [
            {"file": issue.path, "line": issue.line, "reason": issue.message, "level": issue.level}
            for issue in site.issues
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def emit(site: Site) -> dict[str, str | bytes]:
    return {REPORT: report(site)}
