"""The rst shape: a Sphinx glossary in a reStructuredText note, read with docutils.

    Deep learning                           the note's title (its first section title)
    =============
    .. glossary::
       :sorted:

       Epoch                                a term; the stacked line below is another name for it
       Training epoch
          One pass over the training data.  each definition becomes Markdown: paragraphs, lists,
          See :term:`batch <Batch>`.        code, links; :term: references become [[Batch|batch]],
                                            :math:`x^2` becomes $x^2$, ``.. math::`` a $$ block

Everything outside the glossary (other sections' prose, other directives) and
whatever a definition holds that is not shown (a comment, an image, an unknown
directive such as ``.. youtube::``) is reported with its lines.  docutils is
quiet: no file inclusion, no raw HTML, no message on stderr, and a failure
costs the lines it touches, never the note.
"""

from __future__ import annotations

import re

from ...model import Level, Shape
from ..common import Fit, Parsed
from .reader import Reader

# The package: docutils_setup (the directives and roles of Sphinx glossaries, quiet settings),
# reader (the note, its glossary, its entries), tomarkdown (a definition's tree as Markdown),
# accounting (every other line, reported with why).

SHAPE = Shape.RST

_GLOSSARY = re.compile(r"^[ \t]*\.\.[ \t]+glossary ?::(?:[ \t]|$)", re.M)


def detect(text: str) -> Fit:
    """A note with a ``.. glossary::`` directive."""
    return Fit.STRONG if _GLOSSARY.search(text) else Fit.NO


def parse(text: str, path: str) -> Parsed:
    source = text.split("\n")
    reader = Reader(source, path)
    try:
        reader.read()
    except Exception as error:  # never a traceback: the lines are reported instead
        reader = Reader(source, path)
        filled = [number for number, line in enumerate(source, start=1) if line.strip()]
        if filled:
            why = f"could not be read as reStructuredText ({type(error).__name__}: {error}); skipped, please report it"
            reader.issue(filled[0], why, Level.WARNING, last=filled[-1])
    reader.sweep()
    reader.parsed.issues.sort(key=lambda issue: (issue.line, issue.last))
    return reader.parsed
