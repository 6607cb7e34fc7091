"""A term's definitions: one per distinct text, crediting every note that writes it; stubs credit their note.

Order on the page: the learner's own notes first, in note order, then the other
people's, the most complete (the longest text) first.
"""

from __future__ import annotations

import dataclasses

from .. import names
from ..model import Definition, Entry, Issue, Level, Source
from .readings import Reading, normal


def merge_definitions(readings: list[Reading]) -> tuple[Definition, ...]:
    """One definition per distinct text (compared with spacing and quotes normalised), crediting each note."""
    definitions: dict[tuple[tuple[str, ...], ...], tuple[list[Source], Entry]] = {}
    for reading in readings:
        entry = reading.entry
        identity = (
            normal(entry.paragraphs),
            normal(entry.bullets),
            normal(tuple(code.text for code in entry.code)),
            entry.refs,
            (entry.body,),
        )
        source = Source(note=reading.note.slug, line=entry.line, locus=entry.locus)
        if identity in definitions:
            definitions[identity][0].append(source)
        else:
            definitions[identity] = ([source], entry)
    own = {reading.note.slug: reading.note.credit.own for reading in readings}
    merged = [
        Definition(
            paragraphs=entry.paragraphs,
            bullets=entry.bullets,
            code=tuple(code.text for code in entry.code),
            refs=entry.refs,
            sources=tuple(sources),
            body=entry.body,
        )
        for sources, entry in definitions.values()
    ]

    def order(numbered: tuple[int, Definition]) -> tuple[bool, int]:
        number, definition = numbered
        if any(own.get(source.note, True) for source in definition.sources):
            return (False, number)
        return (True, -len(" ".join((definition.body, *definition.paragraphs, *definition.bullets, *definition.code))))

    return tuple(definition for _, definition in sorted(enumerate(merged), key=order))


def with_stubs(readings: list[Reading], name: str) -> tuple[tuple[Definition, ...], tuple[Source, ...], list[Issue]]:
    """The definitions and where the term is only named: a stub credits its note as a name (never as
    the author of another note's text), or, alone, stands as an empty definition (its placeholder
    text is never shown)."""
    defining = [r for r in readings if not r.stub]
    stubs = [r for r in readings if r.stub]
    issues = []
    if not defining:
        empty = Entry(name=name, line=stubs[0].entry.line)
        definitions = merge_definitions(
            [
                dataclasses.replace(r, entry=dataclasses.replace(empty, line=r.entry.line, locus=r.entry.locus))
                for r in stubs
            ]
        )
        first = stubs[0]
        issues.append(
            Issue(
                first.note.path,
                first.entry.line,
                f"'{name}' has no definition in any note: its page is a stub",
                Level.INFO,
            )
        )
        return definitions, (), issues
    definitions = merge_definitions(defining)
    named_in = tuple(Source(r.note.slug, r.entry.line, r.entry.locus) for r in stubs)
    for r in stubs:
        if not r.line_kind:
            message = (
                f"'{names.display(r.entry.name)}' has no definition here: its note is credited on '{name}' as a name"
            )
            issues.append(Issue(r.note.path, r.entry.line, message, Level.INFO))
    return definitions, named_in, issues
