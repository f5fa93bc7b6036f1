import csv

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.tables import SCHEMAS
from pipeline.writer import TableWriter, make_csv_safe


def entity_row(text="NAVO", **overrides):
    row = {"doc_id": "d1", "sent_idx": 0, "start": 3, "end": 3 + len(text), "text": text,
           "label": "ORG", "model_label": "ORG", "entity_id": "E1", "canonical": text}
    return {**row, **overrides}


def test_tables_have_the_explicit_schema_and_every_table_exists(tmp_path):
    out = tmp_path / "output"
    with TableWriter(out) as writer:
        writer.write("entities", [entity_row()])
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(out / f"{name}.parquet").equals(schema), name
        assert (out / "csv" / f"{name}.csv").exists()
    table = pq.read_table(out / "entities.parquet")
    assert table.schema.field("start").type == pa.int32()
    assert table.to_pylist() == [entity_row()]


@pytest.mark.parametrize(
    "value, expected",
    [("=SUM(A1)", "'=SUM(A1)"), ("+31 6", "'+31 6"), ("-DOCSTART", "'-DOCSTART"),
     ("@handle", "'@handle"), ("NAVO", "NAVO"), ("a=b", "a=b"), (None, None)],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_made_safe(value, expected):
    batch = pa.RecordBatch.from_pydict({"text": [value], "n": [-5]},
                                       schema=pa.schema([("text", pa.string()), ("n", pa.int32())]))
    safe = make_csv_safe(batch)
    assert safe.column(0).to_pylist() == [expected]
    assert safe.column(1).to_pylist() == [-5]  # numbers stay numbers


def test_csv_is_utf8_with_header(tmp_path):
    out = tmp_path / "output"
    with TableWriter(out) as writer:
        writer.write("entities", [entity_row("Oekraïne", label="LOC"), entity_row("=cmd")])
    with open(out / "csv" / "entities.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["text"] for r in rows] == ["Oekraïne", "'=cmd"]
    assert list(rows[0]) == SCHEMAS["entities"].names


def test_an_interrupted_run_leaves_the_previous_output_whole(tmp_path):
    out = tmp_path / "output"
    with TableWriter(out) as writer:
        writer.write("entities", [entity_row()])
        writer.write_json("manifest.json", {})  # as every run does
    with pytest.raises(RuntimeError):
        with TableWriter(out) as writer:
            writer.write("entities", [entity_row("Kremlin"), entity_row("Moskou")])
            raise RuntimeError("interrupted")
    assert pq.read_table(out / "entities.parquet").column("text").to_pylist() == ["NAVO"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]  # no partial folder left


def test_parquet_only_writes_no_csv_folder(tmp_path):
    out = tmp_path / "output"
    with TableWriter(out, ("parquet",)) as writer:
        writer.write("entities", [entity_row()])
    assert not (out / "csv").exists() and (out / "entities.parquet").exists()


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        TableWriter(tmp_path / "o", ("parquet", "xlsx"))


def test_a_folder_with_other_files_is_never_replaced(tmp_path):
    from pipeline.writer import PreviousOutputError

    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(PreviousOutputError, match="not empty"):
        with TableWriter(notes) as writer:
            writer.write("entities", [entity_row()])
    assert (notes / "mine.txt").read_text(encoding="utf-8") == "keep me"
