"""What a reader meets: Related in plain words, the walk table in the learner's words, reader pages
without the maintainer's report, the report page outside the nav, the site's address, hover previews."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import ROOT, Watch, copy_project, mkdocs_build
from hypothesis import given, settings
from hypothesis import strategies as st
from playwright.sync_api import expect

import gloss.build
from gloss.build import generate
from gloss.matcher import sentence_at
from gloss.pages.quotes import quote, window

SITE_URL_LINE = "SITE_URL is not set"


def related_section(site: Path, slug: str) -> str:
    page = (site / "terms" / slug / "index.html").read_text(encoding="utf-8")
    return page.split('id="related"', 1)[1].split("</ul>", 1)[0]


def reasons(site: Path, slug: str) -> dict[str, str]:
    items = re.findall(
        r'<li><a href="(?:\.\./)+(?:terms/)?([^/]+)/">[^<]*</a> — (.*?)</li>', related_section(site, slug)
    )
    return {target: htmllib.unescape(re.sub(r"<[^>]+>", "", why)) for target, why in items}


def quotes(section: str) -> list[str]:
    return [htmllib.unescape(q) for q in re.findall(r"<em>“(.*?)”</em>", section, re.S)]


def term_pages(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "terms").glob("*/index.html"))


def reader_pages(site: Path) -> list[Path]:
    return [p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith("report/")]


# Related in plain words


def test_reasons_read_as_a_person_would_say_them(site):
    why = reasons(site, "regularization")
    assert why["dropout"].startswith("Dropout’s definition mentions it: “Dropout is a regularization method")
    assert "Mentioned in this definition: “Regularization techniques such as L1, L2, and dropout" in why["dropout"]
    assert "Also under Regularization" in why["dropout"] and "Similar definitions" in why["dropout"]
    assert "Its name contains “Regularization”" in why["l2-regularization"]
    everything = " ".join(" ".join(reasons(site, slug).values()) for slug in term_pages(site))
    for old in ("links here", "links to it", "same topic", "(curated)", "similar definition (", "%"):
        assert old not in everything, old
    assert "Defined alongside it in " in everything


def test_defined_alongside_names_the_note_in_italics(site):
    section = related_section(site, "regularization")
    assert re.search(r"Defined alongside it in <em>[^<]+</em>", section)


def test_no_quote_is_repeated_on_a_page_and_the_second_mention_says_so(site):
    repeated = 0
    for slug in term_pages(site):
        section = related_section(site, slug)
        found = quotes(section)
        assert len(found) == len(set(found)), (slug, found)
        repeated += section.count("in the same sentence as")
    assert repeated >= 1
    assert "Mentioned in this definition, in the same sentence as Overfitting" in reasons(site, "dropout")["step"]


def test_no_quote_starts_mid_sentence_or_cuts_a_word(site):
    for slug in term_pages(site):
        for text in quotes(related_section(site, slug)):
            assert not re.match(r"[\s,;:.!?)\]-]", text), (slug, text)
            if text.startswith("…"):
                assert re.match(r"…\w", text), (slug, text)
            if text.endswith("…"):
                assert re.search(r"\w…$", text), (slug, text)


def test_a_quote_starts_where_its_sentence_starts(tmp_path):
    # A Markdown definition hands the linker the text between two pieces of markup (", but have dropout").
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "n.md").write_text(
        dedent("""\
            ## Overfitting
            Big models **memorise** noise, but have dropout to help them. They fit the training data too well.

            ## Dropout
            Zeroes random units while training.
            """),
        encoding="utf-8",
    )
    files = generate(folder)[2]
    section = files["terms/dropout.md"].split('<ul class="related">', 1)[1].split("</ul>", 1)[0]
    assert "“Big models memorise noise, but have dropout to help them.”" in section


# Words of one to nine letters, or sentence ends and colons, joined by one space: as a quote's texts are.
_WORDS = st.lists(st.from_regex(r"[a-z]{1,5}[.!?;:,]?|[.;]", fullmatch=True), min_size=1, max_size=60)


@given(_WORDS, st.data(), st.integers(min_value=4, max_value=40))
@settings(max_examples=1000, deadline=None)
def test_a_quote_is_cut_as_sentence_at_cuts_it(words, data, limit):
    """``window`` finds the sentence and the cut ``sentence_at`` does, without splitting the text."""
    text = " ".join(words)
    first = data.draw(st.integers(min_value=0, max_value=len(words) - 1))
    last = data.draw(st.integers(min_value=first, max_value=len(words) - 1))
    start = len(" ".join(words[:first])) + (1 if first else 0) + data.draw(st.integers(0, len(words[first]) - 1))
    end = len(" ".join(words[: last + 1]))
    assert window(text, start, end, limit) == sentence_at(text, start, end, limit)


def test_quotes_are_cut_at_words():
    text = "Short start. " + " ".join(f"word{n}" for n in range(80)) + " end."
    cut = quote("word3 word4", [text])
    assert cut.startswith("word0 ") and cut.endswith("…") and re.search(r"word\d+…$", cut) and len(cut) <= 162
    assert quote(", but have dropout to help.", []) == "…but have dropout to help."
    assert quote("Dropout is good", ["Dropout is good; it is."]) == "Dropout is good;"


def test_related_are_ordered_by_strength(tmp_path, monkeypatch):
    seen = {}
    relate = gloss.build.relate

    def keep(*args, **kwargs):
        seen["concepts"] = relate(*args, **kwargs)
        return seen["concepts"]

    monkeypatch.setattr(gloss.build, "relate", keep)
    generate(ROOT / "glossary")
    for slug, relations in seen["concepts"].related.items():
        scores = [relation.score for relation in relations]
        assert scores == sorted(scores, reverse=True), slug


# The walk table


def test_walk_table_shows_the_walk_notes_own_words(site):
    linked = generate(ROOT / "glossary")[0]
    stops = [stop for walk in linked.glossary.walks for stop in walk.stops]
    page = (site / "walk" / "index.html").read_text(encoding="utf-8")
    table = page.split('<table class="walk-table">', 1)[1].split("</table>", 1)[0]
    assert "<th>Your words</th>" in table and "<th>Gist</th>" not in table
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S)
    assert len(rows) == len(stops)
    for row, stop in zip(rows, stops, strict=True):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        assert htmllib.unescape(re.sub(r"<[^>]+>", "", cells[3])) == (stop.code or stop.own), stop
    overfitting = next(stop for stop in stops if stop.term == "overfitting")
    assert overfitting.own != linked.terms["overfitting"].term.gist


# Words broken mid-word: for each word of each Term cell, the boxes of its text must sit on one line.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('table.walk-table td:nth-child(3)')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [375, 1280])
def test_walk_table_never_breaks_a_term_inside_a_word(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, base_url=server)
    page = context.new_page()
    watch = Watch(page)
    page.goto("/walk/")
    page.wait_for_load_state("networkidle")
    cells = page.locator("table.walk-table td:nth-child(3)")
    assert cells.count() > 30
    assert page.evaluate(BROKEN_WORDS) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # And the check finds a broken word when there is one: squeeze a cell until its word breaks.
    page.evaluate(
        """() => { const a = document.querySelector('table.walk-table td:nth-child(3) a');
        a.innerHTML = 'Superconvergenceconvergence'; a.style.cssText = 'display:block;width:2em;word-break:break-all'; }"""
    )
    assert page.evaluate(BROKEN_WORDS) == ["Superconvergenceconvergence"]
    assert watch.errors == [] and watch.outside == []
    context.close()


# Readers see content, maintainers see the report


def test_reader_pages_carry_no_maintainer_advice(site):
    for path in reader_pages(site):
        text = path.read_text(encoding="utf-8")
        assert "curated.yml" not in text, path
        assert "<th>Shape</th>" not in text and "<th>File</th>" not in text, path
        assert "Lines not shown as terms" not in text, path
    for path in (site / "sources").rglob("*.html"):
        article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        assert not re.search(r">[^<]*glossary/[^<]*<", article), path  # a file path shown as text


def test_source_pages_keep_the_notes_entries_in_order_with_links(site):
    page = (site / "sources" / "house-walk-loci" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "House walk loci" in page
    rows = re.findall(r'<span id="line-(\d+)"></span>', page)
    assert [int(n) for n in rows] == sorted(int(n) for n in rows) and len(rows) >= 30
    assert 'href="../../terms/overfitting/"' in page


def test_the_report_page_lists_every_issue_and_stays_out_of_the_nav(site):
    page = (site / "report" / "index.html").read_text(encoding="utf-8")
    report = json.loads((site / "build-report.json").read_text(encoding="utf-8"))
    for issue in report["skipped"]:
        where = f"{issue['file']}:{issue['line']}" if issue["line"] else issue["file"]
        assert where in page, where
    assert "<th>Shape</th>" in page and "glossary/house-walk-loci.txt" in page
    home = (site / "index.html").read_text(encoding="utf-8")
    nav = home.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "report/" not in nav
    linking = [
        p.relative_to(site).as_posix()
        for p in reader_pages(site)
        if re.search(r'href="(?:\.\./)*report/"', p.read_text(encoding="utf-8"))
    ]
    assert linking == ["sources/index.html"]


def test_no_benchmarks_page_on_the_site(site):
    assert not (site / "benchmarks").exists() and not (site / "benchmarks.md").exists()
    for path in site.rglob("*.html"):
        assert "benchmarks/" not in path.read_text(encoding="utf-8"), path
    assert (ROOT / "docs" / "benchmarks.md").exists()


# The site's address


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The real notes built without SITE_URL: (site folder, build output)."""
    project = copy_project(tmp_path_factory.mktemp("bare"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site", result.stdout + result.stderr


def test_without_site_url_no_canonical_link_no_sitemap_and_one_line_says_so(bare):
    site, output = bare
    assert output.count(SITE_URL_LINE) == 1, output
    assert not (site / "sitemap.xml").exists() and not (site / "sitemap.xml.gz").exists()
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text and "127.0.0.1:8000" not in text, path


def test_with_site_url_the_site_names_it(site):
    assert (site / "sitemap.xml").exists()
    assert 'rel="canonical"' in (site / "terms" / "dropout" / "index.html").read_text(encoding="utf-8")


def test_hover_preview_works_wherever_the_site_is_served(bare, browser):
    from glosstools.localsite import free_port, serve

    port = free_port()
    assert port != 8000
    with serve(bare[0], port) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=url)
        page = context.new_page()
        watch = Watch(page)
        page.goto("/terms/learning-rate/")
        link = page.locator(".md-content article a", has_text=re.compile("^hyperparameter$")).first
        before = link.bounding_box()
        link.hover()
        preview = page.locator(".term-preview")
        expect(preview).to_be_visible()
        expect(preview).to_contain_text("Hyperparameter")
        expect(preview).to_contain_text("Things adjusted by user or tuning service")
        assert link.get_attribute("aria-describedby") == "term-preview"
        assert link.bounding_box() == before  # nothing moved
        page.keyboard.press("Escape")
        expect(preview).to_be_hidden()
        page.mouse.move(5, 5)
        link.hover()  # pointing at it again shows it again
        expect(preview).to_be_visible()
        page.mouse.move(5, 5)  # leaving the link dismisses it
        expect(preview).to_be_hidden()
        link.focus()  # the keyboard too
        expect(preview).to_be_visible()
        link.evaluate("a => a.blur()")
        expect(preview).to_be_hidden()
        assert watch.errors == [] and watch.outside == []
        context.close()
