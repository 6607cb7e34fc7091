"""The generator alone, in a process of its own so its peak memory is its own.

    python -m glosstools.bench.generator GLOSSARY DOCS

Prints: seconds, peak MB, terms, links.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from gloss.build import build


def main(argv: list[str]) -> None:
    start = time.perf_counter()
    result = build(Path(argv[0]), Path(argv[1]))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(seconds, peak, len(result.linked.glossary.terms), result.linked.link_count)


if __name__ == "__main__":
    main(sys.argv[1:])
