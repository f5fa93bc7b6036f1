"""The CPU backend (numpy's BLAS, pipeline/ml/ops.py) and one-document-at-a-time annotation."""

from __future__ import annotations

from pathlib import Path

import numpy
import pytest
from spacy.language import Language
from thinc.api import Linear, NumpyOps, Ops, get_current_ops, set_current_ops

from pipeline.ml.ops import cpu_ops, create_numpy_blas_callback
from pipeline.readers import Document

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "models" / "nl_news")


@pytest.fixture
def restore_ops():
    before = get_current_ops()
    yield
    set_current_ops(before)


def test_models_built_under_cpu_ops_multiply_with_numpy():
    with cpu_ops():
        inside = Linear(3, 2)
    outside = Linear(3, 2)
    assert isinstance(inside.ops, NumpyOps) and not inside.ops.use_blis
    assert outside.ops.use_blis  # the context ends with the block


def test_cpu_ops_keep_a_backend_that_is_not_numpy(restore_ops):
    other = Ops()  # stands in for a GPU backend
    set_current_ops(other)
    with cpu_ops():
        assert get_current_ops() is other


def test_training_callback_switches_the_current_ops(restore_ops):
    set_current_ops(NumpyOps())
    assert create_numpy_blas_callback()(Language) is Language
    assert not get_current_ops().use_blis
    other = Ops()
    set_current_ops(other)
    create_numpy_blas_callback()(Language)
    assert get_current_ops() is other


def test_load_fresh_builds_the_shipped_model_with_numpy_blas():
    from pipeline.models import load_fresh

    nlp = load_fresh(MODEL)
    assert not nlp.get_pipe("tok2vec").model.ops.use_blis
    assert not nlp.get_pipe("ner").model.ops.use_blis


def document(doc_id: str, text: str) -> Document:
    return Document(doc_id, "test", None, None, None, text, "")


def test_a_document_is_annotated_the_same_alone_and_in_a_batch():
    from pipeline.annotate import Annotator

    annotator = Annotator(MODEL)
    text = "Jens Stoltenberg zei dinsdag in Brussel dat de NAVO dertig landen telt."
    others = [document(f"d{i}", "Rutte sprak in Den Haag met Zelensky over 1,5 miljoen euro steun. " * (i + 1))
              for i in range(3)]
    target = document("t", text)
    (_, alone), = annotator.annotate([target])
    batched = dict((d.doc_id, doc) for d, doc in annotator.annotate([*others, target]))["t"]
    assert numpy.array_equal(alone.tensor, batched.tensor)  # bit for bit, whatever the neighbours
    assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in alone] == \
           [(t.tag_, t.pos_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in batched]
