"""Note shapes: one module per shape, each with its ``detect`` and its ``parse``, in one table.

Adding a shape is one module here, one entry in ``SHAPES`` and its tests.
``detect_shape`` asks every module how surely a text has its shape: the first
strong sign in table order wins, else the first weak one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Shape
from . import keywords, loci, what_is, wiki, yaml_list
from .common import Fit, Parsed


@dataclass(frozen=True)
class ShapeModule:
    detect: Callable[[str], Fit]
    parse: Callable[[str, str], Parsed]
    summary: str  # the module's docstring, for messages and docs


SHAPES: dict[Shape, ShapeModule] = {
    module.SHAPE: ShapeModule(module.detect, module.parse, (module.__doc__ or "").strip())
    for module in (yaml_list, loci, what_is, keywords, wiki)
}


def detect_shape(text: str) -> Shape | None:
    """The shape of a note's text (lines split on "\\n"), or None when none fits."""
    fits = {shape: module.detect(text) for shape, module in SHAPES.items()}
    for wanted in (Fit.STRONG, Fit.WEAK):
        for shape, fit in fits.items():
            if fit == wanted:
                return shape
    return None


def parse(shape: Shape, text: str, path: str) -> Parsed:
    return SHAPES[shape].parse(text, path)


__all__ = ["SHAPES", "Fit", "Parsed", "ShapeModule", "detect_shape", "parse"]
