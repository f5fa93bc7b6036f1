"""The dutch_numbers component and the numbers table rows.

Texts are short and made up (not the seed articles), so each case tests one rule.
The pipeline here is the shipped model plus dutch_numbers only, so these tests
do not depend on the quote component.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.components.numbers import (
    NumberValue,
    NumberVocabulary,
    UnitLexicon,
    parse_dutch_number,
    parse_quantity,
)
from pipeline.extract.numbers import NumberMention, extract_numbers

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def number_nlp(model_with):
    return model_with("dutch_numbers")


@pytest.fixture(scope="module")
def vocab():
    return NumberVocabulary.load("numbers", "dates")


@pytest.fixture(scope="module")
def lexicon():
    return UnitLexicon.load("units")


def numbers_in(nlp, text: str) -> list[tuple[str, NumberValue]]:
    doc = nlp(text)  # keep the doc alive while its spans are read
    return [(span.text, span._.number) for span in doc.spans["numbers"]]


def the_number(nlp, text: str, span_text: str) -> NumberValue:
    found = [number for written, number in numbers_in(nlp, text) if written == span_text]
    assert found, f"{span_text!r} not found in {numbers_in(nlp, text)}"
    return found[0]


# --------------------------------------------------------------------------
# Values and spans
# --------------------------------------------------------------------------

VALUES = [
    # text, span, value
    ("Er waren 130.000 militairen aanwezig.", "130.000", 130000.0),
    ("Er waren 130 duizend militairen aanwezig.", "130 duizend", 130000.0),
    ("De stad telt 2.500.000 inwoners.", "2.500.000", 2500000.0),
    ("De groei was 1,5 procent.", "1,5", 1.5),
    ("De inflatie bedroeg 3,2% in januari.", "3,2%", 3.2),
    ("Er wonen 1,5 miljoen mensen.", "1,5 miljoen", 1500000.0),
    ("Het gaat om 2,3 mln mensen.", "2,3 mln", 2300000.0),
    ("Het tekort is 3 mld euro.", "3 mld", 3000000000.0),
    ("Er kwamen dertig soldaten.", "dertig", 30.0),
    ("Er kwamen honderddertig soldaten.", "honderddertig", 130.0),
    ("Er kwamen tweeëntwintig soldaten.", "tweeëntwintig", 22.0),
    ("Er kwamen duizend soldaten.", "duizend", 1000.0),
    ("Het steunpakket is €3 miljard groot.", "€3 miljard", 3000000000.0),
    ("Het kost 3 miljoen euro.", "3 miljoen", 3000000.0),
    ("Hij betaalde $5 mln voor het huis.", "$5 mln", 5000000.0),
    ("Ongeveer 20 procent stemde tegen.", "20", 20.0),
    ("Ongeveer 20% stemde tegen.", "20%", 20.0),
    ("Het kabinet trekt een miljoen euro uit.", "een miljoen", 1000000.0),
    ("Er wonen anderhalf miljoen mensen.", "anderhalf miljoen", 1500000.0),
    ("Twee derde van de kiezers bleef thuis.", "Twee derde", 2 / 3),
    ("Acht soldaten raakten gewond.", "Acht", 8.0),
    ("Volgens de politie waren er 2000 demonstranten.", "2000", 2000.0),
    ("De staking duurde 9 uur.", "9", 9.0),
    ("De pessimistische woorden van het tweetal vielen op.", "tweetal", 2.0),
    # negative numbers: a minus sign against the digits, or a minus word (then in the span)
    ("De economie kromp met -0,3 procent.", "-0,3", -0.3),
    ("Het werd vannacht −5 graden.", "−5", -5.0),
    ("Vannacht daalt de temperatuur tot min 8 graden.", "min 8", -8.0),
    ("Het vroor minus 12 graden.", "minus 12", -12.0),
    ("Er kwamen plus min 20 mensen.", "20", 20.0),  # 'plus min': about 20
    ("Hij liep het in 2 uur 3 min 20 seconden.", "20", 20.0),  # minutes
    ("Het kost 10 euro min 2 euro korting.", "2", 2.0),  # a subtraction
    # "... en half": the number and a half
    ("Het kost tweeënhalf miljoen euro.", "tweeënhalf miljoen", 2500000.0),
    ("De gemeente trekt tweeënhalve ton uit.", "tweeënhalve", 2.5),
    ("Hij liep vierenhalf uur.", "vierenhalf", 4.5),
    # a round amount written with a dash for the cents
    ("Een kaartje kost € 45,-.", "€ 45,-", 45.0),
    ("Het kost 45,- euro per persoon.", "45,-", 45.0),
    # hours that are no hour of the day
    ("De rechter veroordeelde hem tot 240 uur taakstraf.", "240", 240.0),
]


@pytest.mark.parametrize("text, span_text, value", VALUES)
def test_value_is_normalized(number_nlp, text, span_text, value):
    number = the_number(number_nlp, text, span_text)
    assert number.value == pytest.approx(value)


def test_the_span_leaves_out_qualifier_and_counted_noun(number_nlp):
    assert [t for t, _ in numbers_in(number_nlp, "Er zijn zo'n 130.000 militairen.")] == ["130.000"]
    assert [t for t, _ in numbers_in(number_nlp, "Er kwamen ruim 2 miljard euro bij.")] == ["2 miljard"]


# --------------------------------------------------------------------------
# Qualifiers
# --------------------------------------------------------------------------

QUALIFIERS = [
    ("Er zijn zo'n 130.000 militairen.", "approx", "zo'n"),
    ("Er zijn zo’n 130.000 militairen.", "approx", "zo’n"),  # curly apostrophe
    ("Er zijn ongeveer 500 soldaten.", "approx", "ongeveer"),
    ("Er zijn circa 500 soldaten.", "approx", "circa"),
    ("Er zijn ca. 500 soldaten.", "approx", "ca."),
    ("Er zijn rond de 500 soldaten.", "approx", "rond de"),
    ("Er zijn naar schatting 500 soldaten.", "approx", "naar schatting"),
    ("Er zijn ruwweg 500 soldaten.", "approx", "ruwweg"),
    ("Er zijn ruim 500 soldaten.", "at_least", "ruim"),
    ("Er zijn meer dan 500 soldaten.", "at_least", "meer dan"),
    ("Er zijn minstens 500 soldaten.", "at_least", "minstens"),
    ("Er zijn minimaal 500 soldaten.", "at_least", "minimaal"),
    ("De temperatuur ligt boven de 30 graden.", "at_least", "boven de"),
    ("Het cijfer ligt ruim boven 500 doden.", "at_least", "ruim boven"),
    ("Er vielen zeker 30 doden.", "at_least", "zeker"),
    ("Er zijn bijna 500 soldaten.", "at_most", "bijna"),
    ("Er mogen maximaal 500 soldaten komen.", "at_most", "maximaal"),
    ("Er komen hooguit 500 soldaten.", "at_most", "hooguit"),
    ("Er zijn minder dan 500 soldaten.", "at_most", "minder dan"),
    ("De prijzen stijgen met tot 20 procent.", "at_most", "tot"),
    ("De temperatuur kan oplopen tot 40 graden.", "at_most", "tot"),  # an upper bound ...
    ("De wachttijd is opgelopen tot 27 weken.", "exact", None),  # ... but a change that happened: the value reached
    ("De inflatie steeg tot 5 procent.", "exact", None),
    ("De boete kan worden verhoogd tot 5000 euro.", "at_most", "tot"),  # a modal: an upper bound
    ("De man is veroordeeld tot 27 jaar cel.", "exact", None),  # a sentence given ...
    ("De rechter veroordeelde hem gisteren tot 12 jaar cel.", "exact", None),
    ("Hij kan worden veroordeeld tot 12 jaar cel.", "at_most", "tot"),  # ... or the maximum
    ("De wachttijd is tot 27 weken opgelopen.", "exact", None),  # the change verb at the clause's end
    ("Hij meldt dat het aantal tot 500 steeg.", "exact", None),
    ("De temperatuur kan tot 40 graden oplopen.", "at_most", "tot"),  # an infinitive: an upper bound
    ("Er kwamen tot 500 mensen, en de kosten stegen.", "at_most", "tot"),  # the verb of another clause
    ("Vorig jaar namen tot 500 mensen deel aan de proef.", "at_most", "tot"),
    ("Het aantal werklozen nam vorig jaar toe tot 350.000.", "exact", None),  # separable change verbs
    ("Het aantal meldingen liep in januari op tot 90.000.", "exact", None),
    ("Het aantal kan in januari oplopen tot 90.000.", "at_most", "tot"),
    ("Het verblijf mag niet langer dan 30 dagen duren.", "at_most", "niet langer dan"),
    ("De huur mag niet lager dan 400 euro zijn.", "at_least", "niet lager dan"),
    ("De prijzen stegen met tot 20 procent.", "at_most", "tot"),  # "met tot": up to
    ("Het gaat om koten kleiner dan 12 vierkante meter.", "at_most", "kleiner dan"),
    ("Het gaat om woningen groter dan 80 vierkante meter.", "at_least", "groter dan"),
    ("Kinderen jonger dan 12 jaar mogen gratis mee.", "at_most", "jonger dan"),
    ("Er zijn niet meer dan 500 soldaten.", "at_most", "niet meer dan"),  # longest phrase wins
    ("Er zijn 500 soldaten.", "exact", None),
    ("Er kwamen plus min 20 mensen.", "approx", "plus min"),
    ("Het wordt vannacht ongeveer min 4 graden.", "approx", "ongeveer"),
]


@pytest.mark.parametrize("text, qualifier, qualifier_text", QUALIFIERS)
def test_qualifier(number_nlp, text, qualifier, qualifier_text):
    (_, number), = numbers_in(number_nlp, text)
    assert (number.qualifier, number.qualifier_text) == (qualifier, qualifier_text)


@pytest.mark.parametrize("text, span_text", [
    ("De omzet daalde met 12 procent tot 1,1 miljard euro.", "1,1 miljard"),
    # the size may be a fraction word, the verb any tense between the size and 'tot'
    ("De omzet steeg met anderhalf procent tot 9,6 miljard euro.", "9,6 miljard"),
    ("De omzet zal met 6,4 procent dalen tot 912 miljoen euro.", "912 miljoen"),
])
def test_tot_after_a_change_and_its_size_is_the_value_reached(number_nlp, text, span_text):
    assert the_number(number_nlp, text, span_text).qualifier == "exact"


def test_tot_without_a_size_before_an_infinitive_is_a_maximum(number_nlp):
    assert the_number(number_nlp, "De temperatuur kan tot 40 graden oplopen.", "40").qualifier == "at_most"


# --------------------------------------------------------------------------
# Ranges and vague amounts
# --------------------------------------------------------------------------

RANGES = [
    ("Er kwamen 100 à 150 tanks.", "100 à 150", 100.0, 150.0),
    ("Er kwamen 100 a 150 tanks.", "100 a 150", 100.0, 150.0),
    ("Het gaat om tussen 10 en 20 procent.", "10 en 20", 10.0, 20.0),
    ("Er vielen 10-20 doden.", "10-20", 10.0, 20.0),
    ("Het kost 1 à 2 miljoen euro.", "1 à 2 miljoen", 1000000.0, 2000000.0),  # multiplier on both
    ("Er kwamen twee à drie soldaten.", "twee à drie", 2.0, 3.0),
    ("De straf is 10 tot 20 jaar.", "10 tot 20", 10.0, 20.0),
    ("De prijzen stegen met 10 tot 15 procent.", "10 tot 15", 10.0, 15.0),  # the size of a change
    ("De omzet steeg met 20 tot 200 miljoen euro.", "20 tot 200 miljoen", 2e7, 2e8),  # ten times is still a range
]


@pytest.mark.parametrize("text, span_text, low, high", RANGES)
def test_range(number_nlp, text, span_text, low, high):
    number = the_number(number_nlp, text, span_text)
    assert (number.value, number.low, number.high, number.qualifier) == (low, low, high, "range")


@pytest.mark.parametrize("text, expected", [
    ("Het aantal steeg van 100 tot 150 per dag.", [("100", None), ("150", None)]),
    # after 'met', a second number ten times the first is the level the change reached
    ("De werkloosheid steeg met 8000 tot 390.000 mensen.", [("8000", "mens"), ("390.000", "mens")]),
    ("De omzet steeg met 50 miljoen tot 1,2 miljard euro.", [("50 miljoen", "euro"), ("1,2 miljard", "euro")]),
])
def test_a_change_between_two_values_is_no_range(number_nlp, text, expected):
    found = numbers_in(number_nlp, text)
    assert [(t, n.unit) for t, n in found] == expected
    assert all((n.low, n.qualifier) == (None, "exact") for _, n in found)


def test_single_numbers_have_no_bounds(number_nlp):
    number = the_number(number_nlp, "Er zijn zo'n 500 soldaten.", "500")
    assert number.low is None and number.high is None


VAGUE = [
    ("Er kwamen honderden mensen.", "honderden", 100.0),
    ("Er kwamen duizenden mensen.", "duizenden", 1000.0),
    ("Er kwamen tienduizenden mensen.", "tienduizenden", 10000.0),
    ("Er kwamen tientallen mensen.", "tientallen", 10.0),
    ("Het kost honderden miljoenen euro.", "honderden miljoenen", 100000000.0),
]


@pytest.mark.parametrize("text, span_text, value", VAGUE)
def test_vague_amount_is_its_order_of_magnitude(number_nlp, text, span_text, value):
    number = the_number(number_nlp, text, span_text)
    assert (number.value, number.qualifier) == (value, "vague")


def test_een_tiental_is_approximate(number_nlp):
    number = the_number(number_nlp, "Een tiental landen doet mee.", "tiental")
    assert (number.value, number.qualifier) == (10.0, "approx")


# --------------------------------------------------------------------------
# What is not a number
# --------------------------------------------------------------------------

NOT_NUMBERS = [
    "Op 15 februari 2022 begon de oefening.",
    "Het gebeurde op 3 maart.",
    "In 2019 kwamen ze terug.",
    "Het plan loopt tot 2025.",
    "Hij leefde van 1952 tot 1972 in Parijs.",
    "Om 14.30 uur begon de vergadering.",
    "Om 14:30 begon de vergadering.",
    "De vergadering begon om 9 uur.",
    "De trein vertrekt om half negen.",
    "Hij werd 3e in de race.",
    "Het was de eerste keer.",
    "Ze eindigde als 21ste.",
    "De 34-jarige man werd opgepakt.",
    "De top van de G20 begint.",
    "Hij vloog met een Boeing 737 naar huis.",
    "Er was een file op de A2.",
    "De F-16 steeg op.",
    "Door Covid-19 bleef iedereen thuis.",
    "Er kwam een man binnen.",
    "Hij kocht één auto en reed weg.",
    "Bel 020-1234567 voor informatie.",
    "Zijn nummer is 06 12345678.",
    "Artikel 5 van het verdrag is van kracht.",
    "Zie pagina 12 van het rapport.",
    "De muziek uit de jaren '90 klinkt.",
    "Hij acht het onwaarschijnlijk.",
    "Kiesinger (65) kwam aan.",
    "Ze won het Vijf Landen Toernooi.",
    "Bel het loket: 0183-645 200.",
]


@pytest.mark.parametrize("text", NOT_NUMBERS)
def test_not_a_number(number_nlp, text):
    assert numbers_in(number_nlp, text) == []


def test_a_number_in_parentheses_after_an_organisation_is_a_count_not_an_age(number_nlp):
    # 'De VVD (5)': seats of a party the word list knows; 'Kiesinger (65)' stays an age (above)
    assert [written for written, _ in numbers_in(number_nlp, "De VVD (5) en het CDA (4) blijven stabiel.")] == ["5", "4"]


ONE_AS_COUNT = [
    ("Eén op de vijf Nederlanders heeft een auto.", ["Eén", "vijf"]),
    ("Een op de tien kinderen is te zwaar.", ["Een", "tien"]),
    ("Slechts één soldaat bleef achter.", ["één"]),
]


@pytest.mark.parametrize("text, spans", ONE_AS_COUNT)
def test_een_counts_only_when_clearly_a_count(number_nlp, text, spans):
    assert [t for t, _ in numbers_in(number_nlp, text)] == spans


def test_a_year_like_number_before_a_counted_noun_is_a_count(number_nlp):
    assert [t for t, _ in numbers_in(number_nlp, "In 2019 kwamen 2000 soldaten.")] == ["2000"]


def test_a_number_after_a_month_is_kept_when_it_is_no_year(number_nlp):
    found = numbers_in(number_nlp, "In mei 34 procent, in juni 70 procent.")
    assert [t for t, _ in found] == ["34", "70"]


# --------------------------------------------------------------------------
# Unit, category and modifier
# --------------------------------------------------------------------------

UNITS = [
    # text, span, unit, unit_text, category, modifier
    ("Er zijn 130 duizend Russische militairen.", "130 duizend", "militair", "militairen", "military",
     "Rusland"),
    ("Er zijn 30 duizend Russische soldaten.", "30 duizend", "soldaat", "soldaten", "military", "Rusland"),
    ("Er zijn 130.000 manschappen.", "130.000", "manschap", "manschappen", "military", None),
    ("De ministers van de dertig NAVO-landen.", "dertig", "NAVO-land", "NAVO-landen",
     "countries_organisations", None),
    ("Er kwamen 20 procent meer.", "20", "procent", "procent", "percentage", None),
    ("Er kwamen 20% meer.", "20%", "procent", "%", "percentage", None),
    ("Het kost €3 miljard.", "€3 miljard", "euro", "€", "money", None),
    ("Het kost 3 miljoen euro.", "3 miljoen", "euro", "euro", "money", None),
    ("Het kost $5 mln per jaar.", "$5 mln", "dollar", "$", "money", None),
    ("Er stonden 100 legertanks.", "100", "legertank", "legertanks", "objects", None),
    ("Er vielen 30 doden.", "30", "dode", "doden", "people", None),
    ("Het duurde vijf jaar.", "vijf", "jaar", "jaar", "time_span", None),
    ("Drie Amerikaanse kinderen raakten vermist.", "Drie", "kind", "kinderen", "people", "Verenigde Staten"),
    ("Er kwamen twaalf zware tanks aan.", "twaalf", "tank", "tanks", "objects", None),
    # "één op de vijf patiënten": the noun after the second number counts the first too
    ("Dat is één op de vijf patiënten.", "één", "patiënt", "patiënten", "people", None),
    ("Drie op de tien werknemers werkt thuis.", "Drie", "werknemer", "werknemers", "people", None),
]


@pytest.mark.parametrize("text, span_text, unit, unit_text, category, modifier", UNITS)
def test_unit_category_and_modifier(number_nlp, text, span_text, unit, unit_text, category, modifier):
    number = the_number(number_nlp, text, span_text)
    assert (number.unit, number.unit_text, number.category, number.modifier) == (
        unit, unit_text, category, modifier
    )


def test_unit_offsets_point_at_the_unit_text(number_nlp):
    text = "Er zijn 130 duizend Russische militairen."
    number = the_number(number_nlp, text, "130 duizend")
    assert text[number.unit_start: number.unit_end] == "militairen"


def test_no_unit_when_nothing_is_counted(number_nlp):
    number = the_number(number_nlp, "Het antwoord is 42.", "42")
    assert (number.unit, number.unit_text, number.category) == (None, None, None)


def test_a_year_before_a_verb_and_a_place_name_is_no_count(number_nlp):
    # 'Nederland' is no kind of 'land', so nothing is counted and 2025 is a year
    assert [t for t, _ in numbers_in(number_nlp, "In 2025 telde Nederland 18 miljoen inwoners.")] == ["18 miljoen"]


def test_a_capitalised_closed_compound_is_a_name_not_a_counted_noun(lexicon):
    assert not lexicon.knows("Nederland") and lexicon.knows("NAVO-landen") and lexicon.knows("buurlanden")


SINGULARS = [
    ("militairen", "militair"), ("soldaten", "soldaat"), ("manschappen", "manschap"),
    ("NAVO-landen", "NAVO-land"), ("doden", "dode"), ("gewonden", "gewonde"), ("leden", "lid"),
    ("kinderen", "kind"), ("tanks", "tank"), ("auto's", "auto"), ("Oekraïners", "Oekraïner"),
    ("Russen", "Rus"), ("Amerikanen", "Amerikaan"), ("dagen", "dag"), ("jaren", "jaar"),
    ("brieven", "brief"), ("huizen", "huis"), ("oorlogsschepen", "oorlogsschip"),
    ("legertanks", "legertank"), ("gevangenen", "gevangene"),
    # words the lexicon does not know: the regular rules
    ("blokkades", "blokkade"), ("koningen", "koning"), ("piloten", "piloot"),
    ("prijzen", "prijs"), ("bommen", "bom"), ("zeeën", "zee"),
    # plurals whose first regular candidate is another lexicon word ("ouder": a parent)
    ("ouderen", "oudere"), ("jongeren", "jongere"), ("zaken", "zaak"), ("getuigen", "getuige"),
    # a compound of a short irregular plural
    ("speeldagen", "speeldag"), ("werkuren", "werkuur"),
]


@pytest.mark.parametrize("plural, singular", SINGULARS)
def test_counted_noun_singular_as_written(lexicon, plural, singular):
    assert lexicon.singular(plural) == singular


@pytest.mark.parametrize("plural, model_lemma, singular", [
    ("waterschappen", "waterschapp", "waterschap"),  # a lemma no Dutch singular can be
    ("windmolenparken", "windmolenpark", "windmolenpark"),  # a plausible lemma is taken
])
def test_a_lemmatizer_lemma_with_a_doubled_final_consonant_is_not_trusted(lexicon, plural, model_lemma, singular):
    assert lexicon.singular(plural, model_lemma) == singular


@pytest.mark.parametrize("lemma, category", [
    ("NAVO-land", "countries_organisations"), ("legertank", "objects"), ("grenssoldaat", "military"),
    ("euro", "money"), ("procentpunt", "percentage"), ("week", "time_span"), ("burger", "people"),
    ("windmolenpark", None),
])
def test_category_with_compound_heads(lexicon, lemma, category):
    assert lexicon.category(lemma) == category


def test_unit_lexicon_is_large_and_covers_every_category():
    from pipeline.resources import load_resource

    categories = load_resource("units")["categories"]
    assert sum(len(words) for words in categories.values()) >= 300
    assert set(categories) == {"people", "military", "money", "percentage", "time_span",
                               "countries_organisations", "objects", "other"}


# --------------------------------------------------------------------------
# Reading Dutch-style numbers (pure functions)
# --------------------------------------------------------------------------


@pytest.mark.parametrize("text, value", [
    ("130.000", 130000.0), ("1,5", 1.5), ("2.500.000", 2500000.0), ("3,25", 3.25), ("7", 7.0),
    ("1.5", None), ("14.30", None), ("1.000,", None), ("12.34.567", None),
])
def test_parse_dutch_number(text, value):
    assert parse_dutch_number(text) == value


def dutch(number: Decimal) -> str:
    """Format like a Dutch newspaper: '.' between thousands, ',' before decimals."""
    whole, _, fraction = f"{number:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return grouped + ("," + fraction if fraction else "")


dutch_numbers = st.decimals(min_value=0, max_value=10**12, places=3, allow_nan=False, allow_infinity=False)


@given(dutch_numbers)
def test_dutch_formatting_parses_back(number):
    assert parse_dutch_number(dutch(number)) == pytest.approx(float(number))


@given(dutch_numbers, st.sampled_from(["", "duizend", "miljoen", "miljard"]))
def test_dutch_numbers_with_multipliers_parse_back(vocab, number, multiplier):
    texts = [dutch(number)] + ([multiplier] if multiplier else [])
    factor = {"": 1, "duizend": 1e3, "miljoen": 1e6, "miljard": 1e9}[multiplier]
    assert parse_quantity(texts, vocab).value == pytest.approx(float(number) * factor)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=2101, max_value=10**9))
def test_a_formatted_count_in_a_sentence_keeps_its_value(number_nlp, number):
    written = dutch(Decimal(number))
    (span_text, found), = numbers_in(number_nlp, f"Volgens de politie waren er {written} demonstranten.")
    assert span_text == written and found.value == number


# --------------------------------------------------------------------------
# Table rows
# --------------------------------------------------------------------------


def test_number_mention_fields():
    assert NumberMention._fields == (
        "doc_id", "sent_idx", "start", "end", "text", "value", "low", "high", "qualifier", "unit",
        "unit_text", "category", "modifier", "quote_id", "source",
    )


def test_rows_carry_offsets_and_the_innermost_quote(number_nlp):
    text = 'Stoltenberg zei: "Rusland heeft zo\'n 130.000 militairen." Er kwamen 20 tanks.'
    doc = number_nlp(text)
    outer = doc.char_span(text.index('"') + 1, text.rindex('"'), alignment_mode="expand")
    inner = doc.char_span(text.index("Rusland"), text.index(" militairen") + 11, alignment_mode="expand")
    outer._.quote = SimpleNamespace(quote_id="Q-outer", speaker="Jens Stoltenberg")
    inner._.quote = SimpleNamespace(quote_id="Q-inner", speaker="Jens Stoltenberg")
    doc.spans["quotes"] = [outer, inner]
    rows = list(extract_numbers(doc, "doc-1"))
    assert [(r.text, r.quote_id, r.source) for r in rows] == [
        ("130.000", "Q-inner", "Jens Stoltenberg"), ("20", None, None),
    ]
    first = rows[0]
    assert text[first.start: first.end] == "130.000"
    assert (first.doc_id, first.value, first.qualifier, first.unit) == (
        "doc-1", 130000.0, "approx", "militair"
    )
    assert rows[1].sent_idx >= first.sent_idx


def test_rows_without_quotes_key(number_nlp):
    rows = list(extract_numbers(number_nlp("Er kwamen 20 tanks."), "d"))
    assert [(r.text, r.quote_id, r.source) for r in rows] == [("20", None, None)]
    assert rows[0]._asdict()["value"] == 20.0


# --------------------------------------------------------------------------
# Compound heads must be real heads; irregular plurals
# --------------------------------------------------------------------------

COMPOUND_HEADS = [
    # word, category: positive (a real head) and negative (a false split)
    ("legertank", "objects"), ("coronatest", "objects"), ("staatsbank", "countries_organisations"),
    ("grenssoldaat", "military"), ("VN-militair", "military"), ("NAVO-land", "countries_organisations"),
    ("strand", None), ("zandstrand", None), ("bosbrand", None), ("protest", None),
    ("studentenprotest", None), ("schouder", None),
]


@pytest.mark.parametrize("lemma, category", COMPOUND_HEADS)
def test_compound_head_needs_a_prefix_and_no_false_split(lexicon, lemma, category):
    assert lexicon.category(lemma) == category


@pytest.mark.parametrize("plural, singular, category", [
    ("uren", "uur", "time_span"), ("jaren", "jaar", "time_span"), ("steden", "stad", "countries_organisations"),
    ("schepen", "schip", "objects"), ("stranden", "strand", None), ("protesten", "protest", None),
])
def test_irregular_plurals_and_false_compounds(lexicon, plural, singular, category):
    assert lexicon.singular(plural) == singular
    assert lexicon.category(lexicon.singular(plural)) == category


@pytest.mark.parametrize("text, span_text, unit, category", [
    ("Het duurde 12 uren.", "12", "uur", "time_span"),
    ("Er waren 30 protesten.", "30", "protest", "other"),
    ("Ze kochten 40 legertanks.", "40", "legertank", "objects"),
])
def test_counted_noun_category_in_text(number_nlp, text, span_text, unit, category):
    number = the_number(number_nlp, text, span_text)
    assert (number.unit, number.category) == (unit, category)


@pytest.mark.parametrize("text, span_text, wrong_category", [
    ("Ze bezochten 5 stranden.", "5", "money"),
    ("Er waren 30 protesten.", "30", "objects"),
    ("Er waren 30 studentenprotesten.", "30", "objects"),
])
def test_a_false_compound_head_gives_no_category(number_nlp, text, span_text, wrong_category):
    assert the_number(number_nlp, text, span_text).category != wrong_category


# --------------------------------------------------------------------------
# Number words: no runaway regex on long tokens
# --------------------------------------------------------------------------


@pytest.mark.parametrize("word, matches", [
    ("driehonderdvijftig", True), ("tweeëntwintig", True), ("zevenhonderdachtenzeventigduizend", True),
    ("zeventien" * 4 + "x", False), ("zeventien" * 18 + "x", False), ("zeventien" * 18, False),
])
def test_number_word_regex_is_bounded(vocab, word, matches):
    import re
    import time

    started = time.perf_counter()
    assert bool(re.search(vocab.word_regex, word)) is matches
    assert time.perf_counter() - started < 0.1


def test_a_long_garbage_token_is_no_number_and_fast(number_nlp):
    import time

    started = time.perf_counter()
    assert numbers_in(number_nlp, "Hij typte " + "zeventien" * 18 + "x vandaag.") == []
    assert time.perf_counter() - started < 1.0
