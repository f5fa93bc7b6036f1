"""Self-training data for the NER: `python -m pipeline.training.pseudo_label
TEACHER SENTENCES.txt OUT.spacy`.

CoNLL-2002 is 200,000 words of Belgian news from 2000; the raw Alpino
sentences (one tokenized sentence a line, mostly Dutch newspaper text) are as
many words again, from the Netherlands. A first NER (the teacher) tags them,
and the final NER trains on ned.train plus these machine-tagged documents.
The documents are grouped as the CoNLL converter groups ned.train (N_SENTS
sentences each, in file order), with the teacher's entities and sentence
starts, and nothing else: the NER's own pipeline adds the gazetteer matches
and UPOS tags in training.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

import spacy
import typer
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from pipeline.ml.ops import one_blas_thread
from pipeline.training.raw_text import alpino_sentences

app = typer.Typer(add_completion=False)

N_SENTS = 10  # as `spacy convert --n-sents 10` for ned.train (Makefile)
# What the NER reads; any other component of the teacher (the parser and
# lemmatizer of an assembled pipeline) is skipped.
TEACHER_COMPONENTS = ("gazetteer", "tok2vec", "morphologizer", "ner")


def sentence_groups(lines: Iterable[str], n_sents: int = N_SENTS) -> Iterator[list[list[str]]]:
    """Groups of `n_sents` tokenized sentences (the last may be shorter); blank lines skipped."""
    group: list[list[str]] = []
    for line in lines:
        words = line.split()
        if not words:
            continue
        group.append(words)
        if len(group) == n_sents:
            yield group
            group = []
    if group:
        yield group


def group_doc(nlp: Language, sentences: list[list[str]]) -> Doc:
    words = [word for sentence in sentences for word in sentence]
    starts = [index == 0 for sentence in sentences for index in range(len(sentence))]
    return Doc(nlp.vocab, words=words, sent_starts=starts)


def pseudo_label(teacher: Language, groups: Iterable[list[list[str]]]) -> Iterator[Doc]:
    """One document per group with the teacher's entities. The teacher sees the
    words without sentence starts, as the NER does in production (it runs
    before the parser); the stored document gets them back."""
    disabled = [name for name in teacher.pipe_names if name not in TEACHER_COMPONENTS]
    with teacher.select_pipes(disable=disabled):
        for sentences in groups:
            doc = group_doc(teacher, sentences)
            tagged = teacher(Doc(teacher.vocab, words=[token.text for token in doc]))  # the same token indices
            doc.ents = [Span(doc, ent.start, ent.end, label=ent.label_) for ent in tagged.ents]
            yield doc


@app.command()
def main(teacher: str, sentences: Path, out: Path) -> None:
    one_blas_thread()
    nlp = spacy.load(teacher)
    docs = list(pseudo_label(nlp, sentence_groups(alpino_sentences(sentences))))
    out.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(out)
    entities = sum(len(doc.ents) for doc in docs)
    typer.echo(f"wrote {len(docs)} documents, {entities} entities, to {out}")


if __name__ == "__main__":
    app()
