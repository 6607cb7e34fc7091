"""The edit loop: a rebuild after a saved note (as `make serve` runs it, with --dirty) renders only
the pages whose content changed, and the site it leaves is the site a full build makes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import copy_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

EXTRA = "\nGarage: Gradient clipping: caps the norm of the gradients before the optimizer step\n"


def rebuild(project: Path, site: Path, dirty: bool) -> None:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=dirty)
    build(config, dirty=dirty)
    config.plugins.on_shutdown()


def pages(site: Path) -> dict[str, str]:
    return {
        str(path.relative_to(site)): path.read_text(encoding="utf-8")
        for path in site.rglob("*")
        if path.suffix in (".html", ".json", ".svg", ".csv") and "pagefind" not in path.parts
    }


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("incremental") / "project")
    site = project / "dirty-site"
    rebuild(project, site, dirty=True)  # the first build of `make serve`: everything
    times = {path: path.stat().st_mtime_ns for path in site.rglob("index.html")}
    note = project / "glossary" / "house-walk-loci.txt"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("how quickly params are updated", "how big each update step is"))
    rebuild(project, site, dirty=True)  # a save that changes one definition's words
    rendered = {path for path, before in times.items() if path.exists() and path.stat().st_mtime_ns != before}
    note.write_text(note.read_text(encoding="utf-8") + EXTRA)
    (project / "glossary" / "keywords-article.txt").unlink()  # a note removed: its pages go
    rebuild(project, site, dirty=True)  # a save that adds a term and removes a note
    rebuild(project, project / "full-site", dirty=False)  # what a full build makes of the same notes
    return site, project / "full-site", times, rendered


def test_a_save_renders_only_the_pages_whose_content_changed(sites):
    _, _, times, rendered = sites
    assert Path(next(iter(times))).parent  # the site had pages
    learning_rate = next(path for path in times if path.parts[-2] == "learning-rate")
    assert learning_rate in rendered  # its definition changed
    assert len(rendered) < len(times) / 4, sorted(str(path) for path in rendered)


def test_after_a_save_the_site_is_what_a_full_build_makes(sites):
    site, full, _, _ = sites
    dirty, clean = pages(site), pages(full)
    assert sorted(dirty) == sorted(clean)  # the removed note's pages are gone, the new term's are there
    differ = [path for path in clean if dirty[path] != clean[path]]
    assert differ == []


def test_the_new_term_reaches_the_a_z_search_and_the_walk(sites):
    site, _, _, _ = sites
    assert (site / "terms" / "gradient-clipping" / "index.html").is_file()
    assert "Gradient clipping" in (site / "a-z" / "index.html").read_text(encoding="utf-8")
    assert "gradient-clipping" in (site / "search" / "names" / "g.json").read_text(encoding="utf-8")
    assert "Garage" in (site / "walk" / "index.html").read_text(encoding="utf-8")
    assert not (site / "sources" / "keywords-article").exists()  # the page and its folder
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum("data-pagefind-body" in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    assert entry["languages"]["en"]["page_count"] == indexed  # every page, rendered again or not


def test_a_saved_note_links_again_only_the_terms_it_changed(tmp_path, monkeypatch):
    """A rebuild in the same process (mkdocs serve) keeps the links of every term whose definitions,
    and the names and notes around them, are as the last build linked them."""
    from gloss import link as linking
    from gloss.build import generate

    project = copy_project(tmp_path / "project")
    generate(project / "glossary")
    note = project / "glossary" / "house-walk-loci.txt"
    note.write_text(note.read_text(encoding="utf-8").replace("how quickly params", "how big each step"))
    linked: list[str] = []
    real = linking._link_term
    monkeypatch.setattr(linking, "_link_term", lambda term, *args: linked.append(term.slug) or real(term, *args))
    _, _, files = generate(project / "glossary")
    assert set(linked) == {"learning-rate"}  # (twice if the hub cap bans one of its links)
    again = tmp_path / "again"
    again.mkdir()
    monkeypatch.setattr(linking, "_KEPT", {"world": None, "last": {}, "now": {}})  # nothing kept: link all
    _, _, fresh = generate(project / "glossary")
    assert len(linked) > 50
    assert files.keys() == fresh.keys()
    assert [path for path in files if files[path] != fresh[path]] == []

    note.write_text(note.read_text(encoding="utf-8") + EXTRA)  # a new name: every term may link to it
    linked.clear()
    generate(project / "glossary")
    assert len(linked) > 50


def test_under_serve_full_text_follows_and_notes_are_polled_often(tmp_path):
    """``mkdocs serve`` reloads the page as soon as it is written; Pagefind's index follows (the next
    build, and the server's shutdown, wait for it)."""
    from mkdocs.livereload import LiveReloadServer

    project = copy_project(tmp_path / "project")
    site = project / "served"
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    hook = config.plugins["scripts/mkdocs_hook.py"]  # the hook module as MkDocs loaded it
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
        plan = hook.fulltext._PLANS[str(site)]
        assert plan.running is not None  # still indexing, or indexed and not yet waited for
    finally:
        config.plugins.on_shutdown()
    assert hook.fulltext._PLANS == {}
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum("data-pagefind-body" in page.read_text(encoding="utf-8") for page in site.rglob("*.html"))
    assert entry["languages"]["en"]["page_count"] == indexed

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))
    hook.on_serve(server, config, lambda: None)
    server.watch(str(project / "glossary"))
    emitters = list(server.observer.emitters)
    assert emitters and all(emitter.timeout == hook.POLL for emitter in emitters)
    server.observer.unschedule_all()
    server.server_close()


