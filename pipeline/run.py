"""The extraction run: read, annotate, extract, write.

Documents stream through in batches; each batch is annotated and extracted in
this process or in a pool of worker processes (each loads the model once), and
its rows are appended to the tables in input order, so the same input and model
always give the same tables.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from pipeline import __version__
from pipeline.annotate import Annotator
from pipeline.models import choose_model
from pipeline.readers import Document, JsonlFields, ReadIssue, read_documents
from pipeline.writer import FORMATS, TableWriter


@dataclass
class RunOptions:
    model: str | None = None
    formats: tuple[str, ...] = FORMATS
    n_process: int = 1
    batch_size: int = 32
    max_chunk_chars: int = 100_000
    fields: JsonlFields = field(default_factory=JsonlFields)


class DocumentResult(NamedTuple):
    document: Document
    tables: dict[str, list[dict]] | None
    error: str | None
    n_words: int


ProgressCallback = Callable[[int, int], None]  # (documents done, words done)

_worker: Annotator | None = None


def _init_worker(model: str, batch_size: int, max_chunk_chars: int) -> None:
    global _worker
    _worker = Annotator(model, batch_size=batch_size, max_chunk_chars=max_chunk_chars)


def _process_batch(documents: list[Document]) -> list[DocumentResult]:
    assert _worker is not None, "worker not initialised"
    return process_documents(_worker, documents)


def process_documents(annotator: Annotator, documents: list[Document]) -> list[DocumentResult]:
    """Annotate and extract a batch; a failing document is retried alone and, if
    it fails again, reported without losing the rest of the batch."""
    from pipeline.extract.documents import document_tables

    try:
        pairs = list(annotator.annotate(documents))
    except Exception:  # noqa: BLE001 - isolate the culprit below
        if len(documents) == 1:
            raise
        return [result for d in documents for result in _process_alone(annotator, d)]
    results = []
    for document, doc in pairs:
        try:
            tables = document_tables(document, doc, annotator.model)
            results.append(DocumentResult(document, tables, None, len(doc)))
        except Exception as error:  # noqa: BLE001 - reported in the errors table
            results.append(DocumentResult(document, None, f"extraction failed: {error!r}", len(doc)))
    return results


def _process_alone(annotator: Annotator, document: Document) -> list[DocumentResult]:
    try:
        return process_documents(annotator, [document])
    except Exception as error:  # noqa: BLE001 - reported in the errors table
        return [DocumentResult(document, None, f"annotation failed: {error!r}", 0)]


def _batched(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def file_hash(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run_extraction(
    inputs: list[Path],
    out_dir: Path,
    options: RunOptions = RunOptions(),
    progress: ProgressCallback | None = None,
) -> dict:
    """Run the whole pipeline and return the manifest (also written to out_dir)."""
    started = time.time()
    choice = choose_model(options.model)
    issues: list[ReadIssue] = []
    sources: dict[str, None] = {}

    def documents() -> Iterator[Document]:
        for item in read_documents(inputs, options.fields):
            if isinstance(item, ReadIssue):
                issues.append(item)
                writer.write("errors", [{**item._asdict(), "stage": "read"}])
            else:
                sources.setdefault(item.source)
                yield item

    n_docs = n_words = 0
    failed: list[dict] = []
    with TableWriter(out_dir, options.formats) as writer:
        batches = _batched(documents(), options.batch_size)
        init_args = (choice.name, options.batch_size, options.max_chunk_chars)
        if options.n_process > 1:
            pool = multiprocessing.get_context("spawn").Pool(
                options.n_process, initializer=_init_worker, initargs=init_args
            )
            results: Iterable[list[DocumentResult]] = pool.imap(_process_batch, batches)
        else:
            pool = None
            annotator = Annotator(*init_args[:1], batch_size=options.batch_size,
                                  max_chunk_chars=options.max_chunk_chars)
            results = (process_documents(annotator, batch) for batch in batches)
        try:
            model_signature = None
            for batch_results in results:
                for result in batch_results:
                    n_docs += 1
                    n_words += result.n_words
                    if result.error is not None:
                        row = {"source": result.document.source, "line": None,
                               "doc_id": result.document.doc_id, "level": "error",
                               "stage": "annotate", "message": result.error}
                        failed.append(row)
                        writer.write("errors", [row])
                        continue
                    model_signature = result.tables["documents"][0]["model"]
                    for table, rows in result.tables.items():
                        writer.write(table, rows)
                if progress:
                    progress(n_docs, n_words)
        finally:
            if pool is not None:
                pool.terminate()
        read_errors = [i._asdict() for i in issues if i.level == "error"]
        manifest = {
            "pipeline_version": __version__,
            "model": {"name": choice.name, "reason": choice.reason, "signature": model_signature},
            "inputs": [{"path": source, "sha256": file_hash(source)} for source in sources],
            "options": {**asdict(options), "inputs": [str(p) for p in inputs], "out": str(out_dir)},
            "documents": {"processed": n_docs - len(failed), "failed": len(failed) + len(read_errors)},
            "rows": dict(writer.row_counts),
            "timings": {"seconds": round(time.time() - started, 3), "words": n_words},
            "failures": read_errors + failed,
            "warnings": [i._asdict() for i in issues if i.level == "warning"],
        }
        manifest["rows"]["errors"] = writer.row_counts["errors"]
        writer.write_json("manifest.json", manifest)
    return manifest
