"""The list shape: optional YAML front matter, then "- Locus: Term: definition" lines.

---
title: Mental castle
---
- Door: Tensor: an n-d array
- : Epoch: one pass over the data      (no locus)
- optimizer.step()                     (code of the entry before)
"""

from __future__ import annotations

import re

import yaml

from ..model import Issue, Shape
from .common import (
    LOCUS,
    Draft,
    Fit,
    Parsed,
    body_start,
    filled,
    has_front_matter,
    locus_rest,
    numbered,
    split_term,
    yaml_data,
)

SHAPE = Shape.LIST
_BULLET_WITH_COLON = re.compile(r"^\s*[-*+]\s.*:")
_LIST_LINE = re.compile(r"^\s*[-*+]\s?(?P<rest>.*)$")


def detect(text: str) -> Fit:
    """Front matter over "- Locus: Term: definition" lines is surely this shape; the lines alone may
    be.  Front matter over anything else (a vault's hub note of [[links]], a post) is not: it was
    read line by line as this shape, each line a warning."""
    every = text.split("\n")
    lines = filled("\n".join(every[body_start(text, every) :]))
    listed = not lines or sum(bool(_BULLET_WITH_COLON.match(line)) for line in lines) >= 0.6 * len(lines)
    if has_front_matter(text):
        return Fit.STRONG if listed else Fit.NO
    return Fit.WEAK if lines and listed else Fit.NO


def parse(text: str, path: str) -> Parsed:
    """The locus may be empty ("- : Term: definition").  A line without the
    "Term: definition" shape is code of the entry before it."""
    parsed = Parsed()
    lines = numbered(text)
    start = body_start(text, [line for _, line in lines])
    if start:
        front = "\n".join(line for _, line in lines[1 : start - 1])
        front_matter(front, path, parsed, first_line=2)
        parsed.meta_lines.extend([1, start])
    drafts: list[Draft] = []
    for number, line in lines[start:]:
        if not line.strip():
            continue
        item = _LIST_LINE.match(line)
        if not item:
            parsed.issues.append(Issue(path, number, "not a '- Locus: Term: definition' line"))
            continue
        rest = item["rest"]
        locus_match = LOCUS.match(rest)
        if locus_match and locus_match["locus"] == "":
            locus_rest(locus_match["rest"] or "", None, number, path, drafts, parsed.issues)
        elif locus_match and split_term(locus_match["rest"] or ""):
            locus_rest(locus_match["rest"], locus_match["locus"].strip(), number, path, drafts, parsed.issues)
        else:
            locus_rest(rest, None, number, path, drafts, parsed.issues)
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed


def front_matter(front: str, path: str, parsed: Parsed, first_line: int) -> None:
    """The front matter's keys become the note's metadata; ``title`` its title."""
    for number, line in enumerate(front.split("\n"), start=first_line):
        if line.strip():
            parsed.meta_lines.append(number)
    try:
        data = yaml_data(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = first_line + mark.line if mark else first_line
        problem = getattr(error, "problem", None) or "not valid YAML"
        parsed.issues.append(Issue(path, where, f"front matter is not valid YAML: {problem}"))
        parsed.meta.append(("Front matter", front))
        return
    if not isinstance(data, dict):
        parsed.issues.append(Issue(path, first_line, "front matter is not a mapping of 'key: value' lines"))
        parsed.meta.append(("Front matter", front))
        return
    for name, value in data.items():
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        value = "" if value is None else str(value)
        if str(name) == "title" and value:
            parsed.title = value
        else:
            parsed.meta.append((str(name).capitalize(), value))
