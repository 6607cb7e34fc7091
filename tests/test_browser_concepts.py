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
    expect(related.first).to_contain_text("definition mentions it")
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


# --- a graph that reads ---------------------------------------------------------------------------

GRAPH = "document.querySelector('.concept-graph').conceptGraph"


def boxes_overlap(a, b) -> bool:
    return a[0] < b[0] + b[2] and a[0] + a[2] > b[0] and a[1] < b[1] + b[3] and a[1] + a[3] > b[1]


def test_first_view_labels_only_hubs_none_overlapping_and_fits_the_graph(page):
    graph_ready(page)
    labels = page.evaluate(f"{GRAPH}.labels.map(b => [b[0], b[1], b[2], b[3], {GRAPH}.nodes[b[4]].degree])")
    assert 3 <= len(labels) <= 12
    assert all(label[4] > 0 for label in labels), "no stub is a hub"
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not boxes_overlap(a, b), (a, b)
    size = page.evaluate(f"[{GRAPH}.width, {GRAPH}.height]")
    points = page.evaluate(f"{GRAPH}.nodes.map(n => {GRAPH}.toScreen(n.x, n.y))")
    xs, ys = [x for x, _ in points], [y for _, y in points]
    assert min(xs) >= 0 and min(ys) >= 0 and max(xs) <= size[0] and max(ys) <= size[1], "every node in view"
    assert max(xs) - min(xs) >= 0.8 * size[0] or max(ys) - min(ys) >= 0.8 * size[1], "the graph fills its box"
    page.get_by_role("button", name="Zoom in").click()
    labels = page.evaluate(f"{GRAPH}.labels")
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            assert not boxes_overlap(a, b), (a, b)


def test_topics_form_groups(page):
    graph_ready(page)
    nodes = page.evaluate(f"{GRAPH}.nodes.map(n => [n.x, n.y, n.topic])")
    centres = {}
    for x, y, topic in nodes:
        centres.setdefault(topic, []).append((x, y))
    centres = {t: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps)) for t, ps in centres.items()}
    nearest_own = sum(
        min(centres, key=lambda t: (x - centres[t][0]) ** 2 + (y - centres[t][1]) ** 2) == topic
        for x, y, topic in nodes
    )
    assert nearest_own >= 0.9 * len(nodes)  # a term sits nearer its own topic's centre than any other


def test_legend_lists_every_topic_in_distinct_colours_in_both_palettes(browser, server):
    for scheme in ("light", "dark"):
        context = browser.new_context(base_url=server, color_scheme=scheme)
        page = context.new_page()
        page.goto("/graph/")
        topics = page.evaluate("fetch('../graph.json').then(r => r.json()).then(d => d.topics.map(t => t.name))")
        legend = page.locator(".graph-legend li")
        expect(legend).to_have_count(len(topics))
        names = [item.locator("a").inner_text() for item in legend.all()]
        assert names == topics
        colours = legend.locator(".graph-swatch").evaluate_all(
            "nodes => nodes.map(n => getComputedStyle(n).backgroundColor)"
        )
        assert len(set(colours)) == len(topics), (scheme, colours)
        assert all(colour not in ("rgba(0, 0, 0, 0)", "transparent") for colour in colours)
        context.close()


def test_tooltip_never_covers_its_node(page):
    graph_ready(page)
    slugs = page.evaluate(
        f"""(() => {{ const g = {GRAPH}, by = f => g.nodes.slice().sort(f)[0].slug;
        return [by((a, b) => b.x - a.x), by((a, b) => a.y - b.y), by((a, b) => a.x - b.x), 'dropout']; }})()"""
    )
    for slug in slugs:  # the rightmost, the topmost, the leftmost and one in the middle
        x, y = page.evaluate(f"{GRAPH}.project('{slug}')")
        page.mouse.move(x, y)
        tip = page.locator(".concept-graph__tip")
        expect(tip).to_be_visible()
        box = tip.bounding_box()
        r = page.evaluate(f"{GRAPH}.radius") + 3
        assert not boxes_overlap([box["x"], box["y"], box["width"], box["height"]], [x - r, y - r, 2 * r, 2 * r]), slug
        canvas = page.locator(".concept-graph canvas").bounding_box()
        assert box["x"] >= canvas["x"] - 1 and box["x"] + box["width"] <= canvas["x"] + canvas["width"] + 1, slug


