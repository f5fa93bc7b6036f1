"""Streaming, atomic table output: Parquet files and spreadsheet-safe CSV copies.

Tables are written batch by batch into a temporary folder beside the output
folder, which replaces the output folder only when the run finishes. An
interrupted run leaves the previous output untouched. Rows are buffered per
table up to a few MiB, so Parquet files get sizeable row groups while memory
stays flat as the corpus grows.

Two layouts:
- ``single`` (the local engine): ``DIR/NAME.parquet``.
- ``month`` (the Dask engine): one Hive-partitioned dataset folder per table,
  ``DIR/NAME/published_month=2022-02/part-0.parquet``; documents without a
  publication date go to ``published_month=undated`` (a value, not Hive's null
  partition, which pandas.read_parquet cannot read). The errors table is not
  partitioned: ``DIR/errors/part-0.parquet``. pandas, pyarrow.dataset and DuckDB
  read each folder as one table with a string column ``published_month``.
Both layouts write ``DIR/csv/NAME.csv`` (one file per table) and
``DIR/manifest.json``.

``PreviousOutput`` reads an existing output of either layout, and
``TableWriter.carry_over`` copies its rows into a new output (incremental runs).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections import OrderedDict
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipeline.tables import SCHEMAS, to_record_batch

FORMATS = ("parquet", "csv")
LAYOUTS = ("single", "month")
PARTITION_COLUMN = "published_month"
UNDATED = "undated"  # the partition of documents without a publication date
# Tables whose rows belong to one document, partitioned by its publication month.
PARTITIONED_TABLES = tuple(name for name in SCHEMAS if name != "errors")
# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

Months = str | None | Sequence[str | None]


def month_of(date: dt.date | None) -> str | None:
    """The partition key of a publication date: '2022-02', or None when undated."""
    return None if date is None else f"{date.year:04d}-{date.month:02d}"


def make_csv_safe(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Prefix string cells that a spreadsheet would evaluate with an apostrophe."""
    return pa.RecordBatch.from_arrays(_csv_safe_columns(batch), schema=batch.schema)


def _csv_safe_columns(data: pa.RecordBatch | pa.Table) -> list:
    columns = []
    for field, column in zip(data.schema, data.columns):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            risky = pc.fill_null(_starts_with_any(column), False)
            if pc.any(risky).as_py():
                quote, empty = pa.scalar("'", field.type), pa.scalar("", field.type)
                column = pc.if_else(risky, pc.binary_join_element_wise(quote, column, empty), column)
        columns.append(column)
    return columns


def _starts_with_any(column: pa.Array) -> pa.Array:
    result = pc.starts_with(column, FORMULA_PREFIXES[0])
    for prefix in FORMULA_PREFIXES[1:]:
        result = pc.or_(result, pc.starts_with(column, prefix))
    return result


def _partition_dir(month: str | None) -> str:
    return f"{PARTITION_COLUMN}={month or UNDATED}"


def _month_runs(batch: pa.RecordBatch, months: Months) -> Iterator[tuple[str | None, pa.RecordBatch]]:
    """Zero-copy slices of ``batch`` with one month each (rows of a document are adjacent)."""
    if months is None or isinstance(months, str):
        yield months, batch
        return
    if len(months) != batch.num_rows:
        raise ValueError(f"{len(months)} months for {batch.num_rows} rows")
    start = 0
    for index in range(1, batch.num_rows + 1):
        if index == batch.num_rows or months[index] != months[start]:
            yield months[start], batch.slice(start, index - start)
            start = index


class _Buffer:
    __slots__ = ("batches", "nbytes")

    def __init__(self) -> None:
        self.batches: list[pa.RecordBatch] = []
        self.nbytes = 0


