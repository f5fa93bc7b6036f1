"""Rows of the documents and sentences tables, and every table of one document."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from spacy.tokens import Doc

from pipeline import __version__
from pipeline.extract.dates import extract_dates
from pipeline.extract.entities import extract_entities
from pipeline.extract.numbers import extract_numbers
from pipeline.extract.quotes import extract_quotes
from pipeline.readers import Document


class SentenceRow(NamedTuple):
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str


def sentence_rows(doc: Doc, doc_id: str) -> Iterator[SentenceRow]:
    for index, sent in enumerate(doc.sents):
        yield SentenceRow(doc_id, index, sent.start_char, sent.end_char, sent.text)


def document_row(document: Document, doc: Doc, model: str) -> dict:
    inferred = doc._.published_inferred
    return {
        "doc_id": document.doc_id,
        "source": document.source,
        "title": document.title,
        "published": document.published,
        "date_precision": document.date_precision,
        "published_inferred": inferred.value if inferred else None,
        "published_inferred_evidence": inferred.evidence if inferred else None,
        "text": document.text,
        "content_hash": document.content_hash,
        "n_chars": len(document.text),
        "n_sentences": sum(1 for _ in doc.sents),
        "n_tokens": len(doc),
        "model": model,
        "pipeline_version": __version__,
    }


def document_tables(document: Document, doc: Doc, model: str) -> dict[str, list[dict]]:
    """Every table's rows for one annotated document."""
    doc_id = document.doc_id
    return {
        "documents": [document_row(document, doc, model)],
        "sentences": [row._asdict() for row in sentence_rows(doc, doc_id)],
        "entities": [row._asdict() for row in extract_entities(doc, doc_id)],
        "quotes": [row._asdict() for row in extract_quotes(doc, doc_id)],
        "numbers": [row._asdict() for row in extract_numbers(doc, doc_id)],
        "dates": [row._asdict() for row in extract_dates(doc, doc_id)],
    }
