"""A vault of one note per concept (tests/vault/, written for these tests in the mess of real ones):
folders, front matter, wikilinks, embeds, callouts, comments, shortcodes, tags and maths; and bad vaults."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import ROOT, copy_project, mkdocs_build
from htmlscan import broken_links

from gloss import obsidian
from gloss.build import generate
from gloss.model import Shape
from gloss.shapes import concept, detect_shape, markdown

VAULT = ROOT / "tests" / "vault"
# Every note of the vault that is a concept, and the term it gives.
CONCEPTS = {
    "Attention.md": "Attention",
    "Cycle A.md": "Gradient clipping",
    "Cycle B.md": "Exploding gradient",
    "Epoch.md": "Epoch",
    "Fine-tuning.md": "Fine-tuning",
    "Learning rate.md": "Learning rate",
    "Low-Rank Adaptation.md": "Low-Rank Adaptation",
    "Positional encoding.md": "Positional encoding",
    "Pretrained model.md": "Pretrained model",
    "Softmax.md": "Softmax",
    "Transformer.md": "Transformer",
    "Neural nets/Batch normalization.md": "Batch normalization",
    "Neural nets/Dropout.md": "Dropout",
    "Neural nets/Regularization.md": "Regularization",
    "Neural nets/Stub note.md": "Residual connection",
    "Optimisers/Adam.md": "Adam",
    "Optimisers/Momentum.md": "Momentum",
    "Optimisers/SGD.md": "Stochastic gradient descent",
}
LITERAL_MARKUP = ("[[", "]]", "<dt>", "<summary>", ":term:", "$$", "==", "%%", "{{<", "{%")


@pytest.fixture(scope="module")
def vault(tmp_path_factory) -> tuple[Path, object]:
    project = copy_project(tmp_path_factory.mktemp("vault"), VAULT)
    return project, generate(project / "glossary")


def test_every_concept_note_is_one_term_and_nothing_else_is(vault):
    _, generated = vault
    glossary = generated.linked.glossary
    by_path = {note.path.removeprefix("glossary/"): note for note in glossary.notes}
    assert {path: by_path[path].entries[0].name for path in CONCEPTS} == CONCEPTS
    assert all(by_path[path].shape == Shape.CONCEPT for path in CONCEPTS)
    names = sorted(term.name for term in glossary.terms)
    assert names == sorted(CONCEPTS.values())  # no page for a section, the daily note, a template or the bin


def test_skipped_folders_and_files_are_named_in_the_report(vault):
    _, generated = vault
    said = "\n".join(map(str, generated.issues))
    assert "glossary/.obsidian: a hidden folder" in said
    assert "glossary/.trash: a hidden folder" in said
    assert "glossary/Templates: a folder of templates" in said
    assert "glossary/attachments: an attachment folder" in said
    assert "glossary/Daily/2024-03-12.md:4: a daily note" in said
    assert "glossary/Fine-tuning.md:13: a shortcode ({{< youtube" in said
    assert "glossary/Low-Rank Adaptation.md:21: a comment" in said


def test_aliases_tags_and_folders(vault):
    _, generated = vault
    terms = {term.name: term for term in generated.linked.glossary.terms}
    assert terms["Low-Rank Adaptation"].aliases == ("LoRA",)  # "low rank adaptation" is the name's own spelling
    assert "fine tune" in terms["Fine-tuning"].aliases  # "finetuning" is a spelling of the name itself
    assert "transformer architecture" in terms["Transformer"].aliases  # a comma-separated string
    topics = {info.slug: info.name for info in generated.linked.glossary.topics}
    assert [topics[t] for t in terms["Attention"].topics] == ["Architectures", "Nlp / core"]  # inline #tags
    assert [topics[t] for t in terms["Adam"].topics] == ["Optimisers"]  # no tags: its folder
    assert terms["Dropout"].topics == terms["Regularization"].topics  # "regularisation" as a string or a list


def test_every_wikilink_between_notes_that_exist_is_a_link(vault):
    _, generated = vault
    missing = {"Adapter layers", "Feed-forward network", "Learning Rate Warmup", "Layer normalization", "Weight decay"}
    unresolved = {
        re.search(r"\[\[(.*?)\]\]", issue.message).group(1)
        for issue in generated.issues
        if "links to no note or term" in issue.message
    }
    assert unresolved == missing
    pages = {slug: item for slug, item in generated.linked.terms.items()}
    assert "softmax" in pages["attention"].links_to
    assert {"fine-tuning", "transformer", "attention"} <= set(pages["low-rank-adaptation"].links_to)
    assert "low-rank-adaptation" in pages["fine-tuning"].links_to  # [[LoRA]]: an alias
    assert "stochastic-gradient-descent" in pages["momentum"].links_to  # [[Optimisers/SGD|SGD]]: a path
    assert "learning-rate" in pages["stochastic-gradient-descent"].links_to  # [[learning-rate]]: hyphens
    assert "learning-rate" not in pages["learning-rate"].links_to  # a link to itself is text
    assert pages["gradient-clipping"].links_to == ("exploding-gradient",)  # a cycle of links
    assert "gradient-clipping" in pages["exploding-gradient"].links_to
    assert pages["low-rank-adaptation"].contexts["fine-tuning"].startswith("It's the go-to trick")


def test_an_alias_that_is_another_notes_title_names_that_note(vault):
    _, generated = vault
    said = [str(issue) for issue in generated.issues if "alias 'Adam'" in issue.message]
    assert said == [
        "glossary/Epoch.md:4: alias 'Adam' of 'Epoch' is the title of glossary/Optimisers/Adam.md: "
        "it names that note, not this one"
    ]
    terms = {term.name: term for term in generated.linked.glossary.terms}
    assert "Adam" not in terms["Epoch"].aliases and "Adam" in terms


def test_term_pages_show_no_literal_markup(vault):
    _, generated = vault
    for path, text in generated.files.items():
        if path.startswith("terms/"):
            body = html.unescape(re.sub(r"<[^>]+>", " ", text.split("## Related")[0]))  # what the page reads
            found = [mark for mark in LITERAL_MARKUP if mark in body]
            assert not found, f"{path} shows {found}"


def test_callouts_highlights_footnotes_embeds_and_maths_render(vault):
    _, generated = vault
    page = generated.files["terms/low-rank-adaptation.md"]
    assert '<div class="admonition tip">\n<p class="admonition-title">Rank</p>' in page
    assert "<mark>higher rank is rarely worth it</mark>" in page
    assert '<img src="../../note-files/low-rank-adaptation/lora-diagram.png" alt="" width="300">' in page
    assert '<span class="arithmatex">\\(\\Delta W = BA\\)</span>' in page
    assert '<div class="arithmatex">\\[W&#x27; = W_0 + \\frac{\\alpha}{r} BA\\]</div>' in page or (
        '<div class="arithmatex">\\[W\' = W_0 + \\frac{\\alpha}{r} BA\\]</div>' in page
    )
    assert 'class="footnote-ref"' in page and "arXiv 2106.09685" in page
    assert "QLoRA" not in page  # a %% comment %%
    softmax = generated.files["terms/softmax.md"]
    assert '<details class="warning">\n<summary>Numerical stability</summary>' in softmax
    attention = generated.files["terms/attention.md"]
    assert "\\[ \\mathrm{softmax}" in attention  # "\\[" typed: no link inside the formula, KaTeX finds it
    assert "vendor/katex/katex.min.js" in generated.files
    assert any(path.startswith("vendor/katex/fonts/") for path in generated.files)
    assert "note-files/adam/Pasted image 20240312101500.png" in generated.files  # by name, from attachments/


def test_a_concept_is_told_from_a_glossary_by_its_text():
    one = dedent("""\
        ---
        tags: [cv]
        ---
        # Pooling
        Pooling shrinks a feature map by taking the max or mean of each window.

        ## Intuition
        Keeps the strongest signal.

        ## Code
        ```python
        nn.MaxPool2d(2)
        ```
        """)
    many = dedent("""\
        ---
        tags: [glossary]
        ---
        # Deep learning glossary
        Terms I keep forgetting.

        **Epoch**: one pass over the data.
        **Batch**: the examples of one step.
        **Step**: one update of the weights.
        """)
    assert concept.detect(one) > concept.detect(many)
    assert detect_shape(one, ".md") == Shape.CONCEPT
    assert detect_shape(many, ".md") == Shape.MARKDOWN
    assert detect_shape("Momentum keeps a running average of past updates.\n", ".md") == Shape.CONCEPT
    parsed = concept.parse(one, "glossary/pooling.md")
    (entry,) = parsed.entries
    assert entry.name == "Pooling" and entry.tags == ("cv",)
    assert "## Intuition" in entry.body and "nn.MaxPool2d(2)" in entry.body  # sections stay, as sections


def test_an_outline_linked_into_a_vault_is_one_concept():
    """A Logseq-style note: every line a bullet, with wikilinks or tags, and no glossary idiom in it."""
    outline = dedent("""\
        - A **recurrent neural network** keeps a hidden state $h_t$
          - trained with [[Backpropagation through time]]
        - variants:: [[LSTM]], [[GRU]] #ml/sequence
        """)
    assert detect_shape(outline, ".md") == Shape.CONCEPT
    (entry,) = concept.parse(outline, "vault/nlp/rnn.md").entries
    assert entry.name == "Rnn" and entry.tags == ("ml/sequence",) and "[[LSTM]]" in entry.body
    assert detect_shape("- [ ] buy milk\n- [ ] call Ann\n", ".md") is None  # a list with no vault sign


def test_front_matter_with_a_tab_after_a_key_is_read_and_bad_front_matter_is_still_said():
    """People type a tab after "tags:"; libyaml reads it as YAML 1.2 does.  Front matter that is
    not YAML at all is still reported with its line, and the note still read."""
    page = "---\ntags:\toptimisation\naliases: [SGD]\n---\n# Stochastic gradient descent\n\nSteps on mini-batches.\n"
    (entry,) = concept.parse(page, "vault/sgd.md").entries
    assert entry.tags == ("optimisation",) and entry.aliases == ("SGD",)
    broken = "---\ntags: [optimisation\n---\n# Stochastic gradient descent\n\nSteps on mini-batches.\n"
    parsed = concept.parse(broken, "vault/sgd.md")
    assert [entry.name for entry in parsed.entries] == ["Stochastic gradient descent"]
    assert any("front matter" in issue.message and issue.line >= 1 for issue in parsed.issues)


def test_logseq_page_properties_are_its_front_matter():
    """Logseq writes a page's title, aliases and tags as its first lines ("alias:: SGD"), with no YAML."""
    page = dedent("""\
        title:: Stochastic gradient descent
        alias:: SGD, [[Mini-batch SGD]]
        tags:: [[optimization]], training

        - Updates the parameters with the gradient of the loss on one mini-batch at a time.
        """)
    assert detect_shape(page, ".md") == Shape.CONCEPT
    parsed = concept.parse(page, "logseq/pages/sgd.md")
    (entry,) = parsed.entries
    assert entry.name == "Stochastic gradient descent" and entry.line == 1
    assert entry.aliases == ("SGD", "Mini-batch SGD") and entry.tags == ("optimization", "training")
    assert "alias::" not in entry.body and parsed.meta_lines[:3] == [1, 2, 3]
    outline = dedent("""\
        title:: Optimizers
        tags:: training

        - **Adam** :: adaptive moment estimation
        - **RMSprop** :: divides the step by a running average of gradient magnitudes
        - **Nesterov momentum** :: looks ahead along the velocity
        """)
    read = markdown.parse(outline, "logseq/pages/optimizers.md")
    assert read.title == "Optimizers" and ("Tags", "training") in read.meta
    assert [(e.name, e.paragraphs[0]) for e in read.entries][0] == ("Adam", "adaptive moment estimation")
    assert [e.name for e in read.entries] == ["Adam", "RMSprop", "Nesterov momentum"]
    terms = markdown.parse("Epoch:: one pass over the data\nBatch:: a group of examples\n", "n.md")
    assert ("Epoch", "one pass over the data") not in terms.meta  # no page key among them: not page properties


