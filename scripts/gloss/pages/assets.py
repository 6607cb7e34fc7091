"""Files that Markdown notes show (images beside a note), copied into the site as they are,
and KaTeX when a note shows maths."""

from __future__ import annotations

from ..model import Site
from ..paths import KATEX, note_file_path


def emit(site: Site) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        note_file_path(note.slug, asset.path): asset.data
        for note in site.linked.glossary.notes
        for asset in note.assets
    }
    files.update({path: data for path, data in site.vendor.items() if path.startswith(KATEX)})
    return files
