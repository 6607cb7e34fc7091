"""The concept graph: ``graph.md`` (a canvas drawn by docs/assets/graph.js from ``graph.json``),
``graph.svg`` (the same picture, drawn at build time, shown with JavaScript off) and, on the page,
every term by topic as an accessible list."""

from __future__ import annotations

import json

from ..escape import front_matter, html, raw
from ..model import Site, Slug
from ..paths import GRAPH, GRAPH_DATA, GRAPH_PICTURE, term_path, topic_path, url_to
from .concepts import topic_index

EDGES_PER_TERM = 4  # the strongest relations of each term are the graph's edges
PICTURE_EDGES_UP_TO = 2000  # terms; above it the static picture shows the nodes only
# The topic colours of the light palette (extra.css has them as --graph-topic-0 ... 9, and a lighter set for
# the dark one): told apart with every kind of colour blindness (checked by simulation: protanopia,
# deuteranopia and tritanopia), each at least 3:1 against white; the last, grey, is "Other".
PALETTE = ("#0072b2", "#cc6611", "#5522ff", "#991100", "#6622bb", "#aa7744", "#883333", "#9966ff", "#774477", "#6e6e6e")


def edges(site: Site) -> list[tuple[Slug, Slug]]:
    seen: set[tuple[Slug, Slug]] = set()
    result = []
    for slug, relations in site.concepts.related.items():
        for relation in relations[:EDGES_PER_TERM]:
            pair = (min(slug, relation.term), max(slug, relation.term))
            if pair not in seen:
                seen.add(pair)
                result.append(pair)
    return result