def test_buttons_and_arrow_keys_pan_the_graph(page):
    graph_ready(page)
    before = page.evaluate(f"{GRAPH}.project('dropout')")
    page.get_by_role("button", name="Move left").click()
    after = page.evaluate(f"{GRAPH}.project('dropout')")
    assert round(after[0] - before[0]) == 80 and round(after[1] - before[1]) == 0
    page.locator(".concept-graph canvas").focus()
    page.keyboard.press("ArrowUp")
    moved = page.evaluate(f"{GRAPH}.project('dropout')")
    assert round(moved[1] - after[1]) == 40
    page.get_by_role("button", name="Fit the whole graph").click()
    assert page.evaluate(f"{GRAPH}.project('dropout')") == before


def test_every_term_is_reachable_by_keyboard_from_the_graph_page(page):
    graph_ready(page)
    slugs = set(page.evaluate(f"{GRAPH}.nodes.map(n => n.slug)"))
    page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
    reached: set[str] = set()
    for _ in range(len(slugs) * 3 + 80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement;
            return [e.tagName, e.getAttribute('href') || '', e.closest('details') ? e.closest('details').open : null]; }"""
        )
        tag, href, opened = focused
        if tag == "SUMMARY" and opened is False:
            page.keyboard.press("Enter")
        match = re.search(r"terms/([^/]+)/$", href)
        if tag == "A" and match:
            reached.add(match.group(1))
        if reached >= slugs:
            break
    assert slugs - reached == set()


def test_local_graph_labels_are_whole_names(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=server)
    page = context.new_page()
    for slug in ("gradient", "attention", "long-short-term-memory", "convolutional-neural-network"):
        page.goto(f"/terms/{slug}/")
        figure = page.locator("figure.local-graph")
        labels = figure.locator("text").evaluate_all(
            """texts => texts.map(t => [Array.from(t.querySelectorAll('tspan')).map(s => s.textContent),
            t.closest('a') ? t.closest('a').getAttribute('aria-label') : t.closest('g').querySelector('title').textContent,
            (b => [b.x, b.y, b.width, b.height])(t.getBoundingClientRect())])"""
        )
        svg = figure.locator("svg").bounding_box()
        assert svg["width"] <= 375
        for rows, name, _ in labels:
            assert "…" not in "".join(rows)
            assert " ".join(rows).replace("- ", "-") == name, (rows, name)
        for _, name, (x, y, w, h) in labels:
            assert x >= svg["x"] - 1 and x + w <= svg["x"] + svg["width"] + 1, (slug, name)
            assert y >= svg["y"] - 1 and y + h <= svg["y"] + svg["height"] + 1, (slug, name)
        for i, (_, a_name, a) in enumerate(labels):
            for _, b_name, b in labels[i + 1 :]:
                assert not boxes_overlap(a, b), (slug, a_name, b_name)
    context.close()


def test_local_graph_label_boxes_hold_their_rendered_text(browser, server, site):
    """The generator measures each label row (``concepts.text_width``) to size the picture: the row as
    Chromium draws it is never wider than that, so no label is cut off at the edge ("momentum")."""
    from gloss.pages.concepts import text_width

    page = browser.new_page(base_url=server)
    rows_seen = 0
    for path in sorted((site / "terms").glob("*/index.html")):
        page.goto(f"/terms/{path.parent.name}/")
        rows = page.locator("figure.local-graph tspan").evaluate_all(
            """spans => spans.map(s => [s.textContent, s.getComputedTextLength(),
            !!s.closest('.local-graph__node--centre')])"""
        )
        for text, drawn, centre in rows:
            rows_seen += 1
            assert drawn <= text_width(text, centre), (path.parent.name, text, drawn, text_width(text, centre))
    assert rows_seen > 500
    page.close()
