"""The concept graph laid out at build time, so the graph page opens at once.

Topics read as groups: each topic's terms are laid out on their own (networkx's
Kamada-Kawai layout for a connected topic, even spacing; the spring layout,
seeded, otherwise) into a disc whose area grows with its term count.  The discs
are then packed around the centre without overlapping, the topics most related
to each other side by side, and each disc is turned so that the terms related
to another topic face it.  Beyond ``SPRING_LIMIT`` terms, where those layouts
cost too much, each topic's terms sit on a sunflower spiral in its disc, the
most connected at the centre.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping

from .model import Relation, Slug

SPRING_LIMIT = 500
KAMADA_LIMIT = 300
SEED = 7
GAP = 1.0  # between two topic discs, in units of a term's spacing
TURNS = 48  # orientations tried for each topic disc

Point = tuple[float, float]


def layout(
    related: Mapping[Slug, tuple[Relation, ...]], term_topics: Mapping[Slug, tuple[Slug, ...]], topic_order: list[Slug]
) -> dict[Slug, tuple[float, float]]:
    """Positions in [0, 1] x [0, 1]."""
    slugs = sorted(related)
    if not slugs:
        return {}
    groups = _groups(slugs, term_topics, topic_order)
    weights = _weights(related)
    if len(slugs) <= SPRING_LIMIT:
        discs = {topic: _disc(members, weights) for topic, members in groups.items()}
    else:
        discs = {topic: _sunflower(members, weights) for topic, members in groups.items()}
    radii = {topic: math.sqrt(len(members)) for topic, members in groups.items()}
    centres = _pack(radii, _topic_weights(groups, weights))
    home = {slug: topic for topic, members in groups.items() for slug in members}
    points: dict[Slug, Point] = {}
    for topic, disc in discs.items():
        turned = _turn(disc, topic, centres, home, weights)
        cx, cy = centres[topic]
        for slug, (x, y) in turned.items():
            points[slug] = (cx + radii[topic] * x, cy + radii[topic] * y)
    return _normalise(points)


def _groups(
    slugs: list[Slug], term_topics: Mapping[Slug, tuple[Slug, ...]], topic_order: list[Slug]
) -> dict[Slug, list[Slug]]:
    """Each term under its first topic (the one that colours it), in topic order."""
    groups: dict[Slug, list[Slug]] = {topic: [] for topic in topic_order}
    for slug in slugs:
        groups.setdefault((term_topics.get(slug) or (Slug("other"),))[0], []).append(slug)
    return {topic: members for topic, members in groups.items() if members}


def _weights(related: Mapping[Slug, tuple[Relation, ...]]) -> dict[tuple[Slug, Slug], float]:
    weights: dict[tuple[Slug, Slug], float] = defaultdict(float)
    for slug, relations in related.items():
        for relation in relations:
            if relation.term != slug:
                weights[(min(slug, relation.term), max(slug, relation.term))] += max(relation.score, 0.1)
    return weights


def _topic_weights(
    groups: dict[Slug, list[Slug]], weights: Mapping[tuple[Slug, Slug], float]
) -> dict[tuple[Slug, Slug], float]:
    home = {slug: topic for topic, members in groups.items() for slug in members}
    between: dict[tuple[Slug, Slug], float] = defaultdict(float)
    for (a, b), weight in weights.items():
        ta, tb = home.get(a), home.get(b)
        if ta is not None and tb is not None and ta != tb:
            between[(min(ta, tb), max(ta, tb))] += weight
    return between


def _unit(points: dict[Slug, Point]) -> dict[Slug, Point]:
    """Centred on the origin and scaled into the unit disc."""
    mx = sum(x for x, _ in points.values()) / len(points)
    my = sum(y for _, y in points.values()) / len(points)
    reach = max(math.hypot(x - mx, y - my) for x, y in points.values()) or 1.0
    return {slug: ((x - mx) / reach, (y - my) / reach) for slug, (x, y) in points.items()}


def _disc(members: list[Slug], weights: Mapping[tuple[Slug, Slug], float]) -> dict[Slug, Point]:
    """One topic's terms in the unit disc, laid out by their relations to each other."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(members)
    inside = set(members)
    for (a, b), weight in weights.items():
        if a in inside and b in inside:
            graph.add_edge(a, b, weight=weight)
    if len(members) <= KAMADA_LIMIT and nx.is_connected(graph):
        raw = nx.kamada_kawai_layout(graph)
    else:
        raw = nx.spring_layout(graph, seed=SEED, weight="weight", iterations=80, k=1.5 / math.sqrt(len(members)))
    return _even(_unit({slug: (float(raw[slug][0]), float(raw[slug][1])) for slug in members}))


def _spiral(count: int) -> list[Point]:
    """``count`` points spread evenly over the unit disc (a sunflower spiral)."""
    golden = math.pi * (3 - math.sqrt(5))
    return [
        (math.sqrt((i + 0.5) / count) * math.cos(i * golden), math.sqrt((i + 0.5) / count) * math.sin(i * golden))
        for i in range(count)
    ]


