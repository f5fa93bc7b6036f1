"""Build the full spaCy pipeline: a Dutch model plus the extraction components."""

from __future__ import annotations

from spacy.language import Language

import pipeline.extensions  # noqa: F401  (registers Doc/Span attributes)
from pipeline.models import load_model

# Factory names, in the order they run. Quotes run before numbers so that
# numbers can name the speaker of the quote they appear in.
EXTRACTION_COMPONENTS = ("dutch_dates", "dutch_quotes", "dutch_numbers")


def _register_factories() -> None:
    # Importing the modules registers their @Language.factory functions.
    from pipeline.components import dates, numbers, quotes  # noqa: F401


def build_pipeline(model: str) -> Language:
    """Load ``model`` (name or path) and append the extraction components once."""
    _register_factories()
    nlp = load_model(model)
    for name in EXTRACTION_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp
