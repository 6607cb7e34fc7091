"""Rehearsing the walk in a real Chromium: card by card, every mode, the keyboard, FSRS state kept across reloads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Watch, copy_project, mkdocs_build
from playwright.sync_api import Page, expect

from glosstools.localsite import free_port, serve

STOPS = 35


def card(page: Page):
    return page.locator(".rehearse__card")


def start(page: Page, mode: str | None = None, path: str = "/walk/rehearse/") -> None:
    page.goto(path)
    expect(page.locator(".rehearse__count")).to_contain_text("Card 1 of")
    if mode:
        page.get_by_label("Rehearse").select_option(mode)


def question(page: Page) -> str:
    return page.locator(".rehearse__question").inner_text()


def test_a_card_hides_the_term_until_show_answer(page):
    start(page, "walk")
    expect(page.locator(".rehearse__kind")).to_have_text(f"Stop 1 of {STOPS}")
    assert question(page) == "Enter property"
    answer = page.locator(".rehearse__answer")
    expect(answer).to_be_hidden()
    page.get_by_role("button", name="Show answer").click()
    expect(answer).to_be_visible()
    expect(answer.get_by_role("link", name="Transfer learning")).to_be_visible()
    answer.get_by_role("link", name="Transfer learning").hover()
    page.wait_for_timeout(400)
    expect(page.locator(".term-preview")).to_be_hidden()  # no preview over the answer under the pointer
    expect(page.locator(".rehearse__own")).to_contain_text("In your words:")
    expect(page.locator(".rehearse__gist")).to_contain_text("Transfer learning applies knowledge")
    for name in ("Again", "Hard", "Good", "Easy"):
        expect(page.get_by_role("button", name=re.compile(f"^{name}"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Good")).click()
    assert question(page) == "Torbogen"
    expect(page.locator(".rehearse__count")).to_have_text(f"Card 2 of {STOPS}")
    assert page.evaluate("document.querySelector('.rehearse__progress progress').value") == 1


def test_keyboard_space_shows_and_digits_grade(page):
    start(page, "walk")
    page.keyboard.press("Space")
    expect(page.locator(".rehearse__answer")).to_be_visible()
    page.keyboard.press("4")
    expect(page.locator(".rehearse__count")).to_have_text(f"Card 2 of {STOPS}")
    expect(page.locator(".rehearse__answer")).to_be_hidden()
    page.keyboard.press("3")  # no grade before the answer is shown
    expect(page.locator(".rehearse__count")).to_have_text(f"Card 2 of {STOPS}")


@pytest.mark.parametrize(
    ("mode", "first"),
    [("walk", "Enter property"), ("backwards", "TV (2)"), ("reverse", "Transfer learning"), ("due", "Enter property")],
)
def test_modes_start_where_they_should(page, mode, first):
    start(page, mode)
    assert question(page) == first


def test_from_any_stop_and_shuffled(page):
    start(page, "from")
    page.get_by_label("from stop").fill("10")
    page.get_by_label("from stop").dispatch_event("change")
    expect(page.locator(".rehearse__kind")).to_have_text(f"Stop 10 of {STOPS}")
    expect(page.locator(".rehearse__count")).to_have_text(f"Card 1 of {STOPS - 9}")
    page.get_by_label("Rehearse").select_option("shuffle")
    expect(page.locator(".rehearse__count")).to_have_text(f"Card 1 of {STOPS}")
    seen = set()
    for _ in range(STOPS):
        seen.add(question(page))
        page.keyboard.press("Space")
        page.keyboard.press("3")
    expect(page.locator(".rehearse__score")).to_contain_text(f"{STOPS} of {STOPS} known")
    assert len(seen) >= 30  # every stop once (loci such as "TV" repeat as "TV (1)", "TV (2)")


def test_term_to_locus_answers_with_the_locus(page):
    start(page, "reverse")
    page.keyboard.press("Space")
    expect(page.locator(".rehearse__term")).to_have_text("Stop 1: Enter property")


def test_test_from_here_starts_at_that_stop_with_the_answer_hidden(page):
    page.goto("/walk/")
    page.locator("tr", has_text="Stairs up").get_by_role("link", name="test from here").click()
    expect(page).to_have_url(re.compile(r"/walk/rehearse/\?from=3$"))
    expect(page.locator(".rehearse__question")).to_have_text("Stairs up")
    expect(page.locator(".rehearse__answer")).to_be_hidden()


def test_progress_survives_a_reload_and_easy_is_not_asked_first(page):
    start(page, "walk")
    page.keyboard.press("Space")
    page.keyboard.press("4")  # stop 1: Easy
    stored = page.evaluate("JSON.parse(localStorage.getItem('glossary-rehearse:house-walk-loci'))")
    assert set(stored["cards"]) == {"1"} and stored["cards"]["1"]["state"] == 2  # Review
    page.reload()
    expect(page.locator(".rehearse__count")).to_contain_text("Card 1 of")
    assert page.get_by_label("Rehearse").input_value() == "due"
    assert question(page) == "Torbogen"  # stop 2 first: stop 1 is not due
    expect(page.locator(".rehearse__status")).to_have_text(f"{STOPS - 1} of {STOPS} stops due today.")
    page.goto("/walk/")
    expect(page.locator(".rehearse-due").first).to_have_text(f"{STOPS - 1} stops due today.")
    page.goto("/")
    expect(page.locator(".rehearse-due").first).to_have_text(f"{STOPS - 1} stops due today.")


def test_a_round_ends_with_a_score_and_again_comes_back(page):
    page.goto("/walk/rehearse/?from=34")
    expect(page.locator(".rehearse__count")).to_have_text("Card 1 of 2")
    page.keyboard.press("Space")
    page.keyboard.press("1")  # Again: once more at the end of the round
    expect(page.locator(".rehearse__count")).to_have_text("Card 2 of 3")
    for key in ("3", "4"):
        page.keyboard.press("Space")
        page.keyboard.press(key)
    expect(page.locator(".rehearse__score")).to_have_text("Round done: 1 of 2 known (Good or Easy); 0 Hard, 1 Again.")
    expect(page.locator(".rehearse__done")).to_contain_text("Next card due:")


def test_export_reset_and_import_progress(page, tmp_path):
    start(page, "walk")
    for key in ("4", "3"):
        page.keyboard.press("Space")
        page.keyboard.press(key)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert set(exported["walks"]["house-walk-loci"]["cards"]) == {"1", "2"}
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(".rehearse__status")).to_have_text(f"{STOPS} of {STOPS} stops due today.")
    assert page.evaluate("localStorage.getItem('glossary-rehearse:house-walk-loci')") is None
    page.locator(".rehearse__import input").set_input_files(str(saved))
    expect(page.locator(".rehearse__status")).to_have_text("Imported 2 cards.")
    assert question(page) == "Stairs up"  # due mode: stops 1 and 2 are scheduled for later
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "something else"}')
    page.locator(".rehearse__import input").set_input_files(str(broken))
    expect(page.locator(".rehearse__status")).to_contain_text("Could not import that file")


def test_without_javascript_the_self_test_still_works(browser, server):
    context = browser.new_context(java_script_enabled=False, base_url=server)
    page = context.new_page()
    page.goto("/walk/rehearse/")
    expect(page.locator(".rehearse__loading")).to_be_visible()
    stop = page.locator("#house-walk-loci-test-3")
    stop.locator("summary").click()
    expect(stop.get_by_role("link", name="Learning rate")).to_be_visible()
    context.close()


def test_rehearsal_fits_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=server)
    page = context.new_page()
    watch = Watch(page)
    for path in ("/walk/rehearse/", "/walk/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    assert watch.errors == [] and watch.outside == []
    context.close()


@pytest.fixture(scope="module")
def two_walks(tmp_path_factory, browser):
    tmp = tmp_path_factory.mktemp("walks")
    folder = tmp / "glossary"
    folder.mkdir()
    (folder / "house.txt").write_text("Door: Tensor: an n-d array\nHall: Epoch: one pass\nTV: Dropout: drop units\n")
    (folder / "garden.txt").write_text("Gate: Epoch: a pass over the data\nShed: Tensor: numbers in a grid\n")
    project = copy_project(tmp / "project", glossary=folder)
    port = free_port()
    result = mkdocs_build(project, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stderr
    with serve(project / "site", port) as url:
        yield url


def test_a_second_walk_rehearses_on_its_own(browser, two_walks):
    context = browser.new_context(base_url=two_walks)
    page = context.new_page()
    watch = Watch(page)
    page.goto("/walks/garden/rehearse/")
    expect(page.locator(".rehearse__count")).to_have_text("Card 1 of 2")
    assert question(page) == "Gate"
    page.keyboard.press("Space")
    page.keyboard.press("4")
    assert question(page) == "Shed"
    page.goto("/walks/house/rehearse/")
    assert question(page) == "Door"  # the other walk's progress is its own
    keys = page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('glossary-rehearse:'))")
    assert keys == ["glossary-rehearse:garden"]
    page.goto("/walk/")
    expect(page.locator(".rehearse-due").first).to_have_text("4 stops due today.")
    assert watch.errors == [] and watch.outside == []
    context.close()


def test_vendored_scheduler_and_its_licence_are_served(site):
    script = (site / "vendor" / "ts-fsrs.js").read_text(encoding="utf-8")
    assert "global.FSRS" in script
    assert "MIT License" in (site / "vendor" / "ts-fsrs-LICENSE.txt").read_text(encoding="utf-8")
    package = json.loads((Path(__file__).resolve().parent.parent / "package.json").read_text())
    assert package["dependencies"]["ts-fsrs"] == "5.4.2"


# --- on a phone ----------------------------------------------------------------------------------


@pytest.fixture
def phone(browser, server):
    context = browser.new_context(
        viewport={"width": 375, "height": 667}, has_touch=True, is_mobile=True, base_url=server
    )
    page = context.new_page()
    watch = Watch(page)
    yield page
    assert watch.errors == [] and watch.outside == []
    context.close()


def in_view(page: Page, selector: str) -> bool:
    return page.evaluate(
        """selector => { const box = document.querySelector(selector).getBoundingClientRect();
        return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth; }""",
        selector,
    )


def test_on_a_phone_show_answer_brings_the_answer_into_view_and_goes(phone):
    start(phone, "walk")
    show = phone.locator(".rehearse__show")
    show.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, -innerHeight)")  # the page top: the answer would open below the fold
    show.tap()
    expect(phone.locator(".rehearse__answer")).to_be_visible()
    expect(show).to_be_hidden()
    phone.wait_for_function(
        "() => { const b = document.querySelector('.rehearse__answer').getBoundingClientRect();"
        " return b.top >= 0 && b.bottom <= innerHeight; }"
    )
    assert in_view(phone, ".rehearse__grades")
    assert phone.evaluate("document.activeElement.classList.contains('rehearse__answer')")
    assert phone.locator(".rehearse__answer").get_attribute("tabindex") == "-1"
    phone.get_by_role("button", name=re.compile("^Good")).tap()
    expect(show).to_be_visible()  # back for the next card
    expect(phone.locator(".rehearse__answer")).to_be_hidden()


def test_on_a_phone_no_keyboard_hints_and_thumb_sized_grades(phone):
    start(phone, "walk")
    assert phone.evaluate("matchMedia('(hover: hover) and (pointer: fine)').matches") is False
    assert (
        phone.locator(".rehearse kbd").evaluate_all("nodes => nodes.filter(n => n.offsetParent !== null).length") == 0
    )
    phone.locator(".rehearse__show").tap()
    for name in ("Again", "Hard", "Good", "Easy"):
        box = phone.get_by_role("button", name=re.compile(f"^{name}")).bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, (name, box)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375


def test_keyboard_hints_show_with_a_mouse_and_keyboard(page):
    start(page, "walk")
    expect(page.locator(".rehearse__show kbd")).to_be_visible()
    page.keyboard.press("Space")
    expect(page.locator(".rehearse__grade kbd").first).to_be_visible()


def test_the_due_count_follows_every_grade(page):
    start(page, "walk")
    status = page.locator(".rehearse__status")
    expect(status).to_have_text(f"{STOPS} of {STOPS} stops due today.")
    for done, key in enumerate(("3", "4", "2"), start=1):
        page.keyboard.press("Space")
        page.keyboard.press(key)
        expect(status).to_have_text(f"{STOPS - done} of {STOPS} stops due today.")


def test_the_self_test_is_for_javascript_off_only(page):
    start(page)
    assert page.locator(".rehearse-selftest, #self-test, details[id^='house-walk-loci-test-']").count() == 0
    assert page.evaluate("document.documentElement.scrollHeight") < 2500
    page.goto("/walk/")  # and after instant loading, which parses <noscript> as markup
    page.locator("a[href$='rehearse/']").first.click()
    expect(page.locator(".rehearse__count")).to_contain_text("Card 1 of")
    assert page.locator(".rehearse-selftest, details[id^='house-walk-loci-test-']").count() == 0
