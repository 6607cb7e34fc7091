"""Benchmark: does the glossary build grow linearly and cost little beyond MkDocs itself?

    make bench            # sizes 1,000, 5,000 and 10,000 terms
    python -m glosstools.bench --sizes 1000 --no-write   # a quick look

For each size it generates synthetic glossaries (seeded, ``synthetic.py``) in
three profiles: *light* (today's: the learner's four plain-text shapes, three
mentions a definition), *dense* (one Markdown note, about ten mentions a
definition, as people's notes are) and *walk* (one loci note of 5,000 stops).
It measures in one run (``harness.py``): the generator alone, the whole
`mkdocs build` (time and peak memory), the size of site/, of the average term
page and of the search files; against two floors built in the same run: plain
Material with one short page (about 60 words) per term, what a user would have
without this project, and (light profile) plain Material building the same
pages' words.  It times search and the concept graph in Chromium, a build by
phase, and the `mkdocs serve --dirty` round trip from saving a note to the
reloaded page.  The table (``report.py``) goes to docs/benchmarks.md (kept in
the repository, not on the site) and to standard output.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

from ..localsite import free_port
from . import harness, report
from .harness import ROOT
from .synthetic import SEED


def main() -> int:
    parser = argparse.ArgumentParser(description="Benchmark the glossary build against plain Material.")
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--walk", type=int, default=5000, help="stops of the long-walk profile (0: skip it)")
    parser.add_argument("--no-write", action="store_true", help="print only, do not write docs/benchmarks.md")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve round trip")
    parser.add_argument("--no-search", action="store_true", help="skip the search timings in Chromium")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rng = random.Random(SEED)
    with tempfile.TemporaryDirectory(prefix="glossary-bench-") as folder:
        workdir = Path(folder)
        floors = {}
        for count in sorted({*sizes, *([args.walk] if args.walk else [])}):
            print(f"plain Material, {count:,} short pages ...", file=sys.stderr, flush=True)
            project = harness.short_floor_project(workdir / f"short-{count}", count)
            floors[count] = harness.mkdocs_build(project, runs=harness.repeats(count))
        results = []
        runs = [("light", count) for count in sizes] + [("dense", count) for count in sizes]
        runs += [("walk", args.walk)] if args.walk else []
        for profile, count in runs:
            print(f"measuring {profile}, {count:,} terms ...", file=sys.stderr, flush=True)
            results.append(harness.measure(profile, count, workdir, floors[count], words_floor=profile == "light"))
        dense = [r for r in results if r["profile"] == "dense"]
        search = {}
        graph: dict[int, tuple[float, int]] = {}
        for r in [] if args.no_search else [dense[0], dense[-1]]:
            print(f"searching {r['size']:,} terms in Chromium ...", file=sys.stderr, flush=True)
            port = free_port()
            site = r["site"]
            search[r["size"]] = harness.search_times(site, harness.queries_for(site, rng), port)
            graph[r["size"]] = harness.graph_open(site, free_port())
        largest = dense[-1]
        print(f"profiling the {largest['size']:,}-term build by phase ...", file=sys.stderr, flush=True)
        profile = (
            largest["size"],
            harness.phases(largest["site"].parent),
            harness.phases(workdir / f"short-{largest['size']}"),
        )
        serve = None
        if not args.no_serve:
            print("timing the mkdocs serve edit loop ...", file=sys.stderr, flush=True)
            serve = {
                "the learner's notes": harness.serve_round_trip(
                    workdir, ROOT / "glossary", "house-walk-loci.txt", ("Dropout", "dropout")
                )
            }
            for r in dense:
                if r["size"] in (sizes[0], sizes[-1]):
                    name, slug = harness.queries_for(r["site"], rng, 1)[0]
                    trips = [
                        harness.serve_round_trip(
                            workdir / f"trip-{r['size']}-{run}", workdir / f"notes-dense-{r['size']}", "glossary.md", (name, slug)
                        )
                        for run in range(harness.repeats(r["size"]))
                    ]  # fmt: skip
                    serve[f"{r['size']:,} dense terms"] = sorted(trips)[len(trips) // 2]
        text = report.table(results, floors, search, serve, profile, graph)
    print(text)
    if not args.no_write:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
        print("written to docs/benchmarks.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
