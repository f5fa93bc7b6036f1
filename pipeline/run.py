"""The extraction run: read, annotate, extract, write.

Documents stream through in batches; each batch is annotated and extracted by an
engine and comes back as one Arrow record batch per table, which is appended to
the tables in input order, so the same input and model always give the same
tables. Engines:

- ``local`` (default): in this process, or in a pool of ``n_process`` worker
  processes (each loads the model once).
- ``dask``: on the workers of a Dask cluster (``pipeline.engines.dask``); the
  tables are written partitioned by publication month.

Only a bounded number of batches is in flight at any time, so memory does not
grow with the corpus. With ``incremental`` a run keeps the rows of the existing
output, skips documents whose text (content hash) is already there, and
re-extracts documents whose id is there with a different text.
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import multiprocessing
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

import pyarrow as pa

from pipeline import __version__
from pipeline.annotate import Annotator
from pipeline.models import choose_model
from pipeline.readers import Document, JsonlFields, ReadIssue, read_documents
from pipeline.tables import SCHEMAS, to_record_batch
from pipeline.writer import FORMATS, PreviousOutput, PreviousOutputError, TableWriter, month_of

ENGINES = ("local", "dask")
DOCUMENT_TABLES = tuple(name for name in SCHEMAS if name != "errors")


@dataclass
class RunOptions:
    model: str | None = None
    formats: tuple[str, ...] = FORMATS
    n_process: int = 1  # local: worker processes; dask without --scheduler: LocalCluster workers
    batch_size: int = 32
    max_chunk_chars: int = 100_000
    fields: JsonlFields = field(default_factory=JsonlFields)
    engine: str = "local"
    scheduler: str | None = None  # dask: address of a running scheduler
    dask_processes: bool = True  # dask LocalCluster: workers in processes (False: threads)
    incremental: bool = False


class DocumentResult(NamedTuple):
    document: Document
    tables: dict[str, list[dict]] | None
    error: str | None
    n_words: int


@dataclass
class BatchOutput:
    """Everything a batch of documents adds to the output, ready to write."""

    tables: dict[str, pa.RecordBatch]
    months: dict[str, list[str | None]]  # partition key of every row, per table
    failures: list[tuple[int, dict]]  # (position in the batch, errors-table row)
    n_docs: int
    n_words: int
    model_signature: str | None


ProgressCallback = Callable[[int, int], None]  # (documents done, words done)

_worker: Annotator | None = None
_worker_error: BaseException | None = None


def _init_worker(model: str, max_chunk_chars: int) -> None:
    # A failing pool initializer makes multiprocessing restart the worker forever:
    # keep the error and raise it from the first task instead.
    global _worker, _worker_error
    try:
        _worker = Annotator(model, max_chunk_chars=max_chunk_chars)
    except Exception as error:  # noqa: BLE001 - re-raised in _process_batch
        _worker_error = error


def _process_batch(documents: list[Document]) -> BatchOutput:
    if _worker_error is not None:
        raise _worker_error
    assert _worker is not None, "worker not initialised"
    return process_batch(_worker, documents)


def process_documents(annotator: Annotator, documents: list[Document]) -> list[DocumentResult]:
    """Annotate and extract a batch; a failing document is retried alone and, if
    it fails again, reported without losing the rest of the batch."""
    from pipeline.extract.documents import document_tables

    try:
        pairs = list(annotator.annotate(documents))
    except Exception as error:  # noqa: BLE001 - isolate the culprit below
        if len(documents) == 1:
            return [DocumentResult(documents[0], None, f"annotation failed: {error!r}", 0)]
        return [result for d in documents for result in process_documents(annotator, [d])]
    results = []
    for document, doc in pairs:
        try:
            tables = document_tables(document, doc, annotator.model)
            results.append(DocumentResult(document, tables, None, len(doc)))
        except Exception as error:  # noqa: BLE001 - reported in the errors table
            results.append(DocumentResult(document, None, f"extraction failed: {error!r}", len(doc)))
    return results


def collect_batch(results: list[DocumentResult]) -> BatchOutput:
    """The rows of a batch's documents as one record batch per table."""
    rows: dict[str, list[dict]] = {name: [] for name in DOCUMENT_TABLES}
    months: dict[str, list[str | None]] = {name: [] for name in DOCUMENT_TABLES}
    failures = []
    signature = None
    n_words = 0
    for position, result in enumerate(results):
        n_words += result.n_words
        if result.error is not None:
            document = result.document
            failures.append((position, {"source": document.source, "line": None, "doc_id": document.doc_id,
                                        "level": "error", "stage": "annotate", "message": result.error}))
            continue
        signature = result.tables["documents"][0]["model"]
        month = month_of(result.document.published)
        for table, table_rows in result.tables.items():
            rows[table].extend(table_rows)
            months[table].extend([month] * len(table_rows))
    tables = {name: to_record_batch(name, table_rows) for name, table_rows in rows.items() if table_rows}
    return BatchOutput(tables, months, failures, len(results), n_words, signature)


