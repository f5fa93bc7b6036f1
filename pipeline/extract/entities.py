"""Entity mentions with one canonical identity per real-world entity.

Within a document, a person's later short forms ("Stoltenberg") join the
fullest name given ("Jens Stoltenberg"); other names join on their normalized
form. Role nouns written next to a name ("NAVO-chef Jens Stoltenberg") are
remembered as aliases, so later references by role can be resolved by the quote
extractor. ``entity_id`` depends only on label and canonical name, so the same
entity gets the same id in every document and every run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator, NamedTuple

import numpy
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

import pipeline.extensions  # noqa: F401
from pipeline.components.text_cues import starts_sentence
from pipeline.extract.common import SentenceIndex, stable_id
from pipeline.extract.organisation_names import (
    ORG,
    club_names_of_town,
    in_match_report,
    full_name_of_short_form,
    is_known_organisation,
    organisation_name_spans,
    with_organisation_names,
)
from pipeline.models import canonical_label
from pipeline.resources import load_resource


class EntityMention(NamedTuple):
    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str
    label: str
    model_label: str | None  # None: found by a word list (organisation_names.py), not the model
    entity_id: str
    canonical: str


@dataclass
class EntityCluster:
    label: str
    canonical: str
    mentions: list[tuple[int, int]] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)

    @property
    def entity_id(self) -> str:
        return entity_id_for(self.label, self.canonical)


def entity_id_for(label: str, canonical: str) -> str:
    return stable_id(label, normalize_name(canonical), prefix="E")


_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = "\"'‘’“”„«»()[],.:;!?"


def normalize_name(text: str) -> str:
    """Case- and spacing-insensitive key for a name ("Navo" == "NAVO")."""
    return _SPACES.sub(" ", text.strip(_EDGE_PUNCT + " ")).casefold()


@lru_cache(maxsize=1)
def _role_ranks() -> dict[str, tuple[int, int, str]]:
    """role -> (kind rank, position in its list, kind): the lists' order decides ties."""
    roles = load_resource("roles")
    ranks: dict[str, tuple[int, int, str]] = {}
    for rank, kind in enumerate(("person", "organisation")):
        for position, role in enumerate(roles[kind]):
            ranks.setdefault(role, (rank, position, kind))
    return ranks


def noun_heads(word: str, nouns) -> list[str]:
    """The nouns of ``nouns`` that ``word`` is or ends in: the word itself, the part
    after a hyphen ('NAVO-chef'), or the end of a closed compound with at least four
    letters before it ('defensieminister')."""
    lowered = word.casefold()
    candidates = [lowered] if lowered in nouns else []
    candidates += [lowered[i + 1:] for i, char in enumerate(lowered) if char == "-" and lowered[i + 1:] in nouns]
    candidates += [lowered[i:] for i in range(4, len(lowered)) if lowered[i:] in nouns]
    return candidates


@lru_cache(maxsize=65536)
def role_head(word: str) -> tuple[str, str] | None:
    """('person'|'organisation', role) when ``word`` is a role noun or ends in one (``noun_heads``)."""
    ranks = _role_ranks()
    candidates = noun_heads(word, ranks)
    if not candidates:
        return None
    role = min(candidates, key=lambda candidate: ranks[candidate][:2])
    return ranks[role][2], role


def _is_person_role(word: str) -> bool:
    head = role_head(word)
    return head is not None and head[0] == "person"


_DETERMINERS = ("de", "het", "een")


def in_town_context(span: Span) -> bool:
    """The words before ``span`` say it is the town, not a club named after it: 'in
    Groningen', 'naar Utrecht', 'de gemeente Groningen', 'station Utrecht', 'de
    burgemeester van Groningen' (roles.json town_context and place_nouns)."""
    doc, words = span.doc, load_resource("roles")["town_context"]
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in words["prepositions"] or before in words["nouns"] or before in _place_nouns():
        return True
    return before == "van" and span.start > 1 and doc[span.start - 2].lower_ in words["of_the_town"]


def _is_title(token, titles: set[str], span: Span | None = None) -> bool:
    """'minister', 'prof.'; a determiner in lower case, since 'De Croo', 'De Lijn' and
    'Het Parool' keep theirs, or capitalised at a sentence start before a name that
    ends in an organisation noun ('Het Lingedal Ziekenhuis zegt': the article is the
    sentence's, as 'het Lingedal Ziekenhuis' shows inside one)."""
    if token.lower_ in _DETERMINERS:
        if token.text in _DETERMINERS:
            return True
        return (span is not None and len(span) >= 3 and token.i == span.start and starts_sentence(token)
                and _organisation_noun(span[-1]))
    return token.lower_ in titles


def trim_span(span: Span) -> Span:
    """Drop leading determiners, titles and role nouns ("Procureur Annelies Claeys",
    "Koersdirecteur Marc Verhaeghe") and edge punctuation from an entity span."""
    titles = set(load_resource("roles")["titles"])
    start, end = span.start, span.end
    while start < end - 1 and (
        _is_title(span.doc[start], titles, span)
        or span.doc[start].is_punct
        # 'Procureur Annelies Claeys'; with one name word only where the capital is the
        # sentence's ('Invaller Mulder bezorgt ...'), since 'Koning Willem' may be a surname
        or (_is_person_role(span.doc[start].lower_) and (end - start > 2 or starts_sentence(span.doc[start])))
    ):
        start += 1
    while end > start + 1 and span.doc[end - 1].is_punct:
        end -= 1
    return span.doc[start:end]


_ADJECTIVE_ENDINGS = ("se", "sche")


def is_attributive_adjective(span: Span) -> bool:
    """'Russische' in 'Russische troepen': CoNLL-2002 tags such adjectives MISC,
    our guidelines do not count them as entities (nationality nouns stay)."""
    if len(span) != 1:
        return False
    token = span[0]
    if token.pos_ == "ADJ":
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return (
        token.lower_.endswith(_ADJECTIVE_ENDINGS)
        and following is not None
        and following.pos_ in ("NOUN", "ADJ", "PROPN")
    )


def _name_part(token) -> bool:
    """An untagged proper noun that can continue a person's name ('Volodymyr')."""
    return (
        token.ent_iob_ == "O"
        and token.pos_ == "PROPN"
        and token.is_title
        and token.lower_ not in load_resource("roles")["titles"]
        and role_head(token.lower_) is None
    )


