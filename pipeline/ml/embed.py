"""Token embedding for the NER of the shipped model: hashed word features plus characters.

spaCy's ``MultiHashEmbed`` sees a word only through hashed NORM, PREFIX, SUFFIX
and SHAPE; ``CharacterEmbed`` keeps the word's first and last bytes but drops
the affix and shape tables. Names in news are mostly words the training data
never showed, so the NER gets both: the byte embeddings let it generalise over
spelling (case, "-sen", "van "), the hash tables keep what it saw in training.

Registered as ``nl_news.HashCharEmbed.v1`` (also through the ``spacy_architectures``
entry point, so ``spacy.load("models/nl_news")`` finds it once the package is installed).
"""

from __future__ import annotations

import functools
import operator

from typing import Dict, List, Optional, Set, cast

import numpy
from spacy.attrs import intify_attr
from spacy.ml import _character_embed
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.types import Floats2d, Ints2d, Ragged

from pipeline.ml.vectors_memo import MemoStaticVectors


@registry.architectures("nl_news.HashCharEmbed.v1")
def hash_char_embed(
    width: int,
    attrs: List[str],
    rows: List[int],
    nM: int,
    nC: int,
    word_dropout: float = 0.0,
    include_static_vectors: bool = False,
    spans_key: Optional[str] = None,
) -> Model[List[Doc], List[Floats2d]]:
    """Concatenate one hash table per attribute (width each) with nC byte embeddings
    (nM each), mixed to `width` by a Maxout layer, as MultiHashEmbed does.

    word_dropout: in training, the share of tokens whose first attribute (the
    word itself) is hidden, so the model also learns to tag from spelling and
    context alone, as it must for names it has never seen.
    include_static_vectors: also concatenate the vocab's static vectors, projected to `width`.
    spans_key: also embed, per token, the label of the `doc.spans[spans_key]` span it
    starts or continues (the place-name gazetteer's matches), or nothing.
    """
    if len(rows) != len(attrs):
        raise ValueError(f"attrs and rows differ in length: {len(attrs)} vs {len(rows)}")
    columns = [intify_attr(attr) for attr in attrs]
    if None in columns:
        raise ValueError(f"unknown token attribute in {attrs}")
    tables = [
        HashEmbed(width, n_rows, column=index, seed=8 + index, dropout=0.0)
        for index, n_rows in enumerate(rows)
    ]
    hashed = chain(
        FeatureExtractor(columns),
        cast(Model[List[Ints2d], Ragged], list2ragged()),
        hide_words(word_dropout),
        with_array(concatenate(*tables)),
    )
    characters = chain(
        _character_embed.CharacterEmbed(nM=nM, nC=nC),
        cast(Model[List[Floats2d], Ragged], list2ragged()),
    )
    parts = [hashed, characters]
    if include_static_vectors:
        parts.append(MemoStaticVectors(width, dropout=0.0))
    if spans_key:
        parts.append(chain(
            span_labels(spans_key),
            cast(Model[List[Ints2d], Ragged], list2ragged()),
            with_array(HashEmbed(width, SPAN_LABEL_ROWS, column=0, seed=8 + len(tables), dropout=0.0)),
        ))
    n_in = width * (len(tables) + include_static_vectors + bool(spans_key)) + nM * nC
    mix = with_array(Maxout(width, n_in, nP=3, normalize=True, dropout=0.0))
    return chain(concatenate(*parts), mix, ragged2list())


def hide_words(rate: float) -> Model[Ragged, Ragged]:
    """In training, replace the first feature column by one fixed 'unknown' id for
    `rate` of the tokens; identity at prediction time."""

    def forward(model: Model[Ragged, Ragged], features: Ragged, is_train: bool):
        if not is_train or rate <= 0.0:
            return features, lambda d_features: d_features
        data = model.ops.xp.array(features.dataXd, copy=True)
        hidden = model.ops.xp.random.uniform(size=data.shape[0]) < rate
        data[hidden, 0] = UNKNOWN_WORD
        return Ragged(data, features.lengths), lambda d_features: d_features

    return Model("hide_words", forward, attrs={"rate": rate})


# Any fixed value works: the hash table maps it to one learnt 'unknown word' vector.
UNKNOWN_WORD = 0


# A handful of labels times begin/inside: a small table has room for all of them.
SPAN_LABEL_ROWS = 64
NO_SPAN = 0


def span_labels(key: str) -> Model[List[Doc], List[Ints2d]]:
    """Per token, the XOR of the (label, begins or continues) marks of the spans in
    doc.spans[key] that cover it ("Paris" can be a city and a first name; "York"
    begins one match and continues "New York"), NO_SPAN elsewhere and for docs
    without that key. Known issue (model card): XOR maps 'begins one and continues
    another span of the same label' to 1 whatever the label; the shipped NER was
    trained with it, so changing it needs a retrained model."""

    def forward(model: Model[List[Doc], List[Ints2d]], docs: List[Doc], is_train: bool):
        ops = model.ops
        output = []
        for doc in docs:
            marks: Dict[int, Set[int]] = {}
            for span in doc.spans.get(key, []):
                marks.setdefault(span.start, set()).add(span.label)
                for i in range(span.start + 1, span.end):
                    marks.setdefault(i, set()).add(span.label ^ 1)
            ids = numpy.zeros((len(doc), 1), dtype="uint64")
            for i, token_marks in marks.items():
                ids[i, 0] = functools.reduce(operator.xor, token_marks)  # the same whatever the span order
            output.append(ops.asarray2i(ids, dtype="uint64"))
        return output, lambda d_output: []

    return Model("span_labels", forward, attrs={"key": key})
