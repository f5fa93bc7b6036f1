"""Annotate documents with spaCy: the model plus the extraction components.

Documents longer than ``max_chunk_chars`` (spaCy's parser needs memory in
proportion to a document's length) are split at paragraph or sentence breaks,
the model runs on each chunk, the chunks are merged back into one Doc whose text
is exactly the document's, and the rule components then run on the whole Doc.

The model sees one document at a time, with one BLAS thread. Fast BLAS
libraries (numpy's OpenBLAS, pipeline/ml/ops.py) round a matrix product's
last bits differently for different row counts and thread counts, so in a batch
a document's tags could depend on the documents batched with it, and on the
machine's cores. Alone, each document is annotated the same in every engine,
batch and incremental run.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.ml.ops import one_blas_thread
from pipeline.models import model_signature
from pipeline.nlp import EXTRACTION_COMPONENTS, build_pipeline
from pipeline.readers import Document

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"))


def split_text(text: str, max_chars: int) -> list[str]:
    """Pieces of at most ``max_chars`` whose concatenation is exactly ``text``,
    cut after a paragraph break, else a sentence end, else any whitespace."""
    pieces = []
    while len(text) > max_chars:
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(text, 0, max_chars) if m.end() < max_chars]
            if ends:
                cut = ends[-1]
                break
        cut = cut or max_chars
        pieces.append(text[:cut])
        text = text[cut:]
    return pieces + [text]


class Annotator:
    """Turns Documents into annotated spaCy Docs, one model load per process
    (whose BLAS then uses one thread: a process is one core)."""

    def __init__(self, model: str, *, max_chunk_chars: int = 100_000) -> None:
        one_blas_thread()
        self.model_name = model
        self.nlp: Language = build_pipeline(model)
        self.model = model_signature(self.nlp)
        self.max_chunk_chars = max_chunk_chars

    def _new_doc(self, document: Document) -> Doc:
        doc = self.nlp.make_doc(document.text)
        self._set_context(doc, document)
        return doc

    @staticmethod
    def _set_context(doc: Doc, document: Document) -> None:
        doc._.doc_id = document.doc_id
        doc._.published = document.published
        doc._.published_precision = document.date_precision

    def annotate_long(self, document: Document) -> Doc:
        model_pipes = [name for name in self.nlp.pipe_names if name not in EXTRACTION_COMPONENTS]
        with self.nlp.select_pipes(enable=model_pipes):
            chunks = list(self.nlp.pipe(split_text(document.text, self.max_chunk_chars), batch_size=1))
        doc = Doc.from_docs(chunks, ensure_whitespace=False)
        assert doc.text == document.text, "chunked annotation changed the text"
        self._set_context(doc, document)
        for name in EXTRACTION_COMPONENTS:
            doc = self.nlp.get_pipe(name)(doc)
        return doc

    def annotate(self, documents: Iterable[Document]) -> Iterator[tuple[Document, Doc]]:
        """(document, doc) pairs in input order."""
        documents = list(documents)
        short = [d for d in documents if len(d.text) <= self.max_chunk_chars]
        short_docs = iter(self.nlp.pipe((self._new_doc(d) for d in short), batch_size=1))
        for document in documents:
            if len(document.text) <= self.max_chunk_chars:
                yield document, next(short_docs)
            else:
                yield document, self.annotate_long(document)
