"""One concept, one page: names that are one concept merge, each for a reason in the report;
look-alikes stay apart; stubs are names; the gist is chosen; list items never leak."""

from pathlib import Path
from textwrap import dedent

from hypothesis import given, settings
from hypothesis import strategies as st

from gloss import names
from gloss.merge import curated as curated_file
from gloss.merge import merge, variants
from gloss.merge.curated import Curated
from gloss.model import Level
from gloss.read import parse_note


def note(text: str, name: str):
    parsed, issues = parse_note(dedent(text).encode(), f"glossary/{name}", Path(name).stem)
    assert parsed is not None, issues
    return parsed


def terms(glossary):
    return {term.name: term for term in glossary.terms}


def infos(glossary):
    return [str(issue) for issue in glossary.issues if issue.level == Level.INFO]


# Three people's notes on the same course, each in their own mess.
ANNA = """\
# my DL notes (anna)

**Optimisers**: Optimisers update the weights of a network to lower the loss after every batch.
**Regularisation** - anything that stops the model from memorising the training set.
**Neural networks layer**: one stage of a network that transforms its input.
**(Artificial) Neural networks**: Neural networks are stacks of layers of simple units that learn from data.
**Backward pass(backpropagation)**: The backward pass sends the error back through the layers to get the gradients.
**Colour jitter**: Colour jitter randomly changes the brightness and hue of training images.
**Mini-batch**: A mini-batch is a small random subset of the training data used for one update.
**DL**: Deep Learning
**Softmax function**: The softmax function turns a vector of scores into probabilities that sum to one.
**Loss function**: A loss function measures how far the predictions of a model are from the true labels.
**Attention mechanism**: TODO
"""

BEN = """\
Ben's glossary
==============

- Optimizer: An optimizer is the algorithm that changes the weights so that the loss goes down.
- Regularization: penalties such as L1 or L2 that keep weights small and prevent overfitting
- Neural network layers: A layer of a neural network applies weights and an activation to its inputs.
- Artificial neural network: a model made of connected units, loosely inspired by the brain
- Backpropagation: Backpropagation computes the gradient of the loss for every weight by the chain rule.
- Color jitter: random changes of colour in images, a kind of augmentation
- Minibatch: a small batch of examples
- Softmax: Softmax turns scores (logits) into probabilities that are positive and sum to one.
- Loss: Loss is the number the optimiser tries to make small during training of the network.
- Attention: Attention lets a model weigh the parts of its input by how relevant they are to a query.
- Convolution: A convolution slides a small kernel over an image and sums the products.
- Example: An instance (with its features) and a label.
"""

CHEN = """\
Chen
----

Deep learning: Deep learning is machine learning with neural networks of many layers.
SVM: Support Vector Machine
Convolutional layer: A layer that applies learnt convolutions to its input feature maps.
Convolutional neural network: A network built mostly from convolutional layers, used for images.
Gradient: The gradient is the vector of partial derivatives of the loss with respect to the weights.
Gradient descent: Gradient descent repeatedly moves the weights against the gradient of the loss.
Normalization: Rescaling values to a standard range such as 0 to 1 before training.
Batch normalization: Batch normalization normalises the activations of a layer over each mini-batch.
L1 loss: The mean absolute error between predictions and targets.
L1 regularization: A penalty on the sum of the absolute values of the weights.
Self-attention: Attention where a sequence attends to itself, each token to every other token.
ReLU: ReLU returns its input when positive and zero otherwise.
ReLU expression: output = relu(dot(W, input) + b)
Rectified Linear (ReLU) activation function: The rectified linear unit returns the input if it is positive and zero otherwise.
Attention: Be the first to contribute!
Dropout: …
"""


def glossary(curated: Curated | None = None):
    notes = [note(ANNA, "anna.md"), note(BEN, "ben.md"), note(CHEN, "chen.md")]
    return merge(notes, curated or Curated())


