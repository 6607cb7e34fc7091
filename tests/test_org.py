"""Org-mode notes (Emacs, Org-roam), read as the Markdown they mean, line for line."""

from __future__ import annotations

from textwrap import dedent

from conftest import copy_project, mkdocs_build

from gloss.model import Shape
from gloss.read import parse_note
from gloss.read.org import to_markdown

GLOSSARY = dedent("""\
    #+TITLE: Machine learning glossary
    #+STARTUP: overview

    # private: check these against the book

    * Epoch
    One full pass over the *training data*; see [[https://example.org/epochs][this page]].

    * TODO Learning rate                                            :optim:
    The step size of /gradient descent/, written =lr= in code.

    #+begin_src python
    lr = 3e-4  # a *safe* start
    #+end_src

    * Regularisation
    - Dropout :: randomly zeroes activations
    - Weight decay :: an L2 penalty, see [[id:4f2a-11][Adam]]
    """)
ROAM = dedent("""\
    :PROPERTIES:
    :ID:       9b1c2d3e-aaaa-bbbb-cccc-123456789abc
    :END:
    #+title: Backpropagation
    #+filetags: :ml:training:

    Backpropagation computes the gradient of the loss for every weight with the chain rule.
    """)


def test_an_org_glossary_gives_its_headings_and_description_items_as_terms():
    note, issues = parse_note(GLOSSARY.encode(), "glossary/ml.org", "ml")
    assert note is not None and note.shape == Shape.MARKDOWN and note.title == "Machine learning glossary"
    terms = {entry.name: entry for entry in note.entries}
    assert list(terms) == ["Epoch", "Learning rate", "Dropout", "Weight decay"]  # TODO and :tags: are no part of a name
    assert terms["Epoch"].line == 6
    assert (
        terms["Epoch"].body == "One full pass over the **training data**; see [this page](https://example.org/epochs)."
    )
    assert "*gradient descent*" in terms["Learning rate"].body and "`lr`" in terms["Learning rate"].body
    assert "```python\nlr = 3e-4  # a *safe* start\n```" in terms["Learning rate"].body  # code stays as written
    assert terms["Weight decay"].body == "an L2 penalty, see [[Adam]]"
    said = [str(issue) for issue in issues]
    assert "glossary/ml.org:2: an Org setting (#+STARTUP): not shown" in said
    assert "glossary/ml.org:4: an Org comment: not shown" in said


def test_an_org_roam_note_is_one_concept_with_its_tags():
    note, issues = parse_note(ROAM.encode(), "glossary/roam/20210305123456-backpropagation.org", "b")
    assert note is not None and note.shape == Shape.CONCEPT
    (entry,) = note.entries
    assert entry.name == "Backpropagation" and entry.tags == ("ml", "training") and ":ID:" not in entry.body
    assert [str(issue) for issue in issues] == [
        "glossary/roam/20210305123456-backpropagation.org:1-3: an Org property drawer: not shown"
    ]
    markdown, _ = to_markdown(ROAM, "r.org")
    assert markdown.count("\n") == ROAM.count("\n")  # line for line


def test_an_org_note_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "glossary" / "ml.org").write_text(GLOSSARY)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (project / "site" / "terms" / "weight-decay" / "index.html").read_text()
    assert "an L2 penalty" in page and "::" not in page
