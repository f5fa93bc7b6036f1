"""Rewrite a CoNLL-U file's 2017 annotation conventions to today's UD Dutch.

The rules live in models/configs/ud_harmonize.json: per-lemma UPOS/deprel
fixes (possessives, 'als', ...), deprel renames (flat:name -> flat), the
modal 'moeten' as AUX, non-'zijn' copulas and the aux verbs willen/laten/gaan
as VERB heads with an xcomp, obl:agent for passive 'door' phrases, the
UD v2 attachment of coordinating conjunctions to the following conjunct,
capitalised fixed names ('Tweede Wereldoorlog') as flat PROPN names, and
ordinals as ADJ amod.
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
        head_upos = rows[int(columns[HEAD]) - 1][UPOS] if columns[HEAD] != "0" else "ROOT"
        for index, rule in enumerate(rules):
            if (lemma in rule["lemmas"] and upos == rule["upos"] and deprel == rule.get("deprel", deprel)
                    and head_upos in rule.get("head_upos", [head_upos])):
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


def capitalised_fixed_to_flat(rows: list[list[str]], applied: Counter) -> None:
    """'Tweede Wereldoorlog', 'Vlaams Parlement': a capitalised multiword name whose
    2017 analysis is a fixed expression of ADJ/NOUN words becomes a flat PROPN name."""
    for columns in rows:
        if columns[DEPREL] != "fixed" or columns[HEAD] == "0":
            continue
        head = rows[int(columns[HEAD]) - 1]
        if _capitalised(columns[FORM]) and _capitalised(head[FORM]):
            columns[DEPREL] = "flat"
            for word in (head, columns):
                word[UPOS], word[FEATS] = "PROPN", "_"
            applied["capitalised fixed -> flat PROPN"] += 1


def ordinals_to_adjectives(rows: list[list[str]], forms: set[str], applied: Counter) -> None:
    """'de eerste keer': an ordinal is NUM nummod in 2017, ADJ amod today."""
    for columns in rows:
        if columns[UPOS] == "NUM" and columns[FORM].lower() in forms:
            columns[UPOS] = "ADJ"
            if columns[DEPREL] == "nummod":
                columns[DEPREL] = "amod"
            applied["ordinal NUM -> ADJ"] += 1


def _capitalised(form: str) -> bool:
    return form[:1].isupper() and form.isalpha()


def children(rows: list[list[str]], position: str) -> list[list[str]]:
    return [c for c in rows if c[HEAD] == position]


def demote_to_aux(rows: list[list[str]], config: dict, applied: Counter) -> None:
    """'moet komen': 2017 has moeten as VERB head with an xcomp; today it is an aux of the verb."""
    for columns in rows:
        if columns[LEMMA].lower() not in config["lemmas"] or columns[UPOS] != "VERB":
            continue
        xcomps = [c for c in children(rows, columns[ID]) if c[DEPREL] == "xcomp"]
        if not xcomps:
            continue
        verb = xcomps[0]
        verb[HEAD], verb[DEPREL] = columns[HEAD], columns[DEPREL]
        for child in children(rows, columns[ID]):
            child[HEAD] = verb[ID]
        columns[HEAD], columns[DEPREL], columns[UPOS] = verb[ID], "aux", "AUX"
        applied["verb -> aux"] += 1


def _moves(child: list[str], predicate: list[str], new_head: list[str], config: dict) -> bool:
    deprel = child[DEPREL]
    if deprel in config.get("keep_on_predicate", []):
        return False
    if deprel == "advmod" and predicate[UPOS] in ("ADJ", "ADV") and int(child[ID]) == int(predicate[ID]) - 1:
        return False  # a degree word right before the adjective ('heel groot') stays with it
    if "move" in config:
        if deprel == "mark":
            return int(child[ID]) < int(new_head[ID])
        if deprel == "aux":
            return "VerbForm=Fin" in child[FEATS] or child[LEMMA].lower() in ("hebben", "zijn")
        return deprel in config["move"]
    return True


def promote_to_verb(rows: list[list[str]], deprel: str, config: dict, applied: Counter) -> None:
    """'wordt ziek' / 'wil komen': the 2017 cop/aux becomes the VERB head, its old head an xcomp."""
    lemmas, skip = config.get("lemmas"), config.get("except_lemmas", [])
    for columns in rows:
        lemma = columns[LEMMA].lower()
        if columns[DEPREL] != deprel or columns[HEAD] == "0" or lemma in skip or (lemmas and lemma not in lemmas):
            continue
        predicate = rows[int(columns[HEAD]) - 1]
        for child in children(rows, predicate[ID]):
            if child is not columns and _moves(child, predicate, columns, config):
                child[HEAD] = columns[ID]
        columns[HEAD], columns[DEPREL], columns[UPOS] = predicate[HEAD], predicate[DEPREL], "VERB"
        predicate[HEAD], predicate[DEPREL] = columns[ID], "xcomp"
        applied[f"{deprel} -> VERB head"] += 1


def mark_agents(rows: list[list[str]], config: dict, applied: Counter) -> None:
    """'door' obl of a verb with an aux:pass is the passive agent."""
    for columns in rows:
        if columns[DEPREL] != "obl" or columns[HEAD] == "0":
            continue
        cases = [c[LEMMA].lower() for c in children(rows, columns[ID]) if c[DEPREL] == "case"]
        passive = any(c[DEPREL] == "aux:pass" for c in children(rows, columns[HEAD]))
        if passive and any(case in config["case_lemmas"] for case in cases):
            columns[DEPREL] = "obl:agent"
            applied["obl -> obl:agent"] += 1


def harmonize(source: Path, target: Path, rules_path: Path) -> Counter:
    config = json.loads(rules_path.read_text(encoding="utf-8"))
    relabel = {k: v for k, v in config.get("relabel", {}).items() if not k.startswith("_")}
    move_cc = config.get("cc_to_next_conjunct", {}).get("enabled", False)
    applied: Counter = Counter()
    with open(target, "w", encoding="utf-8") as out:
        for other, rows in read_sentences(source):
            apply_lemma_rules(rows, config["rules"], applied)
            apply_relabel(rows, relabel, applied)
            if config.get("verb_to_aux", {}).get("enabled", False):
                demote_to_aux(rows, config["verb_to_aux"], applied)
            for key, deprel in (("cop_to_verb", "cop"), ("aux_to_verb", "aux")):
                if config.get(key, {}).get("enabled", False):
                    promote_to_verb(rows, deprel, config[key], applied)
            if config.get("obl_agent", {}).get("enabled", False):
                mark_agents(rows, config["obl_agent"], applied)
            if move_cc:
                attach_cc_to_next_conjunct(rows, applied)
            if config.get("capitalised_fixed_to_flat", {}).get("enabled", False):
                capitalised_fixed_to_flat(rows, applied)
            if config.get("ordinals_to_adj", {}).get("enabled", False):
                ordinals_to_adjectives(rows, set(config["ordinals_to_adj"]["forms"]), applied)
            lines = other[:]
            lines += ["\t".join(columns) for columns in rows]
            out.write("\n".join(lines) + "\n\n")
    return applied


if __name__ == "__main__":
    counts = harmonize(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
    print(f"harmonized {sys.argv[1]}: {dict(counts)}")
