"""When two names are one concept, and why: the rules ``merge`` unites entries by.

Each name as written is a *unit* (its ``names.literal_key``: case, a plural last
word and hyphens vs spaces already unite there).  Units are then united, each
union for a reason the build report states:

- one ``names.key``: British/American spelling, plurals of any word, hyphenation,
  parenthesised words ("(Artificial) Neural networks" = "Neural network");
- a parenthesised other name ("Backward pass(backpropagation)" joins
  "Backpropagation");
- a generic head word ("Softmax function" / "Softmax") when the two definitions
  agree: TF-IDF cosine (``similarity.py``) of at least ``HEAD_WORD_SIMILARITY``;
- ``same:`` in curated.yml; ``apart:`` forbids any of these unions.

A stub (no text, or only a placeholder such as "TODO") and an abbreviation line
("SVM: Support Vector Machine") name a concept without defining it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import names, similarity
from ..model import Definition, Glossary, Issue, Level, Slug, Term
from .curated import Curated
from .stubs import abbreviation_line, expands, is_placeholder, is_stub, texts

__all__ = ["abbreviation_line", "expands", "is_placeholder", "is_stub", "texts", "unite"]

# The cosine of two definitions' TF-IDF vectors (similarity.py, definitions only, names left out)
# from which "X function" and "X" are one concept.  Measured on the glossaries of
# tests/test_one_concept.py: "Softmax" / "Softmax function" (one concept, two writers) 0.69;
# "Loss" / "Loss function" (a quantity and the function that gives it) 0.07.
HEAD_WORD_SIMILARITY = 0.25
NEAR_MISS_SIMILARITY = 0.05  # from here up, a pair that is not merged is reported as a near miss
HEAD_WORDS = ("activation function", "function", "mechanism", "algorithm", "method", "technique", "problem")


def head_of(key: str) -> tuple[str, str] | None:
    """ "softmax activation function" -> ("softmax", "activation function"); None without a head word."""
    for head in HEAD_WORDS:
        if key.endswith(" " + head) and len(key) > len(head) + 1:
            return key[: -len(head) - 1], head
    return None


def reason(a: str, b: str) -> str:
    """Why two names as written (literal keys) with one ``names.key`` are one name."""
    words = [w for name in (a, b) for w in name.split(" ")]
    found = [
        label
        for label, changes in (
            ("parenthesised word", "(" in a + b),
            ("hyphenation", len(a.split(" ")) != len(b.split(" ")) and "(" not in a + b),
            ("British/American spelling", any(names.american(w) != w for w in words)),
            ("plural", any(names.singular(names.american(w)) != names.american(w) for w in words)),
        )
        if changes
    ]
    return " and ".join(found) or "spelling"


@dataclass
class Union:
    """Units united into concepts (union-find), with the reason for each union; pairs kept apart."""

    parent: dict[str, str] = field(default_factory=dict)
    apart: list[tuple[str, str, int]] = field(default_factory=list)  # (unit, unit, curated line)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (joining unit, joined unit, reason)

    def add(self, unit: str) -> None:
        self.parent.setdefault(unit, unit)

    def root(self, unit: str) -> str:
        self.add(unit)
        while self.parent[unit] != unit:
            self.parent[unit] = self.parent[self.parent[unit]]
            unit = self.parent[unit]
        return unit

    def forbidden(self, a: str, b: str) -> int:
        """The curated line that keeps a's and b's concepts apart, or 0."""
        ra, rb = self.root(a), self.root(b)
        for x, y, line in self.apart:
            if {self.root(x), self.root(y)} == {ra, rb}:
                return line
        return 0

    def join(self, a: str, b: str, why: str = "") -> int:
        """Unite a's concept with b's: 0 when done (or already one), else the curated line that forbids it."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return 0
        line = self.forbidden(a, b)
        if line:
            return line
        self.parent[ra] = rb
        if why:
            self.edges.append((a, b, why))
        return 0

    def groups(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {}
        for unit in self.parent:
            result.setdefault(self.root(unit), []).append(unit)
        return result


@dataclass(frozen=True)
class Named:
    """What the uniting needs of one entry: its unit, its key, the names it gives, where it is written."""

    unit: str  # names.literal_key of the name as written
    key: str  # names.key of the name
    written: str  # the name as written, for the report
    others: tuple[str, ...]  # other names its parentheses give
    abbreviations: tuple[str, ...]
    defines: bool  # whether it has a definition (not a stub)
    where: tuple[str, int]  # (note path, line)


@dataclass
class Concepts:
    """The result of ``unite``: the union, the curated names by unit, and a resolver of names to units."""

    union: Union
    units: dict[str, list[Named]]
    by_key: dict[str, str]
    curated_names: dict[str, str] = field(default_factory=dict)  # unit -> curated display name
    curated_aliases: dict[str, list[str]] = field(default_factory=dict)  # unit -> curated aliases

    def unit_of(self, name: str) -> str | None:
        literal = names.literal_key(name)
        if literal in self.union.parent:
            return literal
        return self.by_key.get(names.key(name))

    def root_of(self, name: str) -> str | None:
        unit = self.unit_of(name)
        return self.union.root(unit) if unit is not None else None


def unite(
    named: list[Named], texts_of: dict[str, list[str]], curated: Curated, curated_path: str
) -> tuple[Concepts, list[Issue]]:
    """Unite the units into concepts, in this order: curated names and aliases, abbreviations (first
    claim wins), curated ``same:``, one ``names.key``, parenthesised other names, head words.
    ``texts_of`` holds each unit's definition texts (for the head-word similarity)."""
    issues: list[Issue] = []
    union = Union()
    units: dict[str, list[Named]] = {}
    by_key: dict[str, str] = {}
    for item in named:
        union.add(item.unit)
        units.setdefault(item.unit, []).append(item)
        by_key.setdefault(item.key, item.unit)
    found = Concepts(union, units, by_key)

    def info(item: Named, message: str) -> None:
        issues.append(Issue(item.where[0], item.where[1], message, Level.INFO))

    def curated_issue(line: int, message: str) -> None:
        issues.append(Issue(curated_path, line, message))

    claimed: dict[str, str] = {}  # a curated name's or alias's unit -> the curated term's unit
    for term in curated.terms:
        unit = found.unit_of(term.name) or names.literal_key(term.name)
        union.add(unit)
        found.curated_names.setdefault(unit, names.strip_name(term.name))
        claimed[unit] = unit
        for alias in term.aliases:
            other = found.unit_of(alias) or names.literal_key(alias)
            if union.root(claimed.get(other, unit)) != union.root(unit):
                curated_issue(
                    term.line, f"alias '{alias}' is already a name of '{found.curated_names[claimed[other]]}'"
                )
                continue
            claimed[other] = unit
            union.join(other, unit)
            found.curated_aliases.setdefault(unit, []).append(alias)
    for group, line in curated.apart:
        resolved = [found.unit_of(name) for name in group]
        for name, found_unit in zip(group, resolved, strict=True):
            if (
                found_unit is None
                or found_unit not in units
                and union.root(found_unit) not in {union.root(u) for u in units}
            ):
                curated_issue(line, f"apart: '{name}' matches no entry of any note")
        known = [unit for unit in resolved if unit is not None]
        for index, unit in enumerate(known):
            for other in known[index + 1 :]:
                if union.root(unit) == union.root(other):
                    curated_issue(
                        line, f"apart: '{group[0]}' and the others are one name already (a spelling or a curated alias)"
                    )
                else:
                    union.apart.append((unit, other, line))
    abbreviation_of: dict[str, str] = {}
    for item in named:
        for abbreviation in item.abbreviations:
            unit = found.unit_of(abbreviation) or names.literal_key(abbreviation)
            if unit in claimed or unit in abbreviation_of:
                continue
            abbreviation_of[unit] = item.unit
            union.join(unit, item.unit)
    for group, line in curated.same:
        resolved = [found.unit_of(name) for name in group]
        missing = [name for name, unit in zip(group, resolved, strict=True) if unit is None or unit not in units]
        if missing:
            curated_issue(line, f"same: '{missing[0]}' matches no entry of any note")
            continue
        for same_unit in resolved[1:]:
            assert same_unit is not None and resolved[0] is not None
            if union.join(same_unit, resolved[0], f"curated as one concept ({curated_path}:{line})"):
                curated_issue(line, f"same: '{group[0]}' and '{group[1]}' are also kept apart (see 'apart:')")
    first_of_key: dict[str, str] = {}
    for unit, items in units.items():
        first = first_of_key.setdefault(items[0].key, unit)
        if first != unit:
            _join(union, unit, first, reason(unit, first), units, info, curated_path)
    for unit, items in units.items():
        for item in items:
            for other in item.others:
                target = found.unit_of(other) or names.literal_key(other)
                why = f"its parenthesised '{other}' names the same concept" if target in units else ""
                _join(union, unit, target, why, units, info, curated_path)
    _head_words(found, texts_of, info, curated_path)
    return found, issues


Report = Callable[["Named", str], None]


def _join(
    union: Union, unit: str, other: str, why: str, units: dict[str, list[Named]], info: Report, path: str
) -> None:
    line = union.join(unit, other, why)
    if line and unit in units and other in units:
        info(
            units[unit][0],
            f"'{units[unit][0].written}' and '{units[other][0].written}' look like one concept "
            f"({why}) but are kept apart by {path}:{line}",
        )


def _head_words(found: Concepts, texts_of: dict[str, list[str]], info: Report, curated_path: str) -> None:
    """ "X function" joins "X" when their definitions agree (cosine >= HEAD_WORD_SIMILARITY)."""
    union, units = found.union, found.units
    pairs = []
    for unit, items in units.items():
        split = head_of(items[0].key)
        base = found.by_key.get(split[0]) if split else None
        if split and base is not None and union.root(base) != union.root(unit):
            pairs.append((unit, base, split[1]))
    if not pairs:
        return
    groups: dict[str, list[str]] = {}
    for unit in units:
        groups.setdefault(union.root(unit), []).extend(texts_of.get(unit, []))
    cosine = _cosine(groups)
    for unit, base, head in pairs:
        a, b = units[unit][0], units[base][0]
        texts = groups[union.root(unit)], groups[union.root(base)]
        score = cosine(Slug(union.root(unit)), Slug(union.root(base))) if all(texts) else 0.0
        pair = f"[[{b.written}, {a.written}]]"
        lines = f"in {curated_path}, 'same: {pair}' merges them, 'apart: {pair}' keeps them apart"
        if all(texts) and score >= HEAD_WORD_SIMILARITY:
            why = f"head word '{head}', definitions alike (cosine {score:.2f} >= {HEAD_WORD_SIMILARITY})"
            _join(union, unit, base, why, units, info, curated_path)
        elif not all(texts):
            info(a, f"'{b.written}' / '{a.written}': one has no definition to compare, not merged; {lines}")
        elif score >= NEAR_MISS_SIMILARITY:
            info(
                a,
                f"'{b.written}' / '{a.written}': similar text (cosine {score:.2f} < {HEAD_WORD_SIMILARITY}), not merged; {lines}",
            )


def _cosine(groups: dict[str, list[str]]) -> Callable[[Slug, Slug], float]:
    """The project's similarity (TF-IDF cosine) of each concept's definition texts, names left out."""
    terms = tuple(
        Term(Slug(root), "", (), "", (Definition(tuple(texts), (), (), (), ()),)) for root, texts in groups.items()
    )
    return similarity.build(Glossary(notes=(), terms=terms, walks=())).cosine
