"""Dutch speech verbs as the quote and date components read them (resources/speech_verbs.json).

The quote component finds its cues with them; the date component needs them to
tell a statement of a day ("zegt X maandag") from a plan for it.
"""

from __future__ import annotations

from collections import defaultdict
from typing import NamedTuple


class VerbForm(NamedTuple):
    lemma: str
    number: str  # "sg", "pl", or "" for participles/infinitives
    particle: str | None  # a separate word the verb needs in its clause ("maakte ... bekend")
    te: bool  # reports with a te-infinitive
    of: bool  # reports an "of"-clause


class SpeechLexicon:
    """Speech verbs by lower-cased form and by lemma, from speech_verbs.json."""

    def __init__(self, data: dict) -> None:
        self.by_form: dict[str, list[VerbForm]] = defaultdict(list)
        self.by_lemma: dict[str, VerbForm] = {}
        for item in data["verbs"]:
            lemma, particle = item["lemma"], item.get("particle")
            te, of = bool(item.get("te")), bool(item.get("of"))
            for number, key in (("sg", "sg"), ("pl", "pl"), ("", "nonfinite")):
                for form in item.get(key, []):
                    self.by_form[form].append(VerbForm(lemma, number, particle, te, of))
                    if particle and item.get("glued"):
                        self.by_form[particle + form].append(VerbForm(lemma, number, None, te, of))
            if particle is None or item.get("glued"):
                self.by_lemma[lemma.replace(" ", "")] = VerbForm(lemma, "", None, te, of)
        self.after_quote_forms: dict[str, VerbForm] = {
            form: VerbForm(item["lemma"], number, None, False, False)
            for item in data.get("after_quote_only", ())
            for number in ("sg", "pl")
            for form in item.get(number, [])
        }
        speak = data["speak_of"]
        self.speak_of_lemma = speak["lemma"]
        self.speak_of_preposition = speak["preposition"]
        self.speak_of_forms = {
            form: number
            for number, key in (("sg", "sg"), ("pl", "pl"), ("", "nonfinite"))
            for form in speak.get(key, [])
        }
        self.after_words = set(data["attribution_words"]["after"])
        self.source_prepositions = set(data["attribution_words"]["source_preposition"])

    @property
    def all_forms(self) -> list[str]:
        return sorted(self.by_form)
