"""The benchmark's harness: projects to build, builds, sizes, search in Chromium, the serve loop."""

from __future__ import annotations

import compileall
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from ..chromium import launch
from ..localsite import free_port, serve
from . import phase_hook
from .synthetic import PROFILES, PROSE_WORDS

ROOT = Path(__file__).resolve().parents[3]
FLOOR_CONFIG = textwrap.dedent("""\
    site_name: Floor
    site_url: http://127.0.0.1:8000/
    theme:
      name: material
      font: false
    nav:
      - Home: index.md
    not_in_nav: |
      /terms/
    plugins:
      - search
    """)
FIRST_RESULT_JS = (Path(__file__).parent / "first_result.js").read_text(encoding="utf-8")


def glossary_project(target: Path, glossary: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "scripts", "overrides"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, target / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if source.is_dir() else {}))
    compileall.compile_dir(target / "scripts", quiet=1)  # as after a user's first build (pip compiled MkDocs)
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")  # (docs/ with it)
    (target / "docs" / "benchmarks.md").write_text("# Benchmarks\n")
    shutil.copytree(glossary, target / "glossary")
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # the vendored scheduler comes from there
    return target


def floor_project(target: Path, glossary_docs: Path) -> Path:
    """Plain Material: the same term pages' words as plain Markdown, no hook, no glossary logic."""
    docs = target / "docs"
    (docs / "terms").mkdir(parents=True)
    for page in sorted((glossary_docs / "terms").glob("*.md")):
        text = page.read_text(encoding="utf-8").split("---\n", 2)[2]
        words = re.sub(r"\]\([^)]*\)|[\[\]*`{}#|]|&#\d+;|\bdata-search-exclude\b|\.gist\b", " ", text)
        title = text.split("\n", 1)[0].lstrip("# ")
        body = "\n\n".join(" ".join(p.split()) for p in words.split("\n\n")[1:] if p.strip())
        (docs / "terms" / page.name).write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
    (docs / "index.md").write_text("# Floor\n\nPlain Material with the same pages.\n")
    (target / "mkdocs.yml").write_text(FLOOR_CONFIG)
    return target


def short_floor_project(target: Path, count: int, seed: int = 7) -> Path:
    """Plain Material with one short page (about 60 words) per term: what a user would have without
    this project, and the floor the targets are measured against."""
    rng = random.Random(seed)
    docs = target / "docs"
    (docs / "terms").mkdir(parents=True)
    for number in range(count):
        words = " ".join(rng.choice(PROSE_WORDS) for _ in range(60))
        (docs / "terms" / f"term-{number}.md").write_text(f"# Term {number}\n\n{words.capitalize()}.\n")
    (docs / "index.md").write_text("# Floor\n\nPlain Material, one short page per term.\n")
    (target / "mkdocs.yml").write_text(FLOOR_CONFIG)
    return target


def repeats(count: int) -> int:
    """Builds timed at a size (the median is reported): a 5,000-page floor ran in 5.1 to 5.9 s here."""
    return 3 if count <= 5000 else 1


def mkdocs_build(project: Path, env: dict | None = None, runs: int = 1) -> float:
    return mkdocs_build_rss(project, env, runs)[0]


