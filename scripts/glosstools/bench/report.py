"""The benchmark's report: the Markdown tables, the targets and what limits each missed one."""

from __future__ import annotations

import os
import platform
from datetime import date

from .limits import limits

PROFILES = {
    "light": "the learner's four plain-text shapes, 3 mentions a definition",
    "dense": "one Markdown note, ~10 mentions a definition",
    "walk": "one loci note: a single walk of every term",
}


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def ms(value: float) -> str:
    return f"{value:.0f} ms" if value >= 0 else "term not first within 15 s"


def builds(results: list[dict]) -> list[str]:
    lines = [
        "| profile | terms | links | generator s | build s | peak MB | Pagefind alone s, MB | short floor s "
        "| build / short floor | words floor s | build / words floor | site MB | KB per term | term page KB | search MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        words = r.get("words_floor_s")
        words_cells = f"{words:.1f} | {r['build_s'] / words:.2f}" if words else "– | –"
        lines.append(
            f"| {r['profile']} | {r['terms']:,} | {r['links']:,} | {r['generator_s']:.2f} | {r['build_s']:.1f} "
            f"| {r['build_rss_mb']:.0f} | {r['pagefind_s']:.1f}, {r['pagefind_mb']:.0f} "
            f"| {r['short_floor_s']:.1f} | {r['build_s'] / r['short_floor_s']:.2f} "
            f"| {words_cells} "
            f"| {r['site_mb']:.1f} | {r['site_mb'] * 1024 / r['terms']:.1f} | {r['page_kb']:.1f} | {r['index_mb']:.2f} |"
        )
    return lines


def table(
    results: list[dict], floors: dict, search: dict, serve: dict | None, profile: tuple | None, graph: dict
) -> str:
    dense = [r for r in results if r["profile"] == "dense"]
    walk = [r for r in results if r["profile"] == "walk"]
    lines = [
        "# Benchmarks",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}. Date: {date.today().isoformat()}. Produced by `make bench` "
        "(`python -m glosstools.bench`), every figure from one run. Synthetic glossaries (seeded) in three profiles: "
        + "; ".join(f"*{name}*, {about}" for name, about in PROFILES.items())
        + ". Two floors, built in the same run: *short floor*, plain Material with one short page (about 60 words) "
        "per term, what a user would have without this project; *words floor* (light profile), plain Material "
        "building the same pages' words. Builds of 5,000 terms or fewer are timed three times (the median is "
        "shown); larger ones once. Every build writes a new site folder, and nothing is deleted until the run "
        "is over (on this machine's ext4, which has no journal, making files in the minutes after many were "
        "deleted costs several times more, and that fell on whichever build came next). The glossary's build uses both cores (the pages on a second one, "
        "`gloss/parallel.py`); the floors are MkDocs as it is, on one. Peak MB: the resident memory of the whole "
        "`mkdocs build`, the largest of its processes (the build, its worker, Pagefind); Pagefind alone: the build's "
        "last step by itself, Pagefind indexing the pages' searchable parts in bundles of up to 5,000 pages "
        "(two at least from 500 on), "
        "side by side (its largest process). Generator: `make generate` alone (every page "
        "made and written).",
        "",
        *builds(results),
    ]
    targets = []
    for r in [*dense, *walk]:
        ratio = r["build_s"] / r["short_floor_s"]
        name = f"Whole build ≤ 1.5× the short floor: {r['profile']}, {r['terms']:,} terms"
        targets.append((name, f"{ratio:.2f}", ratio <= 1.5))
    if dense:
        largest = dense[-1]
        targets.append(
            (
                f"Peak memory of `mkdocs build` ≤ 400 MB at {largest['terms']:,} terms",
                f"{largest['build_rss_mb']:.0f} MB",
                largest["build_rss_mb"] <= 400,
            )
        )
        small = dense[0]
        for r in dense[1:] + walk:
            per_term = (r["site_mb"] / r["terms"]) / (small["site_mb"] / small["terms"])
            page = r["page_kb"] / small["page_kb"]
            targets.append(
                (
                    f"KB per term and per page, {r['profile']} {r['terms']:,} / dense {small['terms']:,} ≤ 1.05",
                    f"{per_term:.2f}, {page:.2f}",
                    per_term <= 1.05 and page <= 1.05,
                )
            )
    for count, (cold, warm, _) in sorted(search.items()):
        targets.append((f"Search at {count:,} terms: first result cold ≤ 300 ms", ms(cold), 0 <= cold <= 300))
        targets.append((f"Search at {count:,} terms: first result warm ≤ 150 ms", ms(warm), 0 <= warm <= 150))
    lines += [
        "",
        "## Search in Chromium (dense profile)",
        "",
        "From the last key of a term's name to that term first in the list (names index, then Pagefind). "
        "Cold: the first query after the page loads. Warm: the median of five more, typed at about eight keys a "
        "second (the search waits for a 90 ms pause). Bytes: what the first query downloaded.",
        "",
        "| terms | cold | warm (median) | first query downloads |",
        "|---:|---:|---:|---:|",
        *(
            f"| {c:,} | {ms(cold)} | {ms(warm)} | {size / 1024:.0f} KB |"
            for c, (cold, warm, size) in sorted(search.items())
        ),
    ]
    if graph:
        lines += ["", "## Concept graph in Chromium (dense profile)", ""]
        lines += ["From navigating to `/graph/` (a cold cache) until the canvas is drawn, median of 3:", ""]
        lines += ["| terms | opens in | graph.json |", "|---:|---:|---:|"]
        lines += [f"| {count:,} | {t:.0f} ms | {size / 1024:.0f} KB |" for count, (t, size) in sorted(graph.items())]
        largest_graph = max(graph)
        targets.append(
            (f"Concept graph at {largest_graph:,} terms opens in ≤ 2 s", f"{graph[largest_graph][0]:.0f} ms", graph[largest_graph][0] <= 2000)
        )  # fmt: skip
    if serve:
        lines += [
            "",
            "## The edit loop: `make serve` (`mkdocs serve --dirty`)",
            "",
            "From saving a note (a definition added to a term) until the open term page shows it, and the builds "
            "that one save triggered (at 1,000 terms the median of three saves); only the pages whose content "
            "changed are rendered again, and Pagefind's full text follows the reload:",
            "",
            "| notes | save to reloaded page | builds |",
            "|---|---:|---:|",
            *(f"| {label} | {seconds:.1f} s | {count} |" for label, (seconds, count) in serve.items()),
        ]
        for label, (seconds, _) in serve.items():
            if label.startswith(f"{dense[0]['terms']:,}") if dense else False:
                floor = floors[dense[0]["size"]]
                targets.append(
                    (f"Edit loop at {label} < the short floor's full build ({floor:.1f} s)", f"{seconds:.1f} s", seconds < floor)
                )  # fmt: skip
    if profile:
        count, ours, floor = profile
        lines += ["", f"## Where the build's time goes, dense profile, {count:,} terms", ""]
        lines += [
            "Seconds by phase, from hooks around MkDocs' events (one more build of each site, the glossary's on one "
            "core, `GLOSS_WORKERS=1`, so that every page's work is counted; a term page is made and read as it is "
            "built, so its Markdown counts under Markdown and its making under context):",
            "",
        ]
        lines += ["| phase | glossary | short floor | difference |", "|---|---:|---:|---:|"]
        lines += [
            f"| {name} | {ours[name]:.1f} | {floor[name]:.1f} | {ours[name] - floor[name]:+.1f} |" for name in ours
        ]
    lines += ["", "## Targets", "", "| target | figure | |", "|---|---|---|"]
    lines += [f"| {name} | {figure} | {verdict(ok)} |" for name, figure, ok in targets]
    lines += limits(results, floors, profile, {name for name, _, ok in targets if not ok}, serve)
    return "\n".join(lines) + "\n"
