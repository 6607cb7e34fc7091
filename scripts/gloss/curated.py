"""The curated data file ``glossary/curated.yml``: display names and aliases.

Format::

    terms:
      Backpropagation:          # the display name
        aliases: [Backprop]     # other names the notes use for it

Anything wrong in it is an ``Issue`` naming ``curated.yml:line``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import Issue


@dataclass(frozen=True)
class CuratedTerm:
    name: str
    aliases: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Curated:
    terms: tuple[CuratedTerm, ...] = ()
    issues: tuple[Issue, ...] = field(default=())


def _scalar(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value).strip()
    return None


def load(path: Path, shown: str) -> Curated:
    if not path.exists():
        return Curated()
    issues: list[Issue] = []
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        return Curated(issues=(Issue(shown, line, f"not valid YAML: {getattr(error, 'problem', error)}"),))
    if root is None:
        return Curated()
    if not isinstance(root, yaml.MappingNode):
        return Curated(issues=(Issue(shown, root.start_mark.line + 1, "expected a mapping with a 'terms:' key"),))
    terms: list[CuratedTerm] = []
    for key_node, value_node in root.value:
        if _scalar(key_node) != "terms":
            issues.append(
                Issue(shown, key_node.start_mark.line + 1, f"unknown key '{_scalar(key_node)}' (expected 'terms')")
            )
            continue
        if not isinstance(value_node, yaml.MappingNode):
            issues.append(Issue(shown, value_node.start_mark.line + 1, "'terms' must map display names to settings"))
            continue
        for name_node, settings in value_node.value:
            line = name_node.start_mark.line + 1
            name = _scalar(name_node)
            if not name:
                issues.append(Issue(shown, line, "a term's display name must be text"))
                continue
            aliases: list[str] = []
            if isinstance(settings, yaml.MappingNode):
                for setting, value in settings.value:
                    if _scalar(setting) != "aliases":
                        issues.append(
                            Issue(
                                shown,
                                setting.start_mark.line + 1,
                                f"unknown setting '{_scalar(setting)}' (expected 'aliases')",
                            )
                        )
                    elif isinstance(value, yaml.SequenceNode) and all(_scalar(item) for item in value.value):
                        aliases.extend(_scalar(item) or "" for item in value.value)
                    else:
                        issues.append(Issue(shown, value.start_mark.line + 1, "'aliases' must be a list of names"))
            elif not (isinstance(settings, yaml.ScalarNode) and settings.value in ("", "null", "~")):
                issues.append(Issue(shown, line, f"settings of '{name}' must be a mapping such as 'aliases: [...]'"))
            terms.append(CuratedTerm(name=name, aliases=tuple(aliases), line=line))
    return Curated(terms=tuple(terms), issues=tuple(issues))
