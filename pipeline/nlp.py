"""Build the full spaCy pipeline: a Dutch model plus the extraction components."""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language

import pipeline.extensions  # noqa: F401  (registers Doc/Span attributes)
from pipeline.models import load_fresh

# Factory names, in the order they run. Quotes run before numbers so that
# numbers can name the speaker of the quote they appear in.
EXTRACTION_COMPONENTS = ("dutch_dates", "dutch_quotes", "dutch_numbers")


def _register_factories() -> None:
    # Importing the modules registers their @Language.factory functions.
    from pipeline.components import dates, numbers, quotes  # noqa: F401


@lru_cache(maxsize=4)
def build_pipeline(model: str) -> Language:
    """Load ``model`` (name or path) with the extraction components, once per process.

    A model that sets no sentence boundaries (no parser or senter) gets spaCy's
    rule-based sentencizer, since every table row records its sentence.
    """
    _register_factories()
    nlp = load_fresh(model)
    if not any(name in nlp.pipe_names for name in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer", first=True)
    for name in EXTRACTION_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
