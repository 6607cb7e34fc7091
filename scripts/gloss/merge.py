"""Stage 2, merge: the entries of all notes become one ``Term`` per concept.

Spellings unify through ``names.key`` (case, plurals, hyphens, "what is",
"(ABBR)"), an abbreviation a definition introduces ("Recurrent Neural Networks
(RNNs) are ..."), and the curated aliases; identical definitions from several
notes become one ``Definition`` crediting each.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from . import names
from .curated import Curated
from .model import Definition, Entry, Glossary, Issue, Note, Source, Stop, Term, Walk

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


def merge(notes: list[Note], curated: Curated, curated_path: str = "glossary/curated.yml") -> Glossary:
    issues: list[Issue] = list(curated.issues)
    canonical: dict[str, str] = {}  # any key -> the term's key
    curated_names: dict[str, str] = {}  # term key -> curated display name
    curated_aliases: dict[str, list[str]] = defaultdict(list)
    for item in curated.terms:
        term_key = names.key(item.name)
        curated_names[term_key] = names.strip_name(item.name)
        canonical[term_key] = term_key
        for alias in item.aliases:
            alias_key = names.key(alias)
            if canonical.get(alias_key, term_key) != term_key:
                issues.append(
                    Issue(curated_path, item.line, f"alias '{alias}' is already a name of '{canonical[alias_key]}'")
                )
                continue
            canonical[alias_key] = term_key
            curated_aliases[term_key].append(alias)

    # First the abbreviations the notes introduce, so that an entry named by
    # its abbreviation in one note joins the full name written in another.
    read: list[tuple[Note, Entry, str, str, list[str]]] = []  # note, entry, name, key, abbreviations
    abbreviations: dict[str, str] = {}
    for note in notes:
        for entry in note.entries:
            written, abbreviation = names.split_abbreviation(names.strip_name(entry.name))
            entry_key = names.key(written)
            if not entry_key:
                issues.append(Issue(note.path, entry.line, f"'{entry.name}' has no name left to show: skipped"))
                continue
            term_key = canonical.get(entry_key, entry_key)
            found = [a for a in [abbreviation, *_introduced_abbreviations(entry, entry_key)] if a]
            read.append((note, entry, written, term_key, found))
            for name in found:
                if names.key(name) not in canonical:
                    abbreviations.setdefault(names.key(name), term_key)
    for abbreviation_key, term_key in abbreviations.items():
        canonical.setdefault(abbreviation_key, canonical.get(term_key, term_key))

    # Each entry's term, decided once: the terms, the walks and the note pages all use it.
    grouped: dict[str, list[tuple[Note, Entry, str, list[str]]]] = defaultdict(list)
    entry_key_of: dict[tuple[str, int], str] = {}
    for note, entry, written, term_key, found in read:
        final = canonical.get(term_key, term_key)
        grouped[final].append((note, entry, written, found))
        entry_key_of[(note.path, entry.line)] = final

    for item in curated.terms:
        if names.key(item.name) not in grouped:
            issues.append(Issue(curated_path, item.line, f"curated term '{item.name}' matches no entry of any note"))

    keys = sorted(grouped)
    displays = {
        term_key: curated_names.get(term_key)
        or _display_name([names.display(written) for _, _, written, _ in grouped[term_key]])
        for term_key in keys
    }
    slugs = names.unique_slugs([(term_key, displays[term_key]) for term_key in keys])

    terms: list[Term] = []
    for term_key in keys:
        name = displays[term_key]
        aliases: list[str] = list(curated_aliases.get(term_key, []))
        definitions: dict[tuple, tuple[list[Source], Entry]] = {}
        for note, entry, written, found in grouped[term_key]:
            for alias in [names.display(written), *found]:
                # Spellings of the name itself (case, plural, hyphens) are no other name.
                if (
                    alias
                    and names.key(alias) != term_key
                    and canonical.get(names.key(alias)) == term_key
                    and alias.casefold() not in (a.casefold() for a in aliases)
                ):
                    aliases.append(alias)
            identity = (
                _normal(entry.paragraphs),
                _normal(entry.bullets),
                _normal(tuple(code.text for code in entry.code)),
                entry.refs,
            )
            source = Source(note=note.slug, line=entry.line, locus=entry.locus)
            if identity in definitions:
                definitions[identity][0].append(source)
            else:
                definitions[identity] = ([source], entry)
        merged = tuple(
            Definition(
                paragraphs=entry.paragraphs,
                bullets=entry.bullets,
                code=tuple(code.text for code in entry.code),
                refs=entry.refs,
                sources=tuple(sources),
            )
            for sources, entry in definitions.values()
        )
        terms.append(
            Term(
                slug=slugs[term_key],
                name=name,
                aliases=tuple(aliases),
                gist=gist(merged),
                definitions=merged,
                key=term_key,
            )
        )
    terms.sort(key=lambda term: (term.name.casefold(), term.slug))
    by_key = {term.key: term for term in terms}

    walks: list[Walk] = []
    entry_terms: dict[tuple[str, int], str] = {}
    for note in notes:
        stops: list[Stop] = []
        for entry in note.entries:
            term_key = entry_key_of.get((note.path, entry.line))
            if term_key is None:  # no name left: reported above
                continue
            slug = by_key[term_key].slug
            entry_terms[(note.path, entry.line)] = slug
            if entry.locus:
                stops.append(Stop(note.slug, len(stops) + 1, entry.locus, slug, entry.line))
            for code in entry.code:
                if code.locus:
                    stops.append(Stop(note.slug, len(stops) + 1, code.locus, slug, code.line, code=code.text))
        if stops:
            walks.append(Walk(note=note.slug, title=note.title, stops=tuple(_label_repeats(stops))))
    return Glossary(
        notes=tuple(notes), terms=tuple(terms), walks=tuple(walks), issues=tuple(issues), entry_terms=entry_terms
    )


def _label_repeats(stops: list[Stop]) -> list[Stop]:
    """Number the stops of a locus that stands more than once ("TV (1)", "TV (2)")."""
    totals = Counter(stop.locus.casefold() for stop in stops)
    seen: Counter[str] = Counter()
    labelled = []
    for stop in stops:
        locus = stop.locus.casefold()
        seen[locus] += 1
        labelled.append(
            Stop(
                walk=stop.walk,
                number=stop.number,
                locus=stop.locus,
                term=stop.term,
                line=stop.line,
                code=stop.code,
                occurrence=seen[locus],
                repeats=totals[locus] > 1,
            )
        )
    return labelled
