#!/usr/bin/env python3
"""Turn the notes in glossary/ into Markdown pages in docs/: see ``gloss.cli``.

python scripts/build_glossary.py [--strict] [--glossary DIR] [--docs DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

from gloss.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent.parent))
