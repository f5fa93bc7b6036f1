"""The CPU backend for spaCy's models: numpy's BLAS instead of thinc's bundled BLIS.

thinc's ``NumpyOps`` multiplies matrices with cython-blis by default. The BLIS
bundled with thinc does not know the project machine's CPU (AMD EPYC, family
0x1A) and falls back to its generic kernels: about 18-38 GFLOPS on one core for
the tok2vec's matrix shapes, against about 105 for numpy's OpenBLAS. Matrix
products are two thirds of the pipeline's time, so model 0.2.0 ran at about 8,300
instead of 4,500 words per second (UD test texts, batches of 64, one core). Only
the products that go through ``ops.gemm`` move (the tok2vecs, the parser's and
NER's precomputed features); the parser's and NER's step-by-step hidden layer
calls BLIS through thinc's ``CBlas`` and stays on the generic kernels. Both
compute the same products up to the last bits of a float. OpenBLAS's last bits
depend on the batch's shape, which is why pipeline/annotate.py gives the model
one document at a time.

Models take their ops when they are built, so the ops must be current while a
pipeline is loaded (``cpu_ops()`` around ``spacy.load``) or, in training,
while the config is turned into a pipeline (the ``nl_news.numpy_blas.v1``
callback as ``[nlp] before_creation``).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator, Type

from spacy.language import Language
from spacy.util import registry
from thinc.api import NumpyOps, get_current_ops, set_current_ops, use_ops
from threadpoolctl import threadpool_limits


def numpy_blas_ops() -> NumpyOps:
    """CPU ops whose matrix products go to numpy (OpenBLAS), not BLIS."""
    return NumpyOps(use_blis=False)


def one_blas_thread() -> None:
    """From now on, this process's BLAS uses one thread: a process is one core
    (parallelism comes from --n-process and Dask workers), and a thread count
    changes a product's last bits, so results do not depend on the machine's cores."""
    threadpool_limits(limits=1, user_api="blas")


@contextmanager
def cpu_ops() -> Iterator[None]:
    """Build models with numpy's BLAS, unless a GPU (or other non-numpy) backend is current."""
    if type(get_current_ops()) is not NumpyOps:
        yield
        return
    with use_ops("numpy", use_blis=False):
        yield


@registry.callbacks("nl_news.numpy_blas.v1")
def create_numpy_blas_callback() -> Callable[[Type[Language]], Type[Language]]:
    """``[nlp] before_creation`` for training configs: every model of the pipeline
    being built gets numpy-BLAS ops (training is about 1.8 times faster)."""

    def use_numpy_blas(lang_cls: Type[Language]) -> Type[Language]:
        if type(get_current_ops()) is NumpyOps:
            set_current_ops(numpy_blas_ops())
        return lang_cls

    return use_numpy_blas
