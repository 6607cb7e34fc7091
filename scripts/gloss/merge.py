"""Stage 2, merge: the entries of all notes become one ``Term`` per concept.

Which names are one concept is decided in ``variants.py`` (one ``names.key``:
case, plurals, spelling, hyphens, parenthesised words; abbreviations a note
writes or introduces; curated aliases and ``same:``/``apart:``; generic head
words whose definitions agree), each union stated in the report. Identical
definitions from several notes become one ``Definition`` crediting each; a stub
(an entry with no definition) credits its note without a definition of its own.
In named steps::

    readings = read_entries(notes)             # each entry's names, stub or not
    concepts = variants.unite(...)             # units of one spelling -> concepts
    groups = group_entries(readings, ...)      # term key -> its entries
    names = choose_names(groups, ...)          # display names and slugs
    terms = [merge_term(...) for each group]   # aliases, merged definitions, the gist
    walks = walks.walks(notes, entry_terms)    # the stops, in their own module
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import curation, names, variants
from .curated import Curated
from .gists import GIST_LENGTH, NO_DEFINITION, gist

__all__ = ["GIST_LENGTH", "NO_DEFINITION", "gist", "merge"]
from .model import Definition, Entry, Glossary, Issue, Level, Note, Slug, Source, Term
from .walks import walks

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


def _normal(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(text.translate(_QUOTES).split()) for text in texts)


def _display_name(spellings: list[str]) -> str:
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
        term_key: curated.get(term_key) or _display_name([names.display(r.written) for r in groups[term_key]])
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


def merge_definitions(readings: list[Reading]) -> tuple[Definition, ...]:
    """One definition per distinct text (compared with spacing and quotes normalised), crediting each note."""
    definitions: dict[tuple[tuple[str, ...], ...], tuple[list[Source], Entry]] = {}
    for reading in readings:
        entry = reading.entry
        identity = (
            _normal(entry.paragraphs),
            _normal(entry.bullets),
            _normal(tuple(code.text for code in entry.code)),
            entry.refs,
            (entry.body,),
        )
        source = Source(note=reading.note.slug, line=entry.line, locus=entry.locus)
        if identity in definitions:
            definitions[identity][0].append(source)
        else:
            definitions[identity] = ([source], entry)
    return tuple(
        Definition(
            paragraphs=entry.paragraphs,
            bullets=entry.bullets,
            code=tuple(code.text for code in entry.code),
            refs=entry.refs,
            sources=tuple(sources),
            body=entry.body,
        )
        for sources, entry in definitions.values()
    )


def _with_stubs(readings: list[Reading], name: str) -> tuple[tuple[Definition, ...], list[Issue]]:
    """The definitions; a stub credits its note on the first definition, or, alone, stands as an
    empty definition (its placeholder text is never shown)."""
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
        return definitions, issues
    definitions = merge_definitions(defining)
    credits = tuple(Source(r.note.slug, r.entry.line, r.entry.locus) for r in stubs)
    if credits:
        definitions = (dataclasses.replace(definitions[0], sources=definitions[0].sources + credits), *definitions[1:])
    for r in stubs:
        if not r.line_kind:
            message = (
                f"'{names.display(r.entry.name)}' has no definition here: its note is credited on '{name}' as a name"
            )
            issues.append(Issue(r.note.path, r.entry.line, message, Level.INFO))
    return definitions, issues


def merge(notes: list[Note], curated: Curated, curated_path: str = "glossary/curated.yml") -> Glossary:
    readings, issues = read_entries(notes)
    issues[:0] = curated.issues
    named = [r.named for r in readings if r.named]
    texts_of: dict[str, list[str]] = defaultdict(list)
    for r in readings:
        if not r.stub and r.named:
            texts_of[r.named.unit].extend(variants.texts(r.entry))
    concepts, union_issues = variants.unite(named, texts_of, curated, curated_path)
    issues.extend(union_issues)
    by_root: dict[str, list[Reading]] = defaultdict(list)
    for r in readings:
        by_root[concepts.union.root(r.named.unit if r.named else r.key)].append(r)
    curated_by_root: dict[str, str] = {}
    aliases_by_root: dict[str, list[str]] = defaultdict(list)
    for unit, display in concepts.curated_names.items():
        curated_by_root.setdefault(concepts.union.root(unit), display)
        aliases_by_root[concepts.union.root(unit)].extend(concepts.curated_aliases.get(unit, []))
    term_keys: dict[str, str] = {}
    taken: set[str] = set()
    for root, group in by_root.items():
        display = curated_by_root.get(root) or _display_name([names.display(r.written) for r in group])
        term_key = names.key(display)
        if term_key in taken:
            term_key = root if root not in taken else f"{root} #{len(taken)}"
        taken.add(term_key)
        term_keys[root] = term_key
    groups = {term_keys[root]: group for root, group in by_root.items()}
    readings = [
        dataclasses.replace(r, key=term_keys[concepts.union.root(r.named.unit if r.named else r.key)]) for r in readings
    ]
    naming = choose_names(
        groups, {term_keys[root]: name for root, name in curated_by_root.items() if root in term_keys}
    )
    for unit_a, unit_b, why in concepts.union.edges:
        if unit_a in concepts.units and unit_b in concepts.units:
            display = naming[term_keys[concepts.union.root(unit_a)]].name
            a, b = concepts.units[unit_a][0], concepts.units[unit_b][0]
            joining = b if a.unit == names.literal_key(display) else a
            issues.append(Issue(*joining.where, f"'{joining.written}' joins '{display}': {why}", Level.INFO))
    for item in curated.terms:
        found = concepts.root_of(item.name)
        if found is None or found not in by_root:
            issues.append(Issue(curated_path, item.line, f"curated term '{item.name}' matches no entry of any note"))
    terms = []
    for root, group in by_root.items():
        term_key = term_keys[root]
        name = naming[term_key].name
        definitions, stub_issues = _with_stubs(groups[term_key], name)
        issues.extend(stub_issues)
        terms.append(
            Term(
                slug=naming[term_key].slug,
                name=name,
                aliases=aliases_of(term_key, groups[term_key], concepts, aliases_by_root.get(root, [])),
                gist=gist(definitions, name),
                definitions=definitions,
                key=term_key,
                stub=all(r.stub for r in group),
            )
        )
    terms.sort(key=lambda term: (term.name.casefold(), term.slug))

    def slug_of(name: str) -> Slug | None:
        root = concepts.root_of(name)
        return naming[term_keys[root]].slug if root in term_keys else None

    terms, topics, words, curated_issues = curation.apply(terms, curated, slug_of, curated_path)
    issues.extend(curated_issues)
    entry_terms = {(r.note.path, r.entry.line): naming[r.key].slug for r in readings}
    return Glossary(
        notes=tuple(notes),
        terms=tuple(terms),
        walks=walks(notes, entry_terms),
        issues=tuple(issues),
        entry_terms=entry_terms,
        topics=topics,
        words=words,
    )
