"""The real notes built with `mkdocs build --strict`: what the built site holds."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, ignored, project_files
from htmlscan import broken_links, scan
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.build import generate

GLOSSARY = ROOT / "glossary"


def text_of(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_one_page_per_term(site):
    report = json.loads((site / "build-report.json").read_text())
    pages = sorted(p.parent.name for p in (site / "terms").glob("*/index.html"))
    assert len(pages) == report["terms"] > 70
    for slug in ("learning-rate", "dropout", "backpropagation", "recurrent-neural-network", "loss-function"):
        assert slug in pages
    assert report["notes"] == 5 and report["warnings"] == []


def test_every_internal_link_and_anchor_resolves(site):
    assert broken_links(site) == []


def test_no_request_leaves_the_site(site):
    for path in site.rglob("*.html"):
        for source in scan(path).sources:
            assert not source.startswith(("http:", "https:", "//")), f"{path}: {source}"
        assert "fonts.googleapis" not in path.read_text(encoding="utf-8")


def test_walk_lists_stops_in_note_order(site):
    loci = [
        line.split(":", 1)[0]
        for line in (GLOSSARY / "house-walk-loci.txt").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    html = (site / "walk" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<span id="house-walk-loci-(\d+)"></span>\d+</td>\s*<td>([^<]*)</td>', html)
    assert [int(n) for n, _ in rows] == list(range(1, len(loci) + 1))
    shown = [re.sub(r" \(\d\)$", "", locus) for _, locus in rows]
    assert shown == loci
    assert "TV (1)" in html and "TV (2)" in html


def test_identical_definitions_are_merged_and_credited_to_both(site):
    text = text_of(site / "terms" / "learning-rate" / "index.html")
    assert text.count("how quickly params are updated") == 1
    assert "In your notes: House walk loci and Deep Learning Terms" in text
    assert "Learning rate is a hyperparameter" in text  # the keywords article
    assert "tells grads how strong to adjust params" in text  # the what-is glossary
    assert "Also called: LR" in text
    assert "Stop 3 of 35" in text and "Stairs up" in text


def test_code_lines_render_as_code_and_link_back_from_the_walk(site):
    html = (site / "terms" / "core-training-step" / "index.html").read_text(encoding="utf-8")
    assert "<code>" in html and "optimizer" in html and "zero_grad" in html
    assert "Stop 28 of 35" in text_of(site / "terms" / "core-training-step" / "index.html")
    walk = (site / "walk" / "index.html").read_text(encoding="utf-8")
    # Its 6 stops, in the walk page's map and route table, and the rehearsal page's self-test and backwards.
    assert walk.count('href="../terms/core-training-step/"') == 6 * 2
    rehearse = (site / "walk" / "rehearse" / "index.html").read_text(encoding="utf-8")
    assert rehearse.count('href="../../terms/core-training-step/"') == 6 * 2


def test_term_without_definition_says_so(site):
    assert "No definition yet" in text_of(site / "terms" / "timestep" / "index.html")


def test_every_non_blank_line_is_shown_or_reported():
    linked, issues, pages = generate(GLOSSARY)
    reported = {(i.path, i.line) for i in issues if i.line}
    for note in linked.glossary.notes:
        lines = (ROOT / note.path).read_text(encoding="utf-8").split("\n")
        shown = set(note.meta_lines)
        for entry in note.entries:
            shown.update(entry.lines)
        for number, line in enumerate(lines, start=1):
            if line.strip():
                assert number in shown or (note.path, number) in reported, f"{note.path}:{number} unaccounted"


def test_generated_files_are_ignored_and_none_is_in_the_tree():
    """Read from .gitignore and the tree, so it holds in a source archive as in a clone."""
    _, _, files = generate(GLOSSARY)
    paths = [f"docs/{path}" for path in files]
    assert [path for path in paths if not ignored(path)] == []
    kept = [path for path in project_files() if path.startswith("docs/")]
    assert kept and not set(kept) & set(paths)


def test_build_is_deterministic():
    first = generate(GLOSSARY)[2]
    second = generate(GLOSSARY)[2]
    assert first == second


def test_a_new_note_merges_with_existing_terms_and_links_both_ways(tmp_path):
    import shutil

    folder = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, folder)
    (folder / "zz-new-friend.md").write_text(
        "### what is dropout\n- switching units off at random while training\n"
        "### what is gradient clipping\n- capping gradients so the learning rate step stays sane\n",
        encoding="utf-8",
    )
    linked, issues, pages = generate(folder)
    assert [i for i in issues if i.level == "warning"] == []
    dropout = linked.terms["dropout"]
    assert len(dropout.definitions) == 4
    assert any(s.note == "zz-new-friend" for d in dropout.term.definitions for s in d.sources)
    clipping = linked.terms["gradient-clipping"]
    assert {"gradient", "learning-rate"} <= set(clipping.links_to)
    assert "gradient-clipping" in linked.terms["learning-rate"].linked_from
    assert 'href="../../terms/gradient-clipping/"' in pages["terms/learning-rate.md"]  # under Related


def test_both_entry_points_give_the_same_files(tmp_path):
    """The command line writes into docs/ what the MkDocs hook hands to MkDocs: same pages, same deck."""
    from conftest import copy_project, mkdocs_build

    project = copy_project(tmp_path / "project")
    docs = tmp_path / "docs"
    cli = subprocess.run(
        [sys.executable, str(project / "scripts" / "build_glossary.py"), "--docs", str(docs)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "0 warnings" in cli.stdout
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    written = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
    assert len(written) > 80
    for path in written:
        if path.endswith(".md"):
            built = path[: -len(".md")] + "/index.html" if not path.endswith("index.md") else path[:-3] + ".html"
            assert (site / built).is_file(), path
        else:
            assert (site / path).read_bytes() == (docs / path).read_bytes(), path


def test_finished_html_goes_round_markdown_and_comes_back_whole():
    """Raw HTML the generator made is lifted out before Python-Markdown and dropped back after."""
    from gloss.escape import drop, lift, raw

    block = '<ul class="related">\n<li><a href="../x/">X</a></li>\n</ul>\n\n<figure id="g"><svg></svg></figure>'
    markdown = "# Term\n\nText.\n\n" + raw(block) + "## After\n"
    lifted, blocks = lift(markdown)
    assert blocks == [block] and "<ul" not in lifted and "GLOSSHTML0X" in lifted
    assert drop("<h1>Term</h1>\n<p>Text.</p>\n<p>GLOSSHTML0X</p>\n<h2>After</h2>", blocks).count(block) == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab\n<-!>/ glosshtml:", max_size=12), st.booleans()), max_size=6))
def test_lifting_finds_the_blocks_a_lazy_regular_expression_would(parts):
    """``lift`` scans with str.find; it cuts the same blocks as the regular expression it replaced."""
    from gloss.escape import _RAW_CLOSE, _RAW_OPEN, lift, raw

    markdown = "".join(raw(text) if marked else text for text, marked in parts)
    pattern = re.compile(rf"{_RAW_OPEN}\n\n(.*?)\n\n{_RAW_CLOSE}\n", re.S)
    blocks: list[str] = []

    def keep(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"GLOSSHTML{len(blocks) - 1}X\n"

    assert lift(markdown) == (pattern.sub(keep, markdown), blocks)


_TOGGLE_PARTS = ['<input class="md-toggle"', ' autocomplete="off"', ">", " type", '"', "<", "x"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_TOGGLE_PARTS), max_size=14))
def test_material_chrome_is_repaired_as_the_regular_expression_repaired_it(parts):
    """``repair`` drops ``autocomplete`` from Material's toggles with str.find, as the expression it
    replaced did; the label fix after it is plain string replacing either way."""
    from mkdocs_hook import repair

    page = "".join(parts) + 'id="__toc"'
    assert repair(page) == re.sub(r'(<input class="md-toggle"[^>]*?) autocomplete="off"', r"\1", page)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet='id="x \n\t-<>', max_size=40))
def test_ids_are_found_as_the_regular_expression_found_them(text):
    from gloss.escape import ids_in

    assert ids_in(text) == re.findall(r'\sid="([^"]+)"', text)


def test_the_built_pages_keep_every_anchor_of_the_lifted_html(site):
    html = (site / "walk" / "index.html").read_text(encoding="utf-8")
    assert 'id="house-walk-loci-35"' in html and "GLOSSHTML" not in html
    assert "GLOSSHTML" not in (site / "terms" / "learning-rate" / "index.html").read_text(encoding="utf-8")
