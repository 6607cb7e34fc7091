"""The keywords shape: a few header lines (site, path, title), then a short term line
and a paragraph, alternating.

    example.org
    example.org/blog/keywords
    Deep learning keywords

    Epoch
    One pass over the whole training set.
"""

from __future__ import annotations

import re

from ..model import Shape
from .common import Draft, Fit, Parsed, blocks, is_short_line

SHAPE = Shape.KEYWORDS
_DOMAIN = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+/?$")


def _is_name(lines: list[str], group: list[int]) -> bool:
    return len(group) == 1 and is_short_line(lines[group[0]])


def detect(text: str) -> Fit:
    lines = text.split("\n")
    groups = blocks(lines)
    pairs = sum(
        _is_name(lines, first) and not _is_name(lines, second)
        for first, second in zip(groups, groups[1:], strict=False)
    )
    return Fit.WEAK if pairs >= 2 else Fit.NO


def parse(text: str, path: str) -> Parsed:
    parsed = Parsed()
    lines = text.split("\n")
    drafts: list[Draft] = []
    groups = blocks(lines)
    header: list[tuple[int, str]] = []
    for index, group in enumerate(groups):
        numbers = [i + 1 for i in group]
        joined = " ".join(lines[i].strip() for i in group)
        short = len(group) == 1 and is_short_line(joined)
        following = groups[index + 1] if index + 1 < len(groups) else None
        next_is_prose = following is not None and not _is_name(lines, following)
        if short and (next_is_prose or drafts):
            drafts.append(Draft(name=joined, line=numbers[0], lines=numbers))
        elif short:
            header.append((numbers[0], joined))
        elif drafts:
            drafts[-1].paragraphs.append(joined)
            drafts[-1].lines.extend(numbers)
        else:
            parsed.meta.append(("Introduction", joined))
            parsed.meta_lines.extend(numbers)
    for number, line in header:
        parsed.meta_lines.append(number)
        if _DOMAIN.match(line):
            parsed.meta.append(("Site", line))
        elif "/" in line:
            parsed.meta.append(("Path", line))
        elif not parsed.title:
            parsed.title = line
        else:
            parsed.meta.append(("Header", line))
    parsed.entries = [draft.freeze() for draft in drafts]
    return parsed
