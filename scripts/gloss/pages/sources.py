"""The sources: an index of the notes and a page per note with its entries in order."""

from __future__ import annotations

from collections import defaultdict

from ..escape import code, front_matter, md
from ..model import Issue, Note, Site, Slug
from ..paths import SOURCES_INDEX, link_to, source_path, term_path


def index_page(site: Site) -> str:
    out = [
        front_matter(
            {"title": "Sources", "description": "The notes the glossary is built from, each with its entries in order."}
        ),
        "# Sources\n\n",
        "| Note | Shape | Entries | File |\n|---|---|---:|---|\n",
    ]
    for note in site.linked.glossary.notes:
        out.append(
            f"| [{md(note.title, start=False)}]({link_to(SOURCES_INDEX, source_path(note.slug))}) "
            f"| {note.shape} | {len(note.entries)} | {code(note.path)} |\n"
        )
    return "".join(out)


def note_page(note: Note, slugs: dict[tuple[str, int], Slug], skipped: list[Issue]) -> str:
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
        out.extend(f"| {md(label, start=False)} | {md(value, start=False)} |\n" for label, value in note.meta)
        out.append("\n")
    out.append("## Entries\n\n| Line | Locus | Term |\n|---:|---|---|\n")
    for entry in note.entries:
        slug = slugs.get((note.path, entry.line))
        name = md(entry.name, start=False)
        if slug:
            name = f"[{name}]({link_to(page, term_path(slug))})"
        out.append(
            f'| <span id="line-{entry.line}"></span>{entry.line} | {md(entry.locus or "", start=False)} | {name} |\n'
        )
        for line in entry.code:
            out.append(
                f'| <span id="line-{line.line}"></span>{line.line} | {md(line.locus or "", start=False)} | {code(line.text)} |\n'
            )
    out.append("\n")
    if skipped:
        out.append("## Lines not shown as terms\n\n| Line | Why |\n|---:|---|\n")
        for issue in skipped:
            where = f"{issue.line}–{issue.last}" if issue.last > issue.line else f"{issue.line or ''}"
            out.append(f"| {where} | {md(issue.message, start=False)} |\n")
        out.append("\n")
    return "".join(out)


def emit(site: Site) -> dict[str, str | bytes]:
    glossary = site.linked.glossary
    by_note: dict[str, list[Issue]] = defaultdict(list)
    for issue in site.issues:
        by_note[issue.path].append(issue)
    pages: dict[str, str | bytes] = {SOURCES_INDEX: index_page(site)}
    for note in glossary.notes:
        skipped = sorted(by_note[note.path], key=lambda issue: issue.line)
        pages[source_path(note.slug)] = note_page(note, glossary.entry_terms, skipped)
    return pages
