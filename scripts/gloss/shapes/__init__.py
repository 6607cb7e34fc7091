"""Note shapes: one module per shape, each with its ``detect`` and its ``parse``, in one table.

Adding a shape is one module here, one entry in ``SHAPES`` and its tests.
``detect_shape`` asks every module how surely a text has its shape: the first
strong sign in table order wins, else the first weak one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Shape
from . import keywords, loci, markdown, what_is, wiki, yaml_list
from .common import Fit, Parsed


@dataclass(frozen=True)
class ShapeModule:
    detect: Callable[[str], Fit]
    parse: Callable[[str, str], Parsed]
    summary: str  # the module's docstring, for messages and docs


SHAPES: dict[Shape, ShapeModule] = {
    module.SHAPE: ShapeModule(module.detect, module.parse, (module.__doc__ or "").strip())
    for module in (yaml_list, loci, what_is, keywords, wiki, markdown)
}
PLAIN_TEXT_SHAPES = tuple(shape for shape in SHAPES if shape != Shape.MARKDOWN)
_LOCUS_LINE = re.compile(r"^\s*(?:[-*+]\s*)?[^:]{0,80}:\s+[^:]{1,80}:(?:\s|$)")


def plain_text_shape(text: str) -> Shape | None:
    """The plain-text shape of a note: the first strong sign in table order, else the first weak one."""
    fits = {shape: SHAPES[shape].detect(text) for shape in PLAIN_TEXT_SHAPES}
    for wanted in (Fit.STRONG, Fit.WEAK):
        for shape, fit in fits.items():
            if fit == wanted:
                return shape
    return None


def _places_terms_at_loci(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip() and line.strip() not in ("---", "...")]
    return bool(lines) and sum(bool(_LOCUS_LINE.match(line)) for line in lines) >= 0.6 * len(lines)


def detect_shape(text: str, markdown_note: bool = False) -> Shape | None:
    """The shape of a note's text (lines split on "\\n"), or None when none fits.

    A ``.txt`` note is read as plain text when one of the five plain-text shapes
    fits it, as Markdown otherwise.  A ``.md`` note is read as Markdown, unless it
    places terms at loci ("Locus: Term: definition" lines, which Markdown has no
    idiom for) or Markdown finds no term in it and a plain-text shape fits.
    """
    plain = plain_text_shape(text)
    if markdown_note:
        if plain in (Shape.LIST, Shape.LOCI) and _places_terms_at_loci(text):
            return plain
        return Shape.MARKDOWN if markdown.detect(text) else plain
    return plain or (Shape.MARKDOWN if markdown.detect(text) else None)


def parse(shape: Shape, text: str, path: str) -> Parsed:
    return SHAPES[shape].parse(text, path)


__all__ = ["SHAPES", "Fit", "Parsed", "ShapeModule", "detect_shape", "parse"]
