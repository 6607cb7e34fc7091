#!/usr/bin/env python3
"""Lighthouse scores (desktop preset) for home, walk and one term page: a benchmark, not a test.

    make lighthouse        (python -m glosstools.lighthouse)

Builds the site for the port it serves on, serves it on 127.0.0.1, runs the
npm `lighthouse` package with Debian's Chromium and prints the four category
scores per page against the targets (performance >= 95, the others 100).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .localsite import free_port, serve

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["", "walk/", "terms/learning-rate/"]
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"


def main() -> int:
    port = free_port()
    site = Path(tempfile.mkdtemp(prefix="lighthouse-site-"))
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--site-dir", str(site)], cwd=ROOT, env=env, check=True
    )
    missed = 0
    print(f"| page | {' | '.join(TARGETS)} |\n|---|{'---:|' * len(TARGETS)}")
    with serve(site, port) as url:
        for page in PAGES:
            out = site.parent / "lighthouse.json"
            subprocess.run(
                [str(ROOT / "node_modules/.bin/lighthouse"), f"{url}/{page}", "--preset=desktop",
                 "--output=json", f"--output-path={out}", "--quiet", f"--chrome-flags={FLAGS}"],
                env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
                check=True,
            )  # fmt: skip
            categories = json.loads(out.read_text())["categories"]
            scores = {name: round(categories[name]["score"] * 100) for name in TARGETS}
            missed += sum(scores[name] < target for name, target in TARGETS.items())
            cells = " | ".join(
                f"{scores[n]}{'' if scores[n] >= t else ' (target ' + str(t) + ')'}" for n, t in TARGETS.items()
            )
            print(f"| /{page} | {cells} |", flush=True)
    print("all targets met" if not missed else f"{missed} scores below target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
