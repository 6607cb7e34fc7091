"""HTML glossaries inside Markdown notes: <dl> and <details>, however broken, give their terms."""

from __future__ import annotations

import re
import shutil
from textwrap import dedent

import pytest
from conftest import ROOT

from gloss.build import generate
from gloss.shapes import detect_shape, markdown

TAGS = re.compile(r"</?\s*(?:dl|dt|dd|details|summary)\b", re.I)


def read(text: str):
    parsed = markdown.parse(text, "n.md")
    return parsed, {entry.name: entry for entry in parsed.entries}


def infos(parsed) -> list[str]:
    return [str(issue) for issue in parsed.issues]


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which ``needle`` is written (once)."""
    [number] = [n for n, line in enumerate(text.split("\n"), start=1) if needle in line]
    return number


def accounted(text: str, parsed) -> list[int]:
    """The non-blank lines neither shown nor reported (none, for any note)."""
    shown = set(parsed.meta_lines) | {line for issue in parsed.issues for line in issue.lines}
    for entry in parsed.entries:
        shown.update(entry.lines)
    return [n for n, line in enumerate(text.split("\n"), start=1) if line.strip() and n not in shown]


BROKEN_DL = dedent("""\
    # Deep learning words

    Words I keep forgetting, from the lectures.

    <dl>
      <dt>Epoch</dt>
      <dd>One full pass over the training set.</dd>

      <dt>Batch size
      <dd>How many samples go into one gradient step (see <a href="https://example.org/batch">this post</a>).

      <dt>Learning rate</dt>
      <dd>The step size of gradient descent.
        <dd>Too high and the loss diverges; too low and training crawls.</dd>
      </dd>
      <dt>Optimizers</dt>
      <ul>
        <li>SGD</li>
        <li>Adam &amp; AdamW</li>
      </ul>
      <dt>Dropout</dt>
      <dd>Randomly zeroes activations while training.</dd></dd></dt>
      </p>
      <dt>Weight decay</dt>

      <dd>

      Adds **an L2 penalty** to the loss, i.e. `loss + wd * w.pow(2).sum()`:

      - shrinks weights
      - same as L2 for plain SGD

      </dd>
      <DT>Softmax</DT>
      <DD>Turns logits into probabilities:<br>
      <code>exp(x) / exp(x).sum()</code></DD>
      <dt>Logit</dt>
      <dt>Tensor</dt><dd>An n-dimensional array; its <i>rank</i> is its number of axes.</dd>
      <dt><strong>ReLU</strong>:</dt>
      <dd><pre><code class="language-python">torch.relu(x)  # max(0, x) for x < 0
    </code></pre></dd>
      <dt>Vanishing gradient</dt>
      <dd><p>Gradients shrink layer by layer.</p><p>Residual connections help.</p>
    </dl>

    These come from week 3 of the course.
    """)


def test_a_broken_dl_glossary_gives_every_term_with_its_line():
    parsed, entries = read(BROKEN_DL)
    names = ["Epoch", "Batch size", "Learning rate", "Optimizers", "Dropout", "Weight decay", "Softmax", "Logit"]
    names += ["Tensor", "ReLU", "Vanishing gradient"]
    assert list(entries) == names
    for name in names:
        tag = "<DT>Softmax" if name == "Softmax" else f"<dt>{'<strong>ReLU' if name == 'ReLU' else name}"
        assert entries[name].line == line_of(BROKEN_DL, tag), name
    assert entries["Epoch"].line == 6 and entries["Epoch"].lines == (5, 6, 7)  # the <dl> line is the first term's
    assert entries["Batch size"].lines == (9, 10)
    assert accounted(BROKEN_DL, parsed) == []
    assert not any(TAGS.search(entry.body) for entry in parsed.entries)


def test_an_unclosed_bold_in_one_definition_does_not_swallow_the_terms_after_it():
    text = dedent("""\
        # Things I keep forgetting

        <dl>
          <dt>Weight decay</dt>
          <dd>Shrinks every weight a little at each step, <b>like a leash.</dd>
          <dt><b>Beam <i>search</b></i></dt>
          <dd>Keeps the k best partial sequences at each step.
          <dt>Temperature
          <dd>Divides the logits before the softmax: <strong>higher is flatter.</dd>
          <dt>Top-p sampling</dt>
          <dd>Samples from the smallest set of tokens whose probabilities add up to p.</dd>
        </dl>
        """)
    parsed, terms = read(text)
    assert list(terms) == ["Weight decay", "Beam search", "Temperature", "Top-p sampling"]
    assert terms["Beam search"].line == line_of(text, "Beam")
    assert "Top-p" not in terms["Weight decay"].body and "Temperature" not in terms["Weight decay"].body
    assert "**like a leash.**" in terms["Weight decay"].body
    assert terms["Top-p sampling"].body.startswith("Samples from the smallest set")
    assert accounted(text, parsed) == []


def test_each_definition_keeps_its_text_and_formatting():
    _, entries = read(BROKEN_DL)
    assert entries["Epoch"].body == "One full pass over the training set."
    assert entries["Batch size"].body == (
        "How many samples go into one gradient step (see [this post](<https://example.org/batch>))."
    )
    # a dd inside a dd is a second paragraph of the same definition
    assert entries["Learning rate"].body == (
        "The step size of gradient descent.\n\nToo high and the loss diverges; too low and training crawls."
    )
    assert entries["Optimizers"].body == "- SGD\n- Adam & AdamW"  # a dt, then a list and no dd
    assert entries["Dropout"].body == "Randomly zeroes activations while training."  # stray closing tags
    assert entries["Weight decay"].body == (
        "Adds **an L2 penalty** to the loss, i.e. `loss + wd * w.pow(2).sum()`:\n\n"
        "- shrinks weights\n- same as L2 for plain SGD"
    )
    assert entries["Weight decay"].paragraphs[0].startswith("Adds an L2 penalty to the loss")
    assert entries["Softmax"].body == "Turns logits into probabilities:\\\n`exp(x) / exp(x).sum()`"
    assert entries["Logit"].body == ""  # a dt with no definition
    assert entries["Tensor"].body == "An n-dimensional array; its *rank* is its number of axes."
    assert entries["ReLU"].body == "```python\ntorch.relu(x)  # max(0, x) for x < 0\n```"
    assert entries["Vanishing gradient"].body.startswith(
        "Gradients shrink layer by layer.\n\nResidual connections help."
    )


def test_text_around_the_glossary_reads_as_before():
    parsed, entries = read(BROKEN_DL)
    assert parsed.title == "Deep learning words"
    assert ("Introduction", "Words I keep forgetting, from the lectures.") in parsed.meta
    # a loose paragraph after the glossary continues its last term, as after any other term
    assert entries["Vanishing gradient"].lines[-1] == line_of(BROKEN_DL, "week 3")
    assert "These come from week 3 of the course." in entries["Vanishing gradient"].body


DETAILS = dedent("""\
    ## Interview flashcards

    <details>
    <summary>What is backpropagation?</summary>

    The chain rule applied from the loss back to every weight,
    layer by layer.

    </details>

    <details open>
      <summary><h4>Overfitting</h4></summary>
      <p>The model learns the noise of the training set.</p>
      <ul><li>more data</li><li>regularisation</li></ul>
    </details>
    <details><summary>Batch norm</summary>Normalises each feature over the batch.</details>
    <details><summary> <b>Layer norm</b> </summary>
      Normalises over the features of one sample.
    </details>

    <details>
    <summary>Attention</summary>

    ```python
    scores = q @ k.T / d ** 0.5  # <b>tags</b> in code stay code
    ```

    </details>
    <details><summary>Click to expand</summary>Then a softmax over the scores.</details>

    <details>
    <summary>Embedding</summary>
    A learnt lookup table from ids to vectors.
    """)


def test_a_details_glossary():
    parsed, entries = read(DETAILS)
    assert list(entries) == [
        "What is backpropagation?", "Overfitting", "Batch norm", "Layer norm", "Attention", "Embedding",
    ]  # fmt: skip
    for name, tag in [
        ("What is backpropagation?", "<summary>What is"),
        ("Overfitting", "<h4>Overfitting"),
        ("Batch norm", "Batch norm</summary>"),
        ("Layer norm", "<b>Layer norm"),
        ("Attention", "<summary>Attention"),
        ("Embedding", "<summary>Embedding"),
    ]:
        assert entries[name].line == line_of(DETAILS, tag), name
    assert entries["What is backpropagation?"].body == (
        "The chain rule applied from the loss back to every weight,\nlayer by layer."
    )
    assert (
        entries["Overfitting"].body
        == "The model learns the noise of the training set.\n\n- more data\n- regularisation"
    )
    assert entries["Batch norm"].body == "Normalises each feature over the batch."
    assert entries["Layer norm"].body == "Normalises over the features of one sample."
    # what a "Click to expand" hides belongs to the term before it
    assert entries["Attention"].body == (
        "```python\nscores = q @ k.T / d ** 0.5  # <b>tags</b> in code stay code\n```\n\nThen a softmax over the scores."
    )
    assert entries["Embedding"].body == "A learnt lookup table from ids to vectors."
    assert "n.md:1: heading 'Interview flashcards' introduces the terms below it" in infos(parsed)
    opened = line_of(DETAILS, "<summary>Embedding") - 1
    assert f"n.md:{opened}: the HTML details opened here is never closed: read up to line 33 as its glossary" in (
        infos(parsed)
    )
    assert accounted(DETAILS, parsed) == []


def test_a_details_around_other_terms_introduces_them():
    text = dedent("""\
        <details><summary>Glossary</summary>
        <dl>
        <dt>Kernel</dt><dd>the weights a convolution slides</dd>
        </dl>
        <details><summary>Stride</summary>how far it slides</details>
        </details>
        """)
    parsed, entries = read(text)
    assert list(entries) == ["Kernel", "Stride"]
    assert entries["Kernel"].line == 3 and entries["Stride"].line == 5
    assert "n.md:1: 'Glossary' introduces the terms below it" in infos(parsed)
    assert accounted(text, parsed) == []


MIXED = dedent("""\
    # My notes

    ## Convolution
    A sliding dot product of a kernel over the input.

    ## Regularisation

    <dl>
    <dt>L1</dt><dd>Sum of absolute weights; makes weights <em>sparse</em>.</dd>
    <dt>L2</dt><dd>Sum of squared weights.</dd>
    </dl>

    ## Pooling
    Downsamples a feature map.

    <dl><dt>Max pooling</dt><dd>keeps the largest value</dd></dl>
    """)


def test_headings_and_a_dl_in_one_note():
    parsed, entries = read(MIXED)
    assert list(entries) == ["Convolution", "L1", "L2", "Pooling"]
    assert entries["Convolution"].line == 3 and entries["Convolution"].body.startswith("A sliding")
    assert (entries["L1"].line, entries["L2"].line) == (9, 10)
    assert entries["L1"].body == "Sum of absolute weights; makes weights *sparse*."
    assert "n.md:6: heading 'Regularisation' introduces the terms below it" in infos(parsed)
    # under a heading that already has text, a glossary is part of its definition, as Markdown
    assert entries["Pooling"].body == "Downsamples a feature map.\n\n**Max pooling**\n\nkeeps the largest value"
    assert entries["Pooling"].lines == (13, 14, 16)
    assert accounted(MIXED, parsed) == []


def test_an_unclosed_dl_at_the_end_of_the_note_gives_its_terms_and_says_so():
    text = (
        "Some words I use.\n\n<dl>\n<dt>Anchor box\n<dd>A prior box the detector refines.\n\n<dt>IoU<dd>overlap / union"
    )
    parsed, entries = read(text)
    assert list(entries) == ["Anchor box", "IoU"]
    assert entries["Anchor box"].body == "A prior box the detector refines."
    assert entries["IoU"].line == 7 and entries["IoU"].body == "overlap / union"
    assert "n.md:3: the HTML dl opened here is never closed: read up to line 7 as its glossary" in infos(parsed)
    assert accounted(text, parsed) == []
    assert detect_shape(text, markdown_note=True) is not None


def test_an_unclosed_dl_ends_at_the_next_heading():
    text = "<dl>\n<dt>Anchor box<dd>a prior box\n\n## Non-max suppression\nKeeps the best box.\n"
    parsed, entries = read(text)
    assert list(entries) == ["Anchor box", "Non-max suppression"]
    assert entries["Non-max suppression"].body == "Keeps the best box."
    assert "n.md:1: the HTML dl opened here is never closed: read up to line 2 as its glossary" in infos(parsed)


def test_other_html_reads_as_before_and_no_glossary_tag_reaches_a_definition():
    text = dedent("""\
        **Epoch**: one pass
        <div align="center">a picture</div>

        </dd>
        </details>

        **Batch**: a group, written `<dd>` in HTML
        """)
    parsed, entries = read(text)
    assert list(entries) == ["Epoch", "Batch"]
    assert entries["Epoch"].body == 'one pass\n<div align="center">a picture</div>'  # as today: HTML shows as text
    assert entries["Batch"].body == "a group, written `<dd>` in HTML"
    assert accounted(text, parsed) == []


def test_a_lone_glossary_tag_outside_a_dl_still_names_its_term():
    parsed, entries = read("<dt>Logit</dt> <dd>a raw score before the softmax\n\n<summary>Probit</summary>\n")
    assert list(entries) == ["Logit", "Probit"]
    assert entries["Logit"].body == "a raw score before the softmax" and entries["Probit"].line == 3


@pytest.mark.parametrize(
    "text",
    [
        "<dl",
        "<dl>",
        "<dl><dt>",
        "</dl></details></dd>",
        "<details><summary></summary></details>",
        "<details>\n\n<summary>",
        "<dt>`x` <dd>",
        "<dl>\n```\n<dt>in code</dt>\n```\n</dl>",
        "<dl>\n\n    <dt>Indented after a blank</dt>\n\n    <dd>still read</dd>\n</dl>",
        "- item\n  <dl><dt>In a list</dt><dd>x</dd></dl>",
        "> <details><summary>Quoted</summary>x</details>",
        "<dl><dt>A<table><tr><td>1<td>2</table></dl>",
        "<dl><dt>B</dt><dd><script>alert(1)</script><img src=x onerror=alert(1)></dd></dl>",
        "<dl><dt>C</dt><dd><!-- <dt>hidden</dt> -->shown</dd></dl>",
        "<details><summary>D</summary><details><summary>E</summary>\n\n# Heading inside\n",
        "\x00<dl>\r<dt>\x00</dt>",
        "<DL><DT>F<DD><BLOCKQUOTE>quoted<BR></BLOCKQUOTE><OL start=3><LI>three</OL></DL>",
    ],
)
def test_broken_html_never_raises_and_every_line_is_accounted_for(text):
    parsed, entries = read(text)
    assert accounted(text, parsed) == []
    for entry in parsed.entries:
        assert not TAGS.search(entry.body) or "`" in entry.body, entry
        assert "<script" not in entry.body and "onerror" not in entry.body and "<img" not in entry.body


def test_what_the_parametrised_notes_give():
    _, entries = read("<dl>\n\n    <dt>Indented after a blank</dt>\n\n    <dd>still read</dd>\n</dl>")
    assert entries["Indented after a blank"].body == "still read"
    _, entries = read("<dl><dt>C</dt><dd><!-- <dt>hidden</dt> -->shown</dd></dl>")
    assert list(entries) == ["C"] and entries["C"].body == "shown"
    _, entries = read("<DL><DT>F<DD><BLOCKQUOTE>quoted<BR></BLOCKQUOTE><OL start=3><LI>three</OL></DL>")
    assert entries["F"].body == "> quoted\n\n3. three"
    _, entries = read("<dl><dt>A<table><tr><td>1<td>2</table></dl>")
    assert entries["A"].body == "| 1 | 2 |\n|---|---|"


def test_generated_term_pages_show_no_glossary_tags_and_keep_formatting(tmp_path):
    folder = tmp_path / "glossary"
    shutil.copytree(ROOT / "glossary", folder)
    (folder / "html-glossary.md").write_text(BROKEN_DL, encoding="utf-8")
    (folder / "flashcards.md").write_text(DETAILS, encoding="utf-8")
    linked, issues, files = generate(folder)
    assert [str(i) for i in issues if i.level == "warning"] == []
    for slug in ("epoch", "optimizer", "weight-decay", "relu", "overfitting", "layer-norm", "attention"):
        assert slug in linked.terms, slug
    pages = {path: text for path, text in files.items() if path.startswith("terms/") and isinstance(text, str)}
    for name in ("optimizer", "weight-decay", "relu", "overfitting", "softmax"):
        assert any(f"terms/{name}" in path for path in pages), name
    for path, text in pages.items():
        assert not re.search(r"<\s*/?\s*(?:dt|dd|summary)\b|&lt;/?(?:dt|dd|summary)", text), path
    page = next(text for path, text in pages.items() if "terms/optimizer." in path)
    assert re.search(r"<ul>\s*<li>(?:<a [^>]*>)?SGD(?:</a>)?</li>\s*<li>Adam &amp; AdamW</li>", page)
    page = next(text for path, text in pages.items() if "terms/weight-decay" in path)
    assert "<li>shrinks weights</li>" in page and "<code>loss + wd * w.pow(2).sum()</code>" in page
    page = next(text for path, text in pages.items() if "terms/relu" in path)
    assert "torch.relu(x)" in page and "<pre" in page
    page = next(text for path, text in pages.items() if "terms/softmax" in path)
    assert "<br" in page


def test_a_saved_html_page_is_read_for_its_glossary(tmp_path):
    """A glossary saved from the web as .html: its <dl> gives the terms and its <title> names the note;
    an .html page with no glossary in it is skipped with a line in the report, not a warning."""
    from gloss.model import Level
    from gloss.read import parse_note

    page = dedent("""\
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>ML &amp; DL Glossary</title></head>
        <body>
        <h1>Machine learning glossary</h1>
        <dl>
          <dt>Epoch</dt>
          <dd>One full pass over the training data.
          <dt>Logit</dt>
          <dd>The raw score before softmax.</dd>
        </dl>
        </body></html>
        """)
    note, issues = parse_note(page.encode(), "glossary/saved/ml.html", "ml")
    assert note is not None and [entry.name for entry in note.entries] == ["Epoch", "Logit"]
    assert note.title == "ML & DL Glossary" and not [i for i in issues if i.level == Level.WARNING]
    none, said = parse_note(b"<html><body><h1>Bookmarks</h1><p>Links.</p></body></html>", "glossary/b.html", "b")
    assert none is None and [(i.level, "no glossary" in i.message) for i in said] == [(Level.INFO, True)]
