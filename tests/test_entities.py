"""Entity canonicalization on hand-built Docs (no model needed)."""

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.extract.entities import EntityIndex, entity_id_for, extract_entities, role_head

nlp = spacy.blank("nl")


def make_doc(words, ents, pos=None):
    """ents: (start_token, end_token, label); sentence = whole doc."""
    doc = Doc(nlp.vocab, words=words, pos=pos or ["PROPN" if w[:1].isupper() else "NOUN" for w in words],
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    return doc


def labels_of_the_name_at_the_end(words, label):
    """The extracted labels of a Doc whose one entity runs from its first capitalised word to its end."""
    start = next(i for i, word in enumerate(words) if word[:1].isupper())
    return [m.label for m in extract_entities(make_doc(words, [(start, len(words), label)]), "d")]


def labelled(doc):
    """(text, label) of every extracted mention."""
    return [(m.text, m.label) for m in extract_entities(doc, "d")]


def rows(doc):
    return [(m.text, m.label, m.canonical) for m in extract_entities(doc, "d")]


def test_surname_joins_the_full_name_and_shares_its_id():
    doc = make_doc(["NAVO-chef", "Jens", "Stoltenberg", "zegt", "dat", "Stoltenberg", "blijft"],
                   [(1, 3, "PER"), (5, 6, "PER")])
    mentions = [m for m in extract_entities(doc, "d") if m.label == "PER"]
    assert [m.canonical for m in mentions] == ["Jens Stoltenberg", "Jens Stoltenberg"]
    assert mentions[0].entity_id == mentions[1].entity_id == entity_id_for("PER", "Jens Stoltenberg")


def test_surname_before_the_full_name_still_joins_it():
    doc = make_doc(["Stoltenberg", "en", "later", "Jens", "Stoltenberg"], [(0, 1, "PER"), (3, 5, "PER")])
    assert rows(doc) == [("Stoltenberg", "PER", "Jens Stoltenberg"), ("Jens Stoltenberg", "PER", "Jens Stoltenberg")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # different people who share no name part stay apart
        (["Joe", "Biden", "en", "Jill", "Scholz"], [(0, 2, "PER"), (3, 5, "PER")],
         [("Joe Biden", "PER", "Joe Biden"), ("Jill Scholz", "PER", "Jill Scholz")]),
        # a place is not a person's surname just because it is short
        (["Jens", "Stoltenberg", "in", "Oslo"], [(0, 2, "PER"), (3, 4, "LOC")],
         [("Jens Stoltenberg", "PER", "Jens Stoltenberg"), ("Oslo", "LOC", "Oslo")]),
        # same organisation, other casing: one entity
        (["de", "NAVO", "en", "de", "Navo"], [(1, 2, "ORG"), (4, 5, "ORG")],
         [("NAVO", "ORG", "NAVO"), ("Navo", "ORG", "NAVO")]),
        # an abbreviation joins the name it abbreviates, in either order
        (["de", "Verenigde", "Staten", "en", "de", "VS"], [(1, 3, "LOC"), (5, 6, "LOC")],
         [("Verenigde Staten", "LOC", "Verenigde Staten"), ("VS", "LOC", "Verenigde Staten")]),
        (["EU", "en", "Europese", "Unie"], [(0, 1, "ORG"), (2, 4, "ORG")],
         [("EU", "ORG", "Europese Unie"), ("Europese Unie", "ORG", "Europese Unie")]),
        # ... but not a name with other initials
        (["VS", "en", "Verenigd", "Koninkrijk"], [(0, 1, "LOC"), (2, 4, "LOC")],
         [("VS", "LOC", "VS"), ("Verenigd Koninkrijk", "LOC", "Verenigd Koninkrijk")]),
        # determiners and titles are not part of the name
        (["minister", "Wallace", "zei"], [(0, 2, "PER")], [("Wallace", "PER", "Wallace")]),
        (["Koersdirecteur", "Marc", "Verhaeghe"], [(0, 3, "PER")], [("Marc Verhaeghe", "PER", "Marc Verhaeghe")]),
        # a one-word name that happens to be a role word stays inside a sentence
        # (at a sentence start it is the role: test_a_role_at_a_sentence_start_is_no_name)
        (["zei", "Directeur"], [(1, 2, "PER")], [("Directeur", "PER", "Directeur")]),
        # spans without letters are not names
        (["€", "3"], [(0, 1, "MISC")], []),
    ],
)
def test_canonical_names(words, ents, expected):
    assert rows(make_doc(words, ents)) == expected


def test_one_label_per_name_in_a_document():
    doc = make_doc(["Oekraïne", "en", "Oekraïne", "en", "Oekraïne"],
                   [(0, 1, "LOC"), (2, 3, "PER"), (4, 5, "LOC")])
    assert {label for _, label, _ in rows(doc)} == {"LOC"}


