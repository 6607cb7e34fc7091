"""Stage 2, merge: the entries of all notes become one ``Term`` per concept.

Spellings unify through ``names.key`` (case, plurals, hyphens, "what is",
"(ABBR)"), an abbreviation a definition introduces ("Recurrent Neural Networks
(RNNs) are ..."), and the curated aliases; identical definitions from several
notes become one ``Definition`` crediting each.  In named steps::

    index = index_names(curated)              # curated names and aliases
    readings = read_entries(notes, index)     # each entry's term key, decided once
    groups = group_entries(readings)          # term key -> its entries
    names = choose_names(groups, index)       # display names and slugs
    terms = [merge_term(...) for each group]  # aliases and merged definitions
    walks = walks.walks(notes, entry_terms)   # the stops, in their own module
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from . import curation, names
from .curated import Curated
from .model import Definition, Entry, Glossary, Issue, Note, Slug, Source, Term
from .walks import walks

_ABBR_IN_TEXT = re.compile(r"\(([A-Z][A-Za-z0-9]{0,8}[A-Z0-9]s?)\)")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z])")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
GIST_LENGTH = 200
NO_DEFINITION = "No definition yet."


def _introduced_abbreviations(entry: Entry, term_key: str) -> list[str]:
    """ "Long Short-Term Memory (LSTM) networks are ..." -> ["LSTM"] for the term of that name."""
    found = []
    size = len(term_key.split(" "))
    for paragraph in entry.paragraphs[:1] + entry.bullets[:1]:
        for match in _ABBR_IN_TEXT.finditer(paragraph):
            words = re.split(r"[\s\-]+", paragraph[: match.start()].strip())
            if names.key(" ".join(words[-size:])) == term_key:
                abbreviation = match.group(1)
                if abbreviation.endswith("s") and abbreviation[:-1].isupper():
                    abbreviation = abbreviation[:-1]
                found.append(abbreviation)
    return found


def _normal(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(" ".join(text.translate(_QUOTES).split()) for text in texts)


def gist(definitions: tuple[Definition, ...]) -> str:
    """One plain sentence for the top of the page, the hover preview and the meta description."""
    prose = [d.paragraphs[0] for d in definitions if d.paragraphs] + [d.bullets[0] for d in definitions if d.bullets]
    sentences = [p for p in prose if p[:1].isupper() and p.rstrip().endswith(".") and len(p.split()) >= 6]
    if sentences:
        text = _SENTENCE_END.split(sentences[0].strip())[0]
    elif prose:
        text = prose[0].strip()
        if re.match(r"[a-z]+\b(?![.(_]|\s*=)", text):
            text = text[0].upper() + text[1:]
    elif any(d.code for d in definitions):
        code = next(d.code for d in definitions if d.code)
        text = f"Code, {len(code)} line{'s' if len(code) > 1 else ''}: {code[0].strip()}"
    elif any(d.refs for d in definitions):
        text = "No definition yet; see the reference below."
    else:
        return NO_DEFINITION
    text = " ".join(text.split())
    if len(text) > GIST_LENGTH:
        text = text[: GIST_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _display_name(spellings: list[str]) -> str:
    """The most written spelling, singular forms first, ties to the first written."""
    counts = Counter(spellings)
    order = {name: index for index, name in reversed(list(enumerate(spellings)))}

    def rank(name: str) -> tuple[bool, int, int]:
        last = name.lower().split(" ")[-1]
        return (names.singular(last) == last, counts[name], -order[name])

    return max(counts, key=rank)


@dataclass(frozen=True)
class NameIndex:
    """Which term each name key stands for."""

    canonical: dict[str, str]  # any key -> the term's key
    curated_names: dict[str, str]  # term key -> curated display name
    curated_aliases: dict[str, list[str]]  # term key -> curated aliases

    def term_of(self, key: str) -> str:
        return self.canonical.get(key, key)


@dataclass(frozen=True)
class Reading:
    """One entry of one note, with the term it names."""

    note: Note
    entry: Entry
    written: str  # the name as written, without "(ABBR)"
    key: str  # the key of the term it names
    abbreviations: tuple[str, ...]  # abbreviations it writes or introduces


@dataclass(frozen=True)
class Naming:
    name: str
    slug: Slug


def index_names(curated: Curated, curated_path: str) -> tuple[NameIndex, list[Issue]]:
    """The curated display names and aliases, each alias claimed by one term only."""
    issues: list[Issue] = list(curated.issues)
    index = NameIndex({}, {}, defaultdict(list))
    for item in curated.terms:
        term_key = names.key(item.name)
        index.curated_names[term_key] = names.strip_name(item.name)
        index.canonical[term_key] = term_key
        for alias in item.aliases:
            alias_key = names.key(alias)
            if index.canonical.get(alias_key, term_key) != term_key:
                message = f"alias '{alias}' is already a name of '{index.canonical[alias_key]}'"
                issues.append(Issue(curated_path, item.line, message))
                continue
            index.canonical[alias_key] = term_key
            index.curated_aliases[term_key].append(alias)
    return index, issues


def read_entries(notes: list[Note], index: NameIndex) -> tuple[list[Reading], NameIndex, list[Issue]]:
    """Each entry's term key, decided once: the terms, the walks and the note pages all use it.

    First the abbreviations the notes introduce are learnt, so that an entry
    named by its abbreviation in one note joins the full name written in another.
    """
    issues: list[Issue] = []
    first: list[Reading] = []
    abbreviations: dict[str, str] = {}
    for note in notes:
        for entry in note.entries:
            written, abbreviation = names.split_abbreviation(names.strip_name(entry.name))
            entry_key = names.key(written)
            if not entry_key:
                issues.append(Issue(note.path, entry.line, f"'{entry.name}' has no name left to show: skipped"))
                continue
            term_key = index.term_of(entry_key)
            written_names = [abbreviation, *_introduced_abbreviations(entry, entry_key), *entry.aliases]
            found = tuple(dict.fromkeys(a for a in written_names if a))
            first.append(Reading(note, entry, written, term_key, found))
            for name in found:
                if names.key(name) not in index.canonical:
                    abbreviations.setdefault(names.key(name), term_key)
    canonical = dict(index.canonical)
    for abbreviation_key, term_key in abbreviations.items():
        canonical.setdefault(abbreviation_key, canonical.get(term_key, term_key))
    learnt = NameIndex(canonical, index.curated_names, index.curated_aliases)
    readings = [Reading(r.note, r.entry, r.written, learnt.term_of(r.key), r.abbreviations) for r in first]
    return readings, learnt, issues


def group_entries(readings: list[Reading]) -> dict[str, list[Reading]]:
    groups: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        groups[reading.key].append(reading)
    return groups


def choose_names(groups: dict[str, list[Reading]], index: NameIndex) -> dict[str, Naming]:
    """Each term's display name (curated, else the most written spelling) and a unique slug."""
    keys = sorted(groups)
    displays = {
        term_key: index.curated_names.get(term_key)
        or _display_name([names.display(reading.written) for reading in groups[term_key]])
        for term_key in keys
    }
    slugs = names.unique_slugs([(term_key, displays[term_key]) for term_key in keys])
    return {term_key: Naming(displays[term_key], slugs[term_key]) for term_key in keys}


def aliases_of(term_key: str, readings: list[Reading], index: NameIndex) -> tuple[str, ...]:
    """Curated aliases, then the other names the notes write; spellings of the name itself
    (case, plural, hyphens) are no other name."""
    aliases: list[str] = list(index.curated_aliases.get(term_key, []))
    for reading in readings:
        for alias in [names.display(reading.written), *reading.abbreviations]:
            if (
                alias
                and names.key(alias) != term_key
                and index.canonical.get(names.key(alias)) == term_key
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


def merge(notes: list[Note], curated: Curated, curated_path: str = "glossary/curated.yml") -> Glossary:
    index, issues = index_names(curated, curated_path)
    readings, index, reading_issues = read_entries(notes, index)
    issues.extend(reading_issues)
    groups = group_entries(readings)
    for item in curated.terms:
        if names.key(item.name) not in groups:
            issues.append(Issue(curated_path, item.line, f"curated term '{item.name}' matches no entry of any note"))
    naming = choose_names(groups, index)
    terms = []
    for term_key, group in groups.items():
        definitions = merge_definitions(group)
        terms.append(
            Term(
                slug=naming[term_key].slug,
                name=naming[term_key].name,
                aliases=aliases_of(term_key, group, index),
                gist=gist(definitions),
                definitions=definitions,
                key=term_key,
            )
        )
    terms.sort(key=lambda term: (term.name.casefold(), term.slug))

    def slug_of(name: str) -> Slug | None:
        found = naming.get(index.term_of(names.key(name)))
        return found.slug if found else None

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
