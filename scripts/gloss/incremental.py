"""What the last build in this process wrote, so that a rebuild (``mkdocs serve --dirty``, which
``make serve`` runs) renders only the generated files whose content changed.

MkDocs' ``--dirty`` compares file times, and generated files have none: every one would count as
changed.  The hook hands MkDocs ``Generated`` files instead, which count as changed only when
their content differs from what the last build of the same site wrote, or when the output is
missing.  Everything a reader sees is regenerated on every build (the A–Z, topics, graph, search
and the Related of other pages are files like any other); only rendering what did not change is
skipped.  The record lives in this module, which stays imported across the rebuilds of one
``mkdocs serve`` (MkDocs loads its hooks afresh on every rebuild).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_BUILT: dict[str, dict[str, str]] = {}  # site_dir -> {dest path: digest of the content it was built from}


def digest(content: str | bytes) -> str:
    return hashlib.blake2b(content.encode() if isinstance(content, str) else content, digest_size=16).hexdigest()


def digest_file(path: str) -> str:
    """``digest`` of what a file holds (its content written as UTF-8), read in pieces."""
    found = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as data:
        for piece in iter(lambda: data.read(1 << 20), b""):
            found.update(piece)
    return found.hexdigest()


def changed(site_dir: str, dest: str, content_digest: str) -> bool:
    """Whether a generated file must be built: new content, or no output from the last build."""
    return _BUILT.get(site_dir, {}).get(dest) != content_digest or not Path(site_dir, dest).is_file()


def record(site_dir: str, built: dict[str, str]) -> list[str]:
    """Remember what this build wrote; the outputs of the last build that this one no longer makes
    (a renamed term, a removed note), which the caller deletes."""
    gone = sorted(set(_BUILT.get(site_dir, {})) - set(built))
    _BUILT[site_dir] = dict(built)
    return gone