def drop_affiliation(span: Span) -> Span:
    """'Arjen Lubbers [van de Universiteit Twente]', 'Femke Hulshof [van GroenLinks-PvdA]':
    a person span the model ran on into the organisation after 'van'. Cut there when
    a first name and surname already precede 'van' and what follows its particles is
    an organisation noun or an acronym-like word (two capitals), which a Dutch surname
    after 'van (de|der)' never is ('Henk Jan van der Veen' stays whole)."""
    doc, particles = span.doc, _name_particles()
    for i in range(span.start + 2, span.end - 1):
        if doc[i].lower_ != "van":
            continue
        j = i + 1
        while j < span.end - 1 and doc[j].lower_ in particles:
            j += 1
        head = role_head(doc[j].lower_)
        if (head is not None and head[0] == "organisation") or sum(c.isupper() for c in doc[j].text) >= 2:
            return doc[span.start:i]
    return span


def compound_name_prefix_length(word: str) -> int | None:
    """Length of the capitalised name before the last hyphen of a compound whose
    last part is a lower-case word or a role ('Kamerlid' is written capitalised):
    'NAVO-chef' 4, 'GroenLinks-PvdA-leider' 15, 'PVV-Kamerlid' 3; None for
    'Noord-Holland' and 'oud-premier'. Whether the part is a name ('NAVO', not the
    'CO2' of 'CO2-uitstoot') the caller decides from the document's names."""
    cut = word.rfind("-")
    if cut <= 0 or not word[0].isupper():
        return None
    rest = word[cut + 1:]
    if not (rest.isalpha() and len(rest) >= 2 and (rest.islower() or role_head(rest) is not None)):
        return None
    return cut


def person_after_role(span: Span) -> bool:
    """'Jumbo-topman [Ton van Veen]', 'minister [Anna Vos]': a name of two or more words
    right after a person role (or a compound ending in one) that begins with a known
    first name or has a surname particle inside is a person, whatever the model's
    label ('Veen' is also a town)."""
    doc = span.doc
    if len(span) < 2 or span.start == 0 or not _is_person_role(doc[span.start - 1].lower_):
        return False
    first_names = first_name_starts(doc)
    particles = _name_particles()
    return ((first_names is not None and span.start in first_names)
            or (span[0].is_title and any(token.text in particles for token in span[1:-1])))


def _town_name(span: Span) -> bool:
    """Every word of ``span`` is in a town or city name of the model's gazetteer (not a
    country: 'Nederland won met 2-1' is a national team, left as the model has it)."""
    if "gazetteer" not in span.doc.spans:
        return False
    labels: dict[int, set[str]] = {}
    for match in span.doc.spans["gazetteer"]:
        for i in range(match.start, match.end):
            labels.setdefault(i, set()).add(match.label_)
    return all(labels.get(i, set()) & {"TOWN", "CITY"} and not labels[i] & {"COUNTRY", "REGION"}
               for i in range(span.start, span.end))


def after_place_noun(span: Span) -> bool:
    """'de regio [Gorinchem]', 'de stad [Gent]': right after a noun for a kind of
    place, a name is a place (the model reads 'noun + name' as 'role + person')."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    return before.lower_ in _place_nouns() and bool(before.whitespace_)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    return frozenset(load_resource("roles")["place_nouns"]["words"])


def after_organisation_name_noun(span: Span) -> bool:
    """'het coatingbedrijf [Nedcoat]', 'uitgeverij [Querido]': right after a noun for a
    kind of organisation that introduces its own name, a name is an organisation
    (roles.json organisation_name_nouns: some nouns only as a compound's last part)."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    if not before.whitespace_:
        return False
    words, compound_heads = _organisation_name_nouns()
    word = before.text.casefold()
    return word in words or any(head != word for head in noun_heads(word, compound_heads))


def is_person_role_word(span: Span) -> bool:
    """'[Kamerlid] Tom van Rijn', '[Burgemeester] zei': a lone person role (or a compound
    ending in one), capitalised only because it starts a sentence, that the model took
    for a name; roles are no entities. Inside a sentence a role word may be a surname
    ('Koning'), but not a compound of one ('Hoekstra, [Eurocommissaris] voor Klimaat')
    nor one written in capitals ('De [CEO] wil')."""
    if len(span) != 1 or not _is_person_role(span[0].lower_):
        return False
    token = span[0]
    if token.is_upper and len(token) > 1:
        return True
    if not token.text[:1].isupper():  # 'Oud-wethouder' is no title case for spaCy
        return False
    # A compound role inside a sentence, except an office that is its own institution
    # ('de Kinderombudsman', 'de Nationale ombudsman').
    compound = any(head != token.lower_ and head not in _word_list("institution_roles")
                   for head in noun_heads(token.lower_, _role_ranks()))
    return compound or bool(token.is_sent_start) or starts_sentence(token)  # not 'Wilders, Koning en ...'


def is_date_entity(span: Span, label: str, max_words: int = 2) -> bool:
    """'[Eergisteren] werd ...', '[Medio 2027] moet ...': a short entity over a date the
    date component found (doc.spans["dates"]) is that date, not a name; but a person of
    two words keeps the name ('April Hendriks')."""
    if len(span) > max_words or (label == "PER" and len(span) > 1):
        return False
    dates = span.doc.spans["dates"] if "dates" in span.doc.spans else ()
    return any(d.start < span.end and span.start < d.end for d in dates)


def _portfolio_words(words: list[str]) -> bool:
    """Every word names a ministry's or portfolio's field ('Financiën', 'Infrastructuur
    en Waterstaat'; roles.json departments); punctuation aside, but no number
    ('Sport 2000' is a shop)."""
    departments = _departments()
    words = [word.casefold() for word in words if any(char.isalnum() for char in word)]
    return bool(words) and all(word in departments for word in words)


def _portfolio_word(token) -> bool:
    return _portfolio_words([token.text])


def _only_portfolio(words: list[str]) -> bool:
    """Portfolio words and no party of that name ('Groen' is both)."""
    return _portfolio_words(words) and not is_known_organisation(" ".join(words), mid_sentence=True)


@lru_cache(maxsize=1)
def _departments() -> frozenset[str]:
    return frozenset(load_resource("roles")["departments"]["words"])


def person_after_role_and_portfolio(span: Span) -> Span | None:
    """'minister van [Welzijn Elke Vandeputte]': an entity that begins with portfolio
    words, right after 'van' and a person role, is that person once they are cut,
    whatever label the model gave the whole; None for any other span ('de [Algemene
    Onderwijsbond]' keeps its 'Algemene')."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].lower_ != "van" or not _is_person_role(doc[span.start - 2].lower_):
        return None
    cut = span.start
    while cut < span.end and _portfolio_word(doc[cut]):
        cut += 1
    if not (span.start < cut and span.end - cut >= 2):
        return None
    # The rest must be known as a person's name ('Elke' is also a word, 'Vandeputte' a
    # surname), not 'van Sociale [Verzekeringsbank Nederland]'.
    names = person_name_tokens(doc)
    return doc[cut:span.end] if names is None or cut in names or span.end - 1 in names else None


def names_a_portfolio(span: Span) -> bool:
    """'minister van [Financiën]', 'wethouder El Amrani ([Duurzaamheid])': a name of
    portfolio words only is no entity (annotation guide 3), unless it names the
    ministry itself ('het ministerie van Defensie', the whole span); nor is a compound
    of one ('Defensie-ministers')."""
    words = [token.text for token in span]
    if len(span) == 1 and (length := compound_name_prefix_length(span.text)) is not None:
        words = [span.text[:length]]
    if not _only_portfolio(words):
        return False
    doc, i = span.doc, span.start - 1
    while i >= 0 and (doc[i].lower_ in ("van", "en", ",") or _portfolio_word(doc[i])):
        i -= 1
    return not (i >= 0 and span.start - i > 1 and doc[i].lower_ in _ministry_nouns())


@lru_cache(maxsize=1)
def _ministry_nouns() -> frozenset[str]:
    return frozenset(load_resource("roles")["departments"]["ministry_nouns"])


def named_as_organisation(span: Span) -> bool:
    """'Lingedal Ziekenhuis', 'Universiteit Twente', 'Omroep Brabant', 'Dagblad Oost':
    a name of two or more words that begins or ends with a capitalised noun for an
    organisation (roles.json organisation, or a compound ending in one) is one, as is
    a capitalised compound of one inside a sentence ('de Gezondheidsraad'),
    except the nouns that also begin place names ('Hof van Twente', 'Provincie ...':
    roles.json organisation_name_nouns not_in_place_names)."""
    if len(span) == 1:
        # 'de Gezondheidsraad', 'de Boerenbond': a capitalised compound of one inside a sentence.
        token = span[0]
        head = role_head(token.lower_)
        return (_organisation_noun(token) and head is not None and head[1] != token.lower_
                and not (token.is_sent_start or starts_sentence(token)))
    return _organisation_noun(span[0]) or _organisation_noun(span[-1])


def named_as_company(span: Span, label: str) -> bool:
    """'Meijerink Verpakkingen', 'Van Oord Groep', 'Boskalis B.V.': a name of two or more
    words that ends in a trade noun or legal form of company names (roles.json
    company_name_endings) is an organisation; one the model took for a person only by
    a plural or legal form ('Jan Bank' stays a person)."""
    words = _company_endings(label == "PER")
    return len(span) >= 2 and span[-1].text[:1].isupper() and span[-1].lower_ in words


@lru_cache(maxsize=2)
def _company_endings(of_persons: bool) -> frozenset[str]:
    endings = load_resource("roles")["company_name_endings"]
    return frozenset(endings["person_words"] if of_persons else endings["words"])


def named_as_street_or_water(span: Span) -> bool:
    """'Moerkerkse Steenweg', 'Stationslaan', 'IJsselmeer': a capitalised name whose last
    word ends in a street, square or water noun (roles.json place_name_endings)."""
    word = span[-1].text
    return word[:1].isupper() and any(
        word.casefold().endswith(ending) and len(word) > len(ending) + (0 if len(span) > 1 else 2)
        for ending in _word_list("place_name_endings"))


ROAD_NUMBER = re.compile(r"(?:A\d{1,2}|N\d{1,3}|E\d{2,3}|R\d{1,2})")


def is_road_number(span: Span) -> bool:
    """'de A28', 'de N302', 'de E40': Dutch and Belgian road numbers are places (annotation
    guide), written after 'de'; not 'niveau A2', 'op A3', 'de A1 van Ajax' (a youth team)."""
    if len(span) != 1 or ROAD_NUMBER.fullmatch(span.text) is None or span.start == 0:
        return False
    doc = span.doc
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return doc[span.start - 1].lower_ == "de" and after != "van"


@lru_cache(maxsize=None)
def _word_list(key: str) -> frozenset[str]:
    return frozenset(load_resource("roles")[key]["words"])


@lru_cache(maxsize=1)
def _organisation_name_nouns() -> tuple[frozenset[str], frozenset[str]]:
    """roles.json organisation_name_nouns: (nouns on their own, compound heads)."""
    nouns = load_resource("roles")["organisation_name_nouns"]
    return frozenset(nouns["words"]), frozenset(nouns["compound_heads"])


FIRST_NAME_LABEL = "FIRST_NAME"  # the shipped model's gazetteer (pipeline/training/gazetteer.py)
SURNAME_LABEL = "SURNAME"


def first_name_starts(doc: Doc) -> set[int] | None:
    """Tokens that begin a first name of the model's gazetteer (doc.spans["gazetteer"]),
    or None for a model without one (nl_core_news_lg)."""
    if "gazetteer" not in doc.spans:
        return None
    return {span.start for span in doc.spans["gazetteer"] if span.label_ == FIRST_NAME_LABEL}


def person_name_tokens(doc: Doc) -> set[int] | None:
    """Tokens of the gazetteer's first names and surnames, or None without a gazetteer."""
    if "gazetteer" not in doc.spans:
        return None
    return {i for span in doc.spans["gazetteer"] if span.label_ in (FIRST_NAME_LABEL, SURNAME_LABEL)
            for i in range(span.start, span.end)}


def before_first_name(doc: Doc, i: int, first_names: set[int] | None) -> bool:
    """Token ``i`` stands before a name that begins with a known first name and is
    no first name itself: 'Conservator [Joost Vanhoutte]', 'de Nederlander [Tim van
    Leeuwen]' (a capitalised role or nationality, not part of the name)."""
    return first_names is not None and i + 1 in first_names and i not in first_names


def widen_person_name(ent: Span, first_names: set[int] | None = None) -> Span:
    """'president Volodymyr [Zelensky]': the model tagged only the surname; take in
    up to two adjacent untagged proper nouns on either side (``first_names``: the
    doc's ``first_name_starts``)."""
    if canonical_label(ent.label_) != "PER":
        return ent
    # Not bounded by the parser's sentences: it may split a name ('Volodymyr | Zelensky');
    # punctuation between the words stops the widening anyway.
    doc, start, end = ent.doc, ent.start, ent.end
    while (start > max(0, ent.start - 2) and _name_part(doc[start - 1]) and doc[start - 1].whitespace_
           and not before_first_name(doc, start - 1, first_names)
           and not _portfolio_word(doc[start - 1])):  # 'minister van Financiën [Ingrid Bakhuis]'
        start -= 1
    while end < min(len(doc), ent.end + 2) and _name_part(doc[end]) and doc[end - 1].whitespace_:
        end += 1
    # 'Ursula [von der Leyen]': lower-case particles, then an untagged surname.
    particles, after = _name_particles(), end
    while after < min(len(doc) - 1, end + 3) and doc[after].text in particles and doc[after - 1].whitespace_:
        after += 1
    if after > end and _name_part(doc[after]) and doc[after - 1].whitespace_:
        end = after + 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _first_name_tagged_misc(span: Span) -> bool:
    """'[Karin]MISC [Smit]PER': one title-case word the model called MISC right before
    a person is the person's first name, unless it is an adjective ('Franse Macron')."""
    return (
        canonical_label(span.label_) == "MISC"
        and len(span) == 1
        and span[0].is_title
        and not is_attributive_adjective(span)  # also every token tagged ADJ
    )


def _organisation_noun(token) -> bool:
    """A capitalised organisation noun or compound of one ('Havenbedrijf', 'Bureau',
    'Universiteit'), not one that also begins place names ('Provincie')."""
    if not token.is_title or token.lower_ in _not_in_place_names():
        return False
    head = role_head(token.lower_)
    return head is not None and head[0] == "organisation"


@lru_cache(maxsize=1)
def _not_in_place_names() -> frozenset[str]:
    return frozenset(load_resource("roles")["organisation_name_nouns"]["not_in_place_names"])


def repair_organisation_spans(ents: list[Span]) -> list[Span]:
    """Two cuts the model makes in organisation names, mended:
    '[Havenbedrijf] [Rotterdam]' (an organisation noun, tagged or not, right before a
    place: one ORG), and '[Centraal Bureau] voor de Statistiek' (an ORG ending in an
    organisation noun runs on through 'voor/van (de|het)' and capitalised words, never
    into a person or place: 'de Europese Commissie voor [Oekraïne]')."""
    if not ents:
        return ents
    doc = ents[0].doc
    repaired: list[Span] = []
    swallowed: set[tuple[int, int]] = set()
    for ent in ents:
        if (ent.start, ent.end) in swallowed:
            continue
        label = canonical_label(ent.label_)
        before = doc[ent.start - 1] if ent.start > 0 else None
        if label == "LOC" and before is not None and _organisation_noun(before) and before.whitespace_:
            previous = repaired[-1] if repaired else None
            noun_alone = previous is not None and (previous.start, previous.end) == (before.i, before.i + 1)
            if noun_alone:
                repaired.pop()  # '[Havenbedrijf]' MISC
            if noun_alone or previous is None or previous.end <= before.i:
                repaired.append(Span(doc, before.i, ent.end, label="ORG"))
                continue
        if label == "ORG" and _organisation_noun(doc[ent.end - 1]):
            ent = _run_on(ent, ents, swallowed)
        if label != "PER" and (ministry := ministry_name(ent)) is not None:
            ent = ministry
            swallowed.update((e.start, e.end) for e in ents if ent.start <= e.start and e.end <= ent.end)
        repaired.append(ent)
    return repaired


def ministry_name(ent: Span) -> Span | None:
    """'het ministerie van [Financiën]', 'het ministerie van [Volksgezondheid], [Welzijn]
    en [Sport]': portfolio words after a ministry noun and 'van' name the ministry, one
    ORG from the noun on (annotation guide, entities 4); None for any other entity."""
    doc = ent.doc
    if ent.start < 2 or doc[ent.start - 1].lower_ != "van" or doc[ent.start - 2].lower_ not in ("ministerie", "departement"):
        return None  # 'de ministeries van Financiën, Justitie en Defensie' are three
    if not all(_portfolio_word(t) or t.lower_ == "en" for t in ent if t.is_alpha):
        return None
    end = ent.end
    while end < len(doc) and (_portfolio_word(doc[end]) and doc[end].text[:1].isupper()
                              or (doc[end].text in (",", "en") and end + 1 < len(doc)
                                  and _portfolio_word(doc[end + 1]) and doc[end + 1].text[:1].isupper())):
        end += 1
    return Span(doc, ent.start - 2, end, label="ORG")


def _run_on(ent: Span, ents: list[Span], swallowed: set[tuple[int, int]]) -> Span:
    """'[Centraal Bureau] voor de Statistiek': ``ent`` through 'voor/van (de|het)' and up
    to three capitalised words, when no person or place lies there; the ORG or MISC
    entities it takes in are added to ``swallowed``."""
    doc, end = ent.doc, ent.end
    if end + 1 >= len(doc) or doc[end].lower_ not in ("voor", "van"):
        return ent
    name_start = end + 1 + (doc[end + 1].lower_ in ("de", "het"))
    name_end = name_start
    while name_end < min(len(doc), name_start + 3) and doc[name_end].is_title and not doc[name_end].is_sent_start:
        name_end += 1
    inside = [other for other in ents if other.start < name_end and other.end > end and other is not ent]
    if name_end == name_start or not all(end <= other.start and other.end <= name_end
                                         and canonical_label(other.label_) in ("ORG", "MISC") for other in inside):
        return ent
    swallowed.update((other.start, other.end) for other in inside)  # '[Statistiek]' MISC
    return Span(doc, ent.start, name_end, label=ent.label_)


def merge_split_person_names(ents: tuple[Span, ...]) -> list[Span]:
    """'Karin' + 'Smit' tagged as two PER entities side by side (or the first as MISC)
    are one name: a frequent error of small NER models (B-PER B-PER instead of B-PER
    I-PER); and a first name the model left out is taken in (see widen_person_name)."""
    merged: list[Span] = []
    first_names = first_name_starts(ents[0].doc) if ents else None
    for ent in (widen_person_name(ent, first_names) for ent in ents):
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and canonical_label(ent.label_) == "PER"
            and (ent.label_ == previous.label_ or _first_name_tagged_misc(previous))
            and not before_first_name(ent.doc, previous.end - 1, first_names)
            and ent.start == previous.end
            and previous[-1].whitespace_ == " "
        ):
            merged[-1] = Span(ent.doc, previous.start, ent.end, label=ent.label_)
        else:
            merged.append(ent)
    return merged


class EntityIndex:
    """The entities of one document, grouped into clusters, with lookups by position."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.clusters: list[EntityCluster] = []
        self._mentions: list[tuple[int, int, Span, EntityCluster]] = []
        self._build()
        self._starts = [m[0] for m in self._mentions]  # for bisection; the mentions are final now

    def _build(self) -> None:
        spans, places, organisations = [], set(), set()
        match_clubs: set[str] = set()
        place_mentions: set[str] = set()  # 'in Genk': the town, so no club of that name
        for ent in repair_organisation_spans(merge_split_person_names(self.doc.ents)):
            label = canonical_label(ent.label_)
            if label is None:
                continue
            trimmed = trim_span(ent)
            if label != "ORG" and (person := person_after_role_and_portfolio(trimmed)) is not None:
                trimmed, label = person, "PER"  # 'minister van [Welzijn Elke Vandeputte]' MISC
            if len(trimmed) >= 2 and trimmed[0].lower_ == "station" and trimmed[1].text[:1].isupper():
                trimmed, label = trimmed[1:], "LOC"  # '[Station Groningen]' ORG: the place (guide 8)
            if label in ("LOC", "MISC") and person_after_role(trimmed):
                label = "PER"
            if label == "PER":
                trimmed = drop_affiliation(trimmed)
            if label in ("PER", "MISC", "LOC") and after_place_noun(trimmed):
                places.add(normalize_name(trimmed.text))
            elif label in ("PER", "MISC") and after_organisation_name_noun(trimmed):
                organisations.add(normalize_name(trimmed.text))
            elif label in ("LOC", "MISC") and named_as_organisation(trimmed):
                organisations.add(normalize_name(trimmed.text))
            elif named_as_company(trimmed, label):
                organisations.add(normalize_name(trimmed.text))
            elif is_road_number(trimmed) or (label in ("MISC", "ORG") and named_as_street_or_water(trimmed)):
                places.add(normalize_name(trimmed.text))
            if label == "LOC" and in_match_report(trimmed) and _town_name(trimmed):
                match_clubs.add(normalize_name(trimmed.text))  # 'Anderlecht won met 2-1 van Genk'
            if label == "LOC" and in_town_context(trimmed):
                place_mentions.add(normalize_name(trimmed.text))
            if label == "MISC" and is_attributive_adjective(trimmed):
                continue
            if (label != "PER" and names_a_portfolio(trimmed)) or is_person_role_word(trimmed) or (
                    is_date_entity(trimmed, label)):
                continue
            if any(char.isalpha() for char in trimmed.text):
                spans.append((trimmed, label, ent.label_))
        known = organisation_name_spans(self.doc)
        spans = with_organisation_names(spans, known)
        organisations |= match_clubs - place_mentions - places
        decided = {key: "ORG" for key in organisations} | {key: "LOC" for key in places}
        # Names the text itself types never join a person as a short form ('Feyenoord'
        # is no surname of 'Tarik Benali Feyenoord').
        typed = set(decided) | {normalize_name(name.text) for name in known}
        spans = self._vote_labels(spans, decided=decided)
        # Longest names first, so short forms can join the full name.
        order = sorted(range(len(spans)), key=lambda i: (-len(spans[i][0]), spans[i][0].start_char))
        by_key: dict[tuple[str, str], EntityCluster] = {}
        assigned: dict[int, EntityCluster] = {}
        for i in order:
            span, label, _ = spans[i]
            key = normalize_name(span.text)
            # A club's short form before the town's own cluster: 'FC Groningen ... in
            # Groningen ... Groningen won' (the last one is the club).
            cluster = (
                (self._club_of_short_form(span, by_key) if decided.get(key) != "LOC" else None)
                or by_key.get((label, key))
                or (self._person_for_short_form(span, label) if key not in typed else None)
                or self._expansion_of_acronym(span)
            )
            if cluster is None:
                cluster = EntityCluster(label=label, canonical=span.text)
                self.clusters.append(cluster)
            by_key.setdefault((cluster.label, key), cluster)
            assigned[i] = cluster
        for i, (span, _label, raw) in enumerate(spans):
            cluster = assigned[i]
            cluster.mentions.append((span.start_char, span.end_char))
            self._mentions.append((span.start_char, span.end_char, span, cluster))
            self._remember_role(span, cluster)
        self._raw_labels = {(s.start_char, s.end_char): raw for s, _l, raw in spans}
        self._add_compound_name_parts(by_key)
        self._add_untagged_surnames()
        self._add_untagged_road_numbers(by_key)
        self._mentions.sort(key=lambda item: item[0])

    def _add_untagged_surnames(self) -> None:
        """'Volgens [Hoogendijk] lijdt het bedrijf ...' after 'topvrouw Carolien Hoogendijk':
        the surname of a person named in full elsewhere in the document is a mention of
        that person where the model left it untagged: inside a sentence only, and not when
        two people share it, a capitalised word next to it may make it another name
        ('Jan Hoogendijk', 'Zwart Piet'), it is a function word, or the surname has a
        particle ('Marco de Boer')."""
        particles = _name_particles()
        owners: dict[str, list[EntityCluster]] = {}
        for cluster in self.clusters:
            words = cluster.canonical.split()
            # Not 'Marco de Boer' ('Boer zijn is zwaar'): a surname with a particle is no one word.
            if (cluster.label == "PER" and len(words) >= 2 and words[-1][:1].isupper()
                    and words[-2].casefold() not in particles):
                owners.setdefault(words[-1], []).append(cluster)
        if not owners:
            return
        covered = sorted((start, end) for start, end, _span, _cluster in self._mentions)

        def uncovered(token) -> bool:
            at = bisect_left(covered, (token.idx + len(token), 0))
            return not any(start < token.idx + len(token) and token.idx < end for start, end in covered[max(0, at - 2):at])

        def free_name_word(token) -> bool:  # 'Jan' of 'Jan Hoogendijk'; not 'Volgens'
            return (token.is_title or token.is_upper) and token.pos_ in ("PROPN", "NOUN", "X") and uncovered(token)

        for token in self.doc:
            clusters = owners.get(token.text)
            if clusters is None or len(clusters) > 1 or token.is_stop or not uncovered(token):
                continue
            before = self.doc[token.i - 1] if token.i > 0 else None
            after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
            # At a sentence start the capital says nothing ('Brand in een loods', 'Post voor u'),
            # but a surname written as an initial is never a word ('Mehmet Y.' ... 'Y. ontkent').
            sentence_start = token.is_sent_start or starts_sentence(token)
            if sentence_start and not re.fullmatch(r"[A-Z]\.", token.text):
                continue
            if before is not None and (before.text in particles or free_name_word(before)
                                       or before.lower_ in _place_nouns()):
                continue  # 'Jan Breda ... de stad Breda'
            if after is not None and (after.is_title or after.is_upper):
                continue  # 'Zwart Piet', 'Koning Willem-Alexander'
            self._add_mention((token.idx, token.idx + len(token)), self.doc[token.i:token.i + 1], clusters[0])

    def _add_untagged_road_numbers(self, by_key: dict[tuple[str, str], EntityCluster]) -> None:
        """'De N201 bij Aalsmeer', 'via de A2 en A12': a road number the model left untagged
        is a place after 'de' or after another road number and 'en'/'of'/','; elsewhere
        it is as often a paper size or a model ('een A4'tje')."""
        covered = {start for start, _end, _span, _cluster in self._mentions}
        road_before = False
        for token in self.doc:
            is_road = ROAD_NUMBER.fullmatch(token.text) is not None
            before = self.doc[token.i - 1].lower_ if token.i > 0 else ""
            after = self.doc[token.i + 1].lower_ if token.i + 1 < len(self.doc) else ""
            if is_road and token.idx not in covered and after != "van" and (
                    before == "de" or (road_before and before in ("en", "of", ","))):
                key = ("LOC", normalize_name(token.text))
                cluster = by_key.get(key)
                if cluster is None:
                    cluster = by_key[key] = EntityCluster(label="LOC", canonical=token.text)
                    self.clusters.append(cluster)
                self._add_mention((token.idx, token.idx + len(token)), self.doc[token.i:token.i + 1], cluster)
            if not (is_road or token.lower_ in ("en", "of", ",")):
                road_before = False
            elif is_road:
                road_before = True

    def _add_compound_name_parts(self, by_key: dict[tuple[str, str], EntityCluster]) -> None:
        """'VVD-fractie', 'NAVO-landen', 'GroenLinks-PvdA-leider', 'Vlaams Belang-parlementslid':
        the name before the hyphen of a compound (with the words before it, for a known
        name of several) is a mention of its own (annotation guide, entities 1) when
        the document names it elsewhere or it is a known organisation. Model entities
        within those words ('NAVO-landen' MISC, the CoNLL-2002 way) give way to it;
        inside a longer entity nothing changes."""
        doc = self.doc
        for token in doc:
            length = compound_name_prefix_length(token.text)
            if length is None:
                continue
            first, name = self._compound_name(token, length)
            if _only_portfolio(name.split()):
                continue  # 'Defensie-ministers', but 'Groen-fractieleider'
            cluster = self._cluster_named(by_key, name)
            if cluster is None and is_known_organisation(name, mid_sentence=True):
                cluster = EntityCluster(label=ORG, canonical=name)
                self.clusters.append(cluster)
                by_key[(ORG, normalize_name(name))] = cluster
            if cluster is None:
                continue
            words = (doc[first].idx, token.idx + len(token))
            enclosing = [m for m in self._mentions if m[0] < words[1] and words[0] < m[1]]
            if any(start < words[0] or end > words[1] for start, end, _span, _cluster in enclosing):
                continue
            for mention in enclosing:
                self._mentions.remove(mention)
                mention[3].mentions.remove(mention[:2])
                if not mention[3].mentions:
                    self.clusters.remove(mention[3])
            self._add_mention((doc[first].idx, token.idx + length), doc[first:token.i + 1], cluster)

    def _add_mention(self, chars: tuple[int, int], span: Span, cluster: EntityCluster) -> None:
        """A mention the rules found after clustering (no model label): ``chars`` may end
        inside ``span``'s last token ('VVD' of 'VVD-fractie')."""
        cluster.mentions.append(chars)
        self._mentions.append((*chars, span, cluster))
        self._raw_labels[chars] = None

    def _compound_name(self, token, length: int) -> tuple[int, str]:
        """(first token, name) of the name that ends before ``token``'s hyphen: a known
        name of several words when the words before complete one ('Vlaams Belang-...'),
        else the part before the hyphen alone."""
        prefix = token.text[:length]
        for first in range(token.i - 1, max(-1, token.i - 4), -1):
            name = " ".join([t.text for t in self.doc[first:token.i]] + [prefix])
            if is_known_organisation(name):
                return first, name
        return token.i, prefix

    @staticmethod
    def _cluster_named(by_key: dict[tuple[str, str], EntityCluster], name: str) -> EntityCluster | None:
        """The document's entity called ``name``, or a person whose name ends with it."""
        key = normalize_name(name)
        for label in (ORG, "LOC", "PER", "MISC"):
            if (label, key) in by_key:
                return by_key[(label, key)]
        return next((cluster for (label, full), cluster in by_key.items()
                     if label == "PER" and full.endswith(" " + key)), None)

    @staticmethod
    def _vote_labels(spans: list[tuple[Span, str, str | None]],
                     decided: dict[str, str]) -> list[tuple[Span, str, str | None]]:
        """One label per name in a document: the model may tag "Oekraïne" LOC in one
        sentence and PER in the next; the majority (then the first) label wins, unless
        the text itself decides it (`decided`: 'de regio Gorinchem' makes every
        'Gorinchem' of the document a place, 'het coatingbedrijf Nedcoat' every
        'Nedcoat' an organisation)."""
        votes: dict[str, Counter[str]] = {}
        first_seen: dict[tuple[str, str], int] = {}
        for position, (span, label, _raw) in enumerate(spans):
            key = normalize_name(span.text)
            votes.setdefault(key, Counter())[label] += 1
            first_seen.setdefault((key, label), position)
        winner = {
            key: decided.get(key) or max(counter, key=lambda label: (counter[label], -first_seen[(key, label)]))
            for key, counter in votes.items()
        }
        return [(span, winner[normalize_name(span.text)], raw) for span, _label, raw in spans]

    @staticmethod
    def _club_of_short_form(span: Span, by_key: dict[tuple[str, str], EntityCluster]) -> EntityCluster | None:
        """'Club' after 'Club Brugge', 'Groningen' after 'FC Groningen' in the same
        document: that organisation; but 'in Groningen' stays the town."""
        full = full_name_of_short_form(span.text)
        if full:
            return by_key.get((ORG, normalize_name(full)))
        if in_town_context(span):
            return None
        return next((by_key[(ORG, normalize_name(name))] for name in club_names_of_town(span.text)
                     if (ORG, normalize_name(name)) in by_key), None)

    def _expansion_of_acronym(self, span: Span) -> EntityCluster | None:
        """'VS' joins 'Verenigde Staten', 'EU' joins 'Europese Unie': a capitalised
        abbreviation whose letters are the initials of a longer non-person name."""
        letters = span.text.replace(".", "")
        if len(span) != 1 or not (2 <= len(letters) <= 6) or not letters.isupper():
            return None
        for cluster in self.clusters:
            words = [w for w in re.split(r"[\s-]+", cluster.canonical) if w[:1].isupper()]
            if cluster.label != "PER" and len(words) >= 2 and "".join(w[0] for w in words) == letters:
                return cluster
        return None

    def _person_for_short_form(self, span: Span, label: str) -> EntityCluster | None:
        """A known multi-word person whose name ends with (or starts with) this short form."""
        words = [normalize_name(t.text) for t in span]
        if not words:
            return None
        for cluster in self.clusters:
            if cluster.label != "PER":
                continue
            full = normalize_name(cluster.canonical).split(" ")
            if len(full) <= len(words):
                continue
            if full[-len(words):] == words or (label == "PER" and full[: len(words)] == words):
                return cluster
        return None

    def _remember_role(self, span: Span, cluster: EntityCluster) -> None:
        """Remember 'NAVO-chef' in 'NAVO-chef Jens Stoltenberg' as an alias of the cluster.

        Words between role and name may be a title-case department ('minister van
        Buitenlandse Zaken Vladimir Makei'), but a name that is itself the object of
        a preposition ('de supermarktketen uit Zaandam') gets no role."""
        # Judged from the text, not the parse: the parser may start a sentence at the name
        # ('zegt hoofdonderzoeker | Anouk Verbeek').
        if starts_sentence(span[0]) or self.doc[span.start - 1].pos_ == "ADP":
            return
        for i in range(span.start - 1, max(0, span.start - 4) - 1, -1):
            token = self.doc[i]
            head = role_head(token.text)
            if head is not None:
                cluster.roles.add(head[1])
                cluster.roles.add(token.text.casefold())
                return
            if starts_sentence(token) or not (token.is_title or token.pos_ in ("ADJ", "ADP", "PROPN")):
                return

    # -- lookups used by other extractors ---------------------------------------
    def cluster_at(self, start: int, end: int) -> EntityCluster | None:
        """The cluster of a mention overlapping the character span, if any."""
        # Mentions hardly overlap one another, so the one that may reach into the span
        # starts at most a few mentions before it; the quote rules call this per token.
        first = max(0, bisect_left(self._starts, start) - 8)
        for m_start, m_end, _span, cluster in self._mentions[first:]:
            if m_start < end and start < m_end:
                return cluster
            if m_start >= end:
                break
        return None

    def mentions_before(self, char: int) -> list[tuple[int, EntityCluster]]:
        """(start, cluster) of every mention that starts before ``char``, nearest last."""
        cut = bisect_left(self._starts, char)
        return [(m[0], m[3]) for m in self._mentions[:cut]]

    def find_by_role(self, role_word: str, before: int) -> EntityCluster | None:
        """The most recent cluster introduced with this role noun before ``before``; one
        introduced with the very word wins over one with only its head ('de
        hoofdonderzoeker' is the 'hoofdonderzoeker Anouk Verbeek', not the later
        'RIVM-onderzoeker Bas Kuipers')."""
        word = role_word.casefold()
        head = role_head(word)
        earlier = list(reversed(self.mentions_before(before)))
        for candidates in ({word}, {head[1]} if head else set()):
            for _start, cluster in earlier:
                if cluster.roles & candidates:
                    return cluster
        return None

    def mentions(self, doc_id: str) -> Iterator[EntityMention]:
        sentence_of = SentenceIndex(self.doc)
        text = self.doc.text  # once: spaCy rebuilds it from the tokens on every access
        for start, end, span, cluster in self._mentions:
            yield EntityMention(
                doc_id=doc_id,
                sent_idx=sentence_of(start),
                start=start,
                end=end,
                text=text[start:end],  # a compound's name part is no token span
                label=cluster.label,
                model_label=self._raw_labels[(start, end)],
                entity_id=cluster.entity_id,
                canonical=cluster.canonical,
            )


def extract_entities(doc: Doc, doc_id: str) -> Iterator[EntityMention]:
    """Entity mention rows of one document."""
    return entity_index(doc).mentions(doc_id)


def entity_index(doc: Doc) -> EntityIndex:
    """The document's EntityIndex, built once and cached on ``doc._.entity_index``."""
    if doc._.entity_index is None:
        doc._.entity_index = EntityIndex(doc)
    return doc._.entity_index


# -- name lookups added for the quote attributor -------------------------------
def cluster_for_name(index: EntityIndex, name: str) -> EntityCluster | None:
    """The cluster called ``name``: same normalized name (persons first), else a
    person whose fullest name ends with it ("Stoltenberg" → "Jens Stoltenberg").

    Used for names the model did not tag at that position but did elsewhere.
    """
    key = normalize_name(name)
    if not key:
        return None
    exact = [c for c in index.clusters if normalize_name(c.canonical) == key]
    if exact:
        return next((c for c in exact if c.label == "PER"), exact[0])
    words = key.split(" ")
    for cluster in index.clusters:
        if cluster.label != "PER":
            continue
        full = normalize_name(cluster.canonical).split(" ")
        if len(full) > len(words) and full[-len(words):] == words:
            return cluster
    return None


def _name_particles() -> frozenset[str]:
    """'van', 'der', 'von' ...: the same list the quote component uses for names."""
    return frozenset(load_resource("quote_words")["np"]["name_particles"])


def _continues_name(token, titles: set[str]) -> bool:
    """A capitalised word that can extend a written name: not a function word, title,
    role noun or a word the model tagged as another kind of entity."""
    return (
        token.is_title
        and not token.is_stop
        and token.ent_type_ in ("", "PER")
        and token.lower_ not in titles
        and role_head(token.text) is None
    )


def _token_positions(doc: Doc, words: list[str]) -> list[int]:
    """Token indices where the lower-cased ``words`` occur in ``doc``, found on the
    LOWER array in C rather than by lower-casing every token in Python."""
    hashes = [get_string_id(word) for word in words]
    lower = doc.to_array("LOWER")
    n = len(hashes)
    starts = numpy.flatnonzero(lower[: len(lower) - n + 1] == hashes[0]) if len(lower) >= n else []
    return [int(i) for i in starts if all(lower[i + k] == hashes[k] for k in range(1, n))]


def fullest_written_name(doc: Doc, name: str) -> str:
    """The longest capitalised run in ``doc`` around ``name`` ("Ben Wallace" for
    "Wallace", "Christianne van der Wal" for "Christianne"), without titles or
    role nouns; ``name`` itself if none.

    A fallback for person names the model did not tag anywhere, so a speaker still
    gets the fullest name the article gives.
    """
    target = [w.casefold() for w in name.split()]
    if not target:
        return name
    titles = set(load_resource("roles")["titles"])
    best = name
    n = len(target)
    particles = _name_particles()
    first_names = first_name_starts(doc)
    for i in _token_positions(doc, target):
        start = i
        while start > 0:
            # Particles ("von der") join a name only when a capitalised word precedes them.
            j = start - 1
            while j > 0 and doc[j].text in particles:
                j -= 1
            if _continues_name(doc[j], titles) and i - j <= 3 and not before_first_name(doc, j, first_names):
                start = j
            else:
                break
        end = i + n
        while end < len(doc) and end - (i + n) < 4:
            # Forward as well: 'Christianne' → 'Christianne van der Wal'.
            k = end
            while k < len(doc) - 1 and doc[k].text in particles:
                k += 1
            if _continues_name(doc[k], titles):
                end = k + 1
            else:
                break
        candidate = doc[start:end].text
        if len(candidate) > len(best):
            best = candidate
    return best


# -- definite descriptions, added for the quote attributor --------------------------
def name_ends_with_noun(name: str, noun: str) -> bool:
    """Whether the last word of ``name`` is the common noun ``noun`` or a compound
    ending in it: 'Centraal Planbureau' for 'planbureau', 'Algemene Onderwijsbond'
    for 'bond', 'Rabobank' for 'bank'."""
    key = noun.casefold()
    words = [w for w in re.split(r"[\s-]+", normalize_name(name)) if w]
    if len(key) < 3 or not words:
        return False
    last = words[-1]
    return last == key or (last.endswith(key) and len(last) >= len(key) + 3)


def cluster_named_by_head(index: EntityIndex, noun: str, before: int) -> EntityCluster | None:
    """The non-person entity mentioned last before ``before`` whose name ends with
    ``noun`` ('het planbureau' → 'Centraal Planbureau'), or None."""
    for _start, cluster in reversed(index.mentions_before(before)):
        if cluster.label != "PER" and name_ends_with_noun(cluster.canonical, noun):
            return cluster
    return None


_APPOSITION_DETERMINERS = {"de", "het", "een"}
_APPOSITION_PREPOSITIONS = {"van", "voor", "bij", "in", "uit", "namens"}


def appositive_role(doc: Doc, end: int) -> tuple[int, str] | None:
    """The role noun in apposition right after the name that ends at token ``end``:
    'Europol, het Europese politieagentschap, meldt ...', 'Jan Peeters, burgemeester
    van Gent, zei ...'. The apposition is a comma, an optional article, at most three
    adjectives, a role noun, an optional 'van/voor ...' modifier and a closing comma
    (or the end of the sentence). Returns (token index, role word) or None."""
    n = len(doc)
    if end >= n or doc[end].text != ",":
        return None
    i = end + 1
    if i < n and doc[i].lower_ in _APPOSITION_DETERMINERS:
        i += 1
    for _ in range(4):
        if i >= n:
            return None
        token = doc[i]
        if role_head(token.text) is not None and (token.text[:1].islower() or "-" in token.text or i == end + 1):
            break
        adjective = token.is_alpha and (token.pos_ == "ADJ" or token.lower_.endswith("e")) and not token.is_stop
        if not adjective:
            return None
        i += 1
    else:
        return None
    role_at = i
    j = i + 1
    if j < n and doc[j].lower_ in _APPOSITION_PREPOSITIONS:
        while j < n and j - role_at <= 8 and doc[j].text not in (",", ".", ";", ":", "!", "?"):
            j += 1
    if j >= n or doc[j].text in (",", ".", ";", ")", "!", "?"):
        return role_at, doc[role_at].text
    return None


def remember_appositions(index: EntityIndex) -> None:
    """Add role nouns written in apposition after a name ('Europol, het Europese
    politieagentschap, ...') to that entity's roles, as roles written before a name
    are, so that a later 'het politieagentschap' finds it with ``find_by_role``.
    A person role joins people only, an organisation role non-persons only."""
    for _start, _end, span, cluster in index._mentions:
        found = appositive_role(index.doc, span.end)
        if found is None:
            continue
        head = role_head(found[1])
        if head is None or (head[0] == "person") != (cluster.label == "PER"):
            continue
        cluster.roles.add(head[1])
        cluster.roles.add(found[1].casefold())


# -- abbreviations, added for the quote attributor ----------------------------------
def expanded_abbreviation(doc: Doc, name: str) -> str:
    """The full name written with an abbreviation ('Nederlandse Zorgautoriteit' for 'NZa'
    in 'de Nederlandse Zorgautoriteit (NZa)'): the capitalised words right before
    '(name)'; ``name`` itself if the text gives none."""
    key = name.strip()
    if not key or " " in key or not any(ch.isupper() for ch in key[1:]) and not key.isupper():
        return name
    for token in doc:
        if token.text != key or token.i < 2 or doc[token.i - 1].text != "(":
            continue
        end = token.i - 1
        start = end
        while start > 0 and (
            doc[start - 1].is_title or doc[start - 1].is_upper
            or (doc[start - 1].lower_ in ("voor", "van", "en") and start - 2 >= 0 and doc[start - 2].is_title)
        ) and doc[start - 1].lower_ not in ("de", "het", "een"):
            start -= 1
        if start < end:
            return doc[start:end].text
    return name