@pytest.mark.parametrize(
    "words, pos, kept",
    [
        (["Russische", "troepen"], ["ADJ", "NOUN"], []),  # adjective: not an entity
        (["de", "Russen", "komen"], ["DET", "PROPN", "VERB"], ["Russen"]),  # nationality noun: MISC
    ],
)
def test_attributive_adjectives_are_not_entities(words, pos, kept):
    index = 0 if words[0] != "de" else 1
    doc = make_doc(words, [(index, index + 1, "MISC")], pos=pos)
    assert [text for text, _, _ in rows(doc)] == kept


def test_roles_next_to_a_name_are_remembered():
    doc = make_doc(["NAVO-chef", "Jens", "Stoltenberg", "sprak", ".", "De", "NAVO-chef", "zei"],
                   [(1, 3, "PER")])
    index = EntityIndex(doc)
    assert index.find_by_role("NAVO-chef", before=len(doc.text)).canonical == "Jens Stoltenberg"
    assert index.find_by_role("chef", before=len(doc.text)).canonical == "Jens Stoltenberg"
    assert index.find_by_role("premier", before=len(doc.text)) is None


@pytest.mark.parametrize(
    "word, expected",
    [("NAVO-chef", ("person", "chef")), ("defensieminister", ("person", "minister")),
     ("secretaris-generaal", ("person", "secretaris-generaal")), ("ministerie", ("organisation", "ministerie")),
     ("troepen", None), ("administer", None)],
)
def test_role_head(word, expected):
    assert role_head(word) == expected


def test_a_name_after_a_preposition_gets_no_role():
    doc = make_doc(["de", "supermarktketen", "uit", "Zaandam", "groeit"], [(3, 4, "LOC")],
                   pos=["DET", "NOUN", "ADP", "PROPN", "VERB"])
    index = EntityIndex(doc)
    assert index.find_by_role("supermarktketen", before=len(doc.text)) is None


def test_a_name_split_into_two_person_entities_is_one_mention():
    doc = make_doc(["Karin", "Smit", "zegt", "het", "en", "Smit", "blijft"], [(0, 1, "PER"), (1, 2, "PER"), (5, 6, "PER")])
    assert rows(doc) == [("Karin Smit", "PER", "Karin Smit"), ("Smit", "PER", "Karin Smit")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # Flemish surnames and names of organisations keep their capitalised article
        (["premier", "De", "Croo", "zei"], [(1, 3, "PER")], [("De Croo", "PER", "De Croo")]),
        (["bij", "De", "Lijn"], [(1, 3, "ORG")], [("De Lijn", "ORG", "De Lijn")]),
        # a lower-case article is not part of the name
        (["de", "NAVO"], [(0, 2, "ORG")], [("NAVO", "ORG", "NAVO")]),
        # a surname that looks like a role noun is not stripped from a two-word name
        (["Karin", "Arts", "zei"], [(0, 2, "PER")], [("Karin Arts", "PER", "Karin Arts")]),
    ],
)
def test_articles_and_role_words_inside_names(words, ents, expected):
    assert rows(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, pos, ents, expected",
    [
        # the model tagged only the surname: the untagged first name joins it
        (["de", "president", "Volodymyr", "Zelensky", "zei"], ["DET", "NOUN", "PROPN", "PROPN", "VERB"],
         [(3, 4, "PER")], ["Volodymyr Zelensky"]),
        # ... but not a title, a role word or a common noun
        (["de", "Minister", "Zelensky", "zei"], ["DET", "PROPN", "PROPN", "VERB"], [(2, 3, "PER")], ["Zelensky"]),
        (["in", "Kiev", "Zelensky"], ["ADP", "PROPN", "PROPN"], [(1, 2, "LOC"), (2, 3, "PER")], ["Kiev", "Zelensky"]),
    ],
)
def test_untagged_first_names_join_the_person(words, pos, ents, expected):
    doc = make_doc(words, ents, pos=pos)
    assert [text for text, _, _ in rows(doc)] == expected


@pytest.mark.parametrize(
    "words, expected",
    [
        (["Arjen", "Lubbers", "van", "de", "Universiteit", "Twente"], "Arjen Lubbers"),
        (["Femke", "Hulshof", "van", "GroenLinks-PvdA"], "Femke Hulshof"),
        (["Karel", "Peeters", "van", "CD&V"], "Karel Peeters"),
        # a surname after the particle stays in the name
        (["Henk", "Jan", "van", "der", "Veen"], "Henk Jan van der Veen"),
        (["Ruud", "van", "Nistelrooy"], "Ruud van Nistelrooy"),
        (["Jan", "Peeters", "van", "Dijk"], "Jan Peeters van Dijk"),
    ],
)
def test_person_span_loses_the_affiliation_after_van(words, expected):
    doc = make_doc(words + ["zegt", "dat"], [(0, len(words), "PER")])
    assert rows(doc)[0][0] == expected