def test_spelling_variants_merge_with_a_reason():
    g = glossary()
    found = terms(g)
    assert "Optimizer" in found and "Optimisers" not in found
    assert len(found["Optimizer"].definitions) == 2
    assert len({"Regularization", "Regularisation"} & set(found)) == 1
    assert "Colour jitter" not in found or "Color jitter" not in found
    assert "Minibatch" in found or "Mini-batch" in found
    assert not ({"Minibatch", "Mini-batch"} <= set(found))
    report = infos(g)
    assert any("'Optimisers' joins 'Optimizer': British/American spelling" in line for line in report), report
    assert any(line.startswith("glossary/anna.md:3:") and "spelling" in line for line in report), report
    assert any("hyphenation" in line for line in report)


def test_key_keeps_words_that_only_look_british():
    for word in ("size", "noise", "raise", "precise", "analysis", "supervised", "denoising", "otherwise"):
        assert names.american(word) == word
    assert names.key("Batch size") == "batch size"
    assert names.key("Colour") == names.key("color") == "color"
    assert names.key("Behaviour cloning") == names.key("behavior cloning")
    assert names.key("analyse") == names.key("analyze")
    assert names.key("Dialogue state") == names.key("dialog states")
    assert names.key("Noise schedule") != names.key("Nose schedule")


def test_plurals_of_any_word_and_parenthesised_words():
    found = terms(glossary())
    layer = [t for t in found.values() if names.key(t.name) == "neural network layer"]
    assert len(layer) == 1 and len(layer[0].definitions) == 2
    network = [t for t in found.values() if "Artificial neural network" in (t.name, *t.aliases)]
    assert len(network) == 1 and len(network[0].definitions) == 2
    backprop = [t for t in found.values() if {"Backward pass", "Backpropagation"} <= {t.name, *t.aliases}]
    assert len(backprop) == 1 and len(backprop[0].definitions) == 2
    relu = found["ReLU"]
    assert "Rectified Linear activation function" in relu.aliases and len(relu.definitions) == 2


def test_look_alikes_stay_apart():
    found = terms(glossary())
    for name in (
        "Convolution", "Convolutional layer", "Convolutional neural network", "Gradient", "Gradient descent",
        "Normalization", "Batch normalization", "L1 loss", "L1 regularization", "Self-attention", "ReLU expression",
    ):  # fmt: skip
        assert name in found, name
    assert found["ReLU expression"].slug != found["ReLU"].slug


def test_head_words_merge_only_when_definitions_agree():
    g = glossary()
    found = terms(g)
    softmax = [t for t in found.values() if names.key(t.name).startswith("softmax")]
    assert len(softmax) == 1 and len(softmax[0].definitions) == 2
    assert "Loss" in found and "Loss function" in found
    report = infos(g)
    softmax = [line for line in report if "Softmax function" in line and "joins" in line]
    assert softmax and f">= {variants.HEAD_WORD_SIMILARITY}" in softmax[0]
    near = [line for line in report if "'Loss' / 'Loss function'" in line]
    assert near and "same: [[Loss, Loss function]]" in near[0] and "apart: [[Loss, Loss function]]" in near[0]


def test_stubs_are_names_and_alone_keep_a_stub_page():
    g = glossary()
    found = terms(g)
    attention = found["Attention"]
    assert not attention.stub and len(attention.definitions) == 1
    assert {s.note for d in attention.definitions for s in d.sources} == {"ben"}  # who defines it
    assert {s.note for s in attention.named_in} == {"chen"}  # who only names it: credited as a name
    assert "Be the first" not in attention.gist
    assert found["Attention mechanism"].stub  # a stub has no definition to agree with: reported, not merged
    assert any("'Attention' / 'Attention mechanism': one has no definition" in line for line in infos(g))
    dropout = found["Dropout"]
    assert dropout.stub and dropout.gist == "No definition yet."
    assert all(not d.paragraphs and not d.body for d in dropout.definitions)
    assert any("Dropout" in line and "stub" in line for line in infos(g))
    assert not found["Loss"].stub


def test_abbreviation_lines_give_aliases_not_definitions():
    found = terms(glossary())
    deep = next(t for t in found.values() if names.key(t.name) == "deep learning")
    assert "DL" in deep.aliases and len(deep.definitions) == 1
    assert "Deep Learning" not in deep.definitions[0].paragraphs
    svm = found["Support Vector Machine"]
    assert svm.stub and "SVM" in svm.aliases


