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
            f"- **Build time.** At {count:,} dense terms the gap to the short floor is "
            f"{ours['total'] - floor['total']:.1f} s by phase: "
            + ", ".join(f"{name} {value:+.1f} s" for name, value in extra)
            + f" (the generator, {large['generator_s']:.1f} s on its own, runs in the first phase; the last phase is "
            "Pagefind indexing every term and topic page). The generator grows faster than the glossary: at "
            f"{large['terms']:,} terms relating them (quoting each link's sentence, the nearest definitions of every "
            "term) and linking them take most of it. The floor's page is "
            "a title and a paragraph; a term page carries its gist, credits, every definition with its links "
            f"({large['links'] / large['terms']:.1f} on average), topics, a walk section, a Related list with reasons "
            f"and a local graph ({large['page_kb']:.0f} KB of HTML a page), and the site adds the A–Z, topic, source, "
            "graph and search pages and Pagefind's index, none of which the floor has. Done: the HTML the generator "
            "makes no longer goes through Python-Markdown (lifted out and dropped back), TF-IDF without importing "
            "scikit-learn, no per-pair cosines, no quadratic steps in reading Markdown or in filling Related. What "
            "remains is Material's templates and Python-Markdown over the rest of each page, and the generator."
        )
    if any(name.startswith("Peak memory") for name in missed) and dense:
        large = dense[-1]
        out.append(
            f"- **Memory.** {large['build_rss_mb']:.0f} MB at {large['terms']:,} terms: MkDocs holds every page's "
            "Markdown, HTML and table of contents until it writes the site, and the hook hands it the generated "
            f"pages in memory (the generator alone peaks at {large['generator_peak_mb']:.0f} MB)."
        )
    if any(name.startswith("Edit loop") for name in missed) and serve:
        out.append(
            "- **Edit loop.** Only the pages whose content changed are rendered again, but every save runs the "
            "whole generator (reading, merging, linking and relating every term, since one new name or link can "
            "change any page's links, Related list, topics and the graph) and Pagefind over the site: "
            + ", ".join(f"{label}: {seconds:.1f} s" for label, (seconds, _) in serve.items())
            + "; "
            + ", ".join(f"the generator alone {r['generator_s']:.1f} s at {r['terms']:,} terms" for r in dense)
            + ". Meeting the target needs a generator that redoes only what a save touches."
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
