"""Flashcards exported as text (Anki's "Notes in Plain Text", Quizlet): one card a line, fields split by tabs."""

from __future__ import annotations

from gloss.model import Level, Shape
from gloss.read import parse_note
from gloss.shapes import cards, detect_shape

ANKI = (
    "#separator:tab\n"
    "#html:true\n"
    "#deck column:4\n"
    "#tags column:3\n"
    "Epoch\tOne full pass over the <b>training data</b>.\tdeep-learning\tML::Basics\n"
    'Weight decay\t"An L2 penalty on the weights.<br>Also called\tL2 regularisation &amp; shrinkage."\toptim::l2\tML\n'
    "\n"
    "{{c1::Dropout}} zeroes activations at random\t\tregularisation\tML\n"
    "Logit\tThe raw score before softmax.\t\tML\n"
)


def test_an_anki_export_gives_a_term_per_card_with_its_tags():
    assert detect_shape(ANKI, ".txt") == Shape.CARDS
    parsed = cards.parse(ANKI, "anki.txt")
    assert [(e.name, e.line) for e in parsed.entries] == [("Epoch", 5), ("Weight decay", 6), ("Logit", 9)]
    epoch, decay, logit = parsed.entries
    assert epoch.paragraphs == ("One full pass over the training data.",) and epoch.tags == ("deep-learning",)
    # a quoted field keeps its tab; <br> is a new paragraph; entities are decoded; "::" nests a tag
    assert decay.paragraphs == ("An L2 penalty on the weights.", "Also called L2 regularisation & shrinkage.")
    assert decay.tags == ("optim/l2",) and logit.tags == ()
    assert parsed.meta_lines == [1, 2, 3, 4] and ("Separator", "tab") in parsed.meta
    assert [(i.line, i.level) for i in parsed.issues] == [(8, Level.INFO)]  # the cloze card, said, not guessed
    assert "front is not a term" in parsed.issues[0].message


def test_a_quizlet_export_and_what_is_not_one():
    quizlet = "Epoch\tOne pass over the data.\nLogit\tThe raw score.\nDropout\tZeroes units at random.\n"
    note, issues = parse_note(quizlet.encode(), "glossary/quizlet.txt", "quizlet")
    assert note is not None and note.shape == Shape.CARDS and issues == []
    assert [e.name for e in note.entries] == ["Epoch", "Logit", "Dropout"]
    sheet = cards.parse("Term\tDefinition\n" + quizlet, "sheet.tsv.txt")
    assert [e.name for e in sheet.entries] == ["Epoch", "Logit", "Dropout"] and sheet.meta_lines == [1]
    prose = "# Notes\n\nSome prose about training.\n\nA table pasted in:\tone\tcell\n\nMore prose here.\nAnd here.\n"
    assert detect_shape(prose, ".md") != Shape.CARDS  # one tabbed line among prose is no deck
    indented = "Optimisers\n\t- Adam: adaptive moments\n\t- SGD: plain steps\n"
    assert cards.detect(indented).name == "NO"  # tab-indented lines have no front