@pytest.mark.parametrize(
    "words, ents, pos, expected",
    [
        # an untagged surname after lower-case particles joins the person
        (["Ursula", "von", "der", "Leyen", "sprak"], [(0, 1, "PER")], None, "Ursula von der Leyen"),
        # a tagged place after the particle does not
        (["Jan", "van", "Gent", "sprak"], [(0, 1, "PER"), (2, 3, "LOC")], None, "Jan"),
        # a MISC first name right before a person is part of the name
        (["Karin", "Smit", "zegt"], [(0, 1, "MISC"), (1, 2, "PER")], None, "Karin Smit"),
        # an adjective tagged MISC is not
        (["Franse", "Macron", "zegt"], [(0, 1, "MISC"), (1, 2, "PER")], ["ADJ", "PROPN", "VERB"], "Macron"),
    ],
)
def test_person_names_the_model_split(words, ents, pos, expected):
    doc = make_doc(words, ents, pos=pos)
    assert [m.text for m in extract_entities(doc, "d") if m.label == "PER"] == [expected]


@pytest.mark.parametrize("words, ents, expected", [
    # a name right after a noun for a kind of place is a place, in every mention
    (["Wie", "in", "de", "regio", "Gorinchem", "woont", ",", "wacht", ".", "Gorinchem", "alleen"],
     [(4, 5, "PER"), (9, 10, "PER")], [("Gorinchem", "LOC"), ("Gorinchem", "LOC")]),
    (["de", "stad", "Gent", "groeit"], [(2, 3, "MISC")], [("Gent", "LOC")]),
    # negative cases: a role noun, 'gemeente' (often the organisation), an organisation tag
    (["minister", "Verhulst", "zegt"], [(1, 2, "PER")], [("Verhulst", "PER")]),
    (["de", "gemeente", "Utrecht", "zegt"], [(2, 3, "ORG")], [("Utrecht", "ORG")]),
    (["de", "provincie", "Limburg", "zegt"], [(2, 3, "ORG")], [("Limburg", "ORG")]),
    (["Gorinchem", "zegt"], [(0, 1, "PER")], [("Gorinchem", "PER")]),
])
def test_names_after_place_nouns_are_places(words, ents, expected):
    assert [(text, label) for text, label, _ in rows(make_doc(words, ents))] == expected


@pytest.mark.parametrize("words, ents, expected", [
    # a name right after a compound (or hyphenated word) ending in a noun for a kind of
    # organisation, or after a noun that introduces a name on its own, is an organisation,
    # in every mention of the document
    (["Het", "coatingbedrijf", "Nedcoat", "schrapt", "banen", ".", "Nedcoat", "zegt"],
     [(2, 3, "PER"), (6, 7, "PER")], [("Nedcoat", "ORG"), ("Nedcoat", "ORG")]),
    (["de", "supermarktketen", "Albert", "Heijn", "groeit"], [(2, 4, "PER")], [("Albert Heijn", "ORG")]),
    (["het", "ICT-bedrijf", "Acme", "groeit"], [(2, 3, "MISC")], [("Acme", "ORG")]),
    (["uitgeverij", "Querido", "meldt"], [(1, 2, "PER")], [("Querido", "ORG")]),
    # negative cases: a bare generic noun (often a subject before a person as object),
    # bodies named after a person who leads them, compounds that name persons or other
    # things, a person's role noun, a place tag, and a name not right after the noun
    (["omdat", "het", "bedrijf", "Jansen", "ontsloeg", ".", "Jansen", "zweeg"], [(3, 4, "PER"), (6, 7, "PER")],
     [("Jansen", "PER"), ("Jansen", "PER")]),
    (["een", "woordvoerder", "van", "de", "vakbond", "Linda", "Bakker"], [(5, 7, "PER")], [("Linda Bakker", "PER")]),
    (["het", "kabinet", "Rutte", "viel"], [(2, 3, "PER")], [("Rutte", "PER")]),
    (["de", "commissie", "Remkes", "adviseert"], [(2, 3, "PER")], [("Remkes", "PER")]),
    (["tv-producent", "John", "de", "Mol"], [(1, 4, "PER")], [("John de Mol", "PER")]),
    (["op", "de", "reservebank", "Brian", "Brobbey"], [(3, 5, "PER")], [("Brian Brobbey", "PER")]),
    (["de", "tegenpartij", "Sandra", "Visser"], [(2, 4, "PER")], [("Sandra Visser", "PER")]),
    (["bedrijfsleider", "Jansen", "zegt"], [(1, 2, "PER")], [("Jansen", "PER")]),
    (["het", "energiebedrijf", "Delfzijl", "zegt"], [(2, 3, "LOC")], [("Delfzijl", "LOC")]),
    (["het", "energiebedrijf", "van", "Jansen", "groeit"], [(3, 4, "PER")], [("Jansen", "PER")]),
])
def test_names_after_organisation_nouns_are_organisations(words, ents, expected):
    assert [(text, label) for text, label, _ in rows(make_doc(words, ents))] == expected


