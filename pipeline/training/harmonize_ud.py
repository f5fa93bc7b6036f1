"""Rewrite a CoNLL-U file's 2017 annotation conventions to today's UD Dutch.

The rules live in models/configs/ud_harmonize.json: per-lemma UPOS/deprel
fixes (possessives, 'als'), deprel renames (flat:name -> flat) and the UD v2
attachment of coordinating conjunctions to the following conjunct.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL = range(8)


def read_sentences(path: Path) -> Iterator[tuple[list[str], list[list[str]]]]:
    """(comment and multiword lines, token rows) per sentence; rows keep all 10 columns."""
    other: list[str] = []
    rows: list[list[str]] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if rows or other:
                    yield other, rows
                other, rows = [], []
                continue
            columns = line.split("\t")
            if len(columns) == 10 and columns[ID].isdigit():
                rows.append(columns)
            else:
                other.append(line)
    if rows or other:
        yield other, rows


def apply_lemma_rules(rows: list[list[str]], rules: list[dict], applied: Counter) -> None:
    for columns in rows:
        lemma, upos, feats, deprel = columns[LEMMA].lower(), columns[UPOS], columns[FEATS], columns[DEPREL]
        for index, rule in enumerate(rules):
            if lemma in rule["lemmas"] and upos == rule["upos"] and deprel == rule.get("deprel", deprel):
                columns[UPOS] = rule["set_upos"]
                columns[DEPREL] = rule.get("set_deprel", deprel)
                columns[FEATS] = rule.get("set_feats_by_lemma", {}).get(lemma, rule.get("set_feats", feats))
                applied[f"rule {index}"] += 1
                break


def apply_relabel(rows: list[list[str]], relabel: dict[str, str], applied: Counter) -> None:
    for columns in rows:
        if columns[DEPREL] in relabel:
            applied[f"{columns[DEPREL]} -> {relabel[columns[DEPREL]]}"] += 1
            columns[DEPREL] = relabel[columns[DEPREL]]


def attach_cc_to_next_conjunct(rows: list[list[str]], applied: Counter) -> None:
    """'A en B': cc 'en' moves from A (its 2017 head) to B, the conjunct after it."""
    for columns in rows:
        if columns[DEPREL] != "cc":
            continue
        position, head = int(columns[ID]), int(columns[HEAD])
        if head == 0 or head > position:
            continue
        following = [int(c[ID]) for c in rows
                     if c[DEPREL] == "conj" and int(c[HEAD]) == head and int(c[ID]) > position]
        if following:
            columns[HEAD] = str(min(following))
            applied["cc -> next conjunct"] += 1


def harmonize(source: Path, target: Path, rules_path: Path) -> Counter:
    config = json.loads(rules_path.read_text(encoding="utf-8"))
    relabel = {k: v for k, v in config.get("relabel", {}).items() if not k.startswith("_")}
    move_cc = config.get("cc_to_next_conjunct", {}).get("enabled", False)
    applied: Counter = Counter()
    with open(target, "w", encoding="utf-8") as out:
        for other, rows in read_sentences(source):
            apply_lemma_rules(rows, config["rules"], applied)
            apply_relabel(rows, relabel, applied)
            if move_cc:
                attach_cc_to_next_conjunct(rows, applied)
            lines = other[:]
            lines += ["\t".join(columns) for columns in rows]
            out.write("\n".join(lines) + "\n\n")
    return applied


if __name__ == "__main__":
    counts = harmonize(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"harmonized {sys.argv[1]}: {dict(counts)}")
