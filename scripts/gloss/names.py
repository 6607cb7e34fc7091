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


# British -> American, one word at a time.  "-ise" becomes "-ize" unless the word is one whose
# "-ise" is no suffix (size, noise, raise, precise, advise, supervise, ...); "-our" only in known stems.
_ISE = re.compile(r"^(?P<stem>[a-z]{3,})is(?P<end>e|es|ed|ing|er|ers|ation|ations|able)$")
_ISE_KEPT = (
    "advertis", "advis", "apprais", "bruis", "chastis", "compris", "compromis", "concis", "cruis",
    "demis", "despis", "devis", "disguis", "enterpris", "excis", "exercis", "expertis", "franchis", "improvis",
    "incis", "merchandis", "nois", "paradis", "pois", "prais", "precis", "premis", "promis", "rais", "repris",
    "revis", "sunris", "supervis", "surpris", "televis", "treatis", "upris", "wis",
)  # fmt: skip
_YSE = re.compile(r"^(?P<stem>[a-z]*ly)s(?P<end>e|ed|ing|er|ers)$")
_OGUE = re.compile(r"^(?P<stem>[a-z]*(?:alog|olog|ilog))ue(?P<end>s|d)?$")
_LLED = re.compile(
    r"^(?P<stem>[a-z]*(?:model|label|level|signal|travel|cancel|channel|tunnel|fuel))l(?P<end>ed|ing|er|ers)$"
)
_OUR = (
    "armour", "behaviour", "clamour", "colour", "endeavour", "favour", "flavour", "harbour", "honour", "humour",
    "labour", "neighbour", "odour", "parlour", "rumour", "savour", "tumour", "valour", "vapour", "vigour",
)  # fmt: skip
# Closed compounds are written open too ("minibatch", "mini-batch"): these first parts are split off.
_COMPOUND_FIRST = (
    "auto", "back", "data", "fine", "hyper", "meta", "mini", "multi", "non", "over", "post", "pre",
    "semi", "sub", "time", "under",
)  # fmt: skip
_PARENTHESISED = re.compile(r"\s*\(\s*([^()]*[A-Za-z]{2}[^()]*?)\s*\)\s*")
_ABBREVIATION_WORD = re.compile(r"[A-Z][A-Za-z0-9]*[A-Z0-9][a-z]?|[A-Z]{2,}s?")
_CODE_NAME = re.compile(r"[._=]|\(\s*\)|\w\([a-z]\)")


def american(word: str) -> str:
    """A lower-case word in American spelling: "optimisers" -> "optimizers", "colour" -> "color"."""
    if not word.isalpha() or len(word) < 5:
        return word
    if word.endswith("yses"):
        return word[:-4] + "ysis"  # "analyses" is the plural of "analysis"
    match = _ISE.match(word)
    if match and not (match["stem"] + "is").endswith(_ISE_KEPT):
        return f"{match['stem']}iz{match['end']}"
    match = _YSE.match(word)
    if match:
        return f"{match['stem']}z{match['end']}"
    match = _OGUE.match(word)
    if match:
        return match["stem"] + {"s": "s", "d": "ed"}.get(match["end"] or "", "")
    match = _LLED.match(word)
    if match:
        return match["stem"] + match["end"]
    for british in _OUR:
        if british in word:
            return word.replace(british, british[:-2] + "r")
    if word.startswith("centre") and word[6:] in ("", "s", "d"):
        return "center" + {"d": "ed"}.get(word[6:], word[6:])
    return word


@functools.lru_cache(maxsize=1 << 16)
def word(text: str) -> str:
    """One word of a name as ``key`` sees it: lower case, American spelling, singular, and a closed
    compound split into its parts ("Minibatches" -> "mini batch"); it may be two words."""
    text = singular(american(text.lower()))
    for first in _COMPOUND_FIRST:
        if text.startswith(first) and len(text) - len(first) >= 3 and text[len(first) :].isalpha():
            return f"{first} {text[len(first) :]}"
    return text


NAME_KEPT = 200  # characters of a text whose stripped name and key are kept (``strip_name``, ``key``)


def strip_name(name: str) -> str:
    """A name as a heading would show it: no "what is", article or trailing colon."""
    return _strip_name(name) if len(name) <= NAME_KEPT else _strip_name.__wrapped__(name)


