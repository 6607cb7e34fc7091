#!/usr/bin/env python3
"""Benchmark: does the glossary build grow linearly and cost little beyond MkDocs itself?

    make bench            # sizes 1,000, 5,000 and 10,000 terms
    python scripts/bench.py --sizes 1000 --no-write   # a quick look

For each size it generates a synthetic glossary in the real note shapes
(seeded), then measures in one run: the generator alone (time, peak memory),
the whole `mkdocs build`, the size of site/, of the average term page and of
the search index; and the same for *the floor*, plain Material building the
same number of pages with the same words and no glossary logic.  It times
search in Chromium (cold and warm) on the smallest and largest sites, and the
`mkdocs serve` round trip from saving a note to the reloaded page on the real
notes.  The table goes to docs/benchmarks.md and to standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from localsite import free_port, serve  # noqa: E402

SEED = 20261121
NAME_WORDS = """adaptive attention batch bayesian convolution dropout embedding gradient kernel latent layer loss
momentum network norm optimizer pooling recurrent residual sampling sparse tensor token transformer variational
weight activation encoder decoder classifier regression entropy divergence margin prior posterior softmax sigmoid
gating memory projection quantization pruning distillation augmentation schedule warmup clipping initialization
boosting ensemble manifold contrastive diffusion denoising generative discriminator adversarial graph message
spectral capsule routing mixture expert head query key value position rotary relative causal masked bidirectional
stochastic hierarchical multiscale depthwise separable dilated strided transposed upsampling downsampling skip
highway dense shallow wide temporal spatial channel feature anchor proposal bounding segmentation detection
retrieval ranking metric triplet siamese prototype meta curriculum continual federated lottery sharpness
calibration uncertainty""".split()  # noqa: SIM905
PROSE_WORDS = """the a of to and in is for that with as by on this it from are be or which when an model data
training each its their used can into more than over during every other between while these values input output
learning parameters function step example set small large number new same each error rate update across first
helps makes uses keeps reduces improves measures controls describes changes maps learns computes combines""".split()  # noqa: SIM905
GENERATOR = """
import resource, sys, time
sys.path.insert(0, {scripts!r})
from pathlib import Path
from gloss.build import build
start = time.perf_counter()
result = build(Path({glossary!r}), Path({docs!r}))
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(seconds, peak, len(result.linked.glossary.terms), result.linked.link_count)
"""


# --- synthetic notes --------------------------------------------------------------------


def term_names(count: int, rng: random.Random) -> list[str]:
    names: dict[str, str] = {}
    while len(names) < count:
        size = rng.choice((2, 2, 3))
        words = rng.sample(NAME_WORDS, size)
        name = " ".join(words)
        names.setdefault(" ".join(sorted(words)) + str(size), name[0].upper() + name[1:])
    return list(names.values())


def definition(name: str, names: list[str], rng: random.Random, length: int) -> str:
    words = [rng.choice(PROSE_WORDS) for _ in range(length)]
    for _ in range(3):  # mention three other terms, sometimes in the plural
        other = rng.choice(names).lower()
        if other != name.lower():
            words.insert(rng.randrange(len(words)), other + ("s" if rng.random() < 0.3 else ""))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def synthetic_glossary(folder: Path, count: int, seed: int = SEED) -> None:
    """Notes in the four shapes, ~1,000 entries a file, 15% of terms written twice."""
    rng = random.Random(seed)
    names = term_names(count, rng)
    entries = names + rng.sample(names, count * 15 // 100)
    rng.shuffle(entries)
    folder.mkdir(parents=True, exist_ok=True)
    shapes = ("loci", "what-is", "keywords", "wiki")
    buckets: dict[str, list[str]] = {shape: entries[i :: len(shapes)] for i, shape in enumerate(shapes)}
    for shape, bucket in buckets.items():
        for part, start in enumerate(range(0, len(bucket), 1000)):
            chunk = bucket[start : start + 1000]
            path = folder / f"{shape}-{part:03d}.txt"
            if shape == "loci":
                lines = [
                    f"Room {i // 10 + 1} spot {i % 10 + 1}: {n}: {definition(n, names, rng, rng.randint(8, 16))}"
                    for i, n in enumerate(chunk)
                ]
                text = "\n".join(lines) + "\n"
            elif shape == "what-is":
                blocks = []
                for n in chunk:
                    bullets = [definition(n, names, rng, rng.randint(10, 18)) for _ in range(2)]
                    blocks.append(f"### what is {n.lower()}\n" + "".join(f"- {b}\n" for b in bullets))
                text = "GLOSSARY OF TERMS\n\n" + "".join(blocks)
            elif shape == "keywords":
                blocks = [f"{n}\n\n{definition(n, names, rng, rng.randint(25, 45))}\n" for n in chunk]
                text = "example.org\n\nexample.org/blog\n\ndeep learning keywords\n\n" + "\n".join(blocks)
            else:
                half = len(chunk) // 2
                sections = "".join(
                    f"## {n}\n\n{definition(n, names, rng, rng.randint(25, 40))}\n\n" for n in chunk[:half]
                )
                rows = "".join(f"{n} | {definition(n, names, rng, rng.randint(15, 30))} |\n\n" for n in chunk[half:])
                text = f"# Wiki {part}\n\nsomeone's\nversion from\n2024-01-01 10:00\n\n{sections}## Terms\n\nQuestion | Answer |\n---|---|\n\n{rows}"
            path.write_text(text, encoding="utf-8")


# --- projects ---------------------------------------------------------------------------


def glossary_project(target: Path, glossary: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "scripts", "overrides"):
        source = ROOT / name
        copy = shutil.copytree if source.is_dir() else shutil.copy2
        copy(source, target / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if source.is_dir() else {}))
    (target / "docs").mkdir()
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    (target / "docs" / "benchmarks.md").write_text("# Benchmarks\n")
    shutil.copytree(glossary, target / "glossary")
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
    (target / "mkdocs.yml").write_text(
        textwrap.dedent("""\
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
    )
    return target


