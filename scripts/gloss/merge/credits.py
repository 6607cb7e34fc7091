"""Whose words each note holds, from its front matter or from ``notes:`` in curated.yml.

A note that says nothing is the learner's own, and so is one that names an author
but not ``own: false``.  Another person's note says ``own: false``; its title,
author, source address and licence are shown with every definition it gives.  Titles
typed in capitals ("GLOSSARY OF TERMS") are shown in sentence case.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import PurePosixPath

from ..model import Credit, Issue, Note
from .curated import Curated

_SMALL = {
    "a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "by", "or", "at", "from", "all", "new", "key",
    "how", "why", "use", "set", "top", "my", "our", "its", "is", "are", "not", "one", "two", "few", "as", "vs",
}  # fmt: skip
_FIELDS = {"author": "author", "url": "url", "source": "url", "link": "url", "licence": "licence", "license": "licence"}


def readable(title: str) -> str:
    """A title in capitals as a sentence: "GLOSSARY OF TERMS" -> "Glossary of terms" (words of two or
    three letters read as acronyms and stay: "DL GLOSSARY" -> "DL glossary")."""
    letters = [c for c in title if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return title
    out = []
    for word in title.split(" "):
        bare = re.sub(r"\W", "", word)
        if 2 <= len(bare) <= 3 and bare.lower() not in _SMALL and not bare.isdigit():
            out.append(word)  # an acronym
        else:
            out.append(word.lower())
    text = " ".join(out)
    return text[:1].upper() + text[1:]


def _from_meta(note: Note) -> Credit:
    found: dict[str, str] = {}
    own = True
    for label, value in note.meta:
        key = label.strip().lower()
        if key in _FIELDS and value.strip():
            found.setdefault(_FIELDS[key], value.strip())
        elif key == "own":
            own = value.strip().lower() not in ("false", "no", "0")
    url = found.get("url", "")
    if not url.lower().startswith(("http://", "https://")):
        url = ""
    return Credit(found.get("author", ""), url, found.get("licence", ""), own)


def apply(notes: list[Note], curated: Curated, folder: str, curated_path: str) -> tuple[list[Note], list[Issue]]:
    """Notes with their credits and readable titles; an issue for a curated note that is no file."""
    said = {item.path.casefold(): item for item in curated.notes}
    issues: list[Issue] = []
    used: set[str] = set()
    result = []
    for note in notes:
        relative = (
            str(PurePosixPath(note.path).relative_to(folder)) if note.path.startswith(folder + "/") else note.path
        )
        credit = _from_meta(note)
        title = readable(note.title)
        item = said.get(relative.casefold()) or said.get(PurePosixPath(relative).name.casefold())
        if item is not None:
            used.add(item.path)
            credit = Credit(
                item.author or credit.author,
                item.url or credit.url,
                item.licence or credit.licence,
                credit.own if item.own is None else item.own,
            )
            title = item.title or title
        result.append(dataclasses.replace(note, credit=credit, title=title))
    for item in curated.notes:
        if item.path not in used:
            issues.append(Issue(curated_path, item.line, f"note '{item.path}' is no file of the glossary folder"))
    return result, issues
