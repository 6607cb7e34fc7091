"""Sphinx glossaries in .rst notes: each idiom read from inline strings, and the pages a note becomes."""

from __future__ import annotations

import contextlib
import io
from textwrap import dedent

import pytest

from gloss.build import generate
from gloss.model import Level, Shape
from gloss.shapes import detect_shape, rst

# A glossary as people keep them: a title, prose and a note before the glossary, terms with two
# names, :term: references with and without labels, maths, code, an unknown directive and role,
# a comment among the terms, a definition indented badly, and an appendix after it.
NOTE = """\
=======================
Deep learning glossary
=======================

These are the words of the course,
kept as I met them.

.. note:: Work in progress.

Terms
-----

.. glossary::
   :sorted:

   Epoch
   Training epoch
      One pass over the training data; several make up training, and each is made of
      :term:`batches <Batch>`.

      After every epoch the :term:`Loss` on the validation set is checked, see the
      `Keras docs <https://keras.io/api/models/model_training_apis/>`_.

      * the data is shuffled *before* each epoch
      * an epoch of ``n`` examples takes :math:`\\lceil n / b \\rceil` steps

      .. code-block:: python
         :emphasize-lines: 2

         for epoch in range(10):
             train_one_epoch(model)

   Batch
      A group of examples seen together. Its mean loss is

      .. math::

         L = \\frac{1}{b} \\sum_{i=1}^{b} \\ell_i

      .. youtube:: dQw4w9WgXcQ
         :width: 480

      Ask the :foo:`trainer` how big it should be.

   .. TODO: add momentum

   Loss
      How wrong the model is on an example.
     Lower is better (this line is indented less).

      .. a private comment

      Example::

         loss = criterion(output, target)

Appendix
--------

Written for the course.
"""


def read(text: str):
    parsed = rst.parse(dedent(text), "n.rst")
    return parsed, {entry.name: entry for entry in parsed.entries}


def messages(parsed) -> list[str]:
    return [str(issue) for issue in parsed.issues]


def accounted(parsed) -> set[int]:
    lines = set(parsed.meta_lines) | {line for issue in parsed.issues for line in issue.lines}
    for entry in parsed.entries:
        lines.update(entry.lines)
    return lines


def test_detect_needs_a_glossary_directive():
    assert rst.detect(NOTE) == rst.Fit.STRONG
    assert rst.detect("Title\n=====\n\nJust prose, *no* glossary.\n") == rst.Fit.NO
    assert rst.detect("Intro\n\n  .. glossary::\n\n     Term\n        Def\n") == rst.Fit.STRONG
    assert detect_shape(NOTE, ".rst") == Shape.RST
    assert detect_shape(NOTE, ".txt") == Shape.RST


def test_every_term_is_an_entry_with_its_lines_and_other_names():
    parsed, entries = read(NOTE)
    assert parsed.title == "Deep learning glossary"
    assert parsed.meta_lines == [1, 2, 3]
    assert list(entries) == ["Epoch", "Batch", "Loss"]
    assert entries["Epoch"].aliases == ("Training epoch",)
    assert (entries["Epoch"].line, entries["Batch"].line, entries["Loss"].line) == (16, 33, 47)
    assert entries["Epoch"].lines == (16, 17, 18, 19, 21, 22, 24, 25, 27, 28, 30, 31)
    assert entries["Batch"].lines == (33, 34, 36, 38, 43)  # the youtube lines 40-41 are reported
    assert entries["Loss"].lines == (47, 48, 49, 53, 55)  # the comment, line 51, is reported


def test_a_definition_becomes_markdown():
    parsed, entries = read(NOTE)
    epoch = entries["Epoch"].body
    assert epoch.startswith(
        "One pass over the training data; several make up training, and each is made of [[Batch|batches]]."
    )
    assert "the [[Loss]] on the validation set" in epoch
    assert "[Keras docs](https://keras.io/api/models/model_training_apis/)" in epoch
    assert (
        "- the data is shuffled *before* each epoch\n- an epoch of `n` examples takes $\\lceil n / b \\rceil$ steps"
        in epoch
    )
    assert epoch.endswith("```python\nfor epoch in range(10):\n    train_one_epoch(model)\n```")
    assert entries["Batch"].body == (
        "A group of examples seen together. Its mean loss is\n\n"
        "$$\nL = \\frac{1}{b} \\sum_{i=1}^{b} \\ell_i\n$$\n\n"
        "Ask the trainer how big it should be."
    )
    assert entries["Loss"].body == (
        "How wrong the model is on an example. Lower is better (this line is indented less).\n\n"
        "Example:\n\n```\nloss = criterion(output, target)\n```"
    )
    assert entries["Loss"].paragraphs[0].startswith("How wrong the model is")
    assert entries["Epoch"].paragraphs[-1] == "for epoch in range(10): train_one_epoch(model)"


