"""The walks: every note that places its entries at loci is a route of numbered stops."""

from __future__ import annotations

from collections import Counter

from ..model import Note, Slug, Stop, Walk


def walks(notes: list[Note], entry_terms: dict[tuple[str, int], Slug]) -> tuple[Walk, ...]:
    """One walk per note with loci; a stop per locus, in note order (code lines may have loci too)."""
    result: list[Walk] = []
    for note in notes:
        stops: list[Stop] = []
        for entry in note.entries:
            slug = entry_terms.get((note.path, entry.line))
            if slug is None:  # no name left: reported by merge
                continue
            own = " ".join([*entry.paragraphs, *entry.bullets])
            if entry.locus:
                stops.append(Stop(note.slug, len(stops) + 1, entry.locus, slug, entry.line, own=own))
            for code in entry.code:
                if code.locus:
                    stops.append(
                        Stop(note.slug, len(stops) + 1, code.locus, slug, code.line, code=code.text, own=code.text)
                    )
        if stops:
            result.append(Walk(note=note.slug, title=note.title, stops=tuple(label_repeats(stops))))
    return tuple(result)


def label_repeats(stops: list[Stop]) -> list[Stop]:
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
                own=stop.own,
            )
        )
    return labelled
