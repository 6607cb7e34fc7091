"""Quality gates on the pages a reader lands on: axe-core accessibility and the Nu Html Checker."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT

PAGES = [
    "",
    "walk/",
    "walk/rehearse/",
    "a-z/",
    "sources/house-walk-loci/",
    "terms/learning-rate/",
    "terms/core-training-step/",
    "terms/backpropagation/",
    "terms/timestep/",
    "terms/recurrent-neural-network/",
    "terms/regularization/",
    "topics/",
    "topics/regularization/",
    "graph/",
    "404.html",
]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", [path for path in PAGES if not path.endswith(".html")])
def test_no_accessibility_violations(browser, server, path, scheme):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="dark" if scheme == "slate" else "light"
    )
    page = context.new_page()
    page.goto(f"{server}/{path}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    results = Axe().run(page)
    violations = [
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]
    context.close()
    assert violations == []


def test_html_is_valid(site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker: apt-get install default-jre-headless"
    assert VNU.exists(), "vnu.jar is missing: run 'npm install' (make test does)"
    files = [str(site / path) if path.endswith(".html") else str(site / path / "index.html") for path in PAGES]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or "{}").get("messages", [])
    errors = [f"{Path(m.get('url', '')).parent.name}: {m['message']} ({m.get('extract', '')!r})" for m in messages]
    assert errors == []
