"""Stage 4, relate: for every term, the related terms ranked, each with the reasons a reader sees.

Reasons, strongest first: a curated ``see_also``; a link either way (with the
sentence the link stands in, as Quartz shows backlinks); a shared name ("Batch
normalization" contains "Normalization", "Autoencoder" ends in "encoder",
"Regularization" says "L2" of "L2 regularization"); a similar definition (TF-IDF
cosine, ``similarity.py``); a shared topic; defined next to each other in a note.
Every term gets at least ``MINIMUM`` related terms when the glossary has that many others.
Each reason is said as a reader would say it ("Dropout's definition mentions it",
"Also under Regularization"); the sentence a link stands in is quoted as the page is made
(``pages/quotes.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from . import forkmap, graphlayout, names, topics
from .model import Concepts, Glossary, Linked, Reason, Relation, Slug, Term
from .similarity import Similarity, document

MINIMUM = 3
SHOWN = 8
NEAREST = 10
_WORD = re.compile(r"[^\W_]+")
_CODE = re.compile(r"^(?=.*\d)[a-z0-9]{1,4}$")  # "l1", "l2", "t5": a code that names a variant
SCORES = {
    "see-also": 10.0,
    "links-to": 4.0,
    "linked-from": 4.0,
    "name": 4.0,
    "shared-word": 2.0,
    "topic": 1.0,
    "alongside": 0.5,
}
COMMON_WORD = 20  # a name word shared by more terms than this relates none of them


def _words(name: str) -> list[str]:
    return [names.singular(word) for word in _WORD.findall(name.lower())]


def possessive(name: str) -> str:
    """“Dropout’s”, “Logits’”."""
    return name + ("’" if name.endswith("s") else "’s")


class _Board:
    """Candidates for each term, with their score and reasons (a list per pair: a dict was most of the memory)."""

    def __init__(self) -> None:
        self.scores: dict[Slug, dict[Slug, float]] = defaultdict(lambda: defaultdict(float))
        self.texts: dict[Slug, dict[Slug, list[Reason]]] = defaultdict(dict)
        self.one: dict[Reason, Reason] = {}  # one object for equal reasons ("Also under Other"), sent once

    def add(self, term: Slug, other: Slug, score: float, reason: Reason) -> None:
        if term == other:
            return
        reason = self.one.setdefault(reason, reason)
        row = self.texts[term]
        reasons = row.get(other)
        if reasons is None:
            row[other] = [reason]
        elif any(known.text == reason.text for known in reasons):
            return
        else:
            reasons.append(reason)
        self.scores[term][other] += score

    def say(self, term: Slug, other: Slug, reason: Reason) -> None:
        """A reason said for a pair, in place of one with the same words (no score)."""
        reason = self.one.setdefault(reason, reason)
        reasons = self.texts[term].setdefault(other, [])
        texts = [known.text for known in reasons]
        at = texts.index(reason.text) if reason.text in texts else len(reasons)
        reasons[at : at + 1] = [reason]

    def reasons(self, term: Slug, other: Slug) -> tuple[Reason, ...]:
        return tuple(self.texts[term].get(other, ()))


def name_relations(terms: dict[Slug, Term], board: _Board) -> None:
    """Names that contain another term's name (word for word, or as the start or end of a word),
    both ways; names that share a specific word."""
    by_words = {tuple(_words(term.name)): slug for slug, term in terms.items()}
    single = {words[0]: slug for words, slug in by_words.items() if len(words) == 1 and len(words[0]) >= 5}
    every_word = {word for words in by_words for word in words if len(word) >= 5}
    sharing: dict[str, set[Slug]] = defaultdict(set)
    for slug, term in terms.items():
        words = _words(term.name)
        found: set[Slug] = set()
        for size in range(1, len(words)):
            for start in range(len(words) - size + 1):
                other = by_words.get(tuple(words[start : start + size]))
                if other:
                    found.add(other)
        for word in words:
            sharing[word].add(slug)
            for cut in range(5, len(word)):
                for part in (word[:cut], word[len(word) - cut :]):
                    if part in single:
                        found.add(single[part])
                    if part in every_word:  # "minibatch" and "batch size" share "batch"
                        sharing[part].add(slug)
        for other in sorted(found - {slug}):  # in one order whatever the hash seed (ties rank alike)
            name = terms[other].name
            board.add(slug, other, SCORES["name"], Reason("name", "Part of this name"))
            board.add(other, slug, SCORES["name"], Reason("name", f"Its name contains “{name}”"))
            code = words[0] if _CODE.match(words[0]) and len(words) > 1 else ""
            if code and re.search(rf"\b{code}\b", document(terms[other]), re.I):
                board.add(other, slug, 2.0, Reason("name", f"This definition says “{code.upper()}”"))
    for word, slugs in sorted(sharing.items(), key=lambda item: -len(item[0])):  # the longest shared word only
        if 2 <= len(slugs) <= COMMON_WORD and len(word) >= 4:
            for slug in sorted(slugs):
                for other in sorted(slugs - {slug}):
                    if not any(reason.kind == "name" for reason in board.reasons(slug, other)):
                        board.add(slug, other, SCORES["shared-word"], Reason("name", f"Both names say “{word}”"))


def relate(linked: Linked, similar: Similarity, curated_path: str = "glossary/curated.yml") -> Concepts:
    glossary = linked.glossary
    terms = {term.slug: term for term in glossary.terms}
    board = _Board()
    for slug, term in terms.items():
        for other in term.see_also:
            board.add(slug, other, SCORES["see-also"], Reason("see-also", "See also"))
            board.add(other, slug, SCORES["see-also"] / 2, Reason("see-also", "See also"))
    for slug, item in linked.terms.items():
        mentions = f"{possessive(item.term.name)} definition mentions it"
        for target in item.links_to:
            context = item.contexts.get(target, "")  # quoted (``pages/quotes.py``) only where it is shown
            board.add(slug, target, SCORES["links-to"], Reason("links-to", "Mentioned in this definition", context))
            board.add(target, slug, SCORES["linked-from"], Reason("linked-from", mentions, context))
    name_relations(terms, board)
    nearest = similar.nearest(NEAREST)
    for slug, pairs in nearest.items():
        for other, cosine in pairs:
            board.add(slug, other, 8.0 * cosine, Reason("similar", "Similar definitions"))
    term_topics, topic_list, issues = topics.assign(linked, board.scores, curated_path)
    by_topic: dict[Slug, set[Slug]] = defaultdict(set)
    for slug, own in term_topics.items():
        for topic in own:
            by_topic[topic].add(slug)
    names_of = {topic.slug: topic.name for topic in topic_list}
    filler = _Fill(terms, term_topics, by_topic, nearest, names_of, board)
    alongside(glossary, board)

    def ranked(slug: Slug) -> tuple[Relation, ...]:
        """A term's related terms, strongest first (each term's row of the board is its own)."""
        scores, mine = board.scores[slug], term_topics[slug]
        topical: dict[Slug, list[Slug]] = {}
        for other in scores:  # a shared topic counts for every candidate; it is said for those shown
            shared = [topic for topic in mine if topic in term_topics[other]]
            if shared:
                scores[other] += SCORES["topic"] * len(shared)
                topical[other] = shared
        best = sorted(scores.items(), key=lambda pair: (-pair[1], terms[pair[0]].name.casefold()))
        picked = [other for other, _ in best[:SHOWN]]
        for other in picked:
            if other in topical:
                text = also_under([names_of[topic] for topic in topical[other]])
                board.say(slug, other, Reason("topic", text))
        if len(picked) < MINIMUM:
            picked += filler.fill(slug, picked)
        picked.sort(key=lambda other: (-board.scores[slug][other], terms[other].name.casefold()))  # strongest first
        return tuple(
            Relation(other, round(board.scores[slug][other], 3), board.reasons(slug, other)) for other in picked
        )

    slugs = list(terms)
    related = dict(zip(slugs, forkmap.map2(ranked, slugs), strict=True))  # on two cores
    positions = graphlayout.layout(related, term_topics, [topic.slug for topic in topic_list])
    return Concepts(topic_list, term_topics, related, positions, tuple(issues))


def also_under(topic_names: list[str]) -> str:
    if len(topic_names) > 1:
        return "Also under " + ", ".join(topic_names[:-1]) + " and " + topic_names[-1]
    return "Also under " + topic_names[0]


def alongside(glossary: Glossary, board: _Board) -> None:
    """Terms a note defines one after the other: the learner wrote them together."""
    titles: dict[tuple[Slug, Slug], list[str]] = defaultdict(list)
    for note in glossary.notes:
        slugs = [glossary.entry_terms.get((note.path, entry.line)) for entry in note.entries]
        for one, other in zip(slugs, slugs[1:], strict=False):
            if one and other and one != other:
                for pair in ((one, other), (other, one)):
                    if note.title not in titles[pair]:
                        titles[pair].append(note.title)
    for (one, other), found in titles.items():
        names = [f"*{title}*" for title in found]
        listed = ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]
        board.add(one, other, SCORES["alongside"] * len(found), Reason("nearby", f"Defined alongside it in {listed}"))


@dataclass
class _Fill:
    """What filling up a term with too few related terms needs, worked out once for all terms."""

    terms: dict[Slug, Term]
    term_topics: dict[Slug, tuple[Slug, ...]]
    by_topic: dict[Slug, set[Slug]]
    nearest: dict[Slug, list[tuple[Slug, float]]]
    names_of: dict[Slug, str]
    board: _Board
    members: dict[Slug, list[Slug]] = field(default_factory=dict)  # a topic's terms in name order
    order: list[Slug] = field(default_factory=list)  # every term in A–Z order
    position: dict[Slug, int] = field(default_factory=dict)

    def name(self, slug: Slug) -> tuple[str, Slug]:
        return (self.terms[slug].name.casefold(), slug)

    def in_topic(self, topic: Slug) -> list[Slug]:
        if topic not in self.members:
            self.members[topic] = sorted(self.by_topic[topic], key=self.name)
        return self.members[topic]

    def fill(self, slug: Slug, chosen: list[Slug]) -> list[Slug]:
        """More related terms for a term with too few: the closest terms of its topics (by the cosines
        already found, then A–Z), then the terms beside it in the A–Z."""
        wanted = MINIMUM - len(chosen)
        taken = {slug, *chosen}
        mine = set(self.term_topics[slug])
        added: list[Slug] = []
        close = [other for other, _ in self.nearest.get(slug, []) if mine & set(self.term_topics[other])]
        for other in [*close, *(o for topic in self.term_topics[slug] for o in self.in_topic(topic))]:
            if len(added) == wanted:
                break
            if other not in taken:
                taken.add(other)
                added.append(other)
        for other in added:
            shared = [topic for topic in self.term_topics[slug] if topic in self.term_topics[other]]
            reason = Reason("topic", also_under([self.names_of[t] for t in shared]))
            self.board.add(slug, other, SCORES["topic"] * len(shared), reason)
        if len(added) < wanted:  # no topic-mates left: the terms beside it in the A–Z
            if not self.order:
                self.order = sorted(self.terms, key=self.name)
                self.position = {other: index for index, other in enumerate(self.order)}
            at = self.position[slug]
            for step in range(1, len(self.order)):
                for index in (at - step, at + step):
                    if 0 <= index < len(self.order) and self.order[index] not in taken and len(added) < wanted:
                        near = self.order[index]
                        taken.add(near)
                        added.append(near)
                        self.board.add(slug, near, 0.01, Reason("nearby", "Next to it in the A–Z"))
                if len(added) == wanted:
                    break
        return added