def with_first_names(doc, *starts):
    doc.spans["gazetteer"] = [Span(doc, i, i + 1, label="FIRST_NAME") for i in starts]
    return doc


@pytest.mark.parametrize("words, ents, first_names, expected", [
    # a capitalised role or nationality before a known first name is not part of the name
    (["Conservator", "Joost", "Vanhoutte", "legt", "uit"], [(1, 3, "PER")], [1], "Joost Vanhoutte"),
    (["de", "Nederlander", "Tim", "Jansen", "won"], [(1, 2, "MISC"), (2, 4, "PER")], [2], "Tim Jansen"),
    # negative cases: a first name before the name still joins it, and without a
    # gazetteer (another model) the untagged proper noun is taken in as before
    (["Karin", "Smit", "zegt"], [(0, 1, "MISC"), (1, 2, "PER")], [0], "Karin Smit"),
    (["president", "Volodymyr", "Zelensky", "zegt"], [(2, 3, "PER")], [1], "Volodymyr Zelensky"),
    (["Conservator", "Joost", "Vanhoutte", "legt", "uit"], [(1, 3, "PER")], None, "Conservator Joost Vanhoutte"),
])
def test_a_word_before_a_known_first_name_is_no_name_part(words, ents, first_names, expected):
    doc = make_doc(words, ents)
    if first_names is not None:
        with_first_names(doc, *first_names)
    assert [m.text for m in extract_entities(doc, "d") if m.label == "PER"] == [expected]


