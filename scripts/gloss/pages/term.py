"""Term pages: one per term at ``terms/<slug>.md``."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from ..escape import code, code_block, front_matter, md, raw, sanitize
from ..model import Deferred, Linked, LinkedDefinition, LinkedTerm, Note, Site, Slug, Source, Stop
from ..paths import link_to, resolve, source_path, stop_anchor, term_path, walk_path
from .common import notes_by_slug, render, stop_label, term_link
from .concepts import related_section, topic_links

STUB_META = ' data-pagefind-meta="stub:yes"'  # Pagefind metadata: search ranks stub pages after defined ones


def page(item: LinkedTerm, site: Site) -> str:
    linked, concepts = site.linked, site.concepts
    term = item.term
    path = term_path(term.slug)
    notes = notes_by_slug(linked)
    out = [
        front_matter({"title": term.name, "description": term.gist}),
        f"# {md(term.name)}\n\n",
        f"{md(term.gist)}\n{{: .gist{STUB_META if term.stub else ''} }}\n\n",
    ]
    if term.aliases:
        out.append("**Also called:** " + ", ".join(md(alias, start=False) for alias in term.aliases) + "\n\n")
    out.append(topic_links(term.slug, concepts, path))
    # One heading for all definitions: the name, gist and aliases above it make a
    # short first search document, which is what exact-name and alias queries hit.
    out.append("## Definitions\n\n")
    for number, definition in enumerate(item.definitions, start=1):
        out.append(_definition(definition, number, notes, path))
    if term.named_in:
        named = ", ".join(_note_link(notes, source, path) for source in term.named_in)
        out.append(f"*Also named, without a definition, in {named}.*\n{{: .named-in }}\n\n")
    if item.stops:
        out.append(_walk_section(item, linked, path))
    out.append(related_section(term.slug, linked, concepts, path))
    return "".join(out)


def _note_link(notes: dict[Slug, Note], source: Source, path: str) -> str:
    return (
        f"[{md(notes[source.note].title, start=False)}]({link_to(path, source_path(source.note))}#line-{source.line})"
    )


def _credit(notes: dict[Slug, Note], source: Source, path: str) -> str:
    """A note's title linking to its page, and, for another person's note, its author, licence and source."""
    credit = notes[source.note].credit
    parts = [_note_link(notes, source, path)]
    if credit.author:
        parts.append(f"by {md(credit.author, start=False)}")
    extra = [md(credit.licence, start=False)] if credit.licence else []
    if credit.url:
        extra.append(f"[source]({credit.url})")
    return " ".join(parts) + (f" ({', '.join(extra)})" if extra else "")


def _definition(definition: LinkedDefinition, number: int, notes: dict[Slug, Note], path: str) -> str:
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
    out = [f"**{'; '.join(said)}:**\n{{: #definition-{number} .credit }}\n\n"]
    if definition.html:
        # Raw HTML made from the note's Markdown: links resolved, sanitised (escape.sanitize).
        out.append(raw(f'<div class="note-md">\n{sanitize(resolve(definition.html, path))}\n</div>'))
    out.extend(render(paragraph, path) + "\n\n" for paragraph in definition.paragraphs)
    out.extend("- " + render(bullet, path) + "\n" for bullet in definition.bullets)
    if definition.bullets:
        out.append("\n")
    if written.code:
        out.append(code_block(written.code) + "\n\n")
    for ref in written.refs:
        out.append(
            f"Reference: <{ref}>\n\n" if re.fullmatch(r"https?://[^\s<>]+", ref) else f"Reference: {md(ref)}\n\n"
        )
    if not (definition.paragraphs or definition.bullets or written.code or written.refs or written.body.strip()):
        out.append("*A stub: the note names this term without defining it.*\n{: .stub }\n\n")
    return "".join(out)


def _walk_section(item: LinkedTerm, linked: Linked, path: str) -> str:
    walks = {walk.note: walk for walk in linked.glossary.walks}
    # Out of the search index: the walk page indexes every locus already.
    out = ["## On the house walk { data-search-exclude }\n\n"]
    for stop in item.stops:
        walk = walks[stop.walk]
        what = f" (code: {code(stop.code)})" if stop.code else ""
        out.append(
            f"Stop {stop.number} of {len(walk.stops)} on [{md(walk.title, start=False)}]"
            f"({link_to(path, walk_path(walk.note, len(walks)))}#{stop_anchor(stop)}): "
            f"**{md(stop_label(stop), start=False)}**{what}\n\n"
        )
    out.append(_walk_neighbours(item, linked, path))
    return "".join(out)


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
                f"← Previous stop {before.number}, {md(stop_label(before), start=False)}: "
                f"{term_link(linked, path, before.term)}"
            )
        if last < len(walk.stops):
            after = walk.stops[last]
            parts.append(
                f"Next stop {after.number}, {md(stop_label(after), start=False)}: "
                f"{term_link(linked, path, after.term)} →"
            )
        if parts:
            lines.append(" · ".join(parts) + "\n{: .walk-nav data-search-exclude }\n\n")
    return "".join(lines)


def emit(site: Site) -> dict[str, str | bytes]:
    return {term_path(slug): page(item, site) for slug, item in site.linked.terms.items()}


def deferred(site: Site) -> dict[str, Deferred]:
    """The same pages, each made when it is read (``model.Deferred``)."""
    return {
        term_path(slug): Deferred(
            functools.partial(page, item, site), 4000 + sum(len(d.html) for d in item.definitions)
        )
        for slug, item in site.linked.terms.items()
    }
