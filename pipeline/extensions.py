"""Every custom Doc/Span attribute of the pipeline, registered in one place.

Components read and write only these. Registration is idempotent, so importing
this module twice (or in worker processes) is safe.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

DOC_EXTENSIONS: dict[str, object] = {
    "doc_id": None,  # the document id of the input row
    "published": None,  # datetime.date or None: publication date used to resolve dates
    "published_precision": None,  # "day", "month", "year" or None
    # pipeline.components.dates.InferredDate or None: the day inferred from the
    # text when `published` is known only to the month
    "published_inferred": None,
    # pipeline.extract.entities.EntityIndex, built lazily by entity_index(doc)
    "entity_index": None,
}

SPAN_EXTENSIONS: dict[str, object] = {
    "number": None,  # pipeline.components.numbers.NumberValue on spans in doc.spans["numbers"]
    "date": None,  # pipeline.components.dates.DateValue on spans in doc.spans["dates"]
    "quote": None,  # pipeline.components.quotes.QuoteInfo on spans in doc.spans["quotes"]
}


def register_extensions() -> None:
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in SPAN_EXTENSIONS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


register_extensions()
