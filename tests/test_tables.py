"""Lists and tables of every term (a topic's terms, a note's entries) are written as finished HTML,
not Markdown: they must read as Python-Markdown would have written them, whatever a name holds."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.escape import cell_text, code, md

TRICKY = [
    "Bias & variance",
    '"Attention" head',
    "<EOS> token",
    "Café-style batching",
    "a*b*c and _x_ [y](z) `q` {: .c } | pipe",
    "&amp; typed as an entity, &#42; too",
    "back\\slash \\* and \\",
    "x > y >= z <- w",
    "  padded   name  ",
    "tab\there",
]
# Markdown's and HTML's own characters often, any other character sometimes.
TEXT = st.text(
    st.one_of(
        st.sampled_from(list("ab1 &<>\"'*_`[]{}()|\\#-+.!:;=~^$\t\xa0é")),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    max_size=40,
)


def _python_markdown(cell: str) -> str:
    """The one cell of a one-row Markdown table, as the site's Python-Markdown writes it."""
    out = markdown.markdown(f"| Term |\n|---|\n| {cell} |\n", extensions=["tables", "attr_list"])
    return out.split("<td>", 1)[1].rsplit("</td>", 1)[0]


@given(TEXT)
@settings(max_examples=500, deadline=None)
def test_a_cell_reads_as_python_markdown_writes_it(text):
    assert cell_text(text) == _python_markdown(md(text, start=False))


@given(TEXT.filter(lambda text: text.strip()))
@settings(max_examples=500, deadline=None)
def test_a_code_cell_reads_as_python_markdown_writes_it(text):
    assert f"<code>{cell_text(text, code=True)}</code>" == _python_markdown(code(text))


def test_a_character_reference_without_its_semicolon_reads_as_in_python_markdown_code():
    for text in ("&#0", "&#00 z", "&#x1g", "&#1&#2", "&#X1F", "&#0a", "&#1b&#2", "&#xG", "&#12;", "&#"):
        assert f"<code>{cell_text(text, code=True)}</code>" == _python_markdown(code(text)), text


def test_tricky_names_read_the_same_and_escape_what_html_needs():
    for text in TRICKY:
        ours = cell_text(text)
        assert ours == _python_markdown(md(text, start=False)), text
        assert "<" not in ours.replace("&lt;", "")