def mkdocs_build_rss(project: Path, env: dict | None = None, runs: int = 1) -> tuple[float, float]:
    """Seconds (the median of ``runs`` builds) and peak resident memory (MB, the largest) of `mkdocs build`:
    its own processes and the ones it waits for (the worker on the second core, Pagefind).  Each build
    writes a new site folder: nothing is deleted before the run is over (see the report's header)."""
    times, peaks = [], []
    for run in range(runs):
        site = project / ("site" if run == 0 else f"site-{run + 1}")
        seconds, peak = timed([sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], project, env)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def timed(command: list[str], cwd: Path, env: dict | None = None) -> tuple[float, float]:
    """Seconds and peak resident memory (MB) of one command and the processes it waits for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, process.args)
    return seconds, usage.ru_maxrss / 1024


def pagefind_alone(site: Path, scratch: Path) -> tuple[float, float]:
    """Seconds and peak MB of the build's last step alone: Pagefind on the pages' searchable parts, in parts."""
    command = [sys.executable, "-m", "glosstools.bench.pagefind_parts", str(site), str(scratch)]
    seconds, peak = subprocess.run(command, capture_output=True, text=True, check=True).stdout.split()
    return float(seconds), float(peak)


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def average_page(site: Path) -> float:
    pages = list((site / "terms").glob("*/index.html"))
    return sum(p.stat().st_size for p in pages) / len(pages)


def graph_open(site: Path, port: int, runs: int = 3) -> tuple[float, int]:
    """Milliseconds from navigating to /graph/ until the concept graph is drawn (median of ``runs``
    cold loads), and the bytes of graph.json."""
    from playwright.sync_api import sync_playwright

    times = []
    with serve(site, port), sync_playwright() as playwright:
        browser = launch(playwright)
        for _ in range(runs):
            context = browser.new_context()  # a cold cache each time
            page = context.new_page()
            page.goto(f"http://127.0.0.1:{port}/graph/", wait_until="commit")
            page.wait_for_function("() => document.querySelector('.concept-graph')?.conceptGraph", timeout=60000)
            times.append(page.evaluate("performance.now()"))
            context.close()
        browser.close()
    return statistics.median(times), (site / "graph.json").stat().st_size


def search_times(site: Path, queries: list[tuple[str, str]], port: int) -> tuple[float, float, int]:
    from playwright.sync_api import sync_playwright

    with serve(site, port), sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
        times = []
        first_bytes = 0
        for index, (query, slug) in enumerate(queries):
            box = page.locator("input.md-search__input")
            box.click()
            if index:
                box.fill("")
            box.type(query[:-1], delay=120)  # a reader types about eight keys a second
            highlight = "?h=" + "+".join(query.lower().split())
            page.evaluate(FIRST_RESULT_JS, [f"/terms/{slug}/", highlight])  # stores a promise, returns at once
            page.keyboard.press(query[-1])
            times.append(page.evaluate("window.__firstResult"))
            if index == 0:  # what the first query downloaded: the names shard, Pagefind's entry, index chunks
                first_bytes = page.evaluate(
                    "performance.getEntriesByType('resource').filter(e => /\\/(search|pagefind)\\//.test(e.name))"
                    ".reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)"
                )
        browser.close()
    # A query whose term never came first counts as a miss (-1), never as fast.
    warm = times[1:]
    return times[0], -1 if any(t < 0 for t in warm) else statistics.median(warm), first_bytes


def serve_round_trip(workdir: Path, glossary: Path, note: str, term: tuple[str, str]) -> tuple[float, int]:
    """Seconds from saving a changed note to the reloaded page, and the builds that one save triggered.

    ``note`` is the file in ``glossary`` to add a stop to; ``term`` the (name, slug) of a term the
    added line defines, whose page is open in the browser and must show the new words."""
    from playwright.sync_api import sync_playwright

    project = glossary_project(workdir / f"serve-{glossary.name}", glossary)
    shutil.rmtree(project / "docs")
    shutil.copytree(ROOT / "docs", project / "docs")
    name, slug = term
    port = free_port()
    log_path = workdir / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
        )
        try:
            deadline = time.time() + 600
            while "Serving on" not in log_path.read_text() and time.time() < deadline:
                time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/terms/{slug}/", timeout=120000)
                page.wait_for_timeout(1000)
                before = log_path.read_text()
                path = project / "glossary" / note
                start = time.perf_counter()
                line = (
                    f"\n\n## {name}\n\nbenchmark marker words\n"
                    if note.endswith(".md")
                    else f"\nGarage: {name}: benchmark marker words\n"
                )
                path.write_text(path.read_text(encoding="utf-8") + line)
                page.wait_for_function(
                    "() => document.body.innerText.includes('benchmark marker words')", timeout=600000
                )
                seconds = time.perf_counter() - start
                page.wait_for_timeout(3000)  # let any further rebuild show in the log
                browser.close()
            after = log_path.read_text()[len(before) :]
        finally:
            server.terminate()
            server.wait(timeout=30)
    return seconds, after.count("Building documentation")


def measure(profile: str, count: int, workdir: Path, short_floor: float, words_floor: bool) -> dict:
    """One profile at one size: the generator alone, the whole build, sizes; against the short-page
    floor (measured by the caller at this size) and, with ``words_floor``, plain Material building
    the same pages' words."""
    notes = workdir / f"notes-{profile}-{count}"
    PROFILES[profile](notes, count)
    project = glossary_project(workdir / f"glossary-{profile}-{count}", notes)
    out = subprocess.run(
        [sys.executable, "-m", "glosstools.bench.generator", str(project / "glossary"), str(project / "docs")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    generator, peak, terms, links = float(out[0]), float(out[1]), int(out[2]), int(out[3])
    build, rss = mkdocs_build_rss(project, runs=repeats(count))
    site = project / "site"
    pagefind_s, pagefind_mb = pagefind_alone(site, workdir / f"pagefind-{profile}-{count}")
    result = {
        "profile": profile,
        "size": count,
        "terms": terms,
        "links": links,
        "generator_s": generator,
        "generator_peak_mb": peak,
        "build_s": build,
        "build_rss_mb": rss,
        "pagefind_s": pagefind_s,
        "pagefind_mb": pagefind_mb,
        "short_floor_s": short_floor,
        "site_mb": size(site) / 2**20,
        "page_kb": average_page(site) / 1024,
        "index_mb": search_bytes(site) / 2**20,
        "site": site,
    }
    if words_floor:
        floor = floor_project(workdir / f"floor-{profile}-{count}", project / "docs")
        result["words_floor_s"] = mkdocs_build(floor)
        result["floor_index_mb"] = (floor / "site" / "search" / "search_index.json").stat().st_size / 2**20
    return result


def phases(project: Path) -> dict[str, float]:
    """Where a build's time goes, from hooks around MkDocs' events (a profile by phase)."""
    hook = phase_hook.__file__
    config = (project / "mkdocs.yml").read_text()
    if "  - scripts/mkdocs_hook.py\n" in config:  # after the glossary's hook, so its phases count its work
        config = config.replace("  - scripts/mkdocs_hook.py\n", f"  - scripts/mkdocs_hook.py\n  - {hook}\n", 1)
    elif "hooks:" in config:
        config = config.replace("hooks:\n", f"hooks:\n  - {hook}\n", 1)
    else:
        config += f"hooks:\n  - {hook}\n"
    (project / "mkdocs.yml").write_text(config)
    out = project / "phases.json"
    mkdocs_build(project, {"PHASES_OUT": str(out), "GLOSS_WORKERS": "1"})  # every page's work, on one core
    return json.loads(out.read_text())


def queries_for(site: Path, rng: random.Random, n: int = 6) -> list[tuple[str, str]]:
    """Term names to type, with their slugs (from the concept graph's data, which lists every term)."""
    nodes = json.loads((site / "graph.json").read_text(encoding="utf-8"))["nodes"]
    return [(node[4], node[5]) for node in rng.sample(nodes, n)]


def search_bytes(site: Path) -> int:
    """What the site's search can download at most: the names index and Pagefind's bundle."""
    folders = [site / "search", *site.glob("pagefind*")]  # the names index and every Pagefind bundle
    return sum(p.stat().st_size for folder in folders for p in folder.rglob("*") if p.is_file())
