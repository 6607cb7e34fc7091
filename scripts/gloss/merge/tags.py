"""A vault's tags as topics: a term that curated.yml gives no topic takes the tags of its notes.

A tag names a curated topic when their names or slugs agree ("#optimisation" is the
topic Optimization); any other tag becomes a topic of its own, with a page like
every topic's.  Nested tags ("ml/optimisers") keep their path in the name.
"""

from __future__ import annotations

import dataclasses

from .. import names
from ..model import Glossary, Slug, TopicInfo


def display(tag: str) -> str:
    """ "deep-learning/optimisers" -> "Deep learning / optimisers"."""
    text = " / ".join(" ".join(part.replace("_", " ").replace("-", " ").split()) for part in tag.split("/") if part)
    return text[:1].upper() + text[1:]


def apply(glossary: Glossary) -> Glossary:
    infos = list(glossary.topics)
    by_name = {names.key(info.name): info.slug for info in infos} | {names.key(info.slug): info.slug for info in infos}
    tagged: dict[Slug, list[Slug]] = {}
    for note in glossary.notes:
        for entry in note.entries:
            term = glossary.entry_terms.get((note.path, entry.line))
            for tag in entry.tags if term else ():
                name = display(tag)
                if not names.key(name):
                    continue
                slug = by_name.get(names.key(name)) or by_name.get(names.key(tag))
                if slug is None:
                    slug = names.slug(name)
                    taken = {info.slug for info in infos}
                    if slug in taken:
                        slug = Slug(f"{slug}-tag")
                    infos.append(TopicInfo(slug, name))
                    by_name[names.key(name)] = slug
                if term is not None:
                    tagged.setdefault(term, []).append(slug)
    if not tagged:
        return glossary
    terms = tuple(
        term
        if term.topics or term.slug not in tagged
        else dataclasses.replace(term, topics=tuple(dict.fromkeys(tagged[term.slug])))
        for term in glossary.terms
    )
    return dataclasses.replace(glossary, terms=terms, topics=tuple(infos))
