"""The sentence a Related reason quotes: where a link stands in a definition, cut as a reader expects."""

from __future__ import annotations

import re

from ..model import Linked, Reason, Slug, Term

QUOTE = 160  # characters of a quoted sentence, at most
_CLEAN_START = re.compile(r"^[\s,;:.!?)\]}»”’\-–—]+")
_ENDS = (". ", "! ", "? ", "; ")  # what ends a sentence (``matcher.sentence_at``)
_TEXTS: tuple[Linked | None, dict[Slug, list[str]]] = (None, {})


def _texts(linked: Linked, slug: Slug) -> list[str]:
    """A term's definitions' texts, words joined by one space, worked out once per build in each
    process (a term is quoted on its own page and on the pages of the terms it links to)."""
    global _TEXTS
    if _TEXTS[0] is not linked:
        _TEXTS = (linked, {})
    found = _TEXTS[1].get(slug)
    if found is None:
        term: Term = linked.terms[slug].term
        found = _TEXTS[1][slug] = [" ".join(t.split()) for d in term.definitions for t in (*d.paragraphs, *d.bullets)]
    return found


def forget() -> None:
    """Let the last build's texts, and its glossary with them, go (``mkdocs serve`` builds again)."""
    global _TEXTS
    _TEXTS = (None, {})


def window(text: str, start: int, end: int, limit: int = QUOTE) -> str:
    """``matcher.sentence_at`` for a text whose words are joined by one space: the same sentence and
    the same cut, from where the text's spaces and sentence ends are, without splitting it into words."""
    begin = max(
        text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start), text.rfind("; ", 0, start)
    )
    begin = 0 if begin < 0 else begin + 2
    stop = len(text)
    for mark in _ENDS:
        found = text.find(mark, end - 1 if end else 0, stop)
        stop = found + 1 if found >= 0 else stop
    if stop - begin <= limit:
        return text[begin:stop]
    # The word the cut grows from (as ``sentence_at`` counts: the last word that starts before ``start``).
    if start <= begin:
        left = begin
    else:
        before = text.rfind(" ", begin, start - 1 if text[start - 1] == " " else start)
        left = before + 1 if before >= 0 else begin
    right = text.find(" ", left, stop)
    right = stop if right < 0 else right
    while right < stop:  # a word more after, then one more before, while the cut fits
        following = text.find(" ", right + 1, stop)
        following = stop if following < 0 else following
        if following - left > limit:
            break
        right = following
        if left > begin:
            previous = text.rfind(" ", begin, left - 1)
            previous = previous + 1 if previous >= 0 else begin
            if right - previous <= limit:
                left = previous
    return ("…" if left > begin else "") + text[left:right] + ("…" if right < stop else "")


def quote(context: str, texts: list[str], limit: int = QUOTE) -> str:
    """The sentence a link stands in, as a reader sees it quoted: from the start of its sentence
    (found again in the definition's full text, since a Markdown definition hands over the text
    between two pieces of markup, ", but have…"), or after "…" at a word; cut at a word.  ``texts``:
    the definition's texts, each with its words joined by one space (``_texts``)."""
    core = " ".join(context.split()).strip("… ")
    if not core:
        return ""
    for text in texts:
        at = text.find(core)
        if at >= 0:
            core = window(text, at, at + len(core), limit).strip("… ")
            whole = text.find(core)
            after = whole + len(core)
            lead = whole > 0 and not _sentence_start(text, whole)
            tail = after < len(text) and not re.match(r"[.!?;]?\s*$", text[after : after + 2])
            return _tidy(core, lead, tail, limit)
    return _tidy(core, context.lstrip().startswith("…"), context.rstrip().endswith("…"), limit)


def quoted(reason: Reason, slug: Slug, other: Slug, linked: Linked) -> str:
    """A link's sentence as the page of ``slug`` quotes it for the related term ``other``, as the page is
    made (on two cores), not for every link up front."""
    if not reason.context or reason.kind not in ("links-to", "linked-from"):
        return reason.context
    source = slug if reason.kind == "links-to" else other
    return quote(reason.context, _texts(linked, source))


def _sentence_start(text: str, at: int) -> bool:
    """Whether text[at:] starts a sentence: nothing but space before it, or an end of a sentence
    (``.!?;:``) or a line break and then only space (looked for back from ``at``, nothing copied)."""
    kept = at
    while kept and text[kept - 1].isspace():
        kept -= 1
    return not kept or text[kept - 1] in ".!?;:" or "\n" in text[kept:at]


def _tidy(core: str, lead: bool, tail: bool, limit: int) -> str:
    cleaned = _CLEAN_START.sub("", core)
    lead = lead or cleaned != core
    if len(cleaned) > limit:
        cut = cleaned[: limit + 1].rsplit(" ", 1)[0]
        cleaned, tail = cut.rstrip(" ,;:-–—"), True
    return ("…" if lead else "") + cleaned + ("…" if tail and not cleaned.endswith((".", "!", "?", ";")) else "")