def test_logseq_block_properties_and_references_are_reported_not_shown():
    text = dedent("""\
        - **Weight decay** :: shrinks the weights a little at each step
          collapsed:: true
        \t- ((6543a1b2-1111-4c2d-9e3f-aaaaaaaaaaaa))
        - see ((6543a1b2-1111-4c2d-9e3f-bbbbbbbbbbbb)) above
        """)
    stripped, issues = obsidian.strip(text, "p.md")
    assert stripped.count("\n") == text.count("\n") and "collapsed" not in stripped and "((" not in stripped
    assert stripped.split("\n")[2].strip() == ""  # no empty bullet is left where the reference was
    assert [str(issue) for issue in issues] == [
        "p.md:2: a Logseq block property (collapsed:: true): not shown",
        "p.md:3: a Logseq block reference ((…)): not shown (the block it points to is not read)",
        "p.md:4: a Logseq block reference ((…)): not shown (the block it points to is not read)",
    ]
    kept = "- **Ranking** :: order the results\n  source:: my notes\n    std::vector<int> v;\n"
    assert obsidian.strip(kept, "q.md") == (kept, [])  # a note's own property, and code, stay as written
    journal = concept.parse("- read about [[Adam]] today\n", "logseq/journals/2024_05_02.md")
    assert journal.entries == [] and "a daily note" in str(journal.issues[0])


