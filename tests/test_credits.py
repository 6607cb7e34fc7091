"""Whose words: other people's glossaries credited with title, author, licence and source; the learner's
own notes first; names without a definition credited as names; merged pages, stubs and credits in Chromium."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from conftest import copy_project, mkdocs_build

from gloss.build import generate
from gloss.merge.credits import readable

# Written for these tests: the learner's own shorthand, and two public glossaries by other people.
MINE = """\
Door: Dropout: randomly switch off neurons so net doesnt rely on any 1
Stairs: Optimiser: thing that updates weights (adam, sgd..)
Hall: Epoch:
"""
THEIRS = """\
---
title: GLOSSARY OF TERMS
author: Ada Writer
url: https://example.org/ml-glossary
licence: CC BY 4.0
own: false
---
## Dropout
Dropout is a regularization technique that randomly sets a fraction of activations to zero during training,
so that the network cannot rely on any single unit.

## Optimizer
An optimizer is the algorithm that updates the model's parameters from the gradients of the loss, such as SGD or Adam.

## Epoch
One epoch is one complete pass through the training data set.

## Lottery ticket hypothesis
Be the first to contribute!
"""
SHORT = """\
# Quick terms

**Dropout**: Zeroes activations at random while training, so units do not co-adapt.

**Batch**: The examples processed in one step.
"""
CURATED = """\
notes:
  short.md:
    title: Quick ML terms
    author: Bo Smith
    licence: MIT
    url: https://example.com/quick
    own: false
  missing.md:
    author: Nobody
"""


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("credits")
    folder = write(
        root / "glossary",
        {"house.txt": MINE, "theirs.md": THEIRS, "short.md": SHORT, "curated.yml": CURATED},
    )
    (root / "mkdocs.yml").write_text("site_name: Test\n")
    return generate(folder)


def test_titles_in_capitals_read_as_sentences():
    assert readable("GLOSSARY OF TERMS") == "Glossary of terms"
    assert readable("DL GLOSSARY") == "DL glossary"
    assert readable("Deep learning keywords") == "Deep learning keywords"


def test_credits_come_from_front_matter_and_curated_yml(built):
    notes = {note.path: note for note in built.linked.glossary.notes}
    theirs, short, mine = notes["glossary/theirs.md"], notes["glossary/short.md"], notes["glossary/house.txt"]
    assert theirs.title == "Glossary of terms"
    assert (theirs.credit.author, theirs.credit.licence, theirs.credit.url, theirs.credit.own) == (
        "Ada Writer",
        "CC BY 4.0",
        "https://example.org/ml-glossary",
        False,
    )
    assert short.title == "Quick ML terms" and short.credit.author == "Bo Smith" and not short.credit.own
    assert mine.credit.own and not mine.credit.author
    said = [str(issue) for issue in built.issues]
    assert "glossary/curated.yml:8: note 'missing.md' is no file of the glossary folder" in said


def test_the_learners_words_come_first_then_the_most_complete(built):
    dropout = built.linked.terms["dropout"]
    writers = [definition.definition.sources[0].note for definition in dropout.definitions]
    assert writers == ["house", "theirs", "short"]  # own first; then the longer of the other two
    page = built.files["terms/dropout.md"]
    assert page.index(">House</a>") < page.index(">Glossary of terms</a>")
    assert page.index("In your notes: <a") < page.index("From <a")
    assert (
        'From <a href="../../sources/theirs/#line-8">Glossary of terms</a> by Ada Writer '
        '(CC BY 4.0, <a href="https://example.org/ml-glossary">source</a>):' in page
    )
    assert 'by Bo Smith (MIT, <a href="https://example.com/quick">source</a>)' in page


def test_spellings_of_one_concept_are_one_page_with_the_reason_reported(built):
    terms = [term.name for term in built.linked.glossary.terms]
    assert terms.count("Optimiser") + terms.count("Optimizer") == 1
    said = [str(issue) for issue in built.issues]
    assert "glossary/theirs.md:12: 'Optimizer' joins 'Optimiser': British/American spelling" in said


def test_the_sources_page_lists_whose_words_each_note_holds(built):
    index = built.files["sources/index.md"]
    rows = [line for line in index.split("\n") if line.startswith("| [")]
    assert rows[0] == "| [House](house.md) | 3 | yours |"  # the learner's own first
    assert (
        "| [Glossary of terms](theirs.md) | 4 | Ada Writer (CC BY 4.0, [source](https://example.org/ml-glossary)) |"
        in index
    )
    page = built.files["sources/theirs.md"]
    assert "**Whose words:** Ada Writer (CC BY 4.0, [source](https://example.org/ml-glossary))" in page
    assert "| Own |" not in page and "| Author |" not in page  # said once, in the credit


def test_the_gist_is_a_full_sentence_not_the_shorthand(built):
    assert built.linked.terms["dropout"].term.gist.startswith("Dropout is a regularization technique")
    assert built.linked.terms["epoch"].term.gist == "One epoch is one complete pass through the training data set."


def test_a_name_without_a_definition_is_credited_as_a_name(built):
    epoch = built.linked.terms["epoch"]
    assert [d.definition.sources[0].note for d in epoch.definitions] == ["theirs"]
    assert [source.note for source in epoch.term.named_in] == ["house"]
    assert (
        '<p class="named-in"><em>Also named, without a definition, in '
        '<a href="../../sources/house/#line-3">House</a>.</em></p>' in built.files["terms/epoch.md"]
    )


def test_a_placeholder_alone_is_a_stub_page(built):
    lottery = built.linked.terms["lottery-ticket-hypothesis"]
    assert lottery.term.stub
    page = built.files["terms/lottery-ticket-hypothesis.md"]
    assert "Be the first to contribute" not in page and "A stub" in page


def test_merged_page_stub_and_credit_in_chromium(tmp_path, browser):
    from glosstools.localsite import free_port, serve

    project = copy_project(tmp_path / "project")
    write(project / "glossary", {"theirs.md": THEIRS, "short.md": SHORT})
    (project / "glossary" / "curated.yml").write_text(
        (project / "glossary" / "curated.yml").read_text()
        + "\n"
        + CURATED.replace("  missing.md:\n    author: Nobody\n", "")
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site", free_port()) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{url}/terms/dropout/")  # the learner's Dropout and two other people's: one page
        assert page.locator("h1").inner_text().startswith("Dropout")
        credits = page.locator(".credit").all_inner_texts()
        assert credits[0].startswith("In your notes:")  # the learner's own, first
        assert any("by Ada Writer (CC BY 4.0, source)" in text for text in credits)
        assert page.locator('.credit a[href="https://example.org/ml-glossary"]').count() == 1
        page.goto(f"{url}/terms/lottery-ticket-hypothesis/")
        assert page.locator(".stub").inner_text().startswith("A stub")
        page.close()
