"""MkDocs hook: the glossary's pages come from the pipeline, in memory, on every build.

``mkdocs build`` and ``mkdocs serve`` both run it; ``serve`` watches glossary/
(see ``watch:`` in mkdocs.yml) and rebuilds when a note changes.  The pages,
deck, CSV and report are handed to MkDocs as generated files: nothing is
written into docs/, so a rebuild cannot trigger another, and generated pages
never show up in git.  Warnings go through MkDocs' logger, so
``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import gc
import logging
from html import unescape
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key

from gloss import forkmap, fulltext, incremental, parallel, settings, shell
from gloss.build import generate, summary
from gloss.escape import drop, ids_in, lift
from gloss.model import Deferred, Level
from gloss.pages import quotes
from gloss.paths import GENERATED_DIRS, GENERATED_FILES, REPORT, REPORT_PAGE, SOURCES_INDEX, TERMS, TOPICS, TOPICS_INDEX

log = logging.getLogger("mkdocs.hooks.glossary")
NAV_PAGES = {TOPICS_INDEX, SOURCES_INDEX}  # generated pages that the nav in mkdocs.yml names
OUTSIDE_NAV = {REPORT_PAGE}  # generated pages outside the generated folders that the nav leaves out
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
POLL = 0.15  # seconds between looks at the notes under `mkdocs serve`
_FILES: dict[str, list[Generated]] = {}  # this build's generated files, by site_dir


def on_startup(command: str, dirty: bool) -> None:
    parallel.on_startup(command, dirty)  # term pages rendered just in time, on two cores (gloss/parallel.py)


def on_env(env: Any, config: Any, files: Files) -> Any:
    env.bytecode_cache = shell.COMPILED  # templates compiled once per process, not once per build
    return env


def on_nav(nav: Any, config: Any, files: Files) -> Any:
    parallel.on_nav(nav, files)
    return nav


def on_build_error(error: Exception) -> None:
    parallel.on_build_error()


def on_config(config: Any) -> Any:
    """Without an address (SITE_URL) the site names none: no canonical links and no sitemap that
    would point at localhost, and so no instant navigation (Material's needs the sitemap, and would
    ask for it on every page).  Said once per build; the hover previews (docs/assets/preview.js)
    work wherever the site is served either way."""
    if not config.site_url:
        features = list(config.theme.get("features") or [])
        config.theme["features"] = [feature for feature in features if not feature.startswith("navigation.instant")]
        log.info(
            "SITE_URL is not set, so the site has no canonical links, no sitemap and no instant navigation; "
            "set it to the address the site is published at (SITE_URL=https://… make build)"
        )
    return config


class Generated(File):
    """A generated file that counts as changed only when its content did (see ``gloss.incremental``).

    A term page's content is made when it is first read (``model.Deferred``), in the process that
    renders it, and let go once the page is written (``forget``; ``gloss/parallel.py``)."""

    digest = ""
    _make: Deferred | None = None

    @classmethod
    def made(cls, config: Any, path: str, content: Any, inclusion: InclusionLevel) -> Generated:
        if not isinstance(content, Deferred):
            return cls.generated(config, path, content=content, inclusion=inclusion)
        file = cls.generated(config, path, content="", inclusion=inclusion)
        file._content, file._make = None, content
        return file

    def _made(self) -> str | bytes | None:
        if self._make is not None:
            self._content, self._make = self._make(), None
        return self._content

    @property  # type: ignore[override]
    def content_string(self) -> str:
        content = self._made()
        return content if isinstance(content, str) else File.content_string.fget(self)  # type: ignore[attr-defined]

    @property  # type: ignore[override]
    def content_bytes(self) -> bytes:
        content = self._made()
        return content.encode() if isinstance(content, str) else File.content_bytes.fget(self)  # type: ignore[attr-defined]

    def digested(self) -> str:
        """The digest of its content, worked out once; "" for a page this process never made."""
        if not self.digest and self._content is not None:
            self.digest = incremental.digest(self._content)
        return self.digest

    def copy_file(self, dirty: bool = False) -> None:
        """A download made when it is written (the deck): straight into its file when it can be."""
        make = self._make
        if dirty and not self.is_modified():
            return  # as the last build wrote it
        if make is None or make.write is None:
            self._made()
            super().copy_file(dirty)
            if make is not None:
                self.forget()
            return
        Path(self.abs_dest_path).parent.mkdir(parents=True, exist_ok=True)
        make.write(self.abs_dest_path)
        self._make, self.digest = None, incremental.digest_file(self.abs_dest_path)

    def forget(self) -> None:
        """The page is written: keep the digest of its source (under ``mkdocs serve``, where the next
        build compares it), let the source go."""
        if parallel.serving():
            self.digested()
        self._content = None

    def is_modified(self) -> bool:
        if not self.digest:  # worked out already on two cores (``_digests``): the page is made only if read
            self._made()
        return incremental.changed(self.dest_dir, self.dest_uri, self.digested())


def _digests(files: list[Generated]) -> None:
    """Under ``--dirty`` every page's digest says whether it changed: the term pages' digests are
    worked out on two cores (``forkmap``), and a page is made again only if it is rendered."""
    deferred = [file for file in files if file._make is not None]
    for file, found in zip(deferred, forkmap.map2(lambda f: incremental.digest(f._make()), deferred), strict=True):
        file.digest = found


def on_files(files: Files, config: Any) -> Files:
    root = Path(config.config_file_path).resolve().parent
    gc.unfreeze()  # the last build's glossary (`mkdocs serve`) can go
    quotes.forget()  # (the Related quotes' texts held it too)
    linked, issues, generated = generate(root / "glossary", settings.from_config(config), defer=True)
    for issue in issues:
        if issue.level == Level.WARNING:
            log.warning(str(issue))
        else:
            log.debug(f"skipped: {issue}")
    # What `make generate` left in docs/ is replaced, and what it left that this build
    # no longer makes (a term renamed, a note removed) is dropped: the generator owns those paths.
    for file in list(files):
        if (
            file.src_uri in generated
            or file.src_uri.split("/")[0] in GENERATED_DIRS
            or file.src_uri in (*GENERATED_FILES, *OUTSIDE_NAV)
        ):
            files.remove(file)
    for path, content in generated.items():
        # Term, source and walk pages are reached by links, search and the A–Z
        # index, not the sidebar: a nav entry per term makes every page carry the whole list.
        folder = path.split("/")[0]
        in_nav = path in NAV_PAGES
        outside = (folder in GENERATED_DIRS and not in_nav) or path in OUTSIDE_NAV
        inclusion = InclusionLevel.NOT_IN_NAV if outside else InclusionLevel.UNDEFINED
        files.append(Generated.made(config, path, content, inclusion))
    log.info(
        summary(linked, issues) + f"; {len(generated)} files generated; every skipped line, with file:line, "
        f"is in {REPORT} and on the report page (/report/, outside the nav)"
    )
    _FILES[config.site_dir] = [file for file in files if isinstance(file, Generated)]
    fulltext.plan(config.site_dir, [file.dest_uri for file in _FILES[config.site_dir] if _indexed(file.src_uri)])
    if parallel.dirty():
        _digests(_FILES[config.site_dir])
    # The glossary lives until the build ends: the cycle collector need not walk it again while
    # pages are rendered, and a forked process shares its memory instead of copying it.
    gc.freeze()
    # In the order MkDocs reads a folder in, as if the files were on disk (search index, sitemap).
    return Files(sorted(files, key=file_sort_key))


_TOGGLE = '<input class="md-toggle"'
_AUTOCOMPLETE = ' autocomplete="off"'


def repair(output: str) -> str:
    """Make Material's chrome valid HTML (the Nu Html Checker finds two faults in it).

    - ``autocomplete`` is not allowed on its checkbox toggles;
    - the table of contents' title is a ``<label for="__toc">`` even on pages
      outside the nav, which have no ``__toc`` toggle to label.

    Found with ``str.find`` from each toggle to the end of its tag, not a regular expression tried
    at every character of the page (35 µs a page, at 10,000 pages a third of a second).
    """
    pieces, kept, at = [], 0, 0  # the page up to ``kept`` is in ``pieces``; the next toggle is looked for from ``at``
    while (toggle := output.find(_TOGGLE, at)) >= 0:
        close = output.find(">", toggle)
        found = output.find(_AUTOCOMPLETE, toggle, len(output) if close < 0 else close)
        at = toggle + len(_TOGGLE)
        if found >= 0:
            pieces.append(output[kept:found])
            kept = at = found + len(_AUTOCOMPLETE)
    if pieces:
        output = "".join(pieces) + output[kept:]
    if 'id="__toc"' not in output:
        output = output.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')
    return output


_LIFTED: dict[str, list[str]] = {}  # a page's finished HTML blocks, between its Markdown and its content


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    """The HTML the generator already made goes round Python-Markdown, not through it (``escape.lift``):
    it would only parse it again, and that parsing was most of the build's Markdown time."""
    markdown, blocks = lift(markdown)
    if blocks:
        _LIFTED[page.file.src_uri] = blocks
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    blocks = _LIFTED.pop(page.file.src_uri, [])
    if blocks and page.present_anchor_ids is not None:  # MkDocs checks links to anchors in them, as before
        page.present_anchor_ids.update(unescape(found) for block in blocks for found in ids_in(block))
    return drop(html, blocks)


