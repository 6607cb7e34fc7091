"""Search as readers type it, in a real Chromium: spelling variants, typos, hyphens, loci, the keyboard,
questions, what each result is, and stubs after defined terms."""

from __future__ import annotations

import json
import re
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import Watch, copy_project, mkdocs_build
from playwright.sync_api import Page, expect

from gloss.build import generate
from glosstools.localsite import free_port, serve


def results_for(page: Page, query: str):
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(query, delay=30)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    return items


def hrefs(page: Page) -> list[str]:
    links = page.locator(".md-search-result__link")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def slugs(page: Page) -> list[str]:
    """The results as page paths ("terms/epoch", "topics/regularization"), in order."""
    return [re.sub(r"^https?://[^/]+/|/\?h=.*$", "", href) for href in hrefs(page)]


def full_text_in(page: Page, path: str) -> None:
    """Wait for a row only full text finds: after it, the list is final."""
    page.wait_for_selector(f'.md-search-result__link[href*="/{path}/"]')


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("regularisation", "regularization"),  # British spelling
        ("normalisation", "normalization"),
        ("optimiser", "optimizer"),
        ("embeding", "embedding"),  # one typo
        ("finetune", "fine-tuning"),  # joined
        ("fine-tune", "fine-tuning"),
        ("mini-batch", "minibatch"),  # hyphen, space or joined
        ("mini batch", "minibatch"),
        ("dropouts", "dropout"),  # plural
        ("self attention", "self-attention"),
        ("overfit", "overfitting"),
        ("backprop", "backpropagation"),
    ],
)
def test_forgiving_queries_put_the_right_term_first(page, query, slug):
    page.goto("/")
    first = results_for(page, query).first.locator("a")
    expect(first).to_have_attribute("href", re.compile(f"/terms/{slug}/\\?h="))


@pytest.mark.parametrize(
    ("query", "slug", "locus"), [("stove", "loss-function", "Stove"), ("TV", "model-eval", "TV (2)")]
)
def test_a_locus_finds_its_stop_with_the_locus_shown(page, query, slug, locus):
    page.goto("/")
    first = results_for(page, query).first
    expect(first.locator("a")).to_have_attribute("href", re.compile(f"/terms/{slug}/"))
    expect(first).to_contain_text(f"{locus}: stop")
    expect(first.locator(".glossary-search__kind")).to_have_text("Walk stop")


def test_walk_tables_and_developer_pages_are_not_in_search(page, site):
    page.goto("/")
    for query in ("Kitchenaid", "benchmarks", "self attention", "walk"):
        items = results_for(page, query)
        page.wait_for_timeout(400)  # full text joins the names
        hrefs = [items.nth(i).locator("a").get_attribute("href") for i in range(items.count())]
        assert not any(re.search(r"/(walk|benchmarks|graph|a-z)/", h) for h in hrefs), (query, hrefs)
    assert not (site / "search" / "search_index.json").exists()  # no lunr index to download


def test_full_text_finds_words_inside_definitions(page):
    page.goto("/")
    items = results_for(page, "ridge")
    expect(items.first.locator("a")).to_have_attribute("href", re.compile(r"/terms/regularization/"))
    expect(items.first.locator("mark")).to_contain_text("ridge")


def test_keyboard_opens_moves_and_follows(page):
    page.goto("/terms/epoch/")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("learning rate", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".md-search-result__link").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/terms/learning-rate/\?h=learning\+rate$"))
    expect(page.locator("mark[data-md-highlight]").first).to_have_text(re.compile("learning", re.I))
    page.keyboard.press("s")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.press("Escape")
    assert page.evaluate("document.getElementById('__search').checked") is False


def test_exact_names_beat_longer_ones(page):
    page.goto("/")
    for query, slug in (("Gradient", "gradient"), ("Normalization", "normalization"), ("Attention", "attention")):
        first = results_for(page, query).first.locator("a")
        expect(first).to_have_attribute("href", re.compile(f"/terms/{slug}/\\?h="))


def test_names_index_is_sharded_small(site):
    shards = list((site / "search" / "names").glob("*.json"))
    assert len(shards) > 10
    assert max(p.stat().st_size for p in shards) < 20_000
    entries = json.loads((site / "search" / "names" / "s.json").read_text(encoding="utf-8"))
    assert [
        "Stove",
        "locus",
        "terms/loss-function/",
        "Loss function",
        "Stove: stop 11 of 35 on House walk loci",
        0,
    ] in entries
    topics = json.loads((site / "search" / "names" / "r.json").read_text(encoding="utf-8"))
    assert ["Regularization", "topic", "topics/regularization/"] in [entry[:3] for entry in topics]


# --- questions ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("what is an epoch", "epoch"),
        ("What's an epoch?", "epoch"),
        ("define learning rate", "learning-rate"),
        ("how does dropout work", "dropout"),
        ("explain self attention", "self-attention"),
        ("what are embeddings", "embedding"),
    ],
)
def test_questions_find_the_term_they_ask_about(page, query, slug):
    page.goto("/")
    first = results_for(page, query).first.locator("a")
    expect(first).to_have_attribute("href", re.compile(f"/terms/{slug}/\\?h="))


