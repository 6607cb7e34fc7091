"""Names: the key that unifies spellings of one term, and safe, stable slugs."""

from __future__ import annotations

import functools
import hashlib
import re
from typing import Any

from pymdownx.slugs import slugify as _pymdownx_slugify

from .model import Slug

_slugify: Any = _pymdownx_slugify(case="lower", percent_encode=False)

_QUESTION = re.compile(r"^\s*(?:what|who)\s+(?:is|are)\s+", re.I)
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
_ABBREVIATION = re.compile(r"\s+\(([^()]+)\)\s*$")
_SEPARATORS = re.compile(r"[\s_\-\u2010-\u2015]+")
_TRAILING = re.compile(r"[\s:?!.,;]+$")

# Words whose final "s" is not a plural.
_NOT_PLURAL = {
    "analysis", "axis", "basis", "bias", "corpus", "gas", "has", "is", "its", "lens",
    "mass", "news", "plus", "series", "species", "status", "this", "thus", "was", "yes",
    "alias", "atlas", "canvas", "focus", "radius", "virus", "always", "less", "cross",
}  # fmt: skip


@functools.lru_cache(maxsize=1 << 16)
def singular(word: str) -> str:
    """The singular of an English word, by a few suffix rules (lower case in, out)."""
    if len(word) <= 3 or word in _NOT_PLURAL or not word.isalnum():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("s") and word[-2].isalnum():
        return word[:-1]
    return word


def strip_name(name: str) -> str:
    """A name as a heading would show it: no "what is", article or trailing colon."""
    name = _QUESTION.sub("", name.strip())
    name = _ARTICLE.sub("", name)
    return _TRAILING.sub("", name).strip()


def split_abbreviation(name: str) -> tuple[str, str | None]:
    """ "Recurrent Neural Networks (RNNs)" -> ("Recurrent Neural Networks", "RNNs")."""
    match = _ABBREVIATION.search(name)
    if match and match.start() > 0:
        return name[: match.start()].strip(), match.group(1).strip()
    return name, None


def key(name: str) -> str:
    """The key that every spelling of one term shares.

    Case, "what is"/articles, a trailing "(ABBR)", hyphens vs spaces and a
    plural last word do not matter; everything else does.
    """
    name, _ = split_abbreviation(strip_name(name))
    words = _SEPARATORS.sub(" ", name.lower()).strip().split(" ")
    if not words or words == [""]:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def display(name: str) -> str:
    """A display name: stripped, with a capital first letter when it starts lower case
    and reads as prose (code such as "model.eval()" keeps its case)."""
    name = strip_name(name)
    if name[:1].isascii() and name[:1].islower() and len(name) > 1 and not re.search(r"[._()=]", name):
        return name[0].upper() + name[1:]
    return name


def slug(name: str, max_length: int = 60) -> Slug:
    """A URL- and file-safe slug: lower case letters, digits and hyphens only.

    Names with no letter or digit, or very long names, get a short hash of the
    name so that the slug stays non-empty, short and stable.
    """
    base = _slugify(re.sub(r"[./\\]+", " ", name), "-")
    base = re.sub(r"[^\w-]", "", base).strip("-_")
    base = re.sub(r"-{2,}", "-", base)
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    if not base:
        return Slug(f"term-{digest}")
    if len(base) > max_length:
        return Slug(base[:max_length].rstrip("-_") + "-" + digest)
    return Slug(base)


def unique_slugs(names: list[tuple[str, str]]) -> dict[str, Slug]:
    """Slugs for (key, display name) pairs, unique even when two names slug alike.

    The pair whose key sorts first keeps the plain slug; the others get a short
    hash of their key, so a slug does not depend on the order of files on disk.
    """
    result: dict[str, Slug] = {}
    taken: dict[str, str] = {}
    for term_key, name in sorted(names):
        candidate = slug(name)
        if candidate in taken:
            candidate = Slug(f"{candidate}-{hashlib.sha1(term_key.encode()).hexdigest()[:6]}")
        taken[candidate] = term_key
        result[term_key] = candidate
    return result
