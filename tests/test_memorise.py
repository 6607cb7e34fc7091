"""Rehearsing the memory palace: the self-test, the route map and the flashcards."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
import zipfile
from pathlib import Path

from conftest import ROOT
from playwright.sync_api import expect

from gloss import paths
from gloss.build import generate
from gloss.pages import deck

STOPS = 35


def open_apkg(path: Path, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"collection.anki2", "media"}
        database = tmp_path / "collection.anki2"
        database.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(database)


def test_deck_holds_a_card_per_term_and_two_per_stop(site, tmp_path):
    report_terms = len(list((site / "terms").glob("*/index.html")))
    db = open_apkg(site / paths.APKG, tmp_path)
    notes = db.execute("select guid, flds, tags, mid from notes").fetchall()
    assert len(notes) == report_terms + STOPS
    assert db.execute("select count(*) from cards").fetchone()[0] == report_terms + 2 * STOPS
    fields = {row[1].split("\x1f")[0]: row[1].split("\x1f") for row in notes}
    assert "Learning rate is a hyperparameter" in fields["Learning rate"][1]
    assert "Deep Learning Terms, line 11" in fields["Learning rate"][1]
    assert "<pre><code>output_batch = model(train_batch)" in fields["Core training step"][1]
    assert fields["3. Stairs up"][1] == "Learning rate"
    assert "24. TV (1)" in fields and "35. TV (2)" in fields
    assert all(" " not in tag for row in notes for tag in row[2].split())
    decks = db.execute("select decks from col").fetchone()[0]
    assert "Deep-learning glossary::Terms" in decks and "Deep-learning glossary::Walk::House walk loci" in decks


def test_rebuilt_deck_keeps_its_guids(tmp_path):
    linked = generate(ROOT / "glossary")[0]
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    first.write_bytes(deck.apkg(linked, "Deck", 1_700_000_000))
    second.write_bytes(deck.apkg(generate(ROOT / "glossary")[0], "Deck", 1_800_000_000))
    guids = [sorted(g for (g,) in open_apkg(p, tmp_path).execute("select guid from notes")) for p in (first, second)]
    assert guids[0] == guids[1] and len(set(guids[0])) == len(guids[0])
    # With a fixed time the whole file is reproducible.
    third = tmp_path / "c.apkg"
    third.write_bytes(deck.apkg(linked, "Deck", 1_700_000_000))
    assert first.read_bytes() == third.read_bytes()


def test_fields_are_escaped(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "w.txt").write_text("Door: <b>Bold</b>: uses <script>x</script> & more\n")
    linked = generate(folder)[0]
    path = tmp_path / "d.apkg"
    path.write_bytes(deck.apkg(linked, "Deck", 1_700_000_000))
    flds = [f for (f,) in open_apkg(path, tmp_path).execute("select flds from notes")]
    assert any("&lt;script&gt;x&lt;/script&gt; &amp; more" in f for f in flds)
    assert not any("<script>" in f or "<b>Bold" in f for f in flds)


def test_csv_has_anki_headers_and_every_note(site):
    text = (site / paths.CSV).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert header[:2] == ["#separator:Comma", "#html:true"]
    assert "#guid column:1" in header and "#columns:GUID,Front,Back,Deck,Tags" in header
    rows = list(csv.reader(io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))))
    assert len(rows) == len(list((site / "terms").glob("*/index.html"))) + STOPS
    assert all(len(row) == 5 for row in rows)


def test_map_is_a_route_with_locus_and_term_at_every_stop(site):
    html = (site / "walk" / "index.html").read_text(encoding="utf-8")
    start = html.index('<ol class="walk-route"')
    route = html[start : html.index("</ol>", start)]
    stops = re.findall(
        r'<span class="walk-route__locus">([^<]+)</span> <a class="walk-route__term" href="([^"]+)" '
        r'aria-label="Stop (\d+), [^"]+">([^<]+)</a>',
        route,
    )
    assert [int(n) for _, _, n, _ in stops] == list(range(1, STOPS + 1))
    assert all(href.startswith("../terms/") for _, href, _, _ in stops)
    assert stops[2][0] == "Stairs up" and stops[2][3] == "Learning rate"  # locus and term, whole
    assert "TV (1)" in route and "TV (2)" in route and "…" not in route


def test_opening_a_hidden_stop_shows_its_term_without_javascript(browser, server):
    """The self-test is for readers without JavaScript (with it, the rehearsal replaces it)."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/walk/rehearse/")
    stop = page.locator("#house-walk-loci-test-3")
    term = stop.get_by_role("link", name="Learning rate")
    expect(term).to_be_hidden()
    stop.locator("summary").click()
    expect(term).to_be_visible()
    first_back = page.locator("details[id^='house-walk-loci-backwards-']").first
    expect(first_back.locator("summary")).to_contain_text("Stop 35 · TV (2)")
    context.close()


