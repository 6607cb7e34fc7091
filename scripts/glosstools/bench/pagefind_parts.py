"""Pagefind alone, as the build's last step runs it: each page's searchable part, cut from the built
page and indexed in parts side by side (``gloss.fulltext``).  Prints seconds and the largest
Pagefind's peak resident MB.

    python -m glosstools.bench.pagefind_parts SITE SCRATCH
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from gloss import fulltext


def main(site: Path, scratch: Path) -> None:
    pages = sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        if fulltext.searchable(path.read_text(encoding="utf-8")) is not None
    )
    start = time.perf_counter()
    errors = fulltext.run_parts(site, pages, fulltext.parts(len(pages)), into=scratch)
    seconds = time.perf_counter() - start
    if errors:
        raise SystemExit("\n".join(errors))
    print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
