"""The home page (topics, the walk, search, the most connected terms) and the A–Z page (with a topic filter)."""

from __future__ import annotations

from ..escape import front_matter, html, md
from ..model import Site
from ..paths import (
    A_Z,
    GRAPH,
    HOME,
    SOURCES_INDEX,
    TOPICS_INDEX,
    WALK,
    link_to,
    rehearse_path,
    term_path,
    topic_path,
    url_to,
)
from .common import az_index, stop_label
from .concepts import topic_list
from .walk import due

MOST_CONNECTED = 10


def topic_filter(site: Site) -> str:
    """Links to the topic pages (they work with JavaScript off); docs/assets/topic-filter.js turns
    them into buttons that filter the list in place."""
    topics = site.concepts.topics
    if not topics:
        return ""
    links = " · ".join(
        f'<a href="{url_to(A_Z, topic_path(topic.slug))}" data-topic="{html(topic.slug)}">{html(topic.name)}</a>'
        for topic in topics
    )
    return f'<nav class="topic-filter" aria-label="Topics">Browse by topic: {links}</nav>\n\n'


def a_z_page(site: Site) -> str:
    linked = site.linked
    return (
        front_matter(
            {
                "title": "A–Z",
                "description": f"All {len(linked.terms)} terms of the glossary from A to Z, each with its gist.",
                "search": {"exclude": True},
            }
        )
        + "# A–Z\n\n"
        + topic_filter(site)
        + az_index(linked, A_Z, "##", site.concepts.term_topics)
    )


def home_page(site: Site) -> str:
    linked, concepts = site.linked, site.concepts
    glossary = linked.glossary
    stops = sum(len(walk.stops) for walk in glossary.walks)
    walks = len(glossary.walks)
    out = [
        front_matter(
            {
                "title": "Home",
                "description": "A deep-learning glossary built from one learner's notes: one page per term, linked to related terms, with a house walk to rehearse them.",
            }
        ),
        f"# {md(site.settings.site_name)}\n\n",
        "A glossary of deep-learning terms grown from one learner's notes: every term has one page that gathers what "
        "each note says of it and leads on to its related terms. Search for a term with the box at the top "
        "(press <kbd>/</kbd>), browse the topics, or walk through the house where the learner memorised them.\n\n",
        f"**{len(linked.terms)} terms** from **{len(glossary.notes)} notes**, **{linked.link_count} links** between them, "
        f"**{len(concepts.topics)} topics**, **{stops} stops** on **{walks} walk{'s' if walks != 1 else ''}**.\n\n",
    ]
    if concepts.topics:
        out.append("## Topics\n\n" + topic_list(concepts, HOME))
        out.append(f"\nSee how they connect in the [concept graph]({link_to(HOME, GRAPH)}).\n\n")
    out.append("## The house walk\n\n")
    if glossary.walks:
        walk = glossary.walks[0]
        out.append(
            f"The terms placed along a walk through the house, from **{md(stop_label(walk.stops[0]), start=False)}** "
            f"to **{md(stop_label(walk.stops[-1]), start=False)}**: [walk it]({link_to(HOME, WALK)}), "
            f"[rehearse it]({link_to(HOME, rehearse_path(walk.note, len(glossary.walks)))}) card by card with "
            f"spaced repetition, or take the flashcards. {due(list(glossary.walks))}\n\n"
        )
    else:
        out.append(f"No note places its terms at loci yet; [the walk page]({link_to(HOME, WALK)}) says how.\n\n")
    # Stubs (named, never defined) are no place to send a reader first.
    degree = {
        slug: len(item.links_to) + len(item.linked_from) for slug, item in linked.terms.items() if not item.term.stub
    }
    top = sorted(degree, key=lambda slug: (-degree[slug], linked.terms[slug].term.name.casefold()))[:MOST_CONNECTED]
    if top and degree[top[0]]:
        out.append("## Most connected terms\n\n")
        for slug in top:
            term = linked.terms[slug].term
            out.append(
                f"- [{md(term.name, start=False)}]({link_to(HOME, term_path(slug))}) ({degree[slug]} links): "
                f"{md(term.gist, start=False)}\n"
            )
        out.append("\n")
    out.append(
        f"## Everything else\n\n[A–Z]({link_to(HOME, A_Z)}) of every term · [Topics]({link_to(HOME, TOPICS_INDEX)}) · "
        f"[Concept graph]({link_to(HOME, GRAPH)}) · [Sources]({link_to(HOME, SOURCES_INDEX)}): the notes it is built "
        "from\n"
    )
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    return {HOME: home_page(site), A_Z: a_z_page(site)}
