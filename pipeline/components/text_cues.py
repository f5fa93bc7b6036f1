"""Text cues shared by the dates and numbers components and the entity rules: where a sentence or a
line starts, judged from the text rather than the parse (which may be poor).

spaCy never puts a newline in ``token.whitespace_`` after the first space: a
line or paragraph break becomes a token of its own (``token.is_space``), so a
break is found by looking at the whitespace token before a word.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

SENTENCE_END = frozenset({".", "!", "?"})
SCORE = re.compile(r"\d{1,2}-\d{1,2}")  # a match score, '2-1'; also a date's or range's look-alike

# Punctuation after which a word starts a sentence, a quote or a list item.
_OPENING_PUNCT = frozenset({
    ".", "!", "?", ":", ";", '"', "“", "”", "„", "‘", "’", "'", "«", "»", "-", "–", "—",
})


def is_line_break(token: Token) -> bool:
    """A whitespace token holding a newline: spaCy's form of a line or paragraph
    break (``token.whitespace_`` is at most one space, never a newline)."""
    return token.is_space and "\n" in token.text


def starts_sentence(token: Token) -> bool:
    """True at the start of the text, a line or a sentence."""
    if token.i == 0:
        return True
    before = token.doc[token.i - 1]
    return is_line_break(before) or before.text in _OPENING_PUNCT