def _rows_with_offsets(doc):
    return [(m.text, m.label, m.canonical, m.start, m.end) for m in extract_entities(doc, "d")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # the name before a compound's hyphen, known from the document, replaces the model's MISC
        (["de", "NAVO", "en", "de", "NAVO-landen"], [(1, 2, "ORG"), (4, 5, "MISC")],
         [("NAVO", "ORG", "NAVO", 3, 7), ("NAVO", "ORG", "NAVO", 14, 18)]),
        # ... or known as an organisation; a role compound before a person
        (["een", "D66-raadslid", "zegt"], [], [("D66", "ORG", "D66", 4, 7)]),
        (["GroenLinks-PvdA-leider", "Jesse", "Klaver"], [(1, 3, "PER")],
         [("GroenLinks-PvdA", "ORG", "GroenLinks-PvdA", 0, 15), ("Jesse Klaver", "PER", "Jesse Klaver", 23, 35)]),
        # a capitalised role after the hyphen ('Kamerlid' is written so)
        (["PVV-Kamerlid", "Geert", "Wilders"], [(0, 3, "PER")],
         [("PVV", "ORG", "PVV", 0, 3), ("Geert Wilders", "PER", "Geert Wilders", 13, 26)]),
        # a known name of several words before the hyphen
        (["een", "Vlaams", "Belang-parlementslid"], [(1, 3, "MISC")],
         [("Vlaams Belang", "ORG", "Vlaams Belang", 4, 17)]),
        # a person's surname joins the person
        (["Geert", "Wilders", "en", "het", "Wilders-effect"], [(0, 2, "PER")],
         [("Geert Wilders", "PER", "Geert Wilders", 0, 13), ("Wilders", "PER", "Geert Wilders", 21, 28)]),
        # negative: no name known for the part, lower-case or capitalised last parts, longer entities
        (["de", "CO2-uitstoot", "daalt"], [], []),
        (["de", "Europa-tournee"], [], []),
        (["oud-premier", "Rutte"], [(1, 2, "PER")], [("Rutte", "PER", "Rutte", 12, 17)]),
        (["Noord-Holland", "en", "Noord"], [(0, 1, "LOC"), (2, 3, "LOC")],
         [("Noord-Holland", "LOC", "Noord-Holland", 0, 13), ("Noord", "LOC", "Noord", 17, 22)]),
        (["NAVO", "in", "NAVO-hoofdkwartier", "Brussel"], [(0, 1, "ORG"), (2, 4, "LOC")],
         [("NAVO", "ORG", "NAVO", 0, 4), ("NAVO-hoofdkwartier Brussel", "LOC", "NAVO-hoofdkwartier Brussel", 8, 34)]),
    ],
)
def test_name_before_a_compounds_hyphen(words, ents, expected):
    assert _rows_with_offsets(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, label, expected",
    [
        (["het", "Lingedal", "Ziekenhuis"], "LOC", "ORG"),
        (["de", "Universiteit", "Twente"], "LOC", "ORG"),
        (["in", "opdracht", "van", "Dagblad", "Oost"], "LOC", "ORG"),
        (["de", "Erasmus", "Universiteit"], "MISC", "ORG"),
        # negative: one word, a place noun first, no organisation noun, a person
        (["de", "Universiteit"], "LOC", "LOC"),
        (["in", "Hof", "van", "Twente"], "LOC", "LOC"),
        (["in", "Nieuw", "Amsterdam"], "LOC", "LOC"),
        (["zegt", "Jan", "Raad"], "PER", "PER"),
    ],
)
def test_a_name_beginning_or_ending_with_an_organisation_noun_is_an_organisation(words, label, expected):
    assert labels_of_the_name_at_the_end(words, label) == [expected]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # portfolio words are no entity (annotation guide 3) ...
        (["minister", "van", "Financiën", "Ingrid", "Bakhuis"], [(2, 3, "ORG"), (3, 5, "PER")],
         [("Ingrid Bakhuis", "PER")]),
        (["Yasmina", "El", "Amrani", "(", "Duurzaamheid", ")"], [(0, 3, "PER"), (4, 5, "ORG")],
         [("Yasmina El Amrani", "PER")]),
        (["een", "vergadering", "van", "Defensie-ministers"], [(3, 4, "MISC")], []),
        (["zegt", "Groen-fractieleider", "Jasper", "Declercq"], [(1, 2, "MISC"), (2, 4, "PER")],
         [("Groen", "ORG"), ("Jasper Declercq", "PER")]),  # a party, though 'groen' is a portfolio too
        # ... but the ministry they name is, and so are other names
        (["het", "ministerie", "van", "Infrastructuur", "en", "Waterstaat"], [(1, 6, "ORG")],
         [("ministerie van Infrastructuur en Waterstaat", "ORG")]),
        (["het", "ministerie", "van", "Infrastructuur", "en", "Waterstaat"], [(3, 6, "ORG")],
         [("ministerie van Infrastructuur en Waterstaat", "ORG")]),  # the whole ministry
        (["minister", "van", "Financiën", "Ingrid", "Bakhuis"], [(3, 5, "PER")], [("Ingrid Bakhuis", "PER")]),
        # a portfolio the model took into a name after a role: the rest is the person
        (["minister", "van", "Welzijn", "Elke", "Vandeputte"], [(2, 5, "MISC")], [("Elke Vandeputte", "PER")]),
        (["de", "dienst", "van", "Welzijn", "Elke", "Vandeputte"], [(3, 6, "MISC")],
         [("Welzijn Elke Vandeputte", "MISC")]),
        (["De", "Algemene", "Onderwijsbond", "meldt"], [(1, 3, "ORG")], [("Algemene Onderwijsbond", "ORG")]),
        (["de", "haven", "van", "Rotterdam"], [(3, 4, "LOC")], [("Rotterdam", "LOC")]),
    ],
)
def test_portfolio_words_are_no_entity(words, ents, expected):
    assert labelled(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, pos, ents, expected",
    [
        # the untagged surname of a person named in full joins that person
        (["zegt", "Carolien", "Hoogendijk", ".", "Volgens", "Hoogendijk", "lijdt", "het"],
         ["VERB", "PROPN", "PROPN", "PUNCT", "ADP", "PROPN", "VERB", "DET"], [(1, 3, "PER")],
         [("Carolien Hoogendijk", "Carolien Hoogendijk"), ("Hoogendijk", "Carolien Hoogendijk")]),
        # negative: another first name before it, two people with that surname, a particle
        (["Carolien", "Hoogendijk", "en", "Jan", "Hoogendijk"], ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN"],
         [(0, 2, "PER")], [("Carolien Hoogendijk", "Carolien Hoogendijk")]),
        (["Carolien", "Hoogendijk", "en", "Kees", "Hoogendijk", "of", "Hoogendijk"],
         ["PROPN", "PROPN", "CCONJ", "PROPN", "PROPN", "CCONJ", "PROPN"], [(0, 2, "PER"), (3, 5, "PER")],
         [("Carolien Hoogendijk", "Carolien Hoogendijk"), ("Kees Hoogendijk", "Kees Hoogendijk")]),
        (["Ursula", "Leyen", "en", "von", "der", "Leyen"], ["PROPN", "PROPN", "CCONJ", "ADP", "ADP", "PROPN"],
         [(0, 2, "PER")], [("Ursula Leyen", "Ursula Leyen")]),
        # a surname written as an initial, also at a sentence start
        (["Mehmet", "Y.", "zweeg", ".", "Y.", "ontkent"], ["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB"],
         [(0, 2, "PER")], [("Mehmet Y.", "Mehmet Y."), ("Y.", "Mehmet Y.")]),
        # a sentence start, a capitalised word after it, a surname with a particle
        (["Peter", "Brand", "sprak", ".", "Brand", "in", "een", "loods"],
         ["PROPN", "PROPN", "VERB", "PUNCT", "NOUN", "ADP", "DET", "NOUN"], [(0, 2, "PER")],
         [("Peter Brand", "Peter Brand")]),
        (["Eva", "Zwart", "zag", "Zwart", "Piet"], ["PROPN", "PROPN", "VERB", "PROPN", "PROPN"], [(0, 2, "PER")],
         [("Eva Zwart", "Eva Zwart")]),
        (["Marco", "de", "Boer", "zegt", "dat", "Boer", "zijn", "zwaar", "is"],
         ["PROPN", "ADP", "PROPN", "VERB", "SCONJ", "NOUN", "AUX", "ADJ", "AUX"], [(0, 3, "PER")],
         [("Marco de Boer", "Marco de Boer")]),
    ],
)
def test_untagged_surname_of_a_named_person(words, pos, ents, expected):
    doc = make_doc(words, ents, pos=pos)
    assert [(m.text, m.canonical) for m in extract_entities(doc, "d")] == expected


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a role capitalised at a sentence start is no name
        (["Kamerlid", "Tom", "Jansen", "zei"], [(0, 1, "PER"), (1, 3, "PER")], [("Tom Jansen", "PER")]),
        (["“", "Burgemeester", "zei", "het", "”"], [(1, 2, "PER")], []),
        # negative: inside a sentence it may be a surname; a compound organisation stays
        (["zei", "Koning", "gisteren"], [(1, 2, "PER")], [("Koning", "PER")]),
        (["Belastingdienst", "meldt"], [(0, 1, "ORG")], [("Belastingdienst", "ORG")]),
        # negative: a surname that is also a role, in a list, is no sentence start
        (["Wilders", ",", "Koning", "en", "Bisschop", "stemden"], [(0, 1, "PER"), (2, 3, "PER"), (4, 5, "PER")],
         [("Wilders", "PER"), ("Koning", "PER"), ("Bisschop", "PER")]),
        # a role compound or a role in capitals is no name anywhere
        (["Hoekstra", ",", "Eurocommissaris", "voor", "Klimaat"], [(0, 1, "PER"), (2, 3, "MISC")],
         [("Hoekstra", "PER")]),
        (["De", "CEO", "wil", "banen", "schrappen"], [(1, 2, "ORG")], []),
        (["zegt", "de", "Kinderombudsman", "vandaag"], [(2, 3, "ORG")], [("Kinderombudsman", "ORG")]),  # an office
        # a role before one name word at a sentence start is the title ('Invaller Mulder')
        (["Invaller", "Mulder", "bezorgt", "zege"], [(0, 2, "PER")], [("Mulder", "PER")]),
    ],
)
def test_a_role_at_a_sentence_start_is_no_name(words, ents, expected):
    assert labelled(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # an organisation noun right before a place: one organisation
        (["Het", "Havenbedrijf", "Rotterdam", "meldt"], [(1, 2, "MISC"), (2, 3, "LOC")],
         [("Havenbedrijf Rotterdam", "ORG")]),
        (["de", "Politiezone", "Gent", "meldt"], [(2, 3, "LOC")], [("Politiezone Gent", "ORG")]),
        # an organisation cut before 'voor de ...' runs on
        (["het", "Centraal", "Bureau", "voor", "de", "Statistiek", "meldt"], [(1, 3, "ORG"), (5, 6, "MISC")],
         [("Centraal Bureau voor de Statistiek", "ORG")]),
        # negative: a noun that also begins places, a lower-case noun, a person after 'van'
        (["de", "Provincie", "Utrecht"], [(1, 3, "LOC")], [("Provincie Utrecht", "LOC")]),
        (["het", "bedrijf", "Rotterdam"], [(2, 3, "LOC")], [("Rotterdam", "LOC")]),
        (["de", "Europese", "Commissie", "van", "Ursula", "Jansen"], [(1, 3, "ORG"), (4, 6, "PER")],
         [("Europese Commissie", "ORG"), ("Ursula Jansen", "PER")]),
    ],
)
def test_organisation_names_cut_by_the_model_are_mended(words, ents, expected):
    assert labelled(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, label, expected",
    [
        (["Meijerink", "Verpakkingen", "schrapt", "banen"], "PER", "ORG"),
        (["bij", "Van", "Oord", "Groep"], "LOC", "ORG"),
        (["de", "Triodos", "Bank"], "MISC", "ORG"),
        (["Jansen", "B.V.", "meldt"], "PER", "ORG"),
        # negative: a singular company word ends a person's name too ('Jan Bank', 'Marieke Holding')
        (["zegt", "Jan", "Bank"], "PER", "PER"),
        # negative: one word, a trade noun in lower case, a surname that is a trade ('Bouw')
        (["de", "Groep"], "MISC", "MISC"),
        (["zegt", "Peter", "Bouw"], "PER", "PER"),
    ],
)
def test_a_name_ending_in_a_company_word_is_an_organisation(words, label, expected):
    start = next(i for i, word in enumerate(words) if word[:1].isupper())
    end = max(i for i, word in enumerate(words) if word[:1].isupper()) + 1
    doc = make_doc(words, [(start, end, label)])
    assert [m.label for m in extract_entities(doc, "d")] == [expected]


