"""The site's facts whose one source is mkdocs.yml: its name and the search separator.

MkDocs hands the hook a loaded config (``from_config``); the command line reads
the file itself (``from_file``), ignoring the tags that only MkDocs resolves
(``!ENV``, ``!!python/...``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .model import Settings

CONFIG = "mkdocs.yml"


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads any tagged value as None instead of failing on it."""


def _ignore_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_multi_constructor("!", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def _search_separator(plugins: Any) -> str | None:
    """plugins: a list of names or one-key mappings, as written in mkdocs.yml."""
    for plugin in plugins or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("search"), dict):
            separator = plugin["search"].get("separator")
            return str(separator) if separator else None
    return None


def from_mapping(data: dict[str, Any]) -> Settings:
    defaults = Settings()
    return Settings(
        site_name=str(data.get("site_name") or defaults.site_name),
        search_separator=_search_separator(data.get("plugins")) or defaults.search_separator,
    )


def from_file(path: Path) -> Settings:
    """Settings from an mkdocs.yml; the defaults when there is none."""
    if not path.exists():
        return Settings()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    return from_mapping(data if isinstance(data, dict) else {})


def from_config(config: Any) -> Settings:
    """Settings from the config MkDocs loaded (the hook's view)."""
    defaults = Settings()
    plugins = config.plugins or {}
    search = plugins.get("material/search") or plugins.get("search")
    separator = getattr(getattr(search, "config", None), "separator", None)
    return Settings(
        site_name=config.site_name or defaults.site_name, search_separator=separator or defaults.search_separator
    )
