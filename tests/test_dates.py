"""The dutch_dates component and the dates table rows.

Publication date in most cases: Wednesday 16 February 2022, known to the day.
The pipeline is the shipped model plus dutch_dates only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from pipeline.components.dates import DateValue, nearest_year, start_of, weekday_date
from pipeline.extract.dates import DateMention, extract_dates

REPO = Path(__file__).resolve().parent.parent
WEDNESDAY = dt.date(2022, 2, 16)
FEBRUARY = dt.date(2022, 2, 1)  # a publication date known only to the month


@pytest.fixture(scope="module")
def date_nlp(model_with):
    return model_with("dutch_dates")


def annotate(nlp, text: str, published: dt.date | None = WEDNESDAY, precision: str | None = "day"):
    doc = nlp.make_doc(text)
    doc._.published = published
    doc._.published_precision = precision
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def dates_in(nlp, text: str, **context) -> list[tuple[str, DateValue]]:
    doc = annotate(nlp, text, **context)
    return [(span.text, span._.date) for span in doc.spans["dates"]]


def the_date(nlp, text: str, span_text: str, **context) -> DateValue:
    found = [date for written, date in dates_in(nlp, text, **context) if written == span_text]
    assert found, f"{span_text!r} not found in {dates_in(nlp, text, **context)}"
    return found[0]


# --------------------------------------------------------------------------
# Explicit dates
# --------------------------------------------------------------------------

ABSOLUTE = [
    # text, span, value, granularity
    ("Het gebeurde op 15 februari 2022 in Kiev.", "15 februari 2022", dt.date(2022, 2, 15), "day"),
    ("Op dinsdag 15 februari 2022 kwam de video.", "dinsdag 15 februari 2022", dt.date(2022, 2, 15), "day"),
    ("De deadline is 16-02-2022 om middernacht.", "16-02-2022", dt.date(2022, 2, 16), "day"),
    ("De deadline is 16/2/2022 om middernacht.", "16/2/2022", dt.date(2022, 2, 16), "day"),
    ("Het rapport van 15 feb. 2022 is uit.", "15 feb. 2022", dt.date(2022, 2, 15), "day"),
    ("Het begon in februari 2021 al.", "februari 2021", dt.date(2021, 2, 1), "month"),
    ("In 2019 kwamen ze terug.", "2019", dt.date(2019, 1, 1), "year"),
    ("Het plan loopt tot 2025.", "2025", dt.date(2025, 1, 1), "year"),
    # Flemish "tegen" + year: by that year
    ("De stad wil tegen 2026 klimaatneutraal zijn.", "2026", dt.date(2026, 1, 1), "year"),
    ("De stad belooft tegen 2026 zo'n 5.000 extra plaatsen.", "2026", dt.date(2026, 1, 1), "year"),
]


@pytest.mark.parametrize("text, span_text, value, granularity", ABSOLUTE)
def test_explicit_date(date_nlp, text, span_text, value, granularity):
    date = the_date(date_nlp, text, span_text)
    assert date == DateValue(value, granularity, False)


def test_weekday_with_date_is_one_mention(date_nlp):
    found = dates_in(date_nlp, "Op dinsdag 15 februari 2022 kwam de video.")
    assert [text for text, _ in found] == ["dinsdag 15 februari 2022"]


def test_explicit_dates_need_no_publication_date(date_nlp):
    date = the_date(date_nlp, "Het gebeurde op 15 februari 2022.", "15 februari 2022",
                    published=None, precision=None)
    assert date.value == dt.date(2022, 2, 15)


def test_both_years_of_tussen_en(date_nlp):
    assert [t for t, _ in dates_in(date_nlp, "Hij regeerde tussen 1951 en 1955.")] == ["1951", "1955"]


# --------------------------------------------------------------------------
# Relative dates, publication day Wednesday 16 February 2022
# --------------------------------------------------------------------------

RELATIVE = [
    ("Hij zei gisteren dat het klaar was.", "gisteren", dt.date(2022, 2, 15), "day"),
    ("Eergisteren werd het bekend.", "Eergisteren", dt.date(2022, 2, 14), "day"),
    ("Vandaag spreekt de minister.", "Vandaag", dt.date(2022, 2, 16), "day"),
    ("Vanavond spreekt de minister.", "Vanavond", dt.date(2022, 2, 16), "day"),
    ("Gisteravond sprak de minister.", "Gisteravond", dt.date(2022, 2, 15), "day"),
    ("Morgen spreekt de minister.", "Morgen", dt.date(2022, 2, 17), "day"),
    ("Vorige week kwam het kabinet bijeen.", "Vorige week", dt.date(2022, 2, 7), "week"),
    ("Rusland stelde eerder deze week iets anders.", "deze week", dt.date(2022, 2, 14), "week"),
    ("Volgende week komt het kabinet bijeen.", "Volgende week", dt.date(2022, 2, 21), "week"),
    ("Komende week komt het kabinet bijeen.", "Komende week", dt.date(2022, 2, 21), "week"),
    ("Vorige maand steeg de inflatie.", "Vorige maand", dt.date(2022, 1, 1), "month"),
    ("Volgende maand daalt de inflatie.", "Volgende maand", dt.date(2022, 3, 1), "month"),
    ("Vorig jaar steeg de inflatie.", "Vorig jaar", dt.date(2021, 1, 1), "year"),
    ("Dit jaar stijgt de inflatie.", "Dit jaar", dt.date(2022, 1, 1), "year"),
    ("Het overleg is op 3 maart.", "3 maart", dt.date(2022, 3, 3), "day"),  # nearest occurrence
    ("Het gebeurde op 3 maart.", "3 maart", dt.date(2021, 3, 3), "day"),  # past tense: the last one
    ("De verkiezingen waren in november.", "november", dt.date(2021, 11, 1), "month"),
    # the present tense does not move months and full dates (a historical present is as common)
    ("De inflatie bedraagt in januari 7,6 procent.", "januari", dt.date(2022, 1, 1), "month"),
    pytest.param("Het festival vindt in december plaats.", "december", dt.date(2022, 12, 1), "month",
                 marks=pytest.mark.xfail(strict=True, reason="known: the present tense does not move months")),
    ("Op 10 februari ontmoet Macron Poetin in Moskou.", "10 februari", dt.date(2022, 2, 10), "day"),
    # "sinds": past whatever the tense, also for the nearer coming month
    ("Hij wacht sinds april op een nieuwe heup.", "april", dt.date(2021, 4, 1), "month"),
    ("Sinds eind december wacht hij op een operatie.", "december", dt.date(2021, 12, 1), "month"),
    ("Zij wacht al sinds 3 maart op een kamer.", "3 maart", dt.date(2021, 3, 3), "day"),
    ("De verkiezingen waren in december.", "december", dt.date(2021, 12, 1), "month"),
    # a day or month of a named week or year is one date
    ("Hij werd in maart vorig jaar uitgeleverd.", "maart vorig jaar", dt.date(2021, 3, 1), "month"),
    ("Op 3 maart volgend jaar begint het.", "3 maart volgend jaar", dt.date(2023, 3, 3), "day"),
    ("Volgende week zaterdag rijdt ze de Ronde.", "Volgende week zaterdag", dt.date(2022, 2, 26), "day"),
    ("Hij sprak dinsdag vorige week met de minister.", "dinsdag vorige week", dt.date(2022, 2, 8), "day"),
    # a counted stretch of time ahead or ago; the value by its unit
    ("Het kabinet beslist over twee weken.", "twee weken", dt.date(2022, 2, 28), "week"),
    ("Over drie dagen begint de staking.", "drie dagen", dt.date(2022, 2, 19), "day"),
    ("Vier jaar geleden was het nog anders.", "Vier jaar geleden", dt.date(2018, 1, 1), "year"),
    ("Een maand geleden sloot de fabriek.", "Een maand geleden", dt.date(2022, 1, 1), "month"),
    ("Hij stopte 10 dagen geleden.", "10 dagen geleden", dt.date(2022, 2, 6), "day"),
    # a weekend is the week it falls in (its Monday); 'afgelopen' the one before this week's
    ("Het KNMI verwacht dit weekend storm.", "dit weekend", dt.date(2022, 2, 14), "week"),
    ("Komend weekend wordt het koud.", "Komend weekend", dt.date(2022, 2, 14), "week"),
    ("Afgelopen weekend viel er regen.", "Afgelopen weekend", dt.date(2022, 2, 7), "week"),
    ("Het afgelopen weekend was druk.", "afgelopen weekend", dt.date(2022, 2, 7), "week"),
    ("Ajax verloor dit weekend van AZ.", "dit weekend", dt.date(2022, 2, 7), "week"),  # past: the one just gone
    # 'het' before an uninflected modifier is a pronoun, no article of the period
    ("De ANWB verwacht dat het volgende week druk wordt.", "volgende week", dt.date(2022, 2, 21), "week"),
    ("Op de markt werd het vorig jaar te krap.", "vorig jaar", dt.date(2021, 1, 1), "year"),
    # after 'vanaf', 'tot', 'tot en met' in a clause not in the past: the coming month
    ("Vanaf september krijgen leerlingen meer les.", "september", dt.date(2022, 9, 1), "month"),
    ("Het museum was vanaf september gesloten.", "september", dt.date(2021, 9, 1), "month"),
    # a full date after them stays the nearest (it is as often one just past)
    ("Vanaf 10 februari geldt een rookverbod.", "10 februari", dt.date(2022, 2, 10), "day"),
]


@pytest.mark.parametrize("text, span_text, value, granularity", RELATIVE)
def test_relative_date(date_nlp, text, span_text, value, granularity):
    assert the_date(date_nlp, text, span_text) == DateValue(value, granularity, True)


WEEKDAYS = [
    # a bare weekday: the most recent such day up to the publication day ...
    ("Stoltenberg sprak dinsdag met de ministers.", "dinsdag", dt.date(2022, 2, 15)),
    ("Stoltenberg sprak woensdag met de ministers.", "woensdag", dt.date(2022, 2, 16)),
    ("Maandag gaven de functionarissen signalen af.", "Maandag", dt.date(2022, 2, 14)),
    ("Stoltenberg sprak zondag met de ministers.", "zondag", dt.date(2022, 2, 13)),
    ("Hij sprak dinsdagavond met de ministers.", "dinsdagavond", dt.date(2022, 2, 15)),
    ("Ze meldden dat Rusland woensdag zou binnenvallen.", "woensdag", dt.date(2022, 2, 16)),
    # ... or the coming one in a clause about the future
    ("De oefeningen worden zondag beëindigd.", "zondag", dt.date(2022, 2, 20)),
    ("De minister zal donderdag spreken.", "donderdag", dt.date(2022, 2, 17)),
    ("Biden gaat vrijdag naar Brussel.", "vrijdag", dt.date(2022, 2, 18)),
    ("Belarus zei dinsdag dat de troepen zullen blijven.", "dinsdag", dt.date(2022, 2, 15)),
    # the present tense tells what is planned: the publication day or a later one ...
    ("Het ziekenhuis houdt maandag een informatieavond.", "maandag", dt.date(2022, 2, 21)),
    ("De Tweede Kamer debatteert donderdag over de begroting.", "donderdag", dt.date(2022, 2, 17)),
    ("De Tweede Kamer debatteert woensdag over de stikstofwet.", "woensdag", dt.date(2022, 2, 16)),
    ("Het academiejaar begint maandag.", "maandag", dt.date(2022, 2, 21)),
    ("De spits maakt zondag zijn debuut.", "zondag", dt.date(2022, 2, 20)),  # no "maakt ... bekend"
    ("Het kabinet stelt vrijdag het nieuwe klimaatplan voor.", "vrijdag", dt.date(2022, 2, 18)),  # no "stelt"
    # the date's own words are no verb, whatever the tagger says (it tags "donderdagochtend" a participle)
    ("Het KNMI geeft voor donderdagochtend code geel af.", "donderdagochtend", dt.date(2022, 2, 17)),
    # ... but not with a participle (perfect) or a speech verb (a statement of that day),
    # after "van" (a noun's modifier), in a headline or with a score (a result)
    ("De politie zoekt getuigen van de overval van zondag.", "zondag", dt.date(2022, 2, 13)),
    ("Man overlijdt maandagavond na val van balkon\nDe man viel van drie hoog.", "maandagavond",
     dt.date(2022, 2, 14)),
    ("Ajax is zondag met 3-1 te sterk voor PSV.", "zondag", dt.date(2022, 2, 13)),
    ("De burgemeester is zondag overleden.", "zondag", dt.date(2022, 2, 13)),
    ("Dat zegt minister Jansen dinsdag in een interview.", "dinsdag", dt.date(2022, 2, 15)),
    ("Dat meldt de politie maandag.", "maandag", dt.date(2022, 2, 14)),
    ("Dat laat het bedrijf dinsdag weten.", "dinsdag", dt.date(2022, 2, 15)),
    ("De renner heeft zondag de koers gewonnen.", "zondag", dt.date(2022, 2, 13)),
    # "heeft" without a participle is the present tense, with one the perfect
    ("Zij heeft dinsdag een gesprek met de directie.", "dinsdag", dt.date(2022, 2, 22)),
    ("Zij heeft dinsdag met de directie gesproken.", "dinsdag", dt.date(2022, 2, 15)),
    ("Het hof heeft dinsdag Kevin V. (41) veroordeeld.", "dinsdag", dt.date(2022, 2, 15)),
    # the second of two joined weekdays takes the first one's clause (publication: Wednesday)
    ("Het wordt zaterdag en zondag warm.", "zondag", dt.date(2022, 2, 20)),
    ("Het wordt vrijdag of zaterdag warm.", "zaterdag", dt.date(2022, 2, 19)),
    ("Het was maandag en dinsdag warm.", "dinsdag", dt.date(2022, 2, 15)),
    # after 'tot', 'tot en met', 'vanaf': the publication day or a later one, also in a
    # headline or when the tagger misses the present-tense verb ('duurt' tagged ADJ)
    ("De staking duurt tot vrijdag.", "vrijdag", dt.date(2022, 2, 18)),
    ("Het museum is tot en met zondag gesloten.", "zondag", dt.date(2022, 2, 20)),
    ("A28 vanaf maandag 's nachts dicht\nDe weg gaat dicht.", "maandag", dt.date(2022, 2, 21)),
    ("De weg was tot vrijdag dicht.", "vrijdag", dt.date(2022, 2, 11)),
    # a clause without a verb takes the verb before it; a present participle is no perfect
    ("Het KNMI verwacht komend weekend veel wind, met zondag windstoten.", "zondag", dt.date(2022, 2, 20)),
    ("Rijkswaterstaat sluit de weg tussen Ede en Wageningen vanaf maandag af.", "maandag",
     dt.date(2022, 2, 21)),
    # explicit direction words
    ("Komende zondag eindigen de oefeningen.", "Komende zondag", dt.date(2022, 2, 20)),
    ("Afgelopen woensdag begon het.", "Afgelopen woensdag", dt.date(2022, 2, 9)),
]


@pytest.mark.parametrize("text, span_text, value", WEEKDAYS)
def test_weekday(date_nlp, text, span_text, value):
    assert the_date(date_nlp, text, span_text) == DateValue(value, "day", True)


NOT_DATES = [
    "De komende jaren zit toetreding er niet in.",
    "In de afgelopen weken werd de vrees groter.",
    "De afgelopen week was zwaar.",
    "Het afgelopen jaar was zwaar.",
    "Hij vertrekt 's morgens vroeg.",
    "Het was een koude morgen.",
    "Er waren 2019 stemmen geteld.",
    "Het duurde een paar dagen.",
    "Hij won het toernooi voor de tweede keer.",
    "Ze praten over drie dagen staking.",  # what the stretch of time is about
    "Het festival trok 52.000 bezoekers over drie dagen.",  # a duration
    "De betaling wordt verspreid over twee jaar.",
    "Het besluit valt binnen twee weken.",  # a limit, no date
    "Jaren geleden woonde hij hier.",  # a vague count
    "Het komende jaar wordt beter.",  # an article before an inflected modifier: a stretch of time
]


def test_years_after_a_preposition(date_nlp):
    assert [t for t, _ in dates_in(date_nlp, "De prijzen zijn hoger dan vóór 2020.")] == ["2020"]  # accented
    assert [t for t, _ in dates_in(date_nlp, "Er is subsidie voor 2026 en 2027.")] == ["2026", "2027"]
    # 'gepland' is no counted noun ('land' is only the end of its letters): 2027 stays a year
    assert [t for t, _ in dates_in(date_nlp, "Een nieuwe meting is in 2027 gepland.")] == ["2027"]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(date_nlp, text):
    assert dates_in(date_nlp, text) == []


# --------------------------------------------------------------------------
# A publication date known only to the month
# --------------------------------------------------------------------------


def test_relative_dates_stay_unresolved_without_the_day(date_nlp):
    doc = annotate(date_nlp, "Rusland stelde eerder deze week dat Stoltenberg woensdag sprak.",
                   published=FEBRUARY, precision="month")
    assert [(s.text, s._.date) for s in doc.spans["dates"]] == [
        ("deze week", DateValue(None, "week", True)),
        ("woensdag", DateValue(None, "day", True)),
    ]
    assert doc._.published_inferred is None


def test_month_and_year_references_resolve_with_the_month(date_nlp):
    found = dates_in(date_nlp, "Vorige maand en vorig jaar steeg de inflatie.",
                     published=FEBRUARY, precision="month")
    assert found == [
        ("Vorige maand", DateValue(dt.date(2022, 1, 1), "month", True)),
        ("vorig jaar", DateValue(dt.date(2021, 1, 1), "year", True)),
    ]


INFERENCE = [
    # the weekday names the day after the latest full date
    ("Op dinsdag 15 februari 2022 kwam een video. Woensdag zei Stoltenberg niets.", dt.date(2022, 2, 16)),
    # the weekday names the latest full date itself
    ("Op 16 februari 2022 kwam een video. Woensdag zei Stoltenberg niets.", dt.date(2022, 2, 16)),
]


@pytest.mark.parametrize("text, day", INFERENCE)
def test_publication_day_inferred_from_date_and_weekday(date_nlp, text, day):
    doc = annotate(date_nlp, text, published=FEBRUARY, precision="month")
    assert doc._.published_inferred.value == day
    assert "februari 2022" in doc._.published_inferred.evidence


APPOSITIONS = [
    # a relative day with its date beside it names the publication day
    ("Het proces is gisteren, maandag 14 februari, begonnen.", dt.date(2022, 2, 15)),
    ("De rechtbank doet vandaag, woensdag 16 februari, uitspraak.", dt.date(2022, 2, 16)),
    ("De stad stelde het plan gisteren, 20 februari, voor.", dt.date(2022, 2, 21)),
    # no inference: the weekday does not fit the date, no comma between them, or outside the month
    ("Het proces is gisteren, dinsdag 14 februari, begonnen.", None),
    ("Het proces begon gisteren en maandag 14 februari ging het door.", None),
    ("Het proces is gisteren, maandag 28 februari, begonnen.", None),
]



@pytest.mark.parametrize("text, day", APPOSITIONS)
def test_publication_day_inferred_from_a_relative_day_and_its_date(date_nlp, text, day):
    doc = annotate(date_nlp, text, published=FEBRUARY, precision="month")
    inferred = doc._.published_inferred
    assert (inferred.value if inferred else None) == day


def test_the_year_of_a_date_in_apposition_is_the_one_nearest_the_publication_month(date_nlp):
    doc = annotate(date_nlp, "Het vuurwerk werd gisteren, zaterdag 31 december, afgestoken.",
                   published=dt.date(2023, 1, 1), precision="month")
    assert doc._.published_inferred.value == dt.date(2023, 1, 1)


def test_inferred_day_resolves_relative_dates(date_nlp):
    text = ("Op dinsdag 15 februari 2022 kwam een video. Woensdag zei Stoltenberg niets. "
            "Gisteren zei hij meer. De oefeningen worden zondag beëindigd.")
    found = dates_in(date_nlp, text, published=FEBRUARY, precision="month")
    assert [(t, d.value) for t, d in found] == [
        ("dinsdag 15 februari 2022", dt.date(2022, 2, 15)),
        ("Woensdag", dt.date(2022, 2, 16)),
        ("Gisteren", dt.date(2022, 2, 15)),
        ("zondag", dt.date(2022, 2, 20)),
    ]


@pytest.mark.parametrize("text", [
    "Op 15 februari 2022 kwam een video. Zelensky sprak niet.",  # no weekday at all
    "Op 15 februari 2022 kwam een video. Zaterdag sprak Zelensky.",  # weekday too far after
    "Op 15 maart 2021 kwam een video. Dinsdag sprak Zelensky.",  # date outside the month
    "Op 15 februari 2022 kwam een video. Zelensky zal donderdag spreken.",  # future weekday
])
def test_no_inference_without_matching_evidence(date_nlp, text):
    doc = annotate(date_nlp, text, published=FEBRUARY, precision="month")
    assert doc._.published_inferred is None


def test_no_inference_when_the_day_is_known(date_nlp):
    doc = annotate(date_nlp, "Op dinsdag 15 februari 2022 kwam een video. Woensdag sprak hij.")
    assert doc._.published_inferred is None


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------


@pytest.mark.parametrize("weekday, direction, strict, expected", [
    (2, None, False, dt.date(2022, 2, 16)),  # Wednesday on a Wednesday: that day
    (2, None, True, dt.date(2022, 2, 9)),
    (2, "future", False, dt.date(2022, 2, 23)),
    (1, None, False, dt.date(2022, 2, 15)),
    (3, "future", False, dt.date(2022, 2, 17)),
])
def test_weekday_date(weekday, direction, strict, expected):
    assert weekday_date(WEDNESDAY, weekday, direction, strict) == expected


@pytest.mark.parametrize("month, day, direction, year", [
    (3, 3, None, 2022), (12, 20, None, 2021), (3, 3, "past", 2021), (1, 10, "future", 2023),
])
def test_nearest_year(month, day, direction, year):
    assert nearest_year(month, day, WEDNESDAY, direction) == year


def test_week_value_is_monday():
    assert start_of(dt.date(2022, 2, 20), "week") == dt.date(2022, 2, 14)


# --------------------------------------------------------------------------
# Table rows
# --------------------------------------------------------------------------


def test_date_mention_rows(date_nlp):
    assert DateMention._fields == (
        "doc_id", "sent_idx", "start", "end", "text", "value", "granularity", "relative",
    )
    text = "Het begon in 2019. Op dinsdag 15 februari 2022 kwam een video."
    rows = list(extract_dates(annotate(date_nlp, text), "doc-9"))
    assert [(r.text, r.value, r.granularity, r.relative) for r in rows] == [
        ("2019", dt.date(2019, 1, 1), "year", False),
        ("dinsdag 15 februari 2022", dt.date(2022, 2, 15), "day", False),
    ]
    assert all(text[r.start: r.end] == r.text and r.doc_id == "doc-9" for r in rows)
    assert rows[0].sent_idx <= rows[1].sent_idx  # the interim parser splits sentences poorly


# --------------------------------------------------------------------------
# A year after a preposition, or a quantity?
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dates_and_numbers_nlp(model_with):
    return model_with("dutch_dates", "dutch_numbers")


YEAR_OR_QUANTITY = [
    # text, the number as written, read as a year?
    ("Hij kreeg een boete tot 2000 euro.", "2000", False),
    ("Rusland viel aan met 1500 tanks.", "1500", False),
    ("Rusland viel aan met 1500 zware tanks.", "1500", False),
    ("Een boete van 1800 dollar volgde.", "1800", False),
    ("Ze kochten per 2000 stuks.", "2000", False),
    ("De schade liep op tot 2000 miljoen.", "2000", False),
    ("Het gebeurde in 1500 dorpen.", "1500", False),
    ("In 2019 kwamen ze terug.", "2019", True),
    ("Sinds 2015 woont hij daar.", "2015", True),
    ("Het werk duurt tot 2025.", "2025", True),
    ("Het stuk uit 1985 is mooi.", "1985", True),
    ("Het gebeurde tussen 1951 en 1955 in Kiev.", "1951", True),
    ("Het gebeurde tussen 1951 en 1955 in Kiev.", "1955", True),
]


@pytest.mark.parametrize("text, written, is_year", YEAR_OR_QUANTITY)
def test_a_year_after_a_preposition_is_no_year_before_a_counted_noun(dates_and_numbers_nlp, text,
                                                                     written, is_year):
    doc = annotate(dates_and_numbers_nlp, text)
    dates = {span.text: span._.date for span in doc.spans["dates"]}
    numbers = {span.text.split()[0] for span in doc.spans["numbers"]}
    if is_year:
        assert dates.get(written) == DateValue(dt.date(int(written), 1, 1), "year", False)
        assert written not in numbers
    else:
        assert written not in dates
        assert written in numbers  # the quantity is kept by dutch_numbers


# --------------------------------------------------------------------------
# Line breaks are whitespace tokens
# --------------------------------------------------------------------------

LINE_BREAKS = [
    # text, span, value: a line break ends the clause ("zal" on the line before
    # does not make Dinsdag future) and starts a sentence ("April" is a month).
    ("De minister zal spreken\nDinsdag in Den Haag", "Dinsdag", dt.date(2022, 2, 15)),
    ("De minister zal spreken\n\nDinsdag in Den Haag", "Dinsdag", dt.date(2022, 2, 15)),
    ("De minister zal dinsdag spreken in Den Haag", "dinsdag", dt.date(2022, 2, 22)),
    ("Cijfers over de oogst\nApril 2021 was de koudste maand.", "April 2021", dt.date(2021, 4, 1)),
    ("Cijfers over de oogst\n\nApril 2021 was koud.", "April 2021", dt.date(2021, 4, 1)),
]


@pytest.mark.parametrize("text, span_text, value", LINE_BREAKS)
def test_a_line_break_token_ends_the_clause_and_starts_a_sentence(date_nlp, text, span_text, value):
    assert the_date(date_nlp, text, span_text).value == value


@pytest.mark.parametrize("text", ["Hij sprak met April Jansen.", "Het lied van April 2021 klonk."])
def test_a_capitalized_month_inside_a_line_is_a_name(date_nlp, text):
    assert dates_in(date_nlp, text) == []


def test_dates_and_numbers_share_the_sentence_cues():
    from pipeline.components import dates, numbers, text_cues

    assert numbers.starts_sentence is text_cues.starts_sentence
    assert dates.starts_sentence is text_cues.starts_sentence
    assert not hasattr(dates, "_starts_sentence") and not hasattr(numbers, "_starts_sentence")


# --------------------------------------------------------------------------
# Explicit dates need no dateparser
# --------------------------------------------------------------------------

WITHOUT_DATEPARSER = [
    ("Het begon in februari 2022 al.", "februari 2022", DateValue(dt.date(2022, 2, 1), "month", False)),
    ("Het begon in feb. 2021 al.", "feb. 2021", DateValue(dt.date(2021, 2, 1), "month", False)),
    ("Het gebeurde op 15 februari 2022.", "15 februari 2022", DateValue(dt.date(2022, 2, 15), "day", False)),
    ("In 2019 kwamen ze terug.", "2019", DateValue(dt.date(2019, 1, 1), "year", False)),
]


@pytest.mark.parametrize("text, span_text, value", WITHOUT_DATEPARSER)
def test_explicit_month_and_year_resolve_without_dateparser(date_nlp, monkeypatch, text, span_text, value):
    from pipeline.components import dates

    def no_dateparser(*args, **kwargs):
        raise AssertionError("dateparser called for an explicit date")

    monkeypatch.setattr(dates, "_parse", no_dateparser)
    assert the_date(date_nlp, text, span_text) == value


def test_a_month_without_year_still_needs_the_publication_date(date_nlp):
    assert the_date(date_nlp, "Het begon in februari al.", "februari", published=None,
                    precision=None) == DateValue(None, "month", True)


@pytest.mark.parametrize("text, span_text, value", [
    # the weekday picks the year where the date falls on it, whatever the tense
    ("Vakbonden hebben voor maandag 20 november een betoging aangekondigd.", "maandag 20 november",
     dt.date(2023, 11, 20)),
    ("De staking van vrijdag 29 september legde alles stil.", "vrijdag 29 september", dt.date(2023, 9, 29)),
    # without a weekday the tense decides, as before; a weekday that fits no year is ignored
    ("Vakbonden hebben voor 20 november een betoging aangekondigd.", "20 november", dt.date(2022, 11, 20)),
    ("Het gebeurde op dinsdag 20 november.", "dinsdag 20 november", dt.date(2022, 11, 20)),
])
def test_a_weekday_decides_the_year_of_a_date_without_one(date_nlp, text, span_text, value):
    published = dt.date(2023, 10, 6)  # a Friday
    assert the_date(date_nlp, text, span_text, published=published).value == value


DAY_RANGES = [
    # text, dates as (text, value), numbers left (the first day is a date, not a number)
    ("De beurs is van 3 tot en met 12 juni open.",
     [("3", dt.date(2022, 6, 3)), ("12 juni", dt.date(2022, 6, 12))], []),
    ("Er wordt op 3 en 4 mei 2021 gestaakt.",
     [("3", dt.date(2021, 5, 3)), ("4 mei 2021", dt.date(2021, 5, 4))], []),
    ("Tussen 1 en 15 februari vielen 12 doden.",
     [("1", dt.date(2022, 2, 1)), ("15 februari", dt.date(2022, 2, 15))], ["12"]),
    # both days in the year the last one is read in (a past tense: last March)
    ("Tussen 10 en 20 maart vielen 12 doden.",
     [("10", dt.date(2021, 3, 10)), ("20 maart", dt.date(2021, 3, 20))], ["12"]),
    ("Het kantoor is 7 t/m 9 april dicht.", [("7", dt.date(2022, 4, 7)), ("9 april", dt.date(2022, 4, 9))], []),
    # across a month's end: the first day is in the month before
    ("Het kantoor is van 28 tot 3 april dicht.", [("28", dt.date(2022, 3, 28)), ("3 april", dt.date(2022, 4, 3))], []),
    ("De uitverkoop loopt van 30 tot en met 2 januari 2023.",
     [("30", dt.date(2022, 12, 30)), ("2 januari 2023", dt.date(2023, 1, 2))], []),
    # negative: a range of numbers with no month after it, or a month that is not next
    ("Hij kreeg 3 tot 12 jaar cel.", [], ["3 tot 12"]),
    ("Van de klanten betaalde 3 tot 12 procent in juni niet.", [("juni", dt.date(2021, 6, 1))], ["3 tot 12"]),
]


@pytest.mark.parametrize("text, dates, numbers", DAY_RANGES)
def test_the_first_day_of_a_range_takes_the_month_after_the_last(dates_and_numbers_nlp, text, dates, numbers):
    doc = annotate(dates_and_numbers_nlp, text)
    assert [(span.text, span._.date.value) for span in doc.spans["dates"]] == dates
    assert [span.text for span in doc.spans["numbers"]] == numbers