@pytest.mark.parametrize(
    "words, label, expected",
    [
        (["aan", "de", "Moerkerkse", "Steenweg"], "MISC", "LOC"),
        (["op", "de", "Stationslaan"], "MISC", "LOC"),
        (["rond", "het", "IJsselmeer"], "ORG", "LOC"),
        (["in", "de", "Noordzee"], "MISC", "LOC"),
        (["via", "de", "N302"], "MISC", "LOC"),
        (["op", "de", "E40"], "ORG", "LOC"),
        # negative: surnames end the same way, so a person stays one; a word that is only the ending
        (["zegt", "Jan", "van", "der", "Laan"], "PER", "PER"),
        (["zegt", "Vermeer"], "PER", "PER"),
        (["de", "Weg"], "MISC", "MISC"),
        (["de", "A380"], "MISC", "MISC"),
        (["op", "het", "niveau", "A2"], "MISC", "MISC"),  # a language level, no road
        (["de", "A1", "van", "Ajax"], "MISC", "MISC"),  # a youth team
    ],
)
def test_streets_waters_and_road_numbers_are_places(words, label, expected):
    assert labels_of_the_name_at_the_end(words, label) == [expected]


@pytest.mark.parametrize(
    "words, expected",
    [
        (["De", "N201", "bij", "Aalsmeer"], [("N201", "LOC")]),
        (["via", "de", "A2", "en", "A12"], [("A2", "LOC"), ("A12", "LOC")]),
        # negative: no 'de' before it, or not a road number
        (["print", "het", "op", "A4"], []),
        (["de", "A380", "landt"], []),
    ],
)
def test_untagged_road_numbers_after_de(words, expected):
    doc = make_doc(words, [], pos=["NOUN"] * len(words))
    assert labelled(doc) == expected


