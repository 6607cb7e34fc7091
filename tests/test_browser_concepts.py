"""Following related concepts in a real Chromium: the concept graph, local graphs, topic pages, the A–Z filter."""

from __future__ import annotations

import re

from conftest import Watch
from playwright.sync_api import expect


def graph_ready(page):
    page.goto("/graph/")
    page.wait_for_function("() => document.querySelector('.concept-graph').conceptGraph !== undefined")
    page.evaluate("document.querySelector('.concept-graph').scrollIntoView({block: 'center'})")


def test_clicking_a_graph_node_opens_its_page(page):
    graph_ready(page)
    x, y = page.evaluate("document.querySelector('.concept-graph').conceptGraph.project('dropout')")
    page.mouse.move(x, y)
    expect(page.locator(".concept-graph__tip")).to_have_text("Dropout")
    page.mouse.click(x, y)
    expect(page).to_have_url(re.compile(r"/terms/dropout/$"))
    expect(page.locator("h1")).to_contain_text("Dropout")


def test_graph_zooms_pans_and_highlights_neighbours(page):
    graph_ready(page)
    graph = "document.querySelector('.concept-graph').conceptGraph"
    before = page.evaluate(f"{graph}.project('dropout')")
    page.get_by_role("button", name="Zoom in").click()
    zoomed = page.evaluate(f"{graph}.project('dropout')")
    assert zoomed != before
    box = page.locator(".concept-graph canvas").bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + 40)
    page.mouse.down()
    page.mouse.move(box["x"] + 140, box["y"] + 90, steps=5)
    page.mouse.up()
    moved = page.evaluate(f"{graph}.project('dropout')")
    assert round(moved[0] - zoomed[0]) == 100 and round(moved[1] - zoomed[1]) == 50
    page.mouse.move(*moved)
    assert page.evaluate(f"{graph}.hover") >= 0
    neighbours = page.evaluate(f"{graph}.neighbours[{graph}.hover].length")
    assert neighbours >= 1


def test_graph_without_javascript_shows_a_picture_and_every_term(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("/graph/")
    picture = page.locator("img.concept-graph__picture")
    expect(picture).to_be_visible()
    assert page.evaluate("document.querySelector('img.concept-graph__picture').naturalWidth") > 0
    page.locator("summary", has_text="Regularization").click()
    page.get_by_role("link", name="Dropout", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/terms/dropout/$"))
    context.close()


def test_local_graph_node_opens_its_page(page):
    page.goto("/terms/attention/")
    page.locator("figure.local-graph a[aria-label='Self-attention']").click()
    expect(page).to_have_url(re.compile(r"/terms/self-attention/$"))


def test_related_and_topic_links_lead_on(page):
    page.goto("/terms/regularization/")
    related = page.locator("#related + ul > li")
    expect(related).to_have_count(8)
    expect(related.first).to_contain_text("its definition links here")
    page.locator(".topics a", has_text="Regularization").click()
    expect(page).to_have_url(re.compile(r"/topics/regularization/$"))
    expect(page.locator("article li")).to_have_count(8)
    page.locator("article").get_by_role("link", name="L2 regularization", exact=True).first.click()
    expect(page.locator("h1")).to_contain_text("L2 regularization")


def test_a_to_z_topic_filter(page):
    page.goto("/a-z/")
    items = page.locator("article li:has(a[data-topics])")
    total = items.count()
    page.get_by_role("button", name="Regularization", exact=True).click()
    expect(page.locator(".topic-filter__status")).to_have_text("8 terms in this topic")
    visible = page.locator("article li:has(a[data-topics]):visible")
    expect(visible).to_have_count(8)
    assert all("regularization" in v.get_attribute("data-topics") for v in visible.locator("a[data-topics]").all())
    expect(page.get_by_role("button", name="Regularization", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.locator("h2#a")).to_be_hidden()  # no regularization term starts with A
    page.get_by_role("button", name="All", exact=True).click()
    expect(page.locator("article li:has(a[data-topics]):visible")).to_have_count(total)


def test_concept_pages_fit_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=server)
    page = context.new_page()
    watch = Watch(page)
    for path in ("/graph/", "/terms/attention/", "/topics/", "/a-z/", "/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    graph_ready(page)
    assert page.locator(".concept-graph canvas").bounding_box()["width"] <= 375
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.local-graph text') || document.body).fontSize)"
    )
    page.goto("/terms/attention/")
    label = page.locator("figure.local-graph text").first.bounding_box()
    assert label["height"] >= 9, "local graph labels readable at 375 px"
    assert size > 0
    assert watch.errors == [] and watch.outside == []
    context.close()
