"""The sources: an index of the notes and a page per note with its entries in order.

What a reader needs: each note's title and its entries, each a link to its term.  What the
build made of the note (its shape, its file, the lines it skipped and why) is for whoever
keeps the notes: the build report has it (``report.py``), linked from the index's footer.
"""

from __future__ import annotations

from ..escape import cell_text, front_matter, html, md, raw
from ..model import Note, Site, Slug
from ..paths import REPORT_PAGE, SOURCES_INDEX, link_to, source_path, term_path, url_to


def index_page(site: Site) -> str:
    out = [
        front_matter(
            {"title": "Sources", "description": "The notes the glossary is built from, each with its entries in order."}
        ),
        "# Sources\n\n",
        "Your own notes, then other people's, each credited as its author asks.\n\n",
        "| Note | Entries | Whose words |\n|---|---:|---|\n",
    ]
    notes = site.linked.glossary.notes
    for note in [*(n for n in notes if n.credit.own), *(n for n in notes if not n.credit.own)]:
        out.append(
            f"| [{md(note.title, start=False)}]({link_to(SOURCES_INDEX, source_path(note.slug))}) "
            f"| {len(note.entries)} | {whose(note)} |\n"
        )
    out.append(
        f"\n<small>For whoever keeps the notes: the [build report]({link_to(SOURCES_INDEX, REPORT_PAGE)}) "
        "lists every line the build skipped or questioned.</small>\n"
    )
    return "".join(out)


def whose(note: Note) -> str:
    """ "yours", or the author with the licence, linking to where the note comes from."""
    credit = note.credit
    who = "yours" if credit.own else md(credit.author or "someone else's", start=False)
    extra = [md(credit.licence, start=False)] if credit.licence else []
    if credit.url:
        extra.append(f"[source]({credit.url})")
    return who + (f" ({', '.join(extra)})" if extra else "")


def note_page(note: Note, slugs: dict[tuple[str, int], Slug]) -> str:
    page = source_path(note.slug)
    loci = any(entry.locus or any(line.locus for line in entry.code) for entry in note.entries)
    entries = f"{len(note.entries)} {'entry' if len(note.entries) == 1 else 'entries'}"  # "1 entry", not "1 entries"
    out = [
        front_matter(
            {
                "title": note.title,
                "description": f"The note “{note.title}”: {entries} in their original order.",
            }
        ),
        f"# {md(note.title)}\n\n",
        f"{entries}, in the note's order.\n\n",
    ]
    if not note.credit.own:
        out.append(f"**Whose words:** {whose(note)}\n{{: .credit }}\n\n")
    credited = {"own"} if note.credit.own else {"own", "author", "url", "source", "link", "licence", "license"}
    fields = [(label, value) for label, value in note.meta if label.lower() not in credited]  # not twice
    if fields:
        out.append("| Field | Value |\n|---|---|\n")
        out.extend(f"| {md(label, start=False)} | {md(value, start=False)} |\n" for label, value in fields)
        out.append("\n")
    # Finished HTML (escape.raw), as Python-Markdown's tables would write it: at 10,000 entries the
    # table was a second of Python-Markdown, on every build and every save of the note.
    rows = [
        "<table>\n<thead>\n<tr>\n" + ("<th>Locus</th>\n" if loci else "") + "<th>Term</th>\n</tr>\n</thead>\n<tbody>\n"
    ]
    for entry in note.entries:
        slug = slugs.get((note.path, entry.line))
        name = cell_text(entry.name)
        if slug:
            name = f'<a href="{html(url_to(page, term_path(slug)))}">{name}</a>'
        rows.append(_row(entry.line, entry.locus if loci else None, name))
        for line in entry.code:
            rows.append(
                _row(line.line, line.locus if loci else None, f"<code>{cell_text(line.text, code=True)}</code>")
            )
    rows.append("</tbody>\n</table>")
    if note.entries:  # a note with none (a vault's daily note) says so above, with no empty table
        out.append("## Entries\n\n" + raw("".join(rows)))
    return "".join(out)


def _row(line: int, locus: str | None, cell: str) -> str:
    """One entry's row; its first cell holds the anchor a definition's credit links to (term pages:
    "From <note>" -> #line-N).  ``locus`` None: the note has no loci, so no Locus column."""
    anchor = f'<span id="line-{line}"></span>'
    if locus is None:
        return f"<tr>\n<td>{anchor}{cell}</td>\n</tr>\n"
    return f"<tr>\n<td>{anchor}{cell_text(locus)}</td>\n<td>{cell}</td>\n</tr>\n"


def emit(site: Site) -> dict[str, str | bytes]:
    glossary = site.linked.glossary
    pages: dict[str, str | bytes] = {SOURCES_INDEX: index_page(site)}
    for note in glossary.notes:
        pages[source_path(note.slug)] = note_page(note, glossary.entry_terms)
    return pages
