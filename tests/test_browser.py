"""What a reader does, in a real Chromium: search, follow links, hover, walk, browse on a phone."""

from __future__ import annotations

import json
import re

import pytest
from conftest import Watch
from playwright.sync_api import Page, expect

PAGES = [
    "",
    "walk/",
    "a-z/",
    "sources/",
    "sources/house-walk-loci/",
    "terms/learning-rate/",
    "terms/core-training-step/",
]


def search(page: Page, query: str):
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=40)  # Material's search reacts to key events
    first = page.locator(".md-search-result__item").first.locator("a").first
    expect(first).to_be_visible()
    return first


def term_slug(href: str) -> str:
    match = re.search(r"/terms/([^/?#]+)/", href)
    return match.group(1) if match else href


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("Dropout", "dropout"),
        ("Learning rate", "learning-rate"),
        ("Backpropagation", "backpropagation"),
        ("Epoch", "epoch"),
    ],
)
def test_search_by_name_shows_the_term_first(page, query, slug):
    page.goto("/")
    first = search(page, query)
    expect(first).to_have_attribute("href", re.compile(f"/terms/{slug}/"))


@pytest.mark.parametrize(
    ("alias", "slug"),
    [("Backprop", "backpropagation"), ("SGD", "stochastic-gradient-descent"), ("LSTM", "long-short-term-memory")],
)
def test_search_by_alias_finds_the_canonical_page(page, alias, slug):
    page.goto("/")
    first = search(page, alias)
    expect(first).to_have_attribute("href", re.compile(f"/terms/{slug}/"))


def test_search_finds_a_locus(page):
    page.goto("/")
    search(page, "Kitchenaid")
    results = page.locator(".md-search-result__item a")
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("super-convergence" in h or "walk" in h for h in hrefs)


def test_clicking_a_link_in_a_definition_lands_on_that_term(page):
    page.goto("/terms/learning-rate/")
    page.locator(".md-content article a", has_text=re.compile("^hyperparameter$")).first.click()
    expect(page).to_have_url(re.compile(r"/terms/hyperparameter/$"))
    expect(page.locator("article h1")).to_have_text(re.compile("Hyperparameter"))


def test_hovering_a_term_link_previews_its_gist(page):
    page.goto("/terms/learning-rate/")
    page.locator(".md-content article a", has_text=re.compile("^hyperparameter$")).first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text("Things adjusted by user or tuning service")


def test_walk_page_lists_stops_in_order(page):
    page.goto("/walk/")
    numbers = page.locator("article table tbody tr td:first-child").all_inner_texts()
    assert [int(n) for n in numbers] == list(range(1, 36))
    loci = page.locator("article table tbody tr td:nth-child(2)").all_inner_texts()
    assert loci[:3] == ["Enter property", "Torbogen", "Stairs up"] and loci[-1] == "TV (2)"


def follow(page: Page, link) -> None:
    """Click a link and wait until the page has changed (instant navigation does not reload)."""
    before = page.locator("article h1").inner_text()
    link.click()
    page.wait_for_function("before => (document.querySelector('article h1') || {}).innerText !== before", arg=before)


def walk_order(page: Page) -> list[str]:
    rows = page.locator("article table tbody tr td:nth-child(3) a")
    order = [term_slug(rows.nth(i).get_attribute("href")) for i in range(rows.count())]
    return [slug for i, slug in enumerate(order) if i == 0 or order[i - 1] != slug]


def test_next_and_previous_stop_links_walk_the_whole_route(page):
    page.goto("/walk/")
    route = walk_order(page)
    page.goto(f"/terms/{route[0]}/")
    visited = [route[0]]
    while "Next stop" in page.locator(".walk-nav").inner_text():
        follow(page, page.locator(".walk-nav a").last)
        visited.append(term_slug(page.url))
        assert len(visited) <= len(route)
    assert visited == route
    backwards = [visited[-1]]
    while "Previous stop" in page.locator(".walk-nav").inner_text():
        follow(page, page.locator(".walk-nav a").first)
        backwards.append(term_slug(page.url))
        assert len(backwards) <= len(route)
    assert backwards == list(reversed(route))


def test_a_to_z_reaches_every_term_page(page, site):
    page.goto("/a-z/")
    links = page.locator("article li a")
    slugs = {term_slug(links.nth(i).get_attribute("href")) for i in range(links.count())}
    report = json.loads((site / "build-report.json").read_text())
    assert len(slugs) == report["terms"]
    for slug in sorted(slugs):
        response = page.request.get(f"/terms/{slug}/")
        assert response.ok, slug


@pytest.mark.parametrize("path", PAGES)
def test_pages_load_without_console_errors_or_outside_requests(page, path):
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    expect(page.locator("article h1")).to_be_visible()


def test_phone_viewport_shows_drawer_and_search(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, base_url=server, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    watch = Watch(page)
    page.goto("/terms/dropout/")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    expect(drawer.get_by_role("link", name="House walk")).to_be_visible()
    page.keyboard.press("Escape")
    page.goto("/terms/dropout/")
    page.locator("label.md-header__button[for='__search']").click()
    expect(page.locator("input.md-search__input")).to_be_visible()
    expect(page.locator("input.md-search__input")).to_be_focused()  # Material focuses it after the toggle
    page.keyboard.type("Epoch", delay=40)
    first = page.locator(".md-search-result__item a").first
    expect(first).to_have_attribute("href", re.compile("/terms/epoch/"))
    assert watch.errors == [] and watch.outside == []
    context.close()


def test_every_term_name_and_alias_finds_its_page_first(page):
    """Sweep: each term's exact name, and each alias, typed into search, shows that term first."""
    from conftest import ROOT

    from gloss.build import generate

    linked = generate(ROOT / "glossary")[0]
    # A stub (a name no note defines) ranks after every defined page: it is found, last, never cut off.
    stubs = {slug for slug, item in linked.terms.items() if item.term.stub}
    queries = [(item.term.name, slug) for slug, item in linked.terms.items()]
    queries += [(alias, slug) for slug, item in linked.terms.items() for alias in item.term.aliases]
    page.goto("/")
    box = page.locator("input.md-search__input")
    results = page.locator(".md-search-result__item")
    misses = []
    for query, slug in queries:
        box.click()
        box.fill("")
        expect(results).to_have_count(0)  # no result of the query before can pass for this one
        page.keyboard.type(query)
        first = results.first.locator("a").first
        wanted = re.compile(f"/terms/{re.escape(slug)}/")
        try:
            if slug in stubs:
                expect(results.locator(f'a[href*="/terms/{slug}/"]').first).to_be_visible(timeout=3000)
            else:
                expect(first).to_have_attribute("href", wanted, timeout=3000)
        except AssertionError:
            misses.append(f"{query!r} -> {first.get_attribute('href') if results.count() else 'no result'}")
    assert misses == []
