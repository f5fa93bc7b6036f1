"""Rows of the numbers table: one per quantity span of the dutch_numbers component."""

from __future__ import annotations

from typing import Iterable, Iterator, NamedTuple

from spacy.tokens import Doc, Span

import pipeline.extensions  # noqa: F401
from pipeline.extract.common import SentenceIndex


class NumberMention(NamedTuple):
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str
    value: float
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    unit_text: str | None
    category: str | None
    modifier: str | None
    quote_id: str | None
    source: str | None


def innermost_containing(spans: Iterable[Span], start_char: int, end_char: int) -> Span | None:
    """The shortest span that contains the character range, if any."""
    containing = [s for s in spans if s.start_char <= start_char and end_char <= s.end_char]
    return min(containing, key=lambda s: s.end_char - s.start_char, default=None)


def extract_numbers(doc: Doc, doc_id: str) -> Iterator[NumberMention]:
    """One row per span in doc.spans["numbers"], with the quote it appears in."""
    if "numbers" not in doc.spans:
        return
    sentence_of = SentenceIndex(doc)
    quotes = list(doc.spans["quotes"]) if "quotes" in doc.spans else []
    for span in doc.spans["numbers"]:
        number = span._.number
        quote = innermost_containing(quotes, span.start_char, span.end_char)
        info = quote._.quote if quote is not None else None
        yield NumberMention(
            doc_id=doc_id,
            sent_idx=sentence_of(span.start_char),
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            value=number.value,
            low=number.low,
            high=number.high,
            qualifier=number.qualifier,
            unit=number.unit,
            unit_text=number.unit_text,
            category=number.category,
            modifier=number.modifier,
            quote_id=info.quote_id if info is not None else None,
            source=info.speaker if info is not None else None,
        )
