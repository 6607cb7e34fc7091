"""Related concepts: ranked related terms with reasons, link precision, topics, graphs, on the seeds and on notes written here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from textwrap import dedent

import pytest
from conftest import ROOT

from gloss.build import generate

PAIRS = [
    ("attention", "self-attention"),
    ("convolution", "convolutional-layer"),
    ("convolution", "convolutional-neural-network"),
    ("convolutional-layer", "convolutional-neural-network"),
    ("encoder", "autoencoder"),
    ("normalization", "batch-normalization"),
    ("minibatch", "batch-size"),
    ("model-train", "model-eval"),
    ("regularization", "l1-regularization"),
    ("regularization", "l2-regularization"),
]


def related_items(site: Path, slug: str) -> list[tuple[str, str]]:
    """The Related list of a built term page: (linked slug, the reasons shown)."""
    html = (site / "terms" / slug / "index.html").read_text(encoding="utf-8")
    section = html.split('id="related"', 1)[1].split("</ul>", 1)[0]
    items = re.findall(r'<li><a href="(?:\.\./)+(?:terms/)?([^/]+)/">[^<]*</a> — (.*?)</li>', section, re.S)
    return [(target, re.sub(r"<[^>]+>", "", why)) for target, why in items]


def test_every_term_page_lists_three_or_more_related_terms(site):
    pages = sorted(p.parent.name for p in (site / "terms").glob("*/index.html"))
    counts = {slug: len(related_items(site, slug)) for slug in pages}
    assert min(counts.values()) >= 3, {s: c for s, c in counts.items() if c < 3}
    assert sum(c >= 3 for c in counts.values()) >= 0.95 * len(pages)


@pytest.mark.parametrize(("one", "other"), PAIRS)
def test_pairs_a_reader_expects_are_connected_both_ways(site, one, other):
    assert other in dict(related_items(site, one)), one
    assert one in dict(related_items(site, other)), other


def test_reasons_say_why_with_the_sentence_of_a_link(site):
    reasons = dict(related_items(site, "regularization"))
    assert "Its name contains “Regularization”" in reasons["l2-regularization"]
    assert "This definition says “L2”" in reasons["l2-regularization"]
    assert "Similar definitions" in reasons["l1-regularization"]
    assert "Also under Regularization" in reasons["dropout"]
    assert re.search(r"Dropout’s definition mentions it: “Dropout is a regularization method", reasons["dropout"])
    assert "See also" in dict(related_items(site, "minibatch"))["batch-size"]


def test_no_page_swallows_the_links(site):
    report = json.loads((site / "build-report.json").read_text())
    assert report["link_targets"]["max_share"] <= 0.10
    assert report["related"]["fewest"] >= 3 and report["related"]["pages_with_fewer_than_3"] == 0
    shares = [entry["share"] for entry in report["link_targets"]["most_linked"]]
    assert shares == sorted(shares, reverse=True) and shares[0] <= 0.10


def test_no_link_inside_a_formula(site):
    html = (site / "terms" / "training-loop-step-4" / "index.html").read_text(encoding="utf-8")
    assert "W -= step * gradient" in html.replace("&amp;", "&")
    assert 'href="../step/"' not in html.split('id="related"')[0]


def test_every_term_page_links_to_its_topic_pages(site):
    linked = generate(ROOT / "glossary")[0]
    for slug in linked.terms:
        html = (site / "terms" / slug / "index.html").read_text(encoding="utf-8")
        topics = re.findall(r'href="\.\./\.\./topics/([^/]+)/"', html.split('id="definitions"')[0])
        assert topics, slug
        for topic in topics:
            listing = (site / "topics" / topic / "index.html").read_text(encoding="utf-8")
            assert f'href="../../terms/{slug}/"' in listing, (slug, topic)


def test_topic_pages_list_their_terms_with_gists(site):
    html = (site / "topics" / "regularization" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../terms/dropout/">Dropout</a>: Dropout is a regularization method' in html
    index = (site / "topics" / "index.html").read_text(encoding="utf-8")
    assert index.count('href="../topics/') == 0 and 'href="regularization/"' in index


def test_graph_page_links_every_term_and_ships_its_layout(site):
    linked = generate(ROOT / "glossary")[0]
    html = (site / "graph" / "index.html").read_text(encoding="utf-8")
    for slug in linked.terms:
        assert f'href="../terms/{slug}/"' in html, slug
    data = json.loads((site / "graph.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == len(linked.terms)
    assert all(0 <= node[0] <= 1 and 0 <= node[1] <= 1 for node in data["nodes"])
    assert data["edges"] and all(a != b for a, b in data["edges"])
    assert '<noscript><img class="concept-graph__picture" src="../graph.svg"' in html
    assert (site / "graph.svg").read_text(encoding="utf-8").count("<circle") == len(linked.terms)


def test_local_graph_on_a_term_page_links_its_neighbours(site):
    html = (site / "terms" / "attention" / "index.html").read_text(encoding="utf-8")
    figure = html.split('<figure class="local-graph">', 1)[1].split("</figure>", 1)[0]
    targets = set(re.findall(r'xlink:href="\.\./\.\./terms/([^/]+)/"', figure))
    assert {target for target, _ in related_items(ROOT / "x" if False else site, "attention")} <= targets
    assert 2 <= len(targets) <= 20


def test_home_page_leads_with_topics_walk_and_most_connected(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<h2 id="([^"]+)"', html)
    assert headings[:3] == ["topics", "the-house-walk", "most-connected-terms"]
    assert "a-z-index" not in headings


def test_a_to_z_links_carry_topics_for_the_filter(site):
    html = (site / "a-z" / "index.html").read_text(encoding="utf-8")
    link = re.search(r'<a [^>]*href="\.\./terms/dropout/"[^>]*>Dropout</a>', html)
    assert link and 'data-topics="regularization layers"' in link.group()
    assert '<nav class="topic-filter" aria-label="Topics">' in html


# --- notes written here ---------------------------------------------------------------------


def glossary(tmp_path: Path, notes: dict[str, str], curated: str = "") -> Path:
    folder = tmp_path / "glossary"
    folder.mkdir()
    for name, text in notes.items():
        (folder / name).write_text(dedent(text), encoding="utf-8")
    if curated:
        (folder / "curated.yml").write_text(dedent(curated), encoding="utf-8")
    return folder


NOTE = dedent("""\
    ## Model
    Input and parameters give an output.

    ## Step
    One update of the model.

    ## Learning rate
    Scales each update: W -= step * gradient, for every model.

    ## Gradient
    How the loss changes with each weight of the model. The gradient points uphill; the model follows it down.
    """)


def test_a_term_links_at_its_first_mention_only_and_never_in_a_formula(tmp_path):
    linked = generate(glossary(tmp_path, {"n.md": NOTE}))[0]
    gradient = linked.terms["gradient"]
    assert gradient.links_to == ("model",)
    assert gradient.definitions[0].html.count("glossary:term/model") == 1
    learning_rate = linked.terms["learning-rate"]
    assert "step" not in learning_rate.links_to and "gradient" not in learning_rate.links_to  # inside the formula
    assert "model" in learning_rate.links_to


def test_curated_autolink_off_and_pinned_words(tmp_path):
    curated = """\
        terms:
          Model:
            autolink: false
        words:
          step: Gradient
        """
    linked = generate(glossary(tmp_path, {"n.md": NOTE + "\n## Update\nA step of training.\n"}, curated))[0]
    assert all("model" not in item.links_to for item in linked.terms.values())
    assert linked.terms["update"].links_to == ("gradient",)  # "step" pinned to Gradient


def test_a_new_term_gets_a_suggested_topic_with_a_report_line(tmp_path):
    curated = """\
        topics:
          optimization:
            name: Optimization
            about: Updating parameters.
        terms:
          Gradient:
            topics: [optimization]
          Learning rate:
            topics: [optimization]
        """
    folder = glossary(tmp_path, {"n.md": NOTE}, curated)
    linked, issues, files = generate(folder)
    lines = [str(issue) for issue in issues if "topic of 'Step'" in issue.message]
    assert lines and lines[0].startswith("glossary/n.md:4: topic of 'Step' suggested: Optimization")
    assert '<li><a href="../../terms/step/">Step</a>' in files["topics/optimization.md"]
    report = json.loads(files["build-report.json"])
    assert report["topic_suggestions"] >= 1


def test_curated_mistakes_name_file_and_line(tmp_path):
    curated = """\
        topics:
          optimization:
            name: Optimization
        terms:
          Gradient:
            topics: [optimisation]
            see_also: [Nonexistent]
            autolink: maybe
        words:
          step: Nothing here
        """
    issues = [str(i) for i in generate(glossary(tmp_path, {"n.md": NOTE}, curated))[1] if i.level == "warning"]
    assert "glossary/curated.yml:8: 'autolink' must be true or false" in issues
    assert "glossary/curated.yml:5: 'Gradient': unknown topic 'optimisation' (see 'topics:')" in issues
    assert "glossary/curated.yml:5: 'Gradient': see_also 'Nonexistent' matches no term" in issues
    assert "glossary/curated.yml:10: word 'step': 'Nothing here' matches no term" in issues


def test_a_tiny_glossary_still_relates_every_term(tmp_path):
    folder = glossary(
        tmp_path, {"n.txt": "Door: Apple: a fruit\nHall: Stone: a rock\nTV: Cloud: water\nBed: Moon: a rock too\n"}
    )
    linked, issues, files = generate(folder)
    for slug in linked.terms:
        related = files[f"terms/{slug}.md"].split('<ul class="related">', 1)[1].split("</ul>", 1)[0]
        assert related.count("<li>") >= 3, slug


def test_tfidf_is_scikit_learns():
    """similarity.tfidf gives scikit-learn's TfidfVectorizer's vectors, without its import on every build."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from gloss import similarity
    from gloss.merge import curated, merge
    from gloss.read import parse

    for folder in (ROOT / "glossary", ROOT / "tests" / "vault", ROOT / "tests" / "notes"):
        notes, _ = parse(folder)
        documents = [similarity.document(term) for term in merge(notes, curated.Curated(), "x").terms]
        ours = similarity.tfidf(documents)
        theirs = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, token_pattern=similarity.TOKEN.pattern, dtype=np.float32
        ).fit_transform(documents)
        assert ours.shape == theirs.shape and abs(ours - theirs).max() < 1e-6
    assert similarity.tfidf(["", "  "]) is None


def test_a_local_graph_with_more_terms_than_related_says_so(tmp_path):
    """Related lists the strongest eight; the picture adds terms linked with this one beyond them, and its
    caption and label say so (a reader counted twelve nodes under "among its related terms")."""
    others = ["Kernel", "Stride", "Padding", "Channel", "Filter", "Pooling", "Feature map", "Receptive field",
              "Dilation", "Depthwise", "Upsampling"]  # fmt: skip
    text = "## Convolution\nSlides a kernel: " + ", ".join(name.lower() for name in others) + " all matter.\n\n"
    text += "".join(f"## {name}\nA part of how images are read, step by step.\n\n" for name in others)
    _, _, files = generate(glossary(tmp_path, {"cnn.md": text}))
    page = files["terms/convolution.md"]
    assert page.count('<li><a href="../../terms/') == 8  # Related
    assert 'aria-label="Convolution and 11 related and linked terms"' in page
    assert "<figcaption>Convolution among its related terms and more terms it links with;" in page
    kernel = files["terms/kernel.md"]
    assert "<figcaption>Kernel among its related terms;" in kernel
