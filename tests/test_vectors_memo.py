"""The per-word memo of floret vectors at prediction (pipeline/ml/vectors_memo.py)."""

from __future__ import annotations

import numpy
import pytest
from spacy.ml import staticvectors
from spacy.tokens import Doc
from spacy.vectors import Vectors
from spacy.vocab import Vocab

from pipeline.ml import vectors_memo
from pipeline.ml.vectors_memo import MemoStaticVectors, WordVectorMemo


def floret_vocab(rows: int = 50, width: int = 6) -> Vocab:
    vocab = Vocab()
    data = numpy.random.default_rng(0).normal(size=(rows, width)).astype("float32")
    vocab.vectors = Vectors(strings=vocab.strings, data=data, mode="floret", minn=2, maxn=3, hash_count=2)
    return vocab


def docs(vocab: Vocab) -> list[Doc]:
    return [Doc(vocab, words="De minister zei dat de minister kwam".split()),
            Doc(vocab, words="Het kabinet zweeg".split())]


def layers(vocab: Vocab):
    memo, plain = MemoStaticVectors(4, dropout=0.0), staticvectors.StaticVectors(4, dropout=0.0)
    memo.initialize(X=docs(vocab))
    plain.initialize(X=docs(vocab))
    plain.set_param("W", memo.get_param("W"))
    return memo, plain


def test_prediction_gives_the_floats_of_static_vectors_cold_and_warm():
    vocab = floret_vocab()
    memo, plain = layers(vocab)
    expected = plain.predict(docs(vocab)).data
    for _ in range(2):  # the second call reads every word from the memo
        numpy.testing.assert_array_equal(memo.predict(docs(vocab)).data, expected)
    assert vectors_memo.memo_for(vocab.vectors).rows  # it was filled


def test_training_goes_through_spacys_forward_with_its_gradient():
    vocab = floret_vocab()
    memo, plain = layers(vocab)
    out, backprop = memo.begin_update(docs(vocab))
    expected, _ = plain.begin_update(docs(vocab))
    numpy.testing.assert_array_equal(out.data, expected.data)
    backprop(out)
    assert memo.get_grad("W") is not None and memo.get_grad("W").any()


def test_a_table_that_is_not_floret_is_left_to_spacy():
    vocab = Vocab()
    vocab.vectors = Vectors(strings=vocab.strings, data=numpy.ones((2, 6), dtype="float32"), keys=["de", "minister"])
    memo, plain = layers(vocab)
    numpy.testing.assert_array_equal(memo.predict(docs(vocab)).data, plain.predict(docs(vocab)).data)
    assert vocab.vectors not in [m.vectors for m in vectors_memo._memos.values()]


# A full memo keeps only the batch at hand, however long it is, with the words
# of that batch it knew before.
@pytest.mark.parametrize("max_words, kept", [(100, 7), (7, 7), (6, 5), (3, 5)])
def test_the_memo_starts_again_when_full(max_words, kept):
    vocab = floret_vocab()
    memo = WordVectorMemo(vocab.vectors, max_words=max_words)
    first = [vocab.strings.add(w) for w in "een twee drie".split()]
    second = [vocab.strings.add(w) for w in "vier een vijf zes zeven vier".split()]
    memo.get_batch(first)
    result = memo.get_batch(second)
    assert len(memo.rows) == kept
    numpy.testing.assert_array_equal(result, vocab.vectors.get_batch(second))


def test_a_new_table_gets_a_new_memo():
    old, new = floret_vocab(), floret_vocab()
    assert vectors_memo.memo_for(old.vectors) is vectors_memo.memo_for(old.vectors)
    assert vectors_memo.memo_for(new.vectors) is not vectors_memo.memo_for(old.vectors)


def test_clear_memos_forgets_every_table():
    vocab = floret_vocab()
    memo = vectors_memo.memo_for(vocab.vectors)
    vectors_memo.clear_memos()
    assert vectors_memo.memo_for(vocab.vectors) is not memo
