"""Keep each named entity inside one sentence: a component between the NER and the parser.

The shipped NER runs before the parser (it was trained on text without sentence
boundaries), so the parser could still start a sentence inside a name it found
("Yasmina | El Amrani"), and an entity row would then run past its sentence.
Marking every token of an entity after its first as "not a sentence start"
lets the parser's transition system rule those boundaries out; it keeps
every other decision.

Registered as the ``nl_news_entity_sentences`` factory (also through the
``spacy_factories`` entry point, so ``spacy.load("models/nl_news")`` finds it
once the package is installed).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("nl_news_entity_sentences", assigns=["token.is_sent_start"], requires=["doc.ents"])
def create_entity_sentences(nlp: Language, name: str) -> "EntitySentences":
    return EntitySentences()


class EntitySentences:
    """Sets ``is_sent_start = False`` on the inner tokens of every entity."""

    def __call__(self, doc: Doc) -> Doc:
        for ent in doc.ents:
            for token in ent[1:]:
                token.is_sent_start = False
        return doc
