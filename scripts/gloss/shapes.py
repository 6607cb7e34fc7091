"""Which of the known note shapes a text has."""

from __future__ import annotations

import re

LIST = "list"  # optional YAML front matter, then "- Locus: Term: definition" lines
LOCI = "loci"  # "Locus: Term: definition" lines
WHAT_IS = "what-is"  # "### what is X" headings with "- " bullets
KEYWORDS = "keywords"  # header lines, then a short term line and a paragraph, alternating
WIKI = "wiki"  # "# title", "## Section" prose, a "Question | Answer" table

SHAPES = (LIST, LOCI, WHAT_IS, KEYWORDS, WIKI)

_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)\s*$", re.M)
_WHAT_IS = re.compile(r"^#{1,6}\s+(?:what|who)\s+(?:is|are)\b", re.I)
_BULLET_WITH_COLON = re.compile(r"^\s*[-*+]\s.*:")
_LOCUS_TERM = re.compile(r"^[^:]{1,80}:\s+[^:]{1,80}:(?:\s|$)")
_COLON_LINE = re.compile(r"^[^:]{1,80}:(?:\s|$)")


def has_front_matter(text: str) -> bool:
    return text.startswith("---\n") and _FRONT_MATTER_END.search(text, 4) is not None


def is_short_line(text: str) -> bool:
    """A line that reads as a name or a heading rather than as prose."""
    text = text.strip()
    return 0 < len(text) <= 80 and len(text.split()) <= 8 and not text.endswith((".", ",", ";"))


def blocks(lines: list[str]) -> list[list[int]]:
    """Indexes of the lines of each blank-line-separated block."""
    result: list[list[int]] = []
    current: list[int] = []
    for index, line in enumerate(lines):
        if line.strip():
            current.append(index)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def detect_shape(text: str) -> str | None:
    """The shape of a note's text (lines split on "\\n"), or None when none fits."""
    lines = text.split("\n")
    if has_front_matter(text):
        return LIST
    filled = [line for line in lines if line.strip()]
    if not filled:
        return None
    if any(_WHAT_IS.match(line) for line in filled):
        return WHAT_IS
    if filled[0].startswith("# ") and any(line.startswith("## ") for line in filled):
        return WIKI
    if sum(bool(_BULLET_WITH_COLON.match(line)) for line in filled) >= 0.6 * len(filled):
        return LIST
    if sum(bool(_COLON_LINE.match(line)) for line in filled) >= 0.6 * len(filled) and any(
        _LOCUS_TERM.match(line) for line in filled
    ):
        return LOCI
    pairs = 0
    groups = blocks(lines)
    for first, second in zip(groups, groups[1:], strict=False):
        first_is_name = len(first) == 1 and is_short_line(lines[first[0]])
        second_is_name = len(second) == 1 and is_short_line(lines[second[0]])
        pairs += first_is_name and not second_is_name
    if pairs >= 2:
        return KEYWORDS
    return None
