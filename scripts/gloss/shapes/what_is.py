"""The what-is shape: "### what is X" headings, each followed by "- " bullets.

GLOSSARY OF TERMS
### what is a tensor
- an n-d array
- https://example.org/tensors          (a reference)
"""

from __future__ import annotations

import re

from ..model import Issue, Shape
from ..names import strip_name
from .common import HEADING, Draft, Fit, Parsed, filled, nonblank

SHAPE = Shape.WHAT_IS
_WHAT_IS = re.compile(r"^#{1,6}\s+(?:what|who)\s+(?:is|are)\b", re.I)
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_URL = re.compile(r"^<?(https?://\S+?)>?$")


def detect(text: str) -> Fit:
    return Fit.STRONG if any(_WHAT_IS.match(line) for line in filled(text)) else Fit.NO


def parse(text: str, path: str) -> Parsed:
    """A bare URL is a reference; a line under a heading that is no bullet continues the last bullet."""
    parsed = Parsed()
    drafts: list[Draft] = []
    for number, line in nonblank(text):
        heading = HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            name = strip_name(heading.group(2))
            if name:
                drafts.append(Draft(name=name, line=number, lines=[number]))
            else:
                parsed.issues.append(Issue(path, number, "heading names no term"))
        elif not drafts:
            if not parsed.title:
                parsed.title = line.strip()
            else:
                parsed.meta.append(("Introduction", line.strip()))
            parsed.meta_lines.append(number)
        elif bullet:
            item = bullet.group(1).strip()
            url = _URL.match(item)
            if url:
                drafts[-1].refs.append(url.group(1))
            else:
                drafts[-1].bullets.append(item)
            drafts[-1].lines.append(number)
        else:
            draft = drafts[-1]
            if draft.bullets:
                draft.bullets[-1] = f"{draft.bullets[-1]} {line.strip()}"
            else:
                draft.paragraphs.append(line.strip())
            draft.lines.append(number)
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed
