"""Incremental runs: a daily feed adds only new documents to an existing output."""

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.run import RunOptions, run_extraction
from pipeline.tables import SCHEMAS
from pipeline.writer import PARTITION_COLUMN, PreviousOutputError

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "models" / "nl_news")
SEEDS = sorted((REPO / "seeds").glob("*.txt"))

DAY_2 = [
    {"id": "d2-1", "published_at": "2022-03-04",
     "text": "Minister Rob Jetten zei dinsdag dat de gasprijs met 12 procent is gestegen. "
             "\"We moeten 3 miljard euro vrijmaken,\" aldus Jetten."},
    {"id": "d2-2",  # no date: a read warning that must not be written twice
     "text": "De gemeente Utrecht opent volgend jaar twee nieuwe scholen voor 800 leerlingen."},
]


def jsonl(path: Path, records: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def sorted_frame(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.drop(columns=[PARTITION_COLUMN], errors="ignore")
    return frame.sort_values(list(frame.columns), na_position="last", kind="stable").reset_index(drop=True)


def table(out: Path, name: str) -> pd.DataFrame:
    single = out / f"{name}.parquet"
    return pd.read_parquet(single if single.exists() else out / name)


def assert_same_tables(out: Path, expected: Path, tables=tuple(SCHEMAS)) -> None:
    for name in tables:
        pd.testing.assert_frame_equal(sorted_frame(table(out, name)), sorted_frame(table(expected, name)),
                                      obj=name)


def run(inputs, out, **options) -> dict:
    return run_extraction(list(inputs), out, RunOptions(model=MODEL, **options))


@pytest.fixture(scope="module")
def day1(tmp_path_factory):
    """Day 1: two seed articles."""
    out = tmp_path_factory.mktemp("day1") / "out"
    return out, run(SEEDS[:2], out)


@pytest.fixture(scope="module")
def day2_inputs(tmp_path_factory):
    """Day 2's feed: yesterday's articles again, one more seed and two new feed items."""
    folder = tmp_path_factory.mktemp("day2")
    return [*SEEDS, jsonl(folder / "feed.jsonl", DAY_2)]


@pytest.fixture(scope="module")
def full(day2_inputs, tmp_path_factory):
    """Everything at once, without --incremental: what the incremental output must equal."""
    out = tmp_path_factory.mktemp("full") / "out"
    return out, run(day2_inputs, out)


def copy_output(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def test_a_second_run_processes_only_new_documents(day1, day2_inputs, full, tmp_path):
    out = copy_output(day1[0], tmp_path / "out")
    manifest = run(day2_inputs, out, incremental=True)
    assert manifest["documents"] == {"processed": 3, "failed": 0, "skipped": 2}
    assert manifest["incremental"] == {"previous_documents": 2, "skipped_known": 2, "replaced": 0,
                                       "kept": 2, "new": 3, "total": 5}
    assert manifest["rows"] == full[1]["rows"]
    assert_same_tables(out, full[0])  # identical rows, entity ids included
    # the warning about the undated feed item is there once, not once per run
    errors = table(out, "errors")
    assert errors["doc_id"].tolist().count("d2-2") == 1


def test_csv_holds_old_and_new_rows(day1, day2_inputs, full, tmp_path):
    out = copy_output(day1[0], tmp_path / "out")
    run(day2_inputs, out, incremental=True)
    for name in SCHEMAS:
        read = lambda folder: sorted_frame(pd.read_csv(folder / "csv" / f"{name}.csv", dtype=str))  # noqa: E731
        pd.testing.assert_frame_equal(read(out), read(full[0]), obj=name)


def test_nothing_new_keeps_the_output_and_starts_no_model(day1, tmp_path):
    out = copy_output(day1[0], tmp_path / "out")
    options = RunOptions(model=str(tmp_path / "no-such-model"), incremental=True)
    manifest = run_extraction(SEEDS[:2], out, options)
    assert manifest["documents"] == {"processed": 0, "failed": 0, "skipped": 2}
    assert manifest["engine"]["started"] is False  # the missing model was never needed
    assert_same_tables(out, day1[0])


def test_a_changed_text_replaces_the_documents_old_rows(day1, tmp_path):
    out = copy_output(day1[0], tmp_path / "out")
    changed = tmp_path / "in" / SEEDS[0].name
    changed.parent.mkdir()
    original = SEEDS[0].read_text(encoding="utf-8")
    changed.write_text(original.rstrip() + "\n\nUpdate: het ministerie meldt nu 200 doden.\n", encoding="utf-8")
    manifest = run([changed, SEEDS[1]], out, incremental=True)
    assert manifest["incremental"]["replaced"] == 1 and manifest["documents"]["skipped"] == 1
    documents = table(out, "documents").set_index("doc_id")
    assert len(documents) == 2 and documents.index.is_unique
    doc_id = SEEDS[0].stem
    assert documents.loc[doc_id, "text"].endswith("200 doden.\n")
    sentences = table(out, "sentences")
    sentences = sentences[sentences["doc_id"] == doc_id]
    text = documents.loc[doc_id, "text"]
    assert all(text[r.start:r.end] == r.text for r in sentences.itertuples())
    assert sentences["sent_idx"].is_unique  # the old version's rows are gone
    # the other document's rows are untouched
    before = sorted_frame(table(day1[0], "entities").query("doc_id == @SEEDS[1].stem"))
    after = sorted_frame(table(out, "entities").query("doc_id == @SEEDS[1].stem"))
    pd.testing.assert_frame_equal(before, after)


def test_first_run_of_a_feed_needs_no_previous_output(tmp_path):
    manifest = run(SEEDS[:1], tmp_path / "out", incremental=True)
    assert manifest["documents"] == {"processed": 1, "failed": 0, "skipped": 0}
    assert manifest["incremental"]["previous_documents"] == 0


def test_a_failed_incremental_run_leaves_the_previous_output(day1, day2_inputs, tmp_path, monkeypatch):
    import pipeline.run as run_module

    out = copy_output(day1[0], tmp_path / "out")

    def crash(annotator, documents):
        raise RuntimeError("power cut")

    monkeypatch.setattr(run_module, "process_batch", crash)
    with pytest.raises(RuntimeError):
        run(day2_inputs, out, incremental=True)
    assert_same_tables(out, day1[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_output_without_parquet_is_refused(day1, tmp_path):
    out = tmp_path / "out"
    run(SEEDS[:1], out, formats=("csv",))
    with pytest.raises(PreviousOutputError):
        run(SEEDS[:2], out, incremental=True)
    result = CliRunner().invoke(app, ["extract", *map(str, SEEDS[:2]), "--out", str(out), "--model", MODEL,
                                      "--incremental", "--quiet"])
    assert result.exit_code == 2
    assert (out / "csv" / "documents.csv").exists()  # untouched


def test_cli_incremental(day1, day2_inputs, tmp_path):
    out = copy_output(day1[0], tmp_path / "out")
    result = CliRunner().invoke(app, ["extract", *map(str, day2_inputs), "--out", str(out), "--model", MODEL,
                                      "--incremental"])
    assert result.exit_code == 0, result.output
    assert "2 documents already in the output skipped" in result.output.replace("\n", " ")
    assert json.loads((out / "manifest.json").read_text())["incremental"]["skipped_known"] == 2


def test_dask_layout_links_the_archive_instead_of_rewriting_it(day1, day2_inputs, full, tmp_path):
    pytest.importorskip("distributed")
    out = tmp_path / "out"
    dask = dict(engine="dask", n_process=1, dask_processes=False)
    run(SEEDS[:2], out, **dask)
    old_part = out / "documents" / f"{PARTITION_COLUMN}=2022-02" / "part-0.parquet"
    inode = os.stat(old_part).st_ino
    manifest = run(day2_inputs, out, incremental=True, **dask)
    assert manifest["incremental"]["skipped_known"] == 2
    assert os.stat(old_part).st_ino == inode  # the archive's file was linked, not rewritten
    new_parts = sorted((out / "documents" / f"{PARTITION_COLUMN}=2022-02").glob("*.parquet"))
    assert [p.name for p in new_parts] == ["part-0.parquet", "part-1.parquet"]
    assert pq.read_metadata(new_parts[1]).num_rows == 1
    assert_same_tables(out, full[0])


def test_local_output_continues_with_the_dask_engine(day1, day2_inputs, full, tmp_path):
    pytest.importorskip("distributed")
    out = copy_output(day1[0], tmp_path / "out")
    run(day2_inputs, out, incremental=True, engine="dask", n_process=1, dask_processes=False)
    assert (out / "entities").is_dir() and not (out / "entities.parquet").exists()
    assert_same_tables(out, full[0])


def test_the_same_text_under_a_new_id_is_a_new_document(tmp_path):
    model = str(Path(__file__).resolve().parent.parent / "models" / "nl_news")
    seed = Path(__file__).resolve().parent.parent / "seeds" / "002_5dbc0360713f8d14.txt"
    feed = tmp_path / "feed"
    feed.mkdir()
    shutil.copy(seed, feed / "origineel.txt")
    out = tmp_path / "out"
    run_extraction([feed], out, RunOptions(model=model, formats=("parquet",), incremental=True))
    shutil.copy(seed, feed / "overgenomen.txt")  # an agency story reprinted under another id
    manifest = run_extraction([feed], out, RunOptions(model=model, formats=("parquet",), incremental=True))
    assert manifest["documents"]["processed"] == 1
    assert sorted(pd.read_parquet(out / "documents.parquet")["doc_id"]) == ["origineel", "overgenomen"]