def _indexed(src_uri: str) -> bool:
    """A page Pagefind indexes: a term's or a topic's."""
    return src_uri.endswith(".md") and src_uri.startswith((TERMS + "/", TOPICS + "/"))


def on_post_page(output: str, page: Any, config: Any) -> str:
    output = repair(output)
    if _indexed(page.file.src_uri):
        output = fulltext.mark(output)  # what Pagefind indexes (gloss/fulltext/)
        fulltext.keep(config.site_dir, page.file.dest_uri, output)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same repairs for pages rendered from templates alone (404.html)."""
    return repair(output_content)


def on_post_build(config: Any) -> None:
    """Pagefind indexes the term and topic pages' searchable parts (``gloss/fulltext/``: chunked
    indexes under pagefind/, in parts on a big site).  Without a site_url, MkDocs' sitemap would
    list no real address: it goes.  What this build wrote is recorded, and what the last one wrote
    that this one no longer makes is deleted (a rebuild with ``--dirty`` keeps old files)."""
    # A page another process rendered has no digest here: the next build renders it again.
    built = {file.dest_uri: file.digested() for file in _FILES.pop(config.site_dir, [])}
    for gone in incremental.record(config.site_dir, built):
        path = Path(config.site_dir) / gone
        path.unlink(missing_ok=True)
        while path.parent != Path(config.site_dir) and path.parent.is_dir() and not any(path.parent.iterdir()):
            path = path.parent
            path.rmdir()  # a page's folder, emptied
    if not config.site_url:
        for name in SITEMAPS:
            (Path(config.site_dir) / name).unlink(missing_ok=True)
    fulltext.index(config.site_dir, background=parallel.serving())
    if not parallel.serving():
        _pagefind_done(config.site_dir)
        fulltext.forget(config.site_dir)
    # Under `mkdocs serve` the page reloads as soon as it is written: full text follows when Pagefind
    # is done (a second at 1,000 terms), and the next build waits for it (on_pre_build) before it
    # touches the site; the names index is already new.


def on_pre_build(config: Any) -> None:
    _pagefind_done(config.site_dir)  # under `mkdocs serve`, the last build's index is written first


def _pagefind_done(site_dir: str) -> None:
    for errors in fulltext.wait(site_dir):
        log.warning(f"Pagefind could not index part of the site, so full-text search misses those pages: {errors}")


def on_shutdown() -> None:
    for site_dir in fulltext.sites():
        _pagefind_done(site_dir)
        fulltext.forget(site_dir)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """A saved note is seen within 0.15 s, not MkDocs' 0.5 s: the glossary and scripts folders
    (``watch:`` in mkdocs.yml, watched after this) are polled more often."""
    observer = getattr(server, "observer", None)
    if observer is not None and hasattr(observer, "_timeout"):
        observer._timeout = POLL
    return server
