"""Each note shape parsed from inline strings: the entries and the issues."""

from textwrap import dedent

from gloss.shapes import keywords, loci, what_is, wiki, yaml_list

parse_list = yaml_list.parse
parse_loci = loci.parse
parse_what_is = what_is.parse
parse_keywords = keywords.parse
parse_wiki = wiki.parse


def names(parsed):
    return [entry.name for entry in parsed.entries]


def test_list_front_matter_terms_and_code_lines():
    parsed = parse_list(
        dedent("""\
        ---
        title: Deep Learning Terms
        tags: [Mental Castle]
        description: Walk through home
        ---

        - : Learning rate: how quickly params are updated
        - : Core training step:
        - : output_batch = model(train_batch)
        - : optimizer.zero_grad() \t# clear prev grads
        - : Model.train(): before training, impacts: dropout
        """),
        "n.txt",
    )
    assert parsed.title == "Deep Learning Terms"
    assert ("Description", "Walk through home") in parsed.meta
    assert names(parsed) == ["Learning rate", "Core training step", "Model.train()"]
    step = parsed.entries[1]
    assert [c.text for c in step.code] == [
        "output_batch = model(train_batch)",
        "optimizer.zero_grad() \t# clear prev grads",
    ]
    assert step.locus is None and step.paragraphs == ()
    assert parsed.entries[2].paragraphs == ("before training, impacts: dropout",)
    assert parsed.issues == []


def test_list_bad_front_matter_names_the_line():
    parsed = parse_list("---\ntitle: [unclosed\n---\n- : A: b\n", "n.txt")
    assert [str(i) for i in parsed.issues][0].startswith("n.txt:")
    assert "front matter is not valid YAML" in parsed.issues[0].message
    assert names(parsed) == ["A"]


def test_list_line_before_any_entry_is_reported():
    parsed = parse_list("- : x = f(y)\n", "n.txt")
    assert parsed.entries == []
    assert [(i.line, i.level) for i in parsed.issues] == [(1, "warning")]


def test_loci_keep_their_locus_and_repeat():
    parsed = parse_loci(
        dedent("""\
        TV: PCA: dimensionality reduction technique
        Window: Core training step:
        Balcony: output_batch = model(train_batch)
        TV: model.eval(): after training"""),
        "w.txt",
    )
    assert [(e.locus, e.name) for e in parsed.entries] == [
        ("TV", "PCA"),
        ("Window", "Core training step"),
        ("TV", "model.eval()"),
    ]
    assert parsed.entries[1].code[0].locus == "Balcony"
    assert parsed.issues == []


def test_loci_line_without_shape_is_reported():
    parsed = parse_loci("Door: Tensor: array\nthis line has no colon at all\n", "w.txt")
    assert [(i.path, i.line) for i in parsed.issues] == [("w.txt", 2)]


def test_what_is_headings_bullets_urls_and_empty_terms():
    parsed = parse_what_is(
        dedent("""\
        GLOSSARY OF TERMS

        ### what is convolutional layer
        - https://example.org/glossary/#convolutional-layer
        ### what is a timestep

        ### what is an embedding layer
        - a special hidden layer
        - eg a 73000 one-hot vector
        """),
        "g.txt",
    )
    assert parsed.title == "GLOSSARY OF TERMS"
    assert names(parsed) == ["convolutional layer", "timestep", "embedding layer"]
    assert parsed.entries[0].refs == ("https://example.org/glossary/#convolutional-layer",)
    assert parsed.entries[1].bullets == () and parsed.entries[1].paragraphs == ()
    assert parsed.entries[2].bullets == ("a special hidden layer", "eg a 73000 one-hot vector")


def test_keywords_header_lines_are_metadata():
    parsed = parse_keywords(
        dedent("""\
        example.org

        example.org/blog

        deep learning keywords

        Neural Networks

        Neural networks are computational models inspired by the brain.

        Dropout

        Dropout is a regularization method."""),
        "k.txt",
    )
    assert parsed.title == "deep learning keywords"
    assert parsed.meta == [("Site", "example.org"), ("Path", "example.org/blog")]
    assert names(parsed) == ["Neural Networks", "Dropout"]
    assert parsed.entries[1].paragraphs == ("Dropout is a regularization method.",)
    assert parsed.issues == []


def test_wiki_sections_table_rows_metadata_and_footer():
    parsed = parse_wiki(
        dedent("""\
        # Deep learning

        cooldudetta's
        version from
        2017-09-17 22:22

        ## Machine learning

        Searching for useful representations.

        ## Terms

        Question | Answer |
        ---|---|

        Derivative | Rate of change (dy/dx) |

        Gradient | the derivative of a tensor operation |

        ## Pages linking here

        No other pages link to this page."""),
        "wiki.txt",
    )
    assert parsed.title == "Deep learning"
    assert ("Author", "cooldudetta") in parsed.meta
    assert ("Version from", "2017-09-17 22:22") in parsed.meta
    assert names(parsed) == ["Machine learning", "Derivative", "Gradient"]
    assert parsed.entries[1].paragraphs == ("Rate of change (dy/dx)",)
    skipped = {(i.line, i.level) for i in parsed.issues}
    assert {(11, "info"), (13, "info"), (14, "info"), (20, "info"), (22, "info")} == skipped