def test_a_notion_export_page_is_one_concept_with_its_properties_read():
    """Notion writes a page as "# Title", a paragraph of "Key: value" properties, then the page; its
    file and folder names end in the page's id; a callout is an <aside> block."""
    page = dedent("""\
        # Backpropagation

        Tags: optimisation, training
        Status: Done
        Source: https://www.deeplearningbook.org/contents/mlp.html

        Backpropagation computes the gradient of the loss for every weight with the chain rule.

        ## Why it matters

        Without it, training deep networks would be far too slow.

        <aside>
        💡 Long chains of small derivatives make gradients vanish.
        </aside>
        """)
    path = "notion/Notes 8f2c1d4e5a6b47c9b0d1e2f3a4b5c6d7/Backpropagation 1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6.md"
    assert detect_shape(page, ".md") == Shape.CONCEPT
    parsed = concept.parse(page, path)
    (entry,) = parsed.entries  # "Why it matters" is a section of the page, not a term
    assert entry.name == "Backpropagation" and entry.tags == ("optimisation", "training")
    assert "Status" not in entry.body and "## Why it matters" in entry.body
    assert (
        parsed.meta_lines[:3] == [3, 4, 5]
        and ("Source", "https://www.deeplearningbook.org/contents/mlp.html") in parsed.meta
    )
    stripped, issues = obsidian.strip(page, path)
    assert "<aside>" not in stripped and "> 💡 Long chains" in stripped and issues == []
    assert stripped.count("\n") == page.count("\n")
    untitled = concept.parse("Tags: training\n\nGradients shrink layer by layer.\n", path)
    assert untitled.entries[0].name == "Backpropagation"  # the file's name, without Notion's id
    keywords = markdown.parse("# Keywords\n\nEpoch: one pass over the data\nBatch: a group of examples\n", "k.md")
    assert [e.name for e in keywords.entries] == ["Epoch", "Batch"]  # not a property's key: terms


