"""Golden files for a few emitted pages; refresh with `pytest --update-golden`."""

from __future__ import annotations

import pytest
from conftest import ROOT
from gloss.build import generate

GOLDEN = ROOT / "tests" / "golden"
PAGES = [
    "terms/learning-rate.md",
    "terms/core-training-step.md",
    "terms/timestep.md",
    "walk.md",
    "sources/deep-learning-wiki.md",
]


@pytest.fixture(scope="module")
def pages():
    return generate(ROOT / "glossary")[2]


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(page, pages, request):
    golden = GOLDEN / page.replace("/", "__")
    if request.config.getoption("--update-golden"):
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")
