"""The names index for the glossary's search (docs/assets/search.js): every term name, alias and
locus, and every topic's name, sharded by first letter, so a look-up downloads a few kilobytes
whatever the glossary's size.

Each entry: [label, kind ("name", "alias", "locus" or "topic"), the page's path, the term's or
topic's name, a detail line, 1 when the term is a stub (no note defines it) else 0].  Search ranks
stubs after every defined term.  The spelling-forgiving comparison happens in the browser, on both
sides alike.  Full text is Pagefind's (run by the MkDocs hook after the build).
"""

from __future__ import annotations

import json
import string
import unicodedata

from ..model import Site
from ..paths import TOPICS
from .common import stop_label

NAMES = "search/names"
DETAIL = 140


def shard(label: str) -> str:
    """The file a label lives in: its first letter or digit, accents and case folded ("_" for any other)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c)).lower()
    first = next((c for c in folded if c.isalnum()), "_")
    return first if first.isascii() else "_"


def _short(text: str) -> str:
    return text if len(text) <= DETAIL else text[: DETAIL - 1].rsplit(" ", 1)[0] + "…"


def entries(site: Site) -> list[list[str | int]]:
    linked = site.linked
    out: list[list[str | int]] = []
    for slug, item in linked.terms.items():
        term, path, stub = item.term, f"terms/{slug}/", int(item.term.stub)
        out.append([term.name, "name", path, term.name, _short(term.gist), stub])
        out.extend([alias, "alias", path, term.name, f"Also called {alias}", stub] for alias in term.aliases)
    for walk in linked.glossary.walks:
        for stop in walk.stops:
            term = linked.terms[stop.term].term
            detail = f"{stop_label(stop)}: stop {stop.number} of {len(walk.stops)} on {walk.title}"
            out.append([stop.locus, "locus", f"terms/{stop.term}/", term.name, detail, int(term.stub)])
    for topic in site.concepts.topics:
        count = f"{len(topic.terms)} term{'s' if len(topic.terms) != 1 else ''}"
        detail = _short(f"{count}. {topic.about}" if topic.about else count)
        out.append([topic.name, "topic", f"{TOPICS}/{topic.slug}/", topic.name, detail, 0])
    return out


def emit(site: Site) -> dict[str, str | bytes]:
    # Every shard search.js can ask for exists, empty or not: a missing one is a 404 in the console.
    shards: dict[str, list[list[str | int]]] = {key: [] for key in (*string.ascii_lowercase, *string.digits, "_")}
    for entry in entries(site):
        shards[shard(str(entry[0]))].append(entry)
    return {
        f"{NAMES}/{key}.json": json.dumps(values, ensure_ascii=False, separators=(",", ":"))
        for key, values in sorted(shards.items())
    }
