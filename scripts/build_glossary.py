#!/usr/bin/env python3
"""Turn the notes in glossary/ into Markdown pages in docs/.

    python scripts/build_glossary.py [--strict] [--glossary DIR] [--docs DIR]

Prints every skipped line and warning as ``file:line: message`` and a summary.
With --strict, any warning makes the exit status 1 (all messages are listed
first).  MkDocs runs the same build through scripts/mkdocs_hook.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gloss.build import build  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glossary", type=Path, default=ROOT / "glossary", help="folder of notes")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where pages are written")
    parser.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning")
    parser.add_argument("--quiet", action="store_true", help="print warnings and the summary only")
    args = parser.parse_args(argv)
    if not args.glossary.is_dir():
        print(f"error: {args.glossary}: no such folder of notes", file=sys.stderr)
        return 2
    result = build(args.glossary, args.docs)
    for issue in result.issues:
        if issue.level == "warning":
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


if __name__ == "__main__":
    sys.exit(main())
