"""An MkDocs hook the benchmark adds to a build: seconds by phase, written to $PHASES_OUT as JSON."""

from __future__ import annotations

import json
import os
import time
from typing import Any

BEFORE = "before pages (config, generator, files)"
MARKDOWN = "Markdown (per page)"
SEARCH = "search indexing and context (per page)"
TEMPLATES = "templates (per page)"
AFTER = "after pages (index, sitemap)"
T: dict[str, float] = {BEFORE: 0.0, MARKDOWN: 0.0, SEARCH: 0.0, TEMPLATES: 0.0, AFTER: 0.0}
_at: dict[str, float] = {}


def on_config(config: Any) -> None:
    _at["start"] = time.perf_counter()


def on_files(files: Any, config: Any) -> None:
    T[BEFORE] = time.perf_counter() - _at["start"]


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> None:
    _at[page.file.src_uri] = time.perf_counter()


def on_page_content(html: str, page: Any, **kwargs: Any) -> None:
    spent = time.perf_counter() - _at[page.file.src_uri]
    T[MARKDOWN] += spent
    if "last" in _at:  # a page read just in time, as it is built (gloss/parallel.py): counted once
        _at["last"] += spent


def on_env(env: Any, config: Any, files: Any) -> None:
    _at["last"] = time.perf_counter()


def on_page_context(context: Any, page: Any, **kwargs: Any) -> None:
    now = time.perf_counter()
    T[SEARCH] += now - _at["last"]
    _at["context"] = now


def on_post_page(output: str, page: Any, config: Any) -> None:
    now = time.perf_counter()
    T[TEMPLATES] += now - _at["context"]
    _at["last"] = now


def on_post_build(config: Any) -> None:
    T[AFTER] = time.perf_counter() - _at["last"]
    T["total"] = time.perf_counter() - _at["start"]
    with open(os.environ["PHASES_OUT"], "w") as out:
        json.dump(T, out)
