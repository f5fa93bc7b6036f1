"""Helpers shared by the extractors: sentence lookup and stable identifiers."""

from __future__ import annotations

import hashlib
from bisect import bisect_right

from spacy.tokens import Doc


class SentenceIndex:
    """Maps a character offset in a Doc to the index of its sentence."""

    def __init__(self, doc: Doc) -> None:
        self.starts = [sent.start_char for sent in doc.sents] if len(doc) else [0]

    def __call__(self, char: int) -> int:
        return max(bisect_right(self.starts, char) - 1, 0)


def stable_id(*parts: str, prefix: str = "", length: int = 12) -> str:
    """A short deterministic id: the same parts give the same id in every run."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]
    return f"{prefix}{digest}"
