"""Merging spellings into one term, and linking mentions."""

from pathlib import Path
from textwrap import dedent

from hypothesis import given, settings
from hypothesis import strategies as st

from gloss import names
from gloss.link import Matcher, link
from gloss.merge import merge
from gloss.merge.curated import Curated, CuratedTerm
from gloss.read import parse_note


def note(text: str, name: str = "n.txt"):
    parsed, issues = parse_note(dedent(text).encode(), f"glossary/{name}", Path(name).stem)
    assert parsed is not None, issues
    return parsed


def test_key_unifies_spellings_but_not_concepts():
    same = ["Recurrent Neural Networks (RNNs)", "what is a recurrent neural network", "recurrent-neural network"]
    assert {names.key(n) for n in same} == {"recurrent neural network"}
    assert names.key("Loss Functions") == names.key("loss function")
    assert names.key("gradient") != names.key("gradient descent")
    assert names.key("normalization") != names.key("batch normalization")
    assert names.key("Bias") == "bias" and names.key("loss") == "loss"


# Words that ``key`` drops, splits or keeps, so that a paragraph can come close to a name.
PIECES = st.sampled_from(
    ["what", "is", "are", "a", "the", "an", "Dropout", "dropout", "drop-out", "layers", "layer", "(", ")", "(ReLU)",
     "-", "—", "_", "?", ":", ".", ",", "mini", "batch", "minibatch", "optimiser", "Café", "x", "\t", "  "]
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=14).map(" ".join)


@given(TEXTS, TEXTS)
@settings(max_examples=600, deadline=None)
def test_same_key_is_key_equality(text, name):
    assert names.same_key(text, names.key(name)) == (names.key(text) == names.key(name))


def test_slugs_are_safe_unique_and_stable():
    assert names.slug("Learning rate") == "learning-rate"
    assert names.slug("../x") == "x"
    assert names.slug("+++").startswith("term-")
    assert len(names.slug("x" * 300)) <= 70
    slugs = names.unique_slugs([("c++", "C++"), ("c", "C"), ("c#", "C#")])
    assert len(set(slugs.values())) == 3
    assert slugs == names.unique_slugs(list(reversed([("c++", "C++"), ("c", "C"), ("c#", "C#")])))
    assert all(s.replace("-", "").isalnum() for s in slugs.values())


def test_merge_credits_identical_definitions_once_and_uses_aliases():
    a = note("Door: Backprop: calcs grads\nHall: Dropout: drop units\n", "a.txt")
    b = note("---\ntitle: B\n---\n- : Backprop: calcs grads\n- : Dropout: other words\n", "b.txt")
    c = note("### what is backpropagation\n- use grads\n", "c.txt")
    curated = Curated(terms=(CuratedTerm("Backpropagation", ("Backprop",), 1),))
    glossary = merge([a, b, c], curated)
    by_slug = {t.slug: t for t in glossary.terms}
    assert set(by_slug) == {"backpropagation", "dropout"}
    backprop = by_slug["backpropagation"]
    assert backprop.aliases == ("Backprop",)
    assert [len(d.sources) for d in backprop.definitions] == [2, 1]
    assert [len(d.sources) for d in by_slug["dropout"].definitions] == [1, 1]
    assert [(s.number, s.locus, s.term) for s in glossary.walks[0].stops] == [
        (1, "Door", "backpropagation"),
        (2, "Hall", "dropout"),
    ]


def test_abbreviation_in_a_definition_becomes_an_alias():
    a = note(
        "x\n\nLong Short-Term Memory\n\nLong Short-Term Memory (LSTM) networks are a type of network.\n\nEpoch\n\nOne pass over all data.\n"
    )
    glossary = merge([a], Curated())
    lstm = next(t for t in glossary.terms if t.slug == "long-short-term-memory")
    assert lstm.aliases == ("LSTM",)


def test_matcher_longest_whole_words_plurals():
    matcher = Matcher(
        {"gradient": "g", "gradient descent": "gd", "neural network": "nn", "self attention": "sa", "attention": "a"}
    )
    text = "Gradient descent uses gradients; neural networks use self-attention, not attention-like tricks."
    found = [(text[s:e], slug) for s, e, slug in matcher.find(text)]
    assert found == [
        ("Gradient descent", "gd"),
        ("gradients", "g"),
        ("neural networks", "nn"),
        ("self-attention", "sa"),
    ]


def test_link_skips_code_self_and_repeats():
    a = note(
        dedent("""\
        ### what is tensor
        - a tensor is an array; tensor again; see optimizer and optimizer.step()
        ### what is optimizer
        - updates a tensor
        """)
    )
    linked = link(merge([a], Curated()))
    tensor = linked.terms["tensor"]
    segments = tensor.definitions[0].bullets[0]
    assert [(s.kind, s.text) for s in segments if s.kind != "text"] == [
        ("link", "optimizer"),
        ("code", "optimizer.step()"),
    ]
    assert tensor.links_to == ("optimizer",)
    assert tensor.linked_from == ("optimizer",)


def test_site_name_is_read_from_mkdocs_yml():
    from conftest import ROOT

    from gloss import settings

    assert settings.from_file(ROOT / "mkdocs.yml").site_name == "Deep-learning glossary"


def test_matcher_survives_symbols_and_underscore_tokens():
    """A token of underscores alone once crashed the matcher (IndexError) on notes holding ∇."""
    matcher = Matcher({"gradient": "gradient", "term": "term"})
    assert matcher.find("the ∇ _ __ gradient __init__ ∂_ term") == [(11, 19, "gradient"), (32, 36, "term")]


def test_built_urls_from_a_page_keep_their_anchor():
    from gloss.paths import url_to

    assert url_to("terms/dropout.md", "terms/epoch.md") == "../../terms/epoch/"
    assert url_to("terms/dropout.md", "sources/notes.md#line-3") == "../../sources/notes/#line-3"
    assert url_to("a-z.md", "walk.md#walk-12") == "../walk/#walk-12"
    assert url_to("index.md", "downloads/deck.apkg") == "downloads/deck.apkg"
