"""The edit loop: a rebuild after a saved note (as `make serve` runs it, with --dirty) renders only
the pages whose content changed, and the site it leaves is the site a full build makes."""

from __future__ import annotations

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
    fragments = (site / "pagefind").rglob("*")
    assert any(path.is_file() for path in fragments)  # Pagefind indexed the rebuilt site
