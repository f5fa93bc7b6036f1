"""Streaming, atomic table output: Parquet files and spreadsheet-safe CSV copies.

Tables are written batch by batch (memory stays flat as the corpus grows) into a
temporary folder beside the output folder, which replaces the output folder only
when the run finishes. An interrupted run leaves the previous output untouched.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.tables import SCHEMAS, to_record_batch

FORMATS = ("parquet", "csv")
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def make_csv_safe(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Prefix string cells that a spreadsheet would evaluate with an apostrophe."""
    columns = []
    for field, column in zip(batch.schema, batch.columns):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            risky = pc.fill_null(_starts_with_any(column), False)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, schema=batch.schema)


def _starts_with_any(column: pa.Array) -> pa.Array:
    result = pc.starts_with(column, FORMULA_PREFIXES[0])
    for prefix in FORMULA_PREFIXES[1:]:
        result = pc.or_(result, pc.starts_with(column, prefix))
    return result


class TableWriter:
    """Writes every table of a run; use as a context manager."""

    def __init__(self, out_dir: Path, formats: tuple[str, ...] = FORMATS) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown output format(s): {', '.join(sorted(unknown))}")
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.tmp_dir = self.out_dir.parent / f".{self.out_dir.name}.partial-{os.getpid()}"
        self.row_counts = {name: 0 for name in SCHEMAS}
        self._parquet: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, pacsv.CSVWriter] = {}

    def __enter__(self) -> "TableWriter":
        if self.tmp_dir.exists():
            shutil.rmtree(self.tmp_dir)
        (self.tmp_dir / "csv").mkdir(parents=True)
        for name, schema in SCHEMAS.items():
            if "parquet" in self.formats:
                self._parquet[name] = pq.ParquetWriter(self.tmp_dir / f"{name}.parquet", schema)
            if "csv" in self.formats:
                self._csv[name] = pacsv.CSVWriter(self.tmp_dir / "csv" / f"{name}.csv", schema)
        return self

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        batch = to_record_batch(table, rows)
        if table in self._parquet:
            self._parquet[table].write_batch(batch)
        if table in self._csv:
            self._csv[table].write_batch(make_csv_safe(batch))
        self.row_counts[table] += len(rows)

    def write_json(self, name: str, data: Any) -> None:
        with open(self.tmp_dir / name, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
            handle.write("\n")

    def _close_files(self) -> None:
        for writer in [*self._parquet.values(), *self._csv.values()]:
            writer.close()

    def __exit__(self, exc_type, exc, tb) -> None:
        self._close_files()
        if exc_type is not None:
            shutil.rmtree(self.tmp_dir, ignore_errors=True)
            return
        if "csv" not in self.formats:
            shutil.rmtree(self.tmp_dir / "csv")
        backup = self.out_dir.parent / f".{self.out_dir.name}.previous-{os.getpid()}"
        if self.out_dir.exists():
            os.replace(self.out_dir, backup)
        os.replace(self.tmp_dir, self.out_dir)
        shutil.rmtree(backup, ignore_errors=True)
