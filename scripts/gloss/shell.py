"""A term page's chrome rendered once, not once per page: the theme's template with the page's own
parts cut out, filled for every page like it.

Material's templates cost about 1 ms a page, whatever the page holds, and the pages outside the
nav (a glossary's term pages) all have the same chrome: the same depth, no place in the nav, no
previous or next page.  They differ only in their title, metadata, address, first anchor, table
of contents and content.  So for each kind of such page (``_key``):

1. its first page is rendered by the template as always, then again with a marker in place of each
   of its own parts (``_probe``); cut at the markers, that output is the kind's shell.  A second
   rendering with awkward values (``<``, ``&``, quotes) tells how the template writes each part
   (as it is, escaped, or stripped of tags); a part it writes some other way means no shell;
2. its second page is rendered by the template and by the shell: only if the two agree byte for
   byte is the shell used for the rest;
3. every other page of the kind is its shell filled in: the table of contents is the theme's own
   partial, rendered for the page; everything else is a string.

Plugins' events run as before (MkDocs' ``_build_page`` calls ``render``).  ``GLOSS_SHELL=0``
renders every page with the template.  The site is the same either way, file by file (tested).
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

log = logging.getLogger("mkdocs.hooks.glossary")
TOC = '{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}'
Kind = tuple[Any, ...]  # what pages share a shell: their template, depth, folder, metadata keys, …
AWKWARD = " <b>x</b> & \"y\" 'z'"  # appended to a marker: how does the template write it?
TRANSFORMS: dict[str, Callable[[str], str]] = {
    "as is": str,
    "escaped": lambda text: str(escape(text)),
    "without tags": lambda text: Markup(text).striptags(),
    "escaped without tags": lambda text: str(escape(Markup(text).striptags())),
}


class _Compiled(jinja2.BytecodeCache):
    """The theme's templates compiled once: kept in this process (``mkdocs serve`` makes a new Jinja
    environment for every build) and on disk between builds, in Jinja's own cache folder in the
    user's temporary folder (``jinja2.FileSystemBytecodeCache``).  Compiling Material's templates
    cost about 0.1 s of every build and every save.  Jinja checks each template's source against
    what was compiled (a changed override is compiled again); a cache that cannot be read or
    written is only slower."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}
        self.disk: jinja2.BytecodeCache | None = None
        self.tried = False

    def _disk(self) -> jinja2.BytecodeCache | None:
        if not self.tried:
            self.tried = True
            with contextlib.suppress(OSError, RuntimeError):  # no safe temporary folder: this process only
                self.disk = jinja2.FileSystemBytecodeCache()
        return self.disk

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)
            return
        disk = self._disk()
        if disk is not None:
            with contextlib.suppress(OSError, EOFError, ValueError):  # a file cut short or unreadable: compiled again
                disk.load_bytecode(bucket)
            if bucket.code is not None:
                self.compiled[bucket.key] = bucket.bytecode_to_string()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()
        disk = self._disk()
        if disk is not None:
            with contextlib.suppress(OSError):
                disk.dump_bytecode(bucket)


COMPILED = _Compiled()  # in this module, not the hook's: MkDocs loads the hook again for every build


def enabled() -> bool:
    return os.environ.get("GLOSS_SHELL", "1") != "0"


def _marker(name: str) -> str:
    return f"\x00{name}\x00"


@dataclass
class _Shell:
    chunks: list[str]  # literal text, between the slots
    slots: list[tuple[str, Callable[[str], str]]]  # (part, how the template writes it)
    toc: Any  # the table of contents' template
    # A table of contents' HTML by its entries (most term pages have the same few), each checked
    # against the theme once more on the first page that reuses it; None: rendered for every page.
    tocs: dict[tuple[Any, ...], str] | None = field(default_factory=dict)
    reused: set[tuple[Any, ...]] = field(default_factory=set)

    def fill(self, context: Any) -> str:
        page = context["page"]
        out = [self.chunks[0]]
        for (part, write), chunk in zip(self.slots, self.chunks[1:], strict=True):
            out.append(self._toc(context) if part == "toc" else write(_value(page, part)))
            out.append(chunk)
        return "".join(out)

    def _toc(self, context: Any) -> str:
        if self.tocs is None:
            return str(self.toc.render(context))
        items = list(context["page"].toc)
        # Material's table of contents leaves out the page's title (a first entry at level 1) and shows
        # the entries under it: a term's name is not part of what its table shows.
        key = ("under the title", _entries(items[0].children)) if items and items[0].level == 1 else _entries(items)
        found = self.tocs.get(key)
        if found is None:
            found = self.tocs[key] = str(self.toc.render(context))
        elif key not in self.reused:
            self.reused.add(key)
            again = str(self.toc.render(context))
            if again != found:  # the theme's table of contents shows more than its entries
                self.tocs = None
                return again
        return found


def _entries(items: Any) -> tuple[Any, ...]:
    """What a table of contents shows of its entries (``partials/toc-item.html``), nested."""
    return tuple(
        (item.title, item.url, item.level, repr(getattr(item, "typeset", None)), _entries(item.children))
        for item in items
    )


def _value(page: Any, part: str) -> str:
    if part == "title":
        return str(page.title)
    if part == "canonical":
        return str(page.canonical_url)
    if part == "abs":
        return str(page.abs_url)
    if part == "skip":
        return str(page.toc.items[0].id)
    if part == "content":
        return str(page.content)
    return str(page.meta[part[len("meta:") :]])


