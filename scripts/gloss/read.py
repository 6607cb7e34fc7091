"""Stage 1, parse: files in ``glossary/`` become ``Note``s.

Reading never raises on a file's content: a file that is not a note, cannot be
decoded or has no known shape becomes an ``Issue`` naming it, and the rest of
the glossary still builds.
"""

from __future__ import annotations

import codecs
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import mdparse, names, obsidian, shapes
from .model import Asset, Issue, Level, Note, Shape, Slug
from .richtext import local_path

NOTE_SUFFIXES = (".md", ".txt", ".rst", ".markdown")
CURATED = "curated.yml"
IGNORED = {CURATED, "README.md"}  # files of glossary/ that are not notes
_LEFTOVER_SUFFIXES = ("~", ".swp", ".swo", ".tmp", ".bak", ".orig")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif")
MAX_IMAGE_BYTES = 10 * 2**20


def decode(data: bytes, path: str) -> tuple[str | None, list[Issue]]:
    """Bytes to text with "\\n" line ends; (None, [why]) when the bytes are no text."""
    issues: list[Issue] = []
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        offset = data.index(b"\x00")
        return None, [Issue(path, 0, f"binary file (NUL byte at offset {offset}), not a note: skipped")]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            return None, [Issue(path, 0, f"not valid UTF-16 at byte offset {error.start}: skipped")]
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None, [
                    Issue(
                        path,
                        0,
                        f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}) "
                        "and not Windows-1252 either: skipped; save the note as UTF-8",
                    )
                ]
            issues.append(
                Issue(
                    path,
                    0,
                    f"not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                    "read as Windows-1252 (Latin-1); save the note as UTF-8 to silence this",
                )
            )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, issues


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


def find_notes(folder: Path) -> tuple[list[Path], list[Issue]]:
    """The note files under a folder, in path order, and an issue for every other file."""
    vault = walk(folder)
    return vault.notes, vault.issues


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
            vault.issues.append(Issue(shown, 0, "not a note (notes end in .md, .markdown, .txt or .rst): skipped", level))
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


def parse_note(data: bytes, path: str, slug: Slug) -> tuple[Note | None, list[Issue]]:
    text, issues = decode(data, path)
    if text is None:
        return None, issues
    if not text.strip():
        return None, [*issues, Issue(path, 0, "empty note: skipped")]
    suffix = PurePosixPath(path).suffix.lower()
    links: list[tuple[str, int]] = []
    if suffix in (".md", ".markdown"):  # a .txt note stays exactly as typed
        text, stripped = obsidian.strip(text, path)
        issues.extend(stripped)
        links = [(link.target, link.line) for link in obsidian.wikilinks(text) if link.target and not link.is_image]
    shape = shapes.detect_shape(text, suffix)
    if shape is None:
        known = ", ".join(shapes.SHAPES)
        return None, [
            *issues,
            Issue(path, 0, f"no known note shape fits this file ({known}; see README): skipped"),
        ]
    try:
        parsed = shapes.parse(shape, text, path)
    except Exception as error:  # a fault of ours must not stop the other notes
        return None, [*issues, Issue(path, 0, f"could not be read as the '{shape}' shape ({error!r}): skipped")]
    title = parsed.title or names.display(Path(path).stem.replace("-", " ").replace("_", " "))
    note = Note(
        path=path,
        slug=slug,
        shape=shape,
        title=title,
        meta=tuple(parsed.meta),
        meta_lines=tuple(sorted(set(parsed.meta_lines))),
        entries=tuple(parsed.entries),
        issues=tuple(parsed.issues),
        wikilinks=tuple(links),
    )
    if not note.entries and not parsed.issues:
        issues.append(Issue(path, 0, f"read as the '{shape}' shape but holds no term"))
    return note, issues


