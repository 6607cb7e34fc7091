"""Topic pages: ``topics/<slug>.md`` lists a topic's terms with their gists; ``topics/index.md`` the topics."""

from __future__ import annotations

from ..escape import front_matter, md, raw
from ..model import Site, Topic
from ..paths import GRAPH, TOPICS_INDEX, link_to, topic_path
from .common import gist_item
from .concepts import topic_index, topic_list


def topic_page(topic: Topic, site: Site) -> str:
    linked = site.linked
    page = topic_path(topic.slug)
    colour = topic_index(site.concepts)[topic.slug]
    count = f"{len(topic.terms)} term{'s' if len(topic.terms) != 1 else ''}"
    out = [
        front_matter({"title": topic.name, "description": f"{topic.name}: {count}. {topic.about}".strip()}),
        f"# {md(topic.name)}\n\n",
        f'<span class="graph-swatch graph-topic-{colour}"></span> {md(topic.about, start=False)}\n\n'
        if topic.about
        else "",
        f"{count}; see where they sit in the [concept graph]({link_to(page, GRAPH)}), "
        f"or [every topic]({link_to(page, TOPICS_INDEX)}).\n\n",
    ]
    if topic.terms:  # finished HTML, as the A–Z's: at 10,000 terms this list was a second of Python-Markdown
        out.append(raw("<ul>\n" + "".join(gist_item(linked.terms[slug], page) for slug in topic.terms) + "</ul>"))
    return "".join(out)


def index_page(site: Site) -> str:
    topics = site.concepts.topics
    out = [
        front_matter(
            {"title": "Topics", "description": f"The {len(topics)} topics of the glossary, each with its terms."}
        ),
        "# Topics\n\n",
        "Every term belongs to one or more topics. Each topic's page lists its terms with their gists.\n\n",
    ]
    out.append(topic_list(site.concepts, TOPICS_INDEX))
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    if not site.concepts.topics:
        return {}
    pages: dict[str, str | bytes] = {topic_path(topic.slug): topic_page(topic, site) for topic in site.concepts.topics}
    pages[TOPICS_INDEX] = index_page(site)
    return pages