def test_a_notion_export_links_its_pages_and_names_folders_without_ids(tmp_path):
    """A link to a concept's page file ("Gradient%20descent%203c4d….md") goes to the term, and a
    folder named with Notion's id gives its topic without it."""
    site = _built_with(
        tmp_path,
        "notion/Training tricks 8f2c1d4e5a6b47c9b0d1e2f3a4b5c6d7",
        {
            "Nesterov momentum 1a2b3c4d5e6f47a8b9c0d1e2f3a4b5c6.md": (
                "# Nesterov momentum\n\nStatus: Done\n\nNesterov momentum looks ahead before it takes a step of "
                "[plain descent](Plain%20descent%203c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8.md).\n"
            ),
            "Plain descent 3c4d5e6f7a8b49c0d1e2f3a4b5c6d7e8.md": (
                "# Plain descent\n\nPlain descent moves the weights against the gradient.\n"
            ),
        },
    )
    page = (site / "terms" / "nesterov-momentum" / "index.html").read_text()
    assert 'href="../../terms/plain-descent/"' in page
    assert ">Training tricks</a>" in page and "8f2c1d4e" not in page and "Status: Done" not in page
    source = (site / "sources" / "plain-descent" / "index.html").read_text()  # no id in its address
    assert "1 entry, in the note" in source


def test_a_zettelkasten_links_by_id_and_its_index_note_is_no_page(tmp_path):
    """Zettlr-style notes named "202103051234 Attention.md" link as [[202103051234]]; an index note
    that holds only links is said in the report, not a warning that fails the build."""
    site = _built_with(
        tmp_path,
        "zettel",
        {
            "202103051234 Multi-head attention.md": (
                "# Multi-head attention\n\n#nlp\n\nMulti-head attention runs several [[202103051240]] heads side by side.\n"
            ),
            "202103051240 Scaled dot-product attention.md": (
                "# Scaled dot-product attention\n\nScaled dot-product attention weights values by softmaxed query-key scores.\n"
            ),
            "202103051300 Index.md": (
                "# Index\n\n* [[202103051234]] Multi-head attention\n* [[202103051240]] Scaled dot-product attention\n"
            ),
        },
    )
    page = (site / "terms" / "multi-head-attention" / "index.html").read_text()
    assert 'href="../../terms/scaled-dot-product-attention/"' in page
    report = (site / "report" / "index.html").read_text()
    assert "an index of other notes (only links, no term)" in report and "links to no note" not in report
    assert not (site / "terms" / "index").exists()


