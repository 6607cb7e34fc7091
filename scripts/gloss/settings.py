"""The site's facts whose one source is mkdocs.yml: its name.

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


def from_mapping(data: dict[str, Any]) -> Settings:
    defaults = Settings()
    return Settings(site_name=str(data.get("site_name") or defaults.site_name))


def from_file(path: Path) -> Settings:
    """Settings from an mkdocs.yml; the defaults when there is none."""
    if not path.exists():
        return Settings()
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a SafeLoader)
    return from_mapping(data if isinstance(data, dict) else {})


def from_config(config: Any) -> Settings:
    """Settings from the config MkDocs loaded (the hook's view)."""
    return Settings(site_name=config.site_name or Settings().site_name)
