"""Debian's Chromium driven by Playwright (Playwright's own browser download does not work here)."""

from __future__ import annotations

import os
import shutil
from typing import Any

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class ChromiumMissing(RuntimeError):
    pass


def launch(playwright: Any) -> Any:
    """Chromium for a Playwright instance; a missing browser is an error (never a skip): `make test` installs it."""
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        raise ChromiumMissing(f"Chromium not found at {CHROMIUM}: run 'make browser' (or apt-get install chromium)")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
