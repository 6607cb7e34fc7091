from pathlib import Path
from textwrap import dedent

import pytest
from gloss import shapes
from gloss.shapes import detect_shape

GLOSSARY = Path(__file__).resolve().parent.parent / "glossary"


@pytest.mark.parametrize(
    ("note", "shape"),
    [
        ("mental-castle-list.txt", shapes.LIST),
        ("house-walk-loci.txt", shapes.LOCI),
        ("what-is-glossary.txt", shapes.WHAT_IS),
        ("keywords-article.txt", shapes.KEYWORDS),
        ("deep-learning-wiki.txt", shapes.WIKI),
    ],
)
def test_each_real_note_has_its_shape(note, shape):
    assert detect_shape((GLOSSARY / note).read_text(encoding="utf-8")) == shape


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ("---\ntitle: T\n---\n- : Dropout: drop units\n", shapes.LIST),
        ("- Dropout: drop units\n- Epoch: one pass\n", shapes.LIST),
        ("Door: Tensor: n-d array\nHall: Epoch: one pass\n", shapes.LOCI),
        ("intro\n### what is a tensor\n- n-d array\n", shapes.WHAT_IS),
        ("# Page\n\n## Section\n\ntext\n", shapes.WIKI),
        (
            "site\n\nEpoch\n\nOne pass over the data, all of it.\n\nTensor\n\nAn n-d array of numbers.\n",
            shapes.KEYWORDS,
        ),
        ("", None),
        ("just one line of prose that is not any shape at all.\n", None),
        ("\x89PNG garbage", None),
    ],
)
def test_detect_shape(text, shape):
    assert detect_shape(dedent(text)) == shape
