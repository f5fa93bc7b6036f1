"""Quote attribution: direct, indirect and mixed quotes with their speakers.

Uses its own pipeline (the shipped model plus "dutch_quotes" only), so the
tests do not depend on the number and date components.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import pipeline.components.quotes  # noqa: F401  (registers the factory)
from pipeline.components.quote_marks import (
    embedded_posts,
    quote_mark_role,
    quote_pairs,
    teaser_blocks,
    text_blocks,
)
from pipeline.components.quotes import QuoteInfo
from pipeline.extract.common import SentenceIndex
from pipeline.extract.entities import extract_entities
from pipeline.extract.quotes import QuoteMention, extract_quotes

REPO = Path(__file__).resolve().parent.parent


def model_error(reason: str):
    """A case the rules handle but the shipped model's tags or parse currently break:
    kept in the table (it passes again when the model gets it right), not counted as a failure."""
    return pytest.mark.xfail(reason=f"model error: {reason}", strict=False)


@pytest.fixture(scope="module")
def quote_nlp(model_with):
    return model_with("dutch_quotes")


def quotes_of(nlp, text: str) -> list[QuoteMention]:
    doc = nlp(text)
    doc._.doc_id = "test"
    return list(extract_quotes(doc, "test"))


def summary(rows: list[QuoteMention]) -> list[tuple[str, str, str, str]]:
    return [(q.kind, q.text, q.cue, q.speaker) for q in rows]


# -- direct quotes -----------------------------------------------------------------------------
DIRECT = [
    pytest.param(
        '"We hebben nog geen terugtrekking gezien", aldus Stoltenberg.',
        [("direct", "We hebben nog geen terugtrekking gezien", "aldus", "Stoltenberg")],
        id="straight-double-aldus",
    ),
    pytest.param(
        "“Dit is een gevaarlijk moment voor Europa”, zei premier Mark Rutte in Den Haag.",
        [("direct", "Dit is een gevaarlijk moment voor Europa", "zei", "Mark Rutte")],
        id="curly-double-zei-with-title",
    ),
    pytest.param(
        "‘Wij hebben geen enkel bewijs gezien van een terugtrekking’, aldus Wallace op de radio.",
        [("direct", "Wij hebben geen enkel bewijs gezien van een terugtrekking", "aldus", "Wallace")],
        id="curly-single",
    ),
    pytest.param(
        "'Het gaat om een serieuze dreiging voor de regio', zegt Wallace.",
        [("direct", "Het gaat om een serieuze dreiging voor de regio", "zegt", "Wallace")],
        id="straight-single",
    ),
    pytest.param(
        "„Geen enkele soldaat blijft achter in het land”, zei Makei in Minsk.",
        [("direct", "Geen enkele soldaat blijft achter in het land", "zei", "Makei")],
        id="low-high-double",
    ),
    pytest.param(
        "‘Geen enkele soldaat zal achterblijven op ons grondgebied', zei Makei.",
        [("direct", "Geen enkele soldaat zal achterblijven op ons grondgebied", "zei", "Makei")],
        id="closing-mark-of-other-style",
    ),
    pytest.param(
        '"Wij reageren op de realiteit. We hebben erover gehoord, maar het gebeurt nog niet", aldus Zelensky.',
        [(
            "direct",
            "Wij reageren op de realiteit. We hebben erover gehoord, maar het gebeurt nog niet",
            "aldus",
            "Zelensky",
        )],
        id="multi-sentence",
    ),
    pytest.param(
        '"Waarom zouden we ons terugtrekken?" vroeg Lavrov.',
        [("direct", "Waarom zouden we ons terugtrekken?", "vroeg", "Lavrov")],
        id="question-without-comma",
    ),
    pytest.param(
        'Stoltenberg zei woensdag: "We blijven waakzaam en steunen Oekraïne."',
        [("direct", "We blijven waakzaam en steunen Oekraïne.", "zei", "Stoltenberg")],
        id="cue-before-with-colon",
    ),
    pytest.param(
        "Rutte: 'We gaan door met de steun aan Oekraïne.'",
        [("direct", "We gaan door met de steun aan Oekraïne.", ":", "Rutte")],
        id="name-colon",
    ),
    pytest.param(
        '"Nee", zei Rutte.',
        [("direct", "Nee", "zei", "Rutte")],
        id="short-quote-with-cue",
    ),
    pytest.param(
        "Kamerlid Jesse Klaver (GroenLinks) zegt: 'We steunen het kabinet, maar willen meer duidelijkheid.'",
        [("direct", "We steunen het kabinet, maar willen meer duidelijkheid.", "zegt", "Jesse Klaver")],
        id="role-name-aside-colon",
    ),
    pytest.param(
        'Halsema reageerde op Twitter: "Ik begrijp de zorgen, maar veiligheid gaat voor."',
        [("direct", "Ik begrijp de zorgen, maar veiligheid gaat voor.", "reageerde", "Halsema")],
        id="platform-name-is-no-verb",
    ),
    pytest.param(
        '"Wat moeten we nu?", vroeg een boer uit Friesland zich af.',
        [("direct", "Wat moeten we nu?", "vroeg", "een boer uit Friesland")],
        id="unnamed-speaker-direct",
    ),
]


@pytest.mark.parametrize("text, expected", DIRECT)
def test_direct_quotes(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


# -- cues and speakers across sentences ---------------------------------------------------------
CONTEXT = [
    pytest.param(
        'NAVO-chef Jens Stoltenberg sprak in Brussel. "Tot dusver zien we geen de-escalatie", aldus Stoltenberg. '
        '"Integendeel, het lijkt erop dat Rusland doorgaat met de opbouw."',
        [
            ("direct", "Tot dusver zien we geen de-escalatie", "aldus", "Jens Stoltenberg"),
            ("direct", "Integendeel, het lijkt erop dat Rusland doorgaat met de opbouw.", "", "Jens Stoltenberg"),
        ],
        id="canonical-name-and-continuation",
    ),
    pytest.param(
        'NAVO-chef Jens Stoltenberg kwam woensdag naar Brussel.\n\n'
        '"Alles staat klaar voor een aanval", waarschuwt hij nog maar eens.',
        [("direct", "Alles staat klaar voor een aanval", "waarschuwt", "Jens Stoltenberg")],
        id="pronoun-hij",
    ),
    pytest.param(
        "NAVO-chef Jens Stoltenberg kwam woensdag naar Brussel.\n\n"
        "“De afgelopen weken hebben we het omgekeerde gezien, memoreert de secretaris-generaal. "
        "“Alles staat klaar voor een aanval”, waarschuwt hij.",
        [
            ("direct", "De afgelopen weken hebben we het omgekeerde gezien", "memoreert", "Jens Stoltenberg"),
            ("direct", "Alles staat klaar voor een aanval", "waarschuwt", "Jens Stoltenberg"),
        ],
        id="unclosed-quote-ends-at-cue",
    ),
    pytest.param(
        'Stoltenberg zei: "De situatie is ernstig en we nemen geen enkel risico.\n\n'
        '"We versterken de oostflank met extra troepen."',
        [
            ("direct", "De situatie is ernstig en we nemen geen enkel risico.", "zei", "Stoltenberg"),
            ("direct", "We versterken de oostflank met extra troepen.", "", "Stoltenberg"),
        ],
        id="open-at-paragraph-end-cue-before",
    ),
    pytest.param(
        '"De situatie is ernstig en we nemen geen enkel risico.\n\n'
        '"We versterken de oostflank met extra troepen", zei Stoltenberg.',
        [
            ("direct", "De situatie is ernstig en we nemen geen enkel risico.", "", "Stoltenberg"),
            ("direct", "We versterken de oostflank met extra troepen", "zei", "Stoltenberg"),
        ],
        id="open-at-paragraph-end-cue-after",
    ),
    pytest.param(
        '"Het is klaar", zei Rutte.\n\nMaar "we hebben nog veel werk te doen in de komende maanden".',
        [
            ("direct", "Het is klaar", "zei", "Rutte"),
            ("direct", "we hebben nog veel werk te doen in de komende maanden", "", "Rutte"),
        ],
        id="continuation-next-paragraph",
    ),
    pytest.param(
        "De Britse minister Ben Wallace bezocht dinsdag Estland. "
        "De minister zei dat Moskou moet worden beoordeeld op zijn daden.",
        [("indirect", "Moskou moet worden beoordeeld op zijn daden", "zei", "Ben Wallace")],
        id="role-noun-to-person",
    ),
    pytest.param(
        "Ursula von der Leyen sprak in Straatsburg. "
        "Ze zei dat de Russen snel moeten aantonen dat ze de-escaleren.",
        [("indirect", "de Russen snel moeten aantonen dat ze de-escaleren", "zei", "Ursula von der Leyen")],
        id="pronoun-ze-singular",
    ),
]


@pytest.mark.parametrize("text, expected", CONTEXT)
def test_cues_and_speakers_in_context(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


# -- reported speech -------------------------------------------------------------------------------
INDIRECT = [
    pytest.param(
        "Rutte zegt dat het kabinet extra geld uittrekt voor defensie.",
        [("indirect", "het kabinet extra geld uittrekt voor defensie", "zegt", "Rutte")],
        id="zegt-dat",
    ),
    pytest.param(
        "Het Kremlin ontkent dat er plannen zijn voor een inval.",
        [("indirect", "er plannen zijn voor een inval", "ontkent", "Kremlin")],
        id="organisation-ontkent-dat",
    ),
    pytest.param(
        "Op dinsdag maakte Belarus bekend dat de Russische militairen na de oefeningen vertrekken.",
        [("indirect", "de Russische militairen na de oefeningen vertrekken", "maakte", "Belarus")],
        id="separable-verb-inverted-subject",
    ),
    pytest.param(
        "Volgens de Verenigde Staten heeft Rusland 130.000 militairen verzameld bij de grens.",
        [("indirect", "heeft Rusland 130.000 militairen verzameld bij de grens", "Volgens", "Verenigde Staten")],
        id="volgens-first",
    ),
    pytest.param(
        "Rusland heeft 130.000 militairen verzameld bij de grens, volgens de Verenigde Staten.",
        [("indirect", "Rusland heeft 130.000 militairen verzameld bij de grens", "volgens", "Verenigde Staten")],
        id="volgens-last",
    ),
    pytest.param(
        "De NAVO ziet het aantal troepen bij de grens nog niet afnemen, zegt Stoltenberg.",
        [("indirect", "De NAVO ziet het aantal troepen bij de grens nog niet afnemen", "zegt", "Stoltenberg")],
        id="clause-before-zegt",
    ),
    pytest.param(
        "Biden sprak van een zeer gevaarlijke situatie aan de grens.",
        [("indirect", "een zeer gevaarlijke situatie aan de grens", "sprak", "Biden")],
        id="sprak-van",
    ),
    pytest.param(
        "Zelensky stelt nog niets gemerkt te hebben van een afbouw van de troepen.",
        [("indirect", "nog niets gemerkt te hebben van een afbouw van de troepen", "stelt", "Zelensky")],
        id="te-infinitive",
    ),
    pytest.param(
        "Een aantal eenheden keert terug naar de kazerne, volgens een woordvoerder.",
        [("indirect", "Een aantal eenheden keert terug naar de kazerne", "volgens", "een woordvoerder")],
        id="unnamed-speaker",
    ),
    pytest.param(
        "Burgemeester Femke Halsema wil het vuurwerkverbod uitbreiden. Dat meldt het Parool.",
        [],  # content only by anaphora (annotation guide 4, excluded 9)
        id="dat-meldt-after-a-sentence-is-no-quote",
    ),
    pytest.param(
        "Het kabinet trekt 300 miljoen euro uit voor de jeugdzorg. "
        "Dat heeft minister Karin Smit dinsdag aan de Tweede Kamer geschreven.",
        [],
        id="dat-heeft-geschreven-after-a-sentence-is-no-quote",
    ),
    pytest.param(
        "De fabriek sluit eind dit jaar. Dat hebben de vakbonden donderdag aan het personeel meegedeeld.",
        [],
        id="dat-hebben-meegedeeld-after-a-sentence-is-no-quote",
    ),
    pytest.param(
        "De fabriek in Venlo sluit eind dit jaar. Dat heeft het bedrijf maandagochtend bekendgemaakt aan het personeel.",
        [],
        id="dat-heeft-bekendgemaakt-after-a-sentence-is-no-quote",
    ),
    pytest.param(
        "„We zijn er klaar voor.” Dat heeft de burgemeester dinsdag aan de raad geschreven.",
        [("direct", "We zijn er klaar voor.", "geschreven", "de burgemeester")],
        id="dat-heeft-geschreven-after-a-quote",
    ),
    pytest.param(
        "Volgens de officier van justitie heeft de verdachte willens en wetens gehandeld.",
        [("indirect", "heeft de verdachte willens en wetens gehandeld", "Volgens", "de officier van justitie")],
        id="a-role-of-several-words",
    ),
    pytest.param(
        "Volgens Frans Muller, topman van Ahold Delhaize, blijft de consument voorzichtig.",
        [("indirect", "blijft de consument voorzichtig", "Volgens", "Frans Muller")],
        id="volgens-with-an-apposition",
    ),
    pytest.param(
        "Advocaat Tom Goethals, die Kevin D. verdedigt, noemt de straf „buiten proportie”. "
        "Zijn cliënt heeft volgens hem meegewerkt.",
        [
            ("direct", "buiten proportie", "noemt", "Tom Goethals"),
            ("indirect", "Zijn cliënt heeft volgens hem meegewerkt", "volgens", "Tom Goethals"),
        ],
        id="a-person-named-inside-the-speakers-sentence-is-not-hij",
    ),
    pytest.param(
        "Het ministerie van Financiën ontkent dat er een tekort is.",
        [("indirect", "er een tekort is", "ontkent", "ministerie van Financiën")],
        id="a-ministry-by-its-name",
    ),
    pytest.param(
        "Een woordvoerder van het ministerie van Justitie en Veiligheid bevestigt dat het klopt.",
        [("indirect", "het klopt", "bevestigt", "een woordvoerder van het ministerie van Justitie en Veiligheid")],
        id="en-inside-a-name-is-no-coordination",
    ),
    pytest.param(
        "Oud-premier Mark Rutte, nu secretaris-generaal van de NAVO, zei dinsdag dat Europa meer moet uitgeven.",
        [("indirect", "Europa meer moet uitgeven", "zei", "Mark Rutte")],
        id="the-phrase-before-an-apposition-is-the-subject",
    ),
    pytest.param(
        "In Gent, de grootste stad van de provincie, zei de burgemeester dat het niet doorgaat.",
        [("indirect", "het niet doorgaat", "zei", "de burgemeester")],
        id="a-verb-after-a-comma-with-its-own-dat-clause",
    ),
    pytest.param(
        "De vakbond eist dat de fabriek openblijft.",
        [("indirect", "de fabriek openblijft", "eist", "de vakbond")],
        id="eist-dat",
    ),
    pytest.param(
        "Rusland eist onder meer de garantie dat de NAVO niet uitbreidt.",
        [],  # a demand whose object is a noun phrase (annotation guide 4, excluded 9)
        id="dat-clause-of-a-noun-is-no-quote",
    ),
    pytest.param(
        "De burgemeester schreef in een bericht dat de school dicht blijft.",
        [("indirect", "de school dicht blijft", "schreef", "de burgemeester")],
        id="a-noun-after-a-preposition-does-not-take-the-dat-clause",
    ),
    pytest.param(
        "De minister zegt tegen RTL Nieuws dat hij blijft.",
        [("indirect", "hij blijft", "zegt", "de minister")],
        id="a-name-ending-in-such-a-noun-does-not-take-it-either",
    ),
    pytest.param(
        "De politie raadt mensen aan om binnen te blijven.",
        [("indirect", "binnen te blijven", "raadt", "de politie")],
        id="separable-verb-with-om-te",
    ),
    pytest.param(
        "De GGD adviseert ouders om hun kinderen te laten vaccineren.",
        [("indirect", "hun kinderen te laten vaccineren", "adviseert", "GGD")],
        id="adviseert-om-te",
    ),
    pytest.param(
        "„Het is een zwarte dag”, vindt wethouder Karin Smit.",
        [("direct", "Het is een zwarte dag", "vindt", "Karin Smit")],
        id="vindt-after-quote-marks-attributes-the-quote",
    ),
    pytest.param(
        "De N-VA-fractie vindt dat de stad te veel geld uitgeeft.",
        [],  # a verb of thinking (annotation guide 4, excluded 8)
        id="vindt-dat-is-no-quote",
    ),
    pytest.param(
        "Conservator Joost Vanhoutte legt uit dat het museum twee maanden dichtgaat.",
        [("indirect", "het museum twee maanden dichtgaat", "legt uit", "Joost Vanhoutte")],
        id="capitalised-role-before-a-first-name-is-no-name-part",
    ),
    pytest.param(
        "Jan Jansen is boos. „Dit is schandalig”, zegt hij. "
        "„We houden de supermarkten scherp in de gaten.” Dat zegt een woordvoerder van de ACM.",
        [("direct", "Dit is schandalig", "zegt", "Jan Jansen"),
         ("direct", "We houden de supermarkten scherp in de gaten.", "zegt", "een woordvoerder van de ACM")],
        id="dat-zegt-after-a-quote-without-a-cue",
    ),
    pytest.param(
        "Vorige week zei Rutte dat het kabinet gewoon doorgaat.",
        [("indirect", "het kabinet gewoon doorgaat", "zei", "Rutte")],
        id="time-adverbial-first-inverted-subject",
    ),
    pytest.param(
        "Het Kremlin heeft meermaals ontkend dat er plannen zijn voor een inval.",
        [("indirect", "er plannen zijn voor een inval", "ontkend", "Kremlin")],
        id="participle-after-auxiliary",
    ),
    pytest.param(
        "De gesprekken mislukten nadat de Amerikaanse president Joe Biden had gezegd dat Washington niets kon bevestigen.",
        [("indirect", "Washington niets kon bevestigen", "gezegd", "Joe Biden")],
        id="subordinate-clause",
    ),
]


@pytest.mark.parametrize("text, expected", INDIRECT)
def test_indirect_quotes(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


MIXED = [
    pytest.param(
        'Zelensky herhaalde dat Oekraïne "kalm blijft onder dit soort omstandigheden".',
        [("mixed", 'Oekraïne "kalm blijft onder dit soort omstandigheden"', "herhaalde", "Zelensky")],
        id="dat-clause-with-partial-quote",
    ),
    pytest.param(
        'Volgens Zelensky zou een terugtrekking "door iedereen te zien zijn".',
        [("mixed", 'zou een terugtrekking "door iedereen te zien zijn"', "Volgens", "Zelensky")],
        id="volgens-with-partial-quote",
    ),
    pytest.param(
        'Poetin sprak van een "provocatie".',
        [("mixed", 'een "provocatie"', "sprak", "Poetin")],
        id="sprak-van-with-label",
    ),
]


@pytest.mark.parametrize("text, expected", MIXED)
def test_mixed_quotes(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


# -- not quotes --------------------------------------------------------------------------------------
NOT_QUOTES = [
    pytest.param('Het "historische" akkoord werd dinsdag in Den Haag getekend.', id="scare-quote"),
    pytest.param("NAVO-baas Jens Stoltenberg is 'voorzichtig optimistisch’ over een uitweg.", id="short-label"),
    pytest.param("De gedetineerden noemen zichzelf 'politieke gevangenen'.", id="noemen-label"),
    pytest.param('Ze schreef het boek "Een oorlog in Europa die niemand wilde zien".', id="book-title"),
    pytest.param(
        "Zo'n 130.000 militairen staan aan de grens en 's avonds rijden de auto's af en aan.",
        id="apostrophes-in-words",
    ),
    pytest.param("De trein vertrok volgens plan om acht uur uit Kiev.", id="volgens-plan"),
    pytest.param("Wij denken dat het beter kan met minder geld.", id="first-person-outside-quotes"),
    pytest.param('"Dit is een lange zin zonder spreker die niemand heeft gezegd."', id="no-speaker-at-all"),
    pytest.param("Het kabinet trekt 300 miljoen euro uit. Dat heeft de minister nooit gezegd.", id="perfect-denial"),
    pytest.param("Het kabinet trekt 300 miljoen euro uit. Dat heeft de minister zelf gedaan.", id="perfect-no-speech"),
    pytest.param("Het kabinet trekt 300 miljoen euro uit. Dat heeft de minister gezegd te hebben gedaan.",
                 id="perfect-speech-verb-not-the-last-verb"),
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_quotes(quote_nlp, text):
    assert quotes_of(quote_nlp, text) == []


def test_continuation_does_not_reach_past_the_next_paragraph(quote_nlp):
    text = (
        '"Het is klaar", zei Rutte.\n\n'
        "De Kamer vergadert volgende week opnieuw over het plan.\n\n"
        'De oppositie is boos. "Dit is een schande voor het hele land en de kiezer."'
    )
    assert summary(quotes_of(quote_nlp, text)) == [("direct", "Het is klaar", "zei", "Rutte")]


def test_short_reported_clause(quote_nlp):
    assert summary(quotes_of(quote_nlp, "Rutte zei dat het kan. Wilders zei dat niet.")) == [
        ("indirect", "het kan", "zei", "Rutte")
    ]


def test_apostrophes_do_not_break_pairing(quote_nlp):
    text = "De auto's van zo'n twintig diplomaten vertrokken. 'We blijven tot het einde', zei Makei."
    assert summary(quotes_of(quote_nlp, text)) == [("direct", "We blijven tot het einde", "zei", "Makei")]



# -- unnamed speakers ----------------------------------------------------------------------------------
UNNAMED = [
    pytest.param(
        "Een woordvoerder van het ministerie van Justitie zei dat de wet volgend jaar ingaat.",
        [("indirect", "de wet volgend jaar ingaat", "zei", "een woordvoerder van het ministerie van Justitie")],
        id="spokesperson-with-van-modifiers",
    ),
    pytest.param(
        "Burgemeester Jan de Vries opende de school. "
        "Een woordvoerder van de brandweer zegt dat het vuur onder controle is.",
        [("indirect", "het vuur onder controle is", "zegt", "een woordvoerder van de brandweer")],
        id="not-the-last-named-person",
    ),
    pytest.param(
        'Een bewoner van de Schilderswijk, die zijn naam niet in de krant wil, zegt: "We slapen hier al weken slecht."',
        [("direct", "We slapen hier al weken slecht.", "zegt", "een bewoner van de Schilderswijk")],
        id="without-its-relative-clause",
    ),
    pytest.param(
        "Wethouder Petra Smits kwam ook. Een medewerker van de gemeente ontkent dat. "
        "Volgens hem is er geen probleem.",
        [("indirect", "is er geen probleem", "Volgens", "een medewerker van de gemeente")],
        id="pronoun-after-unnamed-speaker",
    ),
    pytest.param(
        "Een woordvoerder van de gemeente ontkent dat. Wethouder Petra Smits kwam later. "
        "Volgens haar is er geen probleem.",
        [("indirect", "is er geen probleem", "Volgens", "Petra Smits")],
        id="pronoun-after-a-later-named-person",
    ),
    pytest.param(
        "Volgens een agent, die anoniem wil blijven, is de situatie in de wijk onhoudbaar.",
        [("indirect", "is de situatie in de wijk onhoudbaar", "Volgens", "een agent")],
        id="volgens-unnamed-with-relative-clause",
    ),
    pytest.param(
        "Jan Pieters sprak de pers toe. Zijn advocaat zei dat de zaak is gesloten.",
        [("indirect", "de zaak is gesloten", "zei", "zijn advocaat")],
        id="possessive-role-is-not-the-person-named",
    ),
    pytest.param(
        "Mark Rutte was er niet. De advocaat van Mark Rutte zegt dat zijn cliënt niets wist.",
        [("indirect", "zijn cliënt niets wist", "zegt", "de advocaat van Mark Rutte")],
        id="role-of-a-named-person-is-not-that-person",
    ),
]


@pytest.mark.parametrize("text, expected", UNNAMED)
def test_unnamed_speakers_stay_unresolved(quote_nlp, text, expected):
    rows = quotes_of(quote_nlp, text)
    assert summary(rows) == expected
    if expected[0][3][0].islower():
        assert all(row.speaker_kind == "unresolved" and row.speaker_entity_id is None for row in rows)


# -- definite descriptions and role nouns ---------------------------------------------------------
DESCRIPTIONS = [
    pytest.param(
        "Het Sociaal en Cultureel Planbureau publiceerde een rapport. "
        "Het planbureau waarschuwt dat de eenzaamheid onder ouderen toeneemt.",
        [("indirect", "de eenzaamheid onder ouderen toeneemt", "waarschuwt", "Sociaal en Cultureel Planbureau")],
        id="organisation-named-by-its-head-noun",
        marks=model_error("the shipped NER (0.5.0) tags only 'Cultureel Planbureau', as LOC"),
    ),
    pytest.param(
        "Frontex, het Europese grensagentschap, kreeg meer geld. "
        "Het grensagentschap meldt dat het aantal oversteken daalt.",
        [("indirect", "het aantal oversteken daalt", "meldt", "Frontex")],
        id="apposition-names-the-organisation",
    ),
    pytest.param(
        "Interpol, dat bij de zoektocht hielp, meldt dat de verdachte in Spanje is opgepakt. "
        'De internationale politieorganisatie spreekt van "een grote doorbraak".',
        [
            ("indirect", "de verdachte in Spanje is opgepakt", "meldt", "Interpol"),
            ("direct", "een grote doorbraak", "spreekt", "Interpol"),
        ],
        id="descriptive-noun-for-the-organisation-that-just-spoke",
    ),
    pytest.param(
        'Scheidsrechter Tom Peeters floot af. "Het was een duidelijke strafschop", zegt de scheidsrechter.',
        [("direct", "Het was een duidelijke strafschop", "zegt", "Tom Peeters")],
        id="sports-role",
    ),
    pytest.param(
        'Wethouder Fleur Kok presenteerde het plan. "Dit is hard nodig", zei de wethouder.',
        [("direct", "Dit is hard nodig", "zei", "Fleur Kok")],
        id="local-government-role",
    ),
    pytest.param(
        "De Nederlandsche Bank publiceerde cijfers. De politie zegt dat er niemand gewond is geraakt.",
        [("indirect", "er niemand gewond is geraakt", "zegt", "de politie")],
        id="organisation-noun-without-a-matching-name",
    ),
    pytest.param(
        "Het Kremlin meldt dat de troepen vertrekken. Het Amerikaanse ministerie zegt dat er geen bewijs is.",
        [
            ("indirect", "de troepen vertrekken", "meldt", "Kremlin"),
            ("indirect", "er geen bewijs is", "zegt", "het Amerikaanse ministerie"),
        ],
        id="bare-organisation-noun-is-not-the-last-speaker",
    ),
    pytest.param(
        "„Dat is een flinke groep”, zegt hoofdonderzoeker Anouk Verbeek. "
        "RIVM-onderzoeker Bas Kuipers benadrukt dat het scherm niet de enige oorzaak is. "
        "„Slaap is geen luxe”, zegt de hoofdonderzoeker.",
        [
            ("direct", "Dat is een flinke groep", "zegt", "Anouk Verbeek"),
            ("indirect", "het scherm niet de enige oorzaak is", "benadrukt", "Bas Kuipers"),
            ("direct", "Slaap is geen luxe", "zegt", "Anouk Verbeek"),
        ],
        id="the-very-role-word-wins-over-a-later-one-with-its-head",
    ),
    pytest.param(
        "Onderzoeker Anouk Verbeek zegt dat het klopt. Minister Jan de Vries zegt dat het niet klopt. "
        "De onderzoeker zegt dat het toch klopt.",
        [
            ("indirect", "het klopt", "zegt", "Anouk Verbeek"),
            ("indirect", "het niet klopt", "zegt", "Jan de Vries"),
            ("indirect", "het toch klopt", "zegt", "Anouk Verbeek"),
        ],
        id="an-unnamed-source-noun-resolves-by-its-explicit-alias",
    ),
    pytest.param(
        "Minister Jan de Vries zegt dat het klopt. De onderzoeker zegt dat het niet klopt.",
        [
            ("indirect", "het klopt", "zegt", "Jan de Vries"),
            ("indirect", "het niet klopt", "zegt", "de onderzoeker"),
        ],
        id="an-unnamed-source-noun-without-an-alias-stays-unresolved",
    ),
    pytest.param(
        "KLM schrapt 200 vluchten. Volgens de luchtvaartmaatschappij gaat het om een tekort aan personeel.",
        [("indirect", "gaat het om een tekort aan personeel", "Volgens", "KLM")],
        id="a-type-noun-compound-is-the-organisation-named-last",
    ),
    pytest.param(
        "Feyenoord heeft een nieuwe trainer. De club laat weten dat hij maandag begint.",
        [("indirect", "hij maandag begint", "laat weten", "Feyenoord")],
        id="de-club-is-the-club-named-last",
    ),
    pytest.param(
        "Ajax kreeg een boete van de KNVB. De club zegt in beroep te gaan.",
        [("indirect", "in beroep te gaan", "zegt", "Ajax")],
        id="the-first-organisation-of-the-last-sentence-naming-one",
    ),
]


@pytest.mark.parametrize("text, expected", DESCRIPTIONS)
def test_definite_descriptions(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


@pytest.mark.parametrize(
    "word, kind",
    [
        ("procureur", "person"), ("koersdirecteur", "person"), ("renster", "person"), ("raadslid", "person"),
        ("onderzoeksrechter", "person"), ("huisarts", "person"), ("epidemioloog", "person"),
        ("bestuursvoorzitter", "person"), ("schepen", "person"), ("ploegleider", "person"),
        ("politieagentschap", "organisation"), ("kennisinstituut", "organisation"), ("planbureau", "organisation"),
        ("toezichthouder", "organisation"), ("advocaten", None), ("bakker", None), ("parkeerplaatsen", None),
    ],
)
def test_role_nouns_cover_news_domains(word, kind):
    from pipeline.extract.entities import role_head

    found = role_head(word)
    assert (found[0] if found else None) == kind


# -- speakers written with their title --------------------------------------------------------------
TITLED = [
    pytest.param(
        "Procureur Lotte Claes eiste vijf jaar cel. De straf is volgens Claes passend.",
        [("indirect", "De straf is volgens Claes passend", "volgens", "Lotte Claes")],
        id="title-not-in-the-name",
    ),
    pytest.param(
        "Minister van Volksgezondheid Anna Bos bezocht het ziekenhuis. Volgens Bos staat de zorg onder druk.",
        [("indirect", "staat de zorg onder druk", "Volgens", "Anna Bos")],
        id="portfolio-not-in-the-name",
    ),
    pytest.param(
        "Schepen van Mobiliteit Koen Maes stelt dat de tram in 2026 rijdt.",
        [("indirect", "de tram in 2026 rijdt", "stelt", "Koen Maes")],
        id="flemish-title-with-portfolio",
    ),
    pytest.param(
        "De minister van Buitenlandse Zaken zei dat de ambassade openblijft.",
        [("indirect", "de ambassade openblijft", "zei", "de minister van Buitenlandse Zaken")],
        id="portfolio-without-a-name",
    ),
    pytest.param(
        'Econoom Eva Mertens van ING noemt de renteverhoging "onvermijdelijk".',
        [("direct", "onvermijdelijk", "noemt", "Eva Mertens")],
        id="employer-not-in-the-name",
    ),
    pytest.param(
        'Zijn advocaat Jan Van Damme betwist dat zijn cliënt ter plaatse was. "Hij was thuis", stelde hij.',
        [
            ("indirect", "zijn cliënt ter plaatse was", "betwist", "Jan Van Damme"),
            ("direct", "Hij was thuis", "stelde", "Jan Van Damme"),
        ],
        id="flemish-capitalised-particle",
    ),
]


@pytest.mark.parametrize("text, expected", TITLED)
def test_titles_are_not_part_of_the_speaker(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


# -- cues that were missed, and a false alarm ----------------------------------------------------------
CUES = [
    pytest.param(
        "Advocaat Tim Gielen betwist dat zijn cliënt ter plaatse was.",
        [("indirect", "zijn cliënt ter plaatse was", "betwist", "Tim Gielen")],
        id="betwist-dat",
    ),
    pytest.param(
        "Hun ouders pleiten dat de school openblijft.",
        [("indirect", "de school openblijft", "pleiten", "hun ouders")],
        id="possessive-subject-pleiten",
    ),
    pytest.param(
        "Interpol, dat bij de zoektocht hielp, meldt dat de verdachte in Spanje is opgepakt.",
        [("indirect", "de verdachte in Spanje is opgepakt", "meldt", "Interpol")],
        id="subject-before-relative-clause-no-false-alarm",
    ),
    pytest.param(
        "Ahold, de supermarktketen uit Zaandam, meldt dat de omzet is gestegen.",
        [("indirect", "de omzet is gestegen", "meldt", "Ahold")],
        id="subject-before-apposition",
    ),
    pytest.param(
        'Directeur Sanne Bakker ontkent dat er fraude is gepleegd: "Alles is volgens de regels verlopen."',
        [
            ("indirect", "er fraude is gepleegd", "ontkent", "Sanne Bakker"),
            ("direct", "Alles is volgens de regels verlopen.", ":", "Sanne Bakker"),
        ],
        id="dat-clause-then-colon-quote",
    ),
    pytest.param(
        'Trainer Peter Bosz noemt het resultaat "teleurstellend".',
        [("direct", "teleurstellend", "noemt", "Peter Bosz")],
        id="label-verb-is-a-speech-act",
    ),
    pytest.param(
        'Moskou deed dat af als "informatieterrorisme".',
        [("direct", "informatieterrorisme", "deed af", "Moskou")],
        id="afdoen-als",
    ),
    pytest.param(
        "De kosten lopen op tot 40 miljoen euro per jaar, aldus onderzoeksbureau Ecorys, dat de studie uitvoerde.",
        [("indirect", "De kosten lopen op tot 40 miljoen euro per jaar", "aldus", "Ecorys")],
        id="aldus-noun-and-name",
    ),
    pytest.param(
        "Het kabinet wil de belasting verlagen, maar volgens de oppositie is daar geen geld voor.",
        [("indirect", "is daar geen geld voor", "volgens", "de oppositie")],
        id="volgens-opens-the-second-clause",
    ),
    pytest.param(
        "De burgemeester riep inwoners vrijdag op binnen te blijven.",
        [("indirect", "binnen te blijven", "riep", "de burgemeester")],
        id="separable-particle-far-from-the-verb",
    ),
    pytest.param(
        "Rusland stelde eerder deze week te zijn begonnen met de terugtrekking.",
        [("indirect", "te zijn begonnen met de terugtrekking", "stelde", "Rusland")],
        id="te-infinitive-without-speech-time",
    ),
    pytest.param(
        "Een woordvoerder van de bank ontkent dat. Volgens hem ging het om een fout.",
        [("indirect", "ging het om een fout", "Volgens", "een woordvoerder van de bank")],
        id="demonstrative-dat-ends-the-sentence",
    ),
]


@pytest.mark.parametrize("text, expected", CUES)
def test_cues(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("De oppositie noemt dat onacceptabel.", id="label-without-quote"),
        pytest.param('Het rapport noemt de situatie "zorgwekkend".', id="label-by-a-document"),
        pytest.param('De activisten noemen zichzelf "de laatste generatie".', id="reflexive-label"),
        pytest.param('De brug wordt "de groene poort" genoemd.', id="passive-label"),
        pytest.param("De Amerikanen denken dat er een aanval komt.", id="thinking-verb"),
        pytest.param("Het bedrijf, dat in 1990 werd opgericht, groeide snel.", id="relative-dat-no-cue"),
    ],
)
def test_cue_negatives(quote_nlp, text):
    assert quotes_of(quote_nlp, text) == []


# -- who said it, in order ----------------------------------------------------------------------------
ORDER = [
    pytest.param(
        'Jan Smit zei: "Ik stop ermee." Zangeres Marieke Jansen reageerde teleurgesteld. "Dat vind ik jammer", zei ze.',
        [
            ("direct", "Ik stop ermee.", "zei", "Jan Smit"),
            ("direct", "Dat vind ik jammer", "zei", "Marieke Jansen"),
        ],
        id="pronoun-after-the-second-person-named",
    ),
    pytest.param(
        'Lisa Vos sprak met de pers. "Het was zwaar", zegt ploeggenote Eva Dekker.',
        [("direct", "Het was zwaar", "zegt", "Eva Dekker")],
        id="cue-names-someone-else-later-in-the-sentence",
    ),
    pytest.param(
        '"We gaan door", zegt voorzitter Kees de Boer. "Er is geen weg terug."',
        [
            ("direct", "We gaan door", "zegt", "Kees de Boer"),
            ("direct", "Er is geen weg terug.", "", "Kees de Boer"),
        ],
        id="role-and-name-with-particle",
    ),
    pytest.param(
        '"Groen is prima, maar niet ten koste van alles", zegt raadslid Ronald de Wit.',
        [("direct", "Groen is prima, maar niet ten koste van alles", "zegt", "Ronald de Wit")],
        id="role-noun-first-after-the-cue",
    ),
]


@pytest.mark.parametrize("text, expected", ORDER)
def test_speaker_of_the_cue_not_of_the_previous_quote(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected

# -- page furniture ---------------------------------------------------------------------------------
def test_embedded_post_is_a_quote_by_its_author(quote_nlp):
    text = (
        '"Het is klaar", zei Rutte.\n\n'
        "Russische troepen trekken zich niet terug van de grens. https://t.co/abc123 "
        "— Larisa Brown (@larisamlbrown) 15 februari 2022\n\nNieuwe video"
    )
    rows = quotes_of(quote_nlp, text)
    assert summary(rows)[1] == (
        "direct",
        "Russische troepen trekken zich niet terug van de grens.",
        "—",
        "Larisa Brown",
    )
    assert rows[1].speaker_kind == "person"


def test_teaser_block_is_skipped(quote_nlp):
    text = (
        '"Het is klaar", zei Rutte.\n\nLees ook:\n\n'
        "Wat kan diplomatie nog bereiken?\n\n"
        '"We moeten blijven praten met Moskou", zegt een oud-diplomaat.'
    )
    assert summary(quotes_of(quote_nlp, text)) == [("direct", "Het is klaar", "zei", "Rutte")]


# -- rows and span annotations ----------------------------------------------------------------------
def test_rows_carry_offsets_ids_and_kinds(quote_nlp):
    text = "Het Kremlin ontkent dat er plannen zijn voor een inval. Hij zei dat hij het niet wist."
    doc = quote_nlp(text)
    doc._.doc_id = "doc-1"
    row = next(extract_quotes(doc, "doc-1"))
    assert text[row.start : row.end] == row.text == "er plannen zijn voor een inval"
    assert text[row.cue_start : row.cue_start + len(row.cue)] == "ontkent"
    assert text[row.speaker_start : row.speaker_end] == row.speaker_text == "Het Kremlin"
    assert row.speaker_kind == "organization"
    assert row.speaker_entity_id and row.speaker_entity_id.startswith("E")
    assert row.quote_id.startswith("Q") and row.sent_idx == SentenceIndex(doc)(row.start)
    span = next(iter(doc.spans["quotes"]))
    assert isinstance(span._.quote, QuoteInfo) and span._.quote.quote_id == row.quote_id


def test_speaker_entity_ids_join_the_entities_table(quote_nlp):
    text = (
        "NAVO-chef Jens Stoltenberg sprak in Brussel. \"We zien geen de-escalatie\", aldus Stoltenberg. "
        "Het Kremlin ontkent dat er plannen zijn. Volgens de Verenigde Staten staan er 130.000 militairen."
    )
    doc = quote_nlp(text)
    entity_ids = {mention.entity_id for mention in extract_entities(doc, "test")}
    rows = list(extract_quotes(doc, "test"))
    assert len(rows) == 3
    assert all(row.speaker_entity_id in entity_ids for row in rows if row.speaker_entity_id is not None)


def test_confidence_orders_how_the_speaker_was_found(quote_nlp):
    text = (
        "NAVO-chef Jens Stoltenberg sprak in Brussel.\n\n"
        '"We zien geen de-escalatie aan de grens", aldus Stoltenberg. '
        '"Integendeel, het lijkt erop dat Rusland doorgaat met de opbouw."\n\n'
        "Hij waarschuwt dat het vertrek van militairen niet geruststelt.\n\n"
        "De secretaris-generaal zei dat de NAVO waakzaam blijft."
    )
    by_cue = {q.cue: q for q in quotes_of(quote_nlp, text)}
    named, continued = by_cue["aldus"], by_cue[""]
    pronoun, role = by_cue["waarschuwt"], by_cue["zei"]
    assert {q.speaker for q in (named, continued, pronoun, role)} == {"Jens Stoltenberg"}
    assert named.confidence > role.confidence > pronoun.confidence > continued.confidence


def test_unresolved_speaker_is_kept_as_written(quote_nlp):
    row = quotes_of(quote_nlp, "Een aantal eenheden is volgens een woordvoerder al klaar voor vertrek.")[0]
    assert (row.speaker, row.speaker_kind, row.speaker_entity_id) == ("een woordvoerder", "unresolved", None)


# -- model-independent building blocks ------------------------------------------------------------
@pytest.mark.parametrize(
    "text, index, role",
    [
        ("zo'n", 2, None),
        ("auto's", 4, None),
        ("’s avonds", 0, None),
        ("in de jaren '90", 12, None),
        ("zei: 'ja'", 5, "open"),
        ("zei: 'ja'", 8, "close"),
        ("„Ja”", 0, "open"),
        ("„Ja”", 3, "close"),
    ],
)
def test_quote_mark_roles(text, index, role):
    assert quote_mark_role(text, index) == role


@pytest.mark.parametrize(
    "text, contents",
    [
        ("is 'voorzichtig optimistisch’ over", ["voorzichtig optimistisch"]),
        ("‘Geen soldaat blijft', zei hij.", ["Geen soldaat blijft"]),
        ('"Hij zei \'nee\' en ging", aldus X.', ["Hij zei 'nee' en ging"]),
        ("“Eerste, zegt X. “Tweede”, zegt hij.", ["Eerste, zegt X. ", "Tweede"]),
        ("De auto's van zo'n man.", []),
    ],
)
def test_quote_pairs(text, contents):
    pairs = list(quote_pairs(text, 0, len(text), 0))
    assert [text[p.start : p.end] for p in pairs] == contents


def test_teaser_blocks_and_posts():
    text = (
        "Body.\n\nLees ook:\n\nKop van een ander artikel?\n\nTeaser van dat artikel.\n\n"
        "Lees ook: Nog een kop\n\n"
        "Tekst van de post https://t.co/x — Jan Jansen (@jjansen) 1 maart 2022"
    )
    blocks = text_blocks(text)
    assert teaser_blocks(text, blocks, ["lees ook"]) == {1, 2, 3, 4}
    [post] = embedded_posts(text, blocks)
    assert text[post.start : post.end] == "Tekst van de post"
    assert text[post.author_start : post.author_end] == "Jan Jansen"


# -- speakers on unseen news: unnamed noun phrases, type nouns, om-te and te-complements ----------
UNSEEN_CLASSES = [
    pytest.param(
        "Een woordvoerder van zorgverzekeraar Zilveren Kruis zegt dat de premie stijgt. "
        "De woordvoerder voegt eraan toe dat het tekort groot is.",
        [
            ("indirect", "de premie stijgt", "zegt", "een woordvoerder van zorgverzekeraar Zilveren Kruis"),
            ("indirect", "het tekort groot is", "voegt", "een woordvoerder van zorgverzekeraar Zilveren Kruis"),
        ],
        id="unnamed-np-with-compound-modifier-and-back-reference",
    ),
    pytest.param(
        '"Het was fantastisch", zegt een festivalganger uit Gent.',
        [("direct", "Het was fantastisch", "zegt", "een festivalganger uit Gent")],
        id="unnamed-np-with-origin",
    ),
    pytest.param(
        "Een 71-jarige patiënte uit Leerdam zegt dat ze maanden moest wachten.",
        [("indirect", "ze maanden moest wachten", "zegt", "een 71-jarige patiënte uit Leerdam")],
        id="unnamed-np-location-is-not-the-speaker",
    ),
    pytest.param(
        "De Nederlandse Zorgautoriteit (NZa) houdt toezicht op de zorg. De toezichthouder zegt dat de wachtlijsten groeien.",
        [("indirect", "de wachtlijsten groeien", "zegt", "Nederlandse Zorgautoriteit")],
        id="type-noun-to-recent-organisation-full-name",
    ),
    pytest.param(
        "Het Vlaams Eigenaarsplatform is kritisch over de regels. De organisatie zegt dat kleine verhuurders afhaken.",
        [("indirect", "kleine verhuurders afhaken", "zegt", "Vlaams Eigenaarsplatform")],
        id="type-noun-organisatie",
    ),
    pytest.param(
        "Het weer was slecht. De organisatie zegt dat het festival toch doorgaat.",
        [("indirect", "het festival toch doorgaat", "zegt", "de organisatie")],
        id="type-noun-without-organisation-stays-unresolved",
    ),
    pytest.param(
        "Jan Claes, die twintig kamers verhuurt, zegt dat de regels te streng zijn.",
        [("indirect", "de regels te streng zijn", "zegt", "Jan Claes")],
        id="subject-with-relative-clause",
    ),
    pytest.param(
        "Minister Karin Smit vraagt de gemeenten om meer woningen te bouwen.",
        [("indirect", "meer woningen te bouwen", "vraagt", "Karin Smit")],
        id="vraagt-om-te",
    ),
    pytest.param(
        "Op vragen van deze krant laat Karin Smit weten de cijfers „serieus” te nemen.",
        [("mixed", "de cijfers „serieus” te nemen", "laat", "Karin Smit")],
        id="laat-weten-te-infinitive-mixed",
    ),
    pytest.param(
        '"De werken starten in mei", zegt Verhulst. Het plan werd voorgesteld door Lotte Verhulst.',
        [("direct", "De werken starten in mei", "zegt", "Lotte Verhulst")],
        id="surname-resolves-to-later-full-name",
    ),
    pytest.param(
        "Kevin V. staat terecht. Zijn advocaat, Eveline Smits, laat weten dat haar cliënt in beroep gaat.",
        [("indirect", "haar cliënt in beroep gaat", "laat weten", "Eveline Smits")],
        id="name-in-apposition-before-the-verb",
    ),
    pytest.param(
        "De woordvoerder van het ministerie, Anne Bakker, zegt dat er geen geld is.",
        [("indirect", "er geen geld is", "zegt", "Anne Bakker")],
        id="name-in-apposition-after-a-role-with-a-modifier",
    ),
    pytest.param(
        "'Het systeem kraakt aan alle kanten', aldus gedelegeerd bestuurder Greet Vercammen.",
        [("direct", "Het systeem kraakt aan alle kanten", "aldus", "Greet Vercammen")],
        id="participle-before-the-role",
    ),
    pytest.param(
        "Kevin D. (24) stond dinsdag terecht. De rechter zei dat hij een zware straf verdient.",
        [("indirect", "hij een zware straf verdient", "zei", "de rechter")],
        id="a-judge-is-not-the-suspect-named-by-an-initial",
    ),
    pytest.param(
        "Burgemeester Jan D. opende het plein. De burgemeester zei dat het mooi is.",
        [("indirect", "het mooi is", "zei", "Jan D.")],
        id="a-role-written-with-the-initial-named-person-still-resolves",
    ),
]


@pytest.mark.parametrize("text, expected", UNSEEN_CLASSES)
def test_unseen_speaker_classes(quote_nlp, text, expected):
    assert summary(quotes_of(quote_nlp, text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "De gemeente vraagt om meer geld voor de bibliotheek.",
        "Ze laat weten dat.",
    ],
)
def test_unseen_negatives(quote_nlp, text):
    assert [q for q in quotes_of(quote_nlp, text) if q.kind != "direct"] == []
