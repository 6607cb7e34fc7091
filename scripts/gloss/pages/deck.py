"""Flashcards: an Anki deck (.apkg, built with genanki) and a CSV export with Anki's headers.

Cards: "term -> gist and definitions with their sources" for every term, and
"locus -> term" plus the reverse for every stop, one sub-deck per walk.
Note GUIDs derive from the term's slug (and walk and stop) with a fixed
prefix, so importing a rebuilt deck updates cards instead of duplicating them;
model and deck ids are fixed here.  The deck's time is the site's stamp (when
the notes last changed), so the same notes give the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import sqlite3
import time
import zipfile
from typing import Any

import genanki

from ..escape import html
from ..model import Deferred, Linked, LinkedTerm, Site, Slug, Stop
from ..paths import APKG, CSV, DECK_STEM
from .common import stop_label

PREFIX = DECK_STEM  # the GUID namespace: changing it would duplicate every card on re-import
TERMS_DECK_ID = 1_736_201_145
WALK_DECK_BASE = 1_736_300_000
TERM_MODEL_ID = 1_736_201_146
STOP_MODEL_ID = 1_736_201_147
_EARLIEST_ZIP_TIME = 315532800  # 1980-01-01, the earliest time a zip entry can carry

_CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .source { color: #555; font-size: 14px; }"


def models(deck_name: str) -> tuple[Any, Any]:
    term_model = genanki.Model(
        TERM_MODEL_ID,
        f"{deck_name} term",
        fields=[{"name": "Term"}, {"name": "Answer"}],
        templates=[
            {"name": "Term to meaning", "qfmt": "<h2>{{Term}}</h2>", "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}'}
        ],
        css=_CSS,
    )
    stop_model = genanki.Model(
        STOP_MODEL_ID,
        f"{deck_name} walk stop",
        fields=[{"name": "Locus"}, {"name": "Term"}, {"name": "Walk"}],
        templates=[
            {
                "name": "Locus to term",
                "qfmt": "<p>{{Walk}}</p><h2>{{Locus}}</h2><p>Which term stands here?</p>",
                "afmt": '{{FrontSide}}<hr id="answer"><h2>{{Term}}</h2>',
            },
            {
                "name": "Term to locus",
                "qfmt": "<p>{{Walk}}</p><h2>{{Term}}</h2><p>At which locus?</p>",
                "afmt": '{{FrontSide}}<hr id="answer"><h2>{{Locus}}</h2>',
            },
        ],
        css=_CSS,
    )
    return term_model, stop_model


def tag(text: str) -> str:
    """Anki tags hold no spaces."""
    return "".join(ch if ch.isalnum() or ch in "-_:" else "_" for ch in text)


def term_answer(item: LinkedTerm, linked: Linked) -> str:
    notes = {note.slug: note.title for note in linked.glossary.notes}
    parts = [f"<p><b>{html(item.term.gist)}</b></p>"]
    for definition in item.definitions:
        d = definition.definition
        parts.extend(f"<p>{html(text)}</p>" for text in d.paragraphs)
        if d.bullets:
            parts.append("<ul>" + "".join(f"<li>{html(text)}</li>" for text in d.bullets) + "</ul>")
        if d.code:
            parts.append("<pre><code>" + html("\n".join(d.code)) + "</code></pre>")
        sources = ", ".join(f"{html(notes[s.note])}, line {s.line}" for s in d.sources)
        parts.append(f'<p class="source">— {sources}</p>')
    return "".join(parts)


def stop_fields(stop: Stop, linked: Linked, walk_title: str) -> list[str]:
    term = html(linked.terms[stop.term].term.name)
    if stop.code:
        term += f"<br><code>{html(stop.code)}</code>"
    return [f"{stop.number}. {html(stop_label(stop))}", term, html(walk_title)]


def walk_deck_id(walk: Slug) -> int:
    return WALK_DECK_BASE + int(hashlib.sha1(walk.encode()).hexdigest()[:6], 16) % 90_000


def notes(linked: Linked, deck_name: str) -> list[tuple[str, Any]]:
    """(deck name, genanki note) pairs, in a stable order."""
    term_model, stop_model = models(deck_name)
    result = []
    for slug, item in linked.terms.items():
        note = genanki.Note(
            model=term_model,
            fields=[html(item.term.name), term_answer(item, linked)],
            guid=genanki.guid_for(PREFIX, "term", slug),
            tags=[tag(PREFIX), "term"],
        )
        result.append((f"{deck_name}::Terms", note))
    for walk in linked.glossary.walks:
        for stop in walk.stops:
            note = genanki.Note(
                model=stop_model,
                fields=stop_fields(stop, linked, walk.title),
                guid=genanki.guid_for(PREFIX, "stop", walk.note, stop.number),
                tags=[tag(PREFIX), "walk", tag(f"walk::{walk.note}")],
            )
            result.append((f"{deck_name}::Walk::{walk.title}", note))
    return result


def apkg(linked: Linked, deck_name: str, timestamp: float) -> bytes:
    """The deck as the bytes of an .apkg file (a zip of Anki's SQLite collection)."""
    decks = {f"{deck_name}::Terms": genanki.Deck(TERMS_DECK_ID, f"{deck_name}::Terms")}
    for walk in linked.glossary.walks:
        name = f"{deck_name}::Walk::{walk.title}"
        decks[name] = genanki.Deck(walk_deck_id(walk.note), name)
    for name, note in notes(linked, deck_name):
        decks[name].add_note(note)
    connection = sqlite3.connect(":memory:")
    genanki.Package(list(decks.values())).write_to_db(
        connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
    )
    connection.commit()
    database = connection.serialize()
    connection.close()
    stamp = time.gmtime(max(timestamp, _EARLIEST_ZIP_TIME))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("collection.anki2", stamp), database)
        archive.writestr(zipfile.ZipInfo("media", stamp), "{}")
    return out.getvalue()


def csv_text(linked: Linked, deck_name: str) -> str:
    """The same notes for other apps: UTF-8 CSV with Anki's header lines."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#columns:GUID,Front,Back,Deck,Tags\n")
    out.write("#guid column:1\n#deck column:4\n#tags column:5\n")
    writer = csv.writer(out, lineterminator="\n")
    for name, note in notes(linked, deck_name):
        if len(note.fields) == 2:
            front, back = note.fields
        else:
            locus, term, walk = note.fields
            front, back = f"{walk}: {locus}", term
        writer.writerow([note.guid, front, back, name, " ".join(note.tags)])
    return out.getvalue()


def emit(site: Site) -> dict[str, str | bytes]:
    name = site.settings.site_name
    return {APKG: apkg(site.linked, name, site.stamp), CSV: csv_text(site.linked, name)}


def deferred(site: Site) -> dict[str, Deferred]:
    """The deck and CSV made when MkDocs writes them, and let go once written (tens of MB at
    10,000 terms, which the build no longer holds while it renders the pages)."""
    name = site.settings.site_name
    return {
        APKG: Deferred(lambda: apkg(site.linked, name, site.stamp), 0),
        CSV: Deferred(lambda: csv_text(site.linked, name), 0),
    }
