"""How alike two terms' definitions are: TF-IDF vectors and cosine similarity, with scikit-learn.

A term's document is its name, its other names and the plain text of all its
definitions.  Vectors are L2-normalised, so a dot product is the cosine.
scikit-learn is imported on first use: it is slow to import and a build that
needs no similarity should not pay for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Glossary, Slug, Term

BLOCK = 1000  # rows of cosines computed at once (BLOCK x terms floats)


def document(term: Term) -> str:
    parts = [term.name, *term.aliases]
    for definition in term.definitions:
        parts.extend(definition.paragraphs)
        parts.extend(definition.bullets)
    return "\n".join(parts)


@dataclass(frozen=True)
class Similarity:
    slugs: tuple[Slug, ...]
    matrix: Any  # scipy.sparse CSR, one L2-normalised row per term, or None when no text has a word
    index: dict[Slug, int] = field(default_factory=dict)

    def cosine(self, a: Slug, b: Slug) -> float:
        return self.cosines([(a, b)])[0]

    def cosines(self, pairs: list[tuple[Slug, Slug]]) -> list[float]:
        """The cosine of each pair, all at once: the rows of the pairs' left terms times the rows of
        their right terms, element by element, summed per row (two row gathers and one product,
        however many pairs; no matrix is built per pair)."""
        if self.matrix is None or not pairs:
            return [0.0] * len(pairs)
        import numpy as np

        known = [a in self.index and b in self.index for a, b in pairs]
        left = np.fromiter((self.index.get(a, 0) for a, _ in pairs), dtype=np.int64, count=len(pairs))
        right = np.fromiter((self.index.get(b, 0) for _, b in pairs), dtype=np.int64, count=len(pairs))
        products = np.asarray(self.matrix[left].multiply(self.matrix[right]).sum(axis=1)).ravel()
        return [float(value) if ok else 0.0 for value, ok in zip(products, known, strict=True)]

    def nearest(self, count: int) -> dict[Slug, list[tuple[Slug, float]]]:
        """Each term's ``count`` most similar other terms with their cosine, best first (cosine > 0).

        Rows are L2-normalised, so a block of rows times the whole matrix transposed is a block
        of cosines; blocks keep the memory to ``BLOCK`` rows of dense scores at a time."""
        if self.matrix is None or len(self.slugs) < 2:
            return {slug: [] for slug in self.slugs}
        import numpy as np

        result: dict[Slug, list[tuple[Slug, float]]] = {}
        transposed = self.matrix.T.tocsc()
        keep = min(count, len(self.slugs) - 1)
        for start in range(0, len(self.slugs), BLOCK):
            scores = (self.matrix[start : start + BLOCK] @ transposed).toarray()
            for offset in range(scores.shape[0]):
                scores[offset, start + offset] = 0.0  # not itself
            best = np.argpartition(-scores, keep - 1, axis=1)[:, :keep]
            for offset, columns in enumerate(best):
                row = scores[offset]
                pairs = [(self.slugs[c], round(float(row[c]), 4)) for c in columns if row[c] > 1e-9]
                result[self.slugs[start + offset]] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        return result


def build(glossary: Glossary) -> Similarity:
    slugs = tuple(term.slug for term in glossary.terms)
    index = {slug: number for number, slug in enumerate(slugs)}
    if not slugs:
        return Similarity(slugs, None, index)
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, token_pattern=r"(?u)\b\w[\w-]*\w\b", dtype=np.float32
    )
    try:
        matrix = vectorizer.fit_transform([document(term) for term in glossary.terms]).tocsr()
    except ValueError:  # no word in any text (an empty vocabulary)
        return Similarity(slugs, None, index)
    return Similarity(slugs, matrix, index)
