"""Regression gate: extraction accuracy on the seeds must not fall below the baseline.

The baseline (tests/baseline_metrics.json) is written by `make baseline`; a change
that improves a metric updates it in the same commit, visibly in the diff.
"""

import json
from pathlib import Path

import pytest

from pipeline.evaluate import evaluate_documents, evaluate_output, flat_metrics, load_gold, regressions
from pipeline.run import RunOptions, run_extraction

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "gold"
BASELINE = json.loads((REPO / "tests" / "baseline_metrics.json").read_text(encoding="utf-8"))


def test_accuracy_has_not_regressed(seed_output):
    metrics, _ = evaluate_output(GOLD, seed_output[0])
    problems = regressions(flat_metrics(metrics), BASELINE)
    assert not problems, "accuracy fell below tests/baseline_metrics.json:\n" + "\n".join(problems)


def test_the_gate_fails_on_a_deliberately_worsened_extractor(monkeypatch, tmp_path):
    import pipeline.extract.documents as documents

    real_extract_quotes = documents.extract_quotes

    def worse_quotes(doc, doc_id):  # forgets every direct quote
        return (q for q in real_extract_quotes(doc, doc_id) if q.kind != "direct")

    monkeypatch.setattr(documents, "extract_quotes", worse_quotes)
    out = tmp_path / "worse"
    run_extraction([REPO / "seeds"], out, RunOptions(model=str(REPO / "models" / "nl_news"), formats=("parquet",)))
    metrics, _ = evaluate_output(GOLD, out)
    problems = regressions(flat_metrics(metrics), BASELINE)
    assert any(p.startswith("quotes.direct.") for p in problems), problems


@pytest.mark.parametrize(
    "current, expected",
    [
        ({"numbers.overlap.f1": 0.80}, []),
        ({"numbers.overlap.f1": 0.785}, []),  # within the 0.02 tolerance
        ({"numbers.overlap.f1": 0.77}, ["numbers.overlap.f1: 0.7700 < baseline 0.8000 - 0.02"]),
        ({}, ["numbers.overlap.f1: missing (baseline 0.8000)"]),
    ],
)
def test_regressions_name_the_metric(current, expected):
    assert regressions(current, {"numbers.overlap.f1": 0.80}) == expected


def test_exact_and_overlap_matching_and_attributes():
    gold = {"d": {"numbers": [{"start": 0, "end": 7, "value": 130000, "qualifier": "approx", "unit": "militair"}],
                  "quotes": [{"start": 10, "end": 30, "kind": "direct", "speaker": "Jens Stoltenberg"}],
                  "entities": [], "dates": []}}
    pred = {"d": {"numbers": [{"start": 0, "end": 12, "value": 130000.0, "qualifier": "exact", "unit": "militair"}],
                  "quotes": [{"start": 10, "end": 30, "kind": "direct", "speaker": "Stoltenberg"}]}}
    metrics, errors = evaluate_documents(gold, pred, {"d": "x" * 40})
    assert metrics["numbers.exact"]["f1"] == 0.0 and metrics["numbers.overlap"]["f1"] == 1.0
    assert metrics["numbers.value_acc"] == 1.0 and metrics["numbers.qualifier_acc"] == 0.0
    assert metrics["quotes.direct.exact"]["f1"] == 1.0 and metrics["quotes.direct.speaker_acc"] == 0.0
    assert metrics["quotes.direct.attribution"]["f1"] == 0.0
    assert {e["error"] for e in errors.items} == {"wrong attribute"}


def test_gold_files_load():
    assert len(load_gold(GOLD)) == 3


def test_dask_output_can_be_evaluated(tmp_path, seed_output):
    from pipeline.run import RunOptions, run_extraction

    out = tmp_path / "dask"
    run_extraction([REPO / "seeds"], out, RunOptions(model=str(REPO / "models" / "nl_news"), engine="dask",
                                                     n_process=1, formats=("parquet",)))
    assert evaluate_output(GOLD, out)[0] == evaluate_output(GOLD, seed_output[0])[0]
