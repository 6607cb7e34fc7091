"""Whatever lands in glossary/ gets a clear answer: never a traceback, a blank page or lost text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, mkdocs_build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gloss.build import build, generate
from gloss.names import slug, unique_slugs
from gloss.shapes import SHAPES

LOCI = "Door: Tensor: an n-d array\nHall: Epoch: one pass over the data\n"


def glossary(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data.encode() if isinstance(data, str) else data)
    return folder


def messages(issues) -> list[str]:
    return [str(issue) for issue in issues]


@pytest.mark.parametrize(
    "data",
    [
        LOCI.encode(),
        b"\xef\xbb\xbf" + LOCI.encode(),  # UTF-8 with BOM
        LOCI.replace("\n", "\r\n").encode(),  # CRLF
        LOCI.replace("\n", "\r").encode(),  # old Mac CR
    ],
    ids=["lf", "bom", "crlf", "cr"],
)
def test_line_endings_and_bom_parse_alike(tmp_path, data):
    linked, issues, pages = generate(glossary(tmp_path, {"walk.txt": data}))
    assert [t.name for t in linked.glossary.terms] == ["Epoch", "Tensor"]
    assert [s.locus for s in linked.glossary.walks[0].stops] == ["Door", "Hall"]
    assert messages(issues) == []


def test_latin1_note_is_decoded_with_a_warning(tmp_path):
    data = "Door: Café: a place for coffee – and naïve models\n".encode("cp1252")
    linked, issues, pages = generate(glossary(tmp_path, {"cafe.txt": data}))
    assert linked.glossary.terms[0].name == "Café"
    assert "naïve" in pages[f"terms/{linked.glossary.terms[0].slug}.md"]
    [warning] = messages(issues)
    assert warning.startswith("glossary/cafe.txt: not UTF-8 (byte 0xe9 at offset 9)")


def test_undecodable_note_is_refused_naming_the_offset(tmp_path):
    linked, issues, _ = generate(glossary(tmp_path, {"bad.txt": b"Door: Tensor: x\x81\x8d\n", "ok.txt": LOCI}))
    assert [t.name for t in linked.glossary.terms] == ["Epoch", "Tensor"]
    assert any("glossary/bad.txt" in m and "offset 15" in m for m in messages(issues))


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary file (NUL byte at offset 8)"),
        ("empty.md", b"", "empty note"),
        ("blank.txt", b"  \n\n", "empty note"),
        ("walk.txt~", LOCI.encode(), "editor leftover"),
        (".walk.txt.swp", b"b0VIM 8.2\x00\x00", "editor leftover"),
        (".DS_Store", b"\x00\x00\x00\x01Bud1", "editor leftover"),
        ("data.bin", b"\xff\xd8\xff", "not a note (notes end in .md, .markdown, .txt, .rst, .org or .html)"),
        ("photo.jpg", b"\xff\xd8\xff", "an image: shown where a Markdown note shows it"),
        ("table.md", "| a | b |\n|---|---|\n| 1 | 2 |\n", "no known note shape"),
    ],
)
def test_files_that_are_not_notes_are_named_and_the_rest_builds(tmp_path, name, data, says):
    linked, issues, _ = generate(glossary(tmp_path, {name: data, "walk.txt": LOCI}))
    assert [t.name for t in linked.glossary.terms] == ["Epoch", "Tensor"]
    assert any(m.startswith(f"glossary/{name}") and says in m for m in messages(issues)), messages(issues)


MARKUP = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "*stars* and _under_scores_ and **bold**",
    "a | pipe | table",
    "`backticks` and ``double``",
    "{: .injected onclick=alert(4) }",
    "1. not a list",
    "# not a heading",
    "&amp; entity &lt;",
    "\\ backslash \\* star",
]


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("markup")
    lines = [f"Room {i}: Term {i}: {text}" for i, text in enumerate(MARKUP)]
    lines.append("Attic: <b>Bold name</b>: a name with markup")
    folder = glossary(tmp, {"markup.txt": "\n".join(lines) + "\n"})
    project = copy_project(tmp / "project", glossary=folder)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.mark.parametrize("index", range(len(MARKUP)))
def test_markup_in_a_note_shows_exactly_as_typed(markup_site, index):
    html = (markup_site / "terms" / f"term-{index}" / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    tags = re.findall(r"<[^>]+>", article)
    assert not any(re.search(r"\s(on\w+|src)=|javascript:|^<(script|img|b)\b", tag) for tag in tags), tags
    text = re.sub(r"<[^>]+>", "", article)
    import html as html_lib

    assert MARKUP[index] in html_lib.unescape(text)


def test_markup_in_a_name_is_not_injected(markup_site):
    page = next((markup_site / "terms").glob("*bold-name*/index.html"))
    html = page.read_text(encoding="utf-8")
    assert "<b>Bold name</b>" not in html and "&lt;b&gt;Bold name&lt;/b&gt;" in html


def test_names_get_unique_safe_stable_slugs(tmp_path):
    names = ["C++", "C", "c#", "σ", "1x1 conv", "../etc/passwd", "x" * 300, "Learning rate", "learning-rate!"]
    lines = "\n".join(f"Room {i}: {name}: defined here" for i, name in enumerate(names))
    folder = glossary(tmp_path, {"names.txt": lines + "\n"})
    docs = tmp_path / "docs"
    result = build(folder, docs)
    slugs = [t.slug for t in result.linked.glossary.terms]
    assert len(slugs) == len(set(slugs))
    assert all(re.fullmatch(r"[\w-]+", s) and len(s) <= 70 for s in slugs)
    written = {p.resolve() for p in tmp_path.rglob("*") if p.is_file()}
    assert all(docs.resolve() in p.parents or folder.resolve() in p.parents for p in written)
    # "Learning rate" and "learning-rate!" differ only in punctuation: one term, one page.
    assert sum(1 for t in result.linked.glossary.terms if t.key == "learning rate") == 1
    again = build(folder, tmp_path / "docs2")
    assert [t.slug for t in again.linked.glossary.terms] == slugs


def test_same_term_twice_in_a_note_keeps_both_and_same_locus_twice_is_two_stops(tmp_path):
    folder = glossary(tmp_path, {"w.txt": "TV: Dropout: drop units\nTV: Dropout: regularizer that drops units\n"})
    linked, _, _ = generate(folder)
    [term] = linked.glossary.terms
    assert len(term.definitions) == 2
    assert [(s.number, s.locus, s.occurrence, s.repeats) for s in linked.glossary.walks[0].stops] == [
        (1, "TV", 1, True),
        (2, "TV", 2, True),
    ]


def test_order_of_files_on_disk_does_not_matter(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the deck is dated by the notes' file times
    files = {"b.txt": LOCI, "a.md": "### what is a tensor\n- an array\n"}
    first = generate(glossary(tmp_path / "one", files))[2]
    second = generate(glossary(tmp_path / "two", dict(reversed(list(files.items())))))[2]
    assert first == second


def run_cli(folder: Path, docs: Path, *flags: str) -> subprocess.CompletedProcess:
    command = [
        sys.executable,
        str(ROOT / "scripts" / "build_glossary.py"),
        "--glossary",
        str(folder),
        "--docs",
        str(docs),
        *flags,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_strict_mode_fails_listing_every_warning_but_plain_mode_goes_on(tmp_path):
    folder = glossary(tmp_path, {"walk.txt": LOCI, "junk.md": "| a | b |\n|---|---|\n", "bin.txt": b"\x00"})
    plain = run_cli(folder, tmp_path / "docs")
    assert plain.returncode == 0 and "Traceback" not in plain.stderr
    strict = run_cli(folder, tmp_path / "docs", "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stderr
    tail = strict.stderr.split("in strict mode:")[1]
    assert "glossary/junk.md" in tail and "glossary/bin.txt" in tail


def test_report_counts_and_lists_skipped_lines(tmp_path):
    folder = glossary(tmp_path, {"walk.txt": LOCI + "a line without any shape\n"})
    result = build(folder, tmp_path / "docs")
    import json

    report = json.loads((tmp_path / "docs" / "build-report.json").read_text())
    assert (report["notes"], report["entries"], report["terms"]) == (1, 2, 2)
    assert report["skipped"] == [
        {"file": "glossary/walk.txt", "line": 3, "reason": "not a 'Locus: Term: definition' line", "level": "warning"}
    ]
    assert "1 lines skipped, 1 warnings" in result.summary()


lines_text = st.lists(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=60), max_size=25
).map("\n".join)
shaped_text = st.lists(
    st.sampled_from(
        [
            "",
            "### what is x",
            "- a bullet",
            "Door: Term: def",
            "- : T: d",
            "# T",
            "## S",
            "a | b |",
            "---|---|",
            "x = f(y)",
            "---",
            "title: t",
            # Markdown idioms
            "Title\n=====",
            "Sub\n---",
            "#### Deep heading",
            "* **Term** : def ∇ with `code`",
            "1. **Term** - def",
            "**Bold:** def",
            "  - nested bullet",
            "Name\n: a definition",
            "| Term | Definition |\n|---|---|\n| A | B |",
            "| Acronym | Meaning |\n|---|---|\n| CNN | Conv net |",
            "- [Alias (A)](#term)",
            "[link](#term) [bad](javascript:alert(1)) ![img](x.png) ![remote](https://e.org/i.png)",
            "```python\ncode = 1\n```",
            "> a quote",
            "<script>alert(1)</script>",
            "مرحبا بالعالم ‏RTL‏",
            "e\u0301\u0301 combining, emoji 🧠🔥, NUL \x00, symbols ∇∂∑",
            "x" * 3000,
        ]
    ),
    max_size=30,
).map("\n".join)
any_text = st.one_of(lines_text, shaped_text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=any_text)
def test_every_parser_accounts_for_every_line_and_never_raises(text):
    for shape, module in SHAPES.items():
        parsed = module.parse(text, "n.txt")
        shown = set(parsed.meta_lines) | {line for i in parsed.issues for line in i.lines}
        for entry in parsed.entries:
            shown.update(entry.lines)
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                assert number in shown, (shape, number, line)


@given(st.text(max_size=80))
def test_slug_is_always_safe(name):
    result = slug(name)
    assert re.fullmatch(r"[\w-]+", result) and ".." not in result and "/" not in result
    assert len(set(unique_slugs([(name, name), (name + "!", name)]).values())) == 2


def test_two_builds_give_identical_sites(tmp_path, monkeypatch):
    """Byte-identical site/ twice over, the deck too when SOURCE_DATE_EPOCH fixes its time."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sites = []
    for name in ("one", "two"):
        project = copy_project(tmp_path / name)
        result = mkdocs_build(project)
        assert result.returncode == 0, result.stderr
        sites.append(project / "site")
    files = [sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) for site in sites]
    assert files[0] == files[1]
    different = [f for f in files[0] if (sites[0] / f).read_bytes() != (sites[1] / f).read_bytes()]
    assert different == [], different


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(st.tuples(st.sampled_from([".md", ".txt"]), any_text), min_size=1, max_size=3))
def test_the_whole_pipeline_never_raises_on_any_text(notes):
    """parse -> merge -> link -> emit on any Unicode in either kind of note: pages for every term, never a traceback."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "glossary"
        path.mkdir()
        for index, (suffix, text) in enumerate(notes):
            (path / f"note{index}{suffix}").write_text(text, encoding="utf-8", errors="surrogatepass")
        linked, issues, files = generate(path)
        for term in linked.terms:
            assert f"terms/{term}.md" in files
        for issue in issues:
            assert issue.path.startswith("glossary/")


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(text=shaped_text)
def test_mkdocs_builds_a_site_from_any_markdown_note(tmp_path_factory, text):
    """A sample of the same texts through a whole `mkdocs build`."""
    tmp = tmp_path_factory.mktemp("anytext")
    folder = glossary(tmp, {"any.md": text, "walk.txt": LOCI})
    project = copy_project(tmp / "project", glossary=folder)
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    linked = generate(folder)[0]
    for term in linked.terms:
        assert (project / "site" / "terms" / term / "index.html").is_file()
