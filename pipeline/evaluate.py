"""Accuracy against gold annotations (see docs/annotation-guide.md for the format).

For every table: precision, recall and F1 with exact span matching and with
overlapping spans (one-to-one, largest overlap first). On matched items the
attribute accuracies: number value, qualifier and unit; quote speaker (and
attribution F1: span and speaker right), separately for direct and
indirect/mixed quotes; date value; entity scores also per label.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

import pandas as pd

TABLES = ("entities", "quotes", "numbers", "dates")
QUOTE_GROUPS = {"direct": ("direct",), "indirect": ("indirect", "mixed"), "all": ("direct", "indirect", "mixed")}


@dataclass
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp,
                "n_pred": self.n_pred, "n_gold": self.n_gold}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def value(self) -> float | None:
        return round(self.right / self.total, 4) if self.total else None


def match(gold: list[dict], pred: list[dict], *, exact: bool,
          same: Callable[[dict, dict], bool] = lambda g, p: True) -> list[tuple[dict, dict]]:
    """One-to-one pairs of gold and predicted items: identical spans, or (not exact)
    overlapping spans, the largest overlap first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if not same(g, p):
                continue
            if exact:
                if g["start"] == p["start"] and g["end"] == p["end"]:
                    candidates.append((0, gi, pi))
            else:
                overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if overlap > 0:
                    candidates.append((-overlap, gi, pi))
    pairs, used_gold, used_pred = [], set(), set()
    for _key, gi, pi in sorted(candidates):
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gold[gi], pred[pi]))
    return pairs


