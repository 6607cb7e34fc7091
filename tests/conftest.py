"""Shared fixtures: the real glossary built into a temporary copy, and a local server."""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from glosstools.localsite import free_port, serve

ROOT = Path(__file__).resolve().parent.parent

PROJECT_FILES = ("mkdocs.yml", "docs", "glossary", "scripts", "overrides")


def _ignore_patterns() -> list[str]:
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def ignored(path: str) -> bool:
    """Whether .gitignore keeps a path (relative, forward slashes) out: the patterns this project uses,
    anchored ("/docs/terms/") or not ("__pycache__/"), folders or files."""
    parts = path.split("/")
    for pattern in _ignore_patterns():
        folder = pattern.endswith("/")
        name = pattern.strip("/")
        if pattern.startswith("/"):
            if path == name or path.startswith(name + "/"):
                return True
        elif any(fnmatch.fnmatch(part, name) for part in (parts[:-1] if folder else parts)):
            return True
    return False


def project_files() -> list[str]:
    """The project's own files, from the tree (no git needed): every file .gitignore does not keep out."""
    found = []
    for folder, subfolders, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT).as_posix()
        prefix = "" if here == "." else here + "/"
        subfolders[:] = sorted(d for d in subfolders if d != ".git" and not ignored(prefix + d + "/x"))
        found.extend(prefix + name for name in sorted(files) if not ignored(prefix + name))
    return found


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")


def pytest_collection_modifyitems(items):
    """Every test that drives Chromium is marked `browser`: `pytest -m "not browser"` is the fast suite."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def copy_project(target: Path, glossary: Path | None = None) -> Path:
    """A copy of the project to build in, optionally with another glossary folder."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    if glossary is not None:
        shutil.rmtree(target / "glossary")
        shutil.copytree(glossary, target / "glossary")
    (target / "node_modules").symlink_to(ROOT / "node_modules")  # the vendored scheduler comes from there
    return target


def mkdocs_build(
    project: Path, strict: bool = True, site_url: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(project / "site")]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(command, cwd=project, capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="session")
def port() -> int:
    """The port the site is served on: Material's previews need site_url to match it."""
    return free_port()


@pytest.fixture(scope="session")
def built(tmp_path_factory, port) -> Path:
    """The real notes, built with `mkdocs build --strict`; returns the project copy."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project, site_url=f"http://127.0.0.1:{port}/")
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built / "site"


@pytest.fixture(scope="session")
def server(site, port) -> str:
    """The built site served on 127.0.0.1 by the tests themselves."""
    with serve(site, port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Playwright's sync API allows one at a time)."""
    from playwright.sync_api import sync_playwright

    from glosstools.chromium import launch

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Watch:
    """Console errors and requests that leave 127.0.0.1, for one page."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))

        def route(route):
            host = urlparse(route.request.url).hostname
            if host not in ("127.0.0.1", None) and not route.request.url.startswith("data:"):
                self.outside.append(route.request.url)
                return route.abort()
            return route.continue_()

        page.route("**/*", route)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=server)
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    assert page.watch.errors == [], "console errors"
    assert page.watch.outside == [], "requests outside the site"
    context.close()
