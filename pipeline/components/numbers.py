"""Quantities in Dutch news text: the ``dutch_numbers`` component.

Finds every expression that states a quantity (digits with Dutch separators,
number words, multipliers, currency, percentages, ranges and vague amounts such
as "honderden"), normalizes its value and records what is counted. Calendar
dates, years, clock times, ages, codes and names, reference numbers and the
article "een" are left out (docs/annotation-guide.md, "Numbers").

Candidates come from a spaCy Matcher; every rule that needs the context (is
this a year, a clock time, a name?) is a small predicate below. Vocabulary
lives in resources/numbers.json and resources/units.json. The parse is used
where it is informative (POS of the word after the number) but every rule has a
lexical fallback, because the model's tags may be poor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from text_to_num import text2num

import pipeline.extensions  # noqa: F401  (registers Span._.number)
from pipeline.components.text_cues import SENTENCE_END, starts_sentence
from pipeline.extract.entities import entity_index
from pipeline.resources import load_resource


class NumberValue(NamedTuple):
    """What ``span._.number`` holds for a span in ``doc.spans["numbers"]``.

    ``unit_start``/``unit_end`` are character offsets of ``unit_text`` in the doc.
    """

    value: float
    low: float | None
    high: float | None
    qualifier: str  # exact, approx, at_least, at_most, range or vague
    qualifier_text: str | None
    unit: str | None  # singular lemma of what is counted, as written ("NAVO-land")
    unit_text: str | None
    unit_start: int | None
    unit_end: int | None
    category: str | None  # a category of units.json, "other" for unknown nouns
    modifier: str | None  # owner of the counted thing, normalized ("Rusland")


class NumberMatch(NamedTuple):
    start: int  # token offsets of the span
    end: int
    number: NumberValue


# --------------------------------------------------------------------------
# Reading numbers
# --------------------------------------------------------------------------

# Dutch style: '.' groups thousands, ',' marks decimals ("2.500.000", "1,5").
# "45,-": a round amount of money, written with a dash for the cents.
DUTCH_NUMBER = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+|,[-–])?"
_DUTCH_NUMBER_RE = re.compile(rf"^{DUTCH_NUMBER}$")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})


# No Dutch number word written as one token is longer than this
# ("zevenhonderdachtenzeventigduizend" has 33 letters).
MAX_NUMBER_WORD_LENGTH = 40


def parse_dutch_number(text: str) -> float | None:
    """130.000 -> 130000.0, 1,5 -> 1.5; None for anything not written Dutch style."""
    if not _DUTCH_NUMBER_RE.match(text):
        return None
    return float(text.rstrip("-–").rstrip(",").replace(".", "").replace(",", "."))


_AND_A_HALF = re.compile(r"(.+?)[eë]n(?:half|halve)")


def normalize_word(text: str) -> str:
    return text.lower().translate(_APOSTROPHES)


@lru_cache(maxsize=4096)
def number_word_value(word: str) -> float | None:
    """Value of one Dutch number word ("dertig", "tweeëntwintig"), via text2num."""
    # Capital É is written "Eén" at the start of a sentence.
    word = word.lower().replace("eén", "één")
    if word in ("en", "ën") or len(word) > MAX_NUMBER_WORD_LENGTH:
        return None
    try:
        return float(text2num(word, "nl"))
    except ValueError:
        return None


@dataclass(frozen=True, eq=False)
class NumberVocabulary:
    """The word lists of resources/numbers.json in lookup-ready form."""

    word_parts: tuple[str, ...]
    multipliers: dict[str, float]
    vague: dict[str, float]
    fractions: dict[str, float]
    denominators: dict[str, float]
    group_suffix: str
    connectors: frozenset[str]
    openers: frozenset[str]
    opener_connector: str
    change_verbs: frozenset[str]
    reached_value_verbs: frozenset[str]
    change_size_prepositions: frozenset[str]
    reached_value_particle_verbs: dict[str, frozenset[str]]
    sentencing_verbs: frozenset[str]
    possibility_verbs: frozenset[str]
    currency_signs: dict[str, str]
    percent_signs: frozenset[str]
    minus_signs: str
    minus_words: frozenset[str]
    qualifiers: dict[str, str]  # phrase -> qualifier
    temporal_qualifiers: frozenset[str]
    count_adverbs_for_one: frozenset[str]
    one_words: frozenset[str]
    ratio_words: frozenset[str]
    verb_homographs: frozenset[str]
    verb_homograph_followers: frozenset[str]
    reference_nouns: frozenset[str]
    clock_prepositions: frozenset[str]
    clock_words: frozenset[str]
    clock_following: frozenset[str]
    clock_prefixes: tuple[str, ...]
    year_range: tuple[int, int]
    skippable_premodifiers: frozenset[str]
    nationality_adjectives: dict[str, str]
    months: frozenset[str]

    @classmethod
    def load(cls, numbers_resource: str, dates_resource: str) -> "NumberVocabulary":
        data = load_resource(numbers_resource)
        dates = load_resource(dates_resource)
        qualifiers = {
            normalize_word(phrase): kind
            for kind, phrases in data["qualifiers"].items()
            for phrase in phrases
        }
        return cls(
            word_parts=tuple(data["number_word_parts"]),
            multipliers={k: float(v) for k, v in data["multipliers"].items()},
            vague={k: float(v) for k, v in data["vague_amounts"].items()},
            fractions={k: float(v) for k, v in data["fractions"].items()},
            denominators={k: float(v) for k, v in data["fraction_denominators"].items()},
            group_suffix=data["approximate_group_suffix"],
            connectors=frozenset(data["range_connectors"]),
            openers=frozenset(data["range_openers"]),
            opener_connector=data["range_opener_connector"],
            change_verbs=frozenset(data["change_verbs"]),
            reached_value_verbs=frozenset(data["reached_value_verbs"]),
            change_size_prepositions=frozenset(data["change_size_prepositions"]),
            reached_value_particle_verbs={
                particle: frozenset(verbs) for particle, verbs in data["reached_value_particle_verbs"].items()
            },
            sentencing_verbs=frozenset(data["sentencing_verbs"]),
            possibility_verbs=frozenset(data["possibility_verbs"]),
            currency_signs=dict(data["currency_signs"]),
            percent_signs=frozenset(data["percent_signs"]),
            minus_signs="".join(data["minus_signs"]),
            minus_words=frozenset(data["minus_words"]),
            qualifiers=qualifiers,
            temporal_qualifiers=frozenset(data["temporal_qualifiers"]),
            count_adverbs_for_one=frozenset(data["count_adverbs_for_one"]),
            one_words=frozenset(data["one_words"]),
            ratio_words=frozenset(data["ratio_words"]),
            verb_homographs=frozenset(data["verb_homographs"]),
            verb_homograph_followers=frozenset(data["verb_homograph_followers"]),
            reference_nouns=frozenset(data["reference_nouns"]),
            clock_prepositions=frozenset(data["clock_prepositions"]),
            clock_words=frozenset(data["clock_words"]),
            clock_following=frozenset(data["clock_following"]),
            clock_prefixes=tuple(data["clock_prefixes"]),
            year_range=tuple(data["year_range"]),
            skippable_premodifiers=frozenset(data["skippable_premodifiers"]),
            nationality_adjectives=dict(data["nationality_adjectives"]),
            months=frozenset(dates["months"]) | frozenset(dates["month_abbreviations"]),
        )

    # Regular expressions for the Matcher, built from the word lists.
    @cached_property
    def sign_class(self) -> str:
        # Only one-character signs can be written against the number ("€3").
        return "[" + "".join(re.escape(sign) for sign in self.currency_signs if len(sign) == 1) + "]"

    @cached_property
    def digits_regex(self) -> str:
        return rf"^[{re.escape(self.minus_signs)}]?{self.sign_class}?{DUTCH_NUMBER}%?$"

    @cached_property
    def range_token_regex(self) -> str:
        return rf"^{self.sign_class}?{DUTCH_NUMBER}[-–—]{DUTCH_NUMBER}%?$"

    @cached_property
    def word_regex(self) -> str:
        # The lookahead bounds the length first: the repeated alternation of
        # overlapping parts ("zeven", "zeventien", "tien", "en") backtracks
        # exponentially on a long token that fails at its end.
        parts = "|".join(sorted(map(re.escape, self.word_parts), key=len, reverse=True))
        return rf"^(?=.{{1,{MAX_NUMBER_WORD_LENGTH}}}$)(?:{parts})+$"

    @cached_property
    def group_regex(self) -> str:
        return self.word_regex[:-2] + re.escape(self.group_suffix) + "$"


class Side(NamedTuple):
    """One number of an expression: '€1,5 miljoen' -> value 1500000, factor 1e6."""

    value: float
    factor: float  # product of the multiplier words
    sign: str | None
    percent: bool
    vague: bool
    group: bool  # "tiental"-style approximate group noun
    one_word: bool  # the number is the word een/één on its own
    plain_integer: bool  # digits only, no separators, sign, percent or multiplier
    digits: bool  # written with digits


class Quantity(NamedTuple):
    value: float
    low: float | None
    high: float | None
    is_range: bool
    sign: str | None
    percent: bool
    vague: bool
    group: bool
    one_word: bool
    plain_integer: bool
    digits: bool  # written with digits (names and codes only use digits)


def parse_side(texts: list[str], vocab: NumberVocabulary) -> Side | None:
    """Read one number from its tokens' texts, or None when they do not form one."""
    texts = list(texts)
    if not texts:
        return None
    sign = None
    if texts[0] in vocab.currency_signs:
        sign = texts.pop(0)
    elif texts[0][:1] in vocab.currency_signs:
        sign, texts[0] = texts[0][0], texts[0][1:]
    percent = False
    if texts and texts[-1] in vocab.percent_signs:
        percent = True
        texts.pop()
    elif texts and texts[-1][-1:] in vocab.percent_signs and len(texts[-1]) > 1:
        percent = True
        texts[-1] = texts[-1][:-1]
    if not texts:
        return None
    negative = len(texts[0]) > 1 and texts[0][0] in vocab.minus_signs and texts[0][1].isdigit()
    if negative:
        texts[0] = texts[0][1:]  # '-0,3 procent', '−8 graden'
    core, rest = normalize_word(texts[0]), [normalize_word(t) for t in texts[1:]]
    vague = group = False
    if core[:1].isdigit():
        value = parse_dutch_number(core)
    elif core in vocab.vague:
        value, vague = vocab.vague[core], True
    elif core in vocab.fractions:
        value = vocab.fractions[core]
    elif core.endswith(vocab.group_suffix) and len(core) > len(vocab.group_suffix):
        value, group = number_word_value(core[: -len(vocab.group_suffix)]), True
    elif (and_a_half := _AND_A_HALF.fullmatch(core)) and (whole := number_word_value(and_a_half[1])) is not None:
        value = whole + 0.5  # 'tweeënhalf', 'vierenhalve'
    else:
        value = number_word_value(core)
    if value is None:
        return None
    if rest[:1] == ["half"]:
        if core not in vocab.one_words:
            return None
        value, rest = 0.5, rest[1:]
    factor = 1.0
    for word in rest:
        if word in vocab.multipliers:
            factor *= vocab.multipliers[word]
        elif word in vocab.vague:
            factor *= vocab.vague[word]
            vague = True
        elif word in vocab.denominators and not core[:1].isdigit():
            factor /= vocab.denominators[word]
        else:
            return None
    plain = len(texts) == 1 and texts[0].isdigit() and sign is None and not percent and not negative
    return Side(-value * factor if negative else value * factor, factor, sign, percent, vague, group,
                core in vocab.one_words and len(texts) == 1, plain, core[:1].isdigit())


def parse_quantity(texts: list[str], vocab: NumberVocabulary) -> Quantity | None:
    """Read a matched expression: a single number or a range ('100 à 150', '10-20%')."""
    texts = list(texts)
    if texts and normalize_word(texts[0]) in vocab.openers:
        texts = texts[1:]
        if texts and texts[0].lower() == "de":
            texts = texts[1:]
        connectors = {vocab.opener_connector}
    else:
        connectors = vocab.connectors
    split = next((i for i, t in enumerate(texts) if 0 < i < len(texts) - 1
                  and normalize_word(t) in connectors), None)
    if split is None and len(texts) >= 1:
        # A range written as one token: "10-20", "€3-5", "10–20%".
        single = re.match(rf"^({vocab.sign_class}?{DUTCH_NUMBER})[-–—]({DUTCH_NUMBER}%?)$", texts[0])
        if single:
            texts = [single.group(1), "-", single.group(2)] + texts[1:]
            split = 1
    if split is None:
        side = parse_side(texts, vocab)
        if side is None:
            return None
        return Quantity(side.value, None, None, False, side.sign, side.percent, side.vague,
                        side.group, side.one_word, side.plain_integer, side.digits)
    left, right = parse_side(texts[:split], vocab), parse_side(texts[split + 1:], vocab)
    if left is None or right is None or left.vague or right.vague:
        return None
    low = left.value
    if left.factor == 1.0 and right.factor != 1.0:
        low *= right.factor  # "1 à 2 miljoen": the multiplier belongs to both
    high = right.value
    if not low < high:
        return None  # "16-2", "3-1": a date or a score, no range
    return Quantity(low, low, high, True, left.sign or right.sign, left.percent or right.percent,
                    False, False, False, False, left.digits)


# --------------------------------------------------------------------------
# Unit lexicon: singular lemma and category of the counted noun
# --------------------------------------------------------------------------

_VOWELS = "aeiouy"
_DEVOICED = {"v": "f", "z": "s"}  # brieven -> brief, huizen -> huis
# Stems of adjectives and participles used as nouns, whose singular ends in -e.
_NOMINALIZED_ADJECTIVE_ENDINGS = ("ig", "lijk", "isch", "baar", "end", "eerd", "aagd", "en")


def _devoice(stem: str) -> str:
    return stem[:-1] + _DEVOICED.get(stem[-1].lower(), stem[-1])


def _has_doubled_consonant(stem: str) -> bool:
    low = stem.lower()
    return len(low) > 2 and low[-1] == low[-2] and low[-1] not in _VOWELS


def _has_open_syllable(stem: str) -> bool:
    """One vowel before one consonant: the vowel was long (soldat-en <- soldaat)."""
    low = stem.lower()
    return len(low) > 2 and low[-1] not in _VOWELS and low[-2] in "aeou" and low[-3] not in _VOWELS


def _lengthen(stem: str) -> str:
    return _devoice(stem[:-1] + stem[-2] + stem[-1])


def _plural_candidates(word: str) -> list[str]:
    """Possible singulars of a Dutch plural (case kept), for the lexicon to choose from."""
    lower = word.lower()
    candidates: list[str] = []
    if lower.endswith(("'s", "’s")):
        candidates.append(word[:-2])  # auto's -> auto
    elif lower.endswith("s") and len(lower) > 3:
        candidates.append(word[:-1])  # tanks -> tank
    if lower.endswith("ën"):
        candidates += [word[:-2], word[:-2] + "e"]  # zeeën -> zee, bacteriën -> bacterie
    if lower.endswith("heden"):
        candidates.append(word[:-5] + "heid")
    if lower.endswith("eren") and len(lower) > 6:
        candidates.append(word[:-4])  # kinderen -> kind
    if lower.endswith("en") and len(lower) > 3:
        stem = word[:-2]
        candidates.append(stem)  # militairen -> militair
        if _has_doubled_consonant(stem):
            candidates.append(stem[:-1])  # manschappen -> manschap
        if stem[-1].lower() in _DEVOICED:
            candidates.append(_devoice(stem))
        if _has_open_syllable(stem):
            candidates.append(_lengthen(stem))
        candidates.append(stem + "e")  # doden -> dode, gevangenen -> gevangene
    return candidates


def _default_singular(word: str) -> str:
    """The regular Dutch singular of a plural the lexicon does not know."""
    lower = word.lower()
    if lower.endswith(("'s", "’s")):
        return word[:-2]
    if lower.endswith("ën"):
        return word[:-2]
    if lower.endswith("en") and len(lower) > 3:
        stem = word[:-2]
        if _has_doubled_consonant(stem):
            return stem[:-1]
        if _has_open_syllable(stem):
            return _lengthen(stem)
        if stem.lower().endswith(_NOMINALIZED_ADJECTIVE_ENDINGS):
            return stem + "e"  # aanwezigen -> aanwezige
        return _devoice(stem)
    if lower.endswith("s") and len(lower) > 3:
        return word[:-1]
    return word


COMPOUND_MIN_PREFIX = 3  # letters before a compound head: "legertank", not "st|rand"
COMPOUND_MIN_HEAD = 4  # letters of a compound head found without a hyphen


@dataclass(frozen=True, eq=False)
class UnitLexicon:
    """resources/units.json: singular lemmas and their categories."""

    categories: dict[str, str]
    aliases: dict[str, str]
    irregular_plurals: dict[str, str]
    compound_exceptions: frozenset[str] = frozenset()

    @classmethod
    def load(cls, resource: str) -> "UnitLexicon":
        data = load_resource(resource)
        categories = {
            lemma.lower(): category
            for category, lemmas in data["categories"].items()
            for lemma in lemmas
        }
        return cls(categories, dict(data["aliases"]), dict(data["irregular_plurals"]),
                   frozenset(w.lower() for w in data.get("compound_exceptions", ())))

    def category(self, lemma: str) -> str | None:
        """Category of a lemma, looking at the head of a compound when needed."""
        key = normalize_word(lemma)
        if key in self.categories:
            return self.categories[key]
        if "-" in key:
            # The hyphen marks the compound head itself ("NAVO-land", "VN-militair").
            return self.category(key.rsplit("-", 1)[1])
        # Closed compounds: the longest known word the compound ends with
        # (legertank -> tank), when it is a plausible head: at least
        # COMPOUND_MIN_PREFIX letters before it ("strand" is no st+rand), at
        # least COMPOUND_MIN_HEAD letters long, and not inside a word listed
        # as a false split ("protest" is no pro+test).
        for cut in range(COMPOUND_MIN_PREFIX, len(key) - COMPOUND_MIN_HEAD + 1):
            head = key[cut:]
            if head in self.categories and not self._false_split(key, head):
                return self.categories[head]
        return None

    def _false_split(self, key: str, head: str) -> bool:
        return any(
            key.endswith(word) and len(word) > len(head) for word in self.compound_exceptions
        )

    @lru_cache(maxsize=16384)  # a pure function of the word; called for every candidate noun
    def _irregular(self, word: str) -> str | None:
        lower = normalize_word(word)
        for plural, singular in self.irregular_plurals.items():
            # A compound ends in it: 'waterschappen'; a short plural only after a word of
            # its own ('speeldagen', 'werkuren'; not the 'bloten' of 'loten').
            prefix_length = len(lower) - len(plural)
            if lower == plural or (lower.endswith(plural) and (
                    len(plural) >= 6 or (len(plural) >= 4 and prefix_length >= COMPOUND_MIN_PREFIX))
            ) or lower.endswith("-" + plural):
                prefix = word[: len(word) - len(plural)]
                return prefix + singular if prefix else _with_case_of(word, singular)
        return None

    def singular(self, word: str, model_lemma: str | None = None) -> str:
        """The singular of a counted noun as written ("NAVO-landen" -> "NAVO-land")."""
        lower = normalize_word(word)
        if lower in self.aliases:
            return _with_case_of(word, self.aliases[lower])
        irregular = self._irregular(word)
        if irregular:
            return irregular
        if lower in self.categories:
            return word
        candidates = _plural_candidates(word)
        for candidate in candidates:
            if normalize_word(candidate) in self.categories:
                return candidate
        for candidate in candidates:
            if self.category(candidate):
                return candidate
        if self.category(word):
            return word
        # Unknown noun: trust a lemmatizer that changed the word, else the rules; but
        # not a lemma ending in a doubled consonant, which no Dutch singular has
        # ("waterschappen" -> "waterschapp").
        if model_lemma and model_lemma.lower() != lower and not _has_doubled_consonant(model_lemma) and any(
            model_lemma.lower() == c.lower() for c in candidates
        ):
            return next(c for c in candidates if c.lower() == model_lemma.lower())
        return _default_singular(word)

    def knows_whole(self, word: str) -> bool:
        """The word itself (or its singular) is in the lexicon, not only the head of a compound."""
        return normalize_word(self.singular(word)) in self.categories or normalize_word(word) in self.aliases

    def knows(self, word: str) -> bool:
        # A capitalised closed compound is a name, not a noun: 'Nederland' is no kind of 'land'.
        if word[:1].isupper() and not word.isupper() and "-" not in word:
            return self.knows_whole(word)
        return self.category(self.singular(word)) is not None


def _with_case_of(written: str, lemma: str) -> str:
    return lemma.capitalize() if written[:1].isupper() else lemma


# --------------------------------------------------------------------------
# Context rules
# --------------------------------------------------------------------------


def _prev(doc: Doc, i: int, n: int = 1) -> Token | None:
    return doc[i - n] if i - n >= 0 else None


def _next(doc: Doc, i: int, n: int = 0) -> Token | None:
    return doc[i + n] if i + n < len(doc) else None


def find_qualifier(doc: Doc, span: Span, vocab: NumberVocabulary, text: str | None = None
                   ) -> tuple[str, str] | None:
    """(qualifier, text as written) of a qualifier phrase right before the span.

    ``text`` is ``doc.text``, passed in because spaCy rebuilds it on every access."""
    text = doc.text if text is None else text
    window_start = max(0, span.start_char - 40)
    before = text[window_start: span.start_char].translate(_APOSTROPHES).lower()
    match = _qualifier_regex(vocab).search(before)
    if match is None:
        return None
    phrase = re.sub(r"\s+", " ", match.group(1))
    kind = vocab.qualifiers.get(phrase)
    if kind is None:
        return None
    start = window_start + match.start(1)
    if phrase == "tot":
        before_tot = doc.char_span(start, start + 3, alignment_mode="expand")
        previous = doc[before_tot.start - 1] if before_tot is not None and before_tot.start > 0 else None
        # "van 100 tot 150" without a range reading: "tot" introduces the new value;
        # so does "tot" right after a change that happened ("is opgelopen tot 27 weken",
        # "daalde met 12 procent tot 1,1 miljard"; not "stegen met tot 20 procent"),
        # or with the change verb at the clause's end ("is tot 27 weken opgelopen").
        if previous is not None and (
            _is_number_token(previous, vocab) or _reached_value(doc, before_tot.start, vocab)
            or _change_verb_after(doc, span, vocab) or _sentence_given(doc, before_tot.start, vocab)
        ):
            return None
    return kind, text[start: window_start + match.end(1)]


def _reached_value(doc: Doc, tot: int, vocab: NumberVocabulary, max_size_words: int = 3) -> bool:
    """'tot' at token ``tot`` follows a verb of a change that happened, right before
    it or before a "met"-phrase of its size: "steeg tot", "is opgelopen tot",
    "daalde met 12 procent tot", "nam vorig jaar toe tot"."""
    before = tot - 1
    if _separable_change(doc, before, vocab) or _sized_change_before(doc, before, vocab, max_size_words):
        return True
    if doc[before].lower_ not in vocab.reached_value_verbs:
        # Skip the size of the change: "met 12 procent".
        size_start = next((j for j in range(before, max(-1, before - max_size_words - 1), -1)
                           if doc[j].lower_ in vocab.change_size_prepositions), None)
        if size_start is None or not any(_is_number_token(t, vocab) for t in doc[size_start + 1: tot]):
            return False
        before = size_start - 1
    return before >= 0 and doc[before].lower_ in vocab.reached_value_verbs


def _sized_change_before(doc: Doc, verb: int, vocab: NumberVocabulary, max_size_words: int) -> bool:
    """Token ``verb`` is a change verb of any tense right after a "met"-phrase of its
    size: "zal met 6,4 procent dalen tot", "moet met 5 procent stijgen tot" (the size
    makes 'tot' the level reached, where "kan tot 40 graden oplopen" is a maximum)."""
    if verb < 2 or doc[verb].lower_ not in vocab.change_verbs:
        return False
    size_start = next((j for j in range(verb - 1, max(-1, verb - max_size_words - 2), -1)
                       if doc[j].lower_ in vocab.change_size_prepositions), None)
    return size_start is not None and any(_is_number_token(t, vocab) for t in doc[size_start + 1: verb])


def _change_verb_after(doc: Doc, span: Span, vocab: NumberVocabulary, reach: int = 3) -> bool:
    """A verb of a change that happened within ``reach`` words after the number, in
    its clause: "is tot 27 weken opgelopen", "dat het aantal tot 500 steeg" (not
    "kan tot 40 graden oplopen": an infinitive is no change that happened)."""
    for token in doc[span.end: min(len(doc), span.end + reach)]:
        if token.is_punct:
            return False
        if token.lower_ in vocab.reached_value_verbs:
            return True
    return False


def _sentence_given(doc: Doc, tot: int, vocab: NumberVocabulary, reach: int = 8) -> bool:
    """'tot' at token ``tot`` gives a court's sentence: "veroordeeld tot 27 jaar cel",
    "veroordeelde hem tot 12 jaar" (not "kan worden veroordeeld tot": the maximum)."""
    before = _clause_words_before(doc, tot, reach)
    return bool(before & vocab.sentencing_verbs) and not before & vocab.possibility_verbs


def _separable_change(doc: Doc, particle: int, vocab: NumberVocabulary, reach: int = 6) -> bool:
    """Token ``particle`` ends a separable change verb of the clause: "liep in januari
    op", "nam vorig jaar toe"."""
    verbs = vocab.reached_value_particle_verbs.get(doc[particle].lower_)
    return bool(verbs) and bool(_clause_words_before(doc, particle, reach) & verbs)


def _clause_words_before(doc: Doc, i: int, reach: int) -> set[str]:
    """The lower-cased words of token ``i``'s clause before it, at most ``reach`` back."""
    clause = sentence_window(doc, i, i, reach, stops=SENTENCE_END | {","})
    return {t.lower_ for t in doc[clause.start: i]}


@lru_cache(maxsize=8)
def _qualifier_regex(vocab: NumberVocabulary) -> re.Pattern[str]:
    phrases = sorted(vocab.qualifiers, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases)
    return re.compile(rf"(?<!\w)({alternatives})\s*$")


def _is_number_token(token: Token, vocab: NumberVocabulary) -> bool:
    return (bool(re.match(vocab.digits_regex, token.text)) or number_word_value(token.text) is not None
            or token.lower_ in vocab.fractions)


def is_calendar_date(doc: Doc, span: Span, quantity: Quantity, vocab: NumberVocabulary) -> bool:
    """'15 februari', '15 feb.', 'februari 2022' (but 'in mei 34 procent' stays)."""
    after, before = _next(doc, span.end), _prev(doc, span.start)
    if after is not None and normalize_word(after.text).rstrip(".") in vocab.months:
        return True
    low, high = vocab.year_range
    return (
        before is not None and normalize_word(before.text).rstrip(".") in vocab.months
        and quantity.plain_integer and low <= quantity.value <= high
    )


def is_year(quantity: Quantity, qualifier: tuple[str, str] | None, counted_known: bool,
            vocab: NumberVocabulary) -> bool:
    """A bare four-digit number in the year range, unless a known counted noun
    follows ('2000 soldaten') or a non-temporal qualifier precedes ('zo'n 2000')."""
    if not quantity.plain_integer or quantity.is_range:
        return False
    low, high = vocab.year_range
    if not low <= quantity.value <= high:
        return False
    if counted_known:
        return False
    if qualifier is not None and normalize_word(qualifier[1]) not in vocab.temporal_qualifiers:
        return False
    return True


def is_year_range(quantity: Quantity, vocab: NumberVocabulary) -> bool:
    low, high = vocab.year_range
    return quantity.is_range and quantity.sign is None and not quantity.percent and (
        low <= quantity.low <= high and low <= quantity.high <= high
        and quantity.low.is_integer() and quantity.high.is_integer()
        and quantity.high - quantity.low < 200
    )


def is_clock_time(doc: Doc, span: Span, vocab: NumberVocabulary, text: str | None = None) -> bool:
    """'om 9 uur', '9 uur 's ochtends', 'half negen'; not 'tot 240 uur taakstraf' (no hour of the day)."""
    text = doc.text if text is None else text
    after = _next(doc, span.end)
    before = _prev(doc, span.start)
    hour = parse_dutch_number(span.text) if span.text[:1].isdigit() else None
    if after is not None and after.lower_ in vocab.clock_words and (hour is None or hour <= 24):
        if before is not None and before.lower_ in vocab.clock_prepositions:
            return True
        following = _next(doc, span.end, 1)
        if following is not None and normalize_word(following.text) in vocab.clock_following:
            return True
    before_text = text[max(0, span.start_char - 15): span.start_char].lower()
    return any(re.search(rf"(?<!\w){re.escape(p)}\s+$", before_text) for p in vocab.clock_prefixes)


def is_part_of_name_or_code(doc: Doc, span: Span, quantity: Quantity, counted_known: bool,
                            vocab: NumberVocabulary, text: str | None = None) -> bool:
    """'F-16', 'Covid-19', '34-jarige', "jaren '90", 'Boeing 737', '+31'."""
    text = doc.text if text is None else text
    left = text[span.start_char - 1] if span.start_char > 0 else " "
    left2 = text[span.start_char - 2] if span.start_char > 1 else " "
    right = text[span.end_char] if span.end_char < len(text) else " "
    right2 = text[span.end_char + 1] if span.end_char + 1 < len(text) else " "
    if left.isalnum() or right.isalnum() or left in "+'’/" or right in "/":
        return True
    if (left in "-–" and left2.isalpha()) or (right in "-–" and right2.isalpha()):
        return True
    after = _next(doc, span.end)
    if after is not None and after.lower_.startswith("jarig"):
        return True  # '34 jarige' written apart
    before = _prev(doc, span.start)
    if not quantity.digits:
        # A capitalized number word inside a sentence belongs to a name ("Vijf Landen Toernooi").
        return span[0].text[:1].isupper() and not starts_sentence(span[0])
    if before is None or starts_sentence(before) or counted_known:
        return False
    word = before.text
    return (
        word[:1].isupper()
        and word.replace("-", "").isalpha()
        and not before.is_stop
        and normalize_word(word) not in vocab.qualifiers
        and normalize_word(word).rstrip(".") not in vocab.months
    )


