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
            "before any page, mostly on one core: reading one large note, merging, relating every term; Pagefind "
            f"after every page ({large['pagefind_s']:.1f} s alone). In between, a term page is made (gist, credits, "
            f"every definition with its links, {large['links'] / large['terms']:.1f} on average, topics, a Related "
            f"list with its reasons and quoted sentences, a local graph: {large['page_kb']:.0f} KB of HTML, more than twice a "
            "floor page, all of it written); its making counts under context. Done: pages on two cores "
            "(`gloss/parallel.py`), claimed from both ends so neither core waits, each made and rendered just in "
            "time; the pages that list every term (A–Z, a topic, a note's entries) written as finished HTML; its chrome filled in from one rendering of "
            "Material's template (`gloss/shell.py`) and its headings written without Python-Markdown "
            "(`gloss/headings.py`), both checked against the usual way, with a table of contents rendered once "
            "for every page that has the same entries; Pagefind handed only what it indexes, kept as each page is "
            "written, through its service mode with no file written for it to read, in parts side by side "
            "(`gloss/fulltext/`); the generator's plain text, gists, linking, nearest definitions and relating on "
            "two cores (`gloss/forkmap.py`), note HTML sanitised once as it is linked, and its hot spots made "
            "linear. What remains: the generator's single-core stages (reading the note with markdown-it, "
            "merging, scoring and ranking the related terms, the graph's layout, the other pages), when the second "
            "core waits; making each page, most of it the Related list's quoted sentences and the local graph; "
            "and Pagefind, which runs after the last page (it indexes what the pages show), then compresses and "
            "writes a file for every page."
        )
    walks = [r for r in results if r["profile"] == "walk"]
    for walk in (r for r in walks if f"Whole build ≤ 1.5× the short floor: walk, {r['terms']:,} terms" in missed):
        same = next((r for r in dense if r["terms"] == walk["terms"]), None)
        if same is None:
            continue
        out.append(
            f"- **The walk.** At {walk['terms']:,} terms the walk builds in {walk['build_s']:.1f} s, the dense "
            f"profile in {same['build_s']:.1f} s, against the same short floor ({walk['short_floor_s']:.1f} s). Its "
            "definitions are plain text, linked and written on every page that shows them; each term page also "
            "carries its stop and its neighbours; the walk page and the rehearsal page hold every stop "
            f"(their Markdown is finished HTML); and the build is a larger process (peak {walk['build_rss_mb']:.0f} "
            f"MB against {same['build_rss_mb']:.0f} MB). A profile of both builds, outside this run, found the "
            "walk's pages slower in every step alike, not in one place. The floor itself varies by about a tenth "
            "from run to run on this machine, and a ratio this close to 1.5 falls on either side of it."
        )
    if any(name.startswith("Peak memory") for name in missed) and dense:
        large = dense[-1]
        out.append(
            f"- **Memory.** {large['build_rss_mb']:.0f} MB at {large['terms']:,} terms, the largest of the build's "
            f"processes. Pagefind's largest part peaks at {large['pagefind_mb']:.0f} MB (a part of up to 5,000 "
            "pages is held whole while it is indexed). The build no longer holds every page (each is made, "
            "rendered and let go), but the generator's glossary, links and related terms stay for the whole build "
            f"(`make generate` alone peaks at {large['generator_peak_mb']:.0f} MB), and the worker forked on the "
            "second core shares them."
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
