"""Pages rendered on two cores (gloss/parallel.py): the same site as on one, every file; a failure or
a warning in the second process reaches the build, which stops or counts it as its own."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT, copy_project

from glosstools.bench.synthetic import dense_glossary

TERMS = 320  # above parallel.MIN_PAGES


def _glossary(folder: Path, vault: bool) -> Path:
    """The learner's notes, a Markdown glossary of a few hundred terms and (with ``vault``) the test
    vault, whose broken image and alias are warnings."""
    shutil.copytree(ROOT / "glossary", folder)
    if vault:
        shutil.copytree(ROOT / "tests" / "vault", folder / "vault")
    dense_glossary(folder / "big", TERMS)
    (folder / "odd-names.md").write_text(ODD_NAMES, encoding="utf-8")
    return folder


# Names a template might write otherwise than as they are (escaped, stripped of tags): the chrome
# filled in from a shell (gloss/shell.py) must write them as the template does.
ODD_NAMES = textwrap.dedent("""\
    # Odd names

    ## Bias & variance
    The trade-off between bias & variance: a model too simple for its data underfits it.

    ## "Attention" head
    One head of multi-head attention, with its own query, key and value projections.

    ## <EOS> token
    The token that marks the end of a sequence, so the decoder knows where to stop.

    ## Café-style batching
    Batching requests as they arrive, not all at once: it's how servers keep the GPU busy.
    """)


def _build(
    project: Path, site: str, workers: str, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "GLOSS_WORKERS": workers,
        "SOURCE_DATE_EPOCH": "1700000000",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / site), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def _files(site: Path) -> dict[str, bytes]:
    return {str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    return copy_project(root / "project", _glossary(root / "notes", vault=True))


@pytest.fixture(scope="module")
def builds(project) -> dict[str, subprocess.CompletedProcess]:
    return {
        "one": _build(project, "one", "1", "--verbose"),
        "two": _build(project, "two", "2", "--verbose"),
        "template": _build(project, "template", "2", env={"GLOSS_SHELL": "0"}),
    }


def test_two_cores_build_the_same_site_as_one(project, builds):
    one, two = builds["one"], builds["two"]
    assert one.returncode == 0, one.stderr[-3000:]
    assert two.returncode == 0, two.stderr[-3000:]
    assert "on a second core" not in one.stderr
    shared = re.search(r"(\d+) pages are rendered on a second core", two.stderr)
    assert shared and int(shared.group(1)) > 0  # it did fork, and the worker took a part (how much depends on timing)
    first, second = _files(project / "one"), _files(project / "two")
    assert len(first) > TERMS
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []


def test_pages_filled_in_from_shells_are_the_pages_the_template_renders(project, builds):
    assert builds["template"].returncode == 0, builds["template"].stderr[-3000:]
    assert "No shell for" not in builds["two"].stderr  # every kind of page had its shell
    assert "is not rendered as Python-Markdown does" not in builds["two"].stderr  # headings went the quick way
    shelled, rendered = _files(project / "two"), _files(project / "template")
    assert any("bias" in path for path in shelled)
    assert sorted(shelled) == sorted(rendered)
    assert [path for path in shelled if shelled[path] != rendered[path]] == []


HOOK = textwrap.dedent("""\
    import logging, os
    PARENT = os.getpid()

    def on_page_content(html, page, config, files):
        if os.getpid() != PARENT and page.file.src_uri.startswith("terms/"):
            if os.environ.get("FAIL_IN_WORKER"):
                raise ValueError("a fault in a page only the second process renders")
            logging.getLogger("mkdocs.hooks.probe").warning("said by the second process")
        return html
    """)


@pytest.fixture(scope="module")
def probed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("probed")
    project = copy_project(root / "project", _glossary(root / "notes", vault=False))
    assert _build(project, "clean", "2", "--strict").returncode == 0
    (project / "probe.py").write_text(HOOK)
    config = (project / "mkdocs.yml").read_text()
    (project / "mkdocs.yml").write_text(config.replace("hooks:\n", "hooks:\n  - probe.py\n", 1))
    return project


def test_a_warning_in_the_second_process_counts_in_strict_mode(probed):
    result = _build(probed, "warned", "2", "--strict")
    assert result.returncode != 0
    warned = result.stderr.count("said by the second process")
    assert warned > 100  # once for each page the second process rendered
    assert f"Aborted with {warned} warnings in strict mode" in result.stdout + result.stderr


def test_a_failure_in_the_second_process_stops_the_build_with_its_cause(probed, monkeypatch):
    monkeypatch.setenv("FAIL_IN_WORKER", "1")
    result = _build(probed, "failed", "2", "--strict")
    assert result.returncode != 0
    assert "Rendering the pages on a second core failed" in result.stderr
    assert "a fault in a page only the second process renders" in result.stderr
    assert "Traceback" not in result.stderr


def test_forkmap_gives_the_same_list_in_order_with_half_of_it_from_a_second_process():
    from gloss import forkmap

    parent = os.getpid()
    items = list(range(1000))
    found = forkmap.map2(lambda item: (item * item, os.getpid()), items, min_items=10)
    assert [square for square, _ in found] == [item * item for item in items]
    assert {pid for _, pid in found[:500]} == {parent}
    assert parent not in {pid for _, pid in found[500:]}


def test_forkmap_raises_what_went_wrong_in_the_second_process(monkeypatch):
    from gloss import forkmap

    def fails(item: int) -> int:
        if item == 900:
            raise ValueError("item 900 is not welcome")
        return item

    with pytest.raises(RuntimeError, match="item 900 is not welcome"):
        forkmap.map2(fails, list(range(1000)), min_items=10)
    parent = os.getpid()
    with pytest.raises(RuntimeError, match="ended without all its results"):  # a result it cannot send
        forkmap.map2(lambda item: (lambda: item) if os.getpid() != parent else item, list(range(1000)), min_items=10)
    assert os.getpid() == parent
    monkeypatch.setenv("GLOSS_WORKERS", "1")
    assert {pid for pid in forkmap.map2(lambda _: os.getpid(), list(range(1000)), min_items=10)} == {os.getpid()}


def test_term_pages_skip_python_markdown_when_the_build_does_not_log_debug(tmp_path, monkeypatch):
    """Without --verbose MkDocs keeps each page's links (a term page's permalinks): the quick way
    keeps the same ones, so the pages it checks against Python-Markdown agree and it goes on."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from gloss import headings

    project = copy_project(tmp_path / "project")
    quick: list[bool] = []
    real = headings._quick
    monkeypatch.setattr(headings, "_quick", lambda *args: quick.append(bool(found := real(*args))) or found)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    assert headings._STATE == {"checked": headings.CHECKS, "off": False}
    assert sum(quick) > 50
