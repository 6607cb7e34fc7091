"""Search as readers type it, in a real Chromium: spelling variants, typos, hyphens, loci, the keyboard."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect


def results_for(page: Page, query: str):
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("")
    page.keyboard.type(query, delay=30)
    items = page.locator(".md-search-result__item")
    expect(items.first).to_be_visible()
    return items


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
    ] in entries
