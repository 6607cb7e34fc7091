"""What term pages show of the concepts: topic links, the ranked Related list, a local graph."""

from __future__ import annotations

import math

from ..escape import html, md
from ..model import Concepts, Linked, Relation, Slug
from ..paths import link_to, term_path, topic_path, url_to

PALETTE = 10  # topic colours in extra.css: .graph-topic-0 ... 9
MORE_NEIGHBOURS = 4  # linked terms shown in the local graph beyond the related ones
LABEL = 18


def topic_index(concepts: Concepts) -> dict[Slug, int]:
    return {topic.slug: number % PALETTE for number, topic in enumerate(concepts.topics)}


def topic_list(concepts: Concepts, page: str) -> str:
    """Every topic with its colour, its term count and what it is about, as a Markdown list."""
    colours = topic_index(concepts)
    return "".join(
        f'- <span class="graph-swatch graph-topic-{colours[topic.slug]}"></span> '
        f"[{md(topic.name, start=False)}]({link_to(page, topic_path(topic.slug))}) "
        f"({len(topic.terms)}): {md(topic.about, start=False)}\n"
        for topic in concepts.topics
    )


def topic_links(slug: Slug, concepts: Concepts, page: str) -> str:
    names = {topic.slug: topic.name for topic in concepts.topics}
    chosen = [topic for topic in concepts.term_topics.get(slug, ()) if topic in names]
    if not chosen:
        return ""
    links = " · ".join(f"[{md(names[topic], start=False)}]({link_to(page, topic_path(topic))})" for topic in chosen)
    return f"**Topic{'s' if len(chosen) > 1 else ''}:** {links}\n{{: .topics }}\n\n"


def _why(relation: Relation) -> str:
    parts = []
    for reason in relation.reasons:
        text = html(reason.text)
        if reason.context:
            text += f": <em>“{html(reason.context)}”</em>"
        parts.append(text)
    return "; ".join(parts)


def related_section(slug: Slug, linked: Linked, concepts: Concepts, page: str) -> str:
    """The ranked related terms, each with why, as raw HTML (Markdown's inline parsing of eight links
    and their reasons on every page cost more than all the rest of the page), then the local graph."""
    relations = concepts.related.get(slug, ())
    if not relations:
        return ""
    items = "".join(
        f'<li><a href="{url_to(page, term_path(relation.term))}">{html(linked.terms[relation.term].term.name)}</a>'
        f" — {_why(relation)}</li>\n"
        for relation in relations
    )
    return f'## Related {{ #related data-search-exclude }}\n\n<ul class="related">\n{items}</ul>\n\n' + local_graph(
        slug, linked, concepts, page
    )


def _rows(text: str, width: int = 15) -> list[str]:
    """A label in at most two rows of about ``width`` characters, cut at spaces, shortened with "…"."""
    rows: list[str] = []
    for word in text.split(" "):
        if rows and len(rows[-1]) + 1 + len(word) <= width:
            rows[-1] += " " + word
        else:
            rows.append(word)
    if len(rows) > 2:
        rows = [rows[0], " ".join(rows[1:])]
    return [row if len(row) <= LABEL else row[: LABEL - 1].rstrip() + "…" for row in rows]


def local_graph(slug: Slug, linked: Linked, concepts: Concepts, page: str) -> str:
    """An inline SVG: the term at the centre, its related and linked terms around it, and the
    relations among them.  Each node links to its page; the list above is its text equivalent."""
    item = linked.terms[slug]
    neighbours = [relation.term for relation in concepts.related.get(slug, ())]
    extra = [s for s in (*item.links_to, *item.linked_from) if s not in neighbours and s != slug]
    neighbours += list(dict.fromkeys(extra))[:MORE_NEIGHBOURS]
    if not neighbours:
        return ""
    colours = topic_index(concepts)
    width, height, cx, cy = 460, 400, 230, 200
    points = {slug: (cx, cy)}
    for number, other in enumerate(neighbours):
        angle = -math.pi / 2 + 2 * math.pi * number / len(neighbours)
        points[other] = (round(cx + 150 * math.cos(angle)), round(cy + 140 * math.sin(angle)))
    related_to = {s: {r.term for r in concepts.related.get(s, ())} for s in points}
    edges = [(slug, other) for other in neighbours]
    for a_index, a in enumerate(neighbours):
        for b in neighbours[a_index + 1 :]:
            if b in related_to[a] or a in related_to[b]:
                edges.append((a, b))
    name = item.term.name
    lines = [
        f'<figure class="local-graph"><svg viewBox="0 0 {width} {height}" role="group" '
        f'aria-label="{html(name)} and {len(neighbours)} related terms" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">'
    ]
    for a, b in edges:
        (x1, y1), (x2, y2) = points[a], points[b]
        kind = "local-graph__edge" + (" local-graph__edge--centre" if slug in (a, b) else "")
        lines.append(f'<line class="{kind}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    for node, (x, y) in points.items():
        label = linked.terms[node].term.name
        topic = concepts.term_topics.get(node, ())
        colour = f"graph-topic-{colours.get(topic[0], 0)}" if topic else "graph-topic-0"
        radius = 11 if node == slug else 8
        rows = _rows(label)
        above = y < cy - 20 and node != slug  # labels of the upper nodes above them, the others below
        first = y - 14 - 17 * (len(rows) - 1) if above else y + radius + 16
        text = "".join(
            f'<tspan x="{x}" y="{first + 17 * number}">{html(row)}</tspan>' for number, row in enumerate(rows)
        )
        body = f'<circle class="{colour}" cx="{x}" cy="{y}" r="{radius}"/><text text-anchor="middle">{text}</text>'
        if node == slug:
            lines.append(
                f'<g class="local-graph__node local-graph__node--centre"><title>{html(label)}</title>{body}</g>'
            )
        else:
            href = url_to(page, term_path(node))
            lines.append(
                f'<a class="local-graph__node" xlink:href="{html(href)}" aria-label="{html(label)}">'
                f"<title>{html(label)}</title>{body}</a>"
            )
    lines.append("</svg>")
    lines.append(
        f"<figcaption>{html(name)} among its related terms; each node links to its page.</figcaption></figure>"
    )
    return "\n".join(lines) + "\n\n"
