"""Known organisation names (resources/organisations.json) against the model's entities."""

import pytest
import spacy
from spacy.tokens import Doc, Span

from pipeline.extract.entities import extract_entities
from pipeline.extract.organisation_names import organisation_name_spans

nlp = spacy.blank("nl")


def make_doc(words, ents):
    doc = Doc(nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label) for s, e, label in ents]
    return doc


def rows(doc):
    return [(m.text, m.label, m.model_label) for m in extract_entities(doc, "d")]


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        # a party the model took for a person or MISC is an organisation; the raw label stays
        (["Lijsttrekker", "van", "GroenLinks-PvdA", "reageert"], [(2, 3, "PER")],
         [("GroenLinks-PvdA", "ORG", "PER")]),
        (["het", "CDA", "en", "de", "ChristenUnie"], [(4, 5, "MISC")],
         [("CDA", "ORG", None), ("ChristenUnie", "ORG", "MISC")]),
        # a body the model missed is added, with no model label
        (["Het", "KNMI", "waarschuwt"], [], [("KNMI", "ORG", None)]),
        # a model entity inside a longer known name becomes the name
        (["stemde", "Vlaams", "Belang", "tegen"], [(1, 2, "MISC")], [("Vlaams Belang", "ORG", None)]),
        # two names joined by 'en' in one model entity are split
        (["de", "Partij", "voor", "de", "Dieren", "en", "Forum", "voor", "Democratie"], [(1, 9, "ORG")],
         [("Partij voor de Dieren", "ORG", None), ("Forum voor Democratie", "ORG", None)]),
        # a model entity with another capitalised word keeps its span and label
        (["het", "CDA", "Limburg", "wil"], [(1, 3, "ORG")], [("CDA Limburg", "ORG", "ORG")]),
        (["de", "GGD", "Rotterdam-Rijnmond", "meldt"], [(1, 2, "MISC"), (2, 3, "LOC")],
         [("GGD Rotterdam-Rijnmond", "ORG", None)]),  # a branch
        (["de", "GGD", "in", "Rotterdam"], [(3, 4, "LOC")], [("GGD", "ORG", None), ("Rotterdam", "LOC", "LOC")]),
        (["de", "GGD", "Rotterdam-Rijnmond", "meldt"], [(1, 3, "MISC")], [("GGD Rotterdam-Rijnmond", "ORG", "MISC")]),
        (["zegt", "Jan", "Groen", "."], [(1, 3, "PER")], [("Jan Groen", "PER", "PER")]),
        # a person the model ran on into a club is split from it; the club joins no person
        (["zei", "Tarik", "Benali", "Feyenoord", ".", "Feyenoord", "won"], [(1, 4, "PER"), (5, 6, "PER")],
         [("Tarik Benali", "PER", "PER"), ("Feyenoord", "ORG", None), ("Feyenoord", "ORG", "PER")]),
        # a person 'van' a party: the affiliation is cut and the party added
        (["zegt", "Femke", "Hulshof", "van", "GroenLinks-PvdA", "."], [(1, 5, "PER")],
         [("Femke Hulshof", "PER", "PER"), ("GroenLinks-PvdA", "ORG", None)]),
        # a local party or club: a prefix and its capitalised name
        (["raadslid", "van", "Leefbaar", "Rotterdam"], [(3, 4, "LOC")], [("Leefbaar Rotterdam", "ORG", None)]),
        (["FC", "Twente", "won"], [], [("FC Twente", "ORG", None)]),
        # companies the model types from their spelling
        (["Philips", "schrapt", "banen"], [(0, 1, "PER")], [("Philips", "ORG", "PER")]),
        (["bij", "Tata", "Steel", "in", "IJmuiden"], [(1, 3, "LOC"), (4, 5, "LOC")],
         [("Tata Steel", "ORG", "LOC"), ("IJmuiden", "LOC", "LOC")]),
        (["volgens", "ASML"], [], [("ASML", "ORG", None)]),
        # negative: a product of a maker's name, and a company word in lower case
        (["een", "Tesla", "rijdt"], [(1, 2, "MISC")], [("Tesla", "MISC", "MISC")]),
        (["de", "shell", "van", "de", "computer"], [], []),
        (["in", "de", "Randstad"], [(2, 3, "LOC")], [("Randstad", "LOC", "LOC")]),  # a region, also a company
        # a first name before a company's name is its family ('Frits Philips'); a product keeps its label
        (["Frits", "Philips", "was", "het", "gezicht"], [(0, 2, "PER")], [("Frits Philips", "PER", "PER")]),
        (["de", "nieuwe", "Apple", "Watch"], [(2, 4, "MISC")], [("Apple Watch", "MISC", "MISC")]),
        # negative: a prefix with no name after it, and case matters
        (["Leefbaar", "is", "het", "niet"], [], []),
        (["de", "ns", "en", "de", "Sp"], [], []),
        # words that are also names count only inside a sentence, between lower-case words
        (["zegt", "Lotte", "Verhulst", "(", "Vooruit", ")"], [(1, 3, "PER"), (4, 5, "LOC")],
         [("Lotte Verhulst", "PER", "PER"), ("Vooruit", "ORG", "LOC")]),
        (["Vooruit", ",", "zei", "hij"], [], []),
        (["zei", "ze", ":", "“", "Groen", "is", "prima", "”"], [], []),  # a quote starts a sentence
        (["Groen", "licht", "voor", "het", "plan"], [], []),
        (["stemt", "Groen", "tegen"], [], [("Groen", "ORG", None)]),
        (["kreeg", "Groen", "Licht"], [], []),
    ],
)
def test_known_organisation_names(words, ents, expected):
    assert rows(make_doc(words, ents)) == expected


@pytest.mark.parametrize(
    "words, ents, expected",
    [
        (["Club", "Brugge", "won", ".", "Club", "blijft", "leider"], [(0, 2, "LOC"), (4, 5, "MISC")],
         [("Club Brugge", "ORG", "Club Brugge"), ("Club", "ORG", "Club Brugge")]),
        # negative: without the full name in the document
        (["De", "Club", "blijft", "open"], [(1, 2, "MISC")], [("Club", "MISC", "Club")]),
    ],
)
def test_a_clubs_short_form_joins_the_club_named_in_full(words, ents, expected):
    assert [(m.text, m.label, m.canonical) for m in extract_entities(make_doc(words, ents), "d")] == expected


def test_overlapping_names_keep_the_longest():
    doc = make_doc(["van", "GroenLinks", "en", "de", "Volt", "Nederland"], [])
    assert [span.text for span in organisation_name_spans(doc)] == ["GroenLinks", "Volt Nederland"]
