"""The route of a walk as a map that reads as a walk through the rooms: a numbered vertical route,
each stop with its locus and its term (HTML and CSS, no JavaScript; see docs/assets/extra.css).

Being text, no label is ever cut off or crossed by a line, and on a phone the route is simply a
column; on a wide screen the column flows into several.
"""

from __future__ import annotations

from collections.abc import Callable

from .escape import html
from .model import Slug, Stop, Walk


def route_html(walk: Walk, term_names: dict[Slug, str], href: dict[Slug, str], label: Callable[[Stop], str]) -> str:
    """An ordered list, one item per stop: the number, the locus, the term linking to its page."""
    lines = [f'<ol class="walk-route" aria-label="Map of the walk {html(walk.title)}: {len(walk.stops)} stops">']
    for stop in walk.stops:
        code = ' <span class="walk-route__code">(code)</span>' if stop.code else ""
        lines.append(
            f'<li class="walk-route__stop"><span class="walk-route__number" aria-hidden="true">{stop.number}</span>'
            f'<span class="walk-route__locus">{html(label(stop))}</span> '
            f'<a class="walk-route__term" href="{html(href[stop.term])}" aria-label="Stop {stop.number}, '
            f'{html(label(stop))}: {html(term_names[stop.term])}">{html(term_names[stop.term])}</a>{code}</li>'
        )
    lines.append("</ol>")
    return "\n".join(lines)
