"""Notes as people keep them: flashcard questions give their terms, headings that are no terms are
found from the note's structure, and the learner's own shapes read alike as .txt and as .md."""

from __future__ import annotations

import re
import shutil
from textwrap import dedent

import pytest
from conftest import ROOT

from gloss.build import generate
from gloss.model import Shape
from gloss.settings import Settings
from gloss.shapes import detect_shape, markdown
from gloss.shapes.mdblocks import question


def read(text: str):
    parsed = markdown.parse(dedent(text), "n.md")
    return parsed, {entry.name: entry for entry in parsed.entries}


def infos(parsed) -> list[str]:
    return [str(issue) for issue in parsed.issues]


# --- questions and flashcards ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "term"),
    [
        ("What is dropout?", "Dropout"),
        ("What are GANs?", "GANs"),
        ("What's a tensor", "Tensor"),
        ("what is an epoch ?", "Epoch"),
        ("Describe the boosting algorithm:", "Boosting algorithm"),
        ("Explain backpropagation", "Backpropagation"),
        ("Define overfitting.", "Overfitting"),
        ("Q: What is the learning rate?", "Learning rate"),
        ("Q: Softmax", "Softmax"),
        ("What does ReLU stand for?", "ReLU"),
        ("How do I choose a learning rate?", ""),
        ("Why does my loss go up?", ""),
        ("What is the difference between L1 and L2?", ""),
        ("Explain how attention works", ""),
    ],
)
def test_a_question_names_its_term_or_none(line, term):
    assert question(line) == (True, term)


@pytest.mark.parametrize("line", ["Dropout", "Dropout: zeroes units", "The loss function", "Backprop"])
def test_a_name_is_no_question(line):
    assert question(line) == (False, "")


FLASHCARDS = """\
    # ML flashcards

    cards i made for the exam, mostly from lecture 3-5

    ## What is an epoch?
    one full pass over the training set

    ## What are GANs?
    two nets, a generator vs a discriminator
    - generator makes fakes
    - discriminator tells them apart

    ## What's a logit
    raw score before softmax

    ## Describe the boosting algorithm:
    train weak learners one after another, each on the mistakes of the last
    1. fit a stump
    2. reweight the misclassified points

    ## How do I choose a learning rate?
    try a LR range test, pick the steepest part
    (ask in office hours??)

    ## Explain backpropagation
    chain rule applied layer by layer, from the loss backwards

    ## define overfitting
    model memorises the training data, val loss goes up

    ## Cards

    Q: What is the learning rate?
    A: the step size of each update
    too big -> diverges

    Q: What is momentum?

    A: keeps a running average of the gradients
    smooths the zig-zag

    Q: Why does my loss go up?
    A: LR too high, or a bug in the data loader

    Q: Softmax
    A: turns scores into probabilities that sum to 1

    What is weight decay?
    adds the L2 norm of the weights to the loss

    Define a mini-batch: a small random subset of the training set
    """


def test_flashcard_questions_give_their_terms():
    parsed, entries = read(FLASHCARDS)
    assert list(entries) == [
        "Epoch",
        "GANs",
        "Logit",
        "Boosting algorithm",
        "Backpropagation",
        "Overfitting",
        "Learning rate",
        "Momentum",
        "Softmax",
        "Weight decay",
        "Mini-batch",
    ]
    assert not any("?" in name or name.lower().startswith(("what", "how", "why")) for name in entries)
    assert entries["Epoch"].body == "one full pass over the training set"
    assert "- generator makes fakes" in entries["GANs"].body
    assert "2. reweight the misclassified points" in entries["Boosting algorithm"].body
    assert entries["Learning rate"].body == "the step size of each update\ntoo big -> diverges"
    assert entries["Momentum"].body.startswith("keeps a running average of the gradients\nsmooths the zig-zag\n\n")
    assert entries["Softmax"].body == "turns scores into probabilities that sum to 1"
    assert entries["Weight decay"].body == "adds the L2 norm of the weights to the loss"
    assert entries["Mini-batch"].body == "a small random subset of the training set"


def test_a_question_that_names_no_term_stays_prose_of_the_term_before():
    parsed, entries = read(FLASHCARDS)
    boosting = entries["Boosting algorithm"].body
    assert "**How do I choose a learning rate?**" in boosting
    assert "try a LR range test" in boosting
    assert 19 in entries["Boosting algorithm"].lines  # the question's own line is shown there
    assert "Q: Why does my loss go up?\nA: LR too high" in entries["Momentum"].body
    assert parsed.title == "ML flashcards"
    assert ("Introduction", "cards i made for the exam, mostly from lecture 3-5") in parsed.meta
    assert "n.md:31: heading 'Cards' introduces the terms below it" in infos(parsed)