def process_batch(annotator: Annotator, documents: list[Document]) -> BatchOutput:
    return collect_batch(process_documents(annotator, documents))


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def ordered_window(submit: Callable, wait: Callable, batches: Iterable, window: int) -> Iterator:
    """Results of ``submit(batch)`` in input order, with at most ``window`` batches
    in flight: the input is read only as fast as results come back."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield wait(pending.popleft())
    while pending:
        yield wait(pending.popleft())


def file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# -- engines ---------------------------------------------------------------------------------

class LocalEngine:
    """This process (n_process=1) or a pool of spawned worker processes."""

    name = "local"
    layout = "single"

    def __init__(self, model: str, options: RunOptions) -> None:
        self.model = model
        self.options = options
        self.pool = None

    def __enter__(self) -> "LocalEngine":
        options = self.options
        if options.n_process > 1:
            self.pool = multiprocessing.get_context("spawn").Pool(
                options.n_process, initializer=_init_worker,
                initargs=(self.model, options.max_chunk_chars))
        else:
            self.annotator = Annotator(self.model, max_chunk_chars=options.max_chunk_chars)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def map(self, batches: Iterable[list[Document]]) -> Iterator[BatchOutput]:
        if self.pool is None:
            return (process_batch(self.annotator, batch) for batch in batches)
        return ordered_window(lambda batch: self.pool.apply_async(_process_batch, (batch,)),
                              lambda pending: pending.get(), batches, window=2 * self.options.n_process)

    def describe(self) -> dict:
        return {"name": self.name, "n_process": self.options.n_process}


def make_engine(model: str, options: RunOptions):
    if options.engine == "local":
        return LocalEngine(model, options)
    if options.engine == "dask":
        from pipeline.engines.dask import DaskEngine

        return DaskEngine(model, options)
    raise ValueError(f"unknown engine {options.engine!r}: choose from {', '.join(ENGINES)}")


# -- incremental runs ------------------------------------------------------------------------

@dataclass
class IncrementalPlan:
    """What an incremental run keeps, skips and redoes of an existing output."""

    previous: PreviousOutput | None  # None: the first run of a feed, everything is new
    known: set[tuple[str, str]]  # (doc_id, content_hash) already in the output
    previous_documents: int
    replaced: set[str] = field(default_factory=set)  # kept ids whose text changed: old rows dropped
    redone: set[str] = field(default_factory=set)  # ids processed this run: old error rows dropped
    skipped: int = 0

    @classmethod
    def build(cls, out_dir: Path, inputs: list[Path], fields: JsonlFields) -> "IncrementalPlan":
        if not Path(out_dir).exists():
            return cls(None, set(), 0)
        previous = PreviousOutput(out_dir)
        known_ids: dict[str, str] = {}
        for batch in previous.documents():
            known_ids.update(zip(batch.column("doc_id").to_pylist(), batch.column("content_hash").to_pylist()))
        plan = cls(previous, set(known_ids.items()), len(known_ids))
        for item in read_documents(inputs, fields):  # a cheap first pass: no NLP
            # The same text under a new id (an agency story reprinted) is a new document.
            if isinstance(item, Document) and (item.doc_id, item.content_hash) not in plan.known:
                plan.redone.add(item.doc_id)
                if item.doc_id in known_ids:
                    plan.replaced.add(item.doc_id)
        return plan

    def skip(self, document: Document) -> bool:
        if (document.doc_id, document.content_hash) in self.known:
            self.skipped += 1
            return True
        return False

    def drop(self) -> dict[str, set[str]]:
        return {**{name: self.replaced for name in DOCUMENT_TABLES}, "errors": self.redone | self.replaced}

    def summary(self) -> dict:
        return {"previous_documents": self.previous_documents, "skipped_known": self.skipped,
                "replaced": len(self.replaced), "kept": self.previous_documents - len(self.replaced)}


class DocumentFeed:
    """The documents to process, in input order. Read issues are queued with the
    number of documents read before them, so they are written at the same place
    in the errors table however far ahead of the results the reading runs."""

    def __init__(self, inputs: list[Path], fields: JsonlFields, plan: IncrementalPlan | None) -> None:
        self.inputs, self.fields, self.plan = inputs, fields, plan
        self.issues: list[ReadIssue] = []
        self.queued: deque[tuple[int, ReadIssue]] = deque()
        self.sources: dict[str, None] = {}
        self.n_yielded = 0

    def __iter__(self) -> Iterator[Document]:
        held: list[ReadIssue] = []  # warnings about the next document, dropped if it is skipped
        for item in read_documents(self.inputs, self.fields):
            if isinstance(item, ReadIssue):
                if self.plan is not None and item.level == "warning" and item.doc_id is not None:
                    held.append(item)
                else:
                    self._queue(held + [item])
                    held = []
                continue
            self.sources.setdefault(item.source)
            own = [issue for issue in held if issue.doc_id == item.doc_id]
            self._queue([issue for issue in held if issue.doc_id != item.doc_id])
            held = []
            if self.plan is not None and self.plan.skip(item):
                continue
            self._queue(own)
            self.n_yielded += 1
            yield item
        self._queue(held)

    def _queue(self, issues: list[ReadIssue]) -> None:
        for issue in issues:
            self.issues.append(issue)
            self.queued.append((self.n_yielded, issue))

    def write_issues(self, writer: TableWriter, up_to: int | None = None) -> None:
        """Write the queued issues read before document number ``up_to`` (all: None)."""
        while self.queued and (up_to is None or self.queued[0][0] <= up_to):
            _, issue = self.queued.popleft()
            writer.write("errors", [{**issue._asdict(), "stage": "read"}])


# -- the run ---------------------------------------------------------------------------------

def refuse_inputs_inside(out_dir: Path, inputs: list[Path]) -> None:
    """The output folder is replaced whole, so it must not hold (or be) an input."""
    out = Path(out_dir).resolve()
    for path in inputs:
        resolved = Path(path).resolve()
        if resolved == out or out in resolved.parents:
            raise PreviousOutputError(f"--out {out_dir} overlaps the input {path}; choose another folder")


def run_extraction(
    inputs: list[Path],
    out_dir: Path,
    options: RunOptions = RunOptions(),
    progress: ProgressCallback | None = None,
) -> dict:
    """Run the whole pipeline and return the manifest (also written to out_dir)."""
    started = time.time()
    choice = choose_model(options.model)
    if options.engine not in ENGINES:
        raise ValueError(f"unknown engine {options.engine!r}: choose from {', '.join(ENGINES)}")
    refuse_inputs_inside(out_dir, inputs)
    plan = IncrementalPlan.build(out_dir, inputs, options.fields) if options.incremental else None
    feed = DocumentFeed(inputs, options.fields, plan)
    engine = make_engine(choice.name, options)

    n_docs = n_words = 0
    failed: list[dict] = []
    model_signature = None
    with TableWriter(out_dir, options.formats, layout=engine.layout) as writer:
        if plan is not None and plan.previous is not None:
            writer.carry_over(plan.previous, plan.drop())
        batches = _batched(feed, options.batch_size)
        first = next(batches, None)  # no new documents (an incremental run): no model, no workers
        engine_info = {"name": engine.name, "started": False}
        with engine if first is not None else contextlib.nullcontext():
            for output in engine.map(itertools.chain([first], batches)) if first is not None else ():
                failures = dict(output.failures)
                for position in range(output.n_docs):  # read issues and failures in input order
                    feed.write_issues(writer, n_docs + position)
                    if position in failures:
                        failed.append(failures[position])
                        writer.write("errors", [failures[position]])
                for table, batch in output.tables.items():
                    writer.write_batch(table, batch, output.months.get(table))
                n_docs += output.n_docs
                n_words += output.n_words
                model_signature = output.model_signature or model_signature
                if progress:
                    progress(n_docs, n_words)
            feed.write_issues(writer)
            if first is not None:
                engine_info = engine.describe()
        issues = feed.issues
        read_errors = [i._asdict() for i in issues if i.level == "error"]
        warnings = [i._asdict() for i in issues if i.level == "warning"]
        documents = {"processed": n_docs - len(failed), "failed": len(failed) + len(read_errors)}
        manifest = {
            "pipeline_version": __version__,
            "model": {"name": choice.name, "reason": choice.reason, "signature": model_signature},
            "inputs": [{"path": source, "sha256": file_hash(source)} for source in feed.sources],
            "options": {**asdict(options), "inputs": [str(p) for p in inputs], "out": str(out_dir)},
            "engine": engine_info,
            "documents": documents,
            "rows": dict(writer.row_counts),
            "timings": {"seconds": round(time.time() - started, 3), "words": n_words},
            "failures": read_errors + failed,
            "warnings": warnings,
        }
        if plan is not None:
            documents["skipped"] = plan.skipped
            manifest["incremental"] = {**plan.summary(), "new": documents["processed"],
                                       "total": writer.row_counts["documents"]}
            old_models = plan.previous.models() - {model_signature} if plan.previous else set()
            if model_signature and old_models:
                manifest["warnings"].append({
                    "source": str(out_dir), "line": None, "doc_id": None, "level": "warning",
                    "message": f"kept rows were made with {', '.join(sorted(old_models))}; "
                               f"new rows with {model_signature}"})
        if engine.layout == "month":
            manifest["layout"] = {"parquet": "NAME/published_month=YYYY-MM/part-N.parquet",
                                  "undated": "NAME/published_month=undated/part-N.parquet",
                                  "errors": "errors/part-N.parquet", "partition_column": "published_month"}
        writer.write_json("manifest.json", manifest)
    return manifest
