"""Pieces several page kinds share: linked text, term links, stop labels, the A–Z list."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..escape import html, md, raw
from ..model import Linked, LinkedTerm, Note, Segment, Slug, Stop
from ..paths import letter_anchor, letter_of, letter_order, term_path, url_to


def render_html(segments: tuple[Segment, ...], page: str) -> str:
    """Linked text as finished HTML (``escape.raw``): plain text escaped, links to term pages, code as code."""
    parts = []
    for segment in segments:
        if segment.kind == "code":
            parts.append(f"<code>{html(segment.text)}</code>")
        elif segment.kind == "link":
            parts.append(f'<a href="{url_to(page, term_path(segment.target))}">{html(segment.text)}</a>')
        else:
            parts.append(html(segment.text))
    return "".join(parts)


def stop_label(stop: Stop) -> str:
    """A locus as the walk shows it: "TV (1)", "TV (2)" when it stands more than once."""
    return f"{stop.locus} ({stop.occurrence})" if stop.repeats else stop.locus


def term_link(linked: Linked, page: str, slug: Slug) -> str:
    """A link to a term's page, named by the term, as finished HTML (``escape.raw``)."""
    return f'<a href="{html(url_to(page, term_path(slug)))}">{html(linked.terms[slug].term.name)}</a>'


def notes_by_slug(linked: Linked) -> dict[Slug, Note]:
    return {note.slug: note for note in linked.glossary.notes}


def letters(linked: Linked) -> list[str]:
    return sorted({letter_of(item.term.name) for item in linked.terms.values()}, key=letter_order)


def az_index(
    linked: Linked, page: str, heading: str | None, topics: Mapping[Slug, tuple[Slug, ...]] | None = None
) -> str:
    """Terms by first letter with their gists; letters as headings, or (heading=None) as paragraphs,
    which keeps an index out of the search index.  With ``topics``, each link carries its term's
    topics (``data-topics``) for the topic filter."""
    groups: dict[str, list[LinkedTerm]] = defaultdict(list)
    for item in linked.terms.values():
        groups[letter_of(item.term.name)].append(item)
    ordered = sorted(groups, key=letter_order)
    out = [
        " · ".join(f"[{md(letter, start=False)}](#{letter_anchor(letter)})" for letter in ordered)
        + "\n{: .az-letters }\n\n"
    ]
    for letter in ordered:
        if heading:
            out.append(f"{heading} {md(letter)} {{ #{letter_anchor(letter)} }}\n\n")
        else:
            out.append(f"**{md(letter, start=False)}**\n{{: #{letter_anchor(letter)} .az-letter }}\n\n")
        items = []  # finished HTML (escape.raw): at 10,000 terms the A–Z was seconds of Python-Markdown
        for item in groups[letter]:
            found = topics.get(item.term.slug, ()) if topics is not None else None
            data = f' data-topics="{html(" ".join(found))}"' if found is not None else ""
            items.append(gist_item(item, page, data))
        out.append(raw("<ul>\n" + "".join(items) + "</ul>"))
    return "".join(out)


def gist_item(item: LinkedTerm, page: str, data: str = "") -> str:
    """A list item of finished HTML: the term's link (with ``data`` attributes) and its gist."""
    href = html(url_to(page, term_path(item.term.slug)))
    return f'<li><a href="{href}"{data}>{html(item.term.name)}</a>: {html(item.term.gist)}</li>\n'
