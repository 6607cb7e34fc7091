"""Reading the built HTML: links, ids and text, with the standard library's parser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.sources: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        href = attrs.get("href") or attrs.get("xlink:href")
        if tag == "a" and href is not None:
            self.links.append(href)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.sources.append(attrs["src"])
        rel = attrs.get("rel") or ""
        if tag == "link" and attrs.get("href") and rel not in ("canonical", "alternate"):
            self.sources.append(attrs["href"])


def scan(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path, base: str = "/") -> list[str]:
    """Every internal href or #anchor of the built site that does not resolve.

    ``base`` is the path of site_url: absolute links (the 404 page has them) start with it.
    """
    pages = {path: scan(path) for path in site.rglob("*.html")}
    broken = []
    for path, page in pages.items():
        for href in page.links + page.sources:
            url = urlparse(href)
            if url.scheme or url.netloc or href.startswith(("mailto:", "javascript:")):
                continue
            target_path, anchor = urldefrag(href)
            target_path = target_path.split("?", 1)[0]  # a query string selects within the page
            if target_path.startswith("/"):
                if not target_path.startswith(base):
                    broken.append(f"{path.relative_to(site)}: {href} (outside the site)")
                    continue
                target = (site / unquote(target_path[len(base) :])).resolve()
            else:
                target = (path.parent / unquote(target_path)).resolve() if target_path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href}")
                continue
            if anchor and target.suffix == ".html" and unquote(anchor) not in pages[target].ids:
                broken.append(f"{path.relative_to(site)}: {href} (no such anchor)")
    return broken
