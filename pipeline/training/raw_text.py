"""Unlabelled Dutch text: JSON Lines of {"text": ...} for `spacy pretrain`, or
plain text, one sentence a line, for training the static vectors (`OUT.txt`).

Sources: the raw Alpino treebank sentences and the running text of the
training splits (CoNLL-2002 ned.train, the UD train files). The evaluation
splits are left out so pretraining cannot see the text the model is scored on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Iterator


def alpino_sentences(path: Path) -> Iterator[str]:
    with open(path, encoding="utf-8") as handle:
        yield from (line.strip() for line in handle if line.strip())


def conll_sentences(path: Path) -> Iterator[str]:
    """Token-per-line files (CoNLL-2002, CoNLL-U): the FORM column, sentence by sentence."""
    conllu = path.suffix == ".conllu"
    words: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    yield " ".join(words)
                words = []
            elif line.startswith("#") or line.startswith("-DOCSTART-"):
                continue
            else:
                columns = line.split("\t") if conllu else line.split(" ")
                if conllu and not columns[0].isdigit():
                    continue  # multiword token ranges and empty nodes
                words.append(columns[1] if conllu else columns[0])
    if words:
        yield " ".join(words)


def sentences(alpino: Path, *token_files: Path) -> Iterator[str]:
    yield from alpino_sentences(alpino)
    for path in token_files:
        yield from conll_sentences(path)


def main(out: Path, alpino: Path, *token_files: Path) -> None:
    plain = out.suffix == ".txt"
    with open(out, "w", encoding="utf-8") as handle:
        for text in sentences(alpino, *token_files):
            handle.write((text if plain else json.dumps({"text": text}, ensure_ascii=False)) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), *map(Path, sys.argv[3:]))