def test_a_town_is_the_club_the_document_named_after_it_except_after_a_place_preposition():
    words = ["FC", "Groningen", "won", ".", "Groningen", "staat", "achtste", "in", "Groningen", "."]
    doc = make_doc(words, [(0, 2, "ORG"), (4, 5, "LOC"), (8, 9, "LOC")])
    assert rows(doc) == [("FC Groningen", "ORG", "FC Groningen"), ("Groningen", "ORG", "FC Groningen"),
                         ("Groningen", "LOC", "Groningen")]


def test_a_town_without_its_club_in_the_document_stays_a_place():
    doc = make_doc(["Groningen", "groeit", "."], [(0, 1, "LOC")])
    assert rows(doc) == [("Groningen", "LOC", "Groningen")]


@pytest.mark.parametrize(
    "words, ents, first_names, expected",
    [
        # a person role before a name with a known first name or a surname particle: a person
        (["Hema-topman", "Ton", "van", "Veen", "zegt"], [(1, 4, "LOC")], [], [("Hema", "ORG"), ("Ton van Veen", "PER")]),
        (["minister", "Anna", "Vos"], [(1, 3, "MISC")], [1], [("Anna Vos", "PER")]),
        # negative: no role before it, one word, or no first name and no particle
        (["in", "Ton", "van", "Veen"], [(1, 4, "LOC")], [], [("Ton van Veen", "LOC")]),
        (["minister", "Vos"], [(1, 2, "LOC")], [], [("Vos", "LOC")]),
        (["burgemeester", "Den", "Haag"], [(1, 3, "LOC")], [], [("Den Haag", "LOC")]),
    ],
)
def test_a_name_after_a_person_role_is_a_person(words, ents, first_names, expected):
    doc = make_doc(words, ents)
    doc.spans["gazetteer"] = [Span(doc, i, i + 1, "FIRST_NAME") for i in first_names]
    assert labelled(doc) == expected


