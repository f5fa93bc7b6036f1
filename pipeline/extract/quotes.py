"""Quote rows: one per span in ``doc.spans["quotes"]`` (see pipeline.components.quotes)."""

from __future__ import annotations

from typing import Iterator, NamedTuple

from spacy.tokens import Doc

import pipeline.extensions  # noqa: F401
from pipeline.extract.common import SentenceIndex


class QuoteMention(NamedTuple):
    doc_id: str
    quote_id: str
    sent_idx: int
    kind: str  # "direct", "indirect" or "mixed"
    text: str  # the quoted or reported words, without quote marks
    start: int
    end: int
    cue: str  # "zei", "aldus", "volgens", ":" ...; "" for a continued quote
    cue_start: int | None
    speaker: str  # canonical: the entity's fullest name, or the phrase as written when unresolved
    speaker_text: str  # the speaker as written at the cue ("hij", "de minister"); "" for a continued quote
    speaker_start: int | None
    speaker_end: int | None
    speaker_entity_id: str | None
    speaker_kind: str  # "person", "organization" or "unresolved"
    confidence: float


def extract_quotes(doc: Doc, doc_id: str) -> Iterator[QuoteMention]:
    """Quote rows of one document, in text order."""
    if "quotes" not in doc.spans:
        return
    sentence_of = SentenceIndex(doc)
    text = doc.text  # once: spaCy rebuilds it from the tokens on every access
    infos = sorted(
        (span._.quote for span in doc.spans["quotes"] if span._.quote is not None),
        key=lambda info: (info.start, info.end),
    )
    for info in infos:
        yield QuoteMention(
            doc_id=doc_id,
            quote_id=info.quote_id,
            sent_idx=sentence_of(info.start),
            kind=info.kind,
            text=text[info.start : info.end],
            start=info.start,
            end=info.end,
            cue=info.cue,
            cue_start=info.cue_start,
            speaker=info.speaker,
            speaker_text=info.speaker_text,
            speaker_start=info.speaker_start,
            speaker_end=info.speaker_end,
            speaker_entity_id=info.speaker_entity_id,
            speaker_kind=info.speaker_kind,
            confidence=info.confidence,
        )
