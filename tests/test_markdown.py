"""Markdown notes: each glossary idiom read from inline strings, and the built pages of tests/notes/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import ROOT, copy_project, mkdocs_build
from htmlscan import broken_links, scan
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.build import generate
from gloss.model import Shape
from gloss.shapes import detect_shape, markdown

NOTES = ROOT / "tests" / "notes"


def read(text: str):
    parsed = markdown.parse(dedent(text), "n.md")
    return parsed, {entry.name: entry for entry in parsed.entries}


def infos(parsed) -> list[str]:
    return [str(issue) for issue in parsed.issues]


def test_a_heading_per_term_at_any_level_atx_or_setext():
    parsed, entries = read("""\
        Title
        =====

        ## Dropout
        Zeroes units at random.

        - only while training

        #### Weight decay
        Shrinks weights.

        Epoch
        -----

        ```python
        for epoch in range(10): ...
        ```
        """)
    assert parsed.title == "Title"
    assert list(entries) == ["Dropout", "Weight decay", "Epoch"]
    assert entries["Dropout"].body == "Zeroes units at random.\n\n- only while training"
    assert entries["Dropout"].lines == (4, 5, 7)
    assert entries["Epoch"].line == 12 and "for epoch" in entries["Epoch"].body


@pytest.mark.parametrize(
    "line",
    [
        "Dropout: zeroes units at random",
        "**Dropout**: zeroes units at random",
        "**Dropout** - zeroes units at random",
        "**Dropout** : zeroes units at random",
        "**Dropout:** zeroes units at random",
        "- Dropout: zeroes units at random",
        "* **Dropout** : zeroes units at random",
        "1. **Dropout** - zeroes units at random",
    ],
)
def test_term_lines_bare_or_as_list_items(line):
    parsed, entries = read(f"{line}\n")
    assert list(entries) == ["Dropout"]
    assert entries["Dropout"].body == "zeroes units at random"


def test_nested_lists_belong_to_the_definition_and_an_empty_one_is_kept():
    parsed, entries = read("""\
        * **Gradient** : the vector ∇L of partial derivatives
          - points uphill
        * **Saddle point** :
        * **Plateau** - flat
        """)
    assert list(entries) == ["Gradient", "Saddle point", "Plateau"]
    assert entries["Gradient"].body == "the vector ∇L of partial derivatives\n\n- points uphill"
    assert entries["Saddle point"].body == ""


def test_a_term_line_followed_by_indented_bullets():
    parsed, entries = read("""\
        Augmentation
          - random crops
          - flips
        """)
    assert list(entries) == ["Augmentation"]
    assert entries["Augmentation"].paragraphs == ("random crops", "flips")


def test_definition_lists():
    parsed, entries = read("""\
        Teacher forcing
        : Feeding the true previous token.
        : It speeds up training.
        """)
    assert entries["Teacher forcing"].body == "Feeding the true previous token.\n\nIt speeds up training."


@pytest.mark.parametrize(
    ("header", "row", "name", "body"),
    [
        ("| Term | Definition |", "| Epoch | One pass. |", "Epoch", "One pass."),
        ("| Word | Meaning |", "| Logit | A raw score. |", "Logit", "A raw score."),
        ("| Question | Answer |", "| Epoch | One pass. |", "Epoch", "One pass."),
        ("| Acronym | Definition |", "| GAN | Generative adversarial network |", "Generative adversarial network (GAN)", "GAN: Generative adversarial network"),
        ("| Acronym | Meaning |", "| CNN | Convolutional network |", "Convolutional network (CNN)", "CNN: Convolutional network"),
    ],
)  # fmt: skip
def test_term_tables(header, row, name, body):
    parsed, entries = read(f"{header}\n|---|---|\n{row}\n")
    assert list(entries) == [name]
    assert entries[name].body == body
    assert "n.md:1-2: table header" in infos(parsed)[0]


def test_a_table_of_any_other_header_is_no_term_table():
    parsed, entries = read("| Model | Year |\n|---|---|\n| AlexNet | 2012 |\n")
    assert entries == {}
    assert "no term and definition columns" in infos(parsed)[0]


def test_what_is_not_a_term_is_reported_with_its_lines():
    parsed, entries = read("""\
        # Glossary

        ## Table of Contents

        - [Convolution Neural Network (CNN)](#cnn)
        - [Pooling](#pooling)

        ## A

        ### CNN
        A network of convolutions.

        ### Pooling
        Downsampling.

        ## Further reading

        * [A book](https://example.org/book)
        """)
    assert parsed.title == "Glossary"
    assert list(entries) == ["CNN", "Pooling"]
    assert entries["CNN"].aliases == ("Convolution Neural Network (CNN)",)
    assert infos(parsed) == [
        "n.md:3: 'Table of Contents' is a section of the note, not a term",
        "n.md:5-6: a table of contents: its links name the headings they point to",
        "n.md:8: a letter heading of the index, not a term",
        "n.md:16: 'Further reading' is a section of the note, not a term",
        "n.md:18: 'Further reading' is a section of the note, not a term",
    ]


def test_a_heading_that_introduces_terms_is_no_term():
    parsed, entries = read("## Activations\n\n- **ReLU**: max(0, x)\n- **Tanh**: squashes\n")
    assert list(entries) == ["ReLU", "Tanh"]
    assert infos(parsed) == ["n.md:1: heading 'Activations' introduces the terms below it"]


def test_idioms_mix_in_one_note():
    parsed, entries = read("""\
        ## Dropout
        Zeroes units.

        ## Words

        Epoch: one pass

        Bias
        : a learnt offset

        | Term | Definition |
        |---|---|
        | Batch | a group |
        """)
    assert list(entries) == ["Dropout", "Epoch", "Bias", "Batch"]


@pytest.mark.parametrize(
    ("text", "markdown_note", "shape"),
    [
        ("## Dropout\nZeroes units.\n", True, Shape.MARKDOWN),
        ("- **Dropout**: zeroes units\n", True, Shape.MARKDOWN),
        ("Door: Tensor: an array\nHall: Epoch: one pass\n", True, Shape.LOCI),  # loci stay a walk in .md too
        ("---\ntitle: T\n---\n- : Dropout: drop units\n", True, Shape.LIST),
        ("- Dropout: drop units\n- Epoch: one pass\n", False, Shape.LIST),  # .txt: plain text first
        ("Dropout\n: zeroes units\n", False, Shape.MARKDOWN),  # .txt no plain shape fits: Markdown
        ("Just a sentence of prose.\n", True, Shape.CONCEPT),  # a vault note: its file name is the term
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", True, None),
    ],
)
def test_shape_of_markdown_and_text_notes(text, markdown_note, shape):
    assert detect_shape(text, markdown_note=markdown_note) == shape


# --- the built pages of tests/notes/ --------------------------------------------------------


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("markdown") / "project", glossary=NOTES)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def article_text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    article = re.split(r'<article class="md-content__inner md-typeset"[^>]*>', html, maxsplit=1)[1].split(
        "</article>", 1
    )[0]
    article = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", " ", article, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def test_every_idiom_becomes_pages(notes_site):
    pages = {p.parent.name for p in (notes_site / "terms").glob("*/index.html")}
    assert {
        "cnn", "pooling-layer", "receptive-field", "stride",  # headings
        "learning-rate", "momentum", "gradient", "saddle-point", "plateau", "weight-decay", "warmup", "adam", "rmsprop",
        "augmentation", "shuffling",  # a name then bullets
        "recurrent-neural-network", "teacher-forcing", "beam-search",  # definition list
        "epoch", "batch-size", "generative-adversarial-network", "rectified-linear-unit", "logit", "vanishing-gradient",
        "tokenizer", "byte-pair-encoding", "embedding-table", "vocabulary",
    } == pages  # fmt: skip


def test_no_term_page_shows_markdown_syntax(notes_site):
    shown = []
    for page in sorted((notes_site / "terms").glob("*/index.html")):
        text = article_text(page)
        for syntax in ("**", "](", "![", "```", "\\[", "\\*", "__", "<script", "<img"):
            if syntax in text:
                shown.append(f"{page.parent.name}: {syntax}")
    assert shown == []


def test_links_images_and_code_render(notes_site):
    cnn = (notes_site / "terms" / "cnn" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://cs231n.github.io/convolutional-networks/" rel="noopener">CS231n notes</a>' in cnn
    assert re.search(r'<a href="[./]*terms/pooling-layer/"[^>]*>pooling layer</a>', cnn)  # #pooling-layer
    assert "<strong>Input Layer</strong>" in cnn and "<code>conv = nn.Conv2d" in cnn
    assert "Also called: Convolutional Neural Network (CNN)" in article_text(notes_site / "terms/cnn/index.html")
    pooling = (notes_site / "terms" / "pooling-layer" / "index.html").read_text(encoding="utf-8")
    assert '<img src="../../note-files/headings/pooling.png" alt="Max pooling over a 2x2 window">' in pooling
    assert (notes_site / "note-files/headings/pooling.png").read_bytes() == (NOTES / "pooling.png").read_bytes()
    assert "<table>" in pooling and "<td>the strongest response</td>" in pooling
    stride = (notes_site / "terms" / "stride" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://example.org/stride.png" rel="noopener">Image: diagram</a>' in stride
    receptive = (notes_site / "terms" / "receptive-field" / "index.html").read_text(encoding="utf-8")
    assert "<ol>" in receptive and "<em>sees</em>" in receptive


def test_hostile_markdown_makes_no_script_and_no_unsafe_link(notes_site):
    for page in notes_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"(href|src)=\"\s*(javascript|vbscript|data):", html, re.I), page
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("&lt;img src=x onerror=alert", "")
    tokenizer = article_text(notes_site / "terms" / "tokenizer" / "index.html")
    assert "<script>alert(1)</script> shows as typed" in tokenizer.replace("&lt;", "<").replace("&gt;", ">")
    assert "click me and data stay text, as does [image: pixel]" in tokenizer


def test_gists_are_plain_text(notes_site):
    for page in (notes_site / "terms").glob("*/index.html"):
        html = page.read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
        assert not re.search(r"\*\*|\]\(|`", description), (page, description)


def test_built_notes_site_links_resolve_and_load_nothing_outside(notes_site):
    assert broken_links(notes_site) == []
    for path in notes_site.rglob("*.html"):
        for source in scan(path).sources:
            assert not source.startswith(("http:", "https:", "//")), f"{path}: {source}"


def test_notes_and_seeds_merge(tmp_path):
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    shutil.copy(NOTES / "term-lines.md", folder / "term-lines.md")
    linked, issues, _ = generate(folder)
    assert [i for i in issues if i.level == "warning"] == []
    learning_rate = linked.terms["learning-rate"]
    assert any(s.note == "term-lines" for d in learning_rate.term.definitions for s in d.sources)
    warmup = linked.terms["warmup"]
    assert warmup.links_to == ("learning-rate",)
    # linked HTML is sanitised as it is linked (escape.sanitize adds rel="noopener"), resolved per page
    assert 'href="glossary:term/learning-rate" rel="noopener">learning rate</a>' in warmup.definitions[0].html


def test_a_fault_in_one_block_names_its_lines_and_the_rest_reads(monkeypatch):
    """Should a bug break the reading of one block, the note still gives its other terms."""
    from gloss.shapes import mdidioms

    def broken(ctx, block):
        raise RuntimeError("boom")

    monkeypatch.setattr(markdown, "definition_list", broken)
    parsed, entries = read("""\
        ## Dropout
        Zeroes units.

        ## Words

        Bias
        : a learnt offset

        **Epoch**: one pass
        """)
    assert list(entries) == ["Dropout", "Epoch"]
    assert "n.md:6-7: could not read this block (RuntimeError: boom); skipped, please report it" in infos(parsed)
    assert mdidioms.definition_list is not broken


@settings(max_examples=1000, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30))
def test_a_name_without_markup_is_read_as_markdown_it_reads_it(text):
    """``inline_name`` skips markdown-it for a name with nothing that could start markup; any text
    reads the same either way (markup or not)."""
    from gloss import mdparse
    from gloss.shapes.mdblocks import inline_name

    tokens = mdparse.parser().parseInline(text)
    parsed = mdparse.plain(tokens[0].children if tokens else None).strip().rstrip(":").strip()
    assert inline_name(text) == parsed
