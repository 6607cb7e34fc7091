"""Where a ``[[wikilink]]`` goes: a term's page, or a note's page, found as Obsidian finds it.

A link resolves by a note's file name, a note's title, or a term's name or alias,
ignoring case, hyphens, underscores and spaces (then plurals and spelling, through
``names.key``).  A file name or title of a note that is one concept goes to that
concept's page; of a glossary note, to the note's page.  A link that resolves
nowhere is shown as its text, and the build reports it with its ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from . import names
from .model import Glossary, Issue, Level, Note, Shape, Slug

_FOLD = re.compile(r"[\s\-_\u2010-\u2015]+")


def fold(name: str) -> str:
    return _FOLD.sub("", name.casefold())


@dataclass(frozen=True)
class WikiIndex:
    targets: dict[str, str]  # folded name -> "term/<slug>" or "source/<slug>"
    keys: dict[str, str]  # names.key of a name -> the same

    def resolve(self, target: str) -> str | None:
        """The placeholder target of a link ("term/dropout"), or None when nothing has that name."""
        name = PurePosixPath(target.strip().replace("\\", "/")).name if target.strip() else ""
        if name.lower().endswith((".md", ".markdown")):
            name = name.rsplit(".", 1)[0]
        if not name:
            return None
        return self.targets.get(fold(name)) or self.keys.get(names.key(name))


def concept_term(glossary: Glossary, note: Note) -> Slug | None:
    """The term a vault note that is one concept gives (a link to the note goes to it); None for others."""
    if note.shape != Shape.CONCEPT or len(note.entries) != 1:
        return None
    return glossary.entry_terms.get((note.path, note.entries[0].line))


def index(glossary: Glossary) -> WikiIndex:
    """File names and titles first (what Obsidian resolves), then term names, then aliases."""
    targets: dict[str, str] = {}
    keys: dict[str, str] = {}

    def add(name: str, where: str) -> None:
        if name.strip():
            targets.setdefault(fold(name), where)
            keys.setdefault(names.key(name), where)

    for note in glossary.notes:
        concept = concept_term(glossary, note)
        where = f"term/{concept}" if concept else f"source/{note.slug}"
        stem = PurePosixPath(note.path).stem
        add(stem, where)
        add(note.title, where)
        add(names.file_id(stem), where)  # "[[202103051234]]" in a Zettelkasten
    for term in glossary.terms:
        add(term.name, f"term/{term.slug}")
    for term in glossary.terms:
        for alias in term.aliases:
            add(alias, f"term/{term.slug}")
    return WikiIndex(targets, keys)


def unresolved(glossary: Glossary, wiki: WikiIndex) -> list[Issue]:
    """A report line for every link to a note that is not there (shown as plain text)."""
    issues = []
    for note in glossary.notes:
        for target, line in note.wikilinks:
            if wiki.resolve(target) is None:
                issues.append(
                    Issue(note.path, line, f"[[{target}]] links to no note or term: shown as plain text", Level.INFO)
                )
    return issues


def own_term(placeholder: str | None) -> Slug | None:
    return Slug(placeholder[len("term/") :]) if placeholder and placeholder.startswith("term/") else None