def test_placeholders():
    for text in (
        "Be the first to contribute!",
        "TODO",
        "tbd.",
        "…",
        "...",
        "Coming soon",
        "to be added",
        "No definition yet",
    ):
        assert variants.is_placeholder(text), text
    assert not variants.is_placeholder("Todo lists are not a deep-learning term.")


def test_gist_is_a_real_sentence_of_the_clearest_definition():
    a = note("- Loss: loss\n- Epoch: what is an epoch?\n", "a.md")
    b = note("- Epoch: https://example.org/epoch\n- Epoch: EP: Epoch Pass\n", "b.md")
    c = note(
        "Epoch: One pass. \n\nEpoch: An epoch is one full pass of the training loop over every example in the data set.\n",
        "c.md",
    )
    found = terms(merge([a, b, c], Curated()))
    assert found["Epoch"].gist.startswith("An epoch is one full pass")


def test_curated_same_and_apart_with_a_bad_entry(tmp_path):
    path = tmp_path / "curated.yml"
    path.write_text(
        dedent("""\
        same:
          - [Loss, Loss function]
          - [Dropout]
        apart:
          - [Softmax, Softmax function]
          - [Nothing such, Loss]
        """),
        encoding="utf-8",
    )
    loaded = curated_file.load(path, "glossary/curated.yml")
    assert [str(i) for i in loaded.issues] == [
        "glossary/curated.yml:3: 'same' entries are lists of two or more names, such as [Loss, Loss function]"
    ]
    g = glossary(loaded)
    found = terms(g)
    assert "Loss function" in found and "Loss" not in found
    assert "Softmax function" in found and "Softmax" in found  # kept apart
    problems = [str(i) for i in g.issues if i.level == Level.WARNING]
    assert "glossary/curated.yml:6: apart: 'Nothing such' matches no entry of any note" in problems


def test_example_in_a_term_list_is_a_term_and_prose_note_is_not():
    ben = note(BEN, "ben.md")
    assert "Example" in [entry.name for entry in ben.entries]
    prose = note("# t\n\nNote: this whole note is prose about nothing.\n", "p.md")
    assert "Note" not in [entry.name for entry in prose.entries]


REST = st.sampled_from(["one pass.", "An instance (with its features) and a label.", "", "TODO"])
TERM = st.tuples(st.sampled_from(["Loss", "Epoch", "Gradient", "Learning rate", "Tensor"]), REST)
NOT_TERM = st.tuples(st.sampled_from(["Example", "Note", "Definition", "Tip", "Summary"]), REST)
# A list of term items, some "Example: ..." items among them (never more than the terms).
ITEMS = st.lists(st.tuples(TERM, st.one_of(st.none(), NOT_TERM)), min_size=1, max_size=5).map(
    lambda pairs: [item for term, other in pairs for item in ([term, other] if other else [term])]
)


@settings(max_examples=60, deadline=None)
@given(ITEMS, st.sampled_from(["- ", "* ", "1. ", ""]), st.booleans())
def test_entries_lie_in_one_block_and_never_share_a_line(items, marker, blank):
    """Blocks are blank-line separated (a loose list's items are blocks of their own); bare term lines
    are one paragraph (a paragraph after a bare term line is more of its definition, by design)."""
    blank = blank and bool(marker)
    text = ("\n" if blank else "").join(f"{marker}{name}: {rest}".rstrip() + "\n" for name, rest in items)
    parsed, _ = parse_note(text.encode(), "glossary/h.md", "h")
    if parsed is None or parsed.shape == "concept":  # no shape fits, or the whole note is one concept
        return
    lines = text.split("\n")
    blocks, current = [], set()
    for number, line in enumerate(lines, start=1):
        if line.strip():
            current.add(number)
        elif current:
            blocks.append(current)
            current = set()
    if current:
        blocks.append(current)
    seen: set[int] = set()
    for entry in parsed.entries:
        shown = set(entry.lines) | {entry.line}
        assert any(shown <= block for block in blocks), (entry, text)
        assert not (shown & seen), (entry, text)
        seen |= shown
