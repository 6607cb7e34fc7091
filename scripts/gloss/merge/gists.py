"""The gist: one plain sentence for the top of a term's page, its hover preview and meta description."""

from __future__ import annotations

import re

from .. import names
from ..model import Definition
from . import variants

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]][.!?])\s+(?=[A-Z])")
_VERBISH = re.compile(
    r"\b(?:is|are|was|were|be|been|being|has|have|had|can|could|may|might|must|will|would|should|does|do|did"
    r"|means?|refers?|describes?|\w+(?:es|ed|s))\b",
    re.I,
)
_NOT_PROSE = re.compile(r"^\s*(?:[A-Z][A-Za-z0-9]{0,8}[A-Z0-9]s?\s*[:]\s|https?://|www\.)")
GIST_PARAGRAPH = 600  # the longest first paragraph that still counts as the clearest
NO_DEFINITION = "No definition yet."
GIST_LENGTH = 200


def _first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip())[0]


def _is_sentence(text: str) -> bool:
    """A full sentence: a capital start, a verb, a full stop at the end, at least six words."""
    return text[:1].isupper() and text.rstrip().endswith(".") and len(text.split()) >= 6 and bool(_VERBISH.search(text))


def gist(definitions: tuple[Definition, ...], name: str = "") -> str:
    """One plain sentence for the top of the page, the hover preview and the meta description.

    The gist is chosen, not taken: no note is preferred (the learner's own notes neither).  Each
    definition offers its first paragraph (or first bullet); an abbreviation line ("SVM: Support
    Vector Machine"), a URL, a question, a placeholder or the term's name again is no offer.  The
    clearest definition is one whose first sentence is a full sentence (capital start, a verb, a full
    stop, six words or more) and, among those, the one with the longest first paragraph up to
    ``GIST_PARAGRAPH`` characters (a longer one ranks after every shorter); ties go to the first
    written.  Its first sentence is the gist.  Without a full sentence, the first offer is the gist,
    as written.  The definitions stay as written below it.
    """
    offers = [d.paragraphs[0] for d in definitions if d.paragraphs] + [d.bullets[0] for d in definitions if d.bullets]
    own = names.key(name) if name else None
    offers = [
        " ".join(text.split())
        for text in offers
        if text.strip()
        and not _NOT_PROSE.match(text)
        and not text.rstrip().endswith("?")
        and not variants.is_placeholder(text)
        and (own is None or not names.same_key(text, own))
    ]
    sentences = [text for text in offers if _is_sentence(_first_sentence(text))]
    if sentences:
        best = max(sentences, key=lambda text: len(text) if len(text) <= GIST_PARAGRAPH else -len(text))
        text = _first_sentence(best)
    elif offers:
        text = offers[0].strip()
        if re.match(r"[a-z]+\b(?![.(_]|\s*=)", text):
            text = text[0].upper() + text[1:]
    elif any(d.code for d in definitions):
        code = next(d.code for d in definitions if d.code)
        text = f"Code, {len(code)} line{'s' if len(code) > 1 else ''}: {code[0].strip()}"
    elif any(d.refs for d in definitions):
        text = "No definition yet; see the reference below."
    else:
        return NO_DEFINITION
    text = " ".join(text.split())
    if len(text) > GIST_LENGTH:
        text = text[: GIST_LENGTH - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text
