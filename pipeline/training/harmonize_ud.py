"""Rewrite a CoNLL-U file's legacy annotation conventions (see models/configs/ud_harmonize.json)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def harmonize_line(columns: list[str], rules: list[dict], applied: Counter) -> list[str]:
    lemma, upos, feats, deprel = columns[2].lower(), columns[3], columns[5], columns[7]
    for index, rule in enumerate(rules):
        if lemma in rule["lemmas"] and upos == rule["upos"] and deprel == rule.get("deprel", deprel):
            columns[3] = rule["set_upos"]
            columns[7] = rule.get("set_deprel", deprel)
            columns[5] = rule.get("set_feats_by_lemma", {}).get(lemma, rule.get("set_feats", feats))
            applied[index] += 1
            break
    return columns


def harmonize(source: Path, target: Path, rules_path: Path) -> Counter:
    rules = json.loads(rules_path.read_text(encoding="utf-8"))["rules"]
    applied: Counter = Counter()
    with open(source, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as out:
        for line in src:
            columns = line.rstrip("\n").split("\t")
            if len(columns) == 10 and columns[0].isdigit():
                line = "\t".join(harmonize_line(columns, rules, applied)) + "\n"
            out.write(line)
    return applied


if __name__ == "__main__":
    counts = harmonize(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"harmonized {sum(counts.values())} tokens: {dict(counts)}")
