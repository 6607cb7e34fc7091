"""Org-mode notes (Emacs, Org-roam) as the Markdown they mean, line for line, so the Markdown and
concept shapes read them and every line keeps its number.

    :PROPERTIES: … :END:            Org-roam's id drawer: not shown, reported
    #+title: Backpropagation        the note's "# Backpropagation"
    #+filetags: :ml:training:       its tags ("#ml #training")
    * Gradient descent :optim:      "# Gradient descent" (stars are levels; TODO words and tags go)
    - Epoch :: one pass             "- **Epoch**: one pass", a term line
    *bold* /italic/ =code= ~code~   **bold** *italic* `code`
    [[https://…][the paper]]        [the paper](https://…)
    [[id:4f2a…][Adam]]              [[Adam]], a link to that note or term
    #+begin_src python … #+end_src  a fenced code block; quote and example blocks likewise

Other ``#+`` settings and ``# `` comment lines are not shown, each reported.
"""

from __future__ import annotations

import re

from ..model import Issue, Level

_HEADLINE = re.compile(
    r"^(?P<stars>\*+)\s+(?:(?:TODO|DONE|NEXT|WAITING|CANCELLED)\s+)?(?P<title>.*?)(?:\s+:[\w@#%:]+:)?\s*$"
)
_SETTING = re.compile(r"^\s*#\+(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$")
_BLOCK = re.compile(r"^\s*#\+(?P<end>begin|end)_(?P<kind>\w+)(?:\s+(?P<lang>\S+))?.*$", re.I)
_DRAWER = re.compile(r"^\s*:[A-Za-z_]+:\s*$")
_DRAWER_END = re.compile(r"^\s*:END:\s*$", re.I)
_DESCRIPTION = re.compile(r"^(?P<indent>\s*)(?P<bullet>[-+]|\d+[.)])\s+(?P<term>.+?)\s+::(?:\s+(?P<text>.*))?$")
_LINK = re.compile(r"\[\[(?P<target>[^\]\[]+)\](?:\[(?P<label>[^\]\[]+)\])?\]")
_CODE = re.compile(r"(?<![\w=~])([=~])(?=\S)(?P<code>[^\n]*?\S)\1(?![\w=~])")
_BOLD = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]*?\S)\*(?![\w*])")
_ITALIC = re.compile(r"(?<![\w/:])/(?=\S)(?P<text>[^/\n]*?\S)/(?![\w/])")


def _link(match: re.Match[str]) -> str:
    target, label = match["target"], match["label"]
    kind, _, rest = target.partition(":")
    if kind in ("http", "https", "mailto"):
        return f"[{label or target}]({target})"
    if kind in ("id", "roam") or kind == "file" or not rest:  # another note: by the name it is shown as
        name = label or re.sub(r"\.org$", "", rest.rsplit("/", 1)[-1] if kind == "file" else target)
        return f"[[{name}]]"
    return label or target


def _inline(text: str) -> str:
    """Org's inline markup as Markdown's; code first, so nothing inside it is touched."""
    pieces = []
    at = 0
    for match in _CODE.finditer(text):
        pieces.append(_marks(text[at : match.start()]))
        pieces.append(f"`{match['code']}`")
        at = match.end()
    pieces.append(_marks(text[at:]))
    return "".join(pieces)


def _marks(text: str) -> str:
    text = _LINK.sub(_link, text)
    text = _BOLD.sub(lambda m: f"**{m['text']}**", text)
    return _ITALIC.sub(lambda m: f"*{m['text']}*", text)


def to_markdown(text: str, path: str) -> tuple[str, list[Issue]]:
    """The note as Markdown, one line for each of its lines, and a report line for what is not shown."""
    issues: list[Issue] = []
    out: list[str] = []
    block: str | None = None  # inside a src/example (code) or quote block
    drawer = 0  # the line an open property drawer started on
    titled = False
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        marker = _BLOCK.match(line)
        if marker:
            kind = marker["kind"].lower()
            if marker["end"].lower() == "begin" and block is None:
                block = kind
                out.append(f"```{marker['lang'] or ''}" if kind in ("src", "example") else "")
                continue
            if marker["end"].lower() == "end" and block == kind:
                block = None
                out.append("```" if kind in ("src", "example") else "")
                continue
        if block in ("src", "example"):
            out.append(line)
            continue
        if drawer or (_DRAWER.match(line) and not block):
            drawer = drawer or number  # the line it opened on
            if _DRAWER_END.match(line) or number == len(lines):
                issues.append(Issue(path, drawer, "an Org property drawer: not shown", Level.INFO, last=number))
                drawer = 0
            out.append("")
            continue
        setting = _SETTING.match(line)
        if setting:
            key, value = setting["key"].lower(), setting["value"].strip()
            if key == "title" and value and not titled:
                out.append(f"# {_inline(value)}")
                titled = True
            elif key == "filetags" and value.strip(":"):
                out.append(" ".join(f"#{tag}" for tag in value.strip(":").split(":") if tag))
            else:
                issues.append(Issue(path, number, f"an Org setting (#+{setting['key']}): not shown", Level.INFO))
                out.append("")
            continue
        if line.startswith("# ") or line == "#":
            issues.append(Issue(path, number, "an Org comment: not shown", Level.INFO))
            out.append("")
            continue
        headline = _HEADLINE.match(line)
        if headline:
            level = len(headline["stars"]) + (1 if titled else 0)  # under a #+title, * is a section
            out.append(f"{'#' * min(level, 6)} {_inline(headline['title'])}")
            continue
        item = _DESCRIPTION.match(line)
        if item:
            rest = f": {_inline(item['text'])}" if item["text"] else ""
            out.append(
                f"{item['indent']}{'-' if item['bullet'] in '-+' else item['bullet']} **{_inline(item['term'])}**{rest}"
            )
            continue
        quoted = "> " if block == "quote" else ""
        out.append(quoted + _inline(line))
    return "\n".join(out), issues