def _key(name: str, page: Any) -> Kind | None:
    """Pages whose chrome differs only in their own parts share a key; None: not for a shell."""
    if page.previous_page or page.next_page or page.parent or page.edit_url or page.is_homepage:
        return None
    if not page.toc or not page.content or not page.file.inclusion.is_not_in_nav():
        return None
    meta = tuple(sorted((k, None if isinstance(v, str) else repr(v)) for k, v in page.meta.items()))
    parts = page.url.split("/")
    return (name, len(parts), parts[0], meta, "<h1" in page.content, bool(page.canonical_url), bool(page.abs_url))


def _probe(template: Any, context: Any, extra: str) -> tuple[str, str, list[str]]:
    """The page rendered with a marker (and ``extra``) for each of its own parts; its table of
    contents as the theme renders it; the parts, in no order."""
    page = context["page"]
    saved = (page._title_from_render, page.canonical_url, page.abs_url, page.content, dict(page.meta))
    first = page.toc.items[0]
    saved_id = first.id
    parts = ["title", "skip", "content"] + [f"meta:{k}" for k, v in page.meta.items() if isinstance(v, str)]
    try:
        page._title_from_render = _marker("title") + extra
        first.id = _marker("skip") + extra
        page.content = _marker("content") + extra + ("<h1" if "<h1" in page.content else "")
        if page.canonical_url:
            page.canonical_url, page.abs_url = _marker("canonical") + extra, _marker("abs") + extra
            parts += ["canonical", "abs"]
        for part in parts:
            if part.startswith("meta:"):
                page.meta[part[5:]] = _marker(part) + extra
        toc = template.environment.from_string(TOC).render(context)
        return template.render(context), toc, parts
    finally:
        page._title_from_render, page.canonical_url, page.abs_url, page.content = saved[:4]
        page.meta.clear()
        page.meta.update(saved[4])
        first.id = saved_id


def make(template: Any, context: Any) -> _Shell | None:
    """The shell of a page's kind, from its page; None if the page's parts cannot be told apart."""
    page = context["page"]
    output, toc, parts = _probe(template, context, "")
    if output.count(toc) != 1:
        return None
    output = output.replace(toc, _marker("toc"))
    if "<h1" in page.content:  # the marker carried "<h1" so that the template saw one: it is the page's
        output = output.replace(_marker("content") + "<h1", _marker("content"))
    cuts = sorted((at, part) for part in [*parts, "toc"] for at in _all(output, _marker(part)))
    chunks, slots, last = [], [], 0
    for at, part in cuts:
        chunks.append(output[last:at])
        slots.append(part)
        last = at + len(_marker(part))
    chunks.append(output[last:])
    if "\x00" in "".join(chunks):
        return None  # a part written other than whole (cut, encoded): no shell
    awkward, _, _ = _probe(template, context, AWKWARD)
    writes = _writes(awkward, chunks, slots, page)
    if writes is None:
        return None
    return _Shell(chunks, list(zip(slots, writes, strict=True)), template.environment.from_string(TOC))


def _all(text: str, marker: str) -> list[int]:
    found, at = [], text.find(marker)
    while at >= 0:
        found.append(at)
        at = text.find(marker, at + 1)
    return found


def _writes(awkward: str, chunks: list[str], slots: list[str], page: Any) -> list[Callable[[str], str]] | None:
    """How the template writes each part, from the page rendered with awkward values."""
    writes: list[Callable[[str], str]] = []
    if not awkward.startswith(chunks[0]):
        return None
    at = len(chunks[0])
    for part, chunk in zip(slots, chunks[1:], strict=True):
        if not chunk and part is not slots[-1]:
            return None  # two parts side by side: which is which cannot be told
        end = awkward.find(chunk, at) if chunk else len(awkward)
        if end < 0:
            return None
        written = awkward[at:end]
        if part == "toc":
            writes.append(str)
        else:
            value = _marker(part) + AWKWARD + ("<h1" if part == "content" and "<h1" in page.content else "")
            found = [how for how in TRANSFORMS.values() if how(value) == written]
            if not found:
                return None
            writes.append(found[0])
        at = end + len(chunk)
    return writes if at == len(awkward) else None


class Shells:
    """The shells of one build, by kind of page, in the process that renders them."""

    def __init__(self) -> None:
        self.kinds: dict[Kind, _Shell | None] = {}  # None: pages of this kind are rendered by the template
        self.checked: set[Kind] = set()

    def render(self, template: Any, context: Any) -> str:
        page = context["page"]
        key = _key(template.name, page) if enabled() else None
        if key is None or (key in self.kinds and self.kinds[key] is None):
            return str(template.render(context))
        output = ""
        if key not in self.kinds:  # the first page of its kind: its shell is made from it
            output = str(template.render(context))
            self.kinds[key] = make(template, context)
            if self.kinds[key] is None:
                log.debug(f"No shell for pages like {page.file.src_uri}: its own parts cannot be told apart")
            return output
        shell = self.kinds[key]
        assert shell is not None
        if key not in self.checked:  # the second: the shell must render it as the template does
            self.checked.add(key)
            output = str(template.render(context))
            if shell.fill(context) != output:
                log.debug(f"No shell for pages like {page.file.src_uri}: it does not render them as the theme does")
                self.kinds[key] = None
            return output
        return shell.fill(context)


class Template:
    """The theme's template for a page outside the nav: filled from its shell when there is one."""

    def __init__(self, template: Any, shells: Shells) -> None:
        self.template, self.shells = template, shells

    def render(self, context: Any) -> str:
        return self.shells.render(self.template, context)


class Environment:
    """The Jinja environment MkDocs renders a page with, handing out shell-backed templates."""

    def __init__(self, env: Any, shells: Shells) -> None:
        self.env, self.shells = env, shells

    def get_template(self, name: str) -> Template:
        return Template(self.env.get_template(name), self.shells)