def _built_with(tmp_path: Path, folder: str, notes: dict[str, str]) -> Path:
    """The learner's project with ``notes`` in ``glossary/<folder>``, built strict: its site."""
    project = copy_project(tmp_path / "project")
    where = project / "glossary" / folder
    where.mkdir(parents=True)
    for name, text in notes.items():
        (where / name).write_text(text)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def test_the_name_is_the_title_else_the_one_heading_else_the_file_name():
    assert concept.parse("---\ntitle: Adam\n---\n# Adam optimiser\nText.\n", "x/a.md").entries[0].name == "Adam"
    assert concept.parse("# Adam optimiser\n\nText about it.\n", "x/a.md").entries[0].name == "Adam optimiser"
    assert concept.parse("Text about it.\n", "x/weight_decay.md").entries[0].name == "Weight decay"
    bad = concept.parse("---\naliases: [a, b\n---\n# Adam\nText.\n", "x/a.md")
    assert bad.entries[0].name == "Adam"
    assert str(bad.issues[0]).startswith("x/a.md:2: front matter is not valid YAML")


def test_wikilinks_are_read_with_their_lines_outside_code():
    text = "See [[A]] and [[B#Part|the b]].\n```\n[[not a link]]\n```\n![[fig.png|300]] `[[code]]`\n"
    links = obsidian.wikilinks(text)
    assert [(link.target, link.heading, link.shown, link.line) for link in links] == [
        ("A", "", "A", 1),
        ("B", "Part", "the b", 1),
        ("fig.png", "", "fig.png", 5),
    ]
    assert links[2].embed and links[2].width == "300"
    assert obsidian.parse_wikilink("Note\\|label").label == "label"  # a pipe escaped inside a table


def test_a_callouts_title_is_no_part_of_its_text():
    """The quote Related makes of a link inside a callout starts at the callout's text, not "[!tip] Rank"."""
    from gloss.mdparse import plain_text

    assert plain_text("> [!tip] Rank\n> Start with r = 8.\n\n> [!note]\n> Plain.") == ["Start with r = 8.", "Plain."]
    assert plain_text("> [not a callout] quoted\n> text") == ["[not a callout] quoted text"]


def test_fenced_code_closes_only_on_its_own_fence():
    lines = ["text", "````md", "~~~", "```", "# not a title", "````", "# Title"]
    assert obsidian.fenced(lines) == [False, True, True, True, True, True, False]
    assert concept.parse("\n".join(lines) + "\nBody.\n", "v/x.md").entries[0].name == "Title"


def test_comments_and_shortcodes_are_blanked_keeping_lines():
    text = "a %% hidden %% b\n%%\nmany\nlines\n%%\n{% include x.html %}\n```\n%% code %%\n```\n"
    stripped, issues = obsidian.strip(text, "n.md")
    assert stripped.count("\n") == text.count("\n")
    assert "hidden" not in stripped and "many" not in stripped and "include" not in stripped
    assert "%% code %%" in stripped
    assert [str(issue) for issue in issues] == [
        "n.md:1: a comment (%% … %%): not shown",
        "n.md:2-5: a comment (%% … %%): not shown",
        "n.md:6: a shortcode ({% include x.html %}): dropped",
    ]


def test_a_symlink_loop_and_a_link_to_the_vault_are_read_once(tmp_path):
    glossary = tmp_path / "glossary"
    (glossary / "notes").mkdir(parents=True)
    (glossary / "notes" / "Dropout.md").write_text("# Dropout\nDropout zeroes units at random.\n")
    (glossary / "notes" / "loop").symlink_to(glossary, target_is_directory=True)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "Adam.md").write_text("# Adam\nAdam adapts each step size.\n")
    (glossary / "linked-vault").symlink_to(outside, target_is_directory=True)
    (glossary / "gone").symlink_to(tmp_path / "nothing")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n")
    generated = generate(glossary)
    assert sorted(term.name for term in generated.linked.glossary.terms) == ["Adam", "Dropout"]
    said = [str(issue) for issue in generated.issues]
    assert "glossary/notes/loop: a symlink to a folder already read (a loop, or a second link): skipped" in said
    assert "glossary/gone: a link to nothing (broken symlink): skipped" in said


