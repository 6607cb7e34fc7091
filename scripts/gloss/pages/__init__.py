"""Stage 4, emit: one module per page kind, each a pure ``emit(site) -> {path: text or bytes}``.

Paths are relative to docs/ (see ``paths.py``); all escaping is in ``escape.py``.
Adding a page kind is one module here and one entry in ``PAGE_KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import Deferred, Site
from . import assets, deck, graph, index, rehearse, report, search, sources, term, topics, walk

Emitter = Callable[[Site], dict[str, str | bytes]]

PAGE_KINDS: dict[str, Emitter] = {
    "term": term.emit,
    "walk": walk.emit,
    "index": index.emit,  # home and A–Z
    "sources": sources.emit,
    "report": report.emit,
    "deck": deck.emit,  # Anki deck and CSV
    "assets": assets.emit,  # images beside Markdown notes
    "topics": topics.emit,  # a page per topic and the topics index
    "graph": graph.emit,  # the concept graph: page, data and static picture
    "rehearse": rehearse.emit,  # a rehearsal page per walk, and the vendored scheduler
    "search": search.emit,  # the names index of the glossary's search
}


DEFERRED = {"term": term.deferred, "deck": deck.deferred}  # what the MkDocs hook makes when it is read


def emit(site: Site, defer: bool = False) -> dict[str, str | bytes | Deferred]:
    """Every generated file: path relative to docs/ -> its text or bytes; with ``defer``, term pages
    and the deck are made when they are read (the MkDocs hook's way, ``model.Deferred``)."""
    files: dict[str, str | bytes | Deferred] = {}
    for kind, emitter in PAGE_KINDS.items():
        made: dict[str, Any] = DEFERRED[kind](site) if defer and kind in DEFERRED else emitter(site)
        for path, content in made.items():
            if path in files:
                raise ValueError(f"page kind '{kind}' emits {path}, which another kind emits too")
            files[path] = content
    return files
