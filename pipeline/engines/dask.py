"""The Dask engine: the same extraction on the workers of a Dask cluster.

The client (the ``extract`` process) reads the input and streams it to the
workers in partitions of ``batch_size`` documents, at most two per worker thread
in flight, so neither side holds the corpus. Each worker loads the model once: a
worker plugin loads it when the worker joins, into a per-process cache that
every task uses (never once per task or document). A worker returns a
partition's rows as Arrow record batches, and the client writes them in input
order: Parquet partitioned by publication month, plus the same CSV files and
manifest as the local engine (see ``pipeline.writer``).

Without a scheduler address the engine starts a LocalCluster of ``n_process``
workers with one thread each. With an address (``tcp://host:8786``) it uses that
cluster; its workers need this package installed and the model loadable under
the name given with ``--model`` (a package name, or a path that exists on every
worker). Workers need no access to the input or output folders.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from typing import Iterable, Iterator

from distributed import Client, LocalCluster, WorkerPlugin

from pipeline.annotate import Annotator
from pipeline.readers import Document
from pipeline.run import BatchOutput, RunOptions, ordered_window, process_batch

logger = logging.getLogger(__name__)

AnnotatorKey = tuple[str, int]  # (model, max_chunk_chars)

_cache_lock = threading.Lock()
_annotators: dict[AnnotatorKey, Annotator] = {}
_model_locks: dict[str, threading.Lock] = {}
model_loads = 0  # Annotators built in this process; a test checks it stays at one per worker


def get_annotator(key: AnnotatorKey) -> tuple[Annotator, threading.Lock]:
    """The process's Annotator for ``key``, built on first use, and the lock that
    serialises use of its model (worker threads of one process share the model)."""
    global model_loads
    with _cache_lock:
        annotator = _annotators.get(key)
        if annotator is None:
            model, max_chunk_chars = key
            annotator = Annotator(model, max_chunk_chars=max_chunk_chars)
            _annotators[key] = annotator
            model_loads += 1
        return annotator, _model_locks.setdefault(key[0], threading.Lock())


class ModelPlugin(WorkerPlugin):
    """Loads the model on every worker as it joins the cluster."""

    def __init__(self, key: AnnotatorKey) -> None:
        self.key = key
        self.name = "dutch-news-model-" + hashlib.sha1(repr(key).encode()).hexdigest()[:10]

    def setup(self, worker) -> None:
        try:
            get_annotator(self.key)
        except Exception:  # noqa: BLE001 - the first task raises it again, on the client
            logger.exception("cannot load the model %r on worker %s", self.key[0], worker.address)


def process_partition(documents: list[Document], key: AnnotatorKey) -> BatchOutput:
    """A Dask task: annotate and extract one partition of documents."""
    annotator, lock = get_annotator(key)
    with lock:
        return process_batch(annotator, documents)


class DaskEngine:
    name = "dask"
    layout = "month"

    def __init__(self, model: str, options: RunOptions) -> None:
        self.options = options
        self.key: AnnotatorKey = (model, options.max_chunk_chars)
        self.cluster: LocalCluster | None = None
        self.client: Client | None = None

    def __enter__(self) -> "DaskEngine":
        options = self.options
        try:
            if options.scheduler:
                self.client = Client(options.scheduler, timeout="30s")
            else:
                self.cluster = LocalCluster(
                    n_workers=options.n_process, threads_per_worker=1, processes=options.dask_processes,
                    dashboard_address=None, silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
            register = getattr(self.client, "register_plugin", None) or self.client.register_worker_plugin
            register(ModelPlugin(self.key))
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def threads(self) -> int:
        assert self.client is not None
        return max(sum(self.client.nthreads().values()), 1)

    def map(self, batches: Iterable[list[Document]]) -> Iterator[BatchOutput]:
        client = self.client
        assert client is not None

        def submit(batch: list[Document]):
            return client.submit(process_partition, batch, self.key, pure=False)

        return ordered_window(submit, lambda future: future.result(), batches, window=2 * self.threads())

    def describe(self) -> dict:
        assert self.client is not None
        workers = self.client.nthreads()
        return {"name": self.name, "scheduler": self.options.scheduler or "LocalCluster",
                "workers": len(workers), "threads": sum(workers.values())}