def test_a_question_before_any_term_is_the_notes_introduction():
    parsed, entries = read("""\
        ## Why do nets need non-linearities?
        stacked linear layers are still linear

        ## What is ReLU?
        max(0, x)
        """)
    assert list(entries) == ["ReLU"]
    assert ("Introduction", "Why do nets need non-linearities?") in parsed.meta
    assert ("Introduction", "stacked linear layers are still linear") in parsed.meta


def test_a_question_heading_keeps_its_anchor_for_a_table_of_contents():
    parsed, entries = read("""\
        - [dropout](#what-is-dropout)

        ## What is dropout?
        zeroes units at random
        """)
    assert entries["Dropout"].anchor == "whatisdropout"


def test_a_flashcard_note_is_markdown_and_no_what_is_note():
    text = dedent(FLASHCARDS)
    assert detect_shape(text, ".md") == Shape.MARKDOWN  # mostly other questions: the what-is shape would misread it


# --- headings that are no terms ------------------------------------------------------------------

LECTURE = """\
    Deep Learning - lecture notes
    =============================

    Glossaries
    ----------

    Words I keep looking up, grouped by week.

    ### Tensor
    an n-d array of numbers

    ### Broadcasting
    stretching a smaller tensor to match a bigger one

    # Section 6: Regularisation

    everything that fights overfitting.

    ## Dropout
    zero random activations while training.

    ### Steps

    1. draw a mask with keep probability p
    2. multiply the activations by it
    3. scale by 1/p

    ## Weight decay
    adds lambda * ||w||^2 to the loss

    ```python
    opt = SGD(params, lr=0.1, weight_decay=1e-4)
    ```

    # Part 2 - Optimisers

    ## Adam
    adaptive moments

    #### Chapter 3.

    ## Momentum
    running average of gradients

    Other resources & references
    ----------------------------

    - [CS231n](https://cs231n.github.io/)
    - [d2l.ai, chapter on regularisation](https://d2l.ai/)
    - https://distill.pub/

    ## Further reading (by week)

    * [Goodfellow et al.](https://www.deeplearningbook.org/)
    """


def test_lecture_notes_headings_found_from_structure():
    parsed, entries = read(LECTURE)
    assert list(entries) == ["Tensor", "Broadcasting", "Dropout", "Weight decay", "Adam", "Momentum"]
    assert parsed.title == ""  # several level-1 headings: none is the title
    reported = infos(parsed)
    assert "n.md:1-2: heading 'Deep Learning - lecture notes' groups the headings below it" in reported
    assert "n.md:4-5: heading 'Glossaries' groups the headings below it; its prose introduces the note" in reported
    assert ("Introduction", "Words I keep looking up, grouped by week.") in parsed.meta
    assert "n.md:15: heading 'Section 6: Regularisation' is a part of the note: it groups what follows" in reported
    assert ("Introduction", "everything that fights overfitting.") in parsed.meta
    assert "n.md:35: heading 'Part 2 - Optimisers' is a part of the note: it groups what follows" in reported
    assert "n.md:40: heading 'Chapter 3.' is a part of the note: it groups what follows" in reported
    assert "n.md:45-46: 'Other resources & references' holds only links, not a term" in reported
    assert "n.md:48-50: 'Other resources & references' holds only links, not a term" in reported
    assert "n.md:52: 'Further reading (by week)' is a section of the note, not a term" in reported


def test_a_steps_sub_heading_stays_in_the_definition_above_it():
    parsed, entries = read(LECTURE)
    dropout = entries["Dropout"]
    assert dropout.body == (
        "zero random activations while training.\n\n**Steps**\n\n"
        "1. draw a mask with keep probability p\n2. multiply the activations by it\n3. scale by 1/p"
    )
    assert dropout.lines == (19, 20, 22, 24, 25, 26)
    assert "weight_decay=1e-4" in entries["Weight decay"].body


def test_setext_and_atx_headings_read_alike():
    atx = LECTURE.replace(
        "Deep Learning - lecture notes\n    =============================", "# Deep Learning - lecture notes\n"
    )
    atx = atx.replace("Glossaries\n    ----------", "## Glossaries\n")
    atx = atx.replace(
        "Other resources & references\n    ----------------------------", "## Other resources & references\n"
    )
    assert atx.count("----") == 0
    names = [entry.name for entry in read(atx)[0].entries]
    assert names == [entry.name for entry in read(LECTURE)[0].entries]