@functools.lru_cache(maxsize=1 << 16)  # a name is stripped, keyed and shown again and again while merging
def _strip_name(name: str) -> str:
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
    """``_key``, kept for names (a text as long as a paragraph is keyed but not kept)."""
    return _key(name) if len(name) <= NAME_KEPT else _key.__wrapped__(name)


@functools.lru_cache(maxsize=1 << 16)
def _key(name: str) -> str:
    """The key that every spelling of one term shares.

    Case, "what is"/articles, parenthesised words ("(Artificial) Neural
    networks", "Backward pass(backpropagation)", a trailing "(ABBR)"), hyphens
    vs spaces vs closed compounds ("mini-batch", "minibatch"), British vs
    American spelling and the plural of any word do not matter (see ``word``);
    everything else does.
    """
    name, _ = split_abbreviation(strip_name(name))
    if not _CODE_NAME.search(name):
        name = _PARENTHESISED.sub(" ", name)
    words = _SEPARATORS.sub(" ", name.lower()).strip().split(" ")
    if not words or words == [""]:
        return ""
    return " ".join(part for each in words for part in word(each).split(" "))


def same_key(text: str, known: str) -> bool:
    """``key(text) == known``, without working out the key of a text too long to be that name (a
    definition's paragraph): ``key`` drops at most four of its pieces ("what is a …", a trailing
    "?") unless it holds parentheses, and splits none away."""
    if "(" not in text and len(_SEPARATORS.sub(" ", text).split()) > known.count(" ") + 5:
        return False
    return key(text) == known


def literal_key(name: str) -> str:
    """The key of a name as written: case, "what is", a trailing "(ABBR)", hyphens vs spaces and a
    plural last word do not matter. Names with one ``literal_key`` are one spelling; ``key`` unites more."""
    name, _ = split_abbreviation(strip_name(name))
    words = _SEPARATORS.sub(" ", name.lower()).strip().split(" ")
    if not words or words == [""]:
        return ""
    words[-1] = singular(words[-1])
    return " ".join(words)


def parenthesised(name: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """A name without its parenthesised words, the names it also gives, and its abbreviations.

    "(Artificial) Neural networks" -> ("Neural networks", ("Artificial Neural networks",), ());
    "Backward pass(backpropagation)" -> ("Backward pass", ("backpropagation",), ());
    "Rectified Linear (ReLU) activation function" -> ("Rectified Linear activation function", (), ("ReLU",)).
    A word in parentheses before other words is optional; at the end it is another name for the concept;
    an abbreviation anywhere is an abbreviation. Code ("model.eval()", "f(x)") is left as written.
    """
    name = name.strip()
    if _CODE_NAME.search(name):
        return name, (), ()
    others: list[str] = []
    abbreviations: list[str] = []
    for match in _PARENTHESISED.finditer(name):
        inside = " ".join(match.group(1).split())
        after = name[match.end() :].strip()
        if _ABBREVIATION_WORD.fullmatch(inside):
            abbreviations.append(inside)
        elif after:
            others.append(" ".join((name[: match.start()] + " " + inside + " " + after).split()))
        else:
            others.append(inside)
    if not others and not abbreviations:
        return name, (), ()
    return " ".join(_PARENTHESISED.sub(" ", name).split()), tuple(others), tuple(abbreviations)


_PAGE_ID = re.compile(r"\s+[0-9a-f]{32}$")  # Notion's export names a page's file and folder "Title <its id>"
_STAMP = re.compile(r"^(?P<id>\d{12,14})[-_ ](?=\S)")  # a Zettelkasten or Org-roam file: "20210305123456-backprop"


def file_title(stem: str) -> str:
    """A file's or folder's name as a title: Notion's page id ("Backpropagation 1a2b…") and a
    Zettelkasten time stamp ("202103051234 Backpropagation") left out."""
    return _STAMP.sub("", _PAGE_ID.sub("", stem))


def file_id(stem: str) -> str:
    """The Zettelkasten id a file's name starts with ("202103051234 Backpropagation"), which
    ``[[202103051234]]`` links by; "" for a name without one."""
    found = _STAMP.match(stem)
    return found["id"] if found else ""


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
