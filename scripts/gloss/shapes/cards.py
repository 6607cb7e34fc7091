"""The cards shape: flashcards exported as text, one card a line, its fields split by a tab
(Anki's "Notes in Plain Text", Quizlet, Mochi and the like).

    #separator:tab                                   Anki's header lines say how to read the rest
    #html:true
    #tags column:3
    Epoch<TAB>One full pass over the <b>training data</b>.<TAB>deep-learning

The first field is the term, the second its definition (HTML made plain text: a ``<br>`` or
a block is a new paragraph, other tags go, entities are decoded), a tags column its topics,
and any further field more of the definition; Anki's deck, note type and id columns are
metadata.  A field in double quotes may hold tabs and line breaks.  A card whose front is
no name (a cloze, ``{{c1::…}}``, or a sentence) is reported with its line, not guessed at; a
spreadsheet's first row naming its columns ("Term<TAB>Definition") is no card.  Without Anki's
``#separator:`` line only tabs split fields, and most lines must be cards.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import re

from ..model import Issue, Level, Shape
from ..names import strip_name
from .common import Draft, Fit, Parsed

SHAPE = Shape.CARDS
_HEADER = re.compile(r"^#(?P<key>[a-z][a-z ]*):(?P<value>.*)$", re.I)
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "colon": ":", "space": " "}
_BREAK = re.compile(r"<br\s*/?>|</(?:div|p|li|h[1-6])>", re.I)
_TAG = re.compile(r"<[^>]+>")
_CLOZE = re.compile(r"\{\{c\d+::")
_META_COLUMNS = {"deck", "notetype", "guid"}  # Anki's "#deck column:4" …: not the card's words
# A spreadsheet's first row that names its columns ("Term<TAB>Definition"): no card.
_FRONTS = {"term", "terms", "word", "name", "front", "question", "concept", "keyword"}
_BACKS = {"definition", "definitions", "meaning", "back", "answer", "description", "explanation"}
MAX_WORDS = 8  # a front longer than this is a sentence, not a term's name


def _header(lines: list[str]) -> tuple[dict[str, str], int]:
    """Anki's header lines ("#separator:tab") at the top, and how many lines they take."""
    found: dict[str, str] = {}
    count = 0
    for line in lines:
        match = _HEADER.match(line.strip())
        if not match:
            break
        found[match["key"].strip().lower()] = match["value"].strip()
        count += 1
    return found, count


def _separator(header: dict[str, str]) -> str:
    value = header.get("separator", "tab")
    return _SEPARATORS.get(value.lower(), value[:1] or "\t")


def _is_name(front: str) -> bool:
    return bool(front) and len(front.split()) <= MAX_WORDS and not _CLOZE.search(front) and len(front) <= 80


def detect(text: str) -> Fit:
    lines = text.split("\n")
    header, count = _header(lines)
    separator = _separator(header)
    body = [line for line in lines[count:] if line.strip()]
    cards = [line for line in body if separator in line and _is_name(_plain(line.split(separator, 1)[0]))]
    cards = [line for line in cards if _plain(line.split(separator, 1)[1])]
    if len(cards) < 2:
        return Fit.NO
    if "separator" in header:  # Anki says so
        return Fit.STRONG
    if separator == "\t" and len(cards) >= 0.8 * len(body):
        return Fit.STRONG
    return Fit.NO


def _plain(field: str) -> str:
    """A field as plain text: HTML's line breaks and blocks as new lines, its tags gone, entities decoded."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", field)))
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip("\n ")


def _columns(header: dict[str, str]) -> tuple[int | None, set[int]]:
    """The tags column and the metadata columns (0-based), from "#tags column:3" and the like."""
    tags = None
    meta = set()
    for key, value in header.items():
        if key.endswith(" column") and value.isdigit():
            what = key[: -len(" column")]
            if what == "tags":
                tags = int(value) - 1
            elif what in _META_COLUMNS:
                meta.add(int(value) - 1)
    return tags, meta


def parse(text: str, path: str) -> Parsed:
    parsed = Parsed()
    lines = text.split("\n")
    header, count = _header(lines)
    parsed.meta_lines.extend(range(1, count + 1))
    parsed.meta.extend((key.capitalize(), value) for key, value in header.items() if value)
    tags_at, meta_at = _columns(header)
    reader = csv.reader(lines[count:], delimiter=_separator(header), quotechar='"')
    first = count + 1  # the line a card starts on
    rows = iter(reader)
    while True:
        try:
            fields = next(rows)
        except StopIteration:
            break
        except csv.Error as error:  # a field past csv's limit: the rest is said, not read
            parsed.issues.append(Issue(path, first, f"cards not read from here on ({error})", last=len(lines)))
            break
        last = count + reader.line_num
        if not any(field.strip() for field in fields):
            if any(line.strip() for line in lines[first - 1 : last]):
                parsed.issues.append(Issue(path, first, "a line with no card on it: skipped", Level.INFO, last=last))
            first = last + 1
            continue
        front = _plain(fields[0]).replace("\n", " ")
        rest = [(at, _plain(field)) for at, field in enumerate(fields[1:], start=1)]
        if first == count + 1 and front.lower() in _FRONTS and rest and rest[0][1].lower() in _BACKS:
            parsed.meta_lines.extend(range(first, last + 1))  # the columns' names
            first = last + 1
            continue
        words = [field for at, field in rest if field and at != tags_at and at not in meta_at]
        if not _is_name(front) or not words:
            why = "its front is not a term's name" if not _is_name(front) else "it has no back"
            parsed.issues.append(
                Issue(path, first, f"a card that is not a term ({why}): skipped", Level.INFO, last=last)
            )
        else:
            draft = Draft(name=strip_name(front), line=first, lines=list(range(first, last + 1)))
            draft.paragraphs.extend(paragraph for field in words for paragraph in field.split("\n") if paragraph)
            tags = dict(rest).get(tags_at, "").split() if tags_at is not None else []
            parsed.entries.append(dataclasses.replace(draft.freeze(), tags=tuple(t.replace("::", "/") for t in tags)))
        first = last + 1
    return parsed
