"""The route of a walk as an SVG picture, drawn at build time (no JavaScript, no CDN).

Stops are numbered points along a path that snakes over rows of four, each
linked to its term and labelled with its locus.  Colours come from the theme's
CSS variables (see docs/assets/extra.css), so the map follows the light and
dark palettes; the route table next to it is the text equivalent.
"""

from __future__ import annotations

from collections.abc import Callable

from .escape import html as escape
from .model import Slug, Stop, Walk

COLUMNS = 4
WIDTH = 360
ROW = 74
MARGIN_X = 45
MARGIN_Y = 34
LABEL = 15  # characters of a locus shown under its point


def positions(count: int) -> list[tuple[int, int]]:
    step = (WIDTH - 2 * MARGIN_X) // (COLUMNS - 1)
    points = []
    for index in range(count):
        row, column = divmod(index, COLUMNS)
        if row % 2:
            column = COLUMNS - 1 - column
        points.append((MARGIN_X + column * step, MARGIN_Y + row * ROW))
    return points


def _short(text: str) -> str:
    return text if len(text) <= LABEL else text[: LABEL - 1].rstrip() + "…"


def route_svg(walk: Walk, term_names: dict[Slug, str], href: dict[Slug, str], label: Callable[[Stop], str]) -> str:
    """An inline <svg> (one line per element, no blank lines, so Markdown keeps it raw)."""
    points = positions(len(walk.stops))
    rows = (len(walk.stops) + COLUMNS - 1) // COLUMNS
    height = MARGIN_Y * 2 + (rows - 1) * ROW + 14
    title_id = f"{walk.note}-map-title"
    lines = [
        f'<svg class="walk-map" viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="{title_id}" '
        f'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="{title_id}">Map of the walk {escape(walk.title)}: {len(walk.stops)} stops</title>',
        '<polyline class="walk-map__path" points="' + " ".join(f"{x},{y}" for x, y in points) + '"/>',
    ]
    for stop, (x, y) in zip(walk.stops, points, strict=True):
        lines.append(_stop(stop, x, y, term_names[stop.term], href[stop.term], label(stop)))
    lines.append("</svg>")
    return "\n".join(lines)


def _stop(stop: Stop, x: int, y: int, term: str, href: str, locus: str) -> str:
    name = f"Stop {stop.number}, {locus}: {term}" + (" (code)" if stop.code else "")
    return (
        # xlink:href, not href: Material's scripts assign to the href of every
        # [href] element, which throws on an SVG <a> (its href is read-only).
        f'<a xlink:href="{escape(href)}" aria-label="{escape(name)}">'
        f'<circle class="walk-map__stop" cx="{x}" cy="{y}" r="13"/>'
        f'<text class="walk-map__number" x="{x}" y="{y + 4}" text-anchor="middle">{stop.number}</text>'
        f'<text class="walk-map__locus" x="{x}" y="{y + 28}" text-anchor="middle">{escape(_short(locus))}</text>'
        "</a>"
    )