@pytest.mark.parametrize("query", ["how to stop overfitting", "how to prevent overfitting", "stop overfitting"])
def test_full_text_ranks_pages_by_how_many_words_they_hold(page, query):
    page.goto("/")
    results_for(page, query)
    full_text_in(page, "terms/dropout")
    first = slugs(page)[:3]
    assert set(first) == {"terms/overfitting", "terms/regularization", "terms/dropout"}, slugs(page)
    assert first[0] == "terms/overfitting"  # the name it asks about


def test_a_question_highlights_its_content_words_only(page):
    page.goto("/")
    results_for(page, "what is an epoch")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/terms/epoch/\?h=epoch$"))


def test_every_row_says_what_it_is(page):
    page.goto("/")
    results_for(page, "regularization")
    full_text_in(page, "terms/dropout")
    rows = page.locator(".md-search-result__item")
    expect(rows.nth(0).locator("a")).to_have_attribute("href", re.compile(r"/terms/regularization/\?h="))
    expect(rows.nth(0).locator(".glossary-search__kind")).to_have_text("Term")
    expect(rows.nth(1).locator("a")).to_have_attribute("href", re.compile(r"/topics/regularization/\?h="))
    expect(rows.nth(1).locator(".glossary-search__kind")).to_have_text("Topic")
    expect(rows.nth(1).locator("a")).to_have_accessible_name("Topic: Regularization")


# --- stubs: a term no note defines -----------------------------------------------------------------

STUBS = """\
    # Dropout notes

    ## Dropout
    TODO

    ## Dropout rate
    The fraction of units that dropout switches off at each training step, to keep a network from overfitting.

    ## Dropout mask
    Which units dropout switches off at one step of training.

    ## Network
    Layers of units; dropout keeps a network from relying on any one unit.

    ## Unit
    One neuron of a network.
    """


def stub_glossary(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "notes.md").write_text(dedent(STUBS), encoding="utf-8")
    return folder


def test_stubs_are_flagged_in_the_names_and_no_hubs(tmp_path):
    linked, _, files = generate(stub_glossary(tmp_path / "glossary"))
    assert linked.terms["dropout"].term.stub
    assert len(linked.terms["dropout"].linked_from) == 3  # the best linked term, yet no hub
    names = json.loads(files["search/names/d.json"])
    assert {entry[2]: entry[5] for entry in names} == {
        "terms/dropout/": 1,
        "terms/dropout-mask/": 0,
        "terms/dropout-rate/": 0,
    }
    home = str(files["index.md"])
    most = home.split("## Most connected terms", 1)[1].split("##", 1)[0]
    assert "[Network]" in most and "[Dropout]" not in most
    graph = json.loads(files["graph.json"])
    degree = {node[5]: node[3] for node in graph["nodes"]}
    assert degree["dropout"] == 0 and degree["network"] > 0  # graph.js labels the best connected first
    assert 'data-pagefind-meta="stub:yes"' in str(files["terms/dropout.md"])
    assert "data-pagefind-meta" not in str(files["terms/dropout-rate.md"])


@pytest.fixture(scope="module")
def stub_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("stubs")
    project = copy_project(tmp / "project", glossary=stub_glossary(tmp / "glossary"))
    port = free_port()
    result = mkdocs_build(project, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    with serve(project / "site", port) as url:
        yield url


def test_a_defined_term_outranks_a_stub(browser, stub_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=stub_site)
    page = context.new_page()
    watch = Watch(page)
    page.goto("/")
    results_for(page, "dropout")  # the stub's exact name, the others' first word
    full_text_in(page, "terms/network")
    found = slugs(page)
    assert found[-1] == "terms/dropout", found  # after every defined term, names and full text alike
    assert set(found[:2]) == {"terms/dropout-mask", "terms/dropout-rate"}, found
    stub = page.locator(".md-search-result__item").last
    expect(stub.locator(".glossary-search__kind")).to_have_text(re.compile("stub", re.I))
    assert watch.errors == [] and watch.outside == []
    context.close()


def test_a_stub_typed_by_name_stays_listed_after_full_text_joins(page):
    """ "L1 loss" is a stub of the learner's notes: defined pages come first, and however many full text
    adds, the stub is still there, last."""
    page.goto("/")
    results_for(page, "L1 loss")
    page.wait_for_timeout(1500)  # full text has joined by then (Pagefind answers in ~100 ms here)
    found = slugs(page)
    kinds = page.locator(".md-search-result__item .glossary-search__kind").all_inner_texts()
    stubs = [slug for slug, kind in zip(found, kinds, strict=True) if "stub" in kind.lower()]
    assert stubs and stubs[0] == "terms/l1-loss", found  # the stub typed, first of the stubs
    assert found[-len(stubs) :] == stubs and len(found) > len(stubs)  # after every defined page
