"""Full text: what Pagefind indexes, and Pagefind run on it, in parts on every core.

Pagefind used to read every built page whole and hold the whole site's index at once.  A term page
is 25 KB of chrome, Related lists and a local graph around the few hundred words Pagefind keeps, and
at 10,000 terms indexing took 8 s and 630 MB.  Now:

- **Only what is indexed.**  As each term or topic page is written (``keep``), its searchable part
  (``searchable``: the article Pagefind indexes, up to the sections it was told to ignore) goes into
  a small page of its own, in a folder beside the site (``.site-search-input``), deleted after the
  build.  The index is the same: the same pages, words, titles, excerpts, anchors and metadata
  (tested).
- **In parts.**  The pages are indexed in parts of at most ``PART`` pages, each a Pagefind bundle of
  its own (``pagefind/``, ``pagefind-2/``, …), side by side on the machine's cores
  (``forkmap.cores``).  Memory holds one part's index per process, not the whole site's.  The search
  merges the bundles (``pagefind/bundles.json`` lists the others; ``docs/assets/search.js``).

Under ``mkdocs serve --dirty`` a page that was not rendered again keeps its searchable copy from
the last build; a copy that is missing is cut from the page the site already has.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.service import get_executable

from . import forkmap

PART = 5000  # pages in one Pagefind bundle at most: its index, not the site's, is what one process holds
BUNDLES = "pagefind/bundles.json"
NICE = 10  # Pagefind's priority under `mkdocs serve`, below the reader's browser and the server
FOLDER = "-search-input"  # the searchable copies: beside the site folder, named after it
_BODY = "data-pagefind-body>"
_IGNORED = "<div data-pagefind-ignore>"  # the Related and walk sections (``mark``)
_HTML = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


_ARTICLE = '<article class="md-content__inner md-typeset">'
# Chrome inside the article, not the term's text: permalinks, the topics line, credits, the "Definitions" heading.
_NOT_TEXT = re.compile(r'(class="headerlink"|class="topics"|class="credit"|id="definitions")')
_RELATED = re.compile(r'<h2 (?:data-search-exclude )?id="(?:related|on-the-house-walk)"')


def mark(output: str) -> str:
    """Mark what Pagefind indexes: a term's or topic's article, without its walk and Related
    sections (the names index finds loci and names, and the walk page is no blob of text).  Only
    the article is searched (the chrome around it is most of the page)."""
    start = output.find(_ARTICLE)
    if start < 0:
        return output
    end = output.find("</article>", start)
    end = len(output) if end < 0 else end
    article = _NOT_TEXT.sub(r"\1 data-pagefind-ignore", output[start + len(_ARTICLE) : end])
    match = _RELATED.search(article)
    if match:
        article = article[: match.start()] + "<div data-pagefind-ignore>" + article[match.start() :] + "</div>"
    return output[:start] + _ARTICLE[:-1] + " data-pagefind-body>" + article + output[end:]


def parts(count: int) -> int:
    return max(1, -(-count // PART))


def part_of(dest: str, count: int) -> int:
    """The bundle a page goes into: the same one from build to build while the number of parts stays."""
    return zlib.crc32(dest.encode()) % count


def bundle(part: int) -> str:
    return "pagefind" if part == 0 else f"pagefind-{part + 1}"


def searchable(output: str) -> str | None:
    """A page's searchable part as a page of its own: its ``<html>`` tag (the language), its title
    and its article up to the sections Pagefind ignores; None for a page Pagefind does not index."""
    at = output.find(_BODY)
    if at < 0:
        return None
    start = output.rfind("<", 0, at)
    end = output.find("</article>", at)
    if end < 0:
        return None
    ignored = output.find(_IGNORED, at, end)
    html, title = _HTML.search(output), _TITLE.search(output)
    return (
        "<!doctype html>"
        + (html.group(0) if html else "<html>")
        + '<head><meta charset="utf-8">'
        + (title.group(0) if title else "")
        + "</head><body>"
        + output[start : ignored if ignored >= 0 else end]
        + "</article></body></html>"
    )


@dataclass
class _Plan:
    folder: Path  # the searchable copies, by part: folder/<part>/<dest>
    pages: list[str]  # dest paths of the pages indexed
    count: int = 1
    running: threading.Thread | None = None
    errors: list[str] = field(default_factory=list)


_PLANS: dict[str, _Plan] = {}  # site_dir -> this process's plan (it outlives a build under `mkdocs serve`)


def plan(site_dir: str, pages: list[str]) -> None:
    """Before any page is written: the pages Pagefind indexes, and the folder for their copies."""
    found = _PLANS.get(site_dir)
    if found is None:  # beside the site (not in it: it is not published); writing straight under /tmp is slow
        site = Path(site_dir).resolve()
        folder = site.parent / f".{site.name}{FOLDER}"
        shutil.rmtree(folder, ignore_errors=True)  # left by a build that was stopped
        folder.mkdir(parents=True)
        found = _PLANS[site_dir] = _Plan(folder, [])
    found.pages, found.count = sorted(pages), parts(len(pages))


def keep(site_dir: str, dest: str, output: str) -> None:
    """A page is written: keep its searchable part (in whichever process rendered it)."""
    found = _PLANS.get(site_dir)
    text = searchable(output) if found else None
    if found and text is not None:
        path = found.folder / str(part_of(dest, found.count)) / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _arrange(site_dir: str, found: _Plan) -> None:
    """Every page's copy in its part: moved when the number of parts changed, cut from the built
    page when missing; copies of pages the site no longer has go."""
    where: dict[str, Path] = {}
    for copy in found.folder.glob("*/**/*.html"):
        where[Path(*copy.relative_to(found.folder).parts[1:]).as_posix()] = copy
    for dest in found.pages:
        target = found.folder / str(part_of(dest, found.count)) / dest
        path = where.pop(dest, None)
        if path == target:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if path is not None:
            path.replace(target)
            continue
        built = Path(site_dir, dest)
        text = searchable(built.read_text(encoding="utf-8")) if built.is_file() else None
        if text is not None:
            target.write_text(text, encoding="utf-8")
    for path in where.values():
        path.unlink()
    for extra in found.folder.iterdir():
        if extra.is_dir() and not (extra.name.isdigit() and int(extra.name) < found.count):
            shutil.rmtree(extra)


def index(site_dir: str, background: bool = False) -> None:
    """Index the site's searchable pages in a thread (``wait`` for it before the site is touched
    again).  ``background`` (under ``mkdocs serve``, where the page has already reloaded): at a low
    priority, so that the reader's browser and the server come first."""
    found = _PLANS.get(site_dir)
    if found is None:
        return
    _arrange(site_dir, found)
    site = Path(site_dir)
    for old in site.glob("pagefind-*"):
        if old.is_dir() and old.name not in {bundle(part) for part in range(found.count)}:
            shutil.rmtree(old)
    (site / "pagefind").mkdir(exist_ok=True)
    more = [bundle(part) + "/" for part in range(1, found.count)]
    (site / BUNDLES).write_text(json.dumps({"more": more}), encoding="utf-8")

    def run() -> None:
        found.errors = run_parts(found.folder, found.count, site, background)

    found.running = threading.Thread(target=run, daemon=True)
    found.running.start()