def data(site: Site) -> str:
    concepts, terms = site.concepts, site.linked.terms
    slugs = sorted(concepts.positions, key=lambda slug: (terms[slug].term.name.casefold(), slug))
    index = {slug: number for number, slug in enumerate(slugs)}
    colours = topic_index(concepts)
    # The degree orders the labels (graph.js labels the best connected first): a stub's is 0, so it is no hub.
    degree = {
        slug: 0 if terms[slug].term.stub else len(terms[slug].links_to) + len(terms[slug].linked_from) for slug in slugs
    }
    nodes = [
        [
            *concepts.positions[slug],
            colours.get((concepts.term_topics.get(slug) or (Slug(""),))[0], 0),
            degree[slug],
            terms[slug].term.name,
            slug,
        ]
        for slug in slugs
    ]
    payload = {
        "topics": [{"name": topic.name, "colour": colours[topic.slug]} for topic in concepts.topics],
        "nodes": nodes,
        "edges": [[index[a], index[b]] for a, b in edges(site) if a in index and b in index],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _free(box: tuple[float, float, float, float], taken: list[tuple[float, float, float, float]]) -> bool:
    x, y, w, h = box
    return all(x >= ox + ow or x + w <= ox or y >= oy + oh or y + h <= oy for ox, oy, ow, oh in taken)


def picture(site: Site) -> str:
    """The graph as a standalone SVG (colours inline: an <img> does not see the site's CSS), with a
    legend; the best connected terms are named, none over another."""
    concepts, terms = site.concepts, site.linked.terms
    colours = topic_index(concepts)
    size, legend = 1000, 28 * ((len(concepts.topics) + 3) // 4)
    width, height = size + 40, size + 40 + legend
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-20 -20 {width} {height}" width="{width}" height="{height}">'
    ]
    out.append('<rect x="-20" y="-20" width="100%" height="100%" fill="#ffffff"/>')
    if len(concepts.positions) <= PICTURE_EDGES_UP_TO:
        for a, b in edges(site):
            (x1, y1), (x2, y2) = concepts.positions[a], concepts.positions[b]
            out.append(
                f'<line x1="{x1 * size:.1f}" y1="{y1 * size:.1f}" x2="{x2 * size:.1f}" y2="{y2 * size:.1f}" stroke="#9e9e9e" stroke-width="0.8"/>'
            )
    small = len(concepts.positions) <= 200
    radius = 6 if small else 3
    taken = [(x * size - radius, y * size - radius, 2.0 * radius, 2.0 * radius) for x, y in concepts.positions.values()]
    for slug, (x, y) in concepts.positions.items():
        topic = (concepts.term_topics.get(slug) or (Slug(""),))[0]
        out.append(
            f'<circle cx="{x * size:.1f}" cy="{y * size:.1f}" r="{radius}" fill="{PALETTE[colours.get(topic, 0)]}"/>'
        )
    if small:  # labels, best connected first, each where it covers no node and no other label
        ranked = sorted(
            concepts.positions,
            key=lambda slug: (-len(terms[slug].links_to) - len(terms[slug].linked_from), terms[slug].term.name),
        )
        for slug in ranked:
            x, y = concepts.positions[slug]
            name = terms[slug].term.name
            w = 7.2 * len(name)
            for left, anchor in ((x * size + radius + 3, "start"), (x * size - radius - 3 - w, "end")):
                box = (left, y * size - 9, w, 17.0)
                if left >= -20 and left + w <= size + 20 and _free(box, taken):
                    taken.append(box)
                    tx = left if anchor == "start" else left + w
                    out.append(
                        f'<text x="{tx:.1f}" y="{y * size + 4:.1f}" text-anchor="{anchor}" font-family="sans-serif" '
                        f'font-size="13" fill="#212121">{html(name)}</text>'
                    )
                    break
    for number, entry in enumerate(concepts.topics):  # the legend: a swatch and the topic's name
        x, y = (number % 4) * 260, size + 20 + 28 * (number // 4)
        out.append(f'<rect x="{x}" y="{y - 11}" width="14" height="14" rx="3" fill="{PALETTE[colours[entry.slug]]}"/>')
        out.append(
            f'<text x="{x + 20}" y="{y + 1}" font-family="sans-serif" font-size="15" fill="#212121">{html(entry.name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def page(site: Site) -> str:
    concepts, terms = site.concepts, site.linked.terms
    colours = topic_index(concepts)
    count = len(concepts.positions)
    out = [
        front_matter(
            {
                "title": "Concept graph",
                "description": f"All {count} terms of the glossary as a graph of related concepts, coloured by topic.",
                "search": {"exclude": True},
            }
        ),
        "# Concept graph\n\n",
        "Every term is a point, coloured by its topic and grouped with its topic, joined to its most related "
        "terms. Drag or use the arrow buttons or keys to move, scroll or use the buttons to zoom, point at a term "
        "to see its neighbours, and click it to open its page. Every term is also in the "
        "[list of all terms, by topic](#every-term).\n\n",
        '<ul class="graph-legend">\n'
        + "".join(
            f'<li><span class="graph-swatch graph-topic-{colours[topic.slug]}"></span>'
            f'<a href="{url_to(GRAPH, topic_path(topic.slug))}">{html(topic.name)}</a> ({len(topic.terms)})</li>\n'
            for topic in concepts.topics
        )
        + "</ul>\n\n",
        f'<div class="concept-graph" data-graph="{url_to(GRAPH, GRAPH_DATA)}" data-base="{url_to(GRAPH, "")}">\n'
        f'<noscript><img class="concept-graph__picture" src="{url_to(GRAPH, GRAPH_PICTURE)}" '
        f'alt="The concept graph: {count} terms coloured by topic; every term is listed below."></noscript>\n'
        "</div>\n\n",
        "## Every term, by topic { #every-term }\n\n",
    ]
    lists = []  # finished HTML, round Python-Markdown: every term's name and link, 0.2 s to parse at 10,000
    for topic in concepts.topics:
        links = "".join(
            f'<li><a href="{url_to(GRAPH, term_path(slug))}">{html(terms[slug].term.name)}</a></li>'
            for slug in topic.terms
        )
        lists.append(
            f'<details class="graph-topic-list"><summary>{html(topic.name)} ({len(topic.terms)})</summary>\n'
            f"<ul>{links}</ul>\n</details>\n\n"
        )
    out.append(raw("".join(lists)))
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    if not site.concepts.positions:
        return {}
    return {GRAPH: page(site), GRAPH_DATA: data(site), GRAPH_PICTURE: picture(site)}
