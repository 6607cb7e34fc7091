"""A Markdown note's definition, linked and rendered to HTML (part of stage 3, link).

Term mentions in its text become links (never inside a link, code or a URL);
a link to a heading of the same note (``#pooling``) goes to that term's page,
a link to another note to that note's page; external links stay external and
remote images become links (the site makes no request outside itself).  Links
that point inside the site are written as ``glossary:`` placeholders, which the
page emitters turn into relative URLs (``paths.resolve``); the HTML is
sanitised there too (``escape.sanitize``).
"""

from __future__ import annotations

import posixpath
import zlib
from dataclasses import dataclass
from typing import Literal
from urllib.parse import unquote

from markdown_it.token import Token

from . import mdparse, obsidian
from .matcher import Matcher, mentions, pieces, sentence_at
from .model import Slug
from .wikilinks import WikiIndex

PLACEHOLDER = "glossary:"


@dataclass(frozen=True)
class NoteLinks:
    """What links inside one note can point to."""

    note: Slug
    anchors: dict[str, Slug]  # anchor key of a heading -> the term it names
    notes: dict[str, Slug]  # file name of a note -> the note's slug
    assets: frozenset[str]  # files beside the note that the site carries
    wiki: WikiIndex | None = None  # where [[wikilinks]] go
    concepts: dict[Slug, Slug] | None = None  # a vault note that is one concept -> its term (a link goes there)


def local_path(url: str) -> str | None:
    """A relative URL as a normalised path inside the note's folder; None when it leaves it or is no path."""
    if not url or url.startswith(("/", "\\", "#")) or ":" in url.split("/")[0]:
        return None
    path = posixpath.normpath(unquote(url.split("#")[0].split("?")[0]))
    return None if path.startswith("..") or path in (".", "") else path


def _token(kind: str, tag: str = "", nesting: Literal[-1, 0, 1] = 0, content: str = "", **attrs: str) -> Token:
    token = Token(kind, tag, nesting)
    token.content = content
    token.attrs = dict(attrs)
    return token


def _link(href: str, text: str) -> list[Token]:
    return [_token("link_open", "a", 1, href=href), _token("text", content=text), _token("link_close", "a", -1)]


class _Linker:
    def __init__(self, matcher: Matcher, own: Slug, linked: set[Slug], links: NoteLinks, contexts: dict[Slug, str]):
        self.matcher, self.own, self.linked, self.links = matcher, own, linked, links
        self.order: list[Slug] = []
        self.contexts = contexts

    def target(self, href: str) -> str | None:
        """Where a link written in the note goes; None to show its text only."""
        if href.startswith("#"):
            slug = self.links.anchors.get(mdparse.anchor_key(href[1:]))
            if slug and slug != self.own:
                self.order.append(slug)
            return f"{PLACEHOLDER}term/{slug}" if slug else None
        path = local_path(href)
        if path is None:
            return href if mdparse.validate_link(href) and href.lower().startswith(mdparse.SAFE_SCHEMES) else None
        if path in self.links.notes:
            note = self.links.notes[path]
            term = (self.links.concepts or {}).get(note)
            if term and term != self.own:  # a link to a concept's note ("Gradient descent 3c4d….md") is to its term
                self.order.append(term)
                return f"{PLACEHOLDER}term/{term}"
            return f"{PLACEHOLDER}source/{note}"
        if path in self.links.assets:
            return f"{PLACEHOLDER}asset/{self.links.note}/{path}"
        return None

    def text(self, token: Token) -> list[Token]:
        out: list[Token] = []
        content = token.content
        for start, end, kind in pieces(content):
            if kind != "text":
                out.append(_token("text", content=content[start:end]))
                continue
            position = start
            for segment in mentions(content, start, end, self.matcher, self.own, self.linked):
                if segment.kind == "link":
                    self.order.append(segment.target)
                    if segment.target not in self.contexts:  # the first sentence it is linked in
                        self.contexts[segment.target] = sentence_at(content, position, position + len(segment.text))
                    out.extend(_link(f"{PLACEHOLDER}term/{segment.target}", segment.text))
                else:
                    out.append(_token("text", content=segment.text))
                position += len(segment.text)
        return out

    def image(self, token: Token) -> list[Token]:
        src = str(token.attrs.get("src", ""))
        alt = mdparse.plain(token.children) or posixpath.basename(src)
        path = local_path(src)
        if path is not None and path in self.links.assets:
            token.attrs["src"] = f"{PLACEHOLDER}asset/{self.links.note}/{path}"
            return [token]
        if src.lower().startswith(("http:", "https:")):
            return _link(src, f"Image: {alt}")  # not loaded: the site makes no request outside itself
        return [_token("text", content=f"[image: {alt}]")]

    def wikilink(self, token: Token, sentence: str) -> list[Token]:
        """A [[wikilink]] as a link to its term's or note's page, an ![[embed]] as the image; its text when
        it goes nowhere (reported by ``wikilinks.unresolved``)."""
        link: obsidian.WikiLink = token.meta["link"]
        if link.embed and link.is_image:
            image = _token("image", "img", src=link.target, alt="")
            image.children = [_token("text", content=link.label if not link.width else "")]
            image.content = image.children[0].content
            found = self.image(image)
            if link.width and found and found[0].type == "image":
                found[0].attrs["width"] = link.width
            return found
        where = self.links.wiki.resolve(link.target) if self.links.wiki and link.target else None
        if where is None and not link.target and link.heading:  # [[#Heading]]: a heading of this note
            slug = self.links.anchors.get(mdparse.anchor_key(link.heading))
            where = f"term/{slug}" if slug else None
        if where is None or where == f"term/{self.own}":
            return [_token("text", content=token.content)]
        if where.startswith("term/"):
            target = Slug(where[len("term/") :])
            self.order.append(target)
            self.contexts.setdefault(target, sentence)
        return _link(f"{PLACEHOLDER}{where}", token.content)

    def inline(self, children: list[Token]) -> list[Token]:
        out: list[Token] = []
        inside = 0  # links open around the current token
        dropped: list[bool] = []
        said = mdparse.plain(children, images=False) if any(c.type == "wikilink" for c in children) else ""
        for child in children:
            if child.type == "wikilink":
                at = said.find(child.content)
                out.extend(self.wikilink(child, sentence_at(said, max(at, 0), max(at, 0) + len(child.content))))
            elif child.type == "link_open":
                href = self.target(str(child.attrs.get("href", "")))
                dropped.append(href is None)
                inside += 1
                if href is not None:
                    child.attrs["href"] = href
                    out.append(child)
            elif child.type == "link_close":
                inside -= 1
                if dropped and not dropped.pop():
                    out.append(child)
            elif child.type == "text" and not inside:
                out.extend(self.text(child))
            elif child.type == "image":
                out.extend(self.image(child))
            else:
                out.append(child)
        return out


