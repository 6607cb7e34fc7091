"""The curated data file ``glossary/curated.yml``: what the notes cannot say themselves.

Format::

    topics:                       # the topics terms are grouped into, in this order
      optimization:               # the topic's slug (its page is /topics/optimization/)
        name: Optimization
        about: How the parameters are updated to lower the loss.
    terms:
      Backpropagation:            # the display name
        aliases: [Backprop]       # other names the notes use for it
        topics: [optimization]    # slugs of the topics above
        see_also: [Gradient]      # related terms, by name
        autolink: false           # do not link its mentions automatically
    words:
      step: ~                     # a word that never links (or: the name of the term it always means)
    same:                         # names that are one concept, whatever the rules say
      - [Loss, Loss function]
    apart:                        # names that are different concepts, whatever the rules say
      - [Attention, Attention mechanism]
    notes:                        # whose words a note holds (a note's front matter may say it too)
      ml-glossary.md:             # the file, relative to glossary/
        title: Machine-learning glossary
        author: A. Writer
        url: https://example.org/glossary
        licence: CC BY 4.0
        own: false                # someone else's words: credited, and shown after the learner's

Anything wrong in it is an ``Issue`` naming ``curated.yml:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..model import Issue

TERM_SETTINGS = ("aliases", "topics", "see_also", "autolink")
NOTE_SETTINGS = ("title", "author", "url", "licence", "license", "own")


@dataclass(frozen=True)
class CuratedNote:
    """What curated.yml says of one note: its title and credit (None where it says nothing)."""

    path: str  # relative to glossary/, forward slashes
    line: int
    title: str = ""
    author: str = ""
    url: str = ""
    licence: str = ""
    own: bool | None = None


@dataclass(frozen=True)
class CuratedTerm:
    name: str
    aliases: tuple[str, ...]
    line: int
    topics: tuple[str, ...] = ()
    see_also: tuple[str, ...] = ()
    autolink: bool = True


@dataclass(frozen=True)
class CuratedTopic:
    slug: str
    name: str
    about: str
    line: int


@dataclass(frozen=True)
class Curated:
    terms: tuple[CuratedTerm, ...] = ()
    issues: tuple[Issue, ...] = field(default=())
    topics: tuple[CuratedTopic, ...] = ()
    words: tuple[tuple[str, str | None, int], ...] = ()  # (word, term name or None, line)
    same: tuple[tuple[tuple[str, ...], int], ...] = ()  # (names that are one concept, line)
    apart: tuple[tuple[tuple[str, ...], int], ...] = ()  # (names that are different concepts, line)
    notes: tuple[CuratedNote, ...] = ()


def _scalar(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip()
    return None


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _names(node: yaml.Node, key: str, shown: str, issues: list[Issue]) -> tuple[str, ...]:
    if isinstance(node, yaml.SequenceNode) and all(_scalar(item) for item in node.value):
        return tuple(_scalar(item) or "" for item in node.value)
    if isinstance(node, yaml.ScalarNode) and node.value:
        return (str(node.value).strip(),)
    issues.append(Issue(shown, _line(node), f"'{key}' must be a list of names"))
    return ()


class _Reader:
    def __init__(self, shown: str):
        self.shown = shown
        self.issues: list[Issue] = []

    def issue(self, node: yaml.Node, message: str) -> None:
        self.issues.append(Issue(self.shown, _line(node), message))

    def term(self, name_node: yaml.Node, settings: yaml.Node) -> CuratedTerm | None:
        name = _scalar(name_node)
        if not name:
            self.issue(name_node, "a term's display name must be text")
            return None
        values: dict[str, object] = {}
        if isinstance(settings, yaml.MappingNode):
            for setting, value in settings.value:
                key = _scalar(setting) or ""
                if key not in TERM_SETTINGS:
                    self.issue(setting, f"unknown setting '{key}' (expected one of: {', '.join(TERM_SETTINGS)})")
                elif key == "autolink":
                    if _scalar(value) not in ("true", "false"):
                        self.issue(value, "'autolink' must be true or false")
                    values[key] = _scalar(value) != "false"
                else:
                    values[key] = _names(value, key, self.shown, self.issues)
        elif not (isinstance(settings, yaml.ScalarNode) and settings.value in ("", "null", "~")):
            self.issue(name_node, f"settings of '{name}' must be a mapping such as 'aliases: [...]'")
        return CuratedTerm(
            name=name,
            aliases=tuple(values.get("aliases", ())),  # type: ignore[arg-type]
            line=_line(name_node),
            topics=tuple(values.get("topics", ())),  # type: ignore[arg-type]
            see_also=tuple(values.get("see_also", ())),  # type: ignore[arg-type]
            autolink=bool(values.get("autolink", True)),
        )

    def groups(self, key: str, node: yaml.Node) -> list[tuple[tuple[str, ...], int]]:
        """ "same:" or "apart:": a list of lists of two or more names, each with its line."""
        if not isinstance(node, yaml.SequenceNode):
            self.issue(node, f"'{key}' must be a list of name lists, such as '- [Loss, Loss function]'")
            return []
        found = []
        for item in node.value:
            names = [_scalar(name) for name in item.value] if isinstance(item, yaml.SequenceNode) else []
            if len(names) < 2 or not all(names):
                self.issue(item, f"'{key}' entries are lists of two or more names, such as [Loss, Loss function]")
                continue
            if len({" ".join((name or "").casefold().split()) for name in names}) < len(names):
                self.issue(item, f"'{key}' entry names one name twice")
                continue
            found.append((tuple(name or "" for name in names), _line(item)))
        return found

    def note(self, path_node: yaml.Node, settings: yaml.Node) -> CuratedNote | None:
        path = (_scalar(path_node) or "").replace("\\", "/").strip("/")
        if not path or not isinstance(settings, yaml.MappingNode):
            self.issue(path_node, "a note is its file name with settings such as 'author:' under it")
            return None
        fields: dict[str, str] = {}
        for key_node, value in settings.value:
            key = _scalar(key_node) or ""
            if key not in NOTE_SETTINGS:
                self.issue(key_node, f"unknown note setting '{key}' (expected one of: {', '.join(NOTE_SETTINGS)})")
            elif _scalar(value) is None:
                self.issue(value, f"'{key}' must be text")
            else:
                fields["licence" if key == "license" else key] = _scalar(value) or ""
        own = fields.get("own", "").lower()
        if own and own not in ("true", "false", "yes", "no"):
            self.issue(path_node, "'own' must be true or false")
        url = fields.get("url", "")
        if url and not url.lower().startswith(("http://", "https://")):
            self.issue(path_node, f"'url' must start with http:// or https:// (got '{url}')")
            url = ""
        return CuratedNote(
            path,
            _line(path_node),
            fields.get("title", ""),
            fields.get("author", ""),
            url,
            fields.get("licence", ""),
            None if own not in ("true", "false", "yes", "no") else own in ("true", "yes"),
        )

    def topic(self, slug_node: yaml.Node, settings: yaml.Node) -> CuratedTopic | None:
        slug = _scalar(slug_node) or ""
        fields = {(_scalar(k) or ""): (_scalar(v) or "") for k, v in getattr(settings, "value", []) if _scalar(k)}
        if not slug or not isinstance(settings, yaml.MappingNode) or not fields.get("name"):
            self.issue(slug_node, "a topic is a slug with 'name:' (and 'about:') under it")
            return None
        for key in set(fields) - {"name", "about"}:
            self.issue(slug_node, f"unknown topic setting '{key}' (expected name, about)")
        return CuratedTopic(slug, fields["name"], fields.get("about", ""), _line(slug_node))


def load(path: Path, shown: str) -> Curated:
    if not path.exists():
        return Curated()
    reader = _Reader(shown)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return Curated(issues=(Issue(shown, line, f"not valid YAML: {getattr(error, 'problem', error)}"),))
    if root is None:
        return Curated()
    if not isinstance(root, yaml.MappingNode):
        return Curated(issues=(Issue(shown, _line(root), "expected a mapping with a 'terms:' key"),))
    terms: list[CuratedTerm] = []
    topics: list[CuratedTopic] = []
    words: list[tuple[str, str | None, int]] = []
    same: list[tuple[tuple[str, ...], int]] = []
    apart: list[tuple[tuple[str, ...], int]] = []
    notes: list[CuratedNote] = []
    for key_node, value_node in root.value:
        key = _scalar(key_node)
        if key in ("same", "apart"):
            (same if key == "same" else apart).extend(reader.groups(key, value_node))
            continue
        if key not in ("terms", "topics", "words", "notes"):
            reader.issue(
                key_node, f"unknown key '{key}' (expected 'terms', 'topics', 'words', 'notes', 'same' or 'apart')"
            )
            continue
        if not isinstance(value_node, yaml.MappingNode):
            reader.issue(value_node, f"'{key}' must be a mapping")
            continue
        for name_node, settings in value_node.value:
            if key == "terms":
                term = reader.term(name_node, settings)
                terms.extend([term] if term else [])
            elif key == "topics":
                topic = reader.topic(name_node, settings)
                topics.extend([topic] if topic else [])
            elif key == "notes":
                note = reader.note(name_node, settings)
                notes.extend([note] if note else [])
            else:
                word, meaning = _scalar(name_node), _scalar(settings)
                if not word:
                    reader.issue(name_node, "a word must be text")
                    continue
                words.append((word, meaning if meaning not in (None, "", "~", "null") else None, _line(name_node)))
    known = {topic.slug for topic in topics}
    for term in terms:
        for slug in term.topics:
            if slug not in known:
                reader.issues.append(Issue(shown, term.line, f"'{term.name}': unknown topic '{slug}' (see 'topics:')"))
    return Curated(
        terms=tuple(terms),
        issues=tuple(reader.issues),
        topics=tuple(topics),
        words=tuple(words),
        same=tuple(same),
        apart=tuple(apart),
        notes=tuple(notes),
    )
