"""The block idioms of the markdown shape: term lines, term lists, definition lists, term tables."""

from __future__ import annotations

import re
from typing import Protocol

from ..model import Issue
from ..obsidian import fenced
from .common import Draft
from .mdblocks import NOT_TERMS, Block, dashed_lines, inline_name, is_short_name, table_rows, term_line, term_table

_NOT_TERM_LINE = re.compile(r"^\s*(?P<name>[A-Za-z][\w .;'-]{0,20}?)\s*:(?:[ \t]+(?P<rest>.*)|[ \t]*)$")


class Context(Protocol):
    """What an idiom needs from the reader: the note's lines, and where to report."""

    source: list[str]
    path: str

    def info(self, block: Block, why: str, lines: list[int] | None = None) -> None: ...

    def issue(self, issue: Issue) -> None: ...

    def absorb(self, draft: Draft, block: Block) -> None: ...


def term_lines(ctx: Context, markdown: str, block: Block) -> list[Draft]:
    """A paragraph whose first line is a term line; later term lines start further terms."""
    drafts: list[Draft] = []
    dashed = dashed_lines(markdown)
    if dashed:
        return [
            Draft(name=name, line=block.start + 1 + offset, lines=[block.start + 1 + offset], body=[rest], marked=False)
            for offset, (name, rest) in enumerate(dashed)
        ]
    if not term_line(markdown):
        return drafts
    for offset, text in enumerate(markdown.split("\n")):
        number = block.start + 1 + offset
        found = term_line(text)
        if found and (found[2] or not drafts or not drafts[-1].body or drafts[-1].body[-1]):
            drafts.append(Draft(name=found[0], line=number, lines=[number], body=[found[1]], marked=found[2]))
        elif drafts:
            drafts[-1].body[-1] += "\n" + text
            drafts[-1].lines.append(number)
    return drafts


def term_list(ctx: Context, block: Block) -> list[Draft]:
    """A list of "Term: definition" items (at least half of them), or of names with nested bullets."""
    items, firsts, found, named = list_items(block)
    if not is_term_list(block):
        return []
    drafts: list[Draft] = []
    for item, kids, term, name in zip(items, firsts, found, named, strict=True):
        lines = item.lines(ctx.source)
        if term is None and not name:
            term = _like_neighbours(kids)
        if term is None and not name:
            if drafts:
                ctx.absorb(drafts[-1], item)
            else:
                ctx.info(item, "a list item that names no term, before the first that does")
            continue
        title = term[0] if term else inline_name(kids[0].inline.content if kids[0].inline else "")
        draft = Draft(name=title, line=lines[0], lines=list(lines), body=[term[1]] if term else [])
        draft.marked = bool(term and term[2]) or len(items) > 1
        draft.body.extend(kid.markdown(ctx.source) for kid in kids[1:])
        drafts.append(draft)
    return drafts


def _like_neighbours(kids: list[Block]) -> Item:
    """ "- Example: An instance and a label." in a list of term items: a term like its neighbours,
    although alone in prose "Example:" or "Note:" starts no term (mdblocks.NOT_TERMS)."""
    if not kids or kids[0].kind != "paragraph_open" or kids[0].inline is None:
        return None
    first, _, more = kids[0].inline.content.partition("\n")
    match = _NOT_TERM_LINE.match(first)
    if not match or match["name"].lower().rstrip(".") not in NOT_TERMS:
        return None
    return match["name"], ((match["rest"] or "") + ("\n" + more if more else "")).strip(), False


def definition_list(ctx: Context, block: Block) -> list[Draft]:
    drafts: list[Draft] = []
    for part in block.children():
        lines = part.lines(ctx.source)
        if part.kind == "dt_open" and part.inline is not None:
            drafts.append(Draft(name=inline_name(part.inline.content), line=lines[0], lines=list(lines), marked=True))
        elif part.kind == "dd_open" and drafts:
            drafts[-1].body.extend(kid.markdown(ctx.source) for kid in part.children())
            drafts[-1].lines.extend(lines)
    return [draft for draft in drafts if draft.name]


def table(ctx: Context, block: Block) -> list[Draft]:
    header, rows = table_rows(block)
    columns = term_table(header)
    if columns is None:
        return []
    ctx.info(block, f"table header ({' | '.join(header)})", [n for n in block.lines(ctx.source)[:2]])
    drafts = []
    for line, cells in rows:
        cells += [""] * (len(header) - len(cells))
        name, meaning = inline_name(cells[columns.term]), cells[columns.definition]
        if not name:
            ctx.issue(Issue(ctx.path, line, "table row has no term in its term column"))
            continue
        others = [
            f"**{header[i]}:** {cell}"
            for i, cell in enumerate(cells)
            if i not in (columns.term, columns.definition) and cell
        ]
        draft = Draft(name=name, line=line, lines=[line], marked=True)
        if columns.acronym and meaning:
            draft.name = f"{inline_name(meaning)} ({name})"
            draft.body = others or [f"{cells[columns.term]}: {meaning}"]
        else:
            draft.body = [meaning, *others] if meaning else others
        drafts.append(draft)
    return drafts


Item = tuple[str, str, bool] | None


def list_items(block: Block) -> tuple[list[Block], list[list[Block]], list[Item], list[bool]]:
    """A list's items, each item's blocks, its term line if it starts with one, and whether it is
    a name with nested blocks."""
    items = block.children()
    firsts = [item.children() for item in items]
    found = [
        term_line(kids[0].inline.content) if kids and kids[0].inline and kids[0].kind == "paragraph_open" else None
        for kids in firsts
    ]
    named = [
        bool(kids and len(kids) > 1 and kids[0].inline and is_short_name(kids[0].inline.content)) for kids in firsts
    ]
    return items, firsts, found, named


def is_term_list(block: Block) -> bool:
    """At least half the items start with a term line, or every item is a name with nested blocks."""
    items, _, found, named = list_items(block)
    return bool(items) and (sum(f is not None for f in found) * 2 >= len(items) or all(named))


_FOOTNOTE = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:")


def footnotes(drafts: list[Draft], source: list[str], path: str) -> list[Issue]:
    """Each footnote's definition (``[^1]: …`` and its indented lines) goes with every term whose
    definition cites it: people keep footnotes at the end of a note, after the last term, and
    markdown-it keeps them out of the blocks the terms are read from.  One no term cites is reported."""
    code = fenced(source)
    found: dict[str, list[int]] = {}  # label -> its 0-based lines
    label = ""
    for index, line in enumerate(source):
        match = None if code[index] else _FOOTNOTE.match(line)
        if match:
            label = match["label"]
            found[label] = [index]
        elif label and line.startswith(("    ", "\t")):
            found[label].append(index)
        else:
            label = ""
    issues = []
    for label, indexes in found.items():
        citing = [draft for draft in drafts if any(f"[^{label}]" in part for part in draft.body)]
        for draft in citing:
            draft.body.append("\n".join(source[i] for i in indexes))
            draft.lines.extend(i + 1 for i in indexes)
        if not citing:
            issues.append(
                Issue(path, indexes[0] + 1, f"footnote [^{label}] is cited by no term: not shown", last=indexes[-1] + 1)
            )
    return issues
