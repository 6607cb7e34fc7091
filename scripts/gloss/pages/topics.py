"""Topic pages: ``topics/<slug>.md`` lists a topic's terms with their gists; ``topics/index.md`` the topics."""

from __future__ import annotations

from ..escape import front_matter, html, md, raw
from ..model import Site, Topic
from ..paths import GRAPH, TOPICS_INDEX, link_to, term_path, topic_path, url_to
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
    items = []  # finished HTML (escape.raw), as the A–Z's: at 10,000 terms this list was a second of Python-Markdown
    for slug in topic.terms:
        term = linked.terms[slug].term
        href = html(url_to(page, term_path(slug)))
        items.append(f'<li><a href="{href}">{html(term.name)}</a>: {html(term.gist)}</li>\n')
    if items:
        out.append(raw("<ul>\n" + "".join(items) + "</ul>"))
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
