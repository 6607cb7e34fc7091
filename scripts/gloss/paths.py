"""Where every generated file goes, and how pages link to each other: the one place.

Paths are relative to docs/ (MkDocs' source names); URLs are the built pages'
addresses (``terms/<slug>/``).  Anchors that several pages link to are made here too.
"""

from __future__ import annotations

import re

from .model import Slug, Stop

TERMS = "terms"
SOURCES = "sources"
WALKS = "walks"
DOWNLOADS = "downloads"
NOTE_FILES = "note-files"  # images beside Markdown notes, copied: note-files/<note slug>/<path>
HOME = "index.md"
A_Z = "a-z.md"
WALK = "walk.md"
VENDOR = "vendor"  # third-party files the build copies into the site (from node_modules)
TS_FSRS = f"{VENDOR}/ts-fsrs.js"
TS_FSRS_LICENCE = f"{VENDOR}/ts-fsrs-LICENSE.txt"
KATEX = f"{VENDOR}/katex"  # KaTeX's script, stylesheet and fonts, for pages that show maths
TOPICS = "topics"
TOPICS_INDEX = f"{TOPICS}/index.md"
GRAPH = "graph.md"
GRAPH_DATA = "graph.json"
GRAPH_PICTURE = "graph.svg"
SOURCES_INDEX = f"{SOURCES}/index.md"
REPORT = "build-report.json"
REPORT_PAGE = "report.md"  # /report/, for whoever keeps the notes: not in the nav, linked only from Sources' footer
DECK_STEM = "deep-learning-glossary"  # also the prefix of the deck's GUIDs: never change it
APKG = f"{DOWNLOADS}/{DECK_STEM}.apkg"
CSV = f"{DOWNLOADS}/{DECK_STEM}.csv"

# Folders the generator owns whole: pages there are kept out of the nav, and
# stale files there are removed when the generator writes docs/.
GENERATED_DIRS = (TERMS, SOURCES, WALKS, DOWNLOADS, NOTE_FILES, TOPICS, VENDOR, "walk", "search")
# Generated files outside those folders.
GENERATED_FILES = (HOME, A_Z, WALK, REPORT, REPORT_PAGE, GRAPH, GRAPH_DATA, GRAPH_PICTURE)


def topic_path(slug: Slug) -> str:
    return f"{TOPICS}/{slug}.md"


def term_path(slug: Slug) -> str:
    return f"{TERMS}/{slug}.md"


def source_path(slug: Slug) -> str:
    return f"{SOURCES}/{slug}.md"


def walk_path(walk: Slug, walks: int) -> str:
    """The page that shows a walk: walk.md when there is one walk, walks/<slug>.md each when several."""
    return WALK if walks <= 1 else f"{WALKS}/{walk}.md"


def rehearse_path(walk: Slug, walks: int) -> str:
    """The rehearsal page of a walk: walk/rehearse.md for the one walk, walks/<slug>/rehearse.md each when several."""
    return "walk/rehearse.md" if walks <= 1 else f"{WALKS}/{walk}/rehearse.md"


def link_to(page: str, target: str) -> str:
    """The relative Markdown link from one generated page to another (both relative to docs/)."""
    path, _, anchor = target.partition("#")
    here, there = page.split("/")[:-1], path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    return rel + (f"#{anchor}" if anchor else "")


def url_to(page: str, target: str) -> str:
    """A built URL relative to a page's built URL, for raw HTML (which MkDocs does not rewrite).

    ``target`` is a path relative to docs/ (``terms/x.md``, ``downloads/deck.apkg``), with an anchor
    or not (``sources/notes.md#line-3``).
    """
    target, _, anchor = target.partition("#")
    depth = page.count("/") + (0 if page.endswith("index.md") else 1)
    if target.endswith("index.md"):
        built = target[: -len("index.md")]
    elif target.endswith(".md"):
        built = target[: -len(".md")] + "/"
    else:
        built = target
    return "../" * depth + built + (f"#{anchor}" if anchor else "")


_PLACEHOLDER = re.compile(r'(href|src)="glossary:(term|source|asset)/([^"]+)"')


def linked_terms(html: str) -> list[Slug]:
    """The terms rendered note Markdown links to, one per link, from its placeholders."""
    return [Slug(target) for _, kind, target in _PLACEHOLDER.findall(html) if kind == "term"]


def note_file_path(note: Slug, path: str) -> str:
    return f"{NOTE_FILES}/{note}/{path}"


def resolve(html: str, page: str) -> str:
    """Turn the ``glossary:`` placeholders of rendered note Markdown (see richtext.py) into URLs from ``page``."""

    def url(match: re.Match[str]) -> str:
        attribute, kind, target = match.groups()
        if kind == "term":
            path = term_path(Slug(target))
        elif kind == "source":
            path = source_path(Slug(target))
        else:
            note, _, rest = target.partition("/")
            path = note_file_path(Slug(note), rest)
        return f'{attribute}="{url_to(page, path)}"'

    return _PLACEHOLDER.sub(url, html)


def stop_anchor(stop: Stop) -> str:
    return f"{stop.walk}-{stop.number}"


def letter_of(name: str) -> str:
    """The A–Z group of a name: its first letter, or "#" for anything else."""
    first = name[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def letter_anchor(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()


def letter_order(letter: str) -> tuple[bool, str]:
    return (letter == "#", letter)
