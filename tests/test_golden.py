"""Golden files: at least one for every page kind; refresh with `pytest --update-golden`.

The seeds' pages, and the pages of tests/notes/ (one Markdown note per idiom).
A binary file's golden is its size and SHA-256.
"""

from __future__ import annotations

import hashlib

import pytest
from conftest import ROOT

from gloss.build import generate
from gloss.pages import PAGE_KINDS

GOLDEN = ROOT / "tests" / "golden"
SEEDS = {
    "term": ["terms/learning-rate.md", "terms/core-training-step.md", "terms/timestep.md"],
    "walk": ["walk.md"],
    "index": ["index.md", "a-z.md"],
    "sources": ["sources/index.md", "sources/deep-learning-wiki.md"],
    "report": ["build-report.json"],
    "deck": ["downloads/deep-learning-glossary.csv"],  # the .apkg is dated: tests/test_memorise.py opens it
    "topics": ["topics/index.md", "topics/regularization.md"],
    "graph": ["graph.md", "graph.json", "graph.svg"],
    "rehearse": ["walk/rehearse.md", "vendor/ts-fsrs.js", "vendor/ts-fsrs-LICENSE.txt"],
    "search": ["search/names/s.json", "search/names/t.json"],
}
NOTES = {
    "term": [
        "terms/cnn.md",  # headings, TOC alias, links, code, image
        "terms/pooling-layer.md",
        "terms/momentum.md",  # term line with nested bullets
        "terms/saddle-point.md",  # empty definition
        "terms/augmentation.md",  # a name, then bullets
        "terms/beam-search.md",  # definition list with code
        "terms/generative-adversarial-network.md",  # acronym table
        "terms/logit.md",  # word table with an extra column
        "terms/tokenizer.md",  # hostile input
    ],
    "sources": ["sources/headings.md", "sources/tables.md", "sources/mixed.md"],
    "report": ["build-report.json"],
    "assets": ["note-files/headings/pooling.png"],
}


@pytest.fixture(scope="module")
def files():
    return {"seeds": generate(ROOT / "glossary")[2], "notes": generate(ROOT / "tests" / "notes")[2]}


def test_every_page_kind_has_a_golden_file():
    assert set(SEEDS) | set(NOTES) == set(PAGE_KINDS)


def as_text(content: str | bytes) -> str:
    if isinstance(content, bytes):
        return f"{len(content)} bytes, sha256 {hashlib.sha256(content).hexdigest()}\n"
    return content


@pytest.mark.parametrize(
    ("folder", "page"),
    [("seeds", p) for pages in SEEDS.values() for p in pages]
    + [("notes", p) for pages in NOTES.values() for p in pages],
)
def test_page_matches_golden(folder, page, files, request):
    name = page.replace("/", "__")
    golden = GOLDEN / (name if folder == "seeds" else f"notes__{name}")
    text = as_text(files[folder][page])
    if request.config.getoption("--update-golden"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
