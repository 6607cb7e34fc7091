"""Pagefind alone, as the build's last step runs it: each page's searchable part, indexed in parts
side by side (``gloss.fulltext``).  Prints seconds and the largest Pagefind's peak resident MB.

    python -m glosstools.bench.pagefind_parts SITE SCRATCH
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

from gloss import fulltext


def main(site: Path, scratch: Path) -> None:
    pages = []
    for path in sorted(site.rglob("*.html")):
        text = fulltext.searchable(path.read_text(encoding="utf-8"))
        if text is not None:
            pages.append((path.relative_to(site).as_posix(), text))
    count = fulltext.parts(len(pages))
    for dest, text in pages:
        copy = scratch / "input" / str(fulltext.part_of(dest, count)) / dest
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    errors = fulltext.run_parts(scratch / "input", count, scratch / "output")
    seconds = time.perf_counter() - start
    if errors:
        raise SystemExit("\n".join(errors))
    print(f"{seconds:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