class TableWriter:
    """Writes every table of a run; use as a context manager."""

    def __init__(
        self,
        out_dir: Path,
        formats: tuple[str, ...] = FORMATS,
        *,
        layout: str = "single",
        flush_bytes: int = 4 << 20,
        max_buffered_bytes: int = 32 << 20,
        max_open_files: int = 64,
    ) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown output format(s): {', '.join(sorted(unknown))}")
        if layout not in LAYOUTS:
            raise ValueError(f"unknown layout {layout!r}: choose from {', '.join(LAYOUTS)}")
        self.out_dir = Path(out_dir)
        self.formats = formats
        self.layout = layout
        self.flush_bytes = flush_bytes
        self.max_buffered_bytes = max_buffered_bytes
        self.max_open_files = max_open_files
        self.tmp_dir = self.out_dir.parent / f".{self.out_dir.name}.partial-{os.getpid()}"
        self.row_counts = {name: 0 for name in SCHEMAS}
        self._buffers: dict[tuple[str, str, str | None], _Buffer] = {}
        self._buffered = 0
        # Parquet writers by (table, month); LRU-closed beyond max_open_files in the month layout.
        self._parquet: OrderedDict[tuple[str, str | None], pq.ParquetWriter] = OrderedDict()
        self._next_part: dict[Path, int] = {}
        self._files_written: set[str] = set()
        self._csv: dict[str, tuple[Any, pacsv.CSVWriter]] = {}
        self._csv_adopted: set[str] = set()

    # -- context --------------------------------------------------------------------------
    def __enter__(self) -> "TableWriter":
        refuse_foreign_folder(self.out_dir)
        if self.tmp_dir.exists():
            shutil.rmtree(self.tmp_dir)
        (self.tmp_dir / "csv").mkdir(parents=True)
        if self.layout == "single" and "parquet" in self.formats:
            for name in SCHEMAS:  # every table exists, even when empty
                self._parquet_writer(name, None)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._finish()  # the last buffered rows
        except BaseException:
            exc_type = True
            raise
        finally:
            self._close_files()
            if exc_type is not None:
                shutil.rmtree(self.tmp_dir, ignore_errors=True)
        if exc_type is not None:
            return
        if "csv" not in self.formats:
            shutil.rmtree(self.tmp_dir / "csv")
        backup = self.out_dir.parent / f".{self.out_dir.name}.previous-{os.getpid()}"
        if self.out_dir.exists():
            os.replace(self.out_dir, backup)
        try:
            os.replace(self.tmp_dir, self.out_dir)
        except OSError:
            if backup.exists():  # put the previous output back
                os.replace(backup, self.out_dir)
            raise
        shutil.rmtree(backup, ignore_errors=True)

    # -- writing --------------------------------------------------------------------------
    def write(self, table: str, rows: list[dict[str, Any]], months: Months = None) -> None:
        """Append rows (dicts keyed by column); ``months``: one partition key, or one per row."""
        if not rows:
            return
        self.write_batch(table, to_record_batch(table, rows), months)

    def write_batch(self, table: str, batch: pa.RecordBatch, months: Months = None,
                    targets: Iterable[str] | None = None) -> None:
        """Append a batch of the table's schema to the ``targets`` formats (default: all)."""
        if batch.num_rows == 0:
            return
        targets = self.formats if targets is None else tuple(t for t in targets if t in self.formats)
        self.row_counts[table] += batch.num_rows
        if "csv" in targets:
            self._append(("csv", table, None), batch)
        if "parquet" in targets:
            if self.layout == "single" or table not in PARTITIONED_TABLES:
                self._append(("parquet", table, None), batch)
            else:
                for month, piece in _month_runs(batch, months):
                    self._append(("parquet", table, month), piece)

    def write_json(self, name: str, data: Any) -> None:
        with open(self.tmp_dir / name, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2, default=str)
            handle.write("\n")

    def _append(self, key: tuple[str, str, str | None], batch: pa.RecordBatch) -> None:
        buffer = self._buffers.get(key)
        if buffer is None:
            buffer = self._buffers[key] = _Buffer()
        buffer.batches.append(batch)
        size = batch.nbytes
        buffer.nbytes += size
        self._buffered += size
        if buffer.nbytes >= self.flush_bytes:
            self._flush(key)
        if self._buffered > self.max_buffered_bytes:  # many partitions: flush the biggest
            for key in sorted(self._buffers, key=lambda k: -self._buffers[k].nbytes):
                self._flush(key)
                if self._buffered <= self.max_buffered_bytes // 2:
                    break

    def _flush(self, key: tuple[str, str, str | None]) -> None:
        buffer = self._buffers.pop(key, None)
        if buffer is None or not buffer.batches:
            return
        self._buffered -= buffer.nbytes
        kind, table, month = key
        data = pa.Table.from_batches(buffer.batches, schema=SCHEMAS[table])
        if kind == "csv":
            self._csv_writer(table).write_table(
                pa.Table.from_arrays(_csv_safe_columns(data), schema=data.schema))
        else:
            self._parquet_writer(table, month).write_table(data, row_group_size=max(data.num_rows, 1))

    def _flush_all(self) -> None:
        for key in list(self._buffers):
            self._flush(key)

    # -- files ----------------------------------------------------------------------------
    def _table_dir(self, table: str, month: str | None) -> Path:
        if table in PARTITIONED_TABLES:
            return self.tmp_dir / table / _partition_dir(month)
        return self.tmp_dir / table

    def _new_part_path(self, table: str, month: str | None) -> Path:
        folder = self._table_dir(table, month)
        folder.mkdir(parents=True, exist_ok=True)
        index = self._next_part.get(folder, 0)
        self._next_part[folder] = index + 1
        return folder / f"part-{index}.parquet"

    def _parquet_writer(self, table: str, month: str | None) -> pq.ParquetWriter:
        key = (table, month)
        writer = self._parquet.get(key)
        if writer is not None:
            self._parquet.move_to_end(key)
            return writer
        if self.layout == "single":
            path = self.tmp_dir / f"{table}.parquet"
        else:
            while len(self._parquet) >= self.max_open_files:
                _, oldest = self._parquet.popitem(last=False)
                oldest.close()
            path = self._new_part_path(table, month)
        writer = self._parquet[key] = pq.ParquetWriter(path, SCHEMAS[table])
        self._files_written.add(table)
        return writer

    def _csv_writer(self, table: str) -> pacsv.CSVWriter:
        if table not in self._csv:
            path = self.tmp_dir / "csv" / f"{table}.csv"
            if table in self._csv_adopted:  # rows of a previous output are already there
                sink = open(path, "ab")
                options = pacsv.WriteOptions(include_header=False)
            else:
                sink = open(path, "wb")
                options = pacsv.WriteOptions(include_header=True)
            self._csv[table] = (sink, pacsv.CSVWriter(sink, SCHEMAS[table], write_options=options))
        return self._csv[table][1]

    def _finish(self) -> None:
        self._flush_all()
        if "csv" in self.formats:
            for table in SCHEMAS:  # a header even for an empty table
                if table not in self._csv_adopted:
                    self._csv_writer(table)
        if self.layout == "month" and "parquet" in self.formats:
            for table in SCHEMAS:  # an empty file, so the table's folder reads as a dataset
                if table not in self._files_written:
                    self._parquet_writer(table, None)

    def _close_files(self) -> None:
        for writer in self._parquet.values():
            writer.close()
        self._parquet.clear()
        for sink, writer in self._csv.values():
            writer.close()
            sink.close()
        self._csv.clear()

    # -- incremental runs -----------------------------------------------------------------
    def carry_over(self, previous: "PreviousOutput", drop: dict[str, set[str]] | None = None) -> None:
        """Copy every row of ``previous`` except rows whose doc_id is in ``drop[table]``.

        Call before writing this run's rows. Parquet part files of a month-layout
        output are hard-linked (copied where links are impossible) when nothing
        in them is dropped; CSV files are copied and appended to likewise.
        Everything else is re-encoded batch by batch.
        """
        drop = drop or {}
        doc_months: dict[str, str | None] | None = None
        for table, schema in SCHEMAS.items():
            dropped = drop.get(table) or set()
            files = previous.table_files(table)
            affected = {path for path, _ in files if dropped and _contains_any(path, dropped)}
            old_csv = previous.out_dir / "csv" / f"{table}.csv"
            copy_csv = "csv" in self.formats and old_csv.is_file() and not affected
            if copy_csv:
                _link_or_copy(old_csv, self.tmp_dir / "csv" / f"{table}.csv", link=False)
                self._csv_adopted.add(table)
            for path, month in files:
                if (path not in affected and "parquet" in self.formats and self.layout == "month"
                        and previous.layout == "month" and table in PARTITIONED_TABLES
                        and pq.read_schema(path).equals(schema)):
                    self._adopt_parquet(table, month, path)
                    if "csv" in self.formats and not copy_csv:
                        for batch in _read_batches(path, schema):
                            self._append(("csv", table, None), batch)
                    continue
                targets = tuple(f for f in self.formats if f == "parquet" or not copy_csv)
                if not targets:
                    self.row_counts[table] += pq.read_metadata(path).num_rows
                    continue
                for batch in _read_batches(path, schema):
                    if path in affected:
                        keep = pc.invert(pc.fill_null(pc.is_in(batch.column("doc_id"),
                                                               value_set=pa.array(sorted(dropped))), False))
                        batch = batch.filter(keep)
                    months: Months = None
                    if self.layout == "month" and table in PARTITIONED_TABLES:
                        if previous.layout == "month":
                            months = month
                        else:
                            if doc_months is None:
                                doc_months = previous.doc_months()
                            months = [doc_months.get(d) for d in batch.column("doc_id").to_pylist()]
                    self.write_batch(table, batch, months, targets=targets)

    def _adopt_parquet(self, table: str, month: str | None, source: Path) -> None:
        self._flush(("parquet", table, month))
        target = self._new_part_path(table, month)
        _link_or_copy(source, target, link=True)
        self._files_written.add(table)
        self.row_counts[table] += pq.read_metadata(target).num_rows


