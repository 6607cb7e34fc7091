"""Entries that name a concept without defining it: stubs (no text, or a placeholder such as
"TODO" or "Be the first to contribute!") and abbreviation lines ("SVM: Support Vector Machine")."""

from __future__ import annotations

import re

from .. import names
from ..model import Entry

_PLACEHOLDER = re.compile(
    r"(?:be the first to contribute|to ?do|tbd|tba|wip|coming soon|to be (?:added|written|defined|done)"
    r"|no definition(?: yet)?|definition(?: coming)? (?:soon|later)|n/?a|fill (?:me |this )?in|placeholder)",
    re.I,
)
_ONLY_MARKS = re.compile(r"[\s.…?!\-–—_*`~]*")
_SMALL_WORDS = {"of", "and", "the", "for", "to", "in", "a", "an", "with", "on", "by", "or"}
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9]{0,8}[A-Z0-9]s?|[A-Z]{2}")
_ABBREVIATION_LINE = re.compile(r"^(?P<acronym>[A-Z][A-Za-z0-9]{0,8}[A-Z0-9]s?)\s*[:=–—-]\s+(?P<expansion>.+?)\.?$")


def is_placeholder(text: str) -> bool:
    """ "TODO", "Be the first to contribute!", "…", "coming soon": text that stands in for a definition."""
    text = " ".join(text.split()).strip("*_`[]() ")
    if _ONLY_MARKS.fullmatch(text):
        return True
    return bool(_PLACEHOLDER.fullmatch(text.rstrip(".!…: ").strip()))


def texts(entry: Entry) -> list[str]:
    return [text for text in (*entry.paragraphs, *entry.bullets) if text.strip()]


def is_stub(entry: Entry) -> bool:
    """An entry that names a concept without defining it: no text, or only placeholders."""
    if entry.code or entry.refs:
        return False
    return all(is_placeholder(text) for text in texts(entry)) and (bool(texts(entry)) or not entry.body.strip())


def expands(acronym: str, expansion: str) -> bool:
    """Whether ``expansion``'s initials spell ``acronym`` ("SVM", "Support Vector Machine")."""
    if acronym.endswith("s") and acronym[:-1].isupper():
        acronym = acronym[:-1]
    letters = "".join(c for c in acronym if c.isupper() or c.isdigit())
    words = [w for w in re.split(r"[\s\-/]+", expansion.strip()) if w]
    if len(letters) < 2 or not 2 <= len(words) <= 8 or re.search(r"[,;:.?!]", expansion.rstrip(".")):
        return False
    every = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w.lower() not in _SMALL_WORDS).upper()
    return letters in (every, content)


def abbreviation_line(entry: Entry, written: str) -> tuple[str, str] | None:
    """(expansion, acronym) when an entry's whole definition is an abbreviation line: "DL: Deep Learning"
    (an entry named "DL" defined "Deep Learning"), or "GAN: Generative adversarial network" under that name."""
    found = texts(entry)
    if len(found) != 1 or entry.code or entry.refs:
        return None
    text = " ".join(found[0].split())
    if _ACRONYM.fullmatch(written) and expands(written, text.rstrip(".")):
        return text.rstrip("."), written
    match = _ABBREVIATION_LINE.match(text)
    if not (match and expands(match["acronym"], match["expansion"])):
        return None
    expansion, acronym = match["expansion"], match["acronym"]
    if names.key(expansion) == names.key(written) or names.key(written) == names.key(acronym):
        return expansion, acronym
    return None
