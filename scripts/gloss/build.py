"""The pipeline: notes -> glossary -> linked glossary -> pages -> docs/.

    notes = parse(folder)
    glossary = merge(notes)
    linked = link(glossary)
    write(emit(linked), docs)

Everything is gathered before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import curated
from .emit import emit
from .link import link
from .merge import merge
from .model import Issue, Linked
from .read import CURATED, parse
from .write import write


@dataclass(frozen=True)
class Result:
    linked: Linked
    issues: tuple[Issue, ...]
    pages: dict[str, str]
    written: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def warnings(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == "warning"]

    def summary(self) -> str:
        glossary = self.linked.glossary
        skipped = sum(1 for issue in self.issues if issue.line)
        return (
            f"glossary: {len(glossary.notes)} notes, {sum(len(n.entries) for n in glossary.notes)} entries, "
            f"{len(glossary.terms)} terms, {self.linked.link_count} links, "
            f"{sum(len(w.stops) for w in glossary.walks)} walk stops; {skipped} lines skipped, "
            f"{len(self.warnings)} warnings; {len(self.written)} files written, {len(self.removed)} removed"
        )


def generate(folder: Path) -> tuple[Linked, list[Issue], dict[str, str]]:
    """Read, merge, link and emit: every page's text, nothing written yet."""
    notes, issues = parse(folder)
    glossary = merge(notes, curated.load(folder / CURATED, f"{folder.name}/{CURATED}"), f"{folder.name}/{CURATED}")
    issues = [*issues, *glossary.issues]
    linked = link(glossary)
    return linked, issues, emit(linked, issues)


def build(folder: Path, docs: Path) -> Result:
    linked, issues, pages = generate(folder)
    written, removed = write(pages, docs)
    return Result(linked, tuple(issues), pages, tuple(written), tuple(removed))
