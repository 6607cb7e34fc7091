"""Files that Markdown notes show (images beside a note), copied into the site as they are."""

from __future__ import annotations

from ..model import Site
from ..paths import note_file_path


def emit(site: Site) -> dict[str, str | bytes]:
    return {
        note_file_path(note.slug, asset.path): asset.data
        for note in site.linked.glossary.notes
        for asset in note.assets
    }
