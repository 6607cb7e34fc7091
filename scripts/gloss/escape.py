"""All escaping: what a note wrote goes through exactly one of these on its way to a page.

``md()`` (Markdown text), ``code()``/``code_block()`` (code), ``html()`` (raw
HTML: the self-test, the map, the deck, front matter values), so a note cannot
inject Markdown, HTML or attributes into the site: it shows as typed.
"""

from __future__ import annotations

import html as _html
import json
import re
from typing import Any

import nh3

# Only what would turn into markup with the extensions this site enables (see
# mkdocs.yml): fewer escapes keep Markdown's inline processing cheap.
_ESCAPE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
        "|": "\\|",
        "<": "&lt;",
        "\t": " ",
    }
)
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&amp;" typed in a note must not become "&"
_LINE_START = re.compile(r"^(\s*)([-+#>]|\d+[.)])")


def html(text: str) -> str:
    """Text for raw HTML, attributes included."""
    return _html.escape(text)


# What a note's Markdown may become: no script, style, form, iframe or event handler.
_TAGS = {
    "a", "p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "img", "del", "s", "sub", "sup",
    "mark", "div", "span", "details", "summary", "section",
}  # fmt: skip
_CALLOUT_KINDS = {
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger", "bug", "example", "quote",
}  # fmt: skip
# The classes maths, callouts and footnotes need, and no other.
_CLASSES = {
    "span": {"arithmatex"},
    "div": {"arithmatex", "admonition", *_CALLOUT_KINDS},
    "details": _CALLOUT_KINDS,
    "p": {"admonition-title"},
    "section": {"footnotes"},
    "hr": {"footnotes-sep"},
    "li": {"footnote-item"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
}
_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width"},
    "li": {"id"},
    "th": {"style"},
    "td": {"style"},
    "ol": {"start"},
}


def sanitize(html_text: str) -> str:
    """Rendered note Markdown, cleaned with nh3 (Ammonia) as a second wall: only the tags Markdown
    makes, only web and mail links (and relative ones), and the ``glossary:`` placeholders of links
    within the site, which ``paths.resolve`` turns into addresses for each page."""
    return nh3.clean(
        html_text,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        allowed_classes=_CLASSES,
        url_schemes={"http", "https", "mailto", "glossary"},
        link_rel="noopener",
        filter_style_properties={"text-align"},
    )


def md(text: str, start: bool = True) -> str:
    """Plain text as Markdown that renders as exactly that text.

    ``start`` says the text begins a line, where "- ", "1. ", "#" or ">" would start a block.
    """
    text = _ENTITY.sub("&amp;", " ".join(text.split("\n"))).translate(_ESCAPE)
    if start:
        text = _LINE_START.sub(lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), text)
    return text


def cell_text(text: str, code: bool = False) -> str:
    """Plain text (``code``: a code span's text) as Python-Markdown writes it in a table cell, for a
    table written as finished HTML: whitespace as ``md()``/``code()`` leave it, the cell stripped,
    ``& < >`` escaped and quotes as they are (checked against Python-Markdown in the tests)."""
    text = " ".join(text.split()) if code else " ".join(text.split("\n")).replace("\t", " ").strip(" ")
    if code and "&#" in text:
        return _code_cell(text)
    return _html.escape(text, quote=False)


def _code_cell(text: str) -> str:
    """A code cell with "&#" in it, as Python-Markdown writes it: its HTML pre-parser ends some
    character references typed without their ";" ("&#0" shows as "&#0;"), depending on what
    follows them, so the one cell is handed to it (rare: a name with "&#" typed in code)."""
    import markdown

    out = markdown.markdown(f"| Term |\n|---|\n| {code(text)} |\n", extensions=["tables", "attr_list"])
    return str(out).split("<code>", 1)[1].rsplit("</code>", 1)[0]


def code(text: str) -> str:
    """Inline code that shows exactly ``text``."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def code_block(lines: tuple[str, ...] | list[str], language: str = "python") -> str:
    body = "\n".join(line.replace("\t", "    ").rstrip() for line in lines)
    longest = max((len(run) for run in re.findall(r"`{3,}|~{3,}", body)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def front_matter(data: dict[str, Any]) -> str:
    """YAML front matter.  Material prints ``title`` and ``description`` into HTML
    unescaped (``<title>``, ``<meta content="...">``), so they are HTML-escaped here.

    Values are written as JSON strings, which are YAML double-quoted scalars:
    the same result as yaml.safe_dump at a fraction of its cost per page.
    """
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            lines.extend(f"  - {json.dumps(item, ensure_ascii=False)}" for item in value)
        elif isinstance(value, dict):
            lines.append(f"{key}:")
            lines.extend(f"  {inner}: {json.dumps(item)}" for inner, item in value.items())
        else:
            lines.append(f"{key}: {json.dumps(html(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


# Raw HTML the generator has already made (a definition, the Related list, a local graph, the walk
# table) is marked, so that the MkDocs hook can lift it out of the Markdown before Python-Markdown
# runs and drop it back into the page after: Markdown never parses it again.  Without the hook
# (`make generate` and another renderer) the markers are comments and the HTML renders as it is.
_RAW_OPEN, _RAW_CLOSE = "<!-- gloss:html -->", "<!-- /gloss:html -->"
_LIFTED = re.compile(r"<p>GLOSSHTML(\d+)X</p>")


def raw(html_block: str) -> str:
    """A block of finished HTML for a generated page, marked for the hook (see ``lift``)."""
    return f"{_RAW_OPEN}\n\n{html_block.strip(chr(10))}\n\n{_RAW_CLOSE}\n\n"


def lift(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder paragraph, and the blocks
    (found with ``str.find``: a regular expression's lazy match tried every character of a page)."""
    blocks: list[str] = []
    out: list[str] = []
    opening, closing = f"{_RAW_OPEN}\n\n", f"\n\n{_RAW_CLOSE}\n"
    done = 0
    while (start := markdown.find(opening, done)) >= 0:
        end = markdown.find(closing, start + len(opening))
        if end < 0:
            break
        out.append(markdown[done:start])
        out.append(f"GLOSSHTML{len(blocks)}X\n")
        blocks.append(markdown[start + len(opening) : end])
        done = end + len(closing)
    out.append(markdown[done:])
    return "".join(out), blocks


def ids_in(html_text: str) -> list[str]:
    """The values of the ``id`` attributes in finished HTML, as the regular expression
    ``\\sid="([^"]+)"`` finds them (with ``str.find``: that one was tried at every character)."""
    found: list[str] = []
    at = html_text.find('id="')
    while at >= 0:
        end = html_text.find('"', at + 4)
        if end < 0:
            break
        if end > at + 4 and at > 0 and html_text[at - 1].isspace():
            found.append(html_text[at + 4 : end])
            at = html_text.find('id="', end + 1)
        else:
            at = html_text.find('id="', at + 1)
    return found


def drop(html_text: str, blocks: list[str]) -> str:
    """The rendered page with each placeholder paragraph replaced by its block."""
    if not blocks:
        return html_text
    return _LIFTED.sub(lambda match: blocks[int(match.group(1))], html_text)