def parse(folder: Path) -> tuple[list[Note], list[Issue]]:
    """Every note under a folder, in path order, and every issue met on the way."""
    vault = walk(folder)
    issues = list(vault.issues)
    relative = {path: "/".join(path.relative_to(folder).parts) for path in vault.notes}
    stems = names.unique_slugs([(relative[path], path.stem) for path in vault.notes])
    notes: list[Note] = []
    for path in vault.notes:
        shown = shown_path(folder, path)
        try:
            data = path.read_bytes()
        except OSError as error:
            issues.append(Issue(shown, 0, f"cannot be read ({error.strerror}): skipped"))
            continue
        note, note_issues = parse_note(data, shown, stems[relative[path]])
        issues.extend(note_issues)
        if note is not None:
            note = _with_folder_topic(note, path.parent, folder)
            if any(entry.body for entry in note.entries):  # Markdown it shows: images may be in it
                assets, asset_issues = read_assets(note, path.parent, folder, vault.images)
                note = dataclasses.replace(note, assets=assets)
                issues.extend(asset_issues)
            notes.append(note)
            issues.extend(note.issues)
    return _titles_over_aliases(notes, issues), issues


def _titles_over_aliases(notes: list[Note], issues: list[Issue]) -> list[Note]:
    """An alias that is another vault note's title stays that note's name: [[Adam]] goes to Adam.md."""
    titles = {
        names.key(entry.name): note.path for note in notes if note.shape == Shape.CONCEPT for entry in note.entries
    }
    result = []
    for note in notes:
        entries = []
        for entry in note.entries:
            kept = []
            for alias in entry.aliases:
                owner = titles.get(names.key(alias))
                if owner and owner != note.path:
                    why = f"alias '{alias}' of '{entry.name}' is the title of {owner}: it names that note, not this one"
                    issues.append(Issue(note.path, entry.line, why))
                else:
                    kept.append(alias)
            entries.append(
                entry if len(kept) == len(entry.aliases) else dataclasses.replace(entry, aliases=tuple(kept))
            )
        result.append(dataclasses.replace(note, entries=tuple(entries)))
    return result


def _with_folder_topic(note: Note, where: Path, folder: Path) -> Note:
    """A vault note with no tags takes its folder as its topic ("Optimisers/Adam.md" -> Optimisers)."""
    if note.shape != Shape.CONCEPT or where == folder or where.name.lower() in ATTACHMENT_FOLDERS:
        return note
    entries = tuple(
        entry if entry.tags else dataclasses.replace(entry, tags=(where.name.replace("_", " "),))
        for entry in note.entries
    )
    return dataclasses.replace(note, entries=entries)


def read_assets(
    note: Note, here: Path, folder: Path, images: dict[str, Path] | None = None
) -> tuple[tuple[Asset, ...], list[Issue]]:
    """The local images a note shows: beside it (as written), else anywhere in the vault by file name,
    as Obsidian finds them; a warning for each one missing."""
    assets: dict[str, Asset] = {}
    issues: list[Issue] = []
    root = folder.resolve()
    vault_files = {image.resolve() for image in (images or {}).values()}  # a symlinked vault's images
    for entry in note.entries:
        sources = [
            *mdparse.images(entry.body),
            *(link.target for link in obsidian.wikilinks(entry.body) if link.is_image),
        ]
        for src in sources:
            path = local_path(src)
            if path is None or path in assets:
                if path is None and src.startswith(("/", "..", "\\")):
                    issues.append(
                        Issue(note.path, entry.line, f"image '{src}' is outside the glossary folder: not shown")
                    )
                continue
            file = (here / path).resolve()
            if not file.is_file():
                file = (folder / path).resolve()
            if not file.is_file() and images:
                file = images.get(PurePosixPath(path).name.lower(), file).resolve()
            if not file.is_file() or not (root in file.parents or file in vault_files):
                issues.append(
                    Issue(note.path, entry.line, f"image '{src}' not found in the glossary folder: not shown")
                )
            elif file.suffix.lower() not in IMAGE_SUFFIXES or file.stat().st_size > MAX_IMAGE_BYTES:
                why = "is not an image file" if file.suffix.lower() not in IMAGE_SUFFIXES else "is over 10 MB"
                issues.append(Issue(note.path, entry.line, f"'{src}' {why}: not shown"))
            else:
                assets[path] = Asset(path, file.read_bytes())
    return tuple(assets.values()), issues