def run_parts(folder: Path, count: int, site: Path, background: bool = False) -> list[str]:
    """Pagefind on each part's folder of copies, into the part's bundle in ``site``: as many at
    once as there are cores (at a low priority in the background); what Pagefind said when it failed."""
    executable = get_executable()
    command = [str(executable)] if executable else [sys.executable, "-m", "pagefind"]
    errors: list[str] = []

    def one(part: int) -> None:
        source = folder / str(part)
        if not source.is_dir() or not any(source.iterdir()):
            return  # no page to index (a glossary with no terms yet): Pagefind would stop with an error
        process = subprocess.Popen(
            [*command, "--site", str(source), "--output-path", str(site / bundle(part)), "--silent"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        if background and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may have finished already
                os.setpriority(os.PRIO_PROCESS, process.pid, NICE)
        said, _ = process.communicate()
        if process.returncode != 0:
            errors.append(said.strip()[-500:])

    with ThreadPoolExecutor(max_workers=min(forkmap.cores(), count)) as pool:
        list(pool.map(one, range(count)))
    return errors


def wait(site_dir: str) -> list[str]:
    """Wait for the site's indexing, if any runs; what Pagefind said when it failed."""
    found = _PLANS.get(site_dir)
    if found is None or found.running is None:
        return []
    found.running.join()
    found.running = None
    return found.errors


def sites() -> list[str]:
    return list(_PLANS)


def forget(site_dir: str) -> None:
    """The build is over for good (``mkdocs build``, or ``serve`` stopping): its copies go."""
    found = _PLANS.pop(site_dir, None)
    if found is not None:
        shutil.rmtree(found.folder, ignore_errors=True)
