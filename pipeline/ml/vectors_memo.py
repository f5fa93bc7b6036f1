"""Static vectors with a per-word memo, for prediction.

spaCy's ``StaticVectors`` asks the vocab's floret table for every token of every
batch, and a floret vector is computed, not looked up: the mean of the rows of
the word's character n-grams (4 hashes each). The shipped pipeline does that
twice per document (the UD tok2vec and the NER's own tok2vec share the table),
about an eighth of its time. A word's floret vector depends only on the word, so
at prediction the layer keeps each word's vector once computed and reuses it;
the products are the same floats as without the memo (`get_batch` reduces each
word on its own). Training (``is_train``) goes through spaCy's forward unchanged,
and tables other than floret ones too.

The layer has the name, parameter and dims of ``StaticVectors``, so models
saved with either load into the other.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import numpy
from spacy.ml import staticvectors
from spacy.tokens import Doc
from spacy.vectors import Mode, Vectors
from thinc.api import Model
from thinc.initializers import glorot_uniform_init
from thinc.types import Floats2d, Ragged
from thinc.util import partial

# Words kept per vectors table (100 floats each: 40 MB); the memo starts again when full.
MAX_WORDS = 100_000
# Vectors tables with a memo; the oldest is dropped beyond this (tests load many pipelines).
MAX_TABLES = 4


class WordVectorMemo:
    """The floret vectors of words seen so far, for one vectors table: a row of
    `table` per word, found through `rows`."""

    def __init__(self, vectors: Vectors, max_words: int = MAX_WORDS) -> None:
        self.vectors = vectors
        self.max_words = max_words
        self.rows: Dict[int, int] = {}
        self.table = numpy.zeros((0, vectors.shape[1]), dtype="float32")

    def get_batch(self, keys: List[int]) -> Floats2d:
        missing = list(dict.fromkeys(k for k in keys if k not in self.rows))
        if missing:
            if len(self.rows) + len(missing) > self.max_words:
                self.rows.clear()
                missing = list(dict.fromkeys(keys))
            computed = numpy.asarray(self.vectors.get_batch(missing), dtype="float32")
            self._store(missing, computed)
        return self.table[[self.rows[k] for k in keys]]

    def _store(self, keys: List[int], vectors: numpy.ndarray) -> None:
        start = len(self.rows)
        needed = start + len(keys)
        if needed > len(self.table):  # grow by doubling, so storing stays cheap
            grown = numpy.zeros((max(needed, 2 * len(self.table)), self.table.shape[1]), dtype="float32")
            grown[:start] = self.table[:start]
            self.table = grown
        self.table[start:needed] = vectors
        self.rows.update(zip(keys, range(start, needed)))


_memos: Dict[int, WordVectorMemo] = {}


def memo_for(vectors: Vectors) -> WordVectorMemo:
    """The memo of this table (kept while the table is among the last MAX_TABLES used)."""
    memo = _memos.get(id(vectors))
    if memo is None or memo.vectors is not vectors:
        if len(_memos) >= MAX_TABLES:
            del _memos[next(iter(_memos))]
        memo = _memos[id(vectors)] = WordVectorMemo(vectors)
    return memo


def clear_memos() -> None:
    """Forget every memoized vector (a speed measurement starts cold with it)."""
    _memos.clear()


def MemoStaticVectors(nO: Optional[int] = None, nM: Optional[int] = None, *,
                      dropout: Optional[float] = None) -> Model[List[Doc], Ragged]:
    """``spacy.ml.staticvectors.StaticVectors`` with the per-word memo at prediction."""
    return Model(
        "static_vectors",
        forward,
        init=partial(staticvectors.init, glorot_uniform_init),
        params={"W": None},
        attrs={"key_attr": "ORTH", "dropout_rate": dropout},
        dims={"nO": nO, "nM": nM},
    )


def forward(model: Model[List[Doc], Ragged], docs: List[Doc], is_train: bool) -> Tuple[Ragged, object]:
    vectors = docs[0].vocab.vectors if docs else None
    if is_train or not isinstance(vectors, Vectors) or vectors.mode != Mode.floret:
        return staticvectors.forward(model, docs, is_train)
    keys = [key for doc in docs for key in doc.to_array(vectors.attr).tolist()]
    if not keys:
        return staticvectors.forward(model, docs, is_train)
    vecs = model.ops.asarray2f(memo_for(vectors).get_batch(keys))
    W = model.ops.as_contig(model.get_param("W"))
    output = Ragged(model.ops.gemm(vecs, W, trans2=True), model.ops.asarray1i([len(doc) for doc in docs]))
    return output, lambda d_output: []
