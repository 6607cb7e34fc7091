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
from collections import defaultdict

from .. import forkmap, names
from ..model import Glossary, Issue, Level, Note, Slug, Term
from . import curation, variants
from .curated import Curated
from .definitions import merge_definitions, with_stubs
from .gists import GIST_LENGTH, NO_DEFINITION, gist
from .readings import Reading, aliases_of, choose_names, display_name, read_entries
from .walks import walks

__all__ = ["GIST_LENGTH", "NO_DEFINITION", "gist", "merge", "merge_definitions"]


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
        display = curated_by_root.get(root) or display_name([names.display(r.written) for r in group])
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
    made = []
    for root, group in by_root.items():
        term_key = term_keys[root]
        definitions, named_in, stub_issues = with_stubs(groups[term_key], naming[term_key].name)
        issues.extend(stub_issues)
        made.append((root, group, term_key, definitions, named_in))
    # Each term's gist (its first sentence, read again for every definition) on two cores.
    gists = forkmap.map2(lambda each: gist(each[3], naming[each[2]].name), made)
    terms = [
        Term(
            slug=naming[term_key].slug,
            name=naming[term_key].name,
            aliases=aliases_of(term_key, groups[term_key], concepts, aliases_by_root.get(root, [])),
            gist=found,
            definitions=definitions,
            key=term_key,
            stub=all(r.stub for r in group),
            named_in=named_in,
        )
        for (root, group, term_key, definitions, named_in), found in zip(made, gists, strict=True)
    ]
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
