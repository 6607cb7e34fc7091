"""MkDocs hook: regenerate docs/ from glossary/ before every build.

``mkdocs build`` and ``mkdocs serve`` both run it; ``serve`` watches glossary/
(see ``watch:`` in mkdocs.yml) and rebuilds when a note changes.  Only files
whose content changed are written, so a rebuild does not trigger another.
Warnings go through MkDocs' logger, so ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gloss import anki  # noqa: E402
from gloss.build import build  # noqa: E402
from gloss.emit import stop_label  # noqa: E402

log = logging.getLogger("mkdocs.hooks.glossary")
_last = {}  # the latest build's result, for on_post_build


def on_pre_build(config) -> None:
    root = Path(config.config_file_path).resolve().parent
    result = build(root / "glossary", Path(config.docs_dir))
    _last["result"] = result
    for issue in result.issues:
        if issue.level == "warning":
            log.warning(str(issue))
        else:
            log.debug(f"skipped: {issue}")
    log.info(result.summary())


def on_post_build(config) -> None:
    """Flashcards go straight into the site: the deck is binary and stamped with the build time
    (SOURCE_DATE_EPOCH fixes it), so it stays out of docs/ and cannot trigger a rebuild."""
    linked = _last["result"].linked
    site = Path(config.site_dir)
    anki.write_apkg(linked, site / anki.APKG, stop_label)
    (site / anki.CSV).write_text(anki.csv_text(linked, stop_label), encoding="utf-8")


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')


def on_post_page(output: str, page, config) -> str:
    """Make Material's chrome valid HTML (the Nu Html Checker finds two faults in it).

    - ``autocomplete`` is not allowed on its checkbox toggles;
    - the table of contents' title is a ``<label for="__toc">`` even on pages
      outside the nav, which have no ``__toc`` toggle to label.
    """
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


def on_post_template(output_content: str, template_name: str, config) -> str:
    """The same repairs for pages rendered from templates alone (404.html)."""
    return on_post_page(output_content, None, config)