def test_a_vault_of_two_thousand_notes_builds(tmp_path):
    glossary = tmp_path / "glossary"
    for folder in range(20):
        (glossary / f"topic {folder}").mkdir(parents=True)
        for number in range(100):
            n = folder * 100 + number
            links = f"[[Concept {n + 1}]] and [[Concept {(n * 7) % 2000}|the seventh]]"
            (glossary / f"topic {folder}" / f"Concept {n}.md").write_text(
                f"---\naliases: [C{n}]\n---\n# Concept {n}\nConcept {n} is defined by {links}. $x_{n}$\n"
            )
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\n")
    generated = generate(glossary)
    assert len(generated.linked.glossary.terms) == 2000
    unresolved = [issue for issue in generated.issues if "links to no note" in issue.message]
    assert [str(issue) for issue in unresolved] == [
        "glossary/topic 19/Concept 1999.md:5: [[Concept 2000]] links to no note or term: shown as plain text"
    ]


def test_the_vault_builds_strict_with_no_broken_link(tmp_path):
    project = copy_project(tmp_path / "project", VAULT)
    (project / "glossary" / "Optimisers" / "Adam.md").write_text(
        (VAULT / "Optimisers" / "Adam.md").read_text().replace("![[missing-figure.png]]\n", "")
    )
    epoch = project / "glossary" / "Epoch.md"
    epoch.write_text(epoch.read_text().replace("aliases: [Adam]", "aliases: [full pass]"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert broken_links(site) == []
    page = (site / "terms" / "low-rank-adaptation" / "index.html").read_text()
    assert 'href="../../terms/fine-tuning/"' in page and "[[" not in page.split('id="related"')[0]
    assert (site / "vendor" / "katex" / "katex.min.js").is_file()


def test_vault_linked_into_glossary(tmp_path):
    """A symlink to a vault elsewhere reads as the vault itself."""
    project = copy_project(tmp_path / "project")
    shutil.copytree(VAULT, tmp_path / "my-vault")
    (project / "glossary" / "vault").symlink_to(tmp_path / "my-vault", target_is_directory=True)
    generated = generate(project / "glossary")
    names = {term.name for term in generated.linked.glossary.terms}
    assert {"Low-Rank Adaptation", "Transformer", "Adam"} <= names


def test_maths_typeset_in_the_browser(vault_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("request", lambda request: None if request.url.startswith(vault_server) else outside.append(request.url))
    page.goto(f"{vault_server}/terms/low-rank-adaptation/")
    page.wait_for_selector(".arithmatex .katex")
    assert page.locator(".note-md .arithmatex .katex").count() >= 5
    assert page.locator(".gist .katex").count() >= 1  # maths in the gist, typed as \( \)
    assert "\\frac" not in page.locator("article").inner_text()
    page.goto(f"{vault_server}/terms/attention/")
    page.wait_for_selector(".note-md .katex-display")  # "\\[ … \\]" as typed in the note
    page.goto(f"{vault_server}/a-z/")  # gists with maths in the A–Z list
    page.wait_for_selector("article li .katex")
    assert "\\Delta" not in page.locator("article").inner_text()
    page.goto(f"{vault_server}/terms/epoch/")
    assert errors == [] and outside == []
    context.close()


@pytest.mark.parametrize(
    ("alias", "slug"),
    [
        ("LoRA", "low-rank-adaptation"),
        ("finetuning", "fine-tuning"),
        ("BatchNorm", "batch-normalization"),
        ("position embeddings", "positional-encoding"),
        ("step size", "learning-rate"),
    ],
)
def test_front_matter_aliases_find_their_page_in_search(vault_server, browser, alias, slug):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{vault_server}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type(alias, delay=20)
    first = page.locator(".md-search-result__link").first
    first.wait_for()
    assert f"/terms/{slug}/" in (first.get_attribute("href") or "")
    page.close()


@pytest.fixture(scope="module")
def vault_server(tmp_path_factory):
    from glosstools.localsite import free_port, serve

    project = copy_project(tmp_path_factory.mktemp("vault-site"), VAULT)
    result = mkdocs_build(project, strict=False)
    assert result.returncode == 0, result.stderr
    with serve(project / "site", free_port()) as url:
        yield url.rstrip("/")
