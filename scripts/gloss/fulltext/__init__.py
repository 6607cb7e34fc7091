"""Full text: what Pagefind indexes, and Pagefind run on it, in parts side by side.

Pagefind used to read every built page whole and hold the whole site's index at once.  A term page
is 25 KB of chrome, Related lists and a local graph around the few hundred words Pagefind keeps, and
at 10,000 terms indexing took 8 s and 630 MB.  Now:

- **Only what is indexed.**  After the last page is written, each term or topic page's searchable
  part (``searchable``: the article Pagefind indexes, up to the sections it was told to ignore) is
  cut from the built page and handed to Pagefind through its service mode (``_Service``, what
  Pagefind's own Python and Node APIs drive).  Nothing is written for Pagefind to read: copies of
  the pages were as many files and folders again, made and deleted on every build.  The index is
  the same: the same pages, words, titles, excerpts, anchors and metadata (tested).
- **In parts.**  The pages are indexed in parts of at most ``PART`` pages, each a Pagefind bundle of
  its own (``pagefind/``, ``pagefind-2/``, …), one Pagefind process each, side by side.  Memory
  holds one part's index per process, not the whole site's.  The search merges the bundles
  (``pagefind/bundles.json`` lists the others; ``docs/assets/search.js``).

Under ``mkdocs serve --dirty`` a page that was not rendered again is read as the last build wrote it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.service import get_executable

from .service import Service

SPLIT = 500  # pages from which the index is made in two parts at least, side by side
PART = 5000  # pages in one Pagefind bundle at most: its index, not the site's, is what one process holds
BUNDLES = "pagefind/bundles.json"
_BODY = "data-pagefind-body>"
_IGNORED = "<div data-pagefind-ignore>"  # the Related and walk sections (``mark``)
_HTML = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.S)


_ARTICLE = '<article class="md-content__inner md-typeset">'
# Chrome inside the article, not the term's text: permalinks, the topics line, credits, the "Definitions" heading.
_NOT_TEXT = ('class="headerlink"', 'class="topics"', 'class="credit"', 'id="definitions"')
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
    article = output[start + len(_ARTICLE) : end]
    for chrome in _NOT_TEXT:  # a scan each, not a regular expression tried at every character
        article = article.replace(chrome, chrome + " data-pagefind-ignore")
    match = _RELATED.search(article)
    if match:
        article = article[: match.start()] + "<div data-pagefind-ignore>" + article[match.start() :] + "</div>"
    return output[:start] + _ARTICLE[:-1] + " data-pagefind-body>" + article + output[end:]


def parts(count: int) -> int:
    """Parts of at most ``PART`` pages, and from ``SPLIT`` pages on at least two: Pagefind runs last,
    when nothing else is left for the second core to do."""
    return max(1 if count < SPLIT else 2, -(-count // PART))


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
    pages: list[str]  # dest paths of the pages indexed
    count: int = 1
    running: threading.Thread | None = None
    errors: list[str] = field(default_factory=list)
    texts: dict[str, bytes] = field(default_factory=dict)  # searchable parts of the pages built so far (``keep``)


_PLANS: dict[str, _Plan] = {}  # site_dir -> this process's plan (it outlives a build under `mkdocs serve`)


def plan(site_dir: str, pages: list[str]) -> None:
    """Before any page is written: the pages Pagefind indexes."""
    found = _PLANS.setdefault(site_dir, _Plan([]))
    found.pages, found.count, found.texts = sorted(pages), parts(len(pages)), {}


def keep(site_dir: str, dest: str, output: str) -> None:
    """A page as it is written: its searchable part is kept for Pagefind, not read back from the site
    (compressed: at 10,000 terms they are 25 MB as they are, 7 MB so)."""
    found = _PLANS.get(site_dir)
    text = searchable(output) if found is not None else None
    if found is not None and text is not None:
        found.texts[dest] = zlib.compress(text.encode(), 1)


def kept(site_dir: str) -> dict[str, bytes]:
    """The searchable parts this process kept (a second core's, to hand to the build: ``add``)."""
    found = _PLANS.get(site_dir)
    return found.texts if found is not None else {}


def add(site_dir: str, texts: dict[str, bytes]) -> None:
    found = _PLANS.get(site_dir)
    if found is not None:
        found.texts.update(texts)


def index(site_dir: str, background: bool = False) -> None:
    """Index the site's searchable pages in a thread (``wait`` for it before the site is touched
    again).  ``background`` (under ``mkdocs serve``, where the page has already reloaded): at a low
    priority, so that the reader's browser and the server come first."""
    found = _PLANS.get(site_dir)
    if found is None:
        return
    site = Path(site_dir)
    for old in site.glob("pagefind-*"):
        if old.is_dir() and old.name not in {bundle(part) for part in range(found.count)}:
            shutil.rmtree(old)
    (site / "pagefind").mkdir(exist_ok=True)
    more = [bundle(part) + "/" for part in range(1, found.count)]
    (site / BUNDLES).write_text(json.dumps({"more": more}), encoding="utf-8")
    pages, count, texts = list(found.pages), found.count, found.texts
    found.texts = {}

    def run() -> None:
        found.errors = run_parts(site, pages, count, background, texts=texts)

    found.running = threading.Thread(target=run, daemon=True)
    found.running.start()


def run_parts(
    site: Path,
    pages: list[str],
    count: int,
    background: bool = False,
    into: Path | None = None,
    texts: dict[str, bytes] | None = None,
) -> list[str]:
    """Pagefind on the searchable part of each of ``pages`` (built pages in ``site``), one Pagefind
    per part, each part's bundle written into ``into`` (the site); what Pagefind said when it failed.

    The pages go to Pagefind through its service mode: each one's searchable part as it was kept
    when the page was written (``texts``, let go as it is sent), or else read from the site (a page
    ``mkdocs serve --dirty`` did not build again).  No copy of them is written for it to read (at
    10,000 terms the copies were 10,000 files and as many folders made and deleted on every build).

    Pagefind hands each bundle's files over (``GetFiles``) and they are written here, whole.  Asked
    to write them itself (``WriteFiles``), Pagefind answers before its last writes are done, and it
    exits as soon as it is told to stop: on a busy machine a file was left empty or cut short (a
    search script that never loads)."""
    return list(dict.fromkeys(_run(site, pages, count, background, into or site, {} if texts is None else texts)))


class _Bundle:
    """Where a part's files go as Pagefind hands them over (``Service.get_files``): its bundle folder."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.made = str(folder), set[str]()

    def __call__(self, name: str, content: bytes) -> None:
        parts = name.replace("\\", "/").split("/")  # (Pagefind on Windows writes its own separator)
        if not parts[0] or ":" in parts[0] or ".." in parts:
            raise OSError("a path outside the bundle")  # never written: said in Pagefind's warning
        folder = os.path.join(self.folder, *parts[:-1])
        if folder not in self.made:
            os.makedirs(folder, exist_ok=True)
            self.made.add(folder)
        with open(os.path.join(folder, parts[-1]), "wb") as file:
            file.write(content)


def _run(site: Path, pages: list[str], count: int, background: bool, out: Path, texts: dict[str, bytes]) -> list[str]:
    executable = get_executable()
    command = [str(executable)] if executable else [sys.executable, "-m", "pagefind"]
    services: dict[int, tuple[Service, int]] = {}
    failed: set[int] = set()  # parts whose Pagefind did not start: not tried again for each page
    errors: list[str] = []

    def service(part: int) -> tuple[Service, int] | None:
        if part in failed:
            return None
        if part not in services:
            started = Service(command, background)
            answer = started.send({"type": "NewIndex", "config": None}, answer=True)
            made = answer.get() if answer else None
            if not isinstance(made, dict) or made.get("type") != "NewIndex":
                errors.extend(started.close() or ["Pagefind did not start an index"])
                failed.add(part)
                return None
            services[part] = (started, made["index_id"])
        return services[part]

    for dest in pages:
        packed = texts.pop(dest, None)
        text = zlib.decompress(packed).decode() if packed is not None else None
        if text is None:
            path = site / dest
            text = searchable(path.read_text(encoding="utf-8")) if path.is_file() else None
        found = service(part_of(dest, count)) if text is not None else None
        if found is not None:
            url = "/" + (dest[: -len("index.html")] if dest.endswith("index.html") else dest)
            found[0].send(
                {"type": "AddFile", "index_id": found[1], "url": url, "file_path": None, "file_contents": text}
            )
    asked = {
        part: started.get_files(index_id, _Bundle(out / bundle(part))) for part, (started, index_id) in services.items()
    }
    for part, answer in asked.items():
        given = answer.get() if answer else None
        if not given or given.get("type") != "GetFiles":
            errors.append(f"Pagefind did not hand over the files of {bundle(part)}/")
    for started, _ in services.values():
        errors.extend(started.close())
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
    """The build is over for good (``mkdocs build``, or ``serve`` stopping)."""
    _PLANS.pop(site_dir, None)
