"""The pipeline: notes -> glossary -> linked glossary -> files.

    notes, issues = parse(folder)
    glossary = tags.apply(merge(notes, curated))  # a vault's tags are topics
    linked = link(glossary, similar.cosines)  # similarity = TF-IDF of the definitions
    concepts = relate(linked, similar)         # topics, related terms, graph layout
    files = emit(Site(linked, issues, settings, stamp, concepts))
    write(files, docs)                      # the command line; the MkDocs hook hands them to MkDocs

Everything is gathered before anything is written.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from . import settings, similarity, vendor, wikilinks
from .link import link
from .merge import credits, curated, merge, tags
from .model import Issue, Level, Linked, Note, Settings, Site
from .pages import emit
from .read import CURATED, parse
from .relate import relate
from .write import write


class Generated(NamedTuple):
    linked: Linked
    issues: list[Issue]
    files: dict[str, Any]  # path relative to docs/ -> content: str, bytes or (with ``defer``) a Deferred page


@dataclass(frozen=True)
class Result:
    linked: Linked
    issues: tuple[Issue, ...]
    files: dict[str, str | bytes]
    written: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def warnings(self) -> list[Issue]:
        return warnings(self.issues)

    def summary(self) -> str:
        return summary(self.linked, self.issues) + f"; {len(self.written)} files written, {len(self.removed)} removed"


def warnings(issues: tuple[Issue, ...] | list[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.level == Level.WARNING]


def summary(linked: Linked, issues: tuple[Issue, ...] | list[Issue]) -> str:
    glossary = linked.glossary
    skipped = sum(1 for issue in issues if issue.line)
    return (
        f"glossary: {len(glossary.notes)} notes, {sum(len(n.entries) for n in glossary.notes)} entries, "
        f"{len(glossary.terms)} terms, {linked.link_count} links, "
        f"{sum(len(w.stops) for w in glossary.walks)} walk stops; {skipped} lines skipped, "
        f"{len(warnings(issues))} warnings"
    )


def stamp(folder: Path, notes: list[Note]) -> float:
    """When the notes last changed: SOURCE_DATE_EPOCH when set, else the newest note's file time.

    It dates the flashcard deck, so the same notes give the same deck and a
    changed note gives a newer one (which Anki takes as an update).
    """
    fixed = os.environ.get("SOURCE_DATE_EPOCH")
    if fixed:
        return float(fixed)
    times = [(folder.parent / note.path).stat().st_mtime for note in notes]
    return float(int(max(times, default=0.0)))


def generate(folder: Path, site_settings: Settings | None = None, defer: bool = False) -> Generated:
    """Read, merge, link and emit: every file's content, nothing written yet.

    Without settings, they come from the mkdocs.yml beside the glossary folder.  With ``defer``, term
    pages are made when they are read (``model.Deferred``), as the MkDocs hook reads them.
    """
    with _without_collection():
        return _generate(folder, site_settings, defer)


@contextlib.contextmanager
def _without_collection() -> Iterator[None]:
    """Python's cycle collector off while the pipeline runs: it makes millions of objects and
    almost no cycles, and the collector walked them all again and again (a fifth of the
    generator's time at 10,000 terms), to find nothing."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _generate(folder: Path, site_settings: Settings | None, defer: bool) -> Generated:
    if site_settings is None:
        site_settings = settings.from_file(folder.parent / settings.CONFIG)
    notes, issues = parse(folder)
    curated_path = f"{folder.name}/{CURATED}"
    curated_data = curated.load(folder / CURATED, curated_path)
    notes, credit_issues = credits.apply(notes, curated_data, folder.name, curated_path)
    glossary = tags.apply(merge(notes, curated_data, curated_path))
    issues = [*issues, *credit_issues, *glossary.issues]
    similar = similarity.build(glossary)
    wiki = wikilinks.index(glossary)
    issues.extend(wikilinks.unresolved(glossary, wiki))
    linked = link(glossary, similar.cosines, wiki)
    concepts = relate(linked, similar, curated_path)
    issues.extend(concepts.issues)
    vendored, vendor_issues = vendor.read(folder.parent)
    if glossary.walks:  # only a walk needs the scheduler
        issues.extend(vendor_issues)
    if any('class="arithmatex"' in d.html for item in linked.terms.values() for d in item.definitions):
        maths, maths_issues = vendor.read_maths(folder.parent)  # only maths needs KaTeX
        vendored.update(maths)
        issues.extend(maths_issues)
    site = Site(linked, tuple(issues), site_settings, stamp(folder, notes), concepts, vendored)
    return Generated(linked, issues, emit(site, defer))


def build(folder: Path, docs: Path, site_settings: Settings | None = None) -> Result:
    """Generate and write into docs/ (only what changed)."""
    linked, issues, files = generate(folder, site_settings)
    written, removed = write(files, docs)
    return Result(linked, tuple(issues), files, tuple(written), tuple(removed))