def _link_or_copy(source: Path, target: Path, *, link: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if link:
        try:
            os.link(source, target)  # the old output is replaced, never modified: sharing is safe
            return
        except OSError:
            pass
    shutil.copyfile(source, target)


def _read_batches(path: Path, schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """Batches of a Parquet file in ``schema`` (columns added since are null, order fixed)."""
    handle = pq.ParquetFile(path)
    names = set(handle.schema_arrow.names)
    for batch in handle.iter_batches(batch_size=65_536, columns=[n for n in schema.names if n in names]):
        columns = [batch.column(f.name).cast(f.type) if f.name in names else pa.nulls(batch.num_rows, f.type)
                   for f in schema]
        yield pa.RecordBatch.from_arrays(columns, schema=schema)


def _contains_any(path: Path, doc_ids: set[str]) -> bool:
    column = pq.read_table(path, columns=["doc_id"]).column("doc_id")
    return bool(pc.any(pc.is_in(column, value_set=pa.array(sorted(doc_ids)))).as_py())


class PreviousOutputError(ValueError):
    """An output folder that a run cannot replace or an incremental run cannot build on."""


def refuse_foreign_folder(out_dir: Path) -> None:
    """A run replaces its output folder whole: never one that holds other files."""
    out_dir = Path(out_dir)
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / "manifest.json").is_file():
        raise PreviousOutputError(
            f"refusing to replace {out_dir}: it is not empty and is not the output of an "
            "earlier run (no manifest.json); choose a new or empty folder"
        )


class PreviousOutput:
    """An existing output folder of either layout, read lazily."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = Path(out_dir)
        if (self.out_dir / "documents.parquet").is_file():
            self.layout = "single"
        elif (self.out_dir / "documents").is_dir():
            self.layout = "month"
        else:
            raise PreviousOutputError(
                f"{self.out_dir} holds no Parquet documents table (documents.parquet or documents/); "
                "an incremental run needs the Parquet output of an earlier run")

    def table_files(self, table: str) -> list[tuple[Path, str | None]]:
        """(Parquet file, partition month) pairs of a table, in a stable order."""
        if self.layout == "single":
            path = self.out_dir / f"{table}.parquet"
            return [(path, None)] if path.is_file() else []
        folder = self.out_dir / table
        if not folder.is_dir():
            return []
        files = []
        for path in sorted(folder.rglob("*.parquet"), key=_part_order):
            month = None
            for part in path.relative_to(folder).parts[:-1]:
                key, _, value = part.partition("=")
                if key == PARTITION_COLUMN and value != UNDATED:
                    month = value
            files.append((path, month))
        return files

    def documents(self, columns: Sequence[str] = ("doc_id", "content_hash")) -> Iterator[pa.RecordBatch]:
        for path, _ in self.table_files("documents"):
            yield from pq.ParquetFile(path).iter_batches(batch_size=65_536, columns=list(columns))

    def doc_months(self) -> dict[str, str | None]:
        months: dict[str, str | None] = {}
        for batch in self.documents(("doc_id", "published")):
            for doc_id, published in zip(batch.column("doc_id").to_pylist(), batch.column("published").to_pylist()):
                months[doc_id] = month_of(published)
        return months

    def models(self) -> set[str]:
        found: set[str] = set()
        for batch in self.documents(("model",)):
            found.update(m for m in pc.unique(batch.column("model")).to_pylist() if m)
        return found

    def manifest(self) -> dict | None:
        path = self.out_dir / "manifest.json"
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None


def _part_order(path: Path) -> tuple:
    stem = path.stem
    number = stem.rsplit("-", 1)[-1]
    return (str(path.parent), int(number) if number.isdigit() else -1, stem)


def read_table(out_dir: Path, table: str) -> pa.Table:
    """One table of an output folder of either layout (month-layout folders gain
    the ``published_month`` column)."""
    out_dir = Path(out_dir)
    single = out_dir / f"{table}.parquet"
    if single.is_file():
        return pq.read_table(single)
    import pyarrow.dataset as ds

    return ds.dataset(out_dir / table, format="parquet", partitioning="hive").to_table()
