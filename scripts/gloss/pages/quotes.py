"""The sentence a Related reason quotes: where a link stands in a definition, cut as a reader expects."""

from __future__ import annotations

import re

from ..matcher import sentence_at
from ..model import Linked, Reason, Slug, Term

QUOTE = 160  # characters of a quoted sentence, at most
_CLEAN_START = re.compile(r"^[\s,;:.!?)\]}»”’\-–—]+")


def _texts(term: Term) -> list[str]:
    return [" ".join(text.split()) for d in term.definitions for text in (*d.paragraphs, *d.bullets)]


def quote(context: str, texts: list[str], limit: int = QUOTE) -> str:
    """The sentence a link stands in, as a reader sees it quoted: from the start of its sentence
    (found again in the definition's full text, since a Markdown definition hands over the text
    between two pieces of markup, ", but have…"), or after "…" at a word; cut at a word."""
    core = " ".join(context.split()).strip("… ")
    if not core:
        return ""
    for text in texts:
        at = text.find(core)
        if at >= 0:
            core = sentence_at(text, at, at + len(core), limit).strip("… ")
            whole = text.find(core)
            lead = whole > 0 and not _sentence_start(text[:whole])
            tail = whole + len(core) < len(text) and not re.match(r"[.!?;]?\s*$", text[whole + len(core) :][:2])
            return _tidy(core, lead, tail, limit)
    return _tidy(core, context.lstrip().startswith("…"), context.rstrip().endswith("…"), limit)


def quoted(reason: Reason, slug: Slug, other: Slug, linked: Linked, texts: dict[Slug, list[str]]) -> str:
    """A link's sentence as the page of ``slug`` quotes it for the related term ``other``, as the page is
    made (on two cores), not for every link up front; ``texts``: the page's definitions' texts, by term."""
    if not reason.context or reason.kind not in ("links-to", "linked-from"):
        return reason.context
    source = slug if reason.kind == "links-to" else other
    if source not in texts:
        texts[source] = _texts(linked.terms[source].term)
    return quote(reason.context, texts[source])


def _sentence_start(before: str) -> bool:
    """Whether text after ``before`` starts a sentence: nothing but space before it, or an end of a
    sentence (``.!?;:``) or a line break and then only space (looked for at the end, not searched
    through the whole definition)."""
    kept = before.rstrip()
    return not kept or kept[-1] in ".!?;:" or "\n" in before[len(kept) :]


def _tidy(core: str, lead: bool, tail: bool, limit: int) -> str:
    cleaned = _CLEAN_START.sub("", core)
    lead = lead or cleaned != core
    if len(cleaned) > limit:
        cut = cleaned[: limit + 1].rsplit(" ", 1)[0]
        cleaned, tail = cut.rstrip(" ,;:-–—"), True
    return ("…" if lead else "") + cleaned + ("…" if tail and not cleaned.endswith((".", "!", "?", ";")) else "")
