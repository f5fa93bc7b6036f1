"""Dates in Dutch news text: the ``dutch_dates`` component.

Finds explicit dates ("dinsdag 15 februari 2022", "16-02-2022", "februari
2022", "in 2019") and references relative to the publication date
("gisteren", "dinsdag", "vorige week"), resolves them and puts them in
``doc.spans["dates"]`` with ``span._.date = DateValue(...)``.

Resolution follows the news convention:
- a bare weekday is the most recent such day up to and including the
  publication day, or the coming one when its clause is about the future, or
  the publication day or a later one when its clause is in the present tense
  without a participle and without a speech verb ("Het ziekenhuis houdt
  maandag een informatieavond": news tells past events in the past tense or
  the perfect, and "zegt X maandag" is a statement of that day); not after
  "van" ("de overval van zondag"), in a headline or with a score. The present
  tense moves only weekdays: with a month or a full date it is as often a
  historical present ("Op 24 februari valt Rusland Oekraïne binnen");
- a clause is about the future when it has a future marker (present tense of
  "zullen", present "wordt/worden" as in "worden zondag beëindigd", or
  "gaat/gaan") and no past marker ("zou", "had", "werd", "heeft", a verb the
  tagger marks Tense=Past): see ``clause_direction``; a date after "sinds"
  ("sinds maart", "sinds eind december") is past whatever the tense, one after
  "vanaf", "tot (en met)", "per" or "uiterlijk" the coming one unless its clause
  is past ("De staking duurt tot vrijdag", "Vanaf september krijgen ..."); a
  clause without a verb takes the verb of its sentence before it;
- a day or month of a named week or year is one date ("maart vorig jaar",
  "volgende week zaterdag");
- week values are the Monday of the week, month values the 1st, year values
  1 January; a weekend ("dit weekend", "afgelopen weekend") is the week it is in.

A relative reference is resolved only against a base known precisely enough
for it: a day for days and weeks, the month for months, the year for years.
When the publication date is known only to the month, the day is inferred from
the text where possible (a relative day with its date beside it, "gisteren,
maandag 13 november"; else the latest explicit full date plus a weekday that
names it) and recorded in ``doc._.published_inferred``; otherwise such references
keep ``value=None`` rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from collections import defaultdict
from typing import Callable, NamedTuple

import dateparser
from dateutil.relativedelta import relativedelta
from functools import lru_cache
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

import pipeline.extensions  # noqa: F401  (registers Span._.date, Doc._.published_inferred)
from pipeline.components.numbers import (
    NumberVocabulary,
    UnitLexicon,
    find_counted_noun,
    normalize_word,
    number_word_value,
)
from pipeline.components.speech_lexicon import SpeechLexicon
from pipeline.components.text_cues import SCORE, SENTENCE_END, is_line_break, starts_sentence
from pipeline.resources import load_resource

GRANULARITIES = ("day", "week", "month", "year")


class DateValue(NamedTuple):
    value: dt.date | None
    granularity: str  # day, week, month or year
    relative: bool  # resolved against the publication date


class InferredDate(NamedTuple):
    value: dt.date
    evidence: str


class DateMatch(NamedTuple):
    start: int
    end: int
    date: DateValue


class DateMatches(NamedTuple):
    dates: list[DateMatch]
    inferred: InferredDate | None


class Mention(NamedTuple):
    """A date expression found in the text, not resolved yet."""

    span: Span
    kind: str  # absolute, numeric, month, year, weekday, relative_day, period, in_period, counted
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None
    modifier: str | None = None  # weekday: past/future; period, in_period: dateparser word
    unit: str | None = None  # period, in_period: week/month/year
    phrase: str | None = None  # relative day: the dateparser phrase
    direction: str | None = None  # "future", "past", "upcoming" (present tense) or None
    count: int | None = None  # counted: how many units ahead (positive) or ago (negative)
    range_start: bool = False  # '3' of '3 tot 12 juni': takes the year of the day after it


@dataclass(frozen=True, eq=False)
class DateVocabulary:
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    day_parts: tuple[str, ...]
    weekday_modifiers: dict[str, str]
    relative_days: dict[str, str]
    morning_determiners: frozenset[str]
    period_modifiers: dict[str, str]
    period_units: dict[str, str]
    forward_prepositions: frozenset[str]
    period_determiners: dict[str, frozenset[str]]  # granularity -> determiners of its gender
    counted_units: dict[str, str]
    counted_ahead: frozenset[str]
    counted_ago: frozenset[str]
    spread_words: frozenset[str]
    date_conjunctions: frozenset[str]
    day_range_connectors: tuple[tuple[str, ...], ...]
    perfect_auxiliaries: frozenset[str]
    year_prepositions: frozenset[str]
    year_pair_openers: frozenset[str]
    year_pair_connector: str
    future_markers: frozenset[str]
    past_markers: frozenset[str]
    past_prepositions: frozenset[str]
    month_parts: frozenset[str]
    nominal_prepositions: frozenset[str]
    statement_forms: dict[str, frozenset[str | None]]
    clause_boundaries: frozenset[str]
    inference_max_days_after: int

    @classmethod
    def load(cls, resource: str, speech_verbs: str) -> "DateVocabulary":
        data = load_resource(resource)
        lexicon = SpeechLexicon(load_resource(speech_verbs))
        return cls(
            months=dict(data["months"]),
            month_abbreviations=dict(data["month_abbreviations"]),
            weekdays=dict(data["weekdays"]),
            day_parts=tuple(data["day_parts"]),
            weekday_modifiers=dict(data["weekday_modifiers"]),
            relative_days=dict(data["relative_days"]),
            morning_determiners=frozenset(data["morning_determiners"]),
            period_modifiers=dict(data["period_modifiers"]),
            period_units=dict(data["period_units"]),
            forward_prepositions=frozenset(data["forward_prepositions"]),
            period_determiners={unit: frozenset(words) for unit, words in data["period_determiners"].items()},
            counted_units=dict(data["counted_units"]),
            counted_ahead=frozenset(data["counted_ahead"]),
            counted_ago=frozenset(data["counted_ago"]),
            spread_words=frozenset(data["spread_words"]),
            date_conjunctions=frozenset(data["date_conjunctions"]),
            day_range_connectors=tuple(tuple(words) for words in data["day_range_connectors"]),
            perfect_auxiliaries=frozenset(data["perfect_auxiliaries"]),
            year_prepositions=frozenset(data["year_prepositions"]),
            year_pair_openers=frozenset(data["year_pair_openers"]),
            year_pair_connector=data["year_pair_connector"],
            future_markers=frozenset(data["future_markers"]),
            past_markers=frozenset(data["past_markers"]),
            past_prepositions=frozenset(data["past_prepositions"]),
            month_parts=frozenset(data["month_parts"]),
            nominal_prepositions=frozenset(data["nominal_prepositions"]),
            statement_forms=statement_forms(lexicon, frozenset(data["scheduling_speech_verbs"])),
            clause_boundaries=frozenset(data["clause_boundaries"]),
            inference_max_days_after=int(data["inference_max_days_after"]),
        )

    def month_of(self, word: str) -> int | None:
        word = word.lower().rstrip(".")
        return self.months.get(word) or self.month_abbreviations.get(word)

    @property
    def weekday_regex(self) -> str:
        days = "|".join(self.weekdays)
        parts = "|".join(self.day_parts)
        return rf"^({days})({parts})?$"


def statement_forms(lexicon: SpeechLexicon, excluded: frozenset[str]) -> dict[str, frozenset[str | None]]:
    """Each finite form of a speech verb with the particles it needs in its clause
    (None: none): "zegt" -> {None}, "laat" -> {"weten", ...}, "maakt" -> {"bekend", ...}."""
    forms: dict[str, set[str | None]] = defaultdict(set)
    for form, verbs in lexicon.by_form.items():
        for verb in verbs:
            if verb.number and verb.lemma not in excluded:
                forms[form].add(verb.particle)
    return {form: frozenset(particles) for form, particles in forms.items()}


YEAR_REGEX = r"^(1[5-9]\d\d|20\d\d|21\d\d)$"
DAY_REGEX = r"^(0?[1-9]|[12]\d|3[01])$"
NUMERIC_DATE_REGEX = r"^(\d{1,2}[-/.]\d{1,2}[-/.](\d{4}|\d{2})|\d{4}-\d{2}-\d{2})$"


def build_matcher(strings, vocab: DateVocabulary) -> Matcher:
    matcher = Matcher(strings)
    weekday = {"LOWER": {"REGEX": vocab.weekday_regex}}
    weekday_prefixes = ([], [weekday], [weekday, {"TEXT": ","}])  # "15 februari", "dinsdag(,) 15 februari"
    day = {"TEXT": {"REGEX": DAY_REGEX}}
    month = {"LOWER": {"IN": list(vocab.months)}}
    abbreviation = [{"LOWER": {"IN": list(vocab.month_abbreviations)}}, {"TEXT": ".", "OP": "?"}]
    year = {"TEXT": {"REGEX": YEAR_REGEX}}
    matcher.add("absolute", [
        *(prefix + [day, month, {**year, "OP": "?"}] for prefix in weekday_prefixes),
        *(prefix + [day, *abbreviation, {**year, "OP": "?"}] for prefix in weekday_prefixes),
    ])
    # "van 3 tot en met 12 juni": the first day, read with the month after the second.
    matcher.add("range_first_day", [
        [day, *({"LOWER": word} for word in connector), day, month, {**year, "OP": "?"}]
        for connector in vocab.day_range_connectors
    ])
    matcher.add("numeric", [prefix + [{"TEXT": {"REGEX": NUMERIC_DATE_REGEX}}] for prefix in weekday_prefixes])
    matcher.add("month", [[month, {**year, "OP": "?"}], [*abbreviation, year]])
    matcher.add("year", [[{"LOWER": {"IN": list(vocab.year_prepositions)}}, year]])
    matcher.add("year_pair", [[{"LOWER": {"IN": list(vocab.year_pair_openers)}}, year,
                               {"LOWER": vocab.year_pair_connector}, year]])
    matcher.add("weekday", [[{"LOWER": {"IN": list(vocab.weekday_modifiers)}, "OP": "?"}, weekday]])
    matcher.add("relative_day", [[{"LOWER": {"IN": list(vocab.relative_days)}}]])
    matcher.add("period", [[{"LOWER": {"IN": list(vocab.period_modifiers)}},
                            {"LOWER": {"IN": list(vocab.period_units)}}]])
    # A day of a named week or year: "maart vorig jaar", "3 maart volgend jaar",
    # "volgende week zaterdag", "dinsdag vorige week".
    modifier = {"LOWER": {"IN": list(vocab.period_modifiers)}}
    year_word = {"LOWER": {"IN": [w for w, unit in vocab.period_units.items() if unit == "year"]}}
    week_word = {"LOWER": {"IN": [w for w, unit in vocab.period_units.items() if unit == "week"]}}
    matcher.add("in_period", [
        [{**day, "OP": "?"}, month, modifier, year_word],
        [modifier, week_word, weekday],
        [weekday, modifier, week_word],
    ])
    count = {"LIKE_NUM": True}
    counted_unit = {"LOWER": {"IN": list(vocab.counted_units)}}
    matcher.add("counted", [
        [{"LOWER": {"IN": list(vocab.counted_ahead)}}, count, counted_unit],
        [count, counted_unit, {"LOWER": {"IN": list(vocab.counted_ago)}}],
    ])
    return matcher


# --------------------------------------------------------------------------
# Reading the clause: is it about the future?
# --------------------------------------------------------------------------


def clause_bounds(doc: Doc, i: int, vocab: DateVocabulary) -> tuple[int, int]:
    """Token range of the clause around token ``i``: up to punctuation or a
    conjunction that opens another clause."""
    start = i
    while start > 0 and doc[start - 1].lower_ not in vocab.clause_boundaries and not is_line_break(
        doc[start - 1]
    ):
        start -= 1
    if start > 0 and doc[start - 1].lower_.isalpha():
        start -= 1  # keep the conjunction that opens this clause
    end = i + 1
    while end < len(doc) and doc[end].lower_ not in vocab.clause_boundaries and not is_line_break(doc[end]):
        end += 1
    return start, end


def clause_direction(doc: Doc, mention: Span, vocab: DateVocabulary) -> str | None:
    """'future', 'past' or None for the clause of a date ``mention`` (see module doc)."""
    i = mention.end - 1
    start, end = clause_bounds(doc, i, vocab)
    # The date's own words are no verbs, whatever the tagger says ("donderdagochtend" Part).
    words = [t for t in doc[start:end] if not mention.start <= t.i < mention.end]
    if not any(t.pos_ in ("VERB", "AUX") for t in words) and not in_headline(doc, i):
        # A clause without a verb takes the verb of the sentence before it, on its line:
        # "Het KNMI verwacht veel wind, met zondag windstoten tot 90 kilometer per uur",
        # "sluit de A28 tussen Harderwijk en Ermelo vanaf maandag af".
        sent = mention.sent
        first = next((t.i + 1 for t in reversed(doc[sent.start:mention.start]) if is_line_break(t)), sent.start)
        words = [t for t in doc[first:end] if not mention.start <= t.i < mention.end]
    # "heeft" marks the past only as the perfect's auxiliary: "Zij heeft dinsdag een
    # gesprek" is a plan, "Zij heeft dinsdag gesproken" a past event. The participle
    # may stand beyond the clause's words ("heeft woensdag Kevin V. (41) veroordeeld"),
    # so the parse decides too.
    participle = any(past_participle(t) for t in words)

    def perfect(token: Token) -> bool:
        return participle or (token.dep_.startswith("aux") and past_participle(token.head))

    past = any((t.lower_ in vocab.past_markers and (t.lower_ not in vocab.perfect_auxiliaries or perfect(t)))
               or _finite(t, "Past") for t in words)
    future = any(t.lower_ in vocab.future_markers for t in words)
    if future and not past:
        return "future"
    if past:
        return "past"
    if (_prev_lower(doc, i) in vocab.nominal_prepositions or in_headline(doc, i)
            or any(SCORE.fullmatch(t.text) for t in words)):
        return None  # "de overval van zondag", "Man overlijdt maandag na val", "is zondag met 3-1 te sterk"
    return "upcoming" if scheduled_present(words, vocab) else None


def in_headline(doc: Doc, i: int) -> bool:
    """Token ``i`` is in a line without sentence punctuation at its end: a headline,
    whose present tense is as often a past event ("Man overlijdt maandag na val")."""
    end = i + 1
    while end < len(doc) and not is_line_break(doc[end]):
        if doc[end].text in SENTENCE_END:
            return False
        end += 1
    return end < len(doc)  # a line that ends in a break; the text's last line is no headline


def mention_direction(doc: Doc, span: Span, vocab: DateVocabulary) -> str | None:
    """The direction of a date mention: past after "sinds" ("sinds maart", "sinds
    eind december", whatever the tense: "wacht sinds maart"), else its clause's."""
    before = span.start
    if _prev_lower(doc, before) in vocab.month_parts:
        before -= 1
    if _prev_lower(doc, before) in vocab.past_prepositions:
        return "past"
    if (after_forward_preposition(doc, before, vocab) and clause_direction(doc, span, vocab) != "past"
            and not any(re.match(DAY_REGEX, t.text) for t in span)):
        # 'tot vrijdag' may be today, 'vanaf september' is the coming one; a full date is
        # as often one just past ('Vanaf 1 december geldt ...' on 2 December): nearest
        return "upcoming" if re.match(vocab.weekday_regex, span[-1].lower_) else "future"
    # "woensdag en donderdag": the second of two joined dates is in the first one's
    # clause, which the conjunction would otherwise cut off.
    if before >= 2 and doc[before - 1].lower_ in vocab.date_conjunctions and re.match(
            vocab.weekday_regex, doc[before - 2].lower_) and re.match(vocab.weekday_regex, span[-1].lower_):
        return mention_direction(doc, doc[before - 2: before - 1], vocab)
    return clause_direction(doc, span, vocab)


def after_forward_preposition(doc: Doc, i: int, vocab: DateVocabulary) -> bool:
    """Token ``i`` follows 'vanaf', 'tot', 'per', 'uiterlijk' or 'tot en met'."""
    if _prev_lower(doc, i) in vocab.forward_prepositions:
        return True
    return i >= 3 and [t.lower_ for t in doc[i - 3:i]] == ["tot", "en", "met"]


def past_participle(token: Token) -> bool:
    """A participle the tagger found that is no present participle ('komend weekend',
    'de volgende dag': the tagger gives them the same VerbForm=Part)."""
    return "Part" in token.morph.get("VerbForm") and not token.lower_.endswith(("end", "ende"))


def _finite(token: Token, tense: str) -> bool:
    """A finite verb the tagger marks with this tense ("Pres", "Past")."""
    return tense in token.morph.get("Tense") and "Fin" in token.morph.get("VerbForm") and token.pos_ in (
        "VERB", "AUX")


def scheduled_present(words: list[Token], vocab: DateVocabulary) -> bool:
    """A clause in the present tense that tells no past event: a finite present
    verb, no participle ("is vertrokken", "is gesloten") and no finite speech verb
    ("zegt", "laat ... weten"; "maakt zijn debuut" is no "maakt ... bekend", and a
    particle the parser attaches names another verb: "stelt ... voor")."""
    lowers = {t.lower_ for t in words}

    def states(token: Token) -> bool:
        particles = vocab.statement_forms.get(token.lower_)
        if not particles or not _finite(token, "Pres"):
            return False
        # A particle the parser attached to it names the verb: "stelt ... voor" is no "stelt".
        attached = {c.lower_ for c in token.children if c.dep_ == "compound:prt"}
        if attached:
            return bool(attached & particles)
        return any(p is None or p in lowers for p in particles)

    return any(_finite(t, "Pres") for t in words) and not any(
        past_participle(t) or states(t) for t in words
    )


# --------------------------------------------------------------------------
# Finding mentions
# --------------------------------------------------------------------------


def _prev_lower(doc: Doc, i: int) -> str | None:
    return doc[i - 1].lower_.replace("’", "'") if i > 0 else None


@dataclass(frozen=True, eq=False)
class QuantityCues:
    """What the numbers component knows of quantities, to tell '2000 euro' from a year."""

    numbers: NumberVocabulary
    units: UnitLexicon

    @classmethod
    def load(cls, numbers_resource: str = "numbers", units_resource: str = "units",
             dates_resource: str = "dates") -> "QuantityCues":
        return cls(NumberVocabulary.load(numbers_resource, dates_resource), UnitLexicon.load(units_resource))

    def counts_something(self, doc: Doc, span: Span) -> bool:
        """The number in ``span`` is a quantity: a counted noun of the unit lexicon
        ('met 1500 tanks', 'met 1500 zware tanks'), a currency word or sign or a
        multiplier ('tot 2000 euro', 'tot 2000 miljoen') follows it."""
        after = doc[span.end] if span.end < len(doc) else None
        if after is None:
            return False
        word = normalize_word(after.text)
        if (word in self.numbers.multipliers or word in self.numbers.vague
                or after.text in self.numbers.currency_signs or after.text in self.numbers.percent_signs):
            return True
        noun, _ = find_counted_noun(doc, span, self.numbers, self.units)
        return noun is not None and self.units.knows(noun.text)


def read_mentions(doc: Doc, label: str, start: int, end: int, vocab: DateVocabulary,
                  cues: QuantityCues | None = None) -> list[Mention]:
    """The Mentions of a Matcher hit; none when the context rules it out."""
    if label == "year_pair":  # "tussen 1951 en 1955": two years
        if cues is not None and cues.counts_something(doc, doc[end - 1: end]):
            return []  # "tussen 1500 en 2000 euro": an amount
        return [Mention(doc[i: i + 1], "year", year=int(doc[i].text)) for i in (start + 1, end - 1)]
    if label == "year" and cues is not None and cues.counts_something(doc, doc[start + 1: end]):
        return []  # "een boete tot 2000 euro", "met 1500 tanks": a quantity, no year
    mention = read_mention(doc, label, start, end, vocab)
    if mention is None:
        return []
    if (label == "year" and end + 1 < len(doc) and doc[end].lower_ in vocab.date_conjunctions
            and re.match(YEAR_REGEX, doc[end + 1].text)
            and not (cues is not None and cues.counts_something(doc, doc[end + 1: end + 2]))):
        # "voor 2026 en 2027": the second year shares the first one's preposition
        return [mention, Mention(doc[end + 1: end + 2], "year", year=int(doc[end + 1].text))]
    return [mention]


def _is_morning(doc: Doc, i: int, vocab: DateVocabulary) -> bool:
    """'de morgen', 'een koude morgen': the noun 'morning', not 'tomorrow'."""
    before = _prev_lower(doc, i)
    if before in vocab.morning_determiners:
        return True
    # An inflected adjective after a determiner: "een koude morgen".
    return bool(before and before.endswith("e") and _prev_lower(doc, i - 1) in vocab.morning_determiners)


def read_mention(doc: Doc, label: str, start: int, end: int, vocab: DateVocabulary) -> Mention | None:
    """A Mention for a Matcher hit, or None when the context rules it out."""
    span = doc[start:end]
    words = [t.lower_ for t in span]
    weekday_match = re.match(vocab.weekday_regex, words[0])
    weekday = vocab.weekdays[weekday_match.group(1)] if weekday_match else None
    if label == "absolute":
        rest = [w for w in words[1 if weekday is not None else 0:] if w != ","]
        year = int(rest[-1]) if re.match(YEAR_REGEX, rest[-1]) else None
        return Mention(span, "absolute", day=int(rest[0]), month=vocab.month_of(rest[1]), year=year,
                       weekday=weekday)
    if label == "range_first_day":
        year = int(words[-1]) if re.match(YEAR_REGEX, words[-1]) else None
        month = vocab.month_of(words[-2] if year is not None else words[-1])
        return Mention(doc[start:start + 1], "absolute", day=int(words[0]), month=month, year=year,
                       range_start=True)
    if label == "numeric":
        return Mention(span, "numeric", weekday=weekday)
    if label == "month":
        if span[0].text[:1].isupper() and not starts_sentence(span[0]):
            return None  # months are lower-case in Dutch: "April" mid-sentence is a name
        year = int(words[-1]) if re.match(YEAR_REGEX, words[-1]) else None
        return Mention(span, "month", month=vocab.month_of(words[0]), year=year)
    if label == "year":
        return Mention(doc[start + 1: end], "year", year=int(words[-1]))
    if label == "weekday":
        weekday_match = re.match(vocab.weekday_regex, words[-1])
        modifier = vocab.weekday_modifiers.get(words[0]) if len(words) > 1 else None
        return Mention(span, "weekday", weekday=vocab.weekdays[weekday_match.group(1)], modifier=modifier)
    if label == "relative_day":
        if words[0] == "morgen" and _is_morning(doc, start, vocab):
            return None
        return Mention(span, "relative_day", phrase=vocab.relative_days[words[0]])
    if label == "in_period":
        # The unit word ends the match ("maart vorig jaar", "dinsdag vorige week")
        # or is second ("volgende week zaterdag"); the modifier comes right before it.
        unit_at = len(words) - 1 if words[-1] in vocab.period_units else 1
        modifier, unit = vocab.period_modifiers[words[unit_at - 1]], vocab.period_units[words[unit_at]]
        rest = words[:unit_at - 1] + words[unit_at + 1:]
        if unit == "week":
            weekday_match = re.match(vocab.weekday_regex, rest[0])
            return Mention(span, "in_period", weekday=vocab.weekdays[weekday_match.group(1)],
                           modifier=modifier, unit=unit)
        month_token = span[unit_at - 2]
        if month_token.text[:1].isupper() and not starts_sentence(month_token):
            return None  # "April vorig jaar" mid-sentence: a name
        day = int(rest[0]) if len(rest) == 2 else None
        return Mention(span, "in_period", day=day, month=vocab.month_of(rest[-1]), modifier=modifier, unit=unit)
    if label == "counted":
        ahead = words[0] in vocab.counted_ahead
        number, unit_word = (span[1], span[2]) if ahead else (span[0], span[1])
        value = int(number.text) if number.text.isdigit() else number_word_value(number.text)
        if value is None or value != int(value) or value <= 0:
            return None
        if ahead and end < len(doc) and doc[end].pos_ in ("NOUN", "PROPN", "ADJ"):
            return None  # "over drie dagen staking": what the stretch of time is about
        if ahead and start > 0 and (doc[start - 1].pos_ in ("NOUN", "PROPN", "NUM", "ADJ")
                                    or doc[start - 1].lower_ in vocab.spread_words):
            return None  # "52.000 bezoekers over drie dagen", "verspreid over twee weken": a duration
        return Mention(doc[start + 1: end] if ahead else span, "counted", unit=vocab.counted_units[unit_word.lower_],
                       count=int(value) if ahead else -int(value))
    if label == "period":
        unit = vocab.period_units[words[1]]
        # "de afgelopen week", "het komende jaar": a stretch of time, no calendar week or year;
        # but "dat het volgende week", "werd het vorig jaar": 'het' is no article of them.
        inflected = words[0].endswith("e") or words[0] == "afgelopen"
        if inflected and _prev_lower(doc, start) in vocab.period_determiners[unit]:
            return None
        return Mention(span, "period", modifier=vocab.period_modifiers[words[0]], unit=unit)
    return None


# --------------------------------------------------------------------------
# Resolving mentions
# --------------------------------------------------------------------------


@lru_cache(maxsize=8192)  # dateparser costs milliseconds a call; phrases and bases recur
def _parse(text: str, base: dt.date, prefer: str = "current_period") -> dt.date | None:
    parsed = dateparser.parse(
        text,
        languages=["nl"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
            "DATE_ORDER": "DMY",
            "PREFER_DATES_FROM": prefer,
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    return parsed.date() if parsed else None


def start_of(day: dt.date, granularity: str) -> dt.date:
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "year":
        return day.replace(month=1, day=1)
    return day


def weekday_date(base: dt.date, weekday: int, direction: str | None, strict: bool = False) -> dt.date:
    """The weekday nearest ``base`` in the given direction. By hand, because
    dateparser's "past" never returns the base day itself, while in news
    "woensdag" in a Wednesday paper is that very day."""
    if direction == "future":
        return base + dt.timedelta(days=(weekday - base.weekday() - 1) % 7 + 1)
    if direction == "upcoming":  # the base day itself or a later one
        return base + dt.timedelta(days=(weekday - base.weekday()) % 7)
    back = (base.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return base - dt.timedelta(days=back)


def nearest_year(month: int, day: int, reference: dt.date, direction: str | None,
                 weekday: int | None = None) -> int | None:
    """Year of a date written without one: the occurrence nearest the reference,
    or the last one before / first one after it when the clause says so. A weekday
    written with it ("maandag 20 november") keeps only the years where the date
    falls on that day, whatever the clause says (an announcement in the past tense
    of a coming date)."""
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            options.append(dt.date(year, month, day))
        except ValueError:
            continue
    matching = [d for d in options if weekday is not None and d.weekday() == weekday]
    if matching:
        return min(matching, key=lambda d: (abs((d - reference).days), d > reference)).year
    if direction == "past":
        options = [d for d in options if d <= reference] or options
        return max(options).year if options else None
    if direction == "future":
        options = [d for d in options if d >= reference] or options
        return min(options).year if options else None
    return min(options, key=lambda d: (abs((d - reference).days), d > reference)).year if options else None


@dataclass(frozen=True)
class Base:
    """What is known of the publication date."""

    published: dt.date | None
    precision: str | None  # day, month, year
    day: dt.date | None  # the publication day: given or inferred

    def known_to(self, granularity: str) -> dt.date | None:
        """A base date precise enough for references of this granularity."""
        if granularity in ("day", "week"):
            return self.day
        if self.published is None:
            return None
        if granularity == "month" and self.precision == "year" and self.day is None:
            return None
        return self.day or self.published

    @property
    def reference(self) -> dt.date | None:
        """The best single date to measure 'nearest' from."""
        if self.day is not None:
            return self.day
        if self.published is None:
            return None
        if self.precision == "month":
            return self.published.replace(day=15)
        if self.precision == "year":
            return self.published.replace(month=7, day=1)
        return self.published


def resolve(mention: Mention, base: Base) -> DateValue:
    kind = mention.kind
    if kind == "absolute":
        if mention.year is not None:
            # Day, month and year are already read: dateparser only for what the matcher left open.
            value = (_safe_date(mention.year, mention.month, mention.day) if mention.month and mention.day
                     else None) or _parse(mention.span.text, dt.date(mention.year, 1, 1)) or _safe_date(
                mention.year, mention.month, mention.day)
            return DateValue(value, "day", False)
        reference = base.reference
        if reference is None:
            return DateValue(None, "day", True)
        year = nearest_year(mention.month, mention.day, reference, mention.direction, mention.weekday)
        if year is None:
            return DateValue(None, "day", True)
        # The first day of a range is one token ('3' of '3 tot 12 juni'): its month was read.
        value = _safe_date(year, mention.month, mention.day) or _parse(mention.span.text, dt.date(year, 1, 1))
        return DateValue(value, "day", True)
    if kind == "numeric":
        # The last token is the date itself; a weekday may come before it.
        return DateValue(_parse(mention.span[-1].text, _NUMERIC_BASE), "day", False)
    if kind == "month":
        if mention.year is not None:
            return DateValue(dt.date(mention.year, mention.month, 1), "month", False)
        reference = base.reference if base.known_to("month") else None
        if reference is None:
            return DateValue(None, "month", True)
        year = nearest_year(mention.month, 1, reference.replace(day=1), mention.direction)
        return DateValue(dt.date(year, mention.month, 1) if year else None, "month", True)
    if kind == "year":
        return DateValue(dt.date(mention.year, 1, 1), "year", False)
    if kind == "weekday":
        day = base.known_to("day")
        if day is None:
            return DateValue(None, "day", True)
        direction = mention.modifier or mention.direction
        strict = mention.modifier == "past"
        return DateValue(weekday_date(day, mention.weekday, direction if direction in ("future", "upcoming") else None,
                                      strict), "day", True)
    if kind == "relative_day":
        day = base.known_to("day")
        return DateValue(_parse(mention.phrase, day) if day else None, "day", True)
    if kind == "period" and mention.unit == "weekend":
        day = base.known_to("day")
        return DateValue(weekend_week(day, mention.modifier, mention.direction) if day else None, "week", True)
    if kind == "period":
        return DateValue(period_start(mention.modifier, mention.unit, base), mention.unit, True)
    if kind == "counted":
        day = base.known_to("day" if mention.unit in ("day", "week") else mention.unit)
        if day is None:
            return DateValue(None, mention.unit, True)
        shifted = day + relativedelta(**{f"{mention.unit}s": mention.count})  # days=, weeks=, months=, years=
        return DateValue(start_of(shifted, mention.unit), mention.unit, True)
    if kind == "in_period":
        start = period_start(mention.modifier, mention.unit, base)
        if mention.unit == "week":
            value = start + dt.timedelta(days=mention.weekday) if start else None
            return DateValue(value, "day", True)
        value = _safe_date(start.year, mention.month, mention.day) if start else None
        return DateValue(value, "day" if mention.day else "month", True)
    raise ValueError(f"unknown date kind {kind!r}")


def period_start(modifier: str, granularity: str, base: Base) -> dt.date | None:
    """First day of "vorige week", "deze maand", "volgend jaar" (a week's Monday)."""
    base_day = base.known_to(granularity)
    if base_day is None:
        return None
    # A month's first day keeps "volgende maand" from overflowing (31 januari + 1 maand).
    anchor = start_of(base_day, "month") if granularity in ("month", "year") else base_day
    parsed = _parse(f"{modifier} {_UNIT_WORDS[granularity]}", anchor)
    return start_of(parsed, granularity) if parsed else None


def weekend_week(day: dt.date, modifier: str, direction: str | None = None) -> dt.date:
    """The Monday of the week of "dit weekend", "komend weekend", "afgelopen weekend"
    as said on ``day``: this week's weekend (the one under way on a Saturday or Sunday),
    the last one before today's week for "vorige"/"afgelopen" and for "dit weekend" in
    the past tense on a weekday ("Ajax verloor dit weekend"), and on a weekend day
    "volgend"/"komend" the next one."""
    monday = day - dt.timedelta(days=day.weekday())
    if modifier in ("vorige", "vorig") or (modifier in ("deze", "dit") and direction == "past"
                                            and day.weekday() < 5):
        return monday - dt.timedelta(weeks=1)
    if modifier in ("volgende", "volgend") and day.weekday() >= 5:
        return monday + dt.timedelta(weeks=1)
    return monday


_UNIT_WORDS = {"week": "week", "month": "maand", "year": "jaar"}
_NUMERIC_BASE = dt.date(2000, 1, 1)  # numeric dates carry their year; any fixed base will do


def _safe_date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def infer_publication_day(mentions: list[Mention], published: dt.date | None, precision: str | None,
                          vocab: DateVocabulary) -> InferredDate | None:
    """The publication day from the text when only the month (or year) is given:
    the latest explicit full date in that period, or a day shortly after it,
    confirmed by a weekday mentioned in a clause not about the future."""
    if published is None or precision not in ("month", "year"):
        return None

    def in_period(day: dt.date) -> bool:
        return day.year == published.year and (precision == "year" or day.month == published.month)

    named = day_named_in_apposition(mentions, published, precision, in_period)
    if named is not None:
        return named
    explicit = []
    for mention in mentions:
        if mention.kind in ("absolute", "numeric") and mention.direction != "future":
            value = resolve(mention, Base(None, None, None)).value
            if value is not None and (mention.kind == "numeric" or mention.year) and in_period(value):
                explicit.append((value, mention))
    if not explicit:
        return None
    latest, source = max(explicit, key=lambda item: item[0])
    weekdays = {
        m.weekday: m for m in mentions
        if m.kind == "weekday" and m.modifier is None and m.direction not in ("future", "upcoming")
    }
    for offset in range(vocab.inference_max_days_after, -1, -1):
        day = latest + dt.timedelta(days=offset)
        if in_period(day) and day.weekday() in weekdays:
            evidence = (f"latest full date '{source.span.text}' ({latest.isoformat()}) and weekday "
                        f"'{weekdays[day.weekday()].span.text}' -> {day.isoformat()}")
            return InferredDate(day, evidence)
    return None


def day_named_in_apposition(mentions: list[Mention], published: dt.date, precision: str,
                            in_period: Callable[[dt.date], bool]) -> InferredDate | None:
    """The publication day from a relative day with its date beside it: "gisteren,
    maandag 13 november" is the 14th (a weekday given must fit the date; a year
    not written is the one nearest the publication period: "gisteren, zaterdag
    31 december" in January)."""
    reference = Base(published, precision, None).reference
    for relative, named in zip(mentions, mentions[1:]):
        if relative.kind != "relative_day" or named.kind != "absolute":
            continue
        doc = relative.span.doc
        if [t.text for t in doc[relative.span.end: named.span.start]] != [","]:
            continue
        year = named.year or nearest_year(named.month, named.day, reference, None, named.weekday)
        date = _safe_date(year, named.month, named.day) if year else None
        said = _parse(relative.phrase, _NUMERIC_BASE)
        if date is None or said is None or (named.weekday is not None and date.weekday() != named.weekday):
            continue
        day = date + (_NUMERIC_BASE - said)
        if in_period(day):
            return InferredDate(day, f"'{relative.span.text}, {named.span.text}' -> {day.isoformat()}")
    return None


# --------------------------------------------------------------------------
# The component
# --------------------------------------------------------------------------


class DateFinder:
    def __init__(self, nlp: Language, name: str, *, spans_key: str, vocabulary: str,
                 numbers_vocabulary: str = "numbers", units: str = "units",
                 speech_verbs: str = "speech_verbs") -> None:
        self.name = name
        self.spans_key = spans_key
        self.vocab = DateVocabulary.load(vocabulary, speech_verbs)
        self.cues = QuantityCues.load(numbers_vocabulary, units, vocabulary)
        self.matcher = build_matcher(nlp.vocab, self.vocab)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def find_mentions(self, doc: Doc) -> list[Mention]:
        found: dict[tuple[int, int], Mention] = {}
        for match_id, start, end in self.matcher(doc):
            for mention in read_mentions(doc, doc.vocab.strings[match_id], start, end, self.vocab, self.cues):
                key = (mention.span.start, mention.span.end)
                found[key] = mention._replace(
                    direction=mention_direction(doc, mention.span, self.vocab)
                )
        spans = filter_spans([m.span for m in found.values()])
        return [found[(s.start, s.end)] for s in sorted(spans, key=lambda s: s.start)]

    def match(self, doc: Doc) -> DateMatches:
        """Every date mention of the doc resolved, and the inferred publication day."""
        mentions = self.find_mentions(doc)
        published, precision = doc._.published, doc._.published_precision
        inferred = infer_publication_day(mentions, published, precision, self.vocab)
        day = inferred.value if inferred else (published if precision == "day" else None)
        base = Base(published, precision, day)
        values = [resolve(m, base) for m in mentions]
        for i, mention in enumerate(mentions[:-1]):
            last = values[i + 1].value
            if mention.range_start and last is not None:
                # 'tussen 1 en 15 maart': both days in the year the last one was read in;
                # 'van 28 tot 3 juni': a first day after the last is in the month before.
                first = _safe_date(last.year, last.month, mention.day)
                if first is not None and mention.day > last.day:
                    first = _safe_date(*((last.year, last.month - 1) if last.month > 1 else (last.year - 1, 12)),
                                       mention.day)
                values[i] = values[i]._replace(value=first or values[i].value)
        dates = [DateMatch(m.span.start, m.span.end, value) for m, value in zip(mentions, values)]
        return DateMatches(dates, inferred)

    def set_annotations(self, doc: Doc, matches: DateMatches) -> None:
        spans = []
        for match in matches.dates:
            span = doc[match.start: match.end]
            span._.date = match.date
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if matches.inferred is not None:
            doc._.published_inferred = matches.inferred


@Language.factory(
    "dutch_dates",
    assigns=["doc.spans", "doc._.published_inferred"],
    default_config={"spans_key": "dates", "vocabulary": "dates", "numbers_vocabulary": "numbers",
                    "units": "units", "speech_verbs": "speech_verbs"},
)
def make_date_finder(nlp: Language, name: str, *, spans_key: str, vocabulary: str,
                     numbers_vocabulary: str, units: str, speech_verbs: str) -> DateFinder:
    return DateFinder(nlp, name, spans_key=spans_key, vocabulary=vocabulary,
                      numbers_vocabulary=numbers_vocabulary, units=units, speech_verbs=speech_verbs)
