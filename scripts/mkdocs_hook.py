"""MkDocs hook: regenerate docs/ from glossary/ before every build.

``mkdocs build`` and ``mkdocs serve`` both run it; ``serve`` watches glossary/
(see ``watch:`` in mkdocs.yml) and rebuilds when a note changes.  Only files
whose content changed are written, so a rebuild does not trigger another.
Warnings go through MkDocs' logger, so ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gloss.build import build  # noqa: E402

log = logging.getLogger("mkdocs.hooks.glossary")


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    result = build(root / "glossary", Path(config.docs_dir))
    for issue in result.issues:
        if issue.level == "warning":
            log.warning(str(issue))
        else:
            log.debug(f"skipped: {issue}")
    log.info(result.summary())
