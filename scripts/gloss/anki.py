"""Flashcards: an Anki deck (.apkg, built with genanki) and a CSV export with Anki's headers.

Cards: "term -> gist and definitions with their sources" for every term, and
"locus -> term" plus the reverse for every stop, one sub-deck per walk.
Note GUIDs derive from the term's slug (and walk and stop) with a project
prefix, so importing a rebuilt deck updates cards instead of duplicating them;
model and deck ids are fixed here.
"""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import os
import sqlite3
import tempfile
import time
import zipfile
from html import escape
from pathlib import Path

import genanki

from .model import Linked, LinkedTerm, Stop

PREFIX = "deep-learning-glossary"
DECK_NAME = "Deep-learning glossary"
TERMS_DECK_ID = 1_736_201_145
WALK_DECK_BASE = 1_736_300_000
TERM_MODEL_ID = 1_736_201_146
STOP_MODEL_ID = 1_736_201_147
APKG = "downloads/deep-learning-glossary.apkg"
CSV = "downloads/deep-learning-glossary.csv"

_CSS = ".card { font-family: sans-serif; font-size: 18px; text-align: left; } .source { color: #555; font-size: 14px; }"

TERM_MODEL = genanki.Model(
    TERM_MODEL_ID,
    "Deep-learning glossary term",
    fields=[{"name": "Term"}, {"name": "Answer"}],
    templates=[
        {
            "name": "Term to meaning",
            "qfmt": "<h2>{{Term}}</h2>",
            "afmt": '{{FrontSide}}<hr id="answer">{{Answer}}',
        }
    ],
    css=_CSS,
)
STOP_MODEL = genanki.Model(
    STOP_MODEL_ID,
    "Deep-learning glossary walk stop",
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


def tag(text: str) -> str:
    """Anki tags hold no spaces."""
    return "".join(ch if ch.isalnum() or ch in "-_:" else "_" for ch in text)


def term_answer(item: LinkedTerm, linked: Linked) -> str:
    notes = {note.slug: note.title for note in linked.glossary.notes}
    parts = [f"<p><b>{escape(item.term.gist)}</b></p>"]
    for definition in item.definitions:
        d = definition.definition
        parts.extend(f"<p>{escape(text)}</p>" for text in d.paragraphs)
        if d.bullets:
            parts.append("<ul>" + "".join(f"<li>{escape(text)}</li>" for text in d.bullets) + "</ul>")
        if d.code:
            parts.append("<pre><code>" + escape("\n".join(d.code)) + "</code></pre>")
        sources = ", ".join(f"{escape(notes[s.note])}, line {s.line}" for s in d.sources)
        parts.append(f'<p class="source">— {sources}</p>')
    return "".join(parts)


def stop_fields(stop: Stop, linked: Linked, walk_title: str, label: str) -> list[str]:
    term = escape(linked.terms[stop.term].term.name)
    if stop.code:
        term += f"<br><code>{escape(stop.code)}</code>"
    return [f"{stop.number}. {escape(label)}", term, escape(walk_title)]


def walk_deck_id(walk: str) -> int:
    return WALK_DECK_BASE + int(hashlib.sha1(walk.encode()).hexdigest()[:6], 16) % 90_000


def notes(linked: Linked, label) -> list[tuple[str, genanki.Note]]:
    """(deck name, note) pairs, in a stable order."""
    result = []
    for slug, item in linked.terms.items():
        note = genanki.Note(
            model=TERM_MODEL,
            fields=[escape(item.term.name), term_answer(item, linked)],
            guid=genanki.guid_for(PREFIX, "term", slug),
            tags=[tag(PREFIX), "term"],
        )
        result.append((f"{DECK_NAME}::Terms", note))
    for walk in linked.glossary.walks:
        for stop in walk.stops:
            note = genanki.Note(
                model=STOP_MODEL,
                fields=stop_fields(stop, linked, walk.title, label(stop)),
                guid=genanki.guid_for(PREFIX, "stop", walk.note, stop.number),
                tags=[tag(PREFIX), "walk", tag(f"walk::{walk.note}")],
            )
            result.append((f"{DECK_NAME}::Walk::{walk.title}", note))
    return result


def package(linked: Linked, label) -> genanki.Package:
    decks = {f"{DECK_NAME}::Terms": genanki.Deck(TERMS_DECK_ID, f"{DECK_NAME}::Terms")}
    for walk in linked.glossary.walks:
        name = f"{DECK_NAME}::Walk::{walk.title}"
        decks[name] = genanki.Deck(walk_deck_id(walk.note), name)
    for deck_name, note in notes(linked, label):
        decks[deck_name].add_note(note)
    return genanki.Package(list(decks.values()))


def write_apkg(linked: Linked, path: Path, label, timestamp: float | None = None) -> None:
    """Write the deck.  With SOURCE_DATE_EPOCH set (or a timestamp given) the file is reproducible."""
    if timestamp is None:
        timestamp = float(os.environ.get("SOURCE_DATE_EPOCH") or time.time())
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        package(linked, label).write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        connection.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        stamp = time.gmtime(max(timestamp, 315532800))[:6]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("collection.anki2", stamp), database.read_bytes())
            archive.writestr(zipfile.ZipInfo("media", stamp), "{}")


def csv_text(linked: Linked, label) -> str:
    """The same notes for other apps: UTF-8 CSV with Anki's header lines."""
    out = io.StringIO()
    out.write("#separator:Comma\n#html:true\n#columns:GUID,Front,Back,Deck,Tags\n")
    out.write("#guid column:1\n#deck column:4\n#tags column:5\n")
    writer = csv.writer(out, lineterminator="\n")
    for deck_name, note in notes(linked, label):
        if note.model is TERM_MODEL:
            front, back = note.fields
        else:
            locus, term, walk = note.fields
            front, back = f"{walk}: {locus}", term
        writer.writerow([note.guid, front, back, deck_name, " ".join(note.tags)])
    return out.getvalue()
