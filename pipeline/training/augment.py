"""Training-data augmentation: typographic quote marks.

Dutch news writes “…”, „…” and ‘…’, but the UD and CoNLL-2002 training files
only have straight " and ' quotes. A model that reads characters would then
meet every curly quote for the first time in production (and tag ’ as NUM).
This augmenter rewrites the straight quote tokens of a share of the training
examples into a typographic pair, opening and closing by their order.

spaCy's own ``spacy.orth_variants.v1`` does the same but needs fine-grained
tags to tell opening from closing quotes, which the legacy UD file lacks.
Registered as ``nl_news.quote_variants.v1``.
"""

from __future__ import annotations

import random
from typing import Callable, Iterator

from spacy.language import Language
from spacy.training import Example
from spacy.training.augment import _doc_to_biluo_tags_with_partial, construct_modified_raw_text
from spacy.util import registry

# Straight quote -> (opening, closing) pairs it may become.
QUOTE_PAIRS: dict[str, list[tuple[str, str]]] = {
    '"': [("“", "”"), ("„", "”")],
    "'": [("‘", "’")],
}


@registry.augmenters("nl_news.quote_variants.v1")
def create_quote_variants_augmenter(level: float) -> Callable[[Language, Example], Iterator[Example]]:
    """level: the share of examples whose straight quotes are made typographic."""

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example if random.random() >= level else quote_variant(nlp, example)

    return augment


def quote_variant(nlp: Language, example: Example) -> Example:
    annotation = example.to_dict()
    words = list(annotation["token_annotation"]["ORTH"])
    if not any(word in QUOTE_PAIRS for word in words):
        return example
    annotation["doc_annotation"]["entities"] = _doc_to_biluo_tags_with_partial(example.reference)
    chosen = {quote: random.choice(pairs) for quote, pairs in QUOTE_PAIRS.items()}
    seen = dict.fromkeys(QUOTE_PAIRS, 0)
    for index, word in enumerate(words):
        if word in QUOTE_PAIRS:
            words[index] = chosen[word][seen[word] % 2]
            seen[word] += 1
    annotation["token_annotation"]["ORTH"] = words
    text = construct_modified_raw_text(annotation["token_annotation"])
    return Example.from_dict(nlp.make_doc(text), annotation)