def is_age_in_parentheses(doc: Doc, span: Span, quantity: Quantity) -> bool:
    """'Kiesinger (65)', 'Anton L. (24, ongehuwd)': the news way of giving an age; not
    after an organisation ('De VVD (5), het CDA (4)': seats, members, a count)."""
    before, after = _prev(doc, span.start), _next(doc, span.end)
    name = _prev(doc, span.start, 2)
    return (
        quantity.plain_integer and quantity.value <= 120
        and before is not None and before.text == "("
        and after is not None and after.text in (")", ",")
        and name is not None and (name.text[:1].isupper() or name.text.endswith("."))
        and not _names_an_organisation(name)
    )


def _names_an_organisation(token) -> bool:
    """``token`` is part of an organisation, as the document's entity index has it (the
    model's entities mended by the rules, known organisations included)."""
    cluster = entity_index(token.doc).cluster_at(token.idx, token.idx + len(token))
    return cluster is not None and cluster.label == "ORG"


def is_reference_number(doc: Doc, span: Span, vocab: NumberVocabulary) -> bool:
    """'artikel 5', 'pagina 3', 'de jaren 90'."""
    before = _prev(doc, span.start)
    return before is not None and normalize_word(before.text) in vocab.reference_nouns


def is_phone_or_code(doc: Doc, span: Span, quantity: Quantity) -> bool:
    """Leading zeros ('020', '06-1234') and runs of bare digit groups ('020 123 4567')."""
    first = span[0].text
    if re.match(r"^[^\d]*0\d", first):
        return True
    before, after = _prev(doc, span.start), _next(doc, span.end)
    return quantity.digits and any(  # '020 123 4567', '0183-645 200'
        t is not None and re.fullmatch(r"\d+|0\d+(?:-\d+)+", t.text) is not None for t in (before, after)
    )


def is_article_one(doc: Doc, span: Span, quantity: Quantity, vocab: NumberVocabulary) -> bool:
    """'een'/'één' is the article 'a' unless clearly a count: 'één op de vijf',
    'slechts één', 'een miljoen' (multipliers are part of the span then)."""
    if not quantity.one_word or quantity.is_range:
        return False
    after = _next(doc, span.end)
    if after is not None and after.lower_ in vocab.ratio_words:
        rest = [t for t in doc[span.end + 1: span.end + 4] if t.lower_ not in ("de", "het")]
        if rest and _is_number_token(rest[0], vocab):
            return False
    before = _prev(doc, span.start)
    accented = span.text.lower() != "een"
    if accented and before is not None and before.lower_ in vocab.count_adverbs_for_one:
        return False
    return True


def is_score(doc: Doc, span: Span, quantity: Quantity, counted_known: bool) -> bool:
    """'0-1', '2-3' without a counted noun: a match score, not a range."""
    return (
        quantity.is_range and not counted_known and quantity.sign is None and not quantity.percent
        and any(t.text in "-–—" or re.search(r"\d[-–—]\d", t.text) for t in span)
        and quantity.low.is_integer() and quantity.high.is_integer() and quantity.high <= 20
    )


def is_verb_homograph(doc: Doc, span: Span, vocab: NumberVocabulary) -> bool:
    """'hij acht het onwaarschijnlijk': 'acht' is a verb before a pronoun/determiner."""
    if len(span) != 1 or span[0].lower_ not in vocab.verb_homographs:
        return False
    after = _next(doc, span.end)
    return after is not None and after.lower_ in vocab.verb_homograph_followers


def follows_a_number(doc: Doc, span: Span, vocab: NumberVocabulary) -> bool:
    """A number right after another one is the rest of an expression that did not
    parse ("EUR 5 miljoen" -> not "miljoen" alone), or a code or score."""
    before = _prev(doc, span.start)
    return (
        before is not None
        and normalize_word(before.text) not in vocab.one_words  # "een tiental"
        and _is_number_token(before, vocab)
    )


def describes_change(span: Span, quantity: Quantity, vocab: NumberVocabulary, reach: int = 20,
                     level_ratio: float = 20) -> bool:
    """'steeg van 100 tot 150' is a change between two values, not a range.
    Looks through the sentence around the span, bounded by sentence punctuation
    in the text (the parser's sentence split may be poor). After "met" the two
    numbers are the size of the change ("steeg met 10 tot 15 procent", "met 20 tot 200
    miljoen euro" are ranges), unless the second is ``level_ratio`` times the first or
    more: then they are the size and the level reached ("steeg met 8000 tot 390.000")."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in vocab.change_size_prepositions:
        if not (quantity.low and quantity.high and quantity.high >= level_ratio * quantity.low):
            return False
    return any(t.lower_ in vocab.change_verbs for t in sentence_window(span.doc, span.start, span.end, reach))


def sentence_window(doc: Doc, start: int, end: int, reach: int, stops: frozenset[str] = SENTENCE_END) -> Span:
    """Tokens ``start:end`` widened by up to ``reach`` tokens each side, not across
    sentence punctuation (or the other ``stops``) in the text."""
    low, high = max(0, start - reach), min(len(doc), end + reach)
    while start > low and doc[start - 1].text not in stops:
        start -= 1
    while end < high and doc[end].text not in stops:
        end += 1
    return doc[start:end]



def overlaps(span: Span, others) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


# --------------------------------------------------------------------------
# The counted noun
# --------------------------------------------------------------------------

_WORDLIKE = re.compile(r"^[^\W\d_][\w'’-]*\.?$")  # words and abbreviations ("pct.")


def _looks_like_adjective(token: Token, vocab: NumberVocabulary) -> bool:
    lower = token.lower_
    if token.pos_ == "ADJ" or lower in vocab.nationality_adjectives:
        return True
    if lower in vocab.skippable_premodifiers:
        return True
    following = _next(token.doc, token.i + 1)
    # Attributive adjectives are inflected with -e before the noun ("zware tanks").
    return (
        lower.endswith("e") and len(lower) > 3 and not token.is_stop
        and following is not None and _WORDLIKE.match(following.text) is not None
        and not following.is_stop
    )


_PLURAL_ENDINGS = ("en", "ën", "s", "'s", "’s")


def _looks_like_noun(token: Token, singular_expected: bool) -> bool:
    """An unknown word as counted noun: tagged a noun, and plural in form after
    numbers above one ("82,50 betekende" is a verb however it is tagged)."""
    if not _WORDLIKE.match(token.text) or token.is_stop or len(token.text) < 3:
        return False
    if not singular_expected and not token.lower_.endswith(_PLURAL_ENDINGS):
        return False
    return token.pos_ in ("NOUN", "PROPN") or (
        "Plur" in token.morph.get("Number") and not token.morph.get("VerbForm")
    )


def find_counted_noun(doc: Doc, span: Span, vocab: NumberVocabulary, lexicon: UnitLexicon,
                      singular_expected: bool = False, max_distance: int = 4
                      ) -> tuple[Token | None, list[Token]]:
    """The noun the number counts and the adjectives in between.

    Looks right of the number, across adjectives ("30 duizend Russische soldaten").
    A word of the unit lexicon is taken at once; an unknown word only when the
    tagger calls it a noun, so a poor parse gives no unit rather than a verb.
    """
    adjectives: list[Token] = []
    for token in doc[span.end: span.end + max_distance]:
        if token.is_punct or token.is_space or token.like_num or not _WORDLIKE.match(token.text):
            break
        if token.lower_ not in vocab.nationality_adjectives and lexicon.knows(token.text) and (
                lexicon.knows_whole(token.text) or token.pos_ in ("NOUN", "PROPN")):
            return token, adjectives  # a compound of a known head only as a noun: not 'gepland'
        if _looks_like_adjective(token, vocab):
            adjectives.append(token)
            continue
        return (token if _looks_like_noun(token, singular_expected) else None), adjectives
    return None, adjectives


def second_number_after(doc: Doc, span: Span, vocab: NumberVocabulary) -> Span | None:
    """The number right after ``span`` and 'tot' or a ratio word ('op', 'op de'):
    "8000 [tot 390.000]", "één [op de vijf]"; None when no number follows so."""
    j = span.end
    if j >= len(doc) or not (doc[j].lower_ == "tot" or doc[j].lower_ in vocab.ratio_words):
        return None
    j += 1 + (j + 1 < len(doc) and doc[j].lower_ in vocab.ratio_words and doc[j + 1].lower_ == "de")
    end = j
    while end < len(doc) and (_is_number_token(doc[end], vocab) or doc[end].lower_ in vocab.multipliers):
        end += 1
    return doc[j:end] if end > j else None


def find_modifier(adjectives: list[Token], vocab: NumberVocabulary) -> str | None:
    """The owner named by an adjective: 'Russische' -> 'Rusland'."""
    for token in adjectives:
        country = vocab.nationality_adjectives.get(token.lower_)
        if country:
            return country
    for token in adjectives:
        if token.text[:1].isupper() and token.lower_.endswith(("se", "sche", "ische")):
            return token.text
    return None


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


def minus_word_before(doc: Doc, span: Span, vocab: NumberVocabulary) -> bool:
    """'min 8 graden', 'tot minus 3': a minus word right before a single positive
    number; not 'plus min 20' (about 20), nor after a number or a noun, where 'min' is
    minutes or a subtraction ('3 min 20 seconden', '10 euro min 2 euro korting')."""
    i = span.start - 1
    if i < 0 or doc[i].lower_ not in vocab.minus_words or doc[span.start].text[:1] in vocab.minus_signs:
        return False
    before = doc[i - 1] if i > 0 else None
    return before is None or not (before.lower_ in ("plus", "+") or before.like_num
                                  or before.pos_ in ("NOUN", "PROPN", "NUM", "SYM"))


def build_matcher(vocab_strings, vocab: NumberVocabulary) -> Matcher:
    matcher = Matcher(vocab_strings)
    sign = {"TEXT": {"IN": list(vocab.currency_signs)}, "OP": "?"}
    multipliers = {"LOWER": {"IN": list(vocab.multipliers) + list(vocab.vague)}, "OP": "*"}
    percent = {"TEXT": {"IN": list(vocab.percent_signs)}, "OP": "?"}
    half = {"LOWER": "half", "OP": "?"}
    digits = {"TEXT": {"REGEX": vocab.digits_regex}}
    words = {"LOWER": {"REGEX": vocab.word_regex}}
    fractions = {"LOWER": {"IN": list(vocab.fractions)}}
    cores = (digits, words, fractions)
    single = [[sign, core, half, multipliers, percent] for core in cores]
    single += [
        [words, {"LOWER": {"IN": list(vocab.denominators)}}],
        [{"LOWER": {"IN": list(vocab.vague)}, "OP": "+"}],
        [{"LOWER": {"REGEX": vocab.group_regex}}],
        [sign, {"TEXT": {"REGEX": vocab.range_token_regex}}, multipliers, percent],
    ]
    connector = {"LOWER": {"IN": list(vocab.connectors)}}
    ranges = [
        [sign, left, multipliers, percent, connector, sign, right, multipliers, percent]
        for left in cores for right in cores
    ]
    ranges += [
        [{"LOWER": {"IN": list(vocab.openers)}}, {"LOWER": "de", "OP": "?"}, sign, left, multipliers,
         percent, {"LOWER": vocab.opener_connector}, sign, right, multipliers, percent]
        for left in cores for right in cores
    ]
    matcher.add("QUANTITY", single)
    matcher.add("RANGE", ranges)
    return matcher


class NumberFinder:
    """Finds quantity spans and sets ``span._.number``."""

    def __init__(self, nlp: Language, name: str, *, spans_key: str, dates_key: str,
                 vocabulary: str, units: str, dates_vocabulary: str) -> None:
        self.name = name
        self.spans_key = spans_key
        self.dates_key = dates_key
        self.vocab = NumberVocabulary.load(vocabulary, dates_vocabulary)
        self.lexicon = UnitLexicon.load(units)
        self.matcher = build_matcher(nlp.vocab, self.vocab)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[NumberMatch]:
        """Every quantity of the doc, without changing the doc."""
        vocab = self.vocab
        dates = list(doc.spans[self.dates_key]) if self.dates_key in doc.spans else []
        found: dict[tuple[int, int], NumberValue] = {}
        text = doc.text  # once: spaCy rebuilds it from the tokens on every access
        for match_id, start, end in self.matcher(doc):
            span = doc[start:end]
            quantity = parse_quantity([t.text for t in span], vocab)
            opener = None
            if doc.vocab.strings[match_id] == "RANGE" and span[0].lower_ in vocab.openers:
                # "tussen (de) 10 en 20": the span keeps only the numbers.
                opener = span[0].text
                span = doc[start + 1 + (doc[start + 1].lower_ == "de"): end]
            if quantity is None or overlaps(span, dates):
                continue
            if quantity.is_range and any(t.lower_ == "tot" for t in span) and describes_change(
                span, quantity, vocab
            ):
                continue
            number = self._describe(doc, span, quantity, opener, text)
            if number is not None and minus_word_before(doc, span, vocab):
                span = doc[span.start - 1: span.end]  # 'min 8 graden'
                number = number._replace(value=-number.value)
                if number.qualifier == "exact" and (qualifier := find_qualifier(doc, span, vocab, text)):
                    number = number._replace(qualifier=qualifier[0], qualifier_text=qualifier[1])  # 'ongeveer min 4'
            if number is not None:
                found[(span.start, span.end)] = number
        spans = filter_spans([doc[s:e] for s, e in found])
        return [NumberMatch(s.start, s.end, found[(s.start, s.end)]) for s in spans]

    def _describe(self, doc: Doc, span: Span, quantity: Quantity, opener: str | None, text: str
                  ) -> NumberValue | None:
        """The NumberValue of a candidate, or None when the context says it is no quantity."""
        vocab, lexicon = self.vocab, self.lexicon
        noun, adjectives = find_counted_noun(doc, span, vocab, lexicon,
                                             singular_expected=abs(quantity.value) <= 1)
        if noun is None and (second := second_number_after(doc, span, vocab)) is not None:
            # "één op de vijf patiënten", "met 50 miljoen tot 1,2 miljard euro": the
            # noun after the second number counts the first too.
            noun, adjectives = find_counted_noun(doc, second, vocab, lexicon)
        counted_known = noun is not None and lexicon.knows(noun.text)
        if quantity.group and not counted_known:
            noun = None  # "het tweetal komen": the group noun is what is counted
        qualifier = None if quantity.is_range or quantity.vague else find_qualifier(doc, span, vocab, text)
        if (
            is_calendar_date(doc, span, quantity, vocab)
            or is_year(quantity, qualifier, counted_known, vocab)
            or is_year_range(quantity, vocab)
            or is_clock_time(doc, span, vocab, text)
            or is_part_of_name_or_code(doc, span, quantity, counted_known, vocab, text)
            or is_reference_number(doc, span, vocab)
            or is_age_in_parentheses(doc, span, quantity)
            or is_phone_or_code(doc, span, quantity)
            or is_article_one(doc, span, quantity, vocab)
            or is_verb_homograph(doc, span, vocab)
            or follows_a_number(doc, span, vocab)
            or is_score(doc, span, quantity, counted_known)
        ):
            return None
        if quantity.is_range:
            kind, kind_text = "range", opener
        elif quantity.vague:
            kind, kind_text = "vague", None
        elif quantity.group and _after_article(doc, span, vocab):
            kind, kind_text = "approx", doc[span.start - 1].text  # "een tiental": about ten
        elif qualifier:
            kind, kind_text = qualifier
        else:
            kind, kind_text = "exact", None
        unit = self._unit(doc, span, quantity, noun)
        return NumberValue(
            value=quantity.value, low=quantity.low, high=quantity.high,
            qualifier=kind, qualifier_text=kind_text, **unit._asdict(),
            modifier=find_modifier(adjectives, vocab) if noun is not None else None,
        )

    def _unit(self, doc: Doc, span: Span, quantity: Quantity, noun: Token | None) -> "Unit":
        if quantity.sign or quantity.percent:
            symbol = quantity.sign or "%"
            lemma = self.vocab.currency_signs.get(symbol) or "procent"
            offset = span.text.find(symbol)
            start = span.start_char + offset if offset >= 0 else None
            return Unit(lemma, symbol, start, start + len(symbol) if start is not None else None,
                        self.lexicon.category(lemma))
        if noun is None:
            return Unit(None, None, None, None, None)
        lemma = self.lexicon.singular(noun.text, noun.lemma_)
        return Unit(lemma, noun.text, noun.idx, noun.idx + len(noun.text),
                    self.lexicon.category(lemma) or "other")

    def set_annotations(self, doc: Doc, matches: list[NumberMatch]) -> None:
        spans = []
        for match in matches:
            span = doc[match.start: match.end]
            span._.number = match.number
            spans.append(span)
        doc.spans[self.spans_key] = spans


class Unit(NamedTuple):
    unit: str | None
    unit_text: str | None
    unit_start: int | None
    unit_end: int | None
    category: str | None


def _after_article(doc: Doc, span: Span, vocab: NumberVocabulary) -> bool:
    before = _prev(doc, span.start)
    return before is not None and before.lower_ in vocab.one_words


@Language.factory(
    "dutch_numbers",
    assigns=["doc.spans"],
    default_config={
        "spans_key": "numbers",
        "dates_key": "dates",
        "vocabulary": "numbers",
        "units": "units",
        "dates_vocabulary": "dates",
    },
)
def make_number_finder(nlp: Language, name: str, *, spans_key: str, dates_key: str,
                       vocabulary: str, units: str, dates_vocabulary: str) -> NumberFinder:
    return NumberFinder(nlp, name, spans_key=spans_key, dates_key=dates_key,
                        vocabulary=vocabulary, units=units, dates_vocabulary=dates_vocabulary)