def test_templates_are_compiled_once_and_again_when_an_override_changes(tmp_path, monkeypatch):
    """``mkdocs serve`` makes a new Jinja environment for each build: the theme's templates are
    compiled by the first build only (``shell.COMPILED``), and an override edited between builds
    is compiled again and shows."""
    import jinja2

    project = copy_project(tmp_path / "project")
    site = project / "site"
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    rebuild(project, site, dirty=True)
    assert "partials/header.html" in compiled  # (the theme's own may be compiled by an earlier test's build)
    compiled.clear()
    rebuild(project, site, dirty=True)
    assert [name for name in compiled if name and name.endswith(".html")] == []  # none compiled again
    header = project / "overrides" / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8").replace("</header>", "<!-- edited -->\n</header>", 1))
    with (project / "glossary" / "house-walk-loci.txt").open("a", encoding="utf-8") as note:
        note.write(EXTRA)  # a page to render
    rebuild(project, site, dirty=True)
    assert "partials/header.html" in compiled
    assert "<!-- edited -->" in (site / "terms" / "gradient-clipping" / "index.html").read_text(encoding="utf-8")


def test_a_new_process_finds_the_templates_compiled_by_the_last_one(tmp_path, monkeypatch):
    """Compiled templates are kept on disk too (Jinja's own cache folder): a build in a new process
    (here a new, empty in-memory cache) compiles none of them again, and builds the same site."""
    import jinja2

    from gloss import shell

    project = copy_project(tmp_path / "project")
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    def new_process() -> None:
        fresh = shell._Compiled()
        fresh.tried, fresh.disk = True, jinja2.FileSystemBytecodeCache(str(tmp_path / "cache"))
        monkeypatch.setattr(shell, "COMPILED", fresh)

    (tmp_path / "cache").mkdir()
    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    new_process()
    rebuild(project, tmp_path / "one", dirty=False)
    assert "main.html" in compiled and any((tmp_path / "cache").iterdir())
    compiled.clear()
    new_process()
    rebuild(project, tmp_path / "two", dirty=False)
    assert [name for name in compiled if name and name.endswith(".html")] == []
    assert pages(tmp_path / "one") == pages(tmp_path / "two")
