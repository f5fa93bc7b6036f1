"""Consistency checks for the hand-made gold annotations (tests/gold and the unseen sets
tests/gold_unseen, tests/gold_heldout, tests/gold_fresh, tests/gold_blind).

Each tests/gold/<doc_id>.json belongs to seeds/<doc_id>.txt. The document
text is the seed file (decoded as UTF-8, no newline translation) after its
leading " date YYYY-MM " prefix; every offset in the gold files is a Python
character offset into that text. See docs/annotation-guide.md.

Standard library + pytest only.
"""
import datetime
import hashlib
import json
import pathlib
import re

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS_DIR = REPO_ROOT / "seeds"
GOLD_DIR = REPO_ROOT / "tests" / "gold"
# The seed gold, and the two sets of unseen articles (their texts in <set>/articles/).
UNSEEN_DIRS = [REPO_ROOT / "tests" / d for d in ("gold_unseen", "gold_heldout", "gold_fresh", "gold_blind")]
GOLD_FILES = sorted(GOLD_DIR.glob("*.json")) + [p for d in UNSEEN_DIRS for p in sorted(d.glob("*.json"))]

PREFIX_RE = re.compile(r" date (\d{4}-\d{2}(?:-\d{2})?) ")
TABLES = ("entities", "quotes", "numbers", "dates")
TOP_KEYS = {"doc_id", "published", "published_inferred", "text_sha1"} | set(TABLES)
ITEM_KEYS = {
    "entities": {"start", "end", "text", "label"},
    "quotes": {"start", "end", "text", "kind", "speaker", "speaker_resolved", "cue"},
    "numbers": {"start", "end", "text", "value", "low", "high", "qualifier", "unit"},
    "dates": {"start", "end", "text", "value", "granularity"},
}
LABELS = {"PER", "ORG", "LOC", "MISC"}
KINDS = {"direct", "indirect", "mixed"}
QUALIFIERS = {"exact", "approx", "at_least", "at_most", "range", "vague"}
GRANULARITIES = {"day", "week", "month", "year"}
DATE_VALUE_RE = {
    "day": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "week": re.compile(r"\d{4}-\d{2}-\d{2}"),
    "month": re.compile(r"\d{4}-\d{2}"),
    "year": re.compile(r"\d{4}"),
}


def article_path(gold_path):
    """seeds/<doc_id>.txt for the seed gold, <set>/articles/<doc_id>.txt otherwise."""
    if gold_path.parent == GOLD_DIR:
        return SEEDS_DIR / f"{gold_path.stem}.txt"
    return gold_path.parent / "articles" / f"{gold_path.stem}.txt"


def load_seed(gold_path):
    """Return (published, text) of the article a gold file annotates."""
    doc_id = gold_path.stem
    raw = article_path(gold_path).read_bytes().decode("utf-8")
    m = PREFIX_RE.match(raw)
    assert m, f"{doc_id}: seed does not start with ' date YYYY-MM '"
    return m.group(1), raw[m.end():]


def load_gold(path):
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def test_gold_files_exist():
    assert GOLD_FILES, f"no gold files in {GOLD_DIR}"


def test_every_seed_has_gold():
    seeds = {p.stem for p in SEEDS_DIR.glob("*.txt")}
    gold = {p.stem for p in GOLD_FILES if p.parent == GOLD_DIR}
    assert seeds <= gold, f"seeds without gold: {sorted(seeds - gold)}"


@pytest.fixture(params=GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def gold(request):
    path = request.param
    data = load_gold(path)
    published, text = load_seed(path)
    return path, data, published, text


def test_header(gold):
    path, data, published, text = gold
    assert set(data) == TOP_KEYS
    assert data["doc_id"] == path.stem
    assert data["published"] == published
    assert data["text_sha1"] == hashlib.sha1(text.encode("utf-8")).hexdigest()
    inferred = data["published_inferred"]
    assert set(inferred) == {"value", "evidence"}
    assert isinstance(inferred["evidence"], str) and inferred["evidence"].strip()
    if inferred["value"] is not None:
        day = datetime.date.fromisoformat(inferred["value"])
        assert inferred["value"].startswith(published)
        assert day.isoformat() == inferred["value"]


def test_file_is_canonical_json(gold):
    path, data, _, _ = gold
    expected = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert path.read_text(encoding="utf-8") == expected


@pytest.mark.parametrize("table", TABLES)
def test_spans_match_text(gold, table):
    _, data, _, text = gold
    for item in data[table]:
        assert set(item) == ITEM_KEYS[table], item
        start, end = item["start"], item["end"]
        assert isinstance(start, int) and isinstance(end, int), item
        assert 0 <= start < end <= len(text), item
        assert text[start:end] == item["text"], (
            f"{table}: text[{start}:{end}] == {text[start:end]!r}, gold says {item['text']!r}")
        assert item["text"] == item["text"].strip(), f"{table}: span has outer whitespace: {item}"


@pytest.mark.parametrize("table", TABLES)
def test_sorted_and_unique(gold, table):
    _, data, _, _ = gold
    items = data[table]
    keys = [(i["start"], i["end"]) for i in items]
    assert keys == sorted(keys), f"{table} not sorted by start"
    dupes = {k for k in keys if keys.count(k) > 1}
    assert not dupes, f"{table}: duplicated spans {sorted(dupes)}"


def test_entities(gold):
    _, data, _, _ = gold
    for item in data["entities"]:
        assert item["label"] in LABELS, item


def test_entities_do_not_overlap(gold):
    _, data, _, _ = gold
    items = data["entities"]
    for a, b in zip(items, items[1:]):
        assert a["end"] <= b["start"], (a, b)


def test_quotes(gold):
    _, data, _, _ = gold
    for item in data["quotes"]:
        assert item["kind"] in KINDS, item
        assert isinstance(item["speaker"], str) and item["speaker"].strip(), item
        assert isinstance(item["speaker_resolved"], bool), item
        assert isinstance(item["cue"], str), item


def test_numbers(gold):
    _, data, _, _ = gold
    for item in data["numbers"]:
        assert item["qualifier"] in QUALIFIERS, item
        assert isinstance(item["value"], (int, float)) and not isinstance(item["value"], bool), item
        assert isinstance(item["unit"], str), item
        if item["qualifier"] == "range":
            assert item["low"] is not None and item["high"] is not None, item
            assert item["value"] == item["low"] <= item["high"], item
        else:
            assert item["low"] is None and item["high"] is None, item


def test_dates(gold):
    _, data, _, _ = gold
    for item in data["dates"]:
        gran = item["granularity"]
        assert gran in GRANULARITIES, item
        value = item["value"]
        if value is None:
            continue
        assert isinstance(value, str) and DATE_VALUE_RE[gran].fullmatch(value), item
        if gran in ("day", "week"):
            day = datetime.date.fromisoformat(value)
            if gran == "week":
                assert day.weekday() == 0, f"week value must be a Monday: {item}"
