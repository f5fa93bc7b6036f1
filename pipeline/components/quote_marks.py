"""Quote marks and text blocks: the character-level part of finding direct quotes.

Pairs opening and closing quote marks of every style Dutch outlets use, tells
apostrophes (zo'n, auto's, 's avonds) from quote marks, splits a text into
paragraph blocks, and finds embedded social-media posts and teaser blocks of
other articles. Used by the ``dutch_quotes`` component (pipeline/components/quotes.py).
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

QUOTE_CHARS = "\"“”„«»'‘’‹›"
DOUBLE_MARKS = "\"“”„«»"
OPEN_ONLY = "„«‹"
CLOSE_ONLY = "»›"
_BEFORE_OPENING = "([{/—–-"
_AFTER_CLOSING = ".,;:!?…)]}/—–-"
# A single mark at the start of a word that elides letters: 's avonds, 't, 'n, 'k, '22.
_ELISION = re.compile(r"(?:s|t|n|k|m|r|er|ns|ie|\d\d)(?![^\W\d_])")
_URL_AT_END = re.compile(r"(?:\s*(?:https?://|pic\.twitter\.com/|www\.)\S*)+\s*$")
_POST_SIGNATURE = re.compile(
    r"\s[—–]\s*(?P<author>[^\n—–()@]{1,80}?)\s*\((?P<handle>@\w{1,40})\)[^\n()]{0,40}$"
)


def quote_mark_role(text: str, i: int) -> str | None:
    """'open', 'close' or 'either' for a quote mark at ``text[i]``; None when the
    character is no quote mark or an apostrophe (zo'n, auto's, 's avonds)."""
    char = text[i]
    if char not in QUOTE_CHARS:
        return None
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if char not in DOUBLE_MARKS:
        if prev.isalnum() and nxt.isalnum():
            return None
        if not prev.isalnum() and _ELISION.match(text, i + 1):
            return None
    if char in OPEN_ONLY:
        return "open"
    if char in CLOSE_ONLY:
        return "close"
    after_gap = prev.isspace() or prev in _BEFORE_OPENING or prev in QUOTE_CHARS
    before_gap = nxt.isspace() or nxt in _AFTER_CLOSING or nxt in QUOTE_CHARS
    if after_gap and not before_gap:
        return "open"
    if before_gap and not after_gap:
        return "close"
    return "either"


def _family(char: str) -> str:
    return "double" if char in DOUBLE_MARKS else "single"


class QuotePair(NamedTuple):
    start: int  # first character inside the marks
    end: int  # character after the content (the closing mark, or where the quote stops)
    open_at: int
    close_at: int | None  # None when the quote was never closed
    status: str  # "closed", "reopened" (a new opening mark came first), "open_end" (paragraph end)
    block: int


def quote_pairs(text: str, block_start: int, block_end: int, block: int) -> Iterator[QuotePair]:
    """Quotations of one paragraph, from its quote marks.

    Opening and closing marks may be of different glyphs of one family (‘...' or
    'voorzichtig optimistisch’); a mark of the other family inside a quote
    opens a nested quote; a closing mark of the other family ends the quote only
    when no mark of its own family follows. A second opening mark of the same
    family means the first quote was left open.
    """
    marks = [(i, role) for i in range(block_start, block_end) if (role := quote_mark_role(text, i))]
    outer: tuple[int, str] | None = None
    inner: tuple[int, str] | None = None
    for k, (pos, role) in enumerate(marks):
        family = _family(text[pos])
        if outer is None:
            if role in ("open", "either"):
                outer = (pos, family)
            continue
        if inner is not None:
            if family == inner[1] and role in ("close", "either"):
                inner = None
            elif family == outer[1] and role == "close":
                yield QuotePair(outer[0] + 1, pos, outer[0], pos, "closed", block)
                outer, inner = None, None
            continue
        if family == outer[1]:
            if role in ("close", "either"):
                yield QuotePair(outer[0] + 1, pos, outer[0], pos, "closed", block)
                outer = None
            else:
                yield QuotePair(outer[0] + 1, pos, outer[0], None, "reopened", block)
                outer = (pos, family)
        elif role == "open":
            inner = (pos, family)
        elif role == "close" and not any(
            _family(text[p]) == outer[1] and r in ("close", "either") for p, r in marks[k + 1 :]
        ):
            yield QuotePair(outer[0] + 1, pos, outer[0], pos, "closed", block)
            outer = None
    if outer is not None:
        yield QuotePair(outer[0] + 1, block_end, outer[0], None, "open_end", block)


# -- page layout --------------------------------------------------------------------
class Block(NamedTuple):
    """A paragraph (one line of the text), by character offsets."""

    start: int
    end: int
    index: int


class Post(NamedTuple):
    """An embedded social-media post: its text and its author's signature."""

    start: int
    end: int
    author_start: int
    author_end: int
    dash: int
    block: int


def text_blocks(text: str) -> list[Block]:
    blocks = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        start = match.start() + (len(line) - len(line.lstrip()))
        end = match.end() - (len(line) - len(line.rstrip()))
        blocks.append(Block(start, end, len(blocks)))
    return blocks


_LABEL_ENDS = ("", ":", " ", "\u00a0")


def _is_headline(text: str) -> bool:
    """Headline-shaped: short and not ending like a body sentence."""
    stripped = text.rstrip()
    return len(stripped.split()) <= 20 and not stripped.endswith((".", ":", ";", ","))


def teaser_blocks(text: str, blocks: list[Block], labels: Iterable[str]) -> set[int]:
    """Indexes of paragraphs that belong to "Lees ook"-style blocks of other articles.

    A label with text after it on its line covers that line only; a label on its
    own line covers the headline+teaser pairs that follow it.
    """
    labels = sorted({label.casefold() for label in labels}, key=len, reverse=True)

    def label_of(k: int) -> str | None:
        line = text[blocks[k].start : blocks[k].end].casefold()
        return next(
            (lab for lab in labels if line.startswith(lab) and line[len(lab) : len(lab) + 1] in _LABEL_ENDS),
            None,
        )

    skipped: set[int] = set()
    k = 0
    while k < len(blocks):
        label = label_of(k)
        if label is None:
            k += 1
            continue
        skipped.add(k)
        if text[blocks[k].start + len(label) : blocks[k].end].strip(" :\u00a0"):
            k += 1
            continue
        k += 1
        while k < len(blocks) and label_of(k) is None and _is_headline(text[blocks[k].start : blocks[k].end]):
            skipped.add(k)
            if k + 1 < len(blocks):
                skipped.add(k + 1)
            k += 2
    return skipped


def embedded_posts(text: str, blocks: list[Block]) -> list[Post]:
    """Paragraphs ending with a post signature "— Name (@handle) date"."""
    posts = []
    for block in blocks:
        line = text[block.start : block.end]
        match = _POST_SIGNATURE.search(line)
        if match is None:
            continue
        body = line[: match.start()]
        body = _URL_AT_END.sub("", body).rstrip()
        lead = len(body) - len(body.lstrip())
        if not body.strip():
            continue
        posts.append(
            Post(
                start=block.start + lead,
                end=block.start + len(body),
                author_start=block.start + match.start("author"),
                author_end=block.start + match.end("author"),
                dash=block.start + match.start() + 1,
                block=block.index,
            )
        )
    return posts
