"""The loci shape: "Locus: Term: definition" lines, a walk through the house.

Door: Tensor: an n-d array
Stairs up: Learning rate: how quickly params are updated
Hall: optimizer.step()                 (code of the entry before, at a locus of its own)
"""

from __future__ import annotations

import re

from ..model import CodeLine, Issue, Shape
from .common import LOCUS, Draft, Fit, Parsed, filled, locus_rest, looks_like_code, nonblank

SHAPE = Shape.LOCI
_LOCUS_TERM = re.compile(r"^[^:]{1,80}:\s+[^:]{1,80}:(?:\s|$)")
_COLON_LINE = re.compile(r"^[^:]{1,80}:(?:\s|$)")


def detect(text: str) -> Fit:
    lines = filled(text)
    if (
        lines
        and sum(bool(_COLON_LINE.match(line)) for line in lines) >= 0.6 * len(lines)
        and any(_LOCUS_TERM.match(line) for line in lines)
    ):
        return Fit.WEAK
    return Fit.NO


def parse(text: str, path: str) -> Parsed:
    """ "Locus: code" lines are code of the entry before."""
    parsed = Parsed()
    drafts: list[Draft] = []
    for number, line in nonblank(text):
        match = LOCUS.match(line)
        if match and match["locus"].strip() and match["rest"]:
            locus_rest(match["rest"], match["locus"].strip(), number, path, drafts, parsed.issues)
        elif drafts and looks_like_code(line):
            drafts[-1].code.append(CodeLine(text=line.rstrip(), line=number))
            drafts[-1].lines.append(number)
        else:
            parsed.issues.append(Issue(path, number, "not a 'Locus: Term: definition' line"))
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed
