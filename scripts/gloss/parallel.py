"""MkDocs' per-page work for the pages outside the nav: each rendered just in time, half on a second core.

MkDocs reads and renders every page, then builds (templates) and writes every page, so it holds
every page's HTML at once, and it does it all on one core.  The pages outside the nav (a
glossary's term pages) do not depend on each other: no page's chrome shows another's title.
So for them:

- **Just in time.**  Each is read and rendered when it is built, and its HTML and source are let
  go once it is written: memory holds one page's HTML, not every page's.
- **Two cores.**  From ``MIN_PAGES`` pages on, a worker forked as the first page is built (every
  plugin has had its ``on_env``, the theme's templates are written) builds them from the last one
  back while the build goes through them from the first, each claiming its next page (``_Claims``)
  until the two meet: neither waits long for the other, whatever the pages cost.  When the
  build reaches its last page it waits for the worker and takes each of the worker's pages'
  anchors and links, so MkDocs checks every link into and out of them as it always does; what
  the worker logged is logged by the build (so ``--strict`` counts it); a failure stops the build.

``GLOSS_WORKERS=1`` keeps it to one core.  The site is the same either way, file by file (tested).
"""

from __future__ import annotations

import functools
import logging
import multiprocessing
import os
import sys
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from . import forkmap, fulltext, headings, shell

log = logging.getLogger("mkdocs.hooks.glossary")
MIN_PAGES = 200  # below this, forking costs more than it saves
SENT = 500  # pages' anchors, links and titles the worker sends back at a time


class _Claims:
    """Who builds which deferred page: the build takes them from the first on, the worker from the
    last back, each only a page the other has not taken (two numbers in memory both processes share)."""

    def __init__(self, order: list[str]) -> None:
        self.position = {uri: number for number, uri in enumerate(order)}
        self.order = order
        self.bounds = multiprocessing.get_context("fork").Array("q", [0, len(order) - 1])  # next first, next last

    def first(self, uri: str) -> bool:
        """The build's page ``uri`` (in order): True if the build takes it, False if the worker has."""
        number = self.position.get(uri)
        if number is None:
            return True  # not one to share (a page in the nav, or one a --dirty build skips)
        with self.bounds.get_lock():
            if number > self.bounds[1]:
                return False
            self.bounds[0] = number + 1
            return True

    def last(self) -> str | None:
        """The worker's next page, from the last back; None once the two have met."""
        with self.bounds.get_lock():
            number: int = self.bounds[1]
            if number < self.bounds[0]:
                return None
            self.bounds[1] = number - 1
        return self.order[number]


@dataclass
class _Split:
    claims: _Claims
    conn: Connection
    process: Any
    done: bool = False


_STATE: dict[str, Any] = {"split": None, "command": "build", "dirty": False, "populate": None, "build_page": None}


def _deferred(page: Any) -> bool:
    """A page read and rendered when it is built: one outside the nav."""
    return bool(page.file.inclusion.is_not_in_nav())


def install() -> None:
    """Wrap MkDocs' per-page steps once per process (``mkdocs serve`` builds again in the same one)."""
    if _STATE["populate"] is not None:
        return
    populate, build_page = mkdocs_build._populate_page, mkdocs_build._build_page
    _STATE.update(populate=populate, build_page=build_page)

    def _populate_page(page: Any, config: Any, files: Files, dirty: bool = False) -> None:
        if not _deferred(page):
            populate(page, config, files, dirty)

    def _build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, *args: Any, **kwargs: Any) -> None:
        split = _STATE["split"]
        if split is None:  # the first page: every plugin has had its on_env, the templates are ready
            split = _STATE["split"] = _start(config, env, doc_files) or False
        if not split or split.claims.first(page.file.src_uri):
            _build_one(page, config, doc_files, nav, env, *args, **kwargs)
        if split and page.file is doc_files[-1]:  # the last page: the worker's pages' anchors and links
            _finish(split, config)

    mkdocs_build._populate_page = _populate_page
    mkdocs_build._build_page = _build_page


def _build_one(page: Any, config: Any, doc_files: Any, nav: Any, env: Any, *args: Any, **kwargs: Any) -> None:
    files, dirty = _STATE["files"], bool(args[0]) if args else bool(kwargs.get("dirty", False))
    if not _deferred(page):
        _STATE["build_page"](page, config, doc_files, nav, env, *args, **kwargs)
        return
    page.render = functools.partial(headings.render, page)  # headings between finished HTML (gloss/headings.py)
    _STATE["populate"](page, config, files, dirty)
    # Its chrome is filled in from its kind's shell (gloss/shell.py), not rendered by the template.
    _STATE["build_page"](page, config, doc_files, nav, shell.Environment(env, _STATE["shells"]), *args, **kwargs)
    page.content = None  # written: its HTML goes (its anchors, links and title stay)
    forget = getattr(page.file, "forget", None)
    if forget:
        forget()


def serving() -> bool:
    return bool(_STATE["command"] == "serve")


def dirty() -> bool:
    return bool(_STATE["dirty"])


def on_startup(command: str, dirty: bool) -> None:
    _STATE.update(command=command, dirty=dirty)
    install()


def on_nav(nav: Any, files: Files) -> None:
    """A new build (``mkdocs serve`` builds again in the same process): forget the last one's worker."""
    _STATE.update(split=None, nav=nav, files=files, shells=shell.Shells())
    headings.new_build()


def on_build_error() -> None:
    """A failed build stops its worker (``mkdocs serve`` goes on to build again)."""
    split = _STATE["split"]
    if split and not split.done and split.process.is_alive():
        split.process.terminate()


def _start(config: Any, env: Any, doc_files: Any) -> _Split | None:
    """With enough deferred pages, fork the worker that builds its share of them."""
    dirty = _STATE["dirty"]
    if forkmap.cores() < 2:  # one decision for every fork: Linux, two cores, GLOSS_WORKERS
        return None
    order = [
        f.src_uri for f in doc_files if f.page is not None and _deferred(f.page) and (not dirty or f.is_modified())
    ]
    if len(order) < MIN_PAGES:
        return None
    claims = _Claims(order)
    forkmap.trim()  # the deck, made just before, freed tens of MB the worker would count as its own
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    process = multiprocessing.get_context("fork").Process(
        target=_worker, args=(theirs, config, env, doc_files, dirty, claims), daemon=True
    )
    process.start()
    theirs.close()
    return _Split(claims=claims, conn=ours, process=process)


class _Capture(logging.Handler):
    """The worker's log records, kept to send to the build, which logs them (and counts warnings)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _worker(
    conn: Connection, config: Any, env: Any, doc_files: Any, dirty: bool, claims: _Claims
) -> None:  # pragma: no cover - runs in the forked process (its effects are tested on the built site)
    mkdocs_logger = logging.getLogger("mkdocs")
    capture = _Capture()
    for handler in list(mkdocs_logger.handlers):
        mkdocs_logger.removeHandler(handler)
    mkdocs_logger.addHandler(capture)
    try:
        nav = _STATE["nav"]
        results = {}
        by_uri = {file.src_uri: file for file in doc_files}
        while (uri := claims.last()) is not None:
            file = by_uri[uri]
            page = file.page
            _build_one(page, config, doc_files, nav, env, dirty, excluded=file.inclusion.is_excluded())
            links = {to.src_uri: found for to, found in (page.links_to_anchors or {}).items()}
            results[file.src_uri] = (page.present_anchor_ids, links, page.title)
        pages = list(results.items())
        for start in range(0, len(pages), SENT):  # in parts: one pickle of them all held as much again
            conn.send(("part", dict(pages[start : start + SENT])))
        texts = list(fulltext.kept(config.site_dir).items())  # for Pagefind, which the build runs
        for start in range(0, len(texts), SENT):
            conn.send(("texts", dict(texts[start : start + SENT])))
        conn.send(("done", capture.records, {}))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the build, which stops
        conn.send(("failed", capture.records, f"{type(error).__name__}: {error}"))
    finally:
        conn.close()
        os._exit(0)


def _finish(split: _Split, config: Any) -> None:
    """Wait for the worker: log what it logged, and give its pages their anchors, links and titles."""
    split.done = True
    found: dict[str, Any] = {}
    try:
        message = split.conn.recv()
        while message[0] in ("part", "texts"):
            if message[0] == "part":
                found.update(message[1])
            else:
                fulltext.add(config.site_dir, message[1])
            message = split.conn.recv()
    except (EOFError, OSError):
        message = ("failed", [], f"the worker process ended without a word (exit code {split.process.exitcode})")
    split.process.join()
    for record in message[1]:
        logging.getLogger(record.name).handle(record)
    if message[0] != "done":
        raise PluginError(f"Rendering the pages on a second core failed: {message[2]}")
    log.debug(f"{len(found)} pages are rendered on a second core (process {split.process.pid})")
    files = _STATE["files"]
    for uri, (anchors, links, title) in found.items():
        page: Any = files.get_file_from_path(uri).page
        page.present_anchor_ids = anchors
        page.links_to_anchors = {files.get_file_from_path(to): found for to, found in links.items()}
        page.markdown, page._title_from_render = "", title  # its title, for any link that names it
