from pathlib import Path
from textwrap import dedent

import pytest

from gloss.model import Shape
from gloss.shapes import SHAPES, detect_shape

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary"


@pytest.mark.parametrize(
    ("note", "shape"),
    [
        ("mental-castle-list.txt", Shape.LIST),
        ("house-walk-loci.txt", Shape.LOCI),
        ("what-is-glossary.txt", Shape.WHAT_IS),
        ("keywords-article.txt", Shape.KEYWORDS),
        ("deep-learning-wiki.txt", Shape.WIKI),
    ],
)
def test_each_real_note_has_its_shape(note, shape):
    assert detect_shape((GLOSSARY / note).read_text(encoding="utf-8")) == shape


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("---\ntitle: T\n---\n- : Dropout: drop units\n", Shape.LIST),
        ("- Dropout: drop units\n- Epoch: one pass\n", Shape.LIST),
        # A Dendron hub note: front matter over links to its children is a vault note, not the list shape.
        ("---\nid: x1\ntitle: Optim\n---\n\n## Children\n- [[ml.optim.adam]]\n- [[ml.optim.sgd]]\n", Shape.CONCEPT),
        ("Door: Tensor: n-d array\nHall: Epoch: one pass\n", Shape.LOCI),
        ("intro\n### what is a tensor\n- n-d array\n", Shape.WHAT_IS),
        ("# Page\n\n## Section\n\ntext\n", Shape.WIKI),
        (
            "site\n\nEpoch\n\nOne pass over the data, all of it.\n\nTensor\n\nAn n-d array of numbers.\n",
            Shape.KEYWORDS,
        ),
        ("", None),
        ("just one line of prose that is not any shape at all.\n", Shape.CONCEPT),  # a note named by its file
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", None),
        ("\x89PNG garbage", None),
    ],
)
def test_detect_shape(text, shape):
    assert detect_shape(dedent(text)) == shape


def test_every_shape_has_a_module_with_detect_parse_and_an_example():
    assert set(SHAPES) == set(Shape)
    for shape, module in SHAPES.items():
        assert module.summary, shape
        assert callable(module.detect) and callable(module.parse)


def test_a_strong_sign_beats_a_weak_one():
    # Bullets with colons are a weak sign of the list shape; a "what is" heading is a strong one.
    text = "- a: b\n- c: d\n- e: f\n### what is x\n- y\n"
    assert detect_shape(text) == Shape.WHAT_IS