def _same_value(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None or (isinstance(pred, float) and math.isnan(pred)):
        return gold is None and (pred is None or (isinstance(pred, float) and math.isnan(pred)))
    return math.isclose(float(gold), float(pred), rel_tol=1e-6)


def _norm(text: Any) -> str:
    return "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text).casefold().strip()


def _date_text(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    return str(value)[:10]


def _date_matches(gold_value: str | None, pred_value: Any, granularity: str) -> bool:
    pred = _date_text(pred_value)
    if gold_value is None or pred is None:
        return gold_value is None and pred is None
    size = {"month": 7, "year": 4}.get(granularity, 10)
    return gold_value[:size] == pred[:size]


@dataclass
class Errors:
    """Misses and false alarms, with context, for --show-errors."""

    items: list[dict] = field(default_factory=list)

    def add(self, table: str, kind: str, doc_id: str, item: dict, text: str, detail: str = "") -> None:
        start, end = item["start"], item["end"]
        context = text[max(0, start - 40):start] + "[" + text[start:end] + "]" + text[end:end + 40]
        self.items.append({"table": table, "error": kind, "doc_id": doc_id, "start": start, "end": end,
                           "text": text[start:end], "detail": detail,
                           "context": context.replace("\n", " ")})


def evaluate_documents(gold_docs: dict[str, dict], predictions: dict[str, dict[str, list[dict]]],
                       texts: dict[str, str]) -> tuple[dict, Errors]:
    """Metrics over all gold documents; predictions[doc_id][table] are row dicts."""
    counts: dict[str, Counts] = {}
    accuracies: dict[str, Accuracy] = {}
    errors = Errors()

    def count(name: str) -> Counts:
        return counts.setdefault(name, Counts())

    def accuracy(name: str) -> Accuracy:
        return accuracies.setdefault(name, Accuracy())

    def score(name: str, gold: list[dict], pred: list[dict], same=lambda g, p: True) -> dict[str, list]:
        pairs = {}
        for mode in ("exact", "overlap"):
            pairs[mode] = match(gold, pred, exact=mode == "exact", same=same)
            count(f"{name}.{mode}").add(Counts(len(pairs[mode]), len(pred), len(gold)))
        return pairs

    for doc_id, gold in sorted(gold_docs.items()):
        pred = predictions.get(doc_id, {})
        text = texts.get(doc_id, "")
        # entities: overall (label must agree) and per label
        ents_g, ents_p = gold.get("entities", []), pred.get("entities", [])
        pairs = score("entities", ents_g, ents_p, same=lambda g, p: g["label"] == p["label"])
        for label in sorted({e["label"] for e in ents_g} | {e["label"] for e in ents_p}):
            score(f"entities.{label}", [e for e in ents_g if e["label"] == label],
                  [e for e in ents_p if e["label"] == label])
        _collect_errors(errors, "entities", doc_id, text, ents_g, ents_p, pairs["overlap"])
        # numbers
        nums_g, nums_p = gold.get("numbers", []), pred.get("numbers", [])
        pairs = score("numbers", nums_g, nums_p)
        for g, p in pairs["overlap"]:
            accuracy("numbers.value_acc").add(_same_value(g["value"], p["value"]))
            accuracy("numbers.qualifier_acc").add(_norm(g["qualifier"]) == _norm(p["qualifier"]))
            accuracy("numbers.unit_acc").add(_norm(g.get("unit")) == _norm(p.get("unit")))
        _collect_errors(errors, "numbers", doc_id, text, nums_g, nums_p, pairs["overlap"],
                        lambda g, p: None if _same_value(g["value"], p["value"]) and _norm(g["qualifier"]) == _norm(p["qualifier"])
                        else f"gold {g['value']} {g['qualifier']} / pred {p['value']} {p['qualifier']}")
        # dates
        dates_g, dates_p = gold.get("dates", []), pred.get("dates", [])
        pairs = score("dates", dates_g, dates_p)
        for g, p in pairs["overlap"]:
            accuracy("dates.value_acc").add(_date_matches(g.get("value"), p.get("value"), g["granularity"]))
        _collect_errors(errors, "dates", doc_id, text, dates_g, dates_p, pairs["overlap"],
                        lambda g, p: None if _date_matches(g.get("value"), p.get("value"), g["granularity"])
                        else f"gold {g.get('value')} / pred {_date_text(p.get('value'))}")
        # quotes, per kind group
        quotes_g, quotes_p = gold.get("quotes", []), pred.get("quotes", [])
        for group, kinds in QUOTE_GROUPS.items():
            g_items = [q for q in quotes_g if q["kind"] in kinds]
            p_items = [q for q in quotes_p if q["kind"] in kinds]
            pairs = score(f"quotes.{group}", g_items, p_items)
            right = 0
            for g, p in pairs["overlap"]:
                ok = _norm(g["speaker"]) == _norm(p.get("speaker"))
                accuracy(f"quotes.{group}.speaker_acc").add(ok)
                right += ok
            count(f"quotes.{group}.attribution").add(Counts(right, len(p_items), len(g_items)))
            if group == "all":
                _collect_errors(errors, "quotes", doc_id, text, g_items, p_items, pairs["overlap"],
                                lambda g, p: None if _norm(g["speaker"]) == _norm(p.get("speaker"))
                                else f"speaker gold {g['speaker']!r} / pred {p.get('speaker')!r}")
    metrics: dict[str, Any] = {name: c.prf() for name, c in sorted(counts.items())}
    metrics.update({name: a.value() for name, a in sorted(accuracies.items())})
    return metrics, errors


def _collect_errors(errors: Errors, table: str, doc_id: str, text: str, gold: list[dict],
                    pred: list[dict], pairs: list[tuple[dict, dict]],
                    wrong: Callable[[dict, dict], str | None] = lambda g, p: None) -> None:
    matched_gold = {id(g) for g, _ in pairs}
    matched_pred = {id(p) for _, p in pairs}
    for g in gold:
        if id(g) not in matched_gold:
            errors.add(table, "miss", doc_id, g, text, g.get("label") or g.get("kind") or "")
    for p in pred:
        if id(p) not in matched_pred:
            errors.add(table, "false alarm", doc_id, p, text, p.get("label") or p.get("kind") or "")
    for g, p in pairs:
        detail = wrong(g, p)
        if detail:
            errors.add(table, "wrong attribute", doc_id, g, text, detail)


def flat_metrics(metrics: dict) -> dict[str, float]:
    """'quotes.direct.overlap.f1': 0.8, ... — the numbers the regression gate compares."""
    flat = {}
    for name, value in metrics.items():
        if isinstance(value, dict):
            for key in ("p", "r", "f1"):
                flat[f"{name}.{key}"] = value[key]
        elif value is not None:
            flat[name] = value
    return flat


def regressions(current: dict[str, float], baseline: dict[str, float], tolerance: float = 0.02) -> list[str]:
    """Every baseline metric that the current run misses by more than ``tolerance``."""
    problems = []
    for name, base in sorted(baseline.items()):
        value = current.get(name)
        if value is None:
            problems.append(f"{name}: missing (baseline {base:.4f})")
        elif value < base - tolerance:
            problems.append(f"{name}: {value:.4f} < baseline {base:.4f} - {tolerance}")
    return problems


# --- loading gold and predictions -------------------------------------------
def load_gold(gold_dir: Path) -> dict[str, dict]:
    files = sorted(Path(gold_dir).glob("*.json"))
    if not files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    docs = {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        docs[data["doc_id"]] = data
    return docs


def load_predictions(out_dir: Path) -> tuple[dict[str, dict[str, list[dict]]], dict[str, str]]:
    """Rows per document and table from an output folder, and the document texts."""
    from pipeline.writer import read_table  # either layout: one file, or month partitions

    documents = read_table(out_dir, "documents").select(["doc_id", "text"]).to_pandas()
    texts = dict(zip(documents["doc_id"], documents["text"]))
    predictions: dict[str, dict[str, list[dict]]] = {doc_id: {} for doc_id in texts}
    for table in TABLES:
        frame = read_table(out_dir, table).to_pandas()
        frame = frame.astype(object).where(frame.notna(), None)
        for row in frame.to_dict("records"):
            predictions.setdefault(row["doc_id"], {}).setdefault(table, []).append(row)
    return predictions, texts


def evaluate_output(gold_dir: Path, out_dir: Path) -> tuple[dict, Errors]:
    gold = load_gold(gold_dir)
    predictions, texts = load_predictions(out_dir)
    missing = sorted(set(gold) - set(texts))
    if missing:
        raise ValueError(f"predictions lack gold documents: {', '.join(missing)}")
    return evaluate_documents(gold, predictions, texts)


def summary_rows(metrics: dict) -> Iterable[tuple[str, str, str, str, str]]:
    """(metric, P, R, F1, n) rows for the terminal table."""
    for name, value in metrics.items():
        if isinstance(value, dict):
            yield name, f"{value['p']:.3f}", f"{value['r']:.3f}", f"{value['f1']:.3f}", f"{value['n_gold']}"
        else:
            yield name, "", "", "" if value is None else f"{value:.3f}", ""


def evaluate_inputs(gold_dir: Path, inputs: list[Path], model: str | None = None) -> tuple[dict, Errors]:
    """Run the pipeline on ``inputs`` into a temporary folder and score it against ``gold_dir``."""
    import tempfile

    from pipeline.run import RunOptions, run_extraction

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        run_extraction(inputs, out, RunOptions(model=model, formats=("parquet",)))
        return evaluate_output(gold_dir, out)


def write_baseline(gold_dir: Path, inputs: list[Path], baseline_path: Path, model: str | None = None) -> dict:
    """Run on ``inputs``, score against ``gold_dir`` and store the flat metrics as the baseline."""
    metrics, _ = evaluate_inputs(gold_dir, inputs, model)
    flat = flat_metrics(metrics)
    baseline_path.write_text(json.dumps(flat, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return flat


if __name__ == "__main__":  # `make baseline`: python -m pipeline.evaluate GOLD INPUT BASELINE [MODEL]
    import sys

    write_baseline(Path(sys.argv[1]), [Path(sys.argv[2])], Path(sys.argv[3]),
                   sys.argv[4] if len(sys.argv) > 4 else None)
