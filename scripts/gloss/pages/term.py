"""Term pages: one per term at ``terms/<slug>.md``."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from ..escape import code_block, front_matter, html, md, raw
from ..model import Deferred, Linked, LinkedDefinition, LinkedTerm, Note, Site, Slug, Source, Stop
from ..paths import resolve, source_path, stop_anchor, term_path, url_to, walk_path
from .common import notes_by_slug, render_html, stop_label, term_link
from .concepts import related_section, topic_links

STUB_META = ' data-pagefind-meta="stub:yes"'  # Pagefind metadata: search ranks stub pages after defined ones


def page(item: LinkedTerm, site: Site) -> str:
    """A term's page.  Only its headings are Markdown (the table of contents and anchors come from
    them); everything between is finished HTML (``escape.raw``), which Python-Markdown would only
    parse again: a term page's dozen links, credits and walk lines were most of its Markdown time."""
    linked, concepts = site.linked, site.concepts
    term = item.term
    path = term_path(term.slug)
    notes = notes_by_slug(linked)
    out = _Page()
    out.md(front_matter({"title": term.name, "description": term.gist}) + f"# {md(term.name)}\n\n")
    out.html(f'<p class="gist"{STUB_META if term.stub else ""}>{html(term.gist)}</p>')
    if term.aliases:
        out.html("<p><strong>Also called:</strong> " + ", ".join(html(alias) for alias in term.aliases) + "</p>")
    out.html(topic_links(term.slug, concepts, path))
    # One heading for all definitions: the name, gist and aliases above it make a
    # short first search document, which is what exact-name and alias queries hit.
    out.md("## Definitions\n\n")
    for number, definition in enumerate(item.definitions, start=1):
        _definition(out, definition, number, notes, path)
    if term.named_in:
        named = ", ".join(_note_link(notes, source, path) for source in term.named_in)
        out.html(f'<p class="named-in"><em>Also named, without a definition, in {named}.</em></p>')
    if item.stops:
        _walk_section(out, item, linked, path)
    out.md(related_section(term.slug, linked, concepts, path))
    return out.text()


class _Page:
    """A page as Markdown with finished HTML between: adjacent HTML goes in one ``raw`` block."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending: list[str] = []

    def html(self, block: str) -> None:
        if block:
            self.pending.append(block)

    def md(self, text: str) -> None:
        self._flush()
        self.parts.append(text)

    def _flush(self) -> None:
        if self.pending:
            self.parts.append(raw("\n".join(self.pending)))
            self.pending = []

    def text(self) -> str:
        self._flush()
        return "".join(self.parts)


def _note_link(notes: dict[Slug, Note], source: Source, path: str) -> str:
    target = f"{source_path(source.note)}#line-{source.line}"
    return f'<a href="{html(url_to(path, target))}">{html(notes[source.note].title)}</a>'


def _credit(notes: dict[Slug, Note], source: Source, path: str) -> str:
    """A note's title linking to its page, and, for another person's note, its author, licence and source."""
    credit = notes[source.note].credit
    parts = [_note_link(notes, source, path)]
    if credit.author:
        parts.append(f"by {html(credit.author)}")
    extra = [html(credit.licence)] if credit.licence else []
    if credit.url:
        extra.append(f'<a href="{html(credit.url)}">source</a>')
    return " ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def _definition(out: _Page, definition: LinkedDefinition, number: int, notes: dict[Slug, Note], path: str) -> None:
    written = definition.definition
    own = [source for source in written.sources if notes[source.note].credit.own]
    others = [source for source in written.sources if not notes[source.note].credit.own]
    said = []
    if own:
        said.append("In your notes: " + " and ".join(_note_link(notes, source, path) for source in own))
    if others:
        said.append("From " + " and ".join(_credit(notes, source, path) for source in others))
    # A credit line, not a heading: every heading is one more document in the
    # search index, and at 10,000 terms their number is what slows search down.
    out.html(f'<p id="definition-{number}" class="credit"><strong>{"; ".join(said)}:</strong></p>')
    if definition.html:
        # Raw HTML made from the note's Markdown, sanitised when it was linked (escape.sanitize): links resolved.
        out.html(f'<div class="note-md">\n{resolve(definition.html, path)}\n</div>')
    out.html("".join(f"<p>{render_html(paragraph, path)}</p>\n" for paragraph in definition.paragraphs))
    if definition.bullets:
        out.html(
            "<ul>\n" + "".join(f"<li>{render_html(bullet, path)}</li>\n" for bullet in definition.bullets) + "</ul>"
        )
    if written.code:
        out.md(code_block(written.code) + "\n\n")
    for ref in written.refs:
        if re.fullmatch(r"https?://[^\s<>]+", ref):
            out.html(f'<p>Reference: <a href="{html(ref)}">{html(ref)}</a></p>')
        else:
            out.html(f"<p>Reference: {html(ref)}</p>")
    if not (definition.paragraphs or definition.bullets or written.code or written.refs or written.body.strip()):
        out.html('<p class="stub"><em>A stub: the note names this term without defining it.</em></p>')


def _walk_section(out: _Page, item: LinkedTerm, linked: Linked, path: str) -> None:
    walks = {walk.note: walk for walk in linked.glossary.walks}
    # Out of the search index: the walk page indexes every locus already.
    out.md("## On the house walk { data-search-exclude }\n\n")
    for stop in item.stops:
        walk = walks[stop.walk]
        what = f" (code: <code>{html(stop.code)}</code>)" if stop.code else ""
        target = f"{walk_path(walk.note, len(walks))}#{stop_anchor(stop)}"
        out.html(
            f'<p>Stop {stop.number} of {len(walk.stops)} on <a href="{html(url_to(path, target))}">'
            f"{html(walk.title)}</a>: <strong>{html(stop_label(stop))}</strong>{what}</p>"
        )
    out.html(_walk_neighbours(item, linked, path))


def _walk_neighbours(item: LinkedTerm, linked: Linked, path: str) -> str:
    """Previous and next stop links around the term's stops on each walk."""
    lines = []
    by_walk: dict[Slug, list[Stop]] = defaultdict(list)
    for stop in item.stops:
        by_walk[stop.walk].append(stop)
    for walk in linked.glossary.walks:
        mine = by_walk.get(walk.note)
        if not mine:
            continue
        first, last = mine[0].number, mine[-1].number
        parts = []
        if first > 1:
            before = walk.stops[first - 2]
            parts.append(
                f"← Previous stop {before.number}, {html(stop_label(before))}: {term_link(linked, path, before.term)}"
            )
        if last < len(walk.stops):
            after = walk.stops[last]
            parts.append(
                f"Next stop {after.number}, {html(stop_label(after))}: {term_link(linked, path, after.term)} →"
            )
        if parts:
            lines.append('<p class="walk-nav" data-search-exclude>' + " · ".join(parts) + "</p>")
    return "\n".join(lines)


def emit(site: Site) -> dict[str, str | bytes]:
    return {term_path(slug): page(item, site) for slug, item in site.linked.terms.items()}


def deferred(site: Site) -> dict[str, Deferred]:
    """The same pages, each made when it is read (``model.Deferred``)."""
    return {term_path(slug): Deferred(functools.partial(page, item, site)) for slug, item in site.linked.terms.items()}
