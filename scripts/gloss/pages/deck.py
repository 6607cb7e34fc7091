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
import functools
import hashlib
import io
import itertools
import json
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO, TextIO

import genanki

from ..escape import html
from ..model import Deferred, Linked, LinkedTerm, Site, Slug, Stop, Walk
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


def notes(linked: Linked, deck_name: str) -> Iterator[tuple[str, Any]]:
    """(deck name, genanki note) pairs, in a stable order, each made as it is asked for."""
    for name, (_, _, makers) in _decks(linked, deck_name).items():
        for make in makers:
            for note in make():
                yield name, note


def _decks(linked: Linked, deck_name: str) -> dict[str, tuple[int, Any, list[Callable[[], Iterator[Any]]]]]:
    """Each deck by name: its id, its notes' model (None without notes), what makes its notes.  Two
    walks with one title share a deck (the later one's id), as genanki's decks by name would."""
    term_model, stop_model = models(deck_name)
    decks: dict[str, tuple[int, Any, list[Callable[[], Iterator[Any]]]]] = {
        f"{deck_name}::Terms": (
            TERMS_DECK_ID,
            term_model if linked.terms else None,
            [functools.partial(_term_notes, linked, term_model)],
        )
    }
    for walk in linked.glossary.walks:
        name = f"{deck_name}::Walk::{walk.title}"
        _, model, makers = decks.get(name, (0, None, []))
        decks[name] = (walk_deck_id(walk.note), stop_model if walk.stops else model, makers)
        makers.append(functools.partial(_stop_notes, walk, linked, stop_model))
    return decks


def _term_notes(linked: Linked, model: Any) -> Iterator[Any]:
    for slug, item in linked.terms.items():
        yield genanki.Note(
            model=model,
            fields=[html(item.term.name), term_answer(item, linked)],
            guid=genanki.guid_for(PREFIX, "term", slug),
            tags=[tag(PREFIX), "term"],
        )


def _stop_notes(walk: Walk, linked: Linked, model: Any) -> Iterator[Any]:
    for stop in walk.stops:
        yield genanki.Note(
            model=model,
            fields=stop_fields(stop, linked, walk.title),
            guid=genanki.guid_for(PREFIX, "stop", walk.note, stop.number),
            tags=[tag(PREFIX), "walk", tag(f"walk::{walk.note}")],
        )


class _Deck(genanki.Deck):  # type: ignore[misc]
    """A deck whose notes are made as they are written into the collection: genanki's own holds
    every note at once (tens of MB at 10,000 terms).  The same rows, in the same order."""

    def __init__(self, deck_id: int, name: str, model: Any, makers: list[Callable[[], Iterator[Any]]]) -> None:
        super().__init__(deck_id, name)
        if model is not None:
            self.add_model(model)
        self.makers = makers

    def write_to_db(self, cursor: Any, timestamp: float, id_gen: Any) -> None:
        (decks_json,) = cursor.execute("SELECT decks FROM col").fetchone()
        decks = json.loads(decks_json)
        decks.update({str(self.deck_id): self.to_json()})
        cursor.execute("UPDATE col SET decks = ?", (json.dumps(decks),))
        (models_json,) = cursor.execute("SELECT models from col").fetchone()
        models = json.loads(models_json)
        models.update({model.model_id: model.to_json(timestamp, self.deck_id) for model in self.models.values()})
        cursor.execute("UPDATE col SET models = ?", (json.dumps(models),))
        for make in self.makers:
            for note in make():
                note.write_to_db(cursor, timestamp, self.deck_id, id_gen)


def apkg(linked: Linked, deck_name: str, timestamp: float) -> bytes:
    """The deck as the bytes of an .apkg file (a zip of Anki's SQLite collection)."""
    out = io.BytesIO()
    write_apkg(linked, deck_name, timestamp, out)
    return out.getvalue()


def write_apkg(linked: Linked, deck_name: str, timestamp: float, out: BinaryIO) -> None:
    decks = [
        _Deck(deck_id, name, model, makers) for name, (deck_id, model, makers) in _decks(linked, deck_name).items()
    ]
    connection = sqlite3.connect(":memory:")
    genanki.Package(decks).write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
    connection.commit()
    database = connection.serialize()
    connection.close()
    stamp = time.gmtime(max(timestamp, _EARLIEST_ZIP_TIME))[:6]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("collection.anki2", stamp), database)
        archive.writestr(zipfile.ZipInfo("media", stamp), "{}")


def csv_text(linked: Linked, deck_name: str) -> str:
    """The same notes for other apps: UTF-8 CSV with Anki's header lines."""
    out = io.StringIO()
    write_csv(linked, deck_name, out)
    return out.getvalue()


def write_csv(linked: Linked, deck_name: str, out: TextIO) -> None:
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


def emit(site: Site) -> dict[str, str | bytes]:
    name = site.settings.site_name
    return {APKG: apkg(site.linked, name, site.stamp), CSV: csv_text(site.linked, name)}


def deferred(site: Site) -> dict[str, Deferred]:
    """The deck and CSV written straight into their files when MkDocs copies them (``write``): at
    10,000 terms making them in memory took tens of MB, the build's largest need."""
    name = site.settings.site_name

    def apkg_to(path: str) -> None:
        with open(path, "wb") as out:
            write_apkg(site.linked, name, site.stamp, out)

    def csv_to(path: str) -> None:
        with open(path, "w", encoding="utf-8", newline="") as out:
            write_csv(site.linked, name, out)

    return {
        APKG: Deferred(lambda: apkg(site.linked, name, site.stamp), apkg_to),
        CSV: Deferred(lambda: csv_text(site.linked, name), csv_to),
    }
