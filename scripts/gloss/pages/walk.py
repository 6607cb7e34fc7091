"""The house walk: ``walk.md`` for one walk, or an overview there and ``walks/<slug>.md`` each."""

from __future__ import annotations

from ..escape import front_matter, html, md, raw
from ..model import Linked, Site, Walk
from ..paths import APKG, CSV, WALK, link_to, rehearse_path, source_path, stop_anchor, term_path, url_to, walk_path
from ..walkmap import route_html
from .common import notes_by_slug, stop_label

DESCRIPTION = "The terms in walking order through the house, with a map and a rehearsal by spaced repetition."


def due(walks: list[Walk]) -> str:
    """A place for "N due today": docs/assets/rehearse.js fills it from what this browser has stored
    (``walk:stops`` pairs, since a stop never rehearsed is due too)."""
    pairs = " ".join(f"{walk.note}:{len(walk.stops)}" for walk in walks)
    return f'<span class="rehearse-due" data-walks="{html(pairs)}"></span>'


def term_cell(name: str, href: str) -> str:
    """A term's name as a link whose words never break inside (each word is kept whole by extra.css);
    the lines break only between words."""
    words = " ".join(f"<span>{html(word)}</span>" for word in name.split())
    return f'<a class="walk-term" href="{href}">{words}</a>'


def route_table(walk: Walk, linked: Linked, page: str, rehearse: str) -> str:
    """The route as a table (raw HTML, so that on a phone each row can stack instead of scrolling):
    each stop with the learner's own words at that locus, as the walk note has them."""
    rows = []
    for stop in walk.stops:
        term = linked.terms[stop.term].term
        what = term_cell(term.name, url_to(page, term_path(stop.term)))
        own = html(stop.own)
        if stop.code:
            what += " (code)"
            own = f"<code>{html(stop.code)}</code>"
        rows.append(
            f'<tr><td><span id="{stop_anchor(stop)}"></span>{stop.number}</td>\n<td>{html(stop_label(stop))}</td>\n'
            f'<td>{what}</td>\n<td>{own}</td>\n<td><a href="{url_to(page, rehearse)}?from={stop.number}">test from here</a></td></tr>'
        )
    return (
        '<table class="walk-table">\n<thead><tr><th>Stop</th><th>Locus</th><th>Term</th><th>Your words</th>'
        "<th>Rehearse</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n\n"
    )


def walk_content(walk: Walk, linked: Linked, page: str, level: int, walks: int) -> str:
    """One walk: where to rehearse it, the map, the route table."""
    h = "#" * level
    notes = notes_by_slug(linked)
    rehearse = rehearse_path(walk.note, walks)
    return "".join(
        [
            f"{len(walk.stops)} stops, from [{md(notes[walk.note].title, start=False)}]"
            f"({link_to(page, source_path(walk.note))}). **[Rehearse it]({link_to(page, rehearse)})** card by card: "
            f"forwards, backwards, from any stop, shuffled, or only the cards due; {due([walk])}\n\n",
            f"{h}# Map {{ #{walk.note}-map }}\n\n",
            raw(
                route_html(
                    walk,
                    {slug: item.term.name for slug, item in linked.terms.items()},
                    {stop.term: url_to(page, term_path(stop.term)) for stop in walk.stops},
                    stop_label,
                )
            ),
            f"{h}# Route {{ #{walk.note}-route }}\n\n",
            raw(route_table(walk, linked, page, rehearse)),
        ]
    )


def _intro() -> str:
    return (
        "Each note that places terms at loci is a walk through the house. Its stops are numbered in the note's order; "
        "a locus that stands twice is two stops, told apart as (1) and (2). "
        # Raw links, for the download attribute.
        f'Flashcards of every term and every stop: <a href="{url_to(WALK, APKG)}" download>Anki deck</a> '
        "(import it with File › Import; a rebuilt deck updates the cards you have) or "
        f'<a href="{url_to(WALK, CSV)}" download>CSV</a> for other apps.\n\n'
    )


def emit(site: Site) -> dict[str, str | bytes]:
    linked = site.linked
    walks = linked.glossary.walks
    head = front_matter({"title": "House walk", "description": DESCRIPTION}) + "# House walk\n\n" + _intro()
    if not walks:
        return {WALK: head + "No note places its terms at loci yet.\n"}
    if len(walks) == 1:
        walk = walks[0]
        return {WALK: head + f"## {md(walk.title)} {{ #{walk.note} }}\n\n" + walk_content(walk, linked, WALK, 2, 1)}
    pages: dict[str, str | bytes] = {}
    overview = [
        head,
        f"Rehearse: {due(list(walks))}\n\n",
        "| Walk | Stops | First stop | Last stop |\n|---|---:|---|---|\n",
    ]
    for walk in walks:
        path = walk_path(walk.note, len(walks))
        first, last = walk.stops[0], walk.stops[-1]
        overview.append(
            f"| [{md(walk.title, start=False)}]({link_to(WALK, path)}) | {len(walk.stops)} "
            f"| {md(stop_label(first), start=False)} | {md(stop_label(last), start=False)} |\n"
        )
        pages[path] = (
            front_matter({"title": walk.title, "description": f"The walk {walk.title}: {DESCRIPTION}"})
            + f"# {md(walk.title)}\n\n"
            + walk_content(walk, linked, path, 1, len(walks))
        )
    pages[WALK] = "".join(overview)
    return pages
