"""Each entry of each note as the merge reads it: the name it writes, its abbreviations, whether
it is a stub; and the display name and aliases a group of readings gives its term."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .. import names
from ..model import Entry, Issue, Level, Note, Slug
from . import variants

_ABBR_IN_TEXT = re.compile(r"\(([A-Z][A-Za-z0-9]{0,8}[A-Z0-9]s?)\)")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def _introduced_abbreviations(entry: Entry, term_key: str) -> list[str]:
    """ "Long Short-Term Memory (LSTM) networks are ..." -> ["LSTM"] for the term of that name."""
    found = []
    size = len(term_key.split(" "))
    for paragraph in entry.paragraphs[:1] + entry.bullets[:1]:
        for match in _ABBR_IN_TEXT.finditer(paragraph):
            words = re.split(r"[\s\-]+", paragraph[: match.start()].strip())
            if any(names.key(" ".join(words[-n:])) == term_key for n in range(1, size + 1)):
                abbreviation = match.group(1)
                if abbreviation.endswith("s") and abbreviation[:-1].isupper():
                    abbreviation = abbreviation[:-1]
                found.append(abbreviation)
    return found


def normal(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(text.translate(_QUOTES).split()) for text in texts)


def display_name(spellings: list[str]) -> str:
    """The most written spelling, singular forms first, ties to the first written."""
    counts = Counter(spellings)
    order = {name: index for index, name in reversed(list(enumerate(spellings)))}

    def rank(name: str) -> tuple[bool, int, int]:
        last = name.lower().split(" ")[-1]
        return (names.singular(last) == last, counts[name], -order[name])

    return max(counts, key=rank)


@dataclass(frozen=True)
class Reading:
    """One entry of one note, with the term it names."""

    note: Note
    entry: Entry
    written: str  # the name as written, without parenthesised words or "(ABBR)"
    key: str  # the key of the term it names
    abbreviations: tuple[str, ...]  # abbreviations it writes or introduces
    named: variants.Named | None = None  # its names, for uniting
    stub: bool = False  # it names the concept without defining it
    line_kind: str = ""  # "abbreviation line" when its whole definition is one


@dataclass(frozen=True)
class Naming:
    name: str
    slug: Slug


def read_entries(notes: list[Note]) -> tuple[list[Reading], list[Issue]]:
    """Each entry's names: as written, its parenthesised names and abbreviations, whether it defines.

    An abbreviation line ("DL: Deep Learning") names the expansion and gives the abbreviation, no definition.
    """
    issues: list[Issue] = []
    readings: list[Reading] = []
    for note in notes:
        for entry in note.entries:
            stripped = names.strip_name(entry.name)
            base, abbreviation = names.split_abbreviation(stripped)
            written, others, inner = names.parenthesised(base)
            key = names.key(written)
            if not key:
                issues.append(Issue(note.path, entry.line, f"'{entry.name}' has no name left to show: skipped"))
                continue
            stub = variants.is_stub(entry)
            line = None if stub else variants.abbreviation_line(entry, written)
            unit = names.literal_key(stripped)
            found = [abbreviation, *inner, *_introduced_abbreviations(entry, key), *entry.aliases]
            if line:
                expansion, acronym = line
                written, key, unit, stub = expansion, names.key(expansion), names.literal_key(expansion), True
                found.insert(0, acronym)
                message = (
                    f"'{entry.name}' is an abbreviation line: '{acronym}' is a name of '{expansion}', not a definition"
                )
                issues.append(Issue(note.path, entry.line, message, Level.INFO))
            abbreviations = tuple(dict.fromkeys(a for a in found if a and names.key(a) != key))
            where = (note.path, entry.line)
            named = variants.Named(unit, key, stripped, others, abbreviations, not stub, where)
            kind = "abbreviation line" if line else ""
            readings.append(Reading(note, entry, written, key, abbreviations, named, stub, kind))
    return readings, issues


def choose_names(groups: dict[str, list[Reading]], curated: dict[str, str]) -> dict[str, Naming]:
    """Each term's display name (curated, else the most written spelling) and a unique slug."""
    keys = sorted(groups)
    displays = {
        term_key: curated.get(term_key) or display_name([names.display(r.written) for r in groups[term_key]])
        for term_key in keys
    }
    slugs = names.unique_slugs([(term_key, displays[term_key]) for term_key in keys])
    return {term_key: Naming(displays[term_key], slugs[term_key]) for term_key in keys}


def aliases_of(
    term_key: str, readings: list[Reading], concepts: variants.Concepts, curated: list[str]
) -> tuple[str, ...]:
    """Curated aliases, then the other names the notes write; spellings of the name itself
    (case, plural, hyphens, British or American) are no other name."""
    aliases: list[str] = list(curated)
    root = concepts.root_of(readings[0].named.unit if readings[0].named else readings[0].written)
    for reading in readings:
        others = reading.named.others if reading.named else ()
        for alias in [names.display(reading.written), *reading.abbreviations, *map(names.display, others)]:
            if (
                alias
                and names.key(alias) != term_key
                and concepts.root_of(alias) == root
                and alias.casefold() not in (a.casefold() for a in aliases)
            ):
                aliases.append(alias)
    return tuple(aliases)
