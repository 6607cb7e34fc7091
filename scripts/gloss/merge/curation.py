"""The curated settings of terms (topics, see_also, autolink) and words, applied after merging."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from .. import names
from ..model import Issue, Slug, Term, TopicInfo
from .curated import Curated


def apply(
    terms: list[Term], curated: Curated, slug_of: Callable[[str], Slug | None], path: str
) -> tuple[list[Term], tuple[TopicInfo, ...], dict[str, Slug | None], list[Issue]]:
    """Terms with their curated settings; the topics; the pinned words; an issue for each name that matches nothing."""
    issues: list[Issue] = []
    settings = {slug_of(item.name): item for item in curated.terms}
    result = []
    for term in terms:
        item = settings.get(term.slug)
        if item is None:
            result.append(term)
            continue
        see_also = []
        for name in item.see_also:
            slug = slug_of(name)
            if slug is None:
                issues.append(Issue(path, item.line, f"'{term.name}': see_also '{name}' matches no term"))
            elif slug != term.slug:
                see_also.append(slug)
        chosen = tuple(Slug(topic) for topic in item.topics)
        result.append(dataclasses.replace(term, topics=chosen, see_also=tuple(see_also), autolink=item.autolink))
    words: dict[str, Slug | None] = {}
    for word, meaning, line in curated.words:
        target = slug_of(meaning) if meaning else None
        if meaning and target is None:
            issues.append(Issue(path, line, f"word '{word}': '{meaning}' matches no term"))
            continue
        words[names.key(word)] = target
    topics = tuple(TopicInfo(Slug(topic.slug), topic.name, topic.about) for topic in curated.topics)
    return result, topics, words, issues
