"""Synthetic glossaries in the real note shapes, seeded: the benchmark's data."""

from __future__ import annotations

import random
from pathlib import Path

SEED = 20261121
NAME_WORDS = """adaptive attention batch bayesian convolution dropout embedding gradient kernel latent layer loss
momentum network norm optimizer pooling recurrent residual sampling sparse tensor token transformer variational
weight activation encoder decoder classifier regression entropy divergence margin prior posterior softmax sigmoid
gating memory projection quantization pruning distillation augmentation schedule warmup clipping initialization
boosting ensemble manifold contrastive diffusion denoising generative discriminator adversarial graph message
spectral capsule routing mixture expert head query key value position rotary relative causal masked bidirectional
stochastic hierarchical multiscale depthwise separable dilated strided transposed upsampling downsampling skip
highway dense shallow wide temporal spatial channel feature anchor proposal bounding segmentation detection
retrieval ranking metric triplet siamese prototype meta curriculum continual federated lottery sharpness
calibration uncertainty""".split()  # noqa: SIM905
PROSE_WORDS = """the a of to and in is for that with as by on this it from are be or which when an model data
training each its their used can into more than over during every other between while these values input output
learning parameters function step example set small large number new same each error rate update across first
helps makes uses keeps reduces improves measures controls describes changes maps learns computes combines""".split()  # noqa: SIM905


def term_names(count: int, rng: random.Random) -> list[str]:
    names: dict[str, str] = {}
    while len(names) < count:
        size = rng.choice((2, 2, 3))
        words = rng.sample(NAME_WORDS, size)
        name = " ".join(words)
        names.setdefault(" ".join(sorted(words)) + str(size), name[0].upper() + name[1:])
    return list(names.values())


def definition(name: str, names: list[str], rng: random.Random, length: int, mentions: int = 3) -> str:
    words = [rng.choice(PROSE_WORDS) for _ in range(length)]
    for _ in range(mentions):  # mention other terms, sometimes in the plural
        other = rng.choice(names).lower()
        if other != name.lower():
            words.insert(rng.randrange(len(words)), other + ("s" if rng.random() < 0.3 else ""))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def synthetic_glossary(folder: Path, count: int, seed: int = SEED) -> None:
    """Notes in the four shapes, ~1,000 entries a file, 15% of terms written twice."""
    rng = random.Random(seed)
    names = term_names(count, rng)
    entries = names + rng.sample(names, count * 15 // 100)
    rng.shuffle(entries)
    folder.mkdir(parents=True, exist_ok=True)
    shapes = ("loci", "what-is", "keywords", "wiki")
    buckets: dict[str, list[str]] = {shape: entries[i :: len(shapes)] for i, shape in enumerate(shapes)}
    for shape, bucket in buckets.items():
        for part, start in enumerate(range(0, len(bucket), 1000)):
            chunk = bucket[start : start + 1000]
            path = folder / f"{shape}-{part:03d}.txt"
            if shape == "loci":
                lines = [
                    f"Room {i // 10 + 1} spot {i % 10 + 1}: {n}: {definition(n, names, rng, rng.randint(8, 16))}"
                    for i, n in enumerate(chunk)
                ]
                text = "\n".join(lines) + "\n"
            elif shape == "what-is":
                blocks = []
                for n in chunk:
                    bullets = [definition(n, names, rng, rng.randint(10, 18)) for _ in range(2)]
                    blocks.append(f"### what is {n.lower()}\n" + "".join(f"- {b}\n" for b in bullets))
                text = "GLOSSARY OF TERMS\n\n" + "".join(blocks)
            elif shape == "keywords":
                blocks = [f"{n}\n\n{definition(n, names, rng, rng.randint(25, 45))}\n" for n in chunk]
                text = "example.org\n\nexample.org/blog\n\ndeep learning keywords\n\n" + "\n".join(blocks)
            else:
                half = len(chunk) // 2
                sections = "".join(
                    f"## {n}\n\n{definition(n, names, rng, rng.randint(25, 40))}\n\n" for n in chunk[:half]
                )
                rows = "".join(f"{n} | {definition(n, names, rng, rng.randint(15, 30))} |\n\n" for n in chunk[half:])
                text = f"# Wiki {part}\n\nsomeone's\nversion from\n2024-01-01 10:00\n\n{sections}## Terms\n\nQuestion | Answer |\n---|---|\n\n{rows}"
            path.write_text(text, encoding="utf-8")


def dense_glossary(folder: Path, count: int, seed: int = SEED, mentions: int = 10) -> None:
    """One Markdown note of ``count`` terms, a heading each, about 60 words and ``mentions`` term
    mentions a definition: notes as dense in mentions as people's are."""
    rng = random.Random(seed)
    names = term_names(count, rng)
    folder.mkdir(parents=True, exist_ok=True)
    blocks = [f"## {n}\n\n{definition(n, names, rng, rng.randint(40, 55), mentions)}\n" for n in names]
    (folder / "glossary.md").write_text("# Deep-learning glossary\n\n" + "\n".join(blocks), encoding="utf-8")


def long_walk(folder: Path, count: int, seed: int = SEED, mentions: int = 10) -> None:
    """One loci note: a walk of ``count`` stops, each a term with a definition as dense as above."""
    rng = random.Random(seed)
    names = term_names(count, rng)
    folder.mkdir(parents=True, exist_ok=True)
    lines = [
        f"Room {i // 20 + 1} spot {i % 20 + 1}: {n}: {definition(n, names, rng, rng.randint(40, 55), mentions)}"
        for i, n in enumerate(names)
    ]
    (folder / "walk.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


PROFILES = {"light": synthetic_glossary, "dense": dense_glossary, "walk": long_walk}
