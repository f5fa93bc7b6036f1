"""Read input documents: plain-text files (with an optional date prefix) and JSON Lines.

Readers never raise on bad input. Each problem becomes a ``ReadIssue`` naming
the file (and line), and every other document is still read, so one broken file
never loses a corpus.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, NamedTuple

# " date 2022-02 " before the text, as in exports of the seed articles.
DATE_PREFIX = re.compile(r"^\s*date[ \t]+(\d\S*)[ \t]*(?:\r?\n)?[ \t]?")
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


class Document(NamedTuple):
    doc_id: str
    source: str
    title: str | None
    published: dt.date | None
    date_precision: str | None  # day, month, year, or None when unknown
    text: str
    content_hash: str


class ReadIssue(NamedTuple):
    source: str
    line: int | None
    doc_id: str | None
    level: str  # "error": the document is not processed; "warning": it is, with a caveat
    message: str


@dataclass(frozen=True)
class JsonlFields:
    """Field names of a JSON Lines input; options of `extract`."""

    id: str = "id"
    text: str = "text"
    title: str = "title"
    dates: tuple[str, ...] = ("published_at", "date")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_partial_date(value: str) -> tuple[dt.date, str] | None:
    """'2022-02' -> (2022-02-01, 'month'); ISO datetimes keep their day. None if invalid."""
    value = value.strip()
    match = PARTIAL_DATE.match(value)
    try:
        if match:
            year, month, day = match.groups()
            if day:
                return dt.date(int(year), int(month), int(day)), "day"
            if month:
                return dt.date(int(year), int(month), 1), "month"
            return dt.date(int(year), 1, 1), "year"
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date(), "day"
    except ValueError:
        return None


def decode(data: bytes, source: str) -> tuple[str, list[ReadIssue]]:
    """UTF-8 (a byte-order mark is dropped); Windows-1252 as a fallback with a warning."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        warning = ReadIssue(
            source, None, None, "warning",
            f"not valid UTF-8 ({error.reason} at byte {error.start}); read as Windows-1252",
        )
        return data.decode("cp1252", errors="replace"), [warning]


def split_date_prefix(raw: str) -> tuple[str | None, str]:
    """(date string or None, text) for a text that may start with ' date YYYY-MM '."""
    match = DATE_PREFIX.match(raw)
    if not match:
        return None, raw
    return match.group(1), raw[match.end():]


def _dated(source: str, line: int | None, doc_id: str, value: str | None) -> tuple[
    dt.date | None, str | None, list[ReadIssue]
]:
    if value is None or not str(value).strip():
        return None, None, [ReadIssue(source, line, doc_id, "warning", "no publication date")]
    parsed = parse_partial_date(str(value))
    if parsed is None:
        message = f"unparseable publication date {value!r}; left empty"
        return None, None, [ReadIssue(source, line, doc_id, "warning", message)]
    return parsed[0], parsed[1], []


def read_text_file(path: Path) -> tuple[Document | None, list[ReadIssue]]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return None, [ReadIssue(source, None, path.stem, "error", f"cannot read file: {error.strerror}")]
    raw, issues = decode(data, source)
    date_value, text = split_date_prefix(raw)
    if not text.strip():
        return None, issues + [ReadIssue(source, None, path.stem, "error", "empty document")]
    published, precision, date_issues = _dated(source, None, path.stem, date_value)
    issues = [issue._replace(doc_id=path.stem) for issue in issues]
    document = Document(path.stem, source, None, published, precision, text, content_hash(text))
    return document, issues + date_issues


def read_jsonl_file(path: Path, fields: JsonlFields) -> Iterator[Document | ReadIssue]:
    source = str(path)
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rb") as handle:
            for number, line_bytes in enumerate(handle, start=1):
                if not line_bytes.strip():
                    continue
                yield from _jsonl_record(source, number, line_bytes, fields)
    except (OSError, EOFError, zlib.error) as error:
        yield ReadIssue(source, None, None, "error", f"cannot read file: {error}")


def _jsonl_record(source: str, number: int, line_bytes: bytes, fields: JsonlFields) -> Iterator[
    Document | ReadIssue
]:
    line, issues = decode(line_bytes, source)
    yield from (issue._replace(line=number) for issue in issues)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        yield ReadIssue(source, number, None, "error", f"malformed JSON: {error.msg} (column {error.colno})")
        return
    if not isinstance(record, dict):
        yield ReadIssue(source, number, None, "error", "a JSON line must be an object")
        return
    doc_id = record.get(fields.id)
    text = record.get(fields.text)
    if doc_id is None or str(doc_id).strip() == "":
        yield ReadIssue(source, number, None, "error", f"missing document id field {fields.id!r}")
        return
    doc_id = str(doc_id)
    if not isinstance(text, str) or not text.strip():
        yield ReadIssue(source, number, doc_id, "error", f"missing or empty text field {fields.text!r}")
        return
    date_value = next((record[name] for name in fields.dates if record.get(name)), None)
    published, precision, date_issues = _dated(source, number, doc_id, date_value)
    yield from date_issues
    title = record.get(fields.title)
    yield Document(doc_id, source, str(title) if title else None, published, precision, text,
                   content_hash(text))


def _is_input_name(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES + JSONL_SUFFIXES)


def expand_inputs(paths: Iterable[Path]) -> Iterator[Path | ReadIssue]:
    """Files named directly, and the text and JSON Lines files inside folders, sorted."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_input_name(p.name))
            if not found:
                yield ReadIssue(str(path), None, None, "error", "folder holds no .txt or .jsonl files")
            yield from found
        elif path.is_file() and not _is_input_name(path.name):
            suffixes = ", ".join(TEXT_SUFFIXES + JSONL_SUFFIXES)
            yield ReadIssue(str(path), None, None, "error", f"not an input file: expected {suffixes}")
        elif path.exists():
            yield path
        else:
            yield ReadIssue(str(path), None, None, "error", "no such file or folder")


def read_documents(paths: Iterable[Path], fields: JsonlFields = JsonlFields()) -> Iterator[
    Document | ReadIssue
]:
    """Every document of the inputs, in a stable order, with issues in between.

    A document whose id was already seen is reported and skipped, because ids
    key every table.
    """
    seen: dict[str, str] = {}
    for item in expand_inputs(paths):
        if isinstance(item, ReadIssue):
            yield item
            continue
        if item.name.lower().endswith(JSONL_SUFFIXES):
            records: Iterable[Document | ReadIssue] = read_jsonl_file(item, fields)
        else:
            document, issues = read_text_file(item)
            records = [*issues, *([document] if document else [])]
        for record in records:
            if isinstance(record, Document):
                if record.doc_id in seen:
                    yield ReadIssue(record.source, None, record.doc_id, "error",
                                    f"duplicate document id (first in {seen[record.doc_id]}); skipped")
                    continue
                seen[record.doc_id] = record.source
            yield record
