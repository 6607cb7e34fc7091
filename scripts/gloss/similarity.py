"""How alike two terms' definitions are: TF-IDF vectors and cosine similarity.

A term's document is its name, its other names and the plain text of all its
definitions.  The vectors are scikit-learn's ``TfidfVectorizer(stop_words="english",
sublinear_tf=True)`` computed with numpy and scipy (``tfidf``; a test checks they
are the same): importing scikit-learn took 0.7 s, a third of a small glossary's
generator, on every build and every saved note.  Vectors are L2-normalised, so a
dot product is the cosine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .model import Glossary, Slug, Term

BLOCK = 250  # rows of cosines computed at once (BLOCK x terms floats)
DENSE = 8_000_000  # up to this many terms x words, the cosines are dense products (BLAS), not sparse ones


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

        rows, words = self.matrix.shape
        dense = self.matrix.toarray() if rows * words <= DENSE else None
        other = dense.T if dense is not None else self.matrix.T.tocsc()
        keep = min(count, len(self.slugs) - 1)

        result: dict[Slug, list[tuple[Slug, float]]] = {}
        for start in range(0, rows, BLOCK):  # on one core: a second one forked cost more than it saved (numpy)
            block = dense[start : start + BLOCK] if dense is not None else self.matrix[start : start + BLOCK]
            scores = block @ other
            scores = scores if dense is not None else scores.toarray()
            size = scores.shape[0]
            scores[np.arange(size), np.arange(start, start + size)] = 0.0  # not itself
            best = np.argpartition(scores, scores.shape[1] - keep, axis=1)[:, -keep:]
            for offset, columns in enumerate(best):
                row = scores[offset]
                pairs = [(self.slugs[c], round(float(row[c]), 4)) for c in columns if row[c] > 1e-9]
                result[self.slugs[start + offset]] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        return result


def build(glossary: Glossary) -> Similarity:
    slugs = tuple(term.slug for term in glossary.terms)
    index = {slug: number for number, slug in enumerate(slugs)}
    return Similarity(slugs, tfidf([document(term) for term in glossary.terms]) if slugs else None, index)


TOKEN = re.compile(r"(?u)\b\w[\w-]*\w\b")
# scikit-learn's English stop words (sklearn.feature_extraction._stop_words, BSD-3-Clause).
STOP_WORDS = frozenset(
    """
a about above across after afterwards again against all almost alone along already also although always am
among amongst amoungst amount an and another any anyhow anyone anything anyway anywhere are around as at back
be became because become becomes becoming been before beforehand behind being below beside besides between
beyond bill both bottom but by call can cannot cant co con could couldnt cry de describe detail do done down
due during each eg eight either eleven else elsewhere empty enough etc even ever every everyone everything
everywhere except few fifteen fifty fill find fire first five for former formerly forty found four from front
full further get give go had has hasnt have he hence her here hereafter hereby herein hereupon hers herself
him himself his how however hundred i ie if in inc indeed interest into is it its itself keep last latter
latterly least less ltd made many may me meanwhile might mill mine more moreover most mostly move much must my
myself name namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of
off often on once one only onto or other others otherwise our ours ourselves out over own part per perhaps
please put rather re same see seem seemed seeming seems serious several she should show side since sincere six
sixty so some somehow someone something sometime sometimes somewhere still such system take ten than that the
their them themselves then thence there thereafter thereby therefore therein thereupon these they thick thin
third this those though three through throughout thru thus to together too top toward towards twelve twenty
two un under until up upon us very via was we well were what whatever when whence whenever where whereafter
whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will
with within without would yet you your yours yourself yourselves
""".split()  # noqa: SIM905
)


def tfidf(documents: list[str]) -> Any:
    """L2-normalised TF-IDF rows (scipy CSR, float32), as scikit-learn's TfidfVectorizer with
    stop_words="english", sublinear_tf=True and the token pattern above makes them: terms sorted,
    tf = 1 + log(count), idf = log((1 + n) / (1 + df)) + 1; None when no document has a word."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vocabulary: dict[str, int] = {}
    rows: list[int] = []
    columns: list[int] = []
    counts: list[int] = []
    for row, text in enumerate(documents):
        found: dict[int, int] = {}
        for token in TOKEN.findall(text.lower()):
            if token not in STOP_WORDS:
                column = vocabulary.setdefault(token, len(vocabulary))
                found[column] = found.get(column, 0) + 1
        rows.extend([row] * len(found))
        columns.extend(found)
        counts.extend(found.values())
    if not vocabulary:
        return None
    order = np.argsort(np.array(list(vocabulary), dtype=object))  # columns in the terms' sorted order
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    column_array = rank[np.array(columns, dtype=np.int64)]
    values = 1.0 + np.log(np.array(counts, dtype=np.float64))
    size = (len(documents), len(vocabulary))
    matrix = csr_matrix((values, (np.array(rows, dtype=np.int64), column_array)), shape=size, dtype=np.float64)
    frequency = np.bincount(column_array, minlength=size[1])
    idf = np.log((1.0 + size[0]) / (1.0 + frequency)) + 1.0
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    scaled = csr_matrix(matrix.multiply(1.0 / norms[:, None]))
    scaled.sort_indices()
    return scaled.astype(np.float32)