def test_a_term_with_a_definition_and_sub_terms_keeps_its_page():
    parsed, entries = read("""\
        ## Convolution
        slides a kernel over the input, summing products.

        - shares weights across positions

        ### Kernel
        the small matrix of weights

        ### Stride
        how far the kernel moves
        """)
    assert list(entries) == ["Convolution", "Kernel", "Stride"]


def test_todays_sections_still_are_no_terms():
    parsed, entries = read("""\
        ## Dropout
        zeroes units

        ## See also
        Weight decay, batch norm.
        """)
    assert list(entries) == ["Dropout"]
    assert "n.md:4: 'See also' is a section of the note, not a term" in infos(parsed)


# --- the learner's own shapes, whatever the extension -------------------------------------------

_EXTENSION = re.compile(r"(?<=[\w-])\.(?:txt|md)\b")


def _normalised(files: dict[str, str | bytes]) -> dict[str, str | bytes]:
    return {
        _EXTENSION.sub(".EXT", path): _EXTENSION.sub(".EXT", content) if isinstance(content, str) else content
        for path, content in files.items()
    }


@pytest.mark.parametrize("note", sorted(path.name for path in (ROOT / "glossary").glob("*.txt")))
def test_each_seed_note_has_its_shape_as_md_too(note):
    text = (ROOT / "glossary" / note).read_text(encoding="utf-8")
    assert detect_shape(text, ".md") == detect_shape(text, ".txt") != Shape.MARKDOWN


def test_seed_notes_saved_as_md_give_the_same_site(tmp_path):
    txt, md = tmp_path / "txt" / "glossary", tmp_path / "md" / "glossary"
    shutil.copytree(ROOT / "glossary", txt)
    shutil.copytree(ROOT / "glossary", md)
    for path in md.glob("*.txt"):
        path.rename(path.with_suffix(".md"))
    as_txt, as_md = generate(txt, Settings()), generate(md, Settings())
    assert sorted(t.slug for t in as_md.linked.glossary.terms) == sorted(t.slug for t in as_txt.linked.glossary.terms)
    assert "terms" not in {t.slug for t in as_md.linked.glossary.terms}
    assert "pages-linking-here" not in {t.slug for t in as_md.linked.glossary.terms}
    assert [(s.locus, s.term) for w in as_md.linked.glossary.walks for s in w.stops] == [
        (s.locus, s.term) for w in as_txt.linked.glossary.walks for s in w.stops
    ]
    files_txt, files_md = _normalised(as_txt.files), _normalised(as_md.files)
    assert sorted(files_md) == sorted(files_txt)
    differ = [path for path in files_txt if files_txt[path] != files_md[path]]
    assert differ == []


FLASHCARD_EXPORT = """\
Cards exported 2026-03-02

Epoch – one full pass over the training data
Batch norm — normalises activations per mini-batch; helps training go faster
Softmax - turns logits into probabilities that sum to 1
Vanishing gradient -- gradients shrink layer by layer so early layers barely learn

Training is slow – that is why we use GPUs.
"""


def test_a_flashcard_export_of_dashed_lines_gives_a_term_a_line():
    parsed, entries = read(FLASHCARD_EXPORT)
    assert list(entries) == ["Epoch", "Batch norm", "Softmax", "Vanishing gradient"]
    assert entries["Batch norm"].paragraphs == ("normalises activations per mini-batch; helps training go faster",)
    assert [entries[name].line for name in entries] == [3, 4, 5, 6]
    assert "Training is slow" not in entries  # one dashed line in prose stays prose


LECTURE_NOTES = """\
# Notes from the vision course

## Losses

### Hinge loss
Used by the SVM classifier; compare the softmax loss, which never stops pushing.[^1]

### Cross entropy
The softmax classifier's loss.[^2]

## Optimisation

### RMSprop
Divides the step by a running average of squared gradients.

[^1]: lecture 3, around minute 40
[^2]: see the derivation
    in the second handout
[^3]: a footnote nothing cites
"""


def test_footnotes_at_the_end_of_a_note_go_with_the_terms_that_cite_them(tmp_path):
    parsed, entries = read(LECTURE_NOTES)
    assert entries["Hinge loss"].body.endswith("[^1]: lecture 3, around minute 40")
    assert entries["Cross entropy"].body.endswith("[^2]: see the derivation\n    in the second handout")
    assert "[^" not in entries["RMSprop"].body and entries["RMSprop"].lines == (13, 14)
    assert "n.md:19: footnote [^3] is cited by no term: not shown" in infos(parsed)
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "lectures.md").write_text(LECTURE_NOTES, encoding="utf-8")
    _, _, files = generate(folder, Settings())
    page = files["terms/hinge-loss.md"]
    assert "lecture 3, around minute 40" in page and "[^1]" not in page
    assert "in the second handout" in files["terms/cross-entropy.md"]
