"""Turn the notes in glossary/ into Markdown pages (and the deck, CSV and report) in docs/.

    python scripts/build_glossary.py [--strict] [--glossary DIR] [--docs DIR]

Prints every skipped line and warning as ``file:line: message`` and a summary.
With --strict, any warning makes the exit status 1 (all messages are listed
first).  MkDocs runs the same pipeline through scripts/mkdocs_hook.py, which
hands the files to MkDocs instead of writing them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import settings
from .build import build
from .model import Level


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    root = root or Path.cwd()
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--glossary", type=Path, default=root / "glossary", help="folder of notes")
    parser.add_argument("--docs", type=Path, default=root / "docs", help="where pages are written")
    parser.add_argument("--config", type=Path, default=root / settings.CONFIG, help="the MkDocs config to read")
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning")
    parser.add_argument("--quiet", action="store_true", help="print warnings and the summary only")
    args = parser.parse_args(argv)
    if not args.glossary.is_dir():
        print(f"error: {args.glossary}: no such folder of notes", file=sys.stderr)
        return 2
    result = build(args.glossary, args.docs, settings.from_file(args.config))
    for issue in result.issues:
        if issue.level == Level.WARNING:
            print(f"warning: {issue}", file=sys.stderr)
        elif not args.quiet:
            print(f"skipped: {issue}")
    print(result.summary())
    if args.strict and result.warnings:
        print(f"error: {len(result.warnings)} warnings in strict mode:", file=sys.stderr)
        for issue in result.warnings:
            print(f"  {issue}", file=sys.stderr)
        return 1
    return 0
