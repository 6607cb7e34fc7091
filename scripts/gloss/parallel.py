"""MkDocs' per-page work on two cores: a second process reads, renders and writes a share of the pages.

MkDocs renders pages one after another on one core.  A glossary's term pages do not depend on
each other (none is in the nav, so no page's chrome shows another's title), so a worker forked
from the build can render a share of them while the build renders the rest:

    first page read  -> fork: the worker reads and renders its share (Markdown, hooks)
    on_env           -> the two swap the anchors each one's pages hold, so both check links to them
    pages written    -> the worker builds its share (templates, hooks) and checks its links' anchors
    on_post_build    -> the build waits for the worker and logs what it logged (so --strict counts it)

Pages are shared out by size, the nav's pages always stay in the build, and with fewer than
``MIN_PAGES`` pages to render (a small site, or one edit under ``mkdocs serve --dirty``) nothing
is forked.  ``GLOSS_WORKERS=1`` turns it off.  The site is the same either way (tested file by file).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.files import Files, InclusionLevel

log = logging.getLogger("mkdocs.hooks.glossary")
MIN_PAGES = 200  # below this, forking costs more than it saves
PER_PAGE = 6000  # a page's fixed cost (Markdown set-up, templates), in characters of Markdown


@dataclass
class _Split:
    share: set[str]  # src_uri of the pages the worker renders
    conn: Connection
    process: Any
    done: bool = False


_STATE: dict[str, Any] = {"split": None, "nav": None, "command": "build", "dirty": False}


def enabled() -> bool:
    return (
        os.environ.get("GLOSS_WORKERS", "2") != "1"
        and "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
    )


def install() -> None:
    """Wrap MkDocs' per-page steps once per process, so the build skips the worker's share."""
    if getattr(mkdocs_build, "_gloss_parallel", False):
        return
    populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page

    def _populate_page(page: Any, config: Any, files: Files, dirty: bool = False) -> None:
        split = _STATE["split"]
        if split is None:  # the first page this build reads
            split = _start(config, files, dirty, populate)
        if split and page.file.src_uri in split.share:
            return
        populate(page, config, files, dirty)

    def _build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, *args: Any, **kwargs: Any) -> None:
        split = _STATE["split"]
        if split and page.file.src_uri in split.share:
            return
        build_page(page, config, doc_files, nav, env, *args, **kwargs)

    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page
    mkdocs_build._gloss_parallel = True  # type: ignore[attr-defined]
    _STATE["build_page"] = build_page


def on_startup(command: str, dirty: bool) -> None:
    _STATE.update(command=command, dirty=dirty)
    if enabled():
        install()


def on_nav(nav: Any) -> None:
    """A new build: forget the last one's split (``mkdocs serve`` builds again in the same process)."""
    _STATE.update(split=None, nav=nav)


def _inclusion() -> Any:
    return InclusionLevel.is_in_serve if _STATE["command"] == "serve" else InclusionLevel.is_included


def _outside_nav(file: Any) -> bool:
    return bool(file.inclusion.is_not_in_nav())


def _share(files: Files, dirty: bool) -> set[str]:
    """The pages the worker renders: outside the nav, about half the work, by size."""
    pages = [f for f in files.documentation_pages(inclusion=_inclusion()) if not dirty or f.is_modified()]
    if len(pages) < MIN_PAGES:
        return set()
    fixed = sum(PER_PAGE + len(f.content_string) for f in pages if not _outside_nav(f))
    movable = sorted(
        (f for f in pages if _outside_nav(f)),
        key=lambda f: (-len(f.content_string), f.src_uri),
    )
    build, worker, share = fixed, 0, set()
    for f in movable:
        cost = PER_PAGE + len(f.content_string)
        if worker + cost <= build:
            worker += cost
            share.add(f.src_uri)
        else:
            build += cost
    return share


def _start(config: Any, files: Files, dirty: bool, populate: Any) -> _Split | None:
    share = _share(files, dirty) if _STATE["nav"] is not None else set()
    if not share:
        _STATE["split"] = False
        return None
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    process = multiprocessing.get_context("fork").Process(
        target=_worker, args=(theirs, config, files, dirty, share, populate), daemon=True
    )
    process.start()
    theirs.close()
    split = _Split(share=share, conn=ours, process=process)
    _STATE["split"] = split
    log.debug(f"{len(share)} pages are read and rendered on a second core (process {process.pid})")
    return split


class _Capture(logging.Handler):
    """The worker's log records, kept to send to the build, which logs them (and counts warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _worker(
    conn: Connection, config: Any, files: Files, dirty: bool, share: set[str], populate: Any
) -> None:  # pragma: no cover - runs in the forked process (its effects are tested on the built site)
    mkdocs_logger = logging.getLogger("mkdocs")
    capture = _Capture()
    for handler in list(mkdocs_logger.handlers):
        mkdocs_logger.removeHandler(handler)
    mkdocs_logger.addHandler(capture)
    try:
        pages: list[Any] = [f.page for f in files.documentation_pages(inclusion=_inclusion()) if f.src_uri in share]
        for page in pages:
            populate(page, config, files, dirty)
        conn.send({p.file.src_uri: (p.present_anchor_ids, p.title) for p in pages})
        anchors = conn.recv()  # the build's pages' anchors, for the links in this share
        for f in files.documentation_pages(inclusion=_inclusion()):
            if f.src_uri in anchors and f.page is not None:
                f.page.present_anchor_ids = anchors[f.src_uri]
        env = config.theme.get_env()
        env = config.plugins.on_env(env, config=config, files=files)
        doc_files = files.documentation_pages(inclusion=_inclusion())
        build_page = _STATE["build_page"]
        for page in pages:
            build_page(page, config, doc_files, _STATE["nav"], env, dirty, excluded=page.file.inclusion.is_excluded())
        level = config.validation.links.anchors
        for page in pages:
            page.validate_anchor_links(files=files, log_level=level)
        conn.send(("done", capture.records))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build, which stops
        conn.send(("failed", capture.records, f"{type(error).__name__}: {error}"))
    finally:
        conn.close()
        os._exit(0)


def on_env(files: Files) -> None:
    """Swap anchors with the worker: each side checks its links into the other's pages."""
    split = _STATE["split"]
    if not split:
        return
    theirs = _receive(split)
    if not isinstance(theirs, dict):
        _finish(split, theirs)
        return
    by_uri = {f.src_uri: f for f in files.documentation_pages(inclusion=_inclusion())}
    for uri, (anchors, title) in theirs.items():
        page: Any = by_uri[uri].page
        page.present_anchor_ids = anchors
        page.markdown, page._title_from_render = "", title  # its title, for any link that names it
    split.conn.send(
        {
            uri: f.page.present_anchor_ids
            for uri, f in by_uri.items()
            if uri not in split.share and f.page is not None and f.page.present_anchor_ids is not None
        }
    )


def on_post_build() -> None:
    """Wait for the worker; its log records are logged here, so --strict counts its warnings."""
    split = _STATE["split"]
    if split and not split.done:
        _finish(split, _receive(split))


def _receive(split: _Split) -> Any:
    try:
        return split.conn.recv()
    except (EOFError, OSError):
        return ("failed", [], f"the worker process ended without a word (exit code {split.process.exitcode})")


def _finish(split: _Split, message: Any) -> None:
    split.done = True
    split.process.join()
    for record in message[1]:
        logging.getLogger(record.name).handle(record)
    if message[0] != "done":
        from mkdocs.exceptions import PluginError

        raise PluginError(f"Rendering the pages on a second core failed: {message[2]}")
