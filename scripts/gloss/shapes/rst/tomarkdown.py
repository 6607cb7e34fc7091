"""A definition's docutils tree as Markdown: paragraphs, lists, code, maths, admonitions, tables,
links; a :term: reference a [[wikilink]]; what a page cannot show (comments, images) dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from docutils import nodes, utils  # type: ignore[import-untyped]

from .docutils_setup import TermNode

_ROLE_TEXT = re.compile(r"^:([\w][\w:.+-]*):`(.*)`$", re.S)
_TEXT_ESCAPES = re.compile(r"([\\`*_\[\]<>$|&~])")
_LINE_START = re.compile(r"^([#>+\-=:|~]|\d+[.)])")


class Links(Protocol):
    """What the whole note tells about its links and substitutions."""

    targets: dict[str, str]  # link name -> URL
    anonymous: dict[int, str]  # id of an anonymous reference -> URL
    substitutions: dict[str, Any]


def _escape(text: str) -> str:
    return _TEXT_ESCAPES.sub(r"\\\1", " ".join(text.split("\n")))


def _escape_start(text: str) -> str:
    return _LINE_START.sub(lambda m: m[1][:-1] + "\\" + m[1][-1], text, count=1)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.split("\n"))


def _fence(text: str, language: str = "") -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^\w+#.-]", "", language)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def _code_span(text: str) -> str:
    text = " ".join(text.split("\n"))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.strip()) else ""
    return f"{ticks}{pad}{text}{pad}{ticks}" if text else ""


def _url(url: str) -> str:
    url = url.strip().replace("<", "%3C").replace(">", "%3E")
    return f"<{url}>" if re.search(r"[\s()]", url) else url


def _wikilink_part(text: str) -> str:
    return " ".join(re.sub(r"[\[\]|]", " ", text).split())


_ADMONITIONS = {
    "note": "Note", "warning": "Warning", "tip": "Tip", "hint": "Hint", "important": "Important",
    "caution": "Caution", "danger": "Danger", "error": "Error", "attention": "Attention",
}  # fmt: skip
_DROPPED = (
    nodes.comment, nodes.target, nodes.image, nodes.figure, nodes.raw, nodes.substitution_definition,
    nodes.system_message, nodes.pending, nodes.meta, nodes.decoration,
)  # fmt: skip


@dataclass
class Markdown:
    """A docutils tree as Markdown."""

    reader: Links

    def blocks(self, node: Any) -> list[str]:
        out: list[str] = []
        for child in node.children:
            out.extend(block for block in self.block(child) if block.strip())
        return out

    def joined(self, node: Any) -> str:
        return "\n\n".join(self.blocks(node))

    def block(self, node: Any) -> list[str]:
        if isinstance(node, _DROPPED):
            return []
        if isinstance(node, nodes.Text):
            return [_escape_start(_escape(node.astext()).strip())]
        if isinstance(node, nodes.paragraph | nodes.title | nodes.rubric):
            text = _escape_start(self.inline(node).strip())
            return [f"**{text}**" if not isinstance(node, nodes.paragraph) and text else text]
        if isinstance(node, nodes.bullet_list):
            return ["\n".join(self.item("- ", item) for item in node.children)]
        if isinstance(node, nodes.enumerated_list):
            start = int(node.get("start", 1) or 1)
            return ["\n".join(self.item(f"{start + i}. ", item) for i, item in enumerate(node.children))]
        if isinstance(node, nodes.definition_list):
            return [self.definition_item(item) for item in node.children]
        if isinstance(node, nodes.field_list):
            return ["\n".join(self.field(field) for field in node.children)]
        if isinstance(node, nodes.option_list):
            return ["\n".join(self.item("- ", item) for item in node.children)]
        if isinstance(node, nodes.literal_block | nodes.doctest_block):
            classes = [c for c in node.get("classes", []) if c not in ("code", "highlight", "literal-block")]
            language = "pycon" if isinstance(node, nodes.doctest_block) else (classes[0] if classes else "")
            return [_fence(node.astext(), language)]
        if isinstance(node, nodes.math_block):
            return [f"$$\n{node.astext().strip()}\n$$"] if node.astext().strip() else []
        if isinstance(node, nodes.block_quote):
            return [_indent(self.joined(node), "> ").replace("\n\n", "\n>\n")]
        if isinstance(node, nodes.attribution):
            return [f"— {_escape(node.astext())}"]
        if isinstance(node, nodes.Admonition):
            title = _ADMONITIONS.get(node.tagname, "")
            parts = self.blocks(node)
            if not title and parts and isinstance(node.children[0], nodes.title):
                title, parts = node.children[0].astext(), parts[1:]
            quoted = "\n\n".join([f"**{_escape(title)}**"] + parts if title else parts)
            return ["\n".join("> " + line if line.strip() else ">" for line in quoted.split("\n"))]
        if isinstance(node, nodes.line_block):
            lines = [_escape_start(self.inline(line).strip()) for line in node.findall(nodes.line)]
            return ["\\\n".join(line for line in lines if line)]
        if isinstance(node, nodes.table):
            return [self.table(node)]
        if isinstance(node, nodes.footnote | nodes.citation):
            label = node.children[0].astext() if node.children else ""
            parts = self.blocks(node)[1:]
            return [f"\\[{_escape(label)}\\] " + "\n\n".join(parts)]
        if isinstance(node, nodes.transition):
            return ["***"]
        if isinstance(node, nodes.TextElement):
            return [_escape_start(self.inline(node).strip())]
        if isinstance(node, nodes.Element):
            return self.blocks(node)
        return []

    def item(self, marker: str, item: Any) -> str:
        return marker + _indent(self.joined(item), " " * len(marker)).lstrip(" ") if item.children else marker.rstrip()

    def definition_item(self, item: Any) -> str:
        terms = [self.inline(child).strip() for child in item.children if isinstance(child, nodes.term)]
        classifiers = [child.astext() for child in item.children if isinstance(child, nodes.classifier)]
        term = _escape_start(" ".join(terms)) + "".join(f" : *{_escape(c)}*" for c in classifiers)
        definition = next((child for child in item.children if isinstance(child, nodes.definition)), None)
        body = self.joined(definition) if definition is not None else ""
        return f"{term}\n:   " + _indent(body, "    ").lstrip(" ") if body else term

    def field(self, field: Any) -> str:
        name = self.inline(field.children[0]).strip() if field.children else ""
        body = self.joined(field.children[1]) if len(field.children) > 1 else ""
        return "- " + _indent(f"**{name}**: {body}", "  ").lstrip(" ")

    def table(self, node: Any) -> str:
        rows: list[list[str]] = []
        header_rows = 0
        for group in node.findall(nodes.tgroup):
            for part in group.children:
                if not isinstance(part, nodes.thead | nodes.tbody):
                    continue
                for row in part.children:
                    cells = [" ".join(" ".join(self.blocks(entry)).split()) for entry in row.children]
                    rows.append([re.sub(r"(?<!\\)\|", r"\\|", cell) for cell in cells])
                    header_rows += isinstance(part, nodes.thead) and header_rows == len(rows) - 1
            break
        if not rows:
            return ""
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        header, body = (rows[0], rows[1:]) if header_rows or len(rows) == 1 else ([""] * width, rows)
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * width]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)

    def inline(self, node: Any) -> str:
        return "".join(self.inline_part(child) for child in node.children)

    def inline_part(self, node: Any) -> str:
        if isinstance(node, nodes.Text):
            return _escape(node.astext())
        if isinstance(node, TermNode):
            target, label = _wikilink_part(node.get("target", "")), _wikilink_part(node.get("label", ""))
            if not target:
                return _escape(node.astext())
            return f"[[{target}|{label}]]" if label and label != target else f"[[{target}]]"
        if isinstance(node, nodes.math):
            math = " ".join(node.astext().split())
            return f"${math}$" if math else ""
        if isinstance(node, nodes.literal):
            return _code_span(node.astext())
        if isinstance(node, nodes.strong):
            inner = self.inline(node).strip()
            return f"**{inner}**" if inner else ""
        if isinstance(node, nodes.emphasis | nodes.title_reference):
            inner = self.inline(node).strip()
            return f"*{inner}*" if inner else ""
        if isinstance(node, nodes.reference):
            return self.reference(node)
        if isinstance(node, nodes.problematic):
            role = _ROLE_TEXT.match(node.astext())
            return _escape(utils.unescape(role[2]) if role else node.astext())
        if isinstance(node, nodes.footnote_reference | nodes.citation_reference):
            return f"\\[{_escape(node.astext())}\\]"
        if isinstance(node, nodes.substitution_reference):
            definition = self.reader.substitutions.get(node.get("refname", ""))
            return self.inline(definition) if definition is not None else _escape(f"|{node.astext()}|")
        if isinstance(node, nodes.image | nodes.target | nodes.system_message | nodes.raw):
            return self.inline(node) if isinstance(node, nodes.target) else ""
        if isinstance(node, nodes.Element):
            return self.inline(node)
        return ""

    def reference(self, node: Any) -> str:
        text = self.inline(node).strip()
        url = node.get("refuri") or self.reader.anonymous.get(id(node), "")
        if not url and node.get("refname"):
            url = self.reader.targets.get(node["refname"], "")
        if not url:
            return text
        if node.astext() == url:
            return f"<{url}>" if not re.search(r"[\s<>]", url) else _escape(url)
        return f"[{text or _escape(url)}]({_url(url)})"