def test_what_is_not_shown_is_reported_with_its_lines():
    parsed, _ = read(NOTE)
    assert messages(parsed) == [
        "n.rst:5-6: text outside the glossary (section 'Deep learning glossary'): skipped",
        "n.rst:8: the 'note' directive, outside the glossary: skipped",
        "n.rst:10-11: section heading 'Terms': not a term (only the glossary's terms are)",
        "n.rst:13-14: the '.. glossary::' directive: the terms under it are the entries",
        "n.rst:40-41: unknown directive 'youtube': skipped",
        "n.rst:43: unknown role ':foo:': its text shown plainly",
        "n.rst:45: a comment among the glossary's terms: not shown",
        "n.rst:49: indented less than the first line of its definition; read as part of it",
        "n.rst:51: a comment: not shown",
        "n.rst:57-58: section heading 'Appendix': not a term (only the glossary's terms are)",
        "n.rst:60: text outside the glossary (section 'Appendix'): skipped",
    ]
    assert {issue.level for issue in parsed.issues if "indented less" not in issue.message} == {Level.INFO}
    filled = {number for number, line in enumerate(dedent(NOTE).split("\n"), start=1) if line.strip()}
    assert filled <= accounted(parsed)


def test_docutils_stays_quiet_and_includes_nothing(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    text = f"""\
        .. glossary::

           Include
              Tries to read a file.

              .. include:: {secret}

              .. raw:: html

                 <script>alert(1)</script>

              A `trap <javascript:alert(1)>`_ and <b>markup</b>.

              .. csv-table::
                 :file: {secret}
        """
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(err):
        parsed, entries = read(text)
    assert err.getvalue() == ""
    body = entries["Include"].body
    assert "SECRET" not in body and "<script" not in body and "\\<b\\>markup\\</b\\>" in body
    reported = messages(parsed)
    assert any(m.startswith("n.rst:6: not read as reStructuredText") and "include" in m for m in reported)
    assert any(m.startswith("n.rst:8-10: not read as reStructuredText") and "raw" in m for m in reported)
    assert any(m.startswith("n.rst:14-15: not read as reStructuredText") for m in reported)


@pytest.mark.parametrize(
    "text",
    [
        "",
        ".. glossary::\n",
        ".. glossary::\n\n   :term:`x\n",
        ".. glossary::\n\n   T\n      `unclosed *star ``lit\n      .. math::\n",
        ".. glossary::\n\n   T\n      Line " + "x" * 200_000 + "\n",
        "Title\n===\n\n.. glossary::\n  T\n\t\tdef\x0cwith\u2028odd\x00chars\n",
        ".. glossary::\n\n   T\n      +---+\n      | a |\n      +--\n",
        ".. glossary::\n\n   T\n      .. glossary::\n\n         Inner\n            nested\n",
    ],
)
def test_never_raises_and_accounts_for_every_line(text):
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        parsed = rst.parse(text, "n.rst")
    assert err.getvalue() == ""
    filled = {number for number, line in enumerate(text.split("\n"), start=1) if line.strip()}
    assert filled <= accounted(parsed)
    assert not any("please report it" in issue.message for issue in parsed.issues)


def test_a_glossary_left_unindented_is_reported():
    parsed, entries = read("""\
        .. glossary::

        Epoch
           One pass.
        """)
    assert entries == {}
    assert messages(parsed) == [
        "n.rst:1: the '.. glossary::' directive: the terms under it are the entries",
        "n.rst:1: a '.. glossary::' with no terms indented under it",
        "n.rst:3-4: text outside the glossary: skipped",
    ]


def test_sphinx_roles_links_and_lists_read_as_people_write_them():
    parsed, entries = read("""\
        .. glossary::

           Optimizer : noun
              Updates the weights; see :class:`torch.optim.SGD`, :func:`~torch.optim.adam`
              and :ref:`the tutorial <optim-tutorial>`. Read `PyTorch`_ or `anon`__.

              #. zero the gradients
              #. step

              .. seealso:: :term:`Learning rate`

              .. _PyTorch: https://pytorch.org

              __ https://example.org/anon
           Learning rate
              How big a step is.
        """)
    assert list(entries) == ["Optimizer", "Learning rate"]
    assert entries["Optimizer"].body == (
        "Updates the weights; see `torch.optim.SGD`, `adam` and the tutorial. "
        "Read [PyTorch](https://pytorch.org) or [anon](https://example.org/anon).\n\n"
        "1. zero the gradients\n2. step\n\n"
        "> **See also**\n>\n> [[Learning rate]]"
    )
    assert "n.rst:15: a glossary term must follow a blank line; read as a new term" in messages(parsed)


def test_a_note_becomes_term_pages(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "course.rst").write_text(dedent(NOTE), encoding="utf-8")
    linked, issues, files = generate(folder)
    assert [issue for issue in issues if issue.level == Level.WARNING and "indented less" not in issue.message] == []
    assert {"epoch", "batch", "loss"} <= set(linked.terms)
    assert "Training epoch" in linked.terms["epoch"].term.aliases
    assert {"batch", "loss"} <= set(linked.terms["epoch"].links_to)
    for slug in ("epoch", "batch", "loss"):
        page = next(content for path, content in files.items() if path.startswith(f"terms/{slug}"))
        assert isinstance(page, str)
        assert ":term:" not in page and ".. glossary::" not in page and ".. math::" not in page
        assert "[[" not in page
