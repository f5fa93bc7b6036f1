"""The Dask engine: the same rows as the local engine, month-partitioned Parquet,
one model load per worker, and the CLI against an existing cluster.

Clusters here run their workers as threads (processes=False) and the corpus is
tiny, so the tests stay fast on a 2-core CI machine.
"""

import json
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")

from pipeline.cli import app  # noqa: E402
from pipeline.run import RunOptions, run_extraction  # noqa: E402
from pipeline.tables import SCHEMAS  # noqa: E402
from pipeline.writer import UNDATED, PARTITION_COLUMN  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "models" / "nl_news")

FEED = [
    {"id": "feed-1", "published_at": "2022-03-04T10:00:00Z", "title": "Gas",
     "text": "Minister Rob Jetten zei dinsdag dat de gasprijs met 12 procent is gestegen. "
             "\"We moeten 3 miljard euro vrijmaken,\" aldus Jetten in Den Haag."},
    {"id": "feed-2", "published_at": "2021-12-31",
     "text": "Volgens de NAVO staan er zo'n 100.000 Russische militairen bij de grens. "
             "Secretaris-generaal Jens Stoltenberg noemde dat op 30 december zorgwekkend."},
    {"id": "feed-3",  # no publication date: the undated partition
     "text": "De gemeente Utrecht opent volgend jaar twee nieuwe scholen voor 800 leerlingen. "
             "=SOM(A1) staat niet in een spreadsheet maar in de tekst."},
    {"id": "feed-4", "date": "2022-03",
     "text": "Het kabinet trekt 500 miljoen euro uit voor Oekraïne, maakte premier Mark Rutte "
             "vrijdag bekend. Dat is twee keer zoveel als in januari."},
]


def write_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    feed = folder / "feed.jsonl"
    lines = [json.dumps(record, ensure_ascii=False) for record in FEED] + ["{niet geldig"]
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [REPO / "seeds", feed]


def sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[PARTITION_COLUMN], errors="ignore")
    return frame.sort_values(list(frame.columns), na_position="last", kind="stable").reset_index(drop=True)


def local_table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{name}.parquet")


def dask_table(out: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(out / name)  # the partitioned folder, read as one dataset


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def local_output(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "out"
    manifest = run_extraction(corpus, out, RunOptions(model=MODEL, batch_size=2))
    return out, manifest


@pytest.fixture(scope="module")
def dask_output(corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("dask") / "out"
    options = RunOptions(model=MODEL, engine="dask", n_process=2, dask_processes=False, batch_size=2)
    manifest = run_extraction(corpus, out, options)
    return out, manifest


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_dask_engine_writes_the_same_rows_as_the_local_engine(local_output, dask_output, table):
    local, dask = sorted_frame(local_table(local_output[0], table)), sorted_frame(dask_table(dask_output[0], table))
    assert len(local) == local_output[1]["rows"][table]
    if table != "errors":
        assert len(local) > 0, "the corpus should produce rows for every table"
    pd.testing.assert_frame_equal(local, dask)


@pytest.mark.parametrize("table", list(SCHEMAS))
def test_dask_engine_writes_the_same_csv(local_output, dask_output, table):
    read = lambda out: sorted_frame(pd.read_csv(out / "csv" / f"{table}.csv", dtype=str))  # noqa: E731
    pd.testing.assert_frame_equal(read(local_output[0]), read(dask_output[0]))


def test_manifests_agree_on_counts_and_failures(local_output, dask_output):
    local, dask = local_output[1], dask_output[1]
    assert dask["rows"] == local["rows"]
    assert dask["documents"] == local["documents"] == {"processed": 7, "failed": 1}
    assert dask["failures"] == local["failures"]
    assert dask["engine"]["name"] == "dask" and dask["engine"]["workers"] == 2
    assert json.loads((dask_output[0] / "manifest.json").read_text())["rows"] == dask["rows"]


def test_parquet_is_partitioned_by_publication_month(dask_output):
    out, _ = dask_output
    months = {p.name for p in (out / "documents").iterdir()}
    assert months == {f"{PARTITION_COLUMN}=2022-02", f"{PARTITION_COLUMN}=2022-03",
                      f"{PARTITION_COLUMN}=2021-12", f"{PARTITION_COLUMN}={UNDATED}"}
    for name, schema in SCHEMAS.items():  # every file keeps the table's schema
        for path in (out / name).rglob("*.parquet"):
            assert pq.read_schema(path).equals(schema), path
    documents = ds.dataset(out / "documents", format="parquet", partitioning="hive").to_table().to_pandas()
    by_id = documents.set_index("doc_id")
    assert by_id.loc["feed-1", PARTITION_COLUMN] == "2022-03"
    assert by_id.loc["feed-3", PARTITION_COLUMN] == UNDATED
    # rows of other tables sit in their document's month
    entities = dask_table(out, "entities")
    assert len(entities)
    for row in entities.itertuples():
        assert row.published_month == by_id.loc[row.doc_id, PARTITION_COLUMN]


def test_the_model_is_loaded_once_per_worker_not_per_partition(corpus, tmp_path, monkeypatch):
    import pipeline.engines.dask as engine

    monkeypatch.setattr(engine, "_annotators", {})
    monkeypatch.setattr(engine, "model_loads", 0)
    options = RunOptions(model=MODEL, engine="dask", n_process=2, dask_processes=False, batch_size=1)
    manifest = run_extraction(corpus, tmp_path / "out", options)
    assert manifest["documents"]["processed"] == 7  # seven partitions of one document
    # both thread workers share this process, hence one load in all (one per worker process otherwise)
    assert engine.model_loads == 1


def test_cli_runs_on_an_existing_cluster(corpus, local_output, tmp_path):
    from distributed import LocalCluster

    out = tmp_path / "out"
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["extract", *map(str, corpus), "--out", str(out), "--model", MODEL,
                                          "--engine", "dask", "--scheduler", cluster.scheduler_address,
                                          "--quiet"])
    assert result.exit_code == 1, result.output  # the broken JSON line
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["engine"]["scheduler"] == cluster.scheduler_address
    assert manifest["rows"] == local_output[1]["rows"]
    pd.testing.assert_frame_equal(sorted_frame(dask_table(out, "quotes")),
                                  sorted_frame(local_table(local_output[0], "quotes")))


def test_scheduler_without_dask_engine_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(REPO / "seeds"), "--out", str(tmp_path / "o"),
                                      "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert not (tmp_path / "o").exists()


def test_month_layout_with_more_months_than_open_files(tmp_path):
    from pipeline.writer import TableWriter, read_table

    out = tmp_path / "out"
    rows = [{"doc_id": f"d{i}", "sent_idx": 0, "start": 0, "end": 4, "text": f"zin {i}"} for i in range(40)]
    months = [f"20{10 + i % 10}-0{1 + i % 3}" for i in range(40)]
    months[5] = None
    with TableWriter(out, layout="month", max_open_files=3, flush_bytes=1) as writer:
        for row, month in zip(rows, months):
            writer.write("sentences", [row], month)
    table = read_table(out, "sentences").to_pandas()
    assert sorted(table["doc_id"]) == sorted(r["doc_id"] for r in rows)
    by_id = table.set_index("doc_id")[PARTITION_COLUMN]
    assert all(by_id[f"d{i}"] == (months[i] or UNDATED) for i in range(40))
    assert pd.read_csv(out / "csv" / "sentences.csv")["doc_id"].tolist() == [r["doc_id"] for r in rows]
    assert (out / "quotes").is_dir() and pd.read_parquet(out / "quotes").empty  # empty tables still read
