"""Stage 4, emit: the linked model becomes Markdown text, one string per page.

Pure functions: model in, text out.  All escaping happens in this module:
everything a note wrote passes exactly once through ``md()`` (Markdown text),
``code()``/``code_block()`` (code), or ``html.escape`` (raw HTML: the self-test,
the map, front matter), so a note cannot inject Markdown, HTML or attributes
into the site: it shows as typed.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict

from . import walkmap
from .model import Issue, Linked, LinkedTerm, Note, Segment, Stop, Walk

TERMS = "terms"
SOURCES = "sources"
WALK = "walk.md"
WALKS = "walks"
A_Z = "a-z.md"
HOME = "index.md"
REPORT = "build-report.json"
SITE_NAME = "Deep-learning glossary"
HOME_INDEX_LIMIT = 500  # up to this many terms the home page lists them all with gists

# Only what would turn into markup with the extensions this site enables (see
# mkdocs.yml): fewer escapes keep Markdown's inline processing cheap.
_ESCAPE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
        "|": "\\|",
        "<": "&lt;",
        "\t": " ",
    }
)
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" typed in a note must not become "&"
_LINE_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])")


def md(text: str, start: bool = True) -> str:
    """Plain text as Markdown that renders as exactly that text.

    ``start`` says the text begins a line, where "- ", "1. ", "#" or ">" would start a block.
    """
    text = _ENTITY.sub("&amp;", " ".join(text.split("\n"))).translate(_ESCAPE)
    if start:
        text = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
    return text


def code(text: str) -> str:
    """Inline code that shows exactly ``text``."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(lines: tuple[str, ...] | list[str], language: str = "python") -> str:
    body = "\n".join(line.replace("\t", "    ").rstrip() for line in lines)
    longest = max((len(run) for run in re.findall(r"`{3,}|~{3,}", body)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def front_matter(data: dict) -> str:
    """YAML front matter.  Material prints ``title`` and ``description`` into HTML
    unescaped (``<title>``, ``<meta content="...">``), so they are HTML-escaped here.

    Values are written as JSON strings, which are YAML double-quoted scalars:
    the same result as yaml.safe_dump at a fraction of its cost per page.
    """
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {json.dumps(item, ensure_ascii=False)}" for item in value)
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {inner}: {json.dumps(item)}" for inner, item in value.items())
        else:
            lines.append(f"{key}: {json.dumps(html.escape(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


# The search plugin's separator (mkdocs.yml, plugins.search.separator; a test keeps them equal).
SEARCH_SEPARATOR = r'[\s\-,:!=\[\]()"/]+|\.(?!\d)'
_SEARCH_SPLIT = re.compile(SEARCH_SEPARATOR)


def search_boost(name: str) -> float:
    """Boost a term page by 1 + 1/(words in its name).

    Material's search scores a title match the same whatever the title's length,
    so "Gradient" would tie with "Gradient descent" for the query "gradient" and
    lose on body text.  This boost makes the shorter exact name win, while a page
    matching more of the query's words still wins: m·(1 + 1/n) grows with m.
    """
    words = [word for word in _SEARCH_SPLIT.split(name) if word]
    return round(1 + 1 / max(len(words), 1), 3)


def term_path(slug: str) -> str:
    return f"{TERMS}/{slug}.md"


def source_path(slug: str) -> str:
    return f"{SOURCES}/{slug}.md"


def link_to(page: str, target: str) -> str:
    """The relative link from one generated page to another (both relative to docs/)."""
    path, _, anchor = target.partition("#")
    here, there = page.split("/")[:-1], path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    return rel + (f"#{anchor}" if anchor else "")


def render(segments: tuple[Segment, ...], page: str, linked: Linked) -> str:
    parts = []
    for index, segment in enumerate(segments):
        if segment.kind == "code":
            parts.append(code(segment.text))
        elif segment.kind == "link":
            parts.append(f"[{md(segment.text, start=False)}]({link_to(page, term_path(segment.target))})")
        else:
            parts.append(md(segment.text, start=index == 0))
    return "".join(parts)


def stop_label(stop: Stop) -> str:
    return f"{stop.locus} ({stop.occurrence})" if stop.repeats else stop.locus


def stop_anchor(stop: Stop) -> str:
    return f"{stop.walk}-{stop.number}"


def _term_link(linked: Linked, page: str, slug: str) -> str:
    return f"[{md(linked.terms[slug].term.name, start=False)}]({link_to(page, term_path(slug))})"


def _note_titles(linked: Linked) -> dict[str, Note]:
    return {note.slug: note for note in linked.glossary.notes}


def term_page(item: LinkedTerm, linked: Linked) -> str:
    term = item.term
    page = term_path(term.slug)
    notes = _note_titles(linked)
    out = [
        front_matter(
            {
                "title": term.name,
                "description": term.gist,
                "search": {"boost": search_boost(term.name)},
            }
        ),
        f"# {md(term.name)}\n\n",
    ]
    out.append(f"{md(term.gist)}\n{{: .gist }}\n\n")
    if term.aliases:
        out.append("**Also called:** " + ", ".join(md(alias, start=False) for alias in term.aliases) + "\n\n")
    # One heading for all definitions: the name, gist and aliases above it make a
    # short first search document, which is what exact-name and alias queries hit.
    out.append("## Definitions\n\n")
    for number, definition in enumerate(item.definitions, start=1):
        sources = definition.definition.sources
        credits = " and ".join(
            f"[{md(notes[source.note].title, start=False)}]({link_to(page, source_path(source.note))}#line-{source.line})"
            for source in sources
        )
        # A credit line, not a heading: every heading is one more document in the
        # search index, and at 10,000 terms their number is what slows search down.
        out.append(f"**From {credits}:**\n{{: #definition-{number} .credit }}\n\n")
        for paragraph in definition.paragraphs:
            out.append(render(paragraph, page, linked) + "\n\n")
        for bullet in definition.bullets:
            out.append("- " + render(bullet, page, linked) + "\n")
        if definition.bullets:
            out.append("\n")
        if definition.definition.code:
            out.append(code_block(definition.definition.code) + "\n\n")
        for ref in definition.definition.refs:
            out.append(
                f"Reference: <{ref}>\n\n" if re.fullmatch(r"https?://[^\s<>]+", ref) else f"Reference: {md(ref)}\n\n"
            )
        if not (
            definition.paragraphs or definition.bullets or definition.definition.code or definition.definition.refs
        ):
            out.append("*No definition yet: the note names this term without defining it.*\n\n")
    if item.stops:
        # Out of the search index: the walk page indexes every locus already.
        out.append("## On the house walk { data-search-exclude }\n\n")
        for stop in item.stops:
            walk = next(w for w in linked.glossary.walks if w.note == stop.walk)
            what = f" (code: {code(stop.code)})" if stop.code else ""
            out.append(
                f"Stop {stop.number} of {len(walk.stops)} on [{md(walk.title, start=False)}]"
                f"({link_to(page, walk_path(linked, walk.note))}#{stop_anchor(stop)}): "
                f"**{md(stop_label(stop), start=False)}**{what}\n\n"
            )
        out.append(_walk_neighbours(item, linked, page))
    if item.links_to or item.linked_from:
        out.append("## Related { data-search-exclude }\n\n")
        if item.links_to:
            out.append("Links to: " + ", ".join(_term_link(linked, page, slug) for slug in item.links_to) + "\n\n")
        if item.linked_from:
            out.append(
                "Linked from: " + ", ".join(_term_link(linked, page, slug) for slug in item.linked_from) + "\n\n"
            )
    return "".join(out)


def _walk_neighbours(item: LinkedTerm, linked: Linked, page: str) -> str:
    """Previous and next stop links around the term's stops on each walk."""
    lines = []
    by_walk: dict[str, list[Stop]] = defaultdict(list)
    for stop in item.stops:
        by_walk[stop.walk].append(stop)
    for walk in linked.glossary.walks:
        mine = by_walk.get(walk.note)
        if not mine:
            continue
        first, last = mine[0].number, mine[-1].number
        parts = []
        if first > 1:
            before = walk.stops[first - 2]
            parts.append(
                f"← Previous stop {before.number}, {md(stop_label(before), start=False)}: {_term_link(linked, page, before.term)}"
            )
        if last < len(walk.stops):
            after = walk.stops[last]
            parts.append(
                f"Next stop {after.number}, {md(stop_label(after), start=False)}: {_term_link(linked, page, after.term)} →"
            )
        if parts:
            lines.append(" · ".join(parts) + "\n{: .walk-nav data-search-exclude }\n\n")
    return "".join(lines)


def walk_path(linked: Linked, walk: str) -> str:
    """The page that shows a walk: walk.md when there is one walk, walks/<slug>.md each when several."""
    return WALK if len(linked.glossary.walks) <= 1 else f"{WALKS}/{walk}.md"


def _url(page: str, slug: str) -> str:
    """A term's built URL relative to a page's built URL (raw HTML is not rewritten by MkDocs)."""
    depth = page.count("/") + (0 if page.endswith("index.md") else 1)
    return "../" * depth + f"{TERMS}/{slug}/"


def _details(stop: Stop, linked: Linked, page: str, anchor: str) -> str:
    """A stop of the self-test: a raw HTML <details> (no Markdown inside, so no md_in_html)."""
    term = linked.terms[stop.term].term
    link = f'<a href="{_url(page, stop.term)}">{html.escape(term.name)}</a>'
    answer = f"{link}: {html.escape(term.gist)}"
    if stop.code:
        answer = f"{link} (code): <code>{html.escape(stop.code)}</code>"
    return (
        f'<details id="{anchor}">\n'
        f"<summary>Stop {stop.number} · {html.escape(stop_label(stop))}</summary>\n"
        f"<p>{answer}</p>\n"
        f"</details>\n\n"
    )


def walk_content(walk: Walk, linked: Linked, page: str, level: int) -> str:
    """One walk: the map, the route table, the self-test forwards and backwards."""
    h = "#" * level
    notes = _note_titles(linked)
    test, back = f"{walk.note}-test", f"{walk.note}-backwards"
    out = [
        f"{len(walk.stops)} stops, from [{md(notes[walk.note].title, start=False)}]"
        f"({link_to(page, source_path(walk.note))}). Rehearse it: [test yourself](#{test}), "
        f"[walk it backwards](#{back}), or start anywhere with *test from here* on any stop.\n\n",
        f"{h}# Map {{ #{walk.note}-map }}\n\n",
        '<div class="walk-map-frame">\n'
        + walkmap.route_svg(
            walk,
            {slug: item.term.name for slug, item in linked.terms.items()},
            {stop.term: _url(page, stop.term) for stop in walk.stops},
            stop_label,
        )
        + "\n</div>\n\n",
        f"{h}# Route {{ #{walk.note}-route }}\n\n",
        "| Stop | Locus | Term | Gist | Test |\n|---:|---|---|---|---|\n",
    ]
    for stop in walk.stops:
        term = linked.terms[stop.term].term
        what = _term_link(linked, page, stop.term)
        gist = md(term.gist, start=False)
        if stop.code:
            what += " (code)"
            gist = code(stop.code)
        out.append(
            f'| <span id="{stop_anchor(stop)}"></span>{stop.number} | {md(stop_label(stop), start=False)} '
            f"| {what} | {gist} | [test from here](#{test}-{stop.number}) |\n"
        )
    out.append(f"\n{h}# Test yourself {{ #{test} data-search-exclude }}\n\n")
    out.append("Say the term at each locus, then open the stop to check. It works with JavaScript off.\n\n")
    out.extend(_details(stop, linked, page, f"{test}-{stop.number}") for stop in walk.stops)
    out.append(f"{h}# Backwards {{ #{back} data-search-exclude }}\n\n")
    out.append("The same route from the last stop to the first.\n\n")
    out.extend(_details(stop, linked, page, f"{back}-{stop.number}") for stop in reversed(walk.stops))
    return "".join(out)


_WALK_INTRO = (
    "Each note that places terms at loci is a walk through the house. Its stops are numbered in the note's order; "
    "a locus that stands twice is two stops, told apart as (1) and (2). "
    # Raw links: the decks are written into the site after the build, not into docs/.
    'Flashcards of every term and every stop: <a href="../downloads/deep-learning-glossary.apkg" download>Anki deck</a> '
    "(import it with File › Import; a rebuilt deck updates the cards you have) or "
    '<a href="../downloads/deep-learning-glossary.csv" download>CSV</a> for other apps.\n\n'
)


def walk_pages(linked: Linked) -> dict[str, str]:
    walks = linked.glossary.walks
    description = "The terms in walking order through the house, with a map and a self-test."
    head = front_matter({"title": "House walk", "description": description}) + "# House walk\n\n" + _WALK_INTRO
    if not walks:
        return {WALK: head + "No note places its terms at loci yet.\n"}
    if len(walks) == 1:
        walk = walks[0]
        return {WALK: head + f"## {md(walk.title)} {{ #{walk.note} }}\n\n" + walk_content(walk, linked, WALK, 2)}
    pages = {}
    overview = [head, "| Walk | Stops | First stop | Last stop |\n|---|---:|---|---|\n"]
    for walk in walks:
        path = walk_path(linked, walk.note)
        first, last = walk.stops[0], walk.stops[-1]
        overview.append(
            f"| [{md(walk.title, start=False)}]({link_to(WALK, path)}) | {len(walk.stops)} "
            f"| {md(stop_label(first), start=False)} | {md(stop_label(last), start=False)} |\n"
        )
        pages[path] = (
            front_matter({"title": walk.title, "description": f"The walk {walk.title}: {description}"})
            + f"# {md(walk.title)}\n\n"
            + walk_content(walk, linked, path, 1)
        )
    pages[WALK] = "".join(overview)
    return pages


def _letter(name: str) -> str:
    first = name[:1].upper()
    return first if first.isalpha() and first.isascii() else "#"


def _index(linked: Linked, page: str, heading: str | None) -> str:
    """Terms by first letter with their gists; letters as headings, or (heading=None)
    as paragraphs, which keeps the home page's index out of the search index."""
    groups: dict[str, list[LinkedTerm]] = defaultdict(list)
    for item in linked.terms.values():
        groups[_letter(item.term.name)].append(item)
    letters = sorted(groups, key=lambda letter: (letter == "#", letter))
    anchor = {letter: ("other" if letter == "#" else letter.lower()) for letter in letters}
    out = [
        " · ".join(f"[{md(letter, start=False)}](#{anchor[letter]})" for letter in letters) + "\n{: .az-letters }\n\n"
    ]
    for letter in letters:
        if heading:
            out.append(f"{heading} {md(letter)} {{ #{anchor[letter]} }}\n\n")
        else:
            out.append(f"**{md(letter, start=False)}**\n{{: #{anchor[letter]} .az-letter }}\n\n")
        for item in groups[letter]:
            out.append(f"- {_term_link(linked, page, item.term.slug)}: {md(item.term.gist, start=False)}\n")
        out.append("\n")
    return "".join(out)


def a_z_page(linked: Linked) -> str:
    return (
        front_matter(
            {
                "title": "A–Z",
                "description": f"All {len(linked.terms)} terms of the glossary from A to Z, each with its gist.",
                "search": {"exclude": True},
            }
        )
        + "# A–Z\n\n"
        + _index(linked, A_Z, "##")
    )


def home_page(linked: Linked) -> str:
    glossary = linked.glossary
    stops = sum(len(walk.stops) for walk in glossary.walks)
    out = [
        front_matter(
            {
                "title": "Home",
                "description": "A deep-learning glossary built from one learner's notes: one page per term, linked to related terms, with a house walk to rehearse them.",
            }
        ),
        f"# {SITE_NAME}\n\n",
        "A glossary of deep-learning terms grown from one learner's notes. Every term has one page that gathers what each note "
        "says of it, credited to the note, with links to the terms it mentions and the terms that mention it. "
        "The learner memorised the terms along a walk through their home: the [house walk](walk.md) lists them in walking order.\n\n",
        f"**{len(linked.terms)} terms** from **{len(glossary.notes)} notes**, **{linked.link_count} links** between them, "
        f"**{stops} stops** on **{len(glossary.walks)} walk{'s' if len(glossary.walks) != 1 else ''}**.\n\n",
        "- [House walk](walk.md): the terms in walking order, locus by locus\n",
        "- [A–Z](a-z.md): every term with its gist\n",
        "- [Sources](sources/index.md): the notes the glossary is built from\n",
        "- [Benchmarks](benchmarks.md): how the build and search scale\n\n",
        "## A–Z index { data-search-exclude }\n\n",
    ]
    if len(linked.terms) <= HOME_INDEX_LIMIT:
        out.append(_index(linked, HOME, None))
    else:
        # A home page that repeats thousands of gists weighs megabytes: link the letters instead.
        letters = sorted({_letter(item.term.name) for item in linked.terms.values()}, key=lambda c: (c == "#", c))
        out.append(
            " · ".join(f"[{md(c, start=False)}](a-z.md#{'other' if c == '#' else c.lower()})" for c in letters)
            + f"\n\nAll {len(linked.terms)} terms with their gists are on the [A–Z](a-z.md) page.\n"
        )
    return "".join(out)


def sources_index(linked: Linked) -> str:
    page = f"{SOURCES}/index.md"
    out = [
        front_matter(
            {"title": "Sources", "description": "The notes the glossary is built from, each with its entries in order."}
        ),
        "# Sources\n\n",
    ]
    out.append("| Note | Shape | Entries | File |\n|---|---|---:|---|\n")
    for note in linked.glossary.notes:
        out.append(
            f"| [{md(note.title, start=False)}]({link_to(page, source_path(note.slug))}) | {note.shape} | {len(note.entries)} | {code(note.path)} |\n"
        )
    return "".join(out)


def source_page(note: Note, linked: Linked, slugs: dict[tuple[str, int], str], skipped: list[Issue]) -> str:
    page = source_path(note.slug)
    out = [
        front_matter(
            {
                "title": note.title,
                "description": f"The note {note.path}: {len(note.entries)} entries in their original order.",
            }
        ),
        f"# {md(note.title)}\n\n",
        f"File {code(note.path)}, read as the *{note.shape}* shape: {len(note.entries)} entries.\n\n",
    ]
    if note.meta:
        out.append("| Field | Value |\n|---|---|\n")
        for label, value in note.meta:
            out.append(f"| {md(label, start=False)} | {md(value, start=False)} |\n")
        out.append("\n")
    out.append("## Entries\n\n| Line | Locus | Term |\n|---:|---|---|\n")
    for entry in note.entries:
        slug = slugs.get((note.path, entry.line))
        name = (
            f"[{md(entry.name, start=False)}]({link_to(page, term_path(slug))})"
            if slug
            else md(entry.name, start=False)
        )
        out.append(
            f'| <span id="line-{entry.line}"></span>{entry.line} | {md(entry.locus or "", start=False)} | {name} |\n'
        )
        for code_line in entry.code:
            out.append(
                f'| <span id="line-{code_line.line}"></span>{code_line.line} | {md(code_line.locus or "", start=False)} | {code(code_line.text)} |\n'
            )
    out.append("\n")
    if skipped:
        out.append("## Lines not shown as terms\n\n| Line | Why |\n|---:|---|\n")
        for issue in skipped:
            out.append(f"| {issue.line or ''} | {md(issue.message, start=False)} |\n")
        out.append("\n")
    return "".join(out)


def report(linked: Linked, issues: list[Issue]) -> str:
    glossary = linked.glossary
    data = {
        "notes": len(glossary.notes),
        "entries": sum(len(note.entries) for note in glossary.notes),
        "terms": len(glossary.terms),
        "links": linked.link_count,
        "walks": {walk.note: len(walk.stops) for walk in glossary.walks},
        "warnings": [str(issue) for issue in issues if issue.level == "warning"],
        "skipped": [
            {"file": issue.path, "line": issue.line, "reason": issue.message, "level": issue.level} for issue in issues
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def emit(linked: Linked, issues: list[Issue]) -> dict[str, str]:
    """Every generated page: path relative to docs/ -> Markdown text."""
    pages = {term_path(slug): term_page(item, linked) for slug, item in linked.terms.items()}
    pages[HOME] = home_page(linked)
    pages[A_Z] = a_z_page(linked)
    pages.update(walk_pages(linked))
    pages[f"{SOURCES}/index.md"] = sources_index(linked)
    by_note: dict[str, list[Issue]] = defaultdict(list)
    for issue in issues:
        by_note[issue.path].append(issue)
    for note in linked.glossary.notes:
        pages[source_path(note.slug)] = source_page(
            note, linked, linked.glossary.entry_terms, sorted(by_note[note.path], key=lambda i: i.line)
        )
    pages[REPORT] = report(linked, issues)
    return pages
