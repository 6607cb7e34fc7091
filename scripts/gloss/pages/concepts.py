"""What term pages show of the concepts: topic links, the ranked Related list, a local graph."""

from __future__ import annotations

import functools
import math
import re

from ..escape import html, md, raw
from ..model import Concepts, Linked, Relation, Slug
from ..paths import link_to, term_path, topic_path, url_to
from . import quotes
from .common import term_link

PALETTE = 10  # topic colours in extra.css: .graph-topic-0 ... 8 for topics, 9 (grey) for "Other"
OTHER = Slug("other")
MORE_NEIGHBOURS = 4  # linked terms shown in the local graph beyond the related ones
RX, RY = 115, 125  # the local graph's ring of neighbours
ROW = 13  # characters in a row of a local graph's label
LINE = 17  # a row's height at 15px
# Advance widths of a sans-serif (Arial's metrics, which Liberation Sans and Arimo share), in
# thousandths of an em: a label's box is measured by its letters, so "momentum" is not cut off.
_LOWER = (556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500)  # fmt: skip
_UPPER = (667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611)  # fmt: skip
_WIDTHS: dict[str, int] = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", _LOWER, strict=True)),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", _UPPER, strict=True)),
    **dict.fromkeys("0123456789", 556),
    **{" ": 278, "-": 333, ".": 278, ",": 278, "(": 333, ")": 333, "'": 191, "’": 222, "/": 278},
}


@functools.lru_cache(maxsize=65536)  # a term's label is measured on every page whose graph shows it
def text_width(text: str, bold: bool = False) -> float:
    """A label row's width in px at 15px, with room to spare: DejaVu Sans, where Arial and its metric
    twins are missing, runs up to a sixth wider, and bold wider still."""
    units = sum(_WIDTHS.get(char, 640) for char in text)
    return float(units * 15 / 1000 * (1.22 if bold else 1.15))


def topic_index(concepts: Concepts) -> dict[Slug, int]:
    """Each topic's colour: the topics in order, and "Other" always grey, never one of the hues."""
    named = [topic.slug for topic in concepts.topics if topic.slug != OTHER]
    colours = {slug: number % (PALETTE - 1) for number, slug in enumerate(named)}
    if any(topic.slug == OTHER for topic in concepts.topics):
        colours[OTHER] = PALETTE - 1
    return colours


def topic_list(concepts: Concepts, page: str) -> str:
    """Every topic with its colour, its term count and what it is about, as a Markdown list."""
    colours = topic_index(concepts)
    return "".join(
        f'- <span class="graph-swatch graph-topic-{colours[topic.slug]}"></span> '
        f"[{md(topic.name, start=False)}]({link_to(page, topic_path(topic.slug))}) "
        f"({len(topic.terms)}){': ' + md(topic.about, start=False) if topic.about else ''}\n"
        for topic in concepts.topics
    )


def topic_links(slug: Slug, concepts: Concepts, page: str) -> str:
    names = {topic.slug: topic.name for topic in concepts.topics}
    chosen = [topic for topic in concepts.term_topics.get(slug, ()) if topic in names]
    if not chosen:
        return ""
    links = " · ".join(
        f'<a href="{html(url_to(page, topic_path(topic)))}">{html(names[topic])}</a>' for topic in chosen
    )
    return f'<p class="topics"><strong>Topic{"s" if len(chosen) > 1 else ""}:</strong> {links}</p>'  # finished HTML


_TITLE = re.compile(r"\*([^*]+)\*")


def _why(relation: Relation, quoted: dict[str, str], name: str, slug: Slug, linked: Linked) -> str:
    """The reasons in plain words, " · " between them.  A sentence already quoted on the page
    (``quoted``: sentence -> the related term it was quoted for) is not quoted again."""
    parts = []
    for reason in relation.reasons:
        text = html(reason.text)
        if reason.kind == "nearby":  # "Defined alongside it in *the note's title*"
            text = _TITLE.sub(r"<em>\1</em>", text)
        sentence = quotes.quoted(reason, slug, relation.term, linked)
        if sentence:
            key = " ".join(sentence.strip("… ").split()).casefold()
            if key in quoted:
                if quoted[key] != name:
                    text += f", in the same sentence as {html(quoted[key])}"
            else:
                quoted[key] = name
                text += f": <em>“{html(sentence)}”</em>"
        parts.append(text)
    return " · ".join(parts)


def related_section(slug: Slug, linked: Linked, concepts: Concepts, page: str) -> str:
    """The ranked related terms, strongest first, each with why, as raw HTML (Markdown's inline parsing
    of eight links and their reasons on every page cost more than all the rest of the page), then the local graph."""
    relations = concepts.related.get(slug, ())
    if not relations:
        return ""
    quoted: dict[str, str] = {}
    items = []
    for relation in relations:
        name = linked.terms[relation.term].term.name
        items.append(
            f"<li>{term_link(linked, page, relation.term)} — {_why(relation, quoted, name, slug, linked)}</li>\n"
        )
    return "## Related { #related data-search-exclude }\n\n" + raw(
        f'<ul class="related">\n{"".join(items)}</ul>\n\n' + local_graph(slug, linked, concepts, page)
    )


@functools.lru_cache(maxsize=65536)
def _rows(text: str, width: int = ROW) -> tuple[str, ...]:
    """A label in rows of about ``width`` characters, broken at spaces and after hyphens; never
    shortened (a word longer than a row keeps its own row)."""
    words = [part for word in text.split(" ") for part in re.findall(r"[^-]+-?|-", word)]
    rows: list[str] = []
    joined = False  # the last part ended in a hyphen: the next one continues it without a space
    for word in words:
        glue = "" if joined else " "
        if rows and len(rows[-1]) + len(glue) + len(word) <= width:
            rows[-1] += glue + word
        else:
            rows.append(word)
        joined = word.endswith("-")
    return tuple(rows)