def mkdocs_build(project: Path, env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(project / "site")],
        cwd=project,
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )
    return time.perf_counter() - start


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def average_page(site: Path) -> float:
    pages = list((site / "terms").glob("*/index.html"))
    return sum(p.stat().st_size for p in pages) / len(pages)


# --- search in Chromium -----------------------------------------------------------------

_MEASURE = """
([expected, highlight]) => { window.__firstResult = new Promise(resolve => {
  // From the last keystroke to the first result for the whole query: the result
  // links carry the query as ?h=..., so a list left over from the query before
  // the last key does not count.
  const input = document.querySelector('input.md-search__input');
  let start = null;
  input.addEventListener('keydown', () => { start = performance.now(); }, {capture: true, once: true});
  const deadline = performance.now() + 15000;
  const poll = () => {
    const first = document.querySelector('.md-search-result__item a');
    if (start !== null && first && first.href.includes(expected) && first.href.endsWith(highlight)) {
      resolve(performance.now() - start);
    } else if (performance.now() > deadline) {
      resolve(-1);
    } else {
      requestAnimationFrame(poll);
    }
  };
  requestAnimationFrame(poll);
}); }
"""


def search_times(site: Path, queries: list[tuple[str, str]], port: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch

    with serve(site, port), sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/", wait_until="load")
        times = []
        for index, (query, slug) in enumerate(queries):
            box = page.locator("input.md-search__input")
            box.click()
            if index:
                box.fill("")
            box.type(query[:-1])
            highlight = "?h=" + "+".join(query.lower().split())
            page.evaluate(_MEASURE, [f"/terms/{slug}/", highlight])  # stores a promise, returns at once
            page.keyboard.press(query[-1])
            times.append(page.evaluate("window.__firstResult"))
        browser.close()
    # A query whose term never came first counts as a miss (-1), never as fast.
    warm = times[1:]
    return times[0], -1 if any(t < 0 for t in warm) else statistics.median(warm)


# --- mkdocs serve round trip ------------------------------------------------------------


def serve_round_trip(workdir: Path) -> tuple[float, int, int]:
    """Seconds from saving a changed note to the reloaded page, files rewritten, rebuilds."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from browser import launch

    project = glossary_project(workdir / "serve", ROOT / "glossary")
    shutil.rmtree(project / "docs")
    shutil.copytree(ROOT / "docs", project / "docs")
    port = free_port()
    log_path = workdir / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "--livereload"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"},
        )
        try:
            deadline = time.time() + 120
            while "Serving on" not in log_path.read_text() and time.time() < deadline:
                time.sleep(0.2)
            with sync_playwright() as playwright:
                browser = launch(playwright)
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{port}/terms/dropout/")
                page.wait_for_timeout(1000)
                before = log_path.read_text()
                note = project / "glossary" / "house-walk-loci.txt"
                start = time.perf_counter()
                note.write_text(note.read_text(encoding="utf-8") + "\nGarage: Dropout: benchmark marker words\n")
                page.wait_for_function(
                    "() => document.body.innerText.includes('benchmark marker words')", timeout=120000
                )
                seconds = time.perf_counter() - start
                page.wait_for_timeout(3000)  # let any further rebuild show in the log
                browser.close()
            after = log_path.read_text()[len(before) :]
        finally:
            server.terminate()
            server.wait(timeout=30)
    written = [int(n) for n in re.findall(r"(\d+) files written", after)]
    return seconds, written[0] if written else -1, after.count("Building documentation")


# --- the run ----------------------------------------------------------------------------


def measure(count: int, workdir: Path) -> dict:
    notes = workdir / f"notes-{count}"
    synthetic_glossary(notes, count)
    project = glossary_project(workdir / f"glossary-{count}", notes)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            GENERATOR.format(
                scripts=str(project / "scripts"), glossary=str(project / "glossary"), docs=str(project / "docs")
            ),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    generator, peak, terms, links = float(out[0]), float(out[1]), int(out[2]), int(out[3])
    build = mkdocs_build(project)
    floor = floor_project(workdir / f"floor-{count}", project / "docs")
    floor_build = mkdocs_build(floor)
    site, floor_site = project / "site", floor / "site"
    return {
        "size": count,
        "terms": terms,
        "links": links,
        "generator_s": generator,
        "generator_per_term_ms": generator / terms * 1000,
        "generator_peak_mb": peak,
        "build_s": build,
        "floor_build_s": floor_build,
        "site_mb": size(site) / 2**20,
        "floor_site_mb": size(floor_site) / 2**20,
        "page_kb": average_page(site) / 1024,
        "floor_page_kb": average_page(floor_site) / 1024,
        "index_mb": (site / "search" / "search_index.json").stat().st_size / 2**20,
        "floor_index_mb": (floor_site / "search" / "search_index.json").stat().st_size / 2**20,
        "index_docs": len(json.loads((site / "search" / "search_index.json").read_text())["docs"]),
        "floor_index_docs": len(json.loads((floor_site / "search" / "search_index.json").read_text())["docs"]),
        "site": site,
    }


PHASE_HOOK = """
import json, os, time
T = {"before pages (config, generator, files)": 0.0, "Markdown (per page)": 0.0,
     "search indexing and context (per page)": 0.0, "templates (per page)": 0.0, "after pages (index, deck)": 0.0}
_at = {}
def on_config(config):
    _at["start"] = time.perf_counter()
def on_files(files, config):
    T["before pages (config, generator, files)"] = time.perf_counter() - _at["start"]
def on_page_markdown(markdown, page, **kwargs):
    _at[page.file.src_uri] = time.perf_counter()
def on_page_content(html, page, **kwargs):
    T["Markdown (per page)"] += time.perf_counter() - _at[page.file.src_uri]
def on_env(env, config, files):
    _at["last"] = time.perf_counter()
def on_page_context(context, page, **kwargs):
    now = time.perf_counter()
    T["search indexing and context (per page)"] += now - _at["last"]
    _at["context"] = now
def on_post_page(output, page, config):
    now = time.perf_counter()
    T["templates (per page)"] += now - _at["context"]
    _at["last"] = now
def on_post_build(config):
    T["after pages (index, deck)"] = time.perf_counter() - _at["last"]
    T["total"] = time.perf_counter() - _at["start"]
    with open(os.environ["PHASES_OUT"], "w") as out:
        json.dump(T, out)
"""


def phases(project: Path) -> dict[str, float]:
    """Where a build's time goes, from hooks around MkDocs' events (a profile by phase)."""
    (project / "phase_hook.py").write_text(PHASE_HOOK)
    config = (project / "mkdocs.yml").read_text()
    if "hooks:" in config:
        config = config.replace("hooks:\n", "hooks:\n  - phase_hook.py\n", 1)
    else:
        config += "hooks:\n  - phase_hook.py\n"
    (project / "mkdocs.yml").write_text(config)
    out = project / "phases.json"
    mkdocs_build(project, {"PHASES_OUT": str(out)})
    return json.loads(out.read_text())


def queries_for(site: Path, rng: random.Random, n: int = 6) -> list[tuple[str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text())
    pages = [d for d in index["docs"] if d["location"].startswith("terms/") and "#" not in d["location"]]
    chosen = rng.sample(pages, n)
    return [(re.sub(r"<[^>]+>", "", d["title"]), d["location"].split("/")[1]) for d in chosen]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def table(results: list[dict], search: dict, serve: tuple | None, profile: tuple | None = None) -> str:
    small, large = results[0], results[-1]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Date: {date.today().isoformat()}. Produced by `make bench` "
        "(`scripts/bench.py`): synthetic glossaries in the real note shapes (seeded), each measured against "
        "*the floor*, plain Material building the same number of pages with the same words and no glossary logic.",
        "",
        "| terms | links | generator s | per term ms | peak MB | build s | floor s | build / floor | generator / build "
        "| site MB | floor MB | term page KB | floor page KB | index MB | floor index MB | index / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['terms']:,} | {r['links']:,} | {r['generator_s']:.2f} | {r['generator_per_term_ms']:.3f} "
            f"| {r['generator_peak_mb']:.0f} | {r['build_s']:.1f} | {r['floor_build_s']:.1f} "
            f"| {r['build_s'] / r['floor_build_s']:.2f} | {r['generator_s'] / r['build_s']:.1%} "
            f"| {r['site_mb']:.1f} | {r['floor_site_mb']:.1f} | {r['page_kb']:.1f} | {r['floor_page_kb']:.1f} "
            f"| {r['index_mb']:.2f} | {r['floor_index_mb']:.2f} | {r['index_mb'] / r['floor_index_mb']:.2f} |"
        )
    linear = large["generator_per_term_ms"] / small["generator_per_term_ms"]
    growth = (large["site_mb"] / large["terms"]) / (small["site_mb"] / small["terms"])
    targets = [
        ("Generator time per term, largest / smallest size ≤ 1.3 (linear)", f"{linear:.2f}", linear <= 1.3),
        ("Generator ≤ 10% of the whole build at the largest size", f"{large['generator_s'] / large['build_s']:.1%}", large["generator_s"] / large["build_s"] <= 0.10),
        ("Generator peak memory ≤ 300 MB at the largest size", f"{large['generator_peak_mb']:.0f} MB", large["generator_peak_mb"] <= 300),
        ("Whole build ≤ 1.25× the floor at every size", ", ".join(f"{r['build_s'] / r['floor_build_s']:.2f}" for r in results), all(r["build_s"] / r["floor_build_s"] <= 1.25 for r in results)),
        ("Average term page ≤ 25 KB", ", ".join(f"{r['page_kb']:.1f} KB" for r in results), all(r["page_kb"] <= 25 for r in results)),
        ("site/ grows linearly (MB per term, largest / smallest ≤ 1.3)", f"{growth:.2f}", growth <= 1.3),
        ("Search index ≤ 1.3× the floor's", ", ".join(f"{r['index_mb'] / r['floor_index_mb']:.2f}" for r in results), all(r["index_mb"] / r["floor_index_mb"] <= 1.3 for r in results)),
    ]  # fmt: skip

    def ms(value: float) -> str:
        return f"{value:.0f} ms" if value >= 0 else "term not first within 15 s"

    for count, (cold, warm) in sorted(search.items()):
        cold_target = 1000 if count >= 10000 else 300
        targets.append(
            (f"Search at {count:,} terms: first result cold ≤ {cold_target} ms", ms(cold), 0 <= cold <= cold_target)
        )
        if count >= 10000 or len(search) == 1:
            targets.append((f"Search at {count:,} terms: first result warm ≤ 150 ms", ms(warm), 0 <= warm <= 150))
    lines += ["", "## Search in Chromium", "", "| terms | cold | warm (median) |", "|---:|---:|---:|"]
    lines += [f"| {count:,} | {ms(cold)} | {ms(warm)} |" for count, (cold, warm) in sorted(search.items())]
    if serve:
        seconds, written, builds = serve
        lines += [
            "",
            "## `mkdocs serve`, real notes",
            "",
            f"Saving a changed note to the reloaded page: **{seconds:.1f} s**; generated files rewritten: **{written}** "
            f"(only the pages whose content changed); builds triggered: {builds}.",
        ]
    if profile:
        count, ours, floor = profile
        lines += [
            "",
            f"## Where the build's time goes, {count:,} terms",
            "",
            "Seconds by phase, from hooks around MkDocs' events (one more build of each site):",
            "",
            "| phase | glossary | floor | difference |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {name} | {ours[name]:.1f} | {floor[name]:.1f} | {ours[name] - floor[name]:+.1f} |" for name in ours
        ]
    lines += ["", "## Targets", "", "| target | figure | |", "|---|---|---|"]
    lines += [f"| {name} | {figure} | {verdict(ok)} |" for name, figure, ok in targets]
    lines += limits(results, search, profile, {name for name, _, ok in targets if not ok})
    return "\n".join(lines) + "\n"


def limits(results: list[dict], search: dict, profile: tuple | None, missed: set[str]) -> list[str]:
    """What limits each missed target, from this run's own figures."""
    if not missed:
        return []
    large = results[-1]
    out = ["", "## What limits the missed targets", ""]
    if any(name.startswith("Whole build") for name in missed) and profile:
        count, ours, floor = profile
        extra = {name: ours[name] - floor[name] for name in ours if name != "total"}
        biggest = sorted(extra.items(), key=lambda item: -item[1])
        out.append(
            f"- **Build time.** The phase profile above puts the gap at {ours['total'] - floor['total']:.0f} s for "
            f"{count:,} terms: "
            + ", ".join(f"{name} {value:+.1f} s" for name, value in biggest)
            + f". The generator itself is {large['generator_s']:.1f} s. A term page is not a plain page: it carries "
            f"{large['links'] / large['terms']:.1f} term links on average plus source links, credits, a walk section "
            "and a Related list, and its HTML is "
            f"{large['page_kb'] / large['floor_page_kb']:.1f}× the floor's; Python-Markdown, MkDocs' link checks and "
            "Material's search indexer all scale with that content, as do the A–Z, walk and source pages, which "
            "the floor does not have. Done so far: fewer Markdown extensions (md_in_html, superfences, admonition "
            "and details cost on every page), fewer headings, raw HTML for the self-test, a faster generator. "
            "What remains is the cost of the content itself."
        )
    if any(name.startswith("Search") for name in missed):
        sizes = ", ".join(f"{r['index_docs']:,} documents at {r['terms']:,} terms" for r in results)
        out.append(
            "- **Search speed.** Material's search is lunr.js in a web worker: on first use the browser downloads "
            f"the index ({large['index_mb']:.1f} MB at {large['terms']:,} terms, already "
            f"{large['index_mb'] / large['floor_index_mb']:.2f}× the floor's) and builds it, which is the cold time; "
            f"each keystroke then runs a query over every document ({sizes}; the floor has "
            f"{large['floor_index_docs']:,} at {large['terms']:,}), and Material sends one query per keystroke with "
            "no debounce, so queries typed faster than they run queue behind each other, which is the warm time "
            "here (the benchmark types without pauses). Material 9 cannot ship a prebuilt index. Closing the gap "
            "needs a different search at that size (a names-only index for term lookup, or a prebuilt or "
            "chunked index), not a setting."
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the glossary build against plain Material.")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--no-write", action="store_true", help="print only, do not write docs/benchmarks.md")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve round trip")
    parser.add_argument("--no-search", action="store_true", help="skip the search timings in Chromium")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as folder:
        workdir = Path(folder)
        results = []
        for count in sizes:
            print(f"measuring {count:,} terms ...", file=sys.stderr, flush=True)
            results.append(measure(count, workdir))
        search = {}
        for r in [] if args.no_search else {results[0]["size"]: results[0], results[-1]["size"]: results[-1]}.values():
            print(f"searching {r['size']:,} terms in Chromium ...", file=sys.stderr, flush=True)
            port = free_port()
            site = r["site"]
            # Previews and instant loading need site_url to match where the site is served.
            project = site.parent
            mkdocs_build(project, {"SITE_URL": f"http://127.0.0.1:{port}/"})
            search[r["size"]] = search_times(site, queries_for(site, rng), port)
        largest = results[-1]
        print(f"profiling the {largest['size']:,}-term build by phase ...", file=sys.stderr, flush=True)
        profile = (
            largest["size"],
            phases(largest["site"].parent),
            phases(workdir / f"floor-{largest['size']}"),
        )
        serve = None if args.no_serve else serve_round_trip(workdir)
        report = table(results, search, serve, profile)
    print(report)
    if not args.no_write:
        (ROOT / "docs" / "benchmarks.md").write_text(report, encoding="utf-8")
        print("written to docs/benchmarks.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
