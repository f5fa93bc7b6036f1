"""Score a spaCy pipeline on the shared corpora and measure its speed.

NER per label on CoNLL-2002 ned.testa (labels mapped to PER/ORG/LOC/MISC, so
nl_core_news_lg can be scored the same way), UPOS, morphology, lemma and
UAS/LAS on the UD Dutch test file, and words per second on one CPU core.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from spacy.scorer import Scorer
from spacy.tokens import DocBin, Span
from spacy.training import Example

from pipeline.ml.ops import one_blas_thread
from pipeline.ml.vectors_memo import clear_memos
from pipeline.models import canonical_label, load_fresh

app = typer.Typer(add_completion=False)


def _examples(nlp, path: Path, *, map_labels: bool) -> list[Example]:
    gold_docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    predicted = nlp.pipe(Example(nlp.make_doc(d.text), d).predicted for d in gold_docs)
    examples = []
    for pred, gold in zip(predicted, gold_docs):
        if map_labels:
            kept = [e for e in pred.ents if canonical_label(e.label_)]
            pred.ents = [Span(pred, e.start, e.end, canonical_label(e.label_)) for e in kept]
        examples.append(Example(pred, gold))
    return examples


def score_ner(nlp, path: Path) -> dict:
    scores = Scorer.score_spans(_examples(nlp, path, map_labels=True), "ents")
    return {
        "p": scores["ents_p"], "r": scores["ents_r"], "f": scores["ents_f"],
        "per_type": dict(sorted(scores["ents_per_type"].items())),  # spaCy's order varies between runs
    }


def score_ud(nlp, path: Path) -> dict:
    examples = _examples(nlp, path, map_labels=False)
    scorer = Scorer()
    result = {}
    result["pos_acc"] = Scorer.score_token_attr(examples, "pos")["pos_acc"]
    result["morph_acc"] = Scorer.score_token_attr(examples, "morph")["morph_acc"]
    result["lemma_acc"] = Scorer.score_token_attr(examples, "lemma")["lemma_acc"]
    deps = Scorer.score_deps(examples, "dep", head_attr="head", has_annotation=lambda t: t.has_dep(),
                             ignore_labels=("p", "punct"))
    result["dep_uas"], result["dep_las"] = deps["dep_uas"], deps["dep_las"]
    result["sents_f"] = Scorer.score_spans(examples, "sents")["sents_f"]
    del scorer
    return result


def words_per_second(nlp, path: Path, repeats: int = 2) -> float:
    """Full-pipeline speed on one core: the UD test texts, processed `repeats` times,
    one document at a time as the extraction runs them (pipeline/annotate.py).
    Each pass starts with no memoized word vectors (pipeline/ml/vectors_memo.py),
    so none is measured on words the pass before has seen."""
    texts = [d.text for d in DocBin().from_disk(path).get_docs(nlp.vocab)]
    list(nlp.pipe(texts[:20]))  # warm up
    n_words, seconds = 0, 0.0
    for _ in range(repeats):
        clear_memos()
        start = time.perf_counter()
        n_words += sum(len(doc) for doc in nlp.pipe(texts, batch_size=1))
        seconds += time.perf_counter() - start
    return n_words / seconds


def scores_table(scores: dict) -> str:
    """The model card's score table, in Markdown."""
    ner, ud = scores["ner_conll2002_testa"], scores["ud_lassysmall_test"]
    lines = ["| what | P | R | F1 |", "|---|---|---|---|",
             f"| NER, all labels (ned.testa) | {ner['p']:.3f} | {ner['r']:.3f} | {ner['f']:.3f} |"]
    for label in ("PER", "ORG", "LOC", "MISC"):
        value = ner["per_type"].get(label)
        if value:
            lines.append(f"| NER {label} | {value['p']:.3f} | {value['r']:.3f} | {value['f']:.3f} |")
    lines += ["", "| UD Dutch LassySmall test 2.16 | accuracy |", "|---|---|"]
    names = {"pos_acc": "UPOS", "morph_acc": "morphological features", "lemma_acc": "lemma",
             "dep_uas": "UAS (without punctuation)", "dep_las": "LAS (without punctuation)",
             "sents_f": "sentence boundaries F1"}
    lines += [f"| {label} | {ud[key]:.3f} |" for key, label in names.items()]
    lines += ["", f"Speed of the whole pipeline on one CPU core: {scores['words_per_second_1_core']:,} words per second."]
    return "\n".join(lines)


def render_card(template: Path, scores: dict, out: Path) -> None:
    """The model card: the template with its SCORES_TABLE filled in (also after a
    template edit, from the scores.json already written: no need to score again)."""
    out.write_text(template.read_text(encoding="utf-8").replace("SCORES_TABLE", scores_table(scores)),
                   encoding="utf-8")


@app.command()
def main(model: str, ner: Path = typer.Option(...), ud: Path = typer.Option(...),
         out: Path | None = typer.Option(None),
         card: Path | None = typer.Option(None, help="Model card template; rendered into MODEL/README.md.")) -> None:
    one_blas_thread()
    nlp = load_fresh(model)  # with the extraction's CPU backend (pipeline/ml/ops.py)
    scores = {
        "model": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "ner_conll2002_testa": score_ner(nlp, ner),
        "ud_lassysmall_test": score_ud(nlp, ud),
        "words_per_second_1_core": round(words_per_second(nlp, ud)),
    }
    text = json.dumps(scores, indent=2)
    typer.echo(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    if card:
        render_card(card, scores, Path(model) / "README.md")


if __name__ == "__main__":
    app()