def _label(x: float, y: float, radius: int, count: int, width: float) -> tuple[str, float, float, float]:
    """Where a node's label of ``count`` rows, ``width`` px wide at most, goes, away from the centre
    (0, 0): (anchor, x, first row's baseline, box left)."""
    height = LINE * count
    if abs(x) < 0.35 * RX:  # above or below the node, centred
        first = y - radius - 8 - LINE * (count - 1) if y < 0 else y + radius + LINE
        return "middle", x, first, x - width / 2
    first = y - height / 2 + LINE * 0.8
    if x > 0:
        return "start", x + radius + 5, first, x + radius + 5
    return "end", x - radius - 5, first, x - radius - 5 - width


@functools.lru_cache(maxsize=65536)  # a term is a node on the pages of its related terms too
def _node(label: str, centre: bool) -> tuple[str, tuple[str, ...], float]:
    """A node's label: escaped, its escaped rows, and its widest row in px (bold at the centre)."""
    rows = _rows(label)
    return html(label), tuple(html(row) for row in rows), max(text_width(row, centre) for row in rows)


@functools.lru_cache(maxsize=64)
def _ring(count: int) -> tuple[tuple[int, int], ...]:
    """Where ``count`` neighbours sit around the centre (0, 0)."""
    return tuple(
        (
            round(RX * math.cos(-math.pi / 2 + 2 * math.pi * n / count)),
            round(RY * math.sin(-math.pi / 2 + 2 * math.pi * n / count)),
        )
        for n in range(count)
    )


def local_graph(slug: Slug, linked: Linked, concepts: Concepts, page: str) -> str:
    """An inline SVG: the term at the centre, its related and linked terms around it, and the
    relations among them.  Each node links to its page; the list above is its text equivalent.
    Every name shows whole, in rows, beside its node away from the centre; the picture is as wide
    as its labels need."""
    item = linked.terms[slug]
    related = concepts.related
    neighbours = [relation.term for relation in related.get(slug, ())]
    extra = [s for s in (*item.links_to, *item.linked_from) if s not in neighbours and s != slug]
    shown = len(neighbours)
    neighbours += list(dict.fromkeys(extra))[:MORE_NEIGHBOURS]
    if not neighbours:
        return ""
    # The list above names the related terms; the picture adds terms linked with this one beyond them.
    more = len(neighbours) > shown
    kinds = "related and linked terms" if more else "related terms"
    caption = "its related terms and more terms it links with" if more else "its related terms"
    colours = topic_index(concepts)
    points = {slug: (0, 0), **dict(zip(neighbours, _ring(len(neighbours)), strict=True))}
    # Two neighbours are joined when either is related to the other: found from each one's few
    # relations, in the order of the ring.
    at = {node: number for number, node in enumerate(neighbours)}
    pairs = {
        (min(at[a], at[r.term]), max(at[a], at[r.term]))
        for a in neighbours
        for r in related.get(a, ())
        if r.term in at and r.term != a
    }
    edges = [(slug, other) for other in neighbours] + [(neighbours[a], neighbours[b]) for a, b in sorted(pairs)]
    nodes = []
    left, top, right, bottom = -RX - 12.0, -RY - 12.0, RX + 12.0, RY + 12.0
    for node, (x, y) in points.items():
        centre = node == slug
        label, rows, widest = _node(linked.terms[node].term.name, centre)
        topic = concepts.term_topics.get(node, ())
        colour = f"graph-topic-{colours.get(topic[0], 0)}" if topic else "graph-topic-0"
        radius = 11 if centre else 8
        tx: float
        first: float
        if centre:  # the centre's name below it
            anchor, tx, first, box = "middle", x, y + radius + LINE, x - widest / 2
        else:
            anchor, tx, first, box = _label(x, y, radius, len(rows), widest)
        left, right = min(left, box), max(right, box + widest)
        top, bottom = min(top, first - LINE), max(bottom, first + LINE * (len(rows) - 1) + 5)
        text = "".join(
            f'<tspan x="{tx:g}" y="{first + LINE * number:g}">{row}</tspan>' for number, row in enumerate(rows)
        )
        body = (
            f'<circle class="{colour}" cx="{x:g}" cy="{y:g}" r="{radius}"/><text text-anchor="{anchor}">{text}</text>'
        )
        if centre:
            nodes.append(f'<g class="local-graph__node local-graph__node--centre"><title>{label}</title>{body}</g>')
        else:
            href = url_to(page, term_path(node))
            nodes.append(
                f'<a class="local-graph__node" xlink:href="{html(href)}" aria-label="{label}">'
                f"<title>{label}</title>{body}</a>"
            )
    left, top, right, bottom = (math.floor(left - 4), math.floor(top - 4), math.ceil(right + 4), math.ceil(bottom + 4))
    name = html(item.term.name)
    lines = [
        f'<figure class="local-graph"><svg viewBox="{left} {top} {right - left} {bottom - top}" '
        f'width="{right - left}" height="{bottom - top}" role="group" '
        f'aria-label="{name} and {len(neighbours)} {kinds}" xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink">'
    ]
    for a, b in edges:
        (x1, y1), (x2, y2) = points[a], points[b]
        kind = "local-graph__edge" + (" local-graph__edge--centre" if slug in (a, b) else "")
        lines.append(f'<line class="{kind}" x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}"/>')
    lines.extend(nodes)
    lines.append("</svg>")
    lines.append(f"<figcaption>{name} among {caption}; each node links to its page.</figcaption></figure>")
    return "\n".join(lines) + "\n\n"
