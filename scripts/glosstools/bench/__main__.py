"""Benchmark: does the glossary build grow linearly and cost little beyond MkDocs itself?

    make bench            # sizes 1,000, 5,000 and 10,000 terms
    python -m glosstools.bench --sizes 1000 --no-write   # a quick look

For each size it generates a synthetic glossary in the real note shapes
(seeded, ``synthetic.py``), then measures in one run (``harness.py``): the
generator alone (time, peak memory), the whole `mkdocs build`, the size of
site/, of the average term page and of the search index; and the same for *the
floor*, plain Material building the same number of pages with the same words
and no glossary logic.  It times search in Chromium (cold and warm) on the
smallest and largest sites, and the `mkdocs serve` round trip from saving a note
to the reloaded page on the real notes.  The table (``report.py``) goes to
docs/benchmarks.md and to standard output.
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
            results.append(harness.measure(count, workdir))
        search = {}
        graph: dict[int, tuple[float, int]] = {}
        for r in [] if args.no_search else results:
            print(f"searching {r['size']:,} terms in Chromium ...", file=sys.stderr, flush=True)
            port = free_port()
            site = r["site"]
            # Previews and instant loading need site_url to match where the site is served.
            project = site.parent
            harness.mkdocs_build(project, {"SITE_URL": f"http://127.0.0.1:{port}/"})
            search[r["size"]] = harness.search_times(site, harness.queries_for(site, rng), port)
            graph[r["size"]] = harness.graph_open(site, free_port())
        largest = results[-1]
        print(f"profiling the {largest['size']:,}-term build by phase ...", file=sys.stderr, flush=True)
        profile = (
            largest["size"],
            harness.phases(largest["site"].parent),
            harness.phases(workdir / f"floor-{largest['size']}"),
        )
        serve = None
        if not args.no_serve:
            print("timing the mkdocs serve edit loop ...", file=sys.stderr, flush=True)
            serve = {
                "the learner's notes": harness.serve_round_trip(
                    workdir, ROOT / "glossary", "house-walk-loci.txt", ("Dropout", "dropout")
                )
            }
            for r in results:
                if r["size"] in (1000, 10000):
                    notes = workdir / f"notes-{r['size']}"
                    name, slug = harness.queries_for(r["site"], rng, 1)[0]
                    serve[f"{r['size']:,} synthetic terms"] = harness.serve_round_trip(
                        workdir, notes, "loci-000.txt", (name, slug)
                    )
        text = report.table(results, search, serve, profile, graph)
    print(text)
    if not args.no_write:
        (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")
        print("written to docs/benchmarks.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