def test_test_from_here_links_start_the_rehearsal_at_every_stop(site):
    html = (site / "walk" / "index.html").read_text(encoding="utf-8")
    targets = re.findall(r'href="\.\./walk/rehearse/\?from=(\d+)">test from here</a>', html)
    assert [int(n) for n in targets] == list(range(1, STOPS + 1))
    assert (site / "walk" / "rehearse" / "index.html").is_file()


def test_clicking_a_stop_on_the_map_opens_its_term(browser, server):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/walk/")
    page.locator(".walk-route a[aria-label^='Stop 3,']").click()
    expect(page).to_have_url(re.compile(r"/terms/learning-rate/$"))
    assert errors == []
    context.close()


def test_several_walks_get_a_page_each(tmp_path):
    from conftest import copy_project, mkdocs_build
    from htmlscan import broken_links

    folder = tmp_path / "glossary"
    folder.mkdir()
    (folder / "house.txt").write_text("Door: Tensor: an n-d array\nHall: Epoch: one pass\nTV: Dropout: drop units\n")
    (folder / "garden.txt").write_text("Gate: Epoch: a pass over the data\nShed: Tensor: numbers in a grid\n")
    project = copy_project(tmp_path / "project", glossary=folder)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    overview = (site / "walk" / "index.html").read_text(encoding="utf-8")
    assert 'href="../walks/garden/"' in overview and 'href="../walks/house/"' in overview
    garden = (site / "walks" / "garden" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Stop 2, Shed: Tensor"' in garden and 'href="../../walks/garden/rehearse/?from=2"' in garden
    rehearse = (site / "walks" / "garden" / "rehearse" / "index.html").read_text(encoding="utf-8")
    assert rehearse.count("<details") == 4 and 'data-walk="garden"' in rehearse
    epoch = (site / "terms" / "epoch" / "index.html").read_text(encoding="utf-8")
    assert "Stop 1 of 2" in epoch and "Stop 2 of 3" in epoch
    assert broken_links(site) == []


def test_the_built_deck_and_csv_are_the_ones_the_generator_makes(built, site):
    """The build writes them straight into their files (gloss/pages/deck.py, ``write``), without
    holding them whole: the same bytes as `make generate`'s, and two walks of one title share a deck."""
    files = generate(built / "glossary").files
    assert (site / paths.APKG).read_bytes() == files[paths.APKG]
    assert (site / paths.CSV).read_text(encoding="utf-8") == files[paths.CSV]


def test_two_walks_with_one_title_share_their_deck(tmp_path):
    folder = tmp_path / "glossary"
    folder.mkdir()
    walk = "Front door: Epoch: one pass over the data\nHall: Batch: a slice of the data\n"
    for part, text in (("home", walk), ("holiday", walk.replace("Front door", "Porch").replace("Hall", "Stairs"))):
        (folder / part).mkdir()
        (folder / part / "loci.txt").write_text(text)
    linked = generate(folder).linked
    written = deck.apkg(linked, "DL", 1700000000.0)
    with zipfile.ZipFile(io.BytesIO(written)) as archive:
        data = archive.read("collection.anki2")
    db = tmp_path / "collection.anki2"
    db.write_bytes(data)
    with sqlite3.connect(db) as connection:
        decks = json.loads(connection.execute("SELECT decks FROM col").fetchone()[0])
        cards = connection.execute("SELECT did, count(*) FROM cards GROUP BY did").fetchall()
    titles = {walk.title for walk in linked.glossary.walks}
    assert len(linked.glossary.walks) == 2 and len(titles) == 1  # one title, two walks
    walk_decks = [d for d in decks.values() if "::Walk::" in d["name"]]
    assert len(walk_decks) == 1
    assert {did for did, _ in cards} == {walk_decks[0]["id"], deck.TERMS_DECK_ID}
    assert sum(count for did, count in cards if did == walk_decks[0]["id"]) == 8  # two cards a stop, both walks
