import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from pipeline.readers import (
    Document,
    JsonlFields,
    ReadIssue,
    parse_partial_date,
    read_documents,
    split_date_prefix,
)


def read_all(*paths, fields=JsonlFields()):
    items = list(read_documents([Path(p) for p in paths], fields))
    docs = [i for i in items if isinstance(i, Document)]
    issues = [i for i in items if isinstance(i, ReadIssue)]
    return docs, issues


@pytest.mark.parametrize(
    "raw, date, text",
    [
        (" date 2022-02 De NAVO ziet", "2022-02", "De NAVO ziet"),
        ("date 2022-02-16\nDe NAVO", "2022-02-16", "De NAVO"),
        ("De NAVO ziet", None, "De NAVO ziet"),
        ("datering van de vondst", None, "datering van de vondst"),  # a word, not a prefix
        ("date night in Amsterdam", None, "date night in Amsterdam"),  # no date after 'date'
    ],
)
def test_split_date_prefix(raw, date, text):
    assert split_date_prefix(raw) == (date, text)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2022-02", (dt.date(2022, 2, 1), "month")),
        ("2022-02-16", (dt.date(2022, 2, 16), "day")),
        ("2022", (dt.date(2022, 1, 1), "year")),
        ("2022-02-16T09:30:00Z", (dt.date(2022, 2, 16), "day")),
        ("2022-13", None),
        ("16 februari", None),
    ],
)
def test_parse_partial_date(value, expected):
    assert parse_partial_date(value) == expected


def test_text_file_with_month_prefix(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2022-02 Tekst hier.", encoding="utf-8")
    (docs, issues) = read_all(tmp_path)
    assert issues == []
    assert docs[0].doc_id == "a"
    assert docs[0].published == dt.date(2022, 2, 1) and docs[0].date_precision == "month"
    assert docs[0].text == "Tekst hier."


def test_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeff date 2022-02-03 Hallo.".encode("utf-8"))
    docs, issues = read_all(tmp_path)
    assert docs[0].text == "Hallo." and docs[0].published == dt.date(2022, 2, 3)


def test_windows_1252_falls_back_with_warning(tmp_path):
    (tmp_path / "win.txt").write_bytes("Een café in Brussel – 20 euro.".encode("cp1252"))
    docs, issues = read_all(tmp_path)
    assert docs[0].text == "Een café in Brussel – 20 euro."
    assert [i.level for i in issues if "Windows-1252" in i.message] == ["warning"]
    assert issues[0].doc_id == "win"


@pytest.mark.parametrize("content", [b"", b"   \n\n ", b" date 2022-02 "])
def test_empty_file_is_an_error_naming_the_file(tmp_path, content):
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    docs, issues = read_all(path)
    assert docs == []
    assert issues[-1].level == "error" and issues[-1].source == str(path)
    assert "empty" in issues[-1].message


def test_missing_and_unparseable_dates_are_flagged_not_fatal(tmp_path):
    (tmp_path / "a.txt").write_text("Geen datum.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(" date 2022-13 Foute maand.", encoding="utf-8")
    docs, issues = read_all(tmp_path)
    assert [d.published for d in docs] == [None, None]
    assert [(i.doc_id, i.level) for i in issues] == [("a", "warning"), ("b", "warning")]
    assert "unparseable" in issues[1].message


def test_unreadable_file_is_reported_and_others_still_read(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text("Goed.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Onleesbaar.", encoding="utf-8")
    original = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(13, "Permission denied")
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs, issues = read_all(tmp_path)
    assert [d.doc_id for d in docs] == ["a"]
    errors = [i for i in issues if i.level == "error"]
    assert len(errors) == 1 and "Permission denied" in errors[0].message and errors[0].doc_id == "b"


def test_jsonl_records_and_their_problems(tmp_path):
    lines = [
        json.dumps({"id": "1", "text": "Eerste.", "title": "T", "published_at": "2022-02-16T10:00:00+01:00"}),
        "{niet geldig",
        json.dumps({"id": "2", "text": "Tweede.", "date": "2022-02"}),
        json.dumps({"text": "Geen id."}),
        json.dumps({"id": "3", "text": ""}),
        json.dumps(["geen", "object"]),
        "",
        json.dumps({"id": "4", "text": "Vierde."}),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, issues = read_all(path)
    assert [(d.doc_id, d.published, d.date_precision) for d in docs] == [
        ("1", dt.date(2022, 2, 16), "day"), ("2", dt.date(2022, 2, 1), "month"), ("4", None, None)]
    assert docs[0].title == "T"
    errors = [(i.line, i.message.split(":")[0]) for i in issues if i.level == "error"]
    assert errors == [(2, "malformed JSON"), (4, "missing document id field 'id'"),
                      (5, "missing or empty text field 'text'"), (6, "a JSON line must be an object")]
    assert [(i.line, i.doc_id) for i in issues if i.level == "warning"] == [(8, "4")]


def test_jsonl_gz_and_custom_field_names(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"uid": "x", "body": "Tekst.", "kop": "Kop", "when": "2021-05-04"}) + "\n")
    fields = JsonlFields(id="uid", text="body", title="kop", dates=("when",))
    docs, issues = read_all(path, fields=fields)
    assert docs == [docs[0]._replace(doc_id="x")] and docs[0].text == "Tekst." and docs[0].title == "Kop"
    assert docs[0].published == dt.date(2021, 5, 4) and issues == []


def test_duplicate_ids_keep_the_first_and_report_the_rest(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.txt").write_text("Een.", encoding="utf-8")
    (tmp_path / "b" / "same.txt").write_text("Twee.", encoding="utf-8")
    docs, issues = read_all(tmp_path)
    assert [d.text for d in docs] == ["Een."]
    assert "duplicate document id" in issues[-1].message and issues[-1].source.endswith("b/same.txt")


def test_missing_paths_and_empty_folders_are_errors(tmp_path):
    (tmp_path / "leeg").mkdir()
    docs, issues = read_all(tmp_path / "bestaat-niet.txt", tmp_path / "leeg")
    assert docs == [] and [i.message for i in issues] == [
        "no such file or folder", "folder holds no .txt or .jsonl files"]


def test_a_document_of_several_megabytes_is_read_whole(tmp_path):
    text = "De minister zei dat het goed gaat. " * 120_000  # about 4 MB
    (tmp_path / "groot.txt").write_text(text, encoding="utf-8")
    docs, issues = read_all(tmp_path)
    assert len(docs[0].text) == len(text) and issues[-1].message == "no publication date"


def test_corrupt_gzip_is_reported(tmp_path):
    (tmp_path / "kapot.jsonl.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 20)
    docs, issues = read_all(tmp_path)
    assert docs == [] and issues[0].level == "error" and "cannot read file" in issues[0].message


def test_suffixes_are_case_insensitive_and_other_files_are_refused(tmp_path):
    (tmp_path / "ARTIKEL.TXT").write_text("Hoofdletters.", encoding="utf-8")
    (tmp_path / "tabel.csv").write_text("a,b\n", encoding="utf-8")
    docs, issues = read_all(tmp_path, tmp_path / "tabel.csv")
    assert [d.doc_id for d in docs] == ["ARTIKEL"]
    assert [i.message.split(":")[0] for i in issues if i.level == "error"] == ["not an input file"]


def test_windows_line_endings_after_the_prefix(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(b"date 2022-02-16\r\nDe tekst.\r\nRegel twee.")
    docs, _ = read_all(tmp_path)
    assert docs[0].text == "De tekst.\r\nRegel twee." and docs[0].published.day == 16
