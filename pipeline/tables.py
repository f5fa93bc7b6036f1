"""The output tables' contract: one explicit pyarrow schema per table.

Offsets are int32 Python character offsets into ``documents.text``; empty
values are nulls. docs/tables.md describes every column for users.
"""

from __future__ import annotations

import pyarrow as pa

_offsets = [("start", pa.int32()), ("end", pa.int32())]

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", pa.string()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("published", pa.date32()),
        ("date_precision", pa.string()),
        ("published_inferred", pa.date32()),
        ("published_inferred_evidence", pa.string()),
        ("text", pa.large_string()),
        ("content_hash", pa.string()),
        ("n_chars", pa.int32()),
        ("n_sentences", pa.int32()),
        ("n_tokens", pa.int32()),
        ("model", pa.string()),
        ("pipeline_version", pa.string()),
    ]),
    "sentences": pa.schema([
        ("doc_id", pa.string()), ("sent_idx", pa.int32()), *_offsets, ("text", pa.string()),
    ]),
    "entities": pa.schema([
        ("doc_id", pa.string()), ("sent_idx", pa.int32()), *_offsets, ("text", pa.string()),
        ("label", pa.string()), ("model_label", pa.string()), ("entity_id", pa.string()),
        ("canonical", pa.string()),
    ]),
    "quotes": pa.schema([
        ("doc_id", pa.string()), ("quote_id", pa.string()), ("sent_idx", pa.int32()),
        ("kind", pa.string()), ("text", pa.string()), *_offsets, ("cue", pa.string()),
        ("cue_start", pa.int32()), ("speaker", pa.string()), ("speaker_text", pa.string()),
        ("speaker_start", pa.int32()), ("speaker_end", pa.int32()),
        ("speaker_entity_id", pa.string()), ("speaker_kind", pa.string()),
        ("confidence", pa.float32()),
    ]),
    "numbers": pa.schema([
        ("doc_id", pa.string()), ("sent_idx", pa.int32()), *_offsets, ("text", pa.string()),
        ("value", pa.float64()), ("low", pa.float64()), ("high", pa.float64()),
        ("qualifier", pa.string()), ("unit", pa.string()), ("unit_text", pa.string()),
        ("category", pa.string()), ("modifier", pa.string()), ("quote_id", pa.string()),
        ("source", pa.string()),
    ]),
    "dates": pa.schema([
        ("doc_id", pa.string()), ("sent_idx", pa.int32()), *_offsets, ("text", pa.string()),
        ("value", pa.date32()), ("granularity", pa.string()), ("relative", pa.bool_()),
    ]),
    "errors": pa.schema([
        ("source", pa.string()), ("line", pa.int32()), ("doc_id", pa.string()),
        ("level", pa.string()), ("stage", pa.string()), ("message", pa.string()),
    ]),
}

TABLE_NAMES = tuple(SCHEMAS)


def to_record_batch(table: str, rows: list[dict]) -> pa.RecordBatch:
    """Rows (dicts keyed by column) as a batch of the table's schema; extra keys are dropped."""
    schema = SCHEMAS[table]
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.RecordBatch.from_pydict(columns, schema=schema)