def test_a_place_after_a_place_noun_never_joins_a_person_of_that_surname():
    words = ["de", "stad", "Breda", "en", "wethouder", "Jan", "Breda", "."]
    doc = make_doc(words, [(2, 3, "LOC"), (5, 7, "PER")])
    assert rows(doc) == [("Breda", "LOC", "Breda"), ("Jan Breda", "PER", "Jan Breda")]


def test_an_entity_over_a_date_is_no_name():
    doc = make_doc(["Eergisteren", "werd", "het", "bekend", "in", "Gent"], [(0, 1, "PER"), (5, 6, "LOC")])
    doc.spans["dates"] = [Span(doc, 0, 1, "DATE")]
    assert rows(doc) == [("Gent", "LOC", "Gent")]


def test_a_person_of_two_words_over_a_date_keeps_the_name():
    doc = make_doc(["April", "Hendriks", "zei", "het"], [(0, 2, "PER")])
    doc.spans["dates"] = [Span(doc, 0, 1, "DATE")]
    assert rows(doc) == [("April Hendriks", "PER", "April Hendriks")]


@pytest.mark.parametrize("words", [
    ["de", "gemeente", "Groningen", "wil"], ["de", "burgemeester", "van", "Groningen"], ["naar", "Groningen"],
])
def test_the_town_of_a_named_club_after_words_of_the_town(words):
    doc = make_doc(["FC", "Groningen", "won", "."] + words, [(0, 2, "ORG"), (4 + words.index("Groningen"), 5 + words.index("Groningen"), "LOC")])
    assert labelled(doc)[1] == ("Groningen", "LOC")


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a capitalised article at a sentence start before a name ending in an organisation noun
        (["Het", "Lingedal", "Ziekenhuis", "zegt"], [(0, 3, "ORG")], [("Lingedal Ziekenhuis", "ORG")]),
        # negative: names that keep their article
        (["De", "Lijn", "staakt"], [(0, 2, "ORG")], [("De Lijn", "ORG")]),
        (["Het", "Parool", "meldt"], [(0, 2, "MISC")], [("Het Parool", "MISC")]),
    ],
)
def test_a_sentence_start_article_before_an_organisation_name(words, ents, expected):
    assert labelled(make_doc(words, ents)) == expected


def test_portfolio_words_after_a_ministry_noun_are_one_ministry():
    words = ["het", "ministerie", "van", "Volksgezondheid", ",", "Welzijn", "en", "Sport", "begint"]
    doc = make_doc(words, [(3, 4, "ORG"), (5, 6, "ORG"), (7, 8, "MISC")])
    assert labelled(doc) == [
        ("ministerie van Volksgezondheid , Welzijn en Sport", "ORG")]  # make_doc puts a space before every word


@pytest.mark.parametrize(
    "words, ents, towns, expected",
    [
        # a town in a match report (a score and a verb of a match) is the club named after it
        (["Anderlecht", "won", "met", "2-1", "van", "Genk"], [(0, 1, "LOC"), (5, 6, "LOC")], [0, 5],
         [("Anderlecht", "ORG"), ("Genk", "ORG")]),
        # negative: no score, a country (no town of the gazetteer), a town after 'in'
        (["Anderlecht", "groeit", "snel"], [(0, 1, "LOC")], [0], [("Anderlecht", "LOC")]),
        (["Nederland", "won", "met", "2-1"], [(0, 1, "LOC")], [], [("Nederland", "LOC")]),
        (["Brugge", "won", "met", "1-2", "in", "Genk"], [(0, 1, "LOC"), (5, 6, "LOC")], [0, 5],
         [("Brugge", "ORG"), ("Genk", "LOC")]),
        (["Rotterdam", "kleurde", "rood", "nadat", "Feyenoord", "met", "2-1", "won"], [(0, 1, "LOC"), (4, 5, "ORG")],
         [0], [("Rotterdam", "LOC"), ("Feyenoord", "ORG")]),  # the town that celebrated
    ],
)
def test_a_town_in_a_match_report_is_its_club(words, ents, towns, expected):
    doc = make_doc(words, ents)
    doc.spans["gazetteer"] = [Span(doc, i, i + 1, "TOWN") for i in towns]
    assert labelled(doc) == expected


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        (["Station", "Groningen", "is", "dicht"], [(0, 2, "ORG")], [("Groningen", "LOC")]),
        (["bij", "station", "Utrecht"], [(2, 3, "PER")], [("Utrecht", "LOC")]),
        # negative: other place nouns in a name stay as the model has them ('Provincie Limburg' may be the body)
        (["Provincie", "Limburg", "investeert"], [(0, 2, "ORG")], [("Provincie Limburg", "ORG")]),
    ],
)
def test_a_station_is_the_place_named_after_it(words, ents, expected):
    assert labelled(make_doc(words, ents)) == expected
