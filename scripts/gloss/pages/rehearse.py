"""The rehearsal page of each walk: one card at a time, scheduled by FSRS (docs/assets/rehearse.js
with the vendored ts-fsrs), and the self-test for readers without JavaScript (in <noscript>)."""

from __future__ import annotations

import json

from ..escape import front_matter, html, md, raw
from ..model import Linked, Site, Stop, Walk
from ..paths import KATEX, TS_FSRS, link_to, rehearse_path, term_path, url_to, walk_path
from .common import stop_label


def cards(walk: Walk, linked: Linked, page: str) -> str:
    """The walk's stops as JSON for rehearse.js."""
    data = {
        "walk": walk.note,
        "title": walk.title,
        "stops": [
            {
                "n": stop.number,
                "locus": stop_label(stop),
                "term": linked.terms[stop.term].term.name,
                "url": url_to(page, term_path(stop.term)),
                "own": stop.own,
                "gist": linked.terms[stop.term].term.gist,
                "code": stop.code or "",
            }
            for stop in walk.stops
        ],
    }
    return json.dumps(data, ensure_ascii=False)


def details(stop: Stop, linked: Linked, page: str, anchor: str) -> str:
    """A stop of the self-test: the locus, and the term hidden until opened (raw HTML, no JavaScript)."""
    term = linked.terms[stop.term].term
    link = f'<a href="{url_to(page, term_path(stop.term))}">{html(term.name)}</a>'
    answer = f"{link} (code): <code>{html(stop.code)}</code>" if stop.code else f"{link}: {html(stop.own or term.gist)}"
    return (
        f'<details id="{anchor}">\n<summary>Stop {stop.number} · {html(stop_label(stop))}</summary>\n'
        f"<p>{answer}</p>\n</details>\n\n"
    )


def page(walk: Walk, site: Site) -> str:
    linked = site.linked
    walks = len(linked.glossary.walks)
    path = rehearse_path(walk.note, walks)
    out = [
        front_matter(
            {
                "title": f"Rehearse: {walk.title}",
                "description": f"Rehearse the {len(walk.stops)} stops of the walk {walk.title}, card by card, "
                "scheduled by spaced repetition.",
                "search": {"exclude": True},
            }
        ),
        f"# Rehearse: {md(walk.title)}\n\n",
        f"Walk through the house in your head: at each locus, recall the term, then check it and say how well you "
        f"knew it. The cards you knew come back later, the ones you missed sooner (FSRS spaced repetition); "
        f"your progress stays in this browser. [Back to the walk]({link_to(path, walk_path(walk.note, walks))}).\n\n",
        # The cards ride in an attribute: Material's instant loading re-runs every <script> of a page.
        raw(
            f'<div class="rehearse" data-walk="{html(walk.note)}" data-scheduler="{url_to(path, TS_FSRS)}"\n'
            f'data-cards="{html(cards(walk, linked, path))}">\n'
            '<p class="rehearse__loading">The rehearsal needs JavaScript; the self-test below works without it.</p>\n'
            "</div>"
        ),
    ]
    # The self-test is for JavaScript off only: with it on, the cards do its work and its 70 stops
    # would make the page several screens long (rehearse.js also removes it, for instant loading).
    # Both are finished HTML, round Python-Markdown: a walk of 5,000 stops made 11 MB of it to parse.
    test = [
        '<noscript><div class="rehearse-selftest" data-search-exclude>\n'
        '<h2 id="self-test">Self-test</h2>\n'
        "<p>Say the term at each locus, then open the stop to check. It works with JavaScript off.</p>\n\n",
    ]
    test.extend(details(stop, linked, path, f"{walk.note}-test-{stop.number}") for stop in walk.stops)
    test.append('<h2 id="backwards">Backwards</h2>\n<p>The same route from the last stop to the first.</p>\n\n')
    test.extend(details(stop, linked, path, f"{walk.note}-backwards-{stop.number}") for stop in reversed(walk.stops))
    test.append("</div></noscript>")
    out.append(raw("".join(test)))
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    walks = site.linked.glossary.walks
    if not walks:
        return {}
    files: dict[str, str | bytes] = {rehearse_path(walk.note, len(walks)): page(walk, site) for walk in walks}
    files.update({path: data for path, data in site.vendor.items() if not path.startswith(KATEX)})
    return files
