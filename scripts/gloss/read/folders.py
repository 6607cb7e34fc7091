"""Which files of the glossary folder are notes: the folder and its folders, read as a vault is."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Issue, Level

NOTE_SUFFIXES = (".md", ".txt", ".rst", ".markdown", ".org", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")  # a saved glossary page: read for its <dl> and <details> glossaries
CURATED = "curated.yml"
IGNORED = {CURATED, "README.md"}  # files of glossary/ that are not notes
_LEFTOVER_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak", ".orig")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
# Folders of a vault that hold no notes: an app's settings, the bin, templates, attachments.
TEMPLATE_FOLDERS = {"templates", "template", "_templates", "templater"}
ATTACHMENT_FOLDERS = {
    "attachments",
    "attachment",
    "assets",
    "images",
    "img",
    "media",
    "files",
    "_resources",
    "resources",
}
MAX_DEPTH = 32


@dataclass
class Vault:
    """What reading a folder found: the notes, every image by its name, and what it skipped."""

    notes: list[Path] = field(default_factory=list)
    images: dict[str, Path] = field(default_factory=dict)  # lower-case file name -> the first image of that name
    issues: list[Issue] = field(default_factory=list)


def shown_path(folder: Path, path: Path) -> str:
    """A path as the report shows it: from the glossary folder's name, with forward slashes."""
    return "/".join((folder.name, *path.relative_to(folder).parts))


def walk(folder: Path) -> Vault:
    """Read a folder and its folders (a vault, part of one, or a symlink to one): notes in path order.

    Dot-folders (.obsidian, .trash, .git), templates and attachment folders hold no notes
    and are named in the report; a symlink that leads back into what is being read is
    reported once and not followed.
    """
    vault = Vault()
    seen = {folder.resolve()}
    _walk(folder, folder, vault, seen, 0)
    vault.notes.sort(key=lambda p: [part.casefold() for part in p.relative_to(folder).parts])
    return vault


def _walk(folder: Path, here: Path, vault: Vault, seen: set[Path], depth: int) -> None:
    try:
        children = sorted(here.iterdir(), key=lambda p: p.name)
    except OSError as error:
        vault.issues.append(Issue(shown_path(folder, here), 0, f"cannot be read ({error.strerror}): skipped"))
        return
    for path in children:
        shown = shown_path(folder, path)
        if here == folder and path.name in IGNORED:
            continue
        if path.is_symlink() and not path.exists():
            vault.issues.append(Issue(shown, 0, "a link to nothing (broken symlink): skipped"))
        elif path.is_dir():
            _folder(folder, path, shown, vault, seen, depth)
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            vault.images.setdefault(path.name.lower(), path)
            if here == folder or here.name.lower() not in ATTACHMENT_FOLDERS:
                vault.issues.append(Issue(shown, 0, "an image: shown where a Markdown note shows it", Level.INFO))
        elif path.name.startswith(".") or path.name.endswith(_LEFTOVER_SUFFIXES):
            vault.issues.append(Issue(shown, 0, "hidden file or editor leftover, not a note: skipped"))
        elif path.suffix.lower() not in NOTE_SUFFIXES:
            level = Level.INFO if here != folder else Level.WARNING  # a vault's PDFs and canvases are its own
            vault.issues.append(
                Issue(shown, 0, "not a note (notes end in .md, .markdown, .txt, .rst, .org or .html): skipped", level)
            )
        else:
            vault.notes.append(path)


def _folder(folder: Path, path: Path, shown: str, vault: Vault, seen: set[Path], depth: int) -> None:
    name = path.name.lower()
    real = path.resolve()
    if path.name.startswith("."):
        vault.issues.append(Issue(shown, 0, "a hidden folder (an app's settings or bin): skipped", Level.INFO))
    elif name in TEMPLATE_FOLDERS:
        vault.issues.append(Issue(shown, 0, "a folder of templates, not notes: skipped", Level.INFO))
    elif real in seen:
        vault.issues.append(Issue(shown, 0, "a symlink to a folder already read (a loop, or a second link): skipped"))
    elif depth >= MAX_DEPTH:
        vault.issues.append(Issue(shown, 0, f"deeper than {MAX_DEPTH} folders: skipped"))
    elif name in ATTACHMENT_FOLDERS:
        seen.add(real)
        before = len(vault.notes)
        _walk(folder, path, vault, seen, depth + 1)
        if len(vault.notes) == before:
            vault.issues.append(
                Issue(shown, 0, "an attachment folder: its images show where notes embed them", Level.INFO)
            )
    else:
        seen.add(real)
        _walk(folder, path, vault, seen, depth + 1)
