"""What limits each missed target, in words, from the run's own figures."""

from __future__ import annotations


def limits(results: list[dict], floors: dict, profile: tuple | None, missed: set[str], serve: dict | None) -> list[str]:
    if not missed:
        return []
    dense = [r for r in results if r["profile"] == "dense"]
    out = ["", "## What limits the missed targets", ""]
    if any(name.startswith("Whole build") for name in missed) and profile and dense:
        count, ours, floor = profile
        extra = sorted(((name, ours[name] - floor[name]) for name in ours if name != "total"), key=lambda i: -i[1])
        large = dense[-1]
        out.append(
            f"- **Build time.** At {count:,} dense terms on one core the gap to the short floor is "
            f"{ours['total'] - floor['total']:.1f} s by phase: "
            + ", ".join(f"{name} {value:+.1f} s" for name, value in extra)
            + f". The generator ({large['generator_s']:.1f} s for `make generate` at {large['terms']:,} terms) runs "
            "before any page; Pagefind after every page "
            f"({large['pagefind_s']:.1f} s alone). In between, each term page costs about three times a floor page: "
            "it is made (gist, credits, every definition with its links, "
            f"{large['links'] / large['terms']:.1f} on average, topics, a Related list with its reasons and quoted "
            f"sentences, a local graph: {large['page_kb']:.0f} KB of HTML), Python-Markdown reads its headings "
            "(everything between them is finished HTML), and Material's templates render a page with a table of "
            "contents and a six-entry nav where the floor's has none and one; its making counts under context. Done: pages on two cores "
            "(`gloss/parallel.py`), each made, read and rendered just in time; the generator's linking and "
            "relating on two cores (`gloss/forkmap.py`); no cycle collection during the pipeline; the generator's "
            "hot spots (sentence breaks, nearest neighbours, shape detection) made linear. What remains is the "
            "generator's single-core stages (reading one large note, merging, similarity), the per-page cost of "
            "MkDocs and Material, and Pagefind."
        )
    if any(name.startswith("Peak memory") for name in missed) and dense:
        large = dense[-1]
        out.append(
            f"- **Memory.** {large['build_rss_mb']:.0f} MB at {large['terms']:,} terms, the largest of the build's "
            f"processes. Pagefind indexing the site alone peaks at {large['pagefind_mb']:.0f} MB (it holds the whole "
            "index in memory while it builds it, and half the pages take half of it). The build itself no longer "
            "holds every page (each is made, rendered and let go), but the generator's glossary, links and related "
            f"terms stay for the whole build (`make generate` alone peaks at {large['generator_peak_mb']:.0f} MB)."
        )
    if any(name.startswith("Edit loop") for name in missed) and serve:
        out.append(
            "- **Edit loop.** Only the pages whose content changed are rendered again, a saved note links again "
            "only the terms it changed, and Pagefind's full text follows the reload; but every save still reads, "
            "merges and relates every term, since one new name or link can change any page's links, Related list, "
            "topics and the graph: "
            + ", ".join(f"{label}: {seconds:.1f} s" for label, (seconds, _) in serve.items())
            + "; "
            + ", ".join(f"`make generate` alone {r['generator_s']:.1f} s at {r['terms']:,} terms" for r in dense)
            + ". What limits it is the generator's stages that redo every term."
        )
    if any(name.startswith("KB per term") for name in missed):
        out.append(
            "- **Size.** A page's own content grows with the glossary only where it lists other terms (Related, "
            "the local graph, the walk's neighbours); the pages that list every term (A–Z, topics, graph data, a "
            "walk) grow with it by design."
        )
    if any(name.startswith("Search") or name.startswith("Concept graph") for name in missed):
        out.append(
            "- **Search and graph.** The first query loads the names shard of its first letter and Pagefind's "
            "entry, WebAssembly and index chunks; the graph loads graph.json and lays nothing out in the browser."
        )
    return out