def render(
    body: str, matcher: Matcher, own: Slug, linked: set[Slug], links: NoteLinks, contexts: dict[Slug, str]
) -> tuple[str, list[Slug]]:
    """The body as HTML with its links, and the terms it links to in order of first mention
    (``contexts`` gets the sentence of each link)."""
    md = mdparse.parser()
    env = {"docId": f"{own}-{zlib.crc32(body.encode()):08x}"}  # footnote ids unique on a page of several definitions
    tokens = md.parse(body, env)
    linker = _Linker(matcher, own, linked, links, contexts)
    _callouts(tokens)
    for index, token in enumerate(tokens):
        if token.type == "inline":
            token.children = linker.inline(token.children or [])
        elif token.type in ("heading_open", "heading_close"):
            # A heading inside a definition is a bold line: the page's headings are its own.
            tokens[index] = _token(token.type.replace("heading", "paragraph"), "p", token.nesting)
            if token.nesting == 1 and index + 1 < len(tokens):
                inline = tokens[index + 1]
                inline.children = [
                    _token("strong_open", "strong", 1),
                    *(inline.children or []),
                    _token("strong_close", "strong", -1),
                ]
    html = md.renderer.render(tokens, md.options, env)
    return html.strip(), list(dict.fromkeys(linker.order))


def _callouts(tokens: list[Token]) -> None:
    """Obsidian callouts (``> [!tip] Title``) as Material's admonitions: a titled box, or a folded one."""
    for index, token in enumerate(tokens):
        if token.type != "blockquote_open" or index + 2 >= len(tokens) or tokens[index + 2].type != "inline":
            continue
        inline = tokens[index + 2]
        first, _, rest = inline.content.partition("\n")
        found = obsidian.callout(first)
        if found is None:
            continue
        kind, title, folded = found
        depth, close = 0, index
        for close in range(index, len(tokens)):
            depth += tokens[close].nesting if tokens[close].type.startswith("blockquote") else 0
            if depth == 0:
                break
        tag = "details" if folded else "div"
        token.tag, token.attrs = tag, {"class": f"admonition {kind}" if tag == "div" else kind}
        tokens[close].tag = tag
        head = "summary" if folded else "p"
        attrs = {} if folded else {"class": "admonition-title"}
        title_tokens = [
            _token("paragraph_open", head, 1, **attrs),
            _token("inline", content=title),
            _token("paragraph_close", head, -1),
        ]
        title_tokens[1].children = [_token("text", content=title)]
        # The first line was the title: the paragraph keeps the lines after it, or goes.
        children = inline.children or []
        cut = next((i for i, child in enumerate(children) if child.type in ("softbreak", "hardbreak")), len(children))
        inline.children, inline.content = children[cut + 1 :], rest
        if not inline.children:
            del tokens[index + 1 : index + 4]
        tokens[index + 1 : index + 1] = title_tokens
