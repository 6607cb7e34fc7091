"""The layout the code keeps: small modules, one per note shape and per page kind, an installed package."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, project_files

from gloss.pages import PAGE_KINDS
from gloss.shapes import SHAPES

MAX_LINES = 300


def tracked_python() -> list[str]:
    """The project's Python files, read from the tree (a source archive has no git): all but what .gitignore keeps out."""
    return [path for path in project_files() if path.endswith(".py")]


def test_no_module_outside_tests_is_over_300_lines():
    long = {}
    for path in tracked_python():
        if not path.startswith("tests/"):
            count = len((ROOT / path).read_text(encoding="utf-8").splitlines())
            if count > MAX_LINES:
                long[path] = count
    assert long == {}


def test_nothing_edits_sys_path():
    needle = "sys.path." + "insert"
    assert [p for p in tracked_python() if needle in (ROOT / p).read_text(encoding="utf-8")] == []


def test_one_module_per_shape_and_per_page_kind():
    shape_modules = {module.parse.__module__ for module in SHAPES.values()}
    kind_modules = {emitter.__module__ for emitter in PAGE_KINDS.values()}
    assert len(shape_modules) == len(SHAPES) >= 5
    assert len(kind_modules) == len(PAGE_KINDS) >= 4


def test_the_package_is_installed_not_found_by_path():
    out = subprocess.run(
        [sys.executable, "-c", "import gloss, glosstools; print(gloss.__file__)"],
        cwd="/",
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == str(ROOT / "scripts" / "gloss" / "__init__.py")
