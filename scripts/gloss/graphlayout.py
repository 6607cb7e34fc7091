"""The concept graph laid out at build time, so the graph page opens at once.

Up to ``KAMADA_LIMIT`` terms: networkx's Kamada-Kawai layout (even spacing).
Up to ``SPRING_LIMIT`` terms: networkx's spring layout (Fruchterman-Reingold,
seeded) over the related-term edges.  Beyond it, where that layout's cost grows
with the square of the terms: each topic a disc on a circle, its terms on a
sunflower spiral in the disc, the most connected at the centre.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .model import Relation, Slug

SPRING_LIMIT = 500
KAMADA_LIMIT = 300
SEED = 7


def layout(
    related: Mapping[Slug, tuple[Relation, ...]], term_topics: Mapping[Slug, tuple[Slug, ...]], topic_order: list[Slug]
) -> dict[Slug, tuple[float, float]]:
    """Positions in [0, 1] x [0, 1]."""
    slugs = sorted(related)
    if not slugs:
        return {}
    if len(slugs) <= SPRING_LIMIT:
        import networkx as nx

        graph = nx.Graph()
        graph.add_nodes_from(slugs)
        for slug, relations in related.items():
            for relation in relations:
                weight = max(relation.score, 0.1)
                if graph.has_edge(slug, relation.term):
                    graph[slug][relation.term]["weight"] += weight
                else:
                    graph.add_edge(slug, relation.term, weight=weight)
        if len(slugs) <= KAMADA_LIMIT and nx.is_connected(graph):
            raw = nx.kamada_kawai_layout(graph)  # even spacing, few crossings; cost grows fast with size
        else:
            raw = nx.spring_layout(graph, seed=SEED, weight="weight", iterations=80, k=1.5 / math.sqrt(len(slugs)))
        points = {slug: (float(raw[slug][0]), float(raw[slug][1])) for slug in slugs}
    else:
        points = _clusters(slugs, related, term_topics, topic_order)
    return _normalise(points)


def _clusters(
    slugs: list[Slug],
    related: Mapping[Slug, tuple[Relation, ...]],
    term_topics: Mapping[Slug, tuple[Slug, ...]],
    topic_order: list[Slug],
) -> dict[Slug, tuple[float, float]]:
    degree = {slug: len(related[slug]) for slug in slugs}
    for relations in related.values():
        for relation in relations:
            degree[relation.term] = degree.get(relation.term, 0) + 1
    groups: dict[Slug, list[Slug]] = {topic: [] for topic in topic_order}
    for slug in slugs:
        groups.setdefault(term_topics.get(slug, (Slug("other"),))[0], []).append(slug)
    groups = {topic: members for topic, members in groups.items() if members}
    total = len(slugs)
    points: dict[Slug, tuple[float, float]] = {}
    golden = math.pi * (3 - math.sqrt(5))
    for number, (_, members) in enumerate(groups.items()):
        angle = 2 * math.pi * number / len(groups)
        centre = (math.cos(angle), math.sin(angle)) if len(groups) > 1 else (0.0, 0.0)
        radius = 0.9 * math.sqrt(len(members) / total) * (1.6 if len(groups) > 1 else 1.0)
        members.sort(key=lambda slug: (-degree[slug], slug))
        for index, slug in enumerate(members):
            r = radius * math.sqrt((index + 0.5) / len(members))
            points[slug] = (centre[0] + r * math.cos(index * golden), centre[1] + r * math.sin(index * golden))
    return points


def _normalise(points: dict[Slug, tuple[float, float]]) -> dict[Slug, tuple[float, float]]:
    xs = [x for x, _ in points.values()]
    ys = [y for _, y in points.values()]
    left, top = min(xs), min(ys)
    span = max(max(xs) - left, max(ys) - top) or 1.0
    return {slug: (round((x - left) / span, 4), round((y - top) / span, 4)) for slug, (x, y) in points.items()}
