"""Full text: Pagefind indexes each term and topic page's searchable part, in parts on a big site,
and the index is the one Pagefind makes of the whole built pages; the search merges the parts."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Watch, copy_project, mkdocs_build
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import expect

from gloss import fulltext
from glosstools.localsite import free_port, serve


def fragments(bundles: list[Path]) -> list[dict]:
    """Every page Pagefind holds, as it holds it (url, words, excerpt text, anchors, metadata)."""
    found = []
    for bundle in bundles:
        for path in (bundle / "fragment").glob("*.pf_fragment"):
            data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
            found.append(data)
    return sorted(found, key=lambda data: data["url"])


def bundles_of(site: Path) -> list[Path]:
    more = json.loads((site / fulltext.BUNDLES).read_text(encoding="utf-8"))["more"]
    return [site / "pagefind", *(site / path for path in more)]


def indexed_pages(site: Path) -> list[str]:
    return sorted(
        "/" + path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
        if "data-pagefind-body" in path.read_text(encoding="utf-8")
    )


@pytest.fixture(scope="module")
def parted(tmp_path_factory) -> Path:
    """The learner's notes built in-process with bundles of at most 40 pages."""
    project = copy_project(tmp_path_factory.mktemp("parted"))
    site = project / "site"
    before = sorted(path.name for path in project.iterdir())
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    part = fulltext.PART
    fulltext.PART = 40
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        fulltext.PART = part
    beside = sorted(path.name for path in project.iterdir() if path.name not in before)
    (site / "written-beside.json").write_text(json.dumps(beside))
    return site


def test_the_index_is_what_pagefind_makes_of_the_whole_pages(site, tmp_path):
    whole = tmp_path / "whole"
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(whole), "--silent"], check=True
    )
    ours = fragments(bundles_of(site))
    assert len(ours) == len(indexed_pages(site)) > 50
    assert ours == fragments([whole])


def test_a_big_site_is_indexed_in_parts_that_hold_every_page_once(parted, tmp_path):
    bundles = bundles_of(parted)
    assert len(bundles) == -(-len(indexed_pages(parted)) // 40) > 2
    urls = [data["url"] for data in fragments(bundles)]
    assert urls == indexed_pages(parted)  # each page in one part only
    for bundle in bundles:
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert 0 < entry["languages"]["en"]["page_count"] <= 40
    whole = tmp_path / "whole"
    subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(parted), "--output-path", str(whole), "--silent"], check=True
    )
    assert fragments(bundles) == fragments([whole])
    assert json.loads((parted / "written-beside.json").read_text()) == ["site"]  # nothing for Pagefind to read


def test_the_search_merges_the_parts(parted, browser):
    """A word that only a page of the last bundle holds is found by full text."""
    last = bundles_of(parted)[-1]
    url = fragments([last])[0]["url"]
    text = (parted / url.strip("/") / "index.html").read_text(encoding="utf-8")
    port = free_port()
    with serve(parted, port) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
        page = context.new_page()
        watch = Watch(page)
        page.goto("/")
        others = {data["url"] for data in fragments(bundles_of(parted)[:-1])}
        words = re.findall(r"[a-z]{7,}", fulltext.searchable(text) or "")
        word = next(
            w for w in words if not any(w in (parted / u.strip("/") / "index.html").read_text() for u in others)
        )
        page.locator("input.md-search__input").click()
        page.keyboard.type(word, delay=30)
        expect(page.locator(f'.md-search-result__link[href*="{url}"]')).to_be_visible()
        assert watch.errors == [] and watch.outside == []
        context.close()


def test_a_glossary_with_no_notes_yet_builds_without_full_text(tmp_path):
    """A new user's empty glossary folder: nothing for Pagefind to index, and no error for it."""
    project = copy_project(tmp_path / "project")
    for note in (project / "glossary").iterdir():
        note.unlink() if note.is_file() else shutil.rmtree(note)
    result = mkdocs_build(project, strict=False)  # (the nav names the topics and graph pages it lacks)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and "Pagefind" not in result.stderr
    assert json.loads((project / "site" / fulltext.BUNDLES).read_text()) == {"more": []}


def test_a_pagefind_that_fails_is_reported_and_the_site_still_builds(tmp_path):
    """Pagefind missing its index (it stops at once, saying why): a warning that says what Pagefind
    said, no traceback, every page built."""
    project = copy_project(tmp_path / "project")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'pagefind: cannot write here' >&2\nexit 3\n")
    broken.chmod(0o755)
    result = mkdocs_build(project, strict=False, env={"PAGEFIND_BINARY_PATH": str(broken)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert "Pagefind could not index part of the site" in result.stderr
    assert "cannot write here" in result.stderr
    assert (project / "site" / "terms" / "backpropagation" / "index.html").is_file()


# A Pagefind whose own writes are cut short, as they were when it stopped on a busy machine before its
# last writes were done: it relays the real Pagefind's service, and when that answers that it has
# written a bundle (``WriteFiles``), every file of the bundle is cut to half before the answer is passed on.
_HASTY = """\
import base64, json, os, subprocess, sys, threading
real = subprocess.Popen([{real!r}, *sys.argv[1:]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
into = {{}}
def relay():
    pending = b""
    while data := sys.stdin.buffer.read1(1 << 16):
        pending += data
        *done, pending = pending.split(b",")
        for message in done:
            asked = json.loads(base64.b64decode(message))
            if asked["payload"].get("type") == "WriteFiles":
                into[asked["message_id"]] = asked["payload"]["output_path"]
        real.stdin.write(data); real.stdin.flush()
    real.stdin.close()
threading.Thread(target=relay, daemon=True).start()
pending = b""
while chunk := real.stdout.read1(1 << 16):
    pending += chunk
    *done, pending = pending.split(b",")
    for message in done:
        answer = json.loads(base64.b64decode(message))
        for root, _, names in os.walk(into.get(answer["message_id"], "/nonexistent")):
            for name in set(names) - {{"bundles.json"}}:  # the site's own file, not Pagefind's
                path = os.path.join(root, name)
                os.truncate(path, os.path.getsize(path) // 2)
        sys.stdout.buffer.write(message + b","); sys.stdout.buffer.flush()
"""


def test_every_bundle_file_is_whole_even_when_pagefind_cuts_its_writes_short(tmp_path):
    """Asked to write its files itself, Pagefind answers before its last writes are done, and it
    exits when told to stop: a busy machine left a file empty or cut short (a search script that
    never loads).  The bundles are written from the files Pagefind hands over: with a Pagefind whose
    own writes are cut short, every index file unpacks whole and its scripts are byte for byte those
    Pagefind's own run writes."""
    from pagefind.service import get_executable

    project = copy_project(tmp_path / "project")
    hasty = tmp_path / "pagefind"
    hasty.write_text(f"#!{sys.executable}\n" + _HASTY.format(real=str(get_executable())))
    hasty.chmod(0o755)
    result = mkdocs_build(project, env={"PAGEFIND_BINARY_PATH": str(hasty)})
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Pagefind" not in result.stderr
    reference = tmp_path / "reference"
    (reference / "page").mkdir(parents=True)
    (reference / "page" / "index.html").write_text("<html lang='en'><body><p>Dropout and epochs.</p></body></html>")
    made = subprocess.run([str(get_executable()), "--site", str(reference)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    for folder in bundles_of(project / "site"):
        packed = [p for p in folder.rglob("*") if p.suffix in (".pf_fragment", ".pf_index", ".pf_meta")]
        assert len(packed) > 20
        for path in packed:
            assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd"), path
        for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "wasm.en.pagefind"):
            assert (folder / name).read_bytes() == (reference / "pagefind" / name).read_bytes(), (folder, name)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=70_000), min_size=1, max_size=30))
def test_a_bundle_s_files_are_written_as_they_come_in_any_pieces(cuts):
    """A bundle's files come as one response of megabytes: each is handed over as soon as it is
    whole, however the response is cut on its way (``_Files``); one written with other fields or in
    another order is read whole at its end; an error is an error."""
    import base64 as b64

    from gloss.fulltext.service import _Files

    contents = {f"fragment/en_{n:07x}.pf_fragment": bytes([n % 256]) * (n * 7 % 900) for n in range(300)}
    contents['odd "name"\\.js'] = b"x"
    listed = [{"path": path, "content": b64.b64encode(data).decode()} for path, data in contents.items()]

    def read(answer: dict[str, object]) -> tuple[dict[str, bytes], dict[str, object]]:
        message, got = b64.b64encode(json.dumps(answer, separators=(",", ":")).encode()), {}
        files = _Files(got.__setitem__)
        at = 0
        for cut in [*cuts, len(message)]:
            files.feed(message[at : at + cut])
            at += cut
        files.feed(message[at:])
        return got, files.finish()

    got, said = read({"message_id": 7, "payload": {"type": "GetFiles", "files": listed}})
    assert got == contents and said == {"type": "GetFiles", "files": len(contents)}
    reordered = [{"content": item["content"], "path": item["path"]} for item in listed]
    got, said = read({"payload": {"files": reordered, "type": "GetFiles"}, "message_id": 7})
    assert got == contents and said == {"type": "GetFiles", "files": len(contents)}
    assert read({"message_id": 7, "payload": {"type": "Error", "message": "no"}}) == (
        {},
        {"type": "Error", "message": "no"},
    )


def test_a_handed_over_file_is_written_only_inside_its_bundle(tmp_path):
    from gloss.fulltext import _Bundle

    write = _Bundle(tmp_path / "site" / "pagefind")
    write("fragment/en_1.pf_fragment", b"a")
    assert (tmp_path / "site" / "pagefind" / "fragment" / "en_1.pf_fragment").read_bytes() == b"a"
    write("index\\en_2.pf_index", b"c")  # Pagefind's paths on Windows
    assert (tmp_path / "site" / "pagefind" / "index" / "en_2.pf_index").read_bytes() == b"c"
    for name in ("../index.html", "/etc/x", "fragment/../../x", "a\\..\\..\\b", "C:\\x", "C:x"):
        with pytest.raises(OSError):
            write(name, b"b")
    assert sorted(p.name for p in (tmp_path / "site").rglob("*") if p.is_file()) == [
        "en_1.pf_fragment",
        "en_2.pf_index",
    ]


def test_a_site_of_some_size_is_indexed_in_two_parts_at_least():
    """Pagefind runs last, when the second core has nothing else to do: from SPLIT pages on, two parts."""
    assert fulltext.parts(1) == fulltext.parts(fulltext.SPLIT - 1) == 1
    assert fulltext.parts(fulltext.SPLIT) == fulltext.parts(fulltext.PART) == 2
    assert fulltext.parts(2 * fulltext.PART + 1) == 3
