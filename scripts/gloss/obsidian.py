"""The Markdown of vaults (Obsidian, Foam, Quartz, Logseq), as markdown-it-py plugins and one text pass.

    [[Note]]  [[Note|label]]  [[Note#Heading]]     wikilinks: ``wikilink`` tokens, resolved by the linker
    ![[figure.png]]  ![[figure.png|300]]           embeds: an image of the vault, or a link to a note
    ==highlight==                                  <mark>
    > [!note] Title                                callouts: Material's admonitions (see richtext.py)
    %% comment %%                                  not shown, reported
    title:: X  alias:: Y  (first lines)            Logseq's page properties: front matter (shapes/common.py)
      collapsed:: true   ((block-uuid))            Logseq's block properties and block references: not shown, reported
    {% liquid %}  {{< hugo >}}  {{% hugo %}}       shortcodes: dropped, reported

Comments, shortcodes, block properties and block references are blanked out of the text before it is parsed (``strip``),
keeping every line where it was, so each entry's lines stay the note's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .model import Issue, Level

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_COMMENT = re.compile(r"%%.*?%%", re.S)
_SHORTCODE = re.compile(r"\{%.*?%\}|\{\{<.*?>\}\}|\{\{%.*?%\}\}", re.S)
# Logseq: a block's own properties ("collapsed:: true", "id:: …" under a bullet) and references to a block by id.
_BLOCK_PROPERTY = re.compile(  # Logseq's own, not a note's "source:: …" (that stays, as written)
    r"^[ \t]+(?:[-*+][ \t]+)?(?:collapsed|id|heading|background-color|query-[\w-]+|card-[\w-]+|logseq\.[\w.-]+)::"
    r"(?:[ \t].*)?$",
    re.M,
)
_BLOCK_REF = re.compile(  # a bullet holding only the reference goes with it, so no empty bullet is left
    r"(?:^[ \t]*[-*+][ \t]+(?=\(\(\S+\)\)[ \t]*$))?\(\([0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\)\)", re.M
)
_WIKILINK = re.compile(r"(!?)\[\[([^\[\]\n]+?)\]\]")
_WIDTH = re.compile(r"^\s*(\d{1,4})(?:\s*x\s*(\d{1,4}))?\s*$")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp")


@dataclass(frozen=True)
class WikiLink:
    """``[[target#heading|label]]`` as written; ``embed`` for ``![[…]]``."""

    target: str
    heading: str = ""
    label: str = ""
    embed: bool = False
    line: int = 0  # 1-based, in the note

    @property
    def shown(self) -> str:
        """What the link reads as: its label, else the note (and heading, as Obsidian shows it)."""
        if self.label and not (self.embed and _WIDTH.match(self.label)):
            return self.label
        if self.heading:
            return f"{self.target} > {self.heading}" if self.target else self.heading
        return self.target

    @property
    def width(self) -> str:
        match = _WIDTH.match(self.label) if self.embed else None
        return match.group(1) if match else ""

    @property
    def is_image(self) -> bool:
        return self.target.lower().endswith(IMAGE_SUFFIXES)


def parse_wikilink(inner: str, embed: bool = False, line: int = 0) -> WikiLink:
    """The parts of what stands between ``[[`` and ``]]`` (``\\|`` is a pipe escaped in a table)."""
    inner = inner.replace("\\|", "|")
    target, _, label = inner.partition("|")
    target, _, heading = target.partition("#")
    return WikiLink(target.strip(), heading.strip().lstrip("^"), label.strip(), embed, line)


def fenced(lines: list[str]) -> list[bool]:
    """For each line, whether it is fenced code or a fence around it (a fence closes on the same
    character, at least as long as the one that opened it)."""
    out = []
    fence = ""
    for line in lines:
        opened = _FENCE.match(line)
        marker = opened.group(1) if opened else ""
        if marker and (not fence or (marker[0] == fence[0] and len(marker) >= len(fence))):
            fence = "" if fence else marker
            out.append(True)
        else:
            out.append(bool(fence))
    return out


def wikilinks(text: str) -> list[WikiLink]:
    """Every wikilink and embed of a text, with its line, outside fenced code."""
    found = []
    lines = text.split("\n")
    for number, (line, code) in enumerate(zip(lines, fenced(lines), strict=True), start=1):
        if code or "[[" not in line:  # a wikilink starts with [[
            continue
        for match in _WIKILINK.finditer(re.sub(r"`[^`]*`", lambda m: " " * len(m.group()), line)):
            found.append(parse_wikilink(match.group(2), bool(match.group(1)), number))
    return found


def strip(text: str, path: str) -> tuple[str, list[Issue]]:
    """The text with comments and shortcodes blanked (newlines kept), and a report line for each."""
    issues: list[Issue] = []
    out = []
    chunk: list[str] = []
    start = 1

    def flush() -> None:
        if chunk:
            out.append(_blank("\n".join(chunk), start, path, issues))

    lines = text.split("\n")
    for number, (line, code) in enumerate(zip(lines, fenced(lines), strict=True), start=1):
        if code:
            flush()
            chunk, start = [], number + 1
            out.append(line)
        else:
            chunk.append(line)
    flush()
    return "\n".join(out), issues


def _blank(text: str, first: int, path: str, issues: list[Issue]) -> str:
    def replace(match: re.Match[str], what: str) -> str:
        line = first + text.count("\n", 0, match.start())
        last = line + match.group().count("\n")
        issues.append(Issue(path, line, what, Level.INFO, last=last))
        return re.sub(r"[^\n]", " ", match.group())

    text = _COMMENT.sub(lambda m: replace(m, "a comment (%% … %%): not shown"), text)
    text = _BLOCK_PROPERTY.sub(lambda m: replace(m, f"a Logseq block property ({_short(m.group())}): not shown"), text)
    text = _BLOCK_REF.sub(
        lambda m: replace(m, "a Logseq block reference ((…)): not shown (the block it points to is not read)"), text
    )
    text = _ASIDE.sub(_quoted, text)  # Notion's callout: a quote, as its text
    return _SHORTCODE.sub(lambda m: replace(m, f"a shortcode ({_short(m.group())}): dropped"), text)


_ASIDE = re.compile(r"^<aside>[ \t]*\n(.*?)\n</aside>[ \t]*$", re.M | re.S)  # a Notion export's callout


def _quoted(match: re.Match[str]) -> str:
    """An ``<aside>`` block as a block quote of its lines (line for line: numbers stay)."""
    return "\n".join([">", *(f"> {line}" if line.strip() else ">" for line in match.group(1).split("\n")), ""])


def _short(code: str) -> str:
    code = " ".join(code.split())
    return code if len(code) <= 40 else code[:39] + "…"


# --- markdown-it-py plugins -----------------------------------------------------------------


def _wikilink_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    embed = src.startswith("![[", pos)
    if not (embed or src.startswith("[[", pos)):
        return False
    start = pos + (3 if embed else 2)
    end = src.find("]]", start)
    if end <= start or "\n" in src[start:end] or "[" in src[start:end]:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"link": parse_wikilink(src[start:end], embed)}
        token.content = token.meta["link"].shown
    state.pos = end + 2
    return True


def _mark_rule(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("==", pos) or src.startswith("===", pos):
        return False
    end = src.find("==", pos + 2)
    if end <= pos + 2 or src[pos + 2].isspace() or src[end - 1].isspace() or end > state.posMax:
        return False
    if not silent:
        old_max = state.posMax
        state.pos, state.posMax = pos + 2, end
        state.push("mark_open", "mark", 1)
        state.md.inline.tokenize(state)
        state.push("mark_close", "mark", -1)
        state.posMax = old_max
    state.pos = end + 2
    return True


def plugin(md: MarkdownIt) -> None:
    """Wikilinks, embeds and highlights in the inline grammar."""
    md.inline.ruler.before("link", "wikilink", _wikilink_rule)
    md.inline.ruler.before("emphasis", "mark", _mark_rule)
    md.add_render_rule("wikilink", lambda self, tokens, idx, options, env: _escape(tokens[idx].content))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_CALLOUT = re.compile(r"^\[!(?P<kind>[A-Za-z][\w-]*)\](?P<fold>[+-]?)\s*(?P<title>.*)$")
# Obsidian's callout types, as Material's admonition classes.
CALLOUTS = {
    "note": "note", "abstract": "abstract", "summary": "abstract", "tldr": "abstract", "info": "info",
    "todo": "info", "tip": "tip", "hint": "tip", "important": "tip", "success": "success", "check": "success",
    "done": "success", "question": "question", "help": "question", "faq": "question", "warning": "warning",
    "caution": "warning", "attention": "warning", "failure": "failure", "fail": "failure", "missing": "failure",
    "danger": "danger", "error": "danger", "bug": "bug", "example": "example", "quote": "quote", "cite": "quote",
}  # fmt: skip


def callout(first_line: str) -> tuple[str, str, bool] | None:
    """ "[!tip]- Mind the gap" -> ("tip", "Mind the gap", folded); None when the quote is no callout."""
    match = _CALLOUT.match(first_line.strip())
    if not match:
        return None
    kind = match["kind"].lower()
    title = match["title"].strip() or kind.capitalize()
    return CALLOUTS.get(kind, "note"), title, match["fold"] == "-"