def _even(points: dict[Slug, Point]) -> dict[Slug, Point]:
    """Each term moved to the nearest free place of an even spiral (least total movement): the layout's
    neighbourhoods stay, its clumps and outliers go, so that labels find room."""
    from scipy.optimize import linear_sum_assignment

    slugs = sorted(points)
    places = _spiral(len(slugs))
    cost = [[(points[s][0] - px) ** 2 + (points[s][1] - py) ** 2 for px, py in places] for s in slugs]
    rows, columns = linear_sum_assignment(cost)
    return {slugs[int(r)]: places[int(c)] for r, c in zip(rows, columns, strict=True)}


def _sunflower(members: list[Slug], weights: Mapping[tuple[Slug, Slug], float]) -> dict[Slug, Point]:
    degree: dict[Slug, int] = defaultdict(int)
    for a, b in weights:
        degree[a] += 1
        degree[b] += 1
    ordered = sorted(members, key=lambda slug: (-degree[slug], slug))
    return dict(zip(ordered, _spiral(len(ordered)), strict=True))


def _pack(radii: dict[Slug, float], between: Mapping[tuple[Slug, Slug], float]) -> dict[Slug, Point]:
    """Topic discs around the centre, none overlapping, related topics drawn together."""
    topics = list(radii)
    if len(topics) == 1:
        return {topics[0]: (0.0, 0.0)}
    order = _ring(topics, between)
    spread = sum(radii.values()) / math.pi
    centres = {
        topic: (spread * math.cos(2 * math.pi * n / len(order)), spread * math.sin(2 * math.pi * n / len(order)))
        for n, topic in enumerate(order)
    }
    strongest = max(between.values(), default=1.0) or 1.0
    for _ in range(300):
        moves = {topic: [0.0, 0.0] for topic in topics}
        for i, a in enumerate(topics):
            ax, ay = centres[a]
            moves[a][0] -= 0.02 * ax  # towards the middle
            moves[a][1] -= 0.02 * ay
            for b in topics[i + 1 :]:
                bx, by = centres[b]
                dx, dy = bx - ax, by - ay
                distance = math.hypot(dx, dy) or 1e-6
                room = radii[a] + radii[b] + GAP
                pull = 0.01 * between.get((min(a, b), max(a, b)), 0.0) / strongest
                push = max(room - distance, 0.0) / 2
                step = pull * max(distance - room, 0.0) - push
                moves[a][0] += step * dx / distance
                moves[a][1] += step * dy / distance
                moves[b][0] -= step * dx / distance
                moves[b][1] -= step * dy / distance
        centres = {
            topic: (centres[topic][0] + moves[topic][0], centres[topic][1] + moves[topic][1]) for topic in topics
        }
    for _ in range(200):  # whatever still overlaps is pushed apart
        clear = True
        for i, a in enumerate(topics):
            for b in topics[i + 1 :]:
                (ax, ay), (bx, by) = centres[a], centres[b]
                dx, dy = bx - ax, by - ay
                distance = math.hypot(dx, dy) or 1e-6
                overlap = radii[a] + radii[b] + GAP - distance
                if overlap > 1e-9:
                    clear = False
                    shift = overlap / 2 + 1e-6
                    centres[a] = (ax - shift * dx / distance, ay - shift * dy / distance)
                    centres[b] = (bx + shift * dx / distance, by + shift * dy / distance)
        if clear:
            break
    return centres


def _ring(topics: list[Slug], between: Mapping[tuple[Slug, Slug], float]) -> list[Slug]:
    """The topics in a ring, each next to the one it is most related to among those left."""
    order = [topics[0]]
    left = topics[1:]
    while left:
        last = order[-1]
        best = max(left, key=lambda topic: (between.get((min(last, topic), max(last, topic)), 0.0), -left.index(topic)))
        order.append(best)
        left.remove(best)
    return order


def _turn(
    disc: dict[Slug, Point],
    topic: Slug,
    centres: Mapping[Slug, Point],
    home: Mapping[Slug, Slug],
    weights: Mapping[tuple[Slug, Slug], float],
) -> dict[Slug, Point]:
    """The disc turned (and maybe mirrored) so that its terms face the topics they are related to."""
    pulls: list[tuple[Slug, float, float, float]] = []  # (term, direction x, y, weight)
    cx, cy = centres[topic]
    for (a, b), weight in weights.items():
        for own, other in ((a, b), (b, a)):
            if own in disc and home.get(other) not in (None, topic):
                ox, oy = centres[home[other]]
                length = math.hypot(ox - cx, oy - cy) or 1.0
                pulls.append((own, (ox - cx) / length, (oy - cy) / length, weight))
    if not pulls:
        return disc
    best, best_score = disc, -math.inf
    for mirror in (1.0, -1.0):
        for step in range(TURNS):
            angle = 2 * math.pi * step / TURNS
            cos, sin = math.cos(angle), math.sin(angle)
            turned = {slug: (x * mirror * cos - y * sin, x * mirror * sin + y * cos) for slug, (x, y) in disc.items()}
            score = sum(w * (turned[s][0] * dx + turned[s][1] * dy) for s, dx, dy, w in pulls)
            if score > best_score + 1e-9:
                best, best_score = turned, score
    return best


def _normalise(points: dict[Slug, tuple[float, float]]) -> dict[Slug, tuple[float, float]]:
    xs = [x for x, _ in points.values()]
    ys = [y for _, y in points.values()]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    return {slug: (round((x - left) / span, 4), round((y - top) / span, 4)) for slug, (x, y) in points.items()}
