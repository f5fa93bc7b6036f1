"""Organisations named by a known name (resources/organisations.json).

The NER was trained on Belgian news of 2000: parties founded since are persons
or MISC to it ('GroenLinks-PvdA', 'ChristenUnie'), and acronyms of public bodies
MISC ('KNMI', 'NS'). A name of the list, written exactly so, is an organisation;
these functions find those names in a Doc and reconcile them with the model's
entities, which the entity index (entities.py) then clusters as usual.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from spacy.vocab import Vocab

from pipeline.components.text_cues import SCORE, starts_sentence
from pipeline.models import canonical_label
from pipeline.resources import load_resource

ORG = "ORG"
_NAME, _MID_SENTENCE, _PREFIX = "NAME", "MID_SENTENCE", "PREFIX"


@lru_cache(maxsize=4)
def _name_matcher(vocab: Vocab) -> PhraseMatcher:
    """The names as written (a PhraseMatcher: far cheaper than token patterns)."""
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add(_NAME, [Doc(vocab, words=name.split()) for name in sorted(_known_names(False))])
    return matcher


@lru_cache(maxsize=4)
def _matcher(vocab: Vocab) -> Matcher:
    """Names that count only inside a sentence, and prefixes with the name after them."""
    resource = load_resource("organisations")
    matcher = Matcher(vocab)
    matcher.add(_MID_SENTENCE, [[{"ORTH": {"IN": resource["mid_sentence_names"]}}]])
    matcher.add(_PREFIX, [[{"ORTH": {"IN": resource["prefixes"]}}, {"IS_TITLE": True}, {"IS_TITLE": True, "OP": "?"}]])
    return matcher


@lru_cache(maxsize=2)
def _known_names(mid_sentence: bool) -> frozenset[str]:
    resource = load_resource("organisations")
    names = frozenset(name for group in resource["names"].values() for name in group)
    return names | frozenset(resource["mid_sentence_names"]) if mid_sentence else names


def is_known_organisation(text: str, *, mid_sentence: bool = False) -> bool:
    """``text`` is written exactly as a name of the list ('D66' in 'D66-raadslid'); with
    ``mid_sentence`` also as one of the names that are words too, where the context
    already says it is a name ('Groen-fractieleider')."""
    return text in _known_names(mid_sentence)


def full_name_of_short_form(text: str) -> str | None:
    """'Club' -> 'Club Brugge' (organisations.json short_forms), else None."""
    return load_resource("organisations")["short_forms"].get(text)


@lru_cache(maxsize=1)
def _match_verbs() -> frozenset[str]:
    return frozenset(load_resource("organisations")["match_verbs"])


def in_match_report(span) -> bool:
    """``span`` is a side of a match the sentence reports with a score and a verb of a
    match (organisations.json match_verbs): the subject right before the verb
    ('Anderlecht won zondag met 2-1', 'Heerenveen verloor') or the opponent after
    'van'/'tegen' right after the score ('met 2-1 van Genk'); not the town that
    celebrated ('Rotterdam kleurde rood-wit nadat Feyenoord met 2-1 had gewonnen')."""
    verbs = _match_verbs()
    doc, sent = span.doc, span.sent
    if not any(SCORE.fullmatch(t.text) for t in sent):
        return False
    subject = any(t.lower_ in verbs for t in doc[span.end: min(span.end + 2, sent.end)])
    before = doc[max(sent.start, span.start - 3): span.start]
    opponent = (len(before) >= 2 and before[-1].lower_ in ("van", "tegen")
                and any(SCORE.fullmatch(t.text) for t in before[:-1]))
    return subject or opponent


def club_names_of_town(text: str) -> list[str]:
    """'Groningen' -> ['FC Groningen', 'AFC Groningen', ...]: the names a club named after
    this town may have (organisations.json club_prefixes)."""
    return [f"{prefix} {text}" for prefix in load_resource("organisations")["club_prefixes"]]


def _capitalised(token) -> bool:
    return token.is_title or token.is_upper


@lru_cache(maxsize=1)
def _person_words() -> frozenset[str]:
    roles = load_resource("roles")
    return frozenset(roles["person"]) | frozenset(roles["titles"])


def _inside_sentence(doc: Doc, start: int, end: int) -> bool:
    """Not at a sentence start and no capitalised word next to it: 'Lotte Verhulst
    (Vooruit)', 'stemt Groen tegen', but not 'Jan Groen' or 'Groen licht voor ...'
    at a sentence start, nor after a title or role ('wethouder Groen', 'mevrouw Groen'),
    nor a surname of a person the model found ('Sanne Groen ... zegt Groen')."""
    # '“Groen is prima”': a quote or a colon starts a sentence too.
    if doc[start].is_sent_start or starts_sentence(doc[start]) or _capitalised(doc[start - 1]):
        return False
    if doc[start - 1].lower_ in _person_words():
        return False
    word = doc[start:end].text
    if any(canonical_label(ent.label_) == "PER" and len(ent) >= 2 and ent[-1].text == word for ent in doc.ents):
        return False
    return end == len(doc) or not _capitalised(doc[end])


def organisation_name_spans(doc: Doc) -> list[Span]:
    """The known organisation names in ``doc``, longest first where they overlap."""
    spans = [Span(doc, start, end, label=ORG) for _id, start, end in _name_matcher(doc.vocab)(doc)]
    for match_id, start, end in _matcher(doc.vocab)(doc):
        kind = doc.vocab.strings[match_id]
        if kind == _MID_SENTENCE and not _inside_sentence(doc, start, end):
            continue
        spans.append(Span(doc, start, end, label=ORG))
    return filter_spans(spans)


@lru_cache(maxsize=1)
def _company_names() -> frozenset[str]:
    return frozenset(load_resource("organisations")["names"]["companies"])


def _person_beside(span: Span, label: str, outside: list) -> Span | None:
    """The person's part of a PER entity that ran on into a known name before or after
    it ('Tarik Benali Feyenoord'): the words outside the name, when they are all on one
    side of it. One word before a company's name is a first name of its family
    ('Frits Philips', 'Jef Colruyt'): the person stays whole, as do other labels
    ('CDA Limburg')."""
    if canonical_label(label) != "PER" or not outside:
        return None
    if len(outside) == 1 and outside[0].i == span.start and span[1:].text in _company_names():
        return None
    first, last = outside[0].i, outside[-1].i
    if last - first + 1 != len(outside) or (first != span.start and last != span.end - 1):
        return None
    return span.doc[first:last + 1]


def with_organisation_names(
    spans: Iterable[tuple[Span, str, str | None]], names: list[Span]
) -> list[tuple[Span, str, str | None]]:
    """The model's (span, label, raw label) entities with the known ``names`` in:

    - a model entity inside a name, or the name itself, becomes the name, an ORG
      (the raw label stays only when the span is the same);
    - a model entity that runs on beyond the names it overlaps keeps its span when
      a capitalised word lies outside them ('CDA Limburg', 'Jan Groen'; an ORG when it
      begins with the name: 'GGD Rotterdam-Rijnmond' MISC), and else is
      replaced by them ('[Partij voor de Dieren] en [Forum voor Democratie]'); a
      person followed or preceded by a name is split from it ('Tarik Benali Feyenoord');
    - a name the model did not tag is added, with no raw label.
    """
    result: list[tuple[Span, str, str | None]] = []
    settled: set[tuple[int, int]] = set()
    for span, label, raw in spans:
        overlapping = [name for name in names if name.start < span.end and span.start < name.end]
        if not overlapping:
            result.append((span, label, raw))
            continue
        covering = [name for name in overlapping if name.start <= span.start and span.end <= name.end]
        if covering:
            name = covering[0]
            if (name.start, name.end) not in settled:
                same = (name.start, name.end) == (span.start, span.end)
                result.append((name, ORG, raw if same else None))
                settled.add((name.start, name.end))
            continue
        outside = [token for token in span if not any(name.start <= token.i < name.end for name in overlapping)]
        keep_model = any(_capitalised(token) for token in outside if any(char.isalpha() for char in token.text))
        person = _person_beside(span, label, outside) if keep_model else None
        if person is not None:
            result.append((person, label, raw))  # 'Tarik Benali [Feyenoord]': the person and the club
            keep_model = False
        elif keep_model:
            # '[GGD Rotterdam-Rijnmond]' MISC: a known organisation's longer name; but a
            # company's name before another word is as often a product or venue ('Apple
            # Watch', 'Philips Stadion', 'Ziggo Dome'): the model's label stays.
            starts_with_name = any(name.start == span.start and name.text not in _company_names()
                                   for name in overlapping)
            result.append((span, ORG if starts_with_name and canonical_label(label) != "PER" else label, raw))
        for name in overlapping:
            if (name.start, name.end) not in settled:
                if not keep_model:
                    result.append((name, ORG, None))
                settled.add((name.start, name.end))
    result += [(name, ORG, None) for name in names if (name.start, name.end) not in settled]
    return _with_branch_places(sorted(result, key=lambda item: (item[0].start, item[0].end)),
                               {(name.start, name.end) for name in names})


def _with_branch_places(spans: list[tuple[Span, str, str | None]],
                        names: set[tuple[int, int]]) -> list[tuple[Span, str, str | None]]:
    """'[GGD] [Rotterdam-Rijnmond]', '[CDA] [Limburg]': a place right after a known
    organisation's name names its branch; the two are one organisation."""
    merged: list[tuple[Span, str, str | None]] = []
    for span, label, raw in spans:
        if merged and canonical_label(label) == "LOC":
            previous = merged[-1][0]
            if (previous.start, previous.end) in names and previous.end == span.start and previous[-1].whitespace_:
                merged[-1] = (Span(span.doc, previous.start, span.end, label=ORG), ORG, None)
                continue
        merged.append((span, label, raw))
    return merged
