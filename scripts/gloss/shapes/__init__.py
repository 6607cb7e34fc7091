"""Note shapes: one module per shape, each with its ``detect`` and its ``parse``, in one table.

Adding a shape is one module here, one entry in ``SHAPES`` and its tests.
``detect_shape`` asks every module how surely a text has its shape, weighs a
few signs that only the text shows (Markdown syntax, terms placed at loci),
and takes the surest; the file's extension only breaks a tie.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import mdparse
from ..model import Shape
from . import cards, common, concept, keywords, loci, markdown, rst, what_is, wiki, yaml_list
from .common import HEADING, Fit, Parsed, filled


@dataclass(frozen=True)
class ShapeModule:
    detect: Callable[[str], Fit]
    parse: Callable[[str, str], Parsed]
    summary: str  # the module's docstring, for messages and docs


SHAPES: dict[Shape, ShapeModule] = {
    module.SHAPE: ShapeModule(module.detect, module.parse, (module.__doc__ or "").strip())
    for module in (concept, yaml_list, loci, what_is, keywords, wiki, cards, markdown, rst)
}
_LEARNER_SHAPES = (Shape.LIST, Shape.LOCI, Shape.WHAT_IS, Shape.KEYWORDS, Shape.WIKI)
_LOCUS_LINE = re.compile(r"^\s*(?:[-*+]\s*)?[^:]{0,80}:\s+[^:]{1,80}:(?:\s|$)")
_WHAT_IS_HEADING = re.compile(r"^#{1,6}\s+(?:what|who)\s+(?:is|are)\b", re.I)
_LIST_LINE = re.compile(r"^\s*[-*+]\s")
# The shape a file's extension asks for when two shapes fit its text equally well.
_EXTENSION_SHAPES = {
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".rst": "rst", ".html": "markdown", ".htm": "markdown"
}  # fmt: skip
# Markdown syntax that a plain-text shape would show as typed.
_MARKDOWN_BLOCKS = {"fence", "dl_open", "blockquote_open", "tbody_open"}
_MARKDOWN_INLINES = {"strong_open", "em_open", "image", "code_inline"}


def _places_terms_at_loci(text: str) -> bool:
    lines = _body(filled(text))
    return bool(lines) and sum(bool(_LOCUS_LINE.match(line)) for line in lines) >= 0.6 * len(lines)


def _shows_markdown(text: str) -> bool:
    """The text uses Markdown that no plain-text shape reads: emphasis, links, images, code spans or
    fences, tables with rows, definition lists, block quotes or setext headings."""
    for token in mdparse.parse(text):
        if token.type in _MARKDOWN_BLOCKS or (token.type == "heading_open" and token.markup in ("=", "-")):
            return True
        for child in token.children or []:
            if child.type in _MARKDOWN_INLINES or (child.type == "link_open" and child.markup != "autolink"):
                return True
    return False


def _mostly_what_is(text: str) -> bool:
    """At least four in five headings ask "what is": other headings are terms the what-is shape misreads."""
    headings = [line for line in filled(text) if HEADING.match(line)]
    return sum(bool(_WHAT_IS_HEADING.match(line)) for line in headings) * 5 >= 4 * len(headings)


def _body(lines: list[str]) -> list[str]:
    """The non-blank lines of a note after its front matter."""
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines) if i > 0 and line.strip() in ("---", "...")), None)
        if end is not None:
            return lines[end + 1 :]
    return lines


def _body_is_list(text: str) -> bool:
    """Front matter followed by list lines (the list shape), not by some other Markdown."""
    lines = _body(filled(text))
    return not lines or sum(bool(_LIST_LINE.match(line)) for line in lines) >= 0.6 * len(lines)


def _fits(text: str) -> dict[Shape, Fit]:
    """How surely the text has each shape: each module's own sign, weighed with what the text shows."""
    fits = {shape: module.detect(text) for shape, module in SHAPES.items()}
    at_loci = _places_terms_at_loci(text)
    for shape in (Shape.LIST, Shape.LOCI):
        if fits.get(shape) and at_loci:
            fits[shape] = Fit.STRONG  # Markdown has no idiom for "Locus: Term: definition"
    if fits.get(Shape.LIST) == Fit.STRONG and not at_loci and not _body_is_list(text):
        fits[Shape.LIST] = Fit.WEAK  # front matter alone is as much Markdown's as the list's
    if fits.get(Shape.WHAT_IS) and not _mostly_what_is(text):
        fits[Shape.WHAT_IS] = Fit.NO
    if fits.get(Shape.MARKDOWN) == Fit.WEAK and _shows_markdown(text):
        fits[Shape.MARKDOWN] = Fit.STRONG
    if fits.get(Shape.CONCEPT) == Fit.STRONG and not at_loci:
        for shape in (Shape.MARKDOWN, Shape.LIST):  # a note about one concept, whatever Markdown it shows
            fits[shape] = min(fits[shape], Fit.WEAK)
    return fits


def detect_shape(text: str, suffix: str = "", *, markdown_note: bool = False) -> Shape | None:
    """The shape of a note's text (lines split on "\\n"), or None when none fits.

    Every shape is scored on the text: the surest wins (a strong sign over a weak
    one).  On a tie the extension decides (``suffix``, e.g. ".md"; ``markdown_note``
    means ".md"): a ".md" or ".markdown" note is read as Markdown, a ".rst" note
    as reStructuredText, any other note by the learner's plain-text shapes first,
    then the other shapes in table order, Markdown last.  So the learner's own
    shapes read alike whatever the extension, and a Markdown note keeps its Markdown.
    """
    if markdown_note:
        suffix = ".md"
    fits = _fits(text)
    best = max(fits.values(), default=Fit.NO)
    if best == Fit.NO:
        return None
    tied = [shape for shape, fit in fits.items() if fit == best]
    wanted = _EXTENSION_SHAPES.get(suffix.lower())
    preferred = [shape for shape in tied if shape.value == wanted]
    return (preferred or sorted(tied, key=_tie_order))[0]


def _tie_order(shape: Shape) -> int:
    """Without an extension to decide: the learner's own plain-text shapes first, Markdown last."""
    if shape in _LEARNER_SHAPES:
        return _LEARNER_SHAPES.index(shape)
    return len(SHAPES) + (shape == Shape.MARKDOWN)


def parse(shape: Shape, text: str, path: str) -> Parsed:
    return SHAPES[shape].parse(text, path)


__all__ = ["SHAPES", "Fit", "Parsed", "ShapeModule", "detect_shape", "parse"]


def forget() -> None:
    """Once every note is read: the tokens and readings kept while finding and reading shapes go."""
    mdparse.forget()
    markdown.forget()
    common.yaml_data.cache_clear()
