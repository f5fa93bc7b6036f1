"""Rows of the dates table: one per date span of the dutch_dates component."""

from __future__ import annotations

import datetime as dt
from typing import Iterator, NamedTuple

from spacy.tokens import Doc

import pipeline.extensions  # noqa: F401
from pipeline.extract.common import SentenceIndex


class DateMention(NamedTuple):
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str
    value: dt.date | None
    granularity: str
    relative: bool


def extract_dates(doc: Doc, doc_id: str) -> Iterator[DateMention]:
    """One row per span in doc.spans["dates"]."""
    if "dates" not in doc.spans:
        return
    sentence_of = SentenceIndex(doc)
    for span in doc.spans["dates"]:
        date = span._.date
        yield DateMention(
            doc_id=doc_id,
            sent_idx=sentence_of(span.start_char),
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            value=date.value,
            granularity=date.granularity,
            relative=date.relative,
        )
