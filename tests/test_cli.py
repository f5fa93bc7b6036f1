"""End-to-end: the extract and model commands, table contract, offsets, determinism."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.tables import SCHEMAS

REPO = Path(__file__).resolve().parent.parent
MODEL = str(REPO / "models" / "nl_news")
runner = CliRunner()


def test_every_table_is_written_with_its_schema(seed_output):
    out, manifest = seed_output
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(out / f"{name}.parquet").equals(schema), name
        assert (out / "csv" / f"{name}.csv").exists(), name
    assert manifest["documents"] == {"processed": 3, "failed": 0}
    assert manifest["rows"]["documents"] == 3
    assert all(manifest["rows"][t] > 0 for t in ("sentences", "entities", "quotes", "numbers", "dates"))
    assert json.loads((out / "manifest.json").read_text())["rows"] == manifest["rows"]


@pytest.mark.parametrize("table", ["sentences", "entities", "quotes", "numbers", "dates"])
def test_offsets_point_at_the_mention(seed_output, table):
    out, _ = seed_output
    texts = pd.read_parquet(out / "documents.parquet").set_index("doc_id")["text"]
    rows = pd.read_parquet(out / f"{table}.parquet")
    assert len(rows)
    for row in rows.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text, (table, row)


def test_quote_speakers_join_the_entities_table(seed_output):
    out, _ = seed_output
    quotes = pd.read_parquet(out / "quotes.parquet")
    entity_ids = set(pd.read_parquet(out / "entities.parquet")["entity_id"])
    linked = quotes["speaker_entity_id"].dropna()
    assert len(linked) and set(linked) <= entity_ids


def test_same_input_gives_the_same_tables(seed_output, tmp_path):
    out, _ = seed_output
    again = tmp_path / "again"
    result = runner.invoke(app, ["extract", str(REPO / "seeds"), "--out", str(again), "--model", MODEL, "--quiet"])
    assert result.exit_code == 0, result.output
    for name in SCHEMAS:
        assert pq.read_table(again / f"{name}.parquet").equals(pq.read_table(out / f"{name}.parquet")), name


def test_bad_inputs_are_reported_and_good_ones_processed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(REPO / "seeds" / "002_5dbc0360713f8d14.txt", inputs / "goed.txt")
    (inputs / "leeg.txt").write_text("", encoding="utf-8")
    (inputs / "feed.jsonl").write_text('{"id": "j1", "text": "De minister zei dat het goed gaat."}\n{kapot\n',
                                       encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(inputs), "--out", str(out), "--model", MODEL, "--quiet"])
    assert result.exit_code == 1
    documents = pd.read_parquet(out / "documents.parquet")
    assert sorted(documents["doc_id"]) == ["goed", "j1"]
    errors = pd.read_parquet(out / "errors.parquet")
    failed = errors[errors["level"] == "error"]
    assert sorted(failed["source"].map(lambda s: Path(s).name)) == ["feed.jsonl", "leeg.txt"]
    assert failed.loc[failed["source"].str.endswith("feed.jsonl"), "line"].tolist() == [2]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["documents"]["failed"] == 2


def test_csv_only_output(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(REPO / "seeds" / "000_122c80cfac108b64.txt"), "--out", str(out),
                                 "--model", MODEL, "--format", "csv", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "csv" / "entities.csv").exists() and not (out / "entities.parquet").exists()


def test_unknown_format_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["extract", str(REPO / "seeds"), "--out", str(tmp_path / "o"), "--format", "xlsx"])
    assert result.exit_code == 2


def test_missing_model_has_its_own_exit_code(tmp_path):
    result = runner.invoke(app, ["extract", str(REPO / "seeds"), "--out", str(tmp_path / "o"),
                                 "--model", str(tmp_path / "no-such-model"), "--quiet"])
    assert result.exit_code == 3
    assert not (tmp_path / "o").exists()


def test_model_command_explains_the_choice():
    result = runner.invoke(app, ["model", "--model", MODEL])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"model": MODEL, "reason": "requested with --model"}


def test_long_documents_are_split_and_merged_with_exact_offsets(tmp_path):
    from pipeline.annotate import Annotator, split_text
    from pipeline.readers import Document

    text = (REPO / "seeds" / "001_50125d09cbfa70f1.txt").read_text(encoding="utf-8")[14:]
    pieces = split_text(text, 600)
    assert "".join(pieces) == text and all(len(p) <= 600 for p in pieces) and len(pieces) > 3
    annotator = Annotator(MODEL, max_chunk_chars=600)
    document = Document("lang", "x", None, None, None, text, "h")
    (_, doc), = annotator.annotate([document])
    assert doc.text == text and len(list(doc.sents)) > 10 and len(doc.ents) > 10


def test_a_document_that_fails_annotation_is_reported_and_the_run_goes_on(tmp_path, monkeypatch):
    from pipeline.annotate import Annotator
    from pipeline.run import RunOptions, run_extraction

    real_annotate = Annotator.annotate

    def annotate(self, documents):
        documents = list(documents)
        if any(d.doc_id.startswith("001") for d in documents):
            raise RuntimeError("boom")
        return real_annotate(self, documents)

    monkeypatch.setattr(Annotator, "annotate", annotate)
    manifest = run_extraction([REPO / "seeds"], tmp_path / "out", RunOptions(model=MODEL, batch_size=1))
    assert manifest["documents"] == {"processed": 2, "failed": 1}
    assert "boom" in manifest["failures"][0]["message"]


def test_a_model_without_a_parser_still_gets_sentences(tmp_path):
    import spacy

    blank = tmp_path / "blank_nl"
    spacy.blank("nl").to_disk(blank)
    manifest = run_extraction_quiet(blank, tmp_path / "out")
    assert manifest["documents"]["processed"] == 3
    sentences = pd.read_parquet(tmp_path / "out" / "sentences.parquet")
    assert len(sentences) > 10


def test_the_output_folder_must_not_hold_the_inputs(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(REPO / "seeds" / "002_5dbc0360713f8d14.txt", inputs / "a.txt")
    result = runner.invoke(app, ["extract", str(inputs), "--out", str(tmp_path), "--model", MODEL, "--quiet"])
    assert result.exit_code == 2 and (inputs / "a.txt").exists()


def run_extraction_quiet(model, out):
    from pipeline.run import RunOptions, run_extraction

    return run_extraction([REPO / "seeds"], out, RunOptions(model=str(model)))


def test_duckdb_and_polars_read_the_tables_as_pandas_does(seed_output):
    """The README's promise: the Parquet tables open in DuckDB and polars with their types."""
    duckdb = pytest.importorskip("duckdb")
    polars = pytest.importorskip("polars")
    out, manifest = seed_output

    def scalar(query: str):
        return duckdb.sql(query).fetchall()[0][0]

    for name in SCHEMAS:
        path = str(out / f"{name}.parquet")
        assert scalar(f"select count(*) from '{path}'") == manifest["rows"][name], name
        assert polars.read_parquet(path).height == manifest["rows"][name], name
    quotes = str(out / "quotes.parquet")
    entities = str(out / "entities.parquet")
    documents = str(out / "documents.parquet")
    # The README's query and a join an analyst writes: quotes with their speaker's entity rows.
    assert duckdb.sql(f"select speaker, kind, text from '{quotes}' order by speaker").fetchall()
    joined = scalar(f"select count(distinct q.quote_id) from '{quotes}' q join '{entities}' e "
                    f"on q.speaker_entity_id = e.entity_id")
    assert joined == pd.read_parquet(quotes)["speaker_entity_id"].notna().sum()
    # Character offsets slice the same text in DuckDB (1-based substring) as in Python.
    mismatches = scalar(f"select count(*) from '{entities}' e join '{documents}' d using (doc_id) "
                        f"where substring(d.text, e.start + 1, e.end - e.start) <> e.text")
    assert mismatches == 0
    dates = polars.read_parquet(str(out / "dates.parquet"))
    assert dates.schema["value"] == polars.Date and dates.schema["start"] == polars.Int32
