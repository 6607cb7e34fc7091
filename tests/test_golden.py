"""Golden files: at least one for every page kind; refresh with `pytest --update-golden`."""

from __future__ import annotations

import pytest
from conftest import ROOT

from gloss.build import generate
from gloss.pages import PAGE_KINDS

GOLDEN = ROOT / "tests" / "golden"
PAGES = {
    "term": ["terms/learning-rate.md", "terms/core-training-step.md", "terms/timestep.md"],
    "walk": ["walk.md"],
    "index": ["index.md", "a-z.md"],
    "sources": ["sources/index.md", "sources/deep-learning-wiki.md"],
    "report": ["build-report.json"],
    "deck": ["downloads/deep-learning-glossary.csv"],  # the .apkg is binary: tests/test_memorise.py opens it
}


@pytest.fixture(scope="module")
def files():
    return generate(ROOT / "glossary")[2]


def test_every_page_kind_has_a_golden_file():
    assert set(PAGES) == set(PAGE_KINDS)


@pytest.mark.parametrize("page", [page for pages in PAGES.values() for page in pages])
def test_page_matches_golden(page, files, request):
    golden = GOLDEN / page.replace("/", "__")
    if request.config.getoption("--update-golden"):
        golden.write_text(files[page], encoding="utf-8")
    assert files[page] == golden.read_text(encoding="utf-8")
