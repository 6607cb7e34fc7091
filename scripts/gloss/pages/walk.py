"""The house walk: ``walk.md`` for one walk, or an overview there and ``walks/<slug>.md`` each."""

from __future__ import annotations

from ..escape import code, front_matter, html, md
from ..model import Linked, Site, Stop, Walk
from ..paths import APKG, CSV, WALK, link_to, source_path, stop_anchor, term_path, url_to, walk_path
from ..walkmap import route_svg
from .common import notes_by_slug, stop_label, term_link

DESCRIPTION = "The terms in walking order through the house, with a map and a self-test."


def _details(stop: Stop, linked: Linked, page: str, anchor: str) -> str:
    """A stop of the self-test: a raw HTML <details> (no Markdown inside, so no md_in_html)."""
    term = linked.terms[stop.term].term
    link = f'<a href="{url_to(page, term_path(stop.term))}">{html(term.name)}</a>'
    answer = f"{link}: {html(term.gist)}"
    if stop.code:
        answer = f"{link} (code): <code>{html(stop.code)}</code>"
    return (
        f'<details id="{anchor}">\n'
        f"<summary>Stop {stop.number} · {html(stop_label(stop))}</summary>\n"
        f"<p>{answer}</p>\n"
        f"</details>\n\n"
    )


def walk_content(walk: Walk, linked: Linked, page: str, level: int) -> str:
    """One walk: the map, the route table, the self-test forwards and backwards."""
    h = "#" * level
    notes = notes_by_slug(linked)
    test, back = f"{walk.note}-test", f"{walk.note}-backwards"
    out = [
        f"{len(walk.stops)} stops, from [{md(notes[walk.note].title, start=False)}]"
        f"({link_to(page, source_path(walk.note))}). Rehearse it: [test yourself](#{test}), "
        f"[walk it backwards](#{back}), or start anywhere with *test from here* on any stop.\n\n",
        f"{h}# Map {{ #{walk.note}-map }}\n\n",
        '<div class="walk-map-frame">\n'
        + route_svg(
            walk,
            {slug: item.term.name for slug, item in linked.terms.items()},
            {stop.term: url_to(page, term_path(stop.term)) for stop in walk.stops},
            stop_label,
        )
        + "\n</div>\n\n",
        f"{h}# Route {{ #{walk.note}-route }}\n\n",
        "| Stop | Locus | Term | Gist | Test |\n|---:|---|---|---|---|\n",
    ]
    for stop in walk.stops:
        term = linked.terms[stop.term].term
        what = term_link(linked, page, stop.term)
        gist = md(term.gist, start=False)
        if stop.code:
            what += " (code)"
            gist = code(stop.code)
        out.append(
            f'| <span id="{stop_anchor(stop)}"></span>{stop.number} | {md(stop_label(stop), start=False)} '
            f"| {what} | {gist} | [test from here](#{test}-{stop.number}) |\n"
        )
    out.append(f"\n{h}# Test yourself {{ #{test} data-search-exclude }}\n\n")
    out.append("Say the term at each locus, then open the stop to check. It works with JavaScript off.\n\n")
    out.extend(_details(stop, linked, page, f"{test}-{stop.number}") for stop in walk.stops)
    out.append(f"{h}# Backwards {{ #{back} data-search-exclude }}\n\n")
    out.append("The same route from the last stop to the first.\n\n")
    out.extend(_details(stop, linked, page, f"{back}-{stop.number}") for stop in reversed(walk.stops))
    return "".join(out)


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
        return {WALK: head + f"## {md(walk.title)} {{ #{walk.note} }}\n\n" + walk_content(walk, linked, WALK, 2)}
    pages: dict[str, str | bytes] = {}
    overview = [head, "| Walk | Stops | First stop | Last stop |\n|---|---:|---|---|\n"]
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
            + walk_content(walk, linked, path, 1)
        )
    pages[WALK] = "".join(overview)
    return pages
