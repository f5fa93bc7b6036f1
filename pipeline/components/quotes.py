"""The "dutch_quotes" component: who said what in Dutch news.

Quote attribution runs in three stages, as in bbc/citron:

1. cue: a speech verb from ``resources/speech_verbs.json`` (by lemma, with the
   inflected forms as fallback when the lemmatizer is wrong), "aldus",
   "volgens", a colon before a quote, or the signature of an embedded post;
2. content: the quoted words (quote marks paired per paragraph) or the reported
   clause: the "dat"/"of" complement or te-infinitive of the verb, the clause
   before ", zegt X" / ", aldus X", the clause around "volgens X", the object of
   "sprak van";
3. source: the speaker phrase (the subject of the speech verb from the parse,
   else from Dutch word order, also across a relative clause or apposition
   between commas: "Europol, dat ..., meldt"; the phrase after
   "aldus"/"volgens"), resolved with the document's ``entity_index``: a name to
   its entity's fullest name without titles, roles or portfolio ("Minister van
   Financiën Ingrid Bakhuis" → "Ingrid Bakhuis"), a role noun ("de minister",
   "het politieagentschap") to the entity introduced with that role before or
   in apposition after its name (tagged by the model or not), an organisation
   noun ("het planbureau") to the organisation named before whose name ends in
   it, else the last person named (person roles) or the organisation that
   spoke just before (descriptive organisation nouns: "het Europese
   politieagentschap"); a pronoun to the last compatible entity. Unnamed
   speakers ("een woordvoerder van het ministerie van Financiën", "zijn
   advocaat", "de advocaat van X") are kept as written with the article
   lower-cased, ``speaker_kind`` "unresolved", never guessed; a pronoun whose
   nearest antecedent is such a speaker gets the same string.

A quote without a cue of its own continues the quote before it (same or next
paragraph); a quote left open at the end of a paragraph takes the speaker of
the quote that continues it in the next one.

Decisions on borderline cases (they follow the gold guidelines):

- Scare quotes and short labels -- at most ``max_label_words`` words in quote
  marks with no speech cue of their own ("informatieterrorisme",
  'voorzichtig optimistisch') -- are not quotes. Inside a reported clause they
  make it "mixed" (zei dat Oekraïne "kalm blijft").
- A labelling verb that is a speech act of its subject, with the quoted words
  ending its clause, gives a direct quote whatever their length, cue the verb
  (and particle): 'X noemt de ingreep "onvermijdelijk"', 'Moskou deed dat af
  als "informatieterrorisme"' (cue "deed af"; annotation guide 4.6.3). Not with
  a reflexive object ("noemen zichzelf 'politieke gevangenen'" is a
  self-chosen name), a passive, a document as subject ("het rapport noemt"),
  or a naming verb ("heten"); and a clause with a labelling verb never
  continues another speaker's quote (``quote_words.json`` label_verbs).
- Verbs of thinking ("denken", "geloven") are no cues (guide 4.6.8).
- A mixed quote keeps the closing mark of a partial quote that ends it
  (zei dat Oekraïne "kalm blijft").
- Adverbials dating the act of speaking ("stelde eerder deze week te ...")
  stay outside a te-infinitive's content; "X ontkent dat ...: "..."" gives the
  indirect item (cue the verb) and the direct one (cue ":").
- A quoted string right after a title noun ("het boek '...'", "de
  campagne '...'") is a title or a name, never a quote.
- "volgens X" at the start or end of its clause is left out of the content; in
  the middle of a clause a character span cannot skip it, so the content is
  the whole clause including the phrase.
- A quote left open at a paragraph end gives one item per paragraph.
- An embedded post ("... — Name (@handle) date") is one direct quote by its
  author: the post text up to the signature, without trailing links.
- Teaser blocks ("Lees ook:" followed by headlines and teasers) are skipped.
- "Dat meldt X." (also "Dat heeft X ... geschreven.") reports the sentence
  before it; when that sentence is a quote with no cue of its own, the quote is X's.
- Coordinated speakers ("volgens de VS en Oekraïne") give one item whose
  speaker joins the names with "en"; its entity id is the first one's.
- A cue inside its clause ("Het plan, zegt de wethouder, is nog niet af")
  reports the whole sentence.
- A person role noun right before a name ("D66-leider Sigrid Kaag") makes the
  speaker a person whatever label the model gave the name.
- Plural "ze"/"zij" is resolved only to an organisation or group that was the
  speaker just before; otherwise it stays unresolved.
- First and second person ("ik", "we", "men") outside quote marks are the
  writer's own words: no quote.

Options (config): ``max_label_words`` (longest quoted string that needs a cue
of its own to count), ``continuation_paragraphs`` (how far back a quote without
a cue may find the speaker it continues), ``min_reported_words`` (shortest
reported clause).

Confidence reflects how the speaker was found: a name in the cue (0.9; 0.8
when the model did not tag it as an entity) > a role noun (0.75 via the role
the entity was introduced with, 0.65 via the last person named) > a pronoun
(0.6) > continuation of the previous quote (0.5); an unresolved speaker kept as
written gets 0.4.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterator, NamedTuple

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

import pipeline.extensions  # noqa: F401  (registers Span._.quote, Doc._.doc_id)
from pipeline.components.quote_marks import (
    QUOTE_CHARS,
    Block,
    Post,
    QuotePair,
    embedded_posts,
    quote_mark_role,
    quote_pairs,
    teaser_blocks,
    text_blocks,
)
from pipeline.extract.common import stable_id
from pipeline.extract.entities import (
    EntityCluster,
    EntityIndex,
    appositive_role,
    cluster_for_name,
    cluster_named_by_head,
    entity_index,
    before_first_name,
    expanded_abbreviation,
    first_name_starts,
    fullest_written_name,
    name_ends_with_noun,
    normalize_name,
    remember_appositions,
    role_head,
)
from pipeline.components.speech_lexicon import SpeechLexicon, VerbForm
from pipeline.components.text_cues import starts_sentence as text_starts_sentence
from pipeline.models import canonical_label
from pipeline.resources import load_resource

# Confidence by how the speaker was found (see the module docstring).
NAMED = 0.9
NAMED_UNTAGGED = 0.8
ROLE_ALIAS = 0.75
ROLE_RECENT = 0.65
PRONOUN = 0.6
CONTINUATION = 0.5
UNRESOLVED = 0.4

UNNAMED_LABEL = "UNNAMED"  # antecedent label of an unnamed speaker ('een woordvoerder'), for pronouns

SPEAKER_KINDS = {"PER": "person", "ORG": "organization", "LOC": "organization", "MISC": "organization"}


def _organisation_word(word: str) -> bool:
    """A word that starts an organisation's name rather than continues a surname:
    'Europese' (an adjective of origin), 'ING' (an acronym), 'Commissie' (an
    organisation noun)."""
    low = word.casefold()
    role = role_head(word)
    nationality = low.endswith("sche") or (low.endswith("se") and len(low) > 3 and low[-3] not in "aiouys")
    return nationality or (word.isupper() and len(word) > 1) or (role is not None and role[0] == "organisation")


class QuoteInfo(NamedTuple):
    """What ``span._.quote`` holds; the character offsets are authoritative."""

    quote_id: str
    kind: str  # "direct", "indirect" or "mixed"
    start: int
    end: int
    cue: str
    cue_start: int | None
    cue_end: int | None
    speaker: str
    speaker_text: str
    speaker_start: int | None
    speaker_end: int | None
    speaker_entity_id: str | None
    speaker_kind: str  # "person", "organization" or "unresolved"
    confidence: float


# -- quote marks: see pipeline/components/quote_marks.py ---------------------------
_SENTENCE_END = {".", "!", "?", "…", "...", "?!", "!?"}
_BOUNDARY_PUNCT = {",", ":", ";", "(", ")", "—", "–"}
_SPEECH_TIME = {"eerder", "later", "onlangs", "recent", "destijds", "zojuist", "gisteren", "eergisteren", "vandaag"}
_DAY_PARTS = ("dag", "avond", "ochtend", "middag", "nacht", "morgen")
_ABBREVIATIONS = {
    "nr", "st", "blz", "bijv", "ca", "vs", "resp", "evt", "incl", "excl", "max", "min", "mln", "mld", "prof", "afd",
    "art", "enz", "etc", "ong", "jl", "dhr", "mevr", "drs", "ing", "mgr", "sr", "jr", "vgl", "zgn", "nl", "lid",
    "tel", "red", "aant", "ned", "ivm", "mbt", "oa", "dwz", "bv", "nv", "bijvoorbeeld", "inclusief", "exclusief",
}
# Common finite auxiliaries and copulas: they end a speaker phrase.
_VERBISH = {
    "is", "was", "zijn", "waren", "ben", "bent", "heeft", "hebben", "had", "hadden", "heb", "wordt",
    "worden", "werd", "werden", "zal", "zullen", "zou", "zouden", "kan", "kunnen", "kon", "konden",
    "moet", "moeten", "moest", "moesten", "wil", "willen", "wilde", "wilden", "blijft", "blijven",
    "bleef", "bleven", "gaat", "gaan", "ging", "gingen", "komt", "komen", "kwam", "kwamen", "lijkt",
    "lijken", "leek", "leken", "mag", "mogen", "mocht", "mochten", "ziet", "zien", "zag", "zagen",
}


class Sentence(NamedTuple):
    start: int  # token indices [start, end)
    end: int
    block: int


_ANONYMISED_NAME = re.compile(r"\b[A-Z]\.$")  # 'Kevin D.': a private person's initial for a surname


# -- word lists --------------------------------------------------------------------
class QuoteWords:
    """The word lists of quote_words.json, as sets."""

    def __init__(self, data: dict) -> None:
        pronouns = data["pronouns"]
        self.pronoun_class = {
            word: cls for cls in ("person", "person_or_group", "group", "self") for word in pronouns[cls]
        }
        self.unnamed = set(data["unnamed_sources"]["nouns"])
        self.anonymised_roles = set(data["anonymised_person_roles"]["nouns"])
        self.non_sources = set(data["non_sources"]["nouns"])
        self.title_nouns = set(data["title_nouns"]["nouns"])
        self.title_markers = [tuple(m.split()) for m in data["title_nouns"]["markers"]]
        self.label_verbs = set(data["label_verbs"]["lemmas"])
        # Finite forms of labelling verbs that are a speech act of their subject.
        self.label_acts: dict[str, list[tuple[str, str, str | None]]] = defaultdict(list)
        for item in data["label_verbs"]["speech_acts"]:
            for number in ("sg", "pl"):
                for form in item[number]:
                    self.label_acts[form].append((item["lemma"], number, item.get("particle")))
        self.reflexives = set(data["label_verbs"]["reflexives"])
        self.teaser_labels = list(data["teaser_labels"]["labels"])
        np = data["np"]
        self.determiners = set(np["determiners"])
        self.name_particles = set(np["name_particles"])
        self.role_phrases = [tuple(words) for words in np.get("role_phrases", ()) if len(words) > 1]
        self.linking_prepositions = set(np["linking_prepositions"])
        # 'een festivalganger uit Gent': modifiers of a common-noun speaker only.
        self.origin_prepositions = set(np.get("origin_prepositions", ()))
        complements = data.get("complements", {})
        self.om_te_verbs = set(complements.get("om_te", ()))
        self.te_verbs = set(complements.get("te", ()))
        self.complemented_nouns = set(complements.get("noun_heads", ()))
        self.perfect_auxiliaries = dict(data["back_reference"]["perfect_auxiliaries"])
        self.negations = set(data["back_reference"]["negations"])
        self.time_words = set(np["time_words"])
        self.time_determiners = set(np["time_determiners"])
        self.time_nouns = set(np["time_nouns"])
        self.focus_particles = set(np["focus_particles"])
        self.clause_openers = set(np["clause_openers"])
        self.relative_pronouns = set(np["relative_pronouns"])
        self.prepositions = set(np["prepositions"])
        self.possessives = set(np["possessives"])
        self.relative_openers = set(np["relative_openers"])
        roles = load_resource("roles")
        self.departments = set(roles["departments"]["words"])
        self.titles = set(roles["titles"])


# -- intermediate results ------------------------------------------------------------
class SpeechVerb(NamedTuple):
    i: int  # the verb token
    cue_end: int  # token after the cue words (the verb, or verb + adjacent particle)
    search_from: int  # where its complement may start (after a separated particle)
    lemma: str
    number: str
    te: bool
    of: bool


class Cue(NamedTuple):
    text: str
    start: int
    end: int
    token: int


class SourceRef(NamedTuple):
    """The speaker phrase as written and what kind of reference it is."""

    span: Span
    kind: str  # "name", "role", "pronoun", "unnamed", "noun"
    head: int  # token index of the head word
    names: tuple[tuple[int, int], ...]  # token ranges of the names it contains, best first
    definite: bool


_INDEFINITE = ("een", "enkele", "sommige", "veel", "vele", "meerdere", "diverse")


class _Identity(NamedTuple):
    name: str
    label: str
    confidence: float
    entity_id: str | None


class Speaker(NamedTuple):
    name: str
    text: str
    start: int | None
    end: int | None
    entity_id: str | None
    kind: str
    confidence: float
    label: str | None  # PER/ORG/LOC/MISC of the resolved entity


@dataclass(eq=False)
class Candidate:
    kind: str
    start: int
    end: int
    block: int
    cue: Cue | None = None
    source: SourceRef | None = None
    number: str = ""
    pair: QuotePair | None = None
    link: "Candidate | None" = None  # continuation: shares this candidate's speaker
    speaker: Speaker | None = None
    consumed: list[QuotePair] = field(default_factory=list)


class _Antecedents:
    """Entities and earlier speakers by position, for role nouns and pronouns.

    Mentions inside reported content ('Biden zei dat Poetin ...') are kept apart:
    a later 'hij' rather refers to the speaker than to whom he spoke about.
    """

    def __init__(self) -> None:
        self.items: list[tuple[int, Speaker, bool, bool]] = []

    def add(self, char: int, speaker: Speaker, reported: bool = False, is_speaker: bool = False) -> None:
        self.items.append((char, speaker, reported, is_speaker))
        self.items.sort(key=lambda item: item[0])

    def last(
        self,
        before: int,
        labels: set[str],
        within: int | None = None,
        contains: str | None = None,
        reported: bool = False,
        speakers_only: bool = False,
        matches: "Callable[[Speaker], bool] | None" = None,
    ) -> tuple[int, Speaker] | None:
        for char, speaker, in_reported, is_speaker in reversed(self.items):
            if char >= before or (in_reported and not reported) or (speakers_only and not is_speaker):
                continue
            if within is not None and before - char > within:
                return None
            if speaker.label in labels and (contains is None or contains in speaker.name.casefold()) and (
                matches is None or matches(speaker)
            ):
                return char, speaker
        return None


# -- the component --------------------------------------------------------------------
@Language.factory(
    "dutch_quotes",
    assigns=["doc.spans"],
    default_config={"max_label_words": 3, "continuation_paragraphs": 1, "min_reported_words": 2},
)
def make_dutch_quotes(
    nlp: Language,
    name: str,
    *,
    max_label_words: int,
    continuation_paragraphs: int,
    min_reported_words: int,
) -> "DutchQuotes":
    return DutchQuotes(
        nlp,
        name,
        max_label_words=max_label_words,
        continuation_paragraphs=continuation_paragraphs,
        min_reported_words=min_reported_words,
    )


class DutchQuotes:
    """Puts quote contents into ``doc.spans["quotes"]`` with ``span._.quote``."""

    def __init__(
        self,
        nlp: Language,
        name: str = "dutch_quotes",
        *,
        max_label_words: int = 3,
        continuation_paragraphs: int = 1,
        min_reported_words: int = 2,
    ) -> None:
        self.name = name
        self.max_label_words = max_label_words
        self.continuation_paragraphs = continuation_paragraphs
        self.min_reported_words = min_reported_words
        self.lexicon = SpeechLexicon(load_resource("speech_verbs"))
        self.words = QuoteWords(load_resource("quote_words"))
        self.matcher = Matcher(nlp.vocab)
        forms = self.lexicon.all_forms + sorted(self.lexicon.speak_of_forms)
        lemmas = sorted(self.lexicon.by_lemma) + [self.lexicon.speak_of_lemma]
        self.matcher.add("SPEECH_FORM", [[{"LOWER": {"IN": forms}}]])
        self.matcher.add("SPEECH_LEMMA", [[{"LEMMA": {"IN": lemmas}, "POS": {"IN": ["VERB", "AUX"]}}]])
        self.matcher.add(
            "ATTRIBUTION_WORD",
            [[{"LOWER": {"IN": sorted(self.lexicon.after_words | self.lexicon.source_prepositions)}}]],
        )
        # For the parse (see _DocState.parsed_relations): speech verbs by form or lemma.
        self.speech_forms = frozenset(forms)
        self.speech_lemmas = frozenset(lemmas)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- the two steps ---------------------------------------------------------------
    def match(self, doc: Doc) -> list[QuoteInfo]:
        """The quotes of ``doc``; reads the doc (and builds its cached entity index)."""
        if not len(doc):
            return []
        state = _DocState(self, doc)
        candidates = state.run()
        doc_id = doc._.doc_id or ""
        infos = []
        for cand in candidates:
            speaker = cand.speaker
            infos.append(
                QuoteInfo(
                    quote_id=stable_id(doc_id, str(cand.start), str(cand.end), prefix="Q"),
                    kind=cand.kind,
                    start=cand.start,
                    end=cand.end,
                    cue=cand.cue.text if cand.cue else "",
                    cue_start=cand.cue.start if cand.cue else None,
                    cue_end=cand.cue.end if cand.cue else None,
                    speaker=speaker.name,
                    speaker_text=speaker.text,
                    speaker_start=speaker.start,
                    speaker_end=speaker.end,
                    speaker_entity_id=speaker.entity_id,
                    speaker_kind=speaker.kind,
                    confidence=speaker.confidence,
                )
            )
        return infos

    def set_annotations(self, doc: Doc, matches: list[QuoteInfo]) -> None:
        spans = []
        for info in matches:
            span = doc.char_span(info.start, info.end, alignment_mode="contract")
            if span is None or not len(span):
                span = doc.char_span(info.start, info.end, alignment_mode="expand")
            if span is None:
                continue
            span._.quote = info
            spans.append(span)
        doc.spans["quotes"] = spans


def _subject_of(verb: Token) -> int | None:
    """The last nominal subject among a verb's children, as the parse gives it."""
    found = None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass"):
            found = child.i
    return found


class _DocState:
    """The working state of one ``DutchQuotes.match`` call."""

    def __init__(self, component: DutchQuotes, doc: Doc) -> None:
        self.c = component
        self.lex = component.lexicon
        self.words = component.words
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.index: EntityIndex = entity_index(doc)
        remember_appositions(self.index)
        self.cluster_names: dict[int, str] = {}
        self.role_aliases: list[tuple[int, set[str], Speaker]] = []
        self.known_people: list[Speaker] = []
        self.first_names = first_name_starts(doc)

    # -- positions ----------------------------------------------------------------------
    def token_from(self, char: int) -> int:
        """The first token starting at or after ``char``."""
        return bisect_left(self.starts, char)

    def token_at(self, char: int) -> int:
        """The token containing ``char``."""
        return max(bisect_right(self.starts, char) - 1, 0)

    def char_end(self, i: int) -> int:
        return self.doc[i].idx + len(self.doc[i])

    def is_mark(self, i: int, roles: tuple[str, ...]) -> bool:
        token = self.doc[i]
        return len(token) == 1 and quote_mark_role(self.text, token.idx) in roles

    def next_word(self, i: int, limit: int) -> int:
        while i < limit and self.doc[i].is_space:
            i += 1
        return i

    def words_in(self, start: int, end: int) -> int:
        """Number of word tokens in the character range."""
        first, last = self.token_from(start), self.token_from(end)
        return sum(1 for t in self.doc[first:last] if t.is_alpha or t.like_num or "-" in t.text)

    # -- the run -------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        self.blocks = text_blocks(self.text)
        if not self.blocks:
            return []
        self.block_of_char = [b.start for b in self.blocks]
        self.skipped = teaser_blocks(self.text, self.blocks, self.words.teaser_labels)
        self.posts = [p for p in embedded_posts(self.text, self.blocks) if p.block not in self.skipped]
        self.closed_blocks = self.skipped | {p.block for p in self.posts}
        self.sentences = self.split_sentences()
        self.sentence_of = [0] * len(self.doc)
        for n, sent in enumerate(self.sentences):
            for i in range(sent.start, sent.end):
                self.sentence_of[i] = n
        self.verbs, self.attribution_words = self.find_cues()
        self.subjects, self.volgens_sources = self.parsed_relations()
        self.pairs = [
            pair
            for block in self.blocks
            if block.index not in self.closed_blocks
            for pair in quote_pairs(self.text, block.start, block.end, block.index)
        ]
        self.titles = {pair for pair in self.pairs if self.is_title(pair)}
        candidates = list(self.post_candidates())
        direct = self.direct_candidates()
        self.inside_quotes = self.quote_mask()
        self.post_cue_commas = self.find_post_cue_commas()
        candidates += direct
        candidates += self.indirect_candidates(direct)
        candidates = self.drop_nested(candidates)
        candidates = self.merge_partial_quotes(candidates)
        candidates += self.continuations(candidates)
        candidates.sort(key=lambda cand: (cand.start, cand.end))
        return self.resolve(candidates)

    def block_index(self, char: int) -> int:
        return max(bisect_right(self.block_of_char, char) - 1, 0)

    def token_open(self, i: int) -> bool:
        """Whether token ``i`` may carry a cue: not inside quote marks, not in a skipped block."""
        return not self.inside_quotes[i] and self.block_index(self.doc[i].idx) not in self.closed_blocks

    # -- sentences -------------------------------------------------------------------------
    def split_sentences(self) -> list[Sentence]:
        """Sentences by punctuation and capitals, respecting quote marks.

        Attribution needs boundaries that do not split '"...!" zei hij' and do
        split at every paragraph, which statistical segmenters often miss.
        """
        sentences = []
        for block in self.blocks:
            first, end = self.token_from(block.start), self.token_from(block.end)
            start = i = first
            while i < end:
                token = self.doc[i]
                if token.text in _SENTENCE_END or (token.is_punct and token.text.endswith(("!", "?"))) or (
                    self.glued_period(i)
                ):
                    j = i + 1
                    while j < end and (self.is_mark(j, ("close", "either")) or self.doc[j].text in ")]"):
                        j += 1
                    j = self.next_word(j, end)
                    if j >= end:
                        break
                    nxt = self.doc[j].text
                    opens = self.is_mark(j, ("open", "either")) or nxt in "(-–—"
                    if nxt[:1].isupper() or nxt[:1].isdigit() or opens:
                        sentences.append(Sentence(start, j, block.index))
                        start = i = j
                        continue
                i += 1
            if start < end:
                sentences.append(Sentence(start, end, block.index))
        return sentences

    def glued_period(self, i: int) -> bool:
        """A sentence-final function word the tokenizer kept together with its period
        ('ontkent dat.'), unlike an abbreviation ('dr.', 'bijv.', 'D.')."""
        text = self.doc[i].text
        word = text[:-1]
        if not (len(text) > 2 and text.endswith(".") and word.isalpha() and word == word.lower()):
            return False
        if text in self.words.titles or word in _ABBREVIATIONS:
            return False
        nxt = i + 1
        quote_next = nxt < len(self.doc) and self.is_mark(nxt, ("open", "either"))
        # 'dat.', 'pers. "...' ; short lower-case words before a capital are mostly abbreviations.
        return self.doc.vocab[word].is_stop or quote_next or len(word) >= 5

    def sentence(self, i: int) -> Sentence:
        return self.sentences[self.sentence_of[i]]

    # -- cues ---------------------------------------------------------------------------------
    def find_cues(self) -> tuple[dict[int, SpeechVerb], list[int]]:
        """Speech verbs (with their particles) and the tokens "aldus"/"volgens"."""
        verbs: dict[int, SpeechVerb] = {}
        attribution_words = []
        for match_id, start, _end in self.c.matcher(self.doc):
            if self.doc.vocab.strings[match_id] == "ATTRIBUTION_WORD":
                attribution_words.append(start)
                continue
            if start in verbs or self.is_name_not_verb(start):
                continue
            token = self.doc[start]
            forms = self.lex.by_form.get(token.lower_, [])
            if token.lower_ in self.lex.speak_of_forms:
                number = self.lex.speak_of_forms[token.lower_]
                forms = [VerbForm(self.lex.speak_of_lemma, number, None, False, False)]
            elif not forms:
                # An inflection the lexicon does not list, known by the lemmatizer.
                base = self.lex.by_lemma.get(token.lemma_.replace(" ", ""))
                if base is None:  # a lemma the cue matcher knows only in another role
                    continue
                finite = "Fin" in token.morph.get("VerbForm")
                number = {"Sing": "sg", "Plur": "pl"}.get(next(iter(token.morph.get("Number")), ""), "")
                forms = [base._replace(number=number if finite else "")]
            verb = self.verb_with_particle(start, forms)
            if verb is not None:
                verbs[start] = verb
        return verbs, sorted(set(attribution_words))

    def is_name_not_verb(self, i: int) -> bool:
        """'op Twitter', 'de Melding': a capitalised word inside a sentence, or a word
        after an article or preposition, is no verb."""
        token = self.doc[i]
        if token.text[:1].isupper() and self.sentence(i).start != i and not (
            i > 0 and self.is_mark(i - 1, ("open", "either"))
        ):
            return True
        prev = i - 1
        while prev >= 0 and self.doc[prev].is_space:
            prev -= 1
        return prev >= 0 and self.doc[prev].lower_ in ("de", "het", "een", "op", "via", "naar", "hun", "diens")

    def verb_with_particle(self, i: int, forms: list[VerbForm]) -> SpeechVerb | None:
        """The verb with its particle where the clause has it ('stelt ... vast', 'riep ... op'),
        else the verb alone where the lexicon knows it without one."""
        found = self.particle_verb(i, [form for form in forms if form.particle is not None])
        if found is not None:
            return found
        for form in forms:
            if form.particle is None:
                return SpeechVerb(i, i + 1, i + 1, form.lemma, form.number, form.te, form.of)
        return None

    def particle_verb(self, i: int, forms: list[VerbForm]) -> SpeechVerb | None:
        sent_end = self.sentence(i).end
        for form in forms:
            if i > 0 and self.doc[i - 1].lower_ == form.particle:
                return SpeechVerb(i, i + 1, i + 1, form.lemma, form.number, form.te, form.of)
            for j in range(i + 1, min(i + 14, sent_end)):
                token = self.doc[j]
                if token.text in _BOUNDARY_PUNCT or token.text in _SENTENCE_END or token.lower_ in ("dat", "of"):
                    break
                if token.lower_ == form.particle and (
                    self.ends_clause(j + 1, sent_end)
                    or (form.lemma in self.words.te_verbs and self.te_infinitive_follows(j + 1, sent_end))
                    # 'roept mensen op om binnen te blijven', 'raadt ... aan om ... te'
                    or (form.lemma in self.words.om_te_verbs and j + 1 < sent_end
                        and self.doc[j + 1].lower_ == "om" and self.te_infinitive_follows(j + 2, sent_end))
                ):
                    cue_end = j + 1 if j == i + 1 else i + 1
                    return SpeechVerb(i, cue_end, j + 1, form.lemma, form.number, form.te, form.of)
        return None

    def te_infinitive_follows(self, j: int, limit: int) -> bool:
        """'liet weten de cijfers „serieus" te nemen': a te-infinitive (with its object and
        quote marks, no comma or clause opener) ends the clause after the particle."""
        for k in range(j, min(j + 10, limit - 1)):
            token = self.doc[k]
            if token.lower_ == "te" and self.doc[k + 1].is_alpha and self.doc[k + 1].lower_ == self.doc[k + 1].text:
                return k > j
            if token.text in _BOUNDARY_PUNCT or token.text in _SENTENCE_END or token.lower_ in self.words.clause_openers:
                return False
        return False

    def ends_clause(self, j: int, limit: int) -> bool:
        """A separated particle stands last in its clause: before dat/of/te, punctuation or a quote."""
        j = self.next_word(j, limit)
        if j >= limit:
            return True
        token = self.doc[j]
        if j + 1 < limit and self.doc[j + 1].lower_ == "te" and token.is_alpha and token.lower_ == token.text:
            return True  # 'riep ... op aan te tonen': a te-infinitive with its own particle follows
        return token.lower_ in ("dat", "of", "te") or token.is_punct or len(token) == 1 and token.text in QUOTE_CHARS

    def parsed_relations(self) -> tuple[dict[int, int], dict[int, int]]:
        """Speech verb → subject token (also through 'blijft ... hameren': the subject of
        the verb it complements) and "volgens" → source token, from the parse.

        A walk over each token's children: cheaper than a DependencyMatcher, whose
        open-ended nodes make it index every token of the document."""
        subjects: dict[int, int] = {}
        sources: dict[int, int] = {}
        if not self.doc.has_annotation("DEP"):
            return subjects, sources
        prepositions = self.c.lexicon.source_prepositions
        for token in self.doc:
            if token.dep_ == "case" and token.lower_ in prepositions:
                sources[token.i] = token.head.i
            if token.lower_ not in self.c.speech_forms and token.lemma_ not in self.c.speech_lemmas:
                continue
            subject = _subject_of(token)
            if subject is None and token.dep_ in ("xcomp", "ccomp") and token.head.i != token.i:
                subject = _subject_of(token.head)
            if subject is not None:
                subjects[token.i] = subject
        return subjects, sources

    # -- source phrases ----------------------------------------------------------------------
    def is_role(self, i: int) -> bool:
        return role_head(self.doc[i].text) is not None

    def is_capitalized(self, i: int) -> bool:
        """A capitalised word that may be (part of) a name; 'Ook' or 'Maar' at the
        start of a sentence is a function word, unless the model tagged it."""
        token = self.doc[i]
        if not (token.text[:1].isupper() and any(ch.isalpha() for ch in token.text)):
            return False
        if not token.is_stop or token.ent_iob_ in ("B", "I"):
            return True
        # Inside a sentence a capitalised function word is part of a name ('Ben Wallace',
        # 'Jan Van Damme'), right after another capitalised word or a role noun.
        if i == 0 or self.sentence(i).start == i:
            return False
        prev = self.doc[i - 1]
        return prev.text[:1].isupper() and not prev.is_stop or self.is_role(i - 1) and prev.text[:1].islower()

    def is_adjective(self, i: int, limit: int) -> bool:
        """An attributive adjective in a speaker phrase ('de Noorse secretaris-generaal')."""
        token = self.doc[i]
        low = token.lower_
        if low in self.words.unnamed or self.is_role(i) or i + 1 >= limit:
            return False
        nxt = self.doc[i + 1]
        if not (nxt.is_alpha or "-" in nxt.text) or nxt.lower_ in self.words.time_words or nxt.lower_ in _VERBISH:
            return False
        if nxt.lower_ in self.words.prepositions or nxt.lower_ in self.lex.by_form:
            return False
        if self.nationality_form(i):
            return True
        if low == token.text and token.pos_ in ("VERB", "ADJ") and self.is_role(i + 1) and low.endswith(("d", "t")):
            return True  # 'gedelegeerd bestuurder', 'waarnemend burgemeester': a participle before a role
        return low == token.text and (token.pos_ == "ADJ" or low.endswith("e"))

    def is_verb_like(self, i: int) -> bool:
        low = self.doc[i].lower_
        return low in _VERBISH or low in self.lex.by_form or low in self.lex.speak_of_forms

    def chunk_source(self, i: int, limit: int) -> Span | None:
        """The speaker noun phrase starting at token ``i`` (before ``limit``).

        Word-class rules rather than the parse, so that it works with any model:
        determiners and adjectives, then a head (role noun, name, pronoun or
        noun), then names in apposition, "van/voor ..." modifiers and "en ..."
        coordination.
        """
        doc, words = self.doc, self.words
        i = self.next_word(i, limit)
        while i < limit - 1 and doc[i].lower_ in words.focus_particles and doc[i].lower_ not in words.pronoun_class:
            i = self.next_word(i + 1, limit)
        if i >= limit:
            return None
        if doc[i].lower_ in words.pronoun_class and not self.possessive_determiner(i, limit):
            return doc[i : i + 1]
        j, head = i, None
        while j < limit:
            token = doc[j]
            low = token.lower_
            if token.is_space or (token.is_punct and token.text not in ("-", "'")):
                break
            if head is None:
                if low in words.determiners or token.like_num:
                    j += 1
                    continue
                if self.is_role(j) or low in words.unnamed:
                    head = j
                elif self.is_capitalized(j) and not self.is_verb_like(j):
                    if self.nationality_form(j) and self.is_adjective(j, limit):
                        j += 1
                        continue
                    head = j
                elif self.is_adjective(j, limit):
                    j += 1
                    continue
                elif j > i and low == token.text and token.is_alpha and not self.is_verb_like(j) and (
                    low not in words.time_words and low not in words.prepositions and low not in words.time_nouns
                ):
                    head = j
                elif j == i and self.appositive_noun(j, limit):
                    head = j  # 'raadslid Ronald Kapteijn', 'kennisinstituut Deltares'
                else:
                    break
                j += 1
                # 'de officier van justitie': the rest of a role of several words
                phrase = next((p for p in words.role_phrases if p[0] == low
                               and [t.lower_ for t in doc[j:j + len(p) - 1]] == list(p[1:])), None)
                if phrase is not None and j + len(phrase) - 1 <= limit:
                    j += len(phrase) - 1
                continue
            # After the head: names, particles, modifiers, coordination.
            nxt_cap = j + 1 < limit and self.is_capitalized(j + 1)
            nxt_np = j + 1 < limit and (
                nxt_cap or doc[j + 1].lower_ in words.determiners
                or (self.is_role(j + 1) and self.appositive_noun(j + 1, limit))  # 'van zorgverzekeraar X'
            )
            if self.is_capitalized(j) and not self.is_verb_like(j) and low not in words.time_words:
                j += 1
            elif self.is_role(j) and self.is_capitalized(j - 1):
                j += 1
            elif self.is_capitalized(j - 1) and (k := self.particle_join(j, limit)) is not None:
                j = k
            elif (low in words.linking_prepositions or (
                low in words.origin_prepositions and doc[head].text == doc[head].lower_ and doc[head].is_alpha
            )) and nxt_np:
                # 'een festivalganger uit Gent': an origin only after a common-noun head.
                end = self.chunk_modifier(j + 1, limit)
                if end is None:
                    break
                j = end
            elif low == "en" and self.entity_label_at(j) is not None:
                j += 1  # inside a name: 'het ministerie van Justitie en Veiligheid'
            elif low == "en" and nxt_np:
                sub = self.chunk_source(j + 1, limit)
                if sub is None or sub[0].lower_ in words.pronoun_class:
                    break
                j = sub.end
            else:
                break
        if head is None:
            return None
        return doc[i:j]

    def possessive_determiner(self, i: int, limit: int) -> bool:
        """'hun advocaten', 'haar woordvoerder': a possessive before a noun, not a pronoun."""
        low = self.doc[i].lower_
        j = i + 1
        if low not in self.words.possessives or j >= limit:
            return False
        nxt = self.doc[j]
        if not nxt.is_alpha or nxt.text != nxt.lower_ or self.is_verb_like(j) or nxt.is_stop:
            return False
        if self.is_role(j) or nxt.lower_ in self.words.unnamed:
            return True
        # 'hun' is not a subject pronoun in written Dutch; 'haar' before a noun the tagger knows.
        return low == "hun" or (nxt.pos_ == "NOUN" and nxt.lower_ not in self.words.time_words)

    def appositive_noun(self, j: int, limit: int) -> bool:
        """A bare common noun right before a name: 'raadslid Ronald Kapteijn',
        'kennisinstituut Deltares', 'persbureau Reuters'."""
        token = self.doc[j]
        low = token.lower_
        if not (token.is_alpha and token.text == low) or token.is_stop or self.is_verb_like(j):
            return False
        if low in self.words.time_words or low in self.words.prepositions or low in self.words.time_nouns:
            return False
        return j + 1 < limit and self.is_name_token(j + 1, limit) and not self.is_role(j + 1)

    def chunk_modifier(self, i: int, limit: int) -> int | None:
        """End of the noun phrase in a 'van ...' modifier (no further modifiers)."""
        doc = self.doc
        j, head = i, False
        while j < limit:
            token = doc[j]
            low = token.lower_
            if token.is_space or (token.is_punct and token.text != "-"):
                break
            if low in self.words.determiners and not head:
                j += 1
            elif self.is_capitalized(j) and not self.is_verb_like(j):
                head = True
                j += 1
            elif low in self.words.name_particles and head and j + 1 < limit and self.is_capitalized(j + 1):
                j += 1
            elif not head and self.is_adjective(j, limit):
                j += 1
            elif not head and token.is_alpha and low == token.text and not self.is_verb_like(j) and (
                low not in self.words.time_words and low not in self.words.prepositions
            ):
                head = True
                j += 1
                if self.is_role(j - 1) and j < limit and self.is_name_token(j, limit):
                    continue  # 'van zorgverzekeraar Zilveren Kruis': the name in apposition
                break
            else:
                break
        return j if head else None

    def analyze_source(self, span: Span) -> SourceRef | None:
        """Classify a speaker phrase: name, role noun, pronoun, unnamed source or plain noun."""
        doc, words = self.doc, self.words
        if len(span) == 1 and span[0].lower_ in words.pronoun_class:
            return SourceRef(span, "pronoun", span.start, (), True)
        runs = self.name_runs(span)
        person_runs = [run for run in runs if self.run_label(run) == "PER" and not self.in_modifier(run, span)]
        head = next(
            (
                i for i in range(span.start, span.end)
                if doc[i].lower_ not in words.determiners and not doc[i].like_num and not self.is_adjective(i, span.end)
            ),
            span.start,
        )
        for run in runs:
            if run[0] < head < run[1]:
                head = run[0]  # 'De Algemene Onderwijsbond': the name, not its last word
        definite = span[0].lower_ not in _INDEFINITE and not span[0].like_num
        if person_runs:
            return SourceRef(span, "name", head, tuple(person_runs), definite)
        if self.is_role(head) and not any(run[0] == head for run in runs):
            apposition = [run for run in runs if run[0] == head + 1]
            if apposition:
                return SourceRef(span, "name", head, tuple(apposition), definite)
            role = role_head(doc[head].text)
            if role is not None and role[0] == "person":
                # 'minister van Buitenlandse Zaken Vladimir Makei': the name after the portfolio.
                found = self.name_after_role(head, role)
                if found is not None and head < found[0] and found[1] <= span.end:
                    return SourceRef(span, "name", head, (found,), definite)
            if doc[head].lower_ in words.unnamed:
                return SourceRef(span, "unnamed", head, (), definite)
            if role is not None and role[0] == "organisation" and head + 1 < span.end and doc[head + 1].lower_ == "van":
                # 'het ministerie van Defensie', 'de regering van Belarus': the organisation named.
                named = [run for run in runs if run[0] > head and self.run_label(run) is not None]
                if named:
                    return SourceRef(span, "name", head, (named[0],), definite)
            return SourceRef(span, "role", head, (), definite)
        if runs and runs[0][0] == head:
            coordinated = [runs[0]] + [run for run in runs[1:] if doc[run[0] - 1].lower_ == "en"]
            return SourceRef(span, "name", head, tuple(coordinated), definite)
        if runs and runs[0][0] == head + 1 and doc[head].text == doc[head].lower_ and doc[head].is_alpha:
            return SourceRef(span, "name", head, (runs[0],), definite)  # 'kennisinstituut Deltares'
        if doc[head].lower_ in words.unnamed:
            return SourceRef(span, "unnamed", head, (), definite)
        if doc[head].lower_ in words.non_sources:
            return None
        return SourceRef(span, "noun", head, (), definite)

    def in_modifier(self, run: tuple[int, int], span: Span) -> bool:
        """A name that is the object of 'van/bij/namens' after a role or unnamed noun
        ('een woordvoerder van Nedcoat', 'de advocaat van Kevin D.'): not the speaker."""
        k = run[0] - 1
        while k > span.start and self.doc[k].lower_ in self.words.determiners:
            k -= 1
        if k > span.start and self.is_role(k) and self.doc[k].text == self.doc[k].lower_:
            # 'een woordvoerder van zorgverzekeraar Zilveren Kruis': skip the noun before the name
            k -= 1
            while k > span.start and self.doc[k].lower_ in self.words.determiners:
                k -= 1
        low = self.doc[k].lower_
        if k <= span.start or (low not in self.words.linking_prepositions and low not in self.words.origin_prepositions):
            return False
        return any(
            self.is_role(h) or self.doc[h].lower_ in self.words.unnamed
            or (self.doc[h].is_alpha and self.doc[h].text == self.doc[h].lower_ and self.doc[h].pos_ == "NOUN")
            for h in range(span.start, k)
        )

    def name_runs(self, span: Span) -> list[tuple[int, int]]:
        """Token ranges of capitalised names in a phrase ('Von der Leyen', 'Jens Stoltenberg')."""
        doc, runs, j = self.doc, [], span.start
        while j < span.end:
            # 'Conservator Joost Vanhoutte': a capitalised role before a first name is no name part.
            if self.is_name_token(j, span.end) and not before_first_name(doc, j, self.first_names):
                start = j
                j += 1
                k = start - 1
                while k > span.start and (doc[k].lower_ in self.words.determiners or self.nationality_form(k)):
                    k -= 1
                after_preposition = k >= span.start and doc[k].lower_ in self.words.linking_prepositions
                while j < span.end:
                    # A new entity starts another name: right after an entity, or
                    # after the object of 'van' ('van Buitenlandse Zaken Vladimir Makei').
                    particle = doc[j].text in self.words.name_particles  # 'Kees | de Boer': one name
                    # Two person entities side by side are one split name ('Karin' 'Smit').
                    split_name = canonical_label(doc[j].ent_type_) == canonical_label(doc[j - 1].ent_type_) == "PER"
                    if doc[j].ent_iob_ == "B" and not particle and not split_name and (
                        doc[j - 1].ent_iob_ in ("B", "I") or after_preposition
                    ):
                        break
                    if self.is_name_token(j, span.end):
                        j += 1
                    elif (k := self.particle_join(j, span.end)) is not None:
                        j = k
                    else:
                        break
                runs.append((start, j))
            else:
                j += 1
        return runs

    def particle_join(self, j: int, limit: int) -> int | None:
        """Where a name continues after lowercase particles ('van der Laan'): the
        index of the capitalised word after them, or None. Where the model tagged
        the name before the particles as a person but not the word after them,
        the name ends there ('minister Yeşilgöz | van Justitie')."""
        doc, k = self.doc, j
        while k < limit and k - j < 3 and doc[k].lower_ in self.words.name_particles and (
            doc[k].text == doc[k].lower_ or (j > 0 and self.is_capitalized(j - 1))  # Flemish 'Van Acker'
        ):
            k += 1
        if k == j or k >= limit or not self.is_name_token(k, limit):
            return None
        label_after = self.entity_label_at(k)
        if label_after in ("ORG", "LOC", "MISC"):
            return None
        if self.nationality_form(k) or self.is_org_word(k) or (doc[k].text.isupper() and len(doc[k].text) > 1):
            return None  # 'van de Europese Commissie', 'van ING': an organisation, not a surname
        single_van = k == j + 1 and doc[j].lower_ == "van"
        if single_van and self.entity_label_at(j - 1) == "PER" and label_after != "PER":
            return None
        return k

    def is_name_token(self, i: int, limit: int) -> bool:
        token = self.doc[i]
        if not self.is_capitalized(i) or token.lower_ in self.words.determiners:
            return False
        if self.is_role(i):
            # 'Centraal Planbureau', 'Algemene Onderwijsbond': an organisation word after
            # another capitalised word is part of the name; before a name it is a title.
            # A capitalised compound of one that the model tagged inside a sentence is a
            # name of its own ('de Gezondheidsraad', 'de Boerenbond'; not 'de gemeenteraad').
            if (self.is_org_word(i) and role_head(token.text)[1] != token.lower_
                    and self.entity_label_at(i) is not None and not text_starts_sentence(token)):
                return True
            return self.is_org_word(i) and i > 0 and self.is_capitalized(i - 1) and not (
                self.doc[i - 1].lower_ in self.words.determiners or self.is_role(i - 1)
            )
        if self.entity_label_at(i) == "PER":
            return True
        if self.nationality_form(i) and self.is_adjective(i, limit):
            return i + 1 < limit and self.is_capitalized(i + 1) and self.is_org_word(i + 1)
        return True

    def is_org_word(self, i: int) -> bool:
        role = role_head(self.doc[i].text)
        return role is not None and role[0] == "organisation"

    def nationality_form(self, i: int) -> bool:
        """Shaped like an adjective of origin: 'Noorse', 'Europese', 'Russische' --
        not like the first names 'Jesse' or 'Elise'."""
        token = self.doc[i]
        low = token.lower_
        if not low.endswith("e"):
            return False
        if token.ent_type_ == "MISC" or low.endswith("sche") or (
            low.endswith("se") and len(low) > 3 and low[-3] not in "aiouys"
        ):
            return True
        if token.pos_ != "ADJ":
            return False
        # The tagger's ADJ is not trusted for a capitalised word before another one: 'Sanne Jorritsma'.
        return not (token.text[:1].isupper() and i + 1 < len(self.doc) and self.is_capitalized(i + 1))

    def entity_label_at(self, i: int) -> str | None:
        cluster = self.index.cluster_at(self.doc[i].idx, self.char_end(i))
        return cluster.label if cluster else None

    def run_label(self, run: tuple[int, int]) -> str | None:
        labels = [self.entity_label_at(i) for i in range(*run)]
        if "PER" in labels:
            return "PER"
        return next((label for label in labels if label), None)

    # -- subjects ----------------------------------------------------------------------------
    def clause_start(self, i: int) -> int:
        """First token of the clause that token ``i`` belongs to (looking left)."""
        sent = self.sentence(i)
        j = i - 1
        while j >= sent.start:
            token = self.doc[j]
            if token.text == ")":
                # An aside such as '(GroenLinks)' does not end the clause.
                while j > sent.start and self.doc[j].text != "(":
                    j -= 1
                j -= 1
                continue
            if token.text in _BOUNDARY_PUNCT or (token.lower_ in self.words.clause_openers
                                                 and not self.joins_names(j)):
                return j + 1
            if self.is_mark(j, ("open", "close", "either")):
                return j + 1
            j -= 1
        return sent.start

    def joins_names(self, j: int) -> bool:
        """Token ``j`` is an 'en'/'of' between two names ('Rutte en Jetten zeggen',
        'het ministerie van Justitie en Veiligheid'), not a clause opener."""
        doc = self.doc
        return (doc[j].lower_ in ("en", "of") and 0 < j < len(doc) - 1
                and (self.entity_label_at(j) is not None
                     or (self.is_capitalized(j - 1) and self.is_capitalized(j + 1)
                         and self.entity_label_at(j - 1) is not None and self.entity_label_at(j + 1) is not None)))

    def subject_of(self, verb: SpeechVerb, content_start: int | None) -> SourceRef | None:
        """The speaker phrase of a speech verb: the parse's subject when it is
        plausible, as the fullest phrase word order gives around it; else the
        phrase before the verb, or (inverted order) after it."""
        doc = self.doc
        sent = self.sentence(verb.i)
        limit = content_start if content_start is not None else sent.end
        surface = self.surface_subject(verb, limit)
        parsed = self.subjects.get(verb.i)
        if parsed is None or not sent.start <= parsed < limit or self.inside_quotes[parsed]:
            return surface
        if doc[parsed].lower_ in self.words.relative_pronouns:
            return surface
        if surface is not None and surface.span.start <= parsed < surface.span.end:
            return surface
        bound = self.clause_start(verb.i) if parsed < verb.i else verb.cue_end
        left = max(min(t.i for t in doc[parsed].subtree), bound)
        span = self.chunk_source(left, verb.i if left < verb.i else limit)
        if span is not None and span.start <= parsed < span.end:
            ref = self.analyze_source(span)
            if ref is not None:
                return ref
        return surface

    def surface_subject(self, verb: SpeechVerb, limit: int) -> SourceRef | None:
        """Word order: '[focus particles] subject verb ...', 'adverbial verb subject ...',
        'X, die zei ...'."""
        doc = self.doc
        sent = self.sentence(verb.i)
        start = self.clause_start(verb.i)
        i = start
        while i < verb.i and (doc[i].lower_ in self.words.focus_particles or doc[i].is_space):
            i += 1
        if i < verb.i:
            first = doc[i]
            inverted = (
                first.lower_ in self.words.prepositions
                or self.adverbial_end(i, verb.i) is not None
                or self.date_number(i)
                or first.lower_ in ("dat", "dit", "daarom", "daarop", "dan", "zo", "toen", "hier", "daar", "er")
            )
            if not inverted:
                span = self.chunk_source(i, verb.i)
                return self.analyze_source(span) if span is not None else None
        elif start > sent.start + 1 and doc[start - 1].lower_ in ("die", "wie"):
            return self.antecedent_phrase(start - 1)
        elif (name := self.appositive_name_before(start)) is not None:
            return self.analyze_source(name)  # 'Zijn advocaat, Eveline Smits, laat weten'
        elif (phrase := self.phrase_before_apposition(start)) is not None:
            return self.analyze_source(phrase)  # 'Mark Rutte, nu secretaris-generaal van de NAVO, zei'
        elif (relative := self.relative_clause_before(start)) is not None:
            return self.antecedent_phrase(relative)  # 'Europol, dat ... betrokken was, meldt'
        span = self.chunk_source(self.skip_adverbs(verb.cue_end, limit), limit)
        return self.analyze_source(span) if span is not None else None

    def appositive_name_before(self, start: int) -> Span | None:
        """'Zijn advocaat, [Eveline Smits], laat weten', 'De minister, [Eelco Heinen],
        zei': a person's name between commas right before the verb (token ``start``),
        after a noun phrase that begins its clause; the name is the speaker."""
        doc = self.doc
        sent = self.sentence(start)
        close = start - 1
        if close <= sent.start or doc[close].text != ",":
            return None
        cluster = self.index.cluster_at(doc[close - 1].idx, self.char_end(close - 1))
        if cluster is None or cluster.label != "PER":
            return None
        open_ = close - 1
        while open_ > sent.start and self.index.cluster_at(doc[open_].idx, self.char_end(open_)) is cluster:
            open_ -= 1
        if open_ <= sent.start or doc[open_].text != "," or doc[open_ - 1].pos_ not in ("NOUN", "PROPN"):
            return None
        begin = self.clause_start(open_ - 1)
        while begin < open_ and doc[begin].lower_ in self.words.focus_particles:
            begin += 1
        phrase = self.chunk_source(begin, open_)
        if phrase is None or phrase.end != open_:
            return None
        return doc[open_ + 1:close]

    def phrase_before_apposition(self, start: int, max_words: int = 10) -> Span | None:
        """'Oud-premier Mark Rutte, nu secretaris-generaal van de NAVO, zei ...': a phrase
        without a verb between commas right before the verb (token ``start``) describes
        the noun phrase that begins the clause before it; that phrase is the speaker."""
        doc = self.doc
        sent = self.sentence(start)
        close = start - 1
        if close <= sent.start or doc[close].text != ",":
            return None
        open_ = next((k for k in range(close - 1, max(sent.start, close - max_words - 1), -1)
                      if doc[k].text == ","), None)
        if open_ is None or open_ <= sent.start or any(
                t.pos_ in ("VERB", "AUX") or t.lower_ in self.words.relative_pronouns for t in doc[open_ + 1:close]):
            return None
        begin = self.clause_start(open_ - 1)
        while begin < open_ and doc[begin].lower_ in self.words.focus_particles:
            begin += 1
        phrase = self.chunk_source(begin, open_)
        return phrase if phrase is not None and phrase.end == open_ else None

    def relative_clause_before(self, start: int) -> int | None:
        """The first word of a relative clause or apposition between commas that ends
        right before token ``start`` (the verb whose subject is X): 'X, dat/die ..., meldt',
        'X, de supermarktketen uit Y, meldt'; None if there is none."""
        doc = self.doc
        sent = self.sentence(start)
        comma = start - 1
        while comma > sent.start and doc[comma].is_space:
            comma -= 1
        if comma <= sent.start or doc[comma].text != ",":
            return None
        for k in range(comma - 1, max(sent.start, comma - 25), -1):
            token = doc[k]
            if token.text == "," and k + 1 < comma and (
                doc[k + 1].lower_ in self.words.relative_openers
                or (k > sent.start and self.is_capitalized(k - 1) and self.apposition_start(k + 1, comma))
            ):
                return k + 1
            if token.text in _SENTENCE_END or token.text in (";", ":") or self.is_mark(k, ("open", "close", "either")):
                return None
        return None

    def date_number(self, i: int) -> bool:
        """'15 februari zei ...', 'In 2020': a number that dates rather than counts
        ('Een woordvoerder', 'Twee agenten' are subjects)."""
        token = self.doc[i]
        if not token.like_num or token.lower_ in ("een", "één"):
            return False
        nxt = self.doc[i + 1] if i + 1 < len(self.doc) else None
        return (token.is_digit and len(token.text) == 4) or (nxt is not None and nxt.lower_ in self.words.time_nouns)

    def apposition_start(self, i: int, comma: int) -> bool:
        """'de supermarktketen uit Zaandam', 'burgemeester van Gent': an apposition
        (an article or a role noun first, a role noun within the first words)."""
        doc = self.doc
        first = doc[i].lower_
        if first not in ("de", "het", "een") and not self.is_role(i):
            return False
        return any(self.is_role(k) for k in range(i, min(comma, i + 5)))

    def antecedent_phrase(self, relative: int) -> SourceRef | None:
        j = relative - 1
        if j >= 0 and self.doc[j].text == ",":
            j -= 1
        end = j + 1
        start = j
        sent = self.sentence(relative)
        while start - 1 >= sent.start and not self.doc[start - 1].is_punct and (
            self.is_capitalized(start - 1) or self.doc[start - 1].lower_ in self.words.determiners
            or self.is_role(start - 1) or self.doc[start - 1].lower_ in self.words.name_particles
        ):
            start -= 1
        span = self.chunk_source(start, end)
        if span is None or span.end != end:
            # 'Een bewoonster van de wijk, die ...': the noun phrase from its clause start.
            begin = self.clause_start(end - 1) if end - 1 > sent.start else sent.start
            while begin < end and self.doc[begin].lower_ in self.words.focus_particles:
                begin += 1
            whole = self.chunk_source(begin, end)
            if whole is not None and whole.end == end:
                span = whole
        return self.analyze_source(span) if span is not None else None

    def adverbial_end(self, i: int, limit: int) -> int | None:
        """End of a time adverbial at token ``i`` ('gisteren', 'deze week',
        'eerder deze maand'), or None."""
        doc, words = self.doc, self.words
        low = doc[i].lower_
        if low in words.time_words and low not in words.pronoun_class:
            return i + 1
        if low in words.time_determiners and i + 1 < limit and doc[i + 1].lower_ in words.time_nouns:
            return i + 2
        return None

    def skip_speech_time(self, i: int, limit: int) -> int:
        """Past the adverbials that date the act of speaking ('stelde eerder deze week te
        ...'), not past 'nog', 'ook' or 'niet', which belong to the reported words."""
        for _ in range(3):
            i = self.next_word(i, limit)
            if i >= limit:
                break
            low = self.doc[i].lower_
            end = self.adverbial_end(i, limit)
            dating = low in _SPEECH_TIME or low in self.words.time_nouns or low.endswith(_DAY_PARTS)
            if end is None or (end == i + 1 and not dating):
                break
            i = end
        return i

    def skip_adverbs(self, i: int, limit: int) -> int:
        i = self.next_word(i, limit)
        for _ in range(3):
            end = self.adverbial_end(i, limit) if i < limit else None
            if end is None:
                break
            i = self.next_word(end, limit)
        return i

    # -- cues after a quote or clause ----------------------------------------------------
    def post_cue(self, i: int, limit: int, after_quote: bool = False) -> tuple[Cue, SourceRef, str] | None:
        """A cue with its source right at token ``i``: '[,] [zo] zegt X', 'aldus X', 'volgens X';
        ``after_quote``: right after quote marks, where 'vindt X' attributes the quote too."""
        doc = self.doc
        i = self.next_word(i, limit)
        if i < limit and doc[i].text == ",":
            i = self.next_word(i + 1, limit)
        if i < limit and doc[i].lower_ == "zo":
            i = self.next_word(i + 1, limit)
        if i >= limit:
            return None
        token = doc[i]
        sent_end = min(self.sentence(i).end, limit) if i < len(doc) else limit
        if token.lower_ in self.lex.after_words or token.lower_ in self.lex.source_prepositions:
            span = self.chunk_source(i + 1, sent_end)
            ref = self.analyze_source(span) if span is not None else None
            if ref is None:
                return None
            return Cue(token.text, token.idx, self.char_end(i), i), ref, self.pronoun_number(ref)
        verb = self.verbs.get(i)
        if verb is None and after_quote and (form := self.lex.after_quote_forms.get(token.lower_)) is not None:
            verb = SpeechVerb(i, i + 1, i + 1, form.lemma, form.number, False, False)
        if verb is None or verb.number == "":
            return None
        first = self.skip_adverbs(verb.cue_end, sent_end)
        if first < sent_end and (doc[first].lower_ in ("dat", "of") or doc[first].text == ":"):
            return None  # 'X, dat ..., meldt dat ...': the verb has a complement of its own
        span = self.chunk_source(first, sent_end)
        if span is None:
            return None
        after = self.next_word(span.end, sent_end)
        if after < sent_end and (doc[after].lower_ == "dat" or doc[after].text == ":"):
            return None  # 'In Gent, de grootste stad, zei de burgemeester dat ...': its own complement
        ref = self.analyze_source(span)
        if ref is None:
            return None
        return self.verb_cue(verb), ref, verb.number

    def verb_cue(self, verb: SpeechVerb) -> Cue:
        start = self.doc[verb.i].idx
        end = self.char_end(verb.cue_end - 1)
        return Cue(self.text[start:end], start, end, verb.i)

    def pronoun_number(self, ref: SourceRef) -> str:
        return "pl" if ref.kind == "pronoun" and self.words.pronoun_class.get(ref.span[0].lower_) == "group" else ""

    # -- direct quotes -------------------------------------------------------------------------
    def is_title(self, pair: QuotePair) -> bool:
        """A quoted title or name: after a title noun or marker ('het boek',
        'onder de naam'), or written in title case ('"Forum voor Democratie"')."""
        inside = [
            t for t in self.doc[self.token_from(pair.start) : self.token_from(pair.end)] if t.is_alpha
        ]
        capitalised = [t for t in inside if t.text[:1].isupper()]
        if len(inside) >= 2 and len(capitalised) >= 2 and all(
            t.text[:1].isupper() or (t.lower_ in self.words.name_particles | {"voor", "en", "of"})
            for t in inside
        ):
            return True
        i = self.token_at(pair.open_at) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i >= 0:
            low = self.doc[i].lower_
            if any(low == noun or (low.endswith(noun) and len(low) > len(noun) + 2) for noun in self.words.title_nouns):
                return True
            for marker in self.words.title_markers:
                n = len(marker)
                if i - n + 1 >= 0 and tuple(t.lower_ for t in self.doc[i - n + 1 : i + 1]) == marker:
                    return True
        return False

    def pair_words(self, pair: QuotePair) -> int:
        return self.words_in(pair.start, pair.end)

    def starts_sentence(self, pair: QuotePair) -> bool:
        """At most two words before the opening mark in its sentence ('Maar "...')."""
        i = self.token_at(pair.open_at)
        sent = self.sentence(i)
        return self.words_in(self.doc[sent.start].idx, pair.open_at) <= 2

    def direct_candidates(self) -> list[Candidate]:
        """Quotes with a cue right after ('"...", aldus X') or before ('X zei: "..."')."""
        self.inside_quotes = self.quote_mask()  # cues in quotes are not cues
        result, pairs = [], []
        for pair in self.pairs:
            if pair in self.titles:
                pairs.append(pair)
                continue
            cand = None
            if pair.status != "closed":
                pair, cand = self.cut_unclosed(pair)
            pairs.append(pair)
            if cand is None and pair.close_at is not None and self.starts_sentence(pair):
                after = self.token_from(pair.close_at + 1)
                found = self.post_cue(after, self.token_from(self.blocks[pair.block].end), after_quote=True)
                if found is not None:
                    cue, ref, number = found
                    cand = Candidate("direct", *self.pair_content(pair), pair.block, cue, ref, number, pair)
            if cand is None:
                cand = self.colon_cue(pair)
            if cand is None:
                cand = self.label_cue(pair)
            if cand is not None:
                result.append(cand)
        self.pairs = pairs
        self.attributed = {cand.pair for cand in result}
        return result

    def pair_content(self, pair: QuotePair) -> tuple[int, int]:
        start, end = pair.start, pair.end
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def cut_unclosed(self, pair: QuotePair) -> tuple[QuotePair, Candidate | None]:
        """A quote never closed may still end at its cue: '“..., memoreert X. “...'."""
        first, last = self.token_from(pair.start), self.token_from(pair.end)
        for k in range(first, last):
            if self.doc[k].text != ",":
                continue
            found = self.post_cue(k + 1, last)
            if found is None:
                continue
            cue, ref, number = found
            cut = pair._replace(end=self.doc[k].idx, status="cut")
            return cut, Candidate("direct", *self.pair_content(cut), pair.block, cue, ref, number, cut)
        return pair, None

    def colon_cue(self, pair: QuotePair) -> Candidate | None:
        """'X zei: "..."' or 'X: "..."'."""
        i = self.token_at(pair.open_at) - 1
        while i >= 0 and self.doc[i].is_space:
            i -= 1
        if i < 0 or self.doc[i].text != ":":
            return None
        sent = self.sentence(i)
        verbs = [v for k, v in self.verbs.items() if sent.start <= k < i and self.token_open(k)]
        if verbs:
            verb = max(verbs, key=lambda v: v.i)
            complement = next(
                (
                    k for k in range(verb.search_from, i)
                    if self.doc[k].lower_ == "dat" or (verb.of and self.doc[k].lower_ == "of")
                ),
                None,
            )
            ref = self.subject_of(verb, complement if complement is not None else i)
            if ref is None:
                return None
            if complement is not None:
                # 'X ontkent dat ...: "..."': the verb reports the clause; the colon cues the quote.
                colon = self.doc[i]
                cue = Cue(colon.text, colon.idx, self.char_end(i), i)
            else:
                cue = self.verb_cue(verb)
            return Candidate("direct", *self.pair_content(pair), pair.block, cue, ref, verb.number, pair)
        start = sent.start
        while start < i and self.doc[start].lower_ in self.words.focus_particles:
            start += 1
        span = self.chunk_source(start, i)
        if span is None or span.end != i:
            return None
        ref = self.analyze_source(span)
        if ref is None or ref.kind == "noun":
            return None
        colon = self.doc[i]
        cue = Cue(colon.text, colon.idx, self.char_end(i), i)
        return Candidate("direct", *self.pair_content(pair), pair.block, cue, ref, self.pronoun_number(ref), pair)

    def label_cue(self, pair: QuotePair) -> Candidate | None:
        """'X noemt de ingreep "onvermijdelijk"', 'X deed dat af als "..."': a labelling
        verb that is a speech act of its subject, with the quote ending its clause (see
        quote_words.json label_verbs). Not with a reflexive object ('noemen zichzelf')."""
        if pair.close_at is None:
            return None
        doc = self.doc
        open_i = self.token_at(pair.open_at)
        sent = self.sentence(open_i)
        after = self.next_word(self.token_at(pair.close_at) + 1, sent.end)
        if after < sent.end and not (doc[after].is_punct or doc[after].lower_ in ("en", "maar")):
            return None
        for k in range(open_i - 1, max(sent.start, open_i - 12) - 1, -1):
            token = doc[k]
            if token.text in (";", ":") or token.text in _SENTENCE_END or k in self.verbs:
                return None
            acts = self.words.label_acts.get(token.lower_)
            if not acts or self.inside_quotes[k] or self.is_name_not_verb(k):
                continue
            between = doc[k + 1 : open_i]
            if any(t.lower_ in self.words.reflexives for t in between):
                return None
            for lemma, number, particle in acts:
                if particle is not None and not any(t.lower_ == particle for t in between):
                    continue
                verb = SpeechVerb(k, k + 1, k + 1, lemma, number, False, False)
                ref = self.subject_of(verb, open_i)
                if ref is None or ref.kind == "noun":
                    return None  # 'Het rapport noemt de situatie "zorgwekkend"': no speaker
                text = token.text + (f" {particle}" if particle else "")
                cue = Cue(text, token.idx, self.char_end(k), k)
                return Candidate("direct", *self.pair_content(pair), pair.block, cue, ref, number, pair)
            return None
        return None

    def quote_mask(self) -> list[bool]:
        mask = [False] * len(self.doc)
        for pair in self.pairs:
            first = self.token_at(pair.open_at)
            last = self.token_at(pair.close_at) if pair.close_at is not None else self.token_from(pair.end) - 1
            for i in range(first, last + 1):
                mask[i] = True
        return mask

    def post_candidates(self) -> Iterator[Candidate]:
        """Embedded posts: direct quotes by the author of the signature."""
        for post in self.posts:
            span = self.doc.char_span(post.author_start, post.author_end, alignment_mode="expand")
            if span is None:
                continue
            runs = self.name_runs(span) or [(span.start, span.end)]
            ref = SourceRef(span, "name", span.start, ((runs[0][0], runs[-1][1]),), span[0].lower_ != "een")
            cue = Cue(self.text[post.dash], post.dash, post.dash + 1, self.token_at(post.dash))
            yield Candidate("direct", post.start, post.end, post.block, cue, ref, "", None)

    # -- reported speech ---------------------------------------------------------------------
    def find_post_cue_commas(self) -> dict[int, tuple[Cue, SourceRef, str]]:
        commas = {}
        for token in self.doc:
            if token.text == "," and self.token_open(token.i):
                found = self.post_cue(token.i + 1, len(self.doc))
                if found is not None and self.sentence(found[0].token).start == self.sentence(token.i).start:
                    commas[token.i] = found
        return commas

    def content_range(self, first: int, end: int) -> tuple[int, int] | None:
        """Characters of a reported clause from token ``first`` to token ``end``,
        without edge punctuation or quote marks; None when too short."""
        if first >= end:
            return None
        for k in self.post_cue_commas:
            if first < k < end:
                end = k
        start, stop = self.doc[first].idx, self.char_end(end - 1)
        start, stop = self.trim(start, stop)
        if self.words_in(start, stop) < self.c.min_reported_words:
            return None
        return start, stop

    def trim(self, start: int, stop: int) -> tuple[int, int]:
        text = self.text
        edge = " \t\n.,;:!?…—–-"
        while True:
            old = (start, stop)
            while start < stop and text[start] in edge + "([":
                start += 1
            while stop > start and text[stop - 1] in edge:
                stop -= 1
            if start < stop and quote_mark_role(text, start) in ("open", "either"):
                start += 1
            if stop > start and quote_mark_role(text, stop - 1) in ("close", "either"):
                stop -= 1
            if (start, stop) == old:
                return start, stop

    def indirect_candidates(self, direct: list[Candidate]) -> list[Candidate]:
        # Verbs already serving as the cue after a quote or clause ('"...", zei X').
        used = {cand.cue.token for cand in direct if cand.cue is not None}
        used |= {cue.token for cue, _ref, _number in self.post_cue_commas.values()}
        result = []
        for verb in sorted(self.verbs.values()):
            if not self.token_open(verb.i) or verb.i in used:
                continue
            cand = self.reported_by_verb(verb)
            if cand is not None:
                result.append(cand)
        for k, (cue, ref, number) in self.post_cue_commas.items():
            cand = self.reported_before_comma(k, cue, ref, number)
            if cand is not None:
                result.append(cand)
        for i in self.attribution_words:
            if self.doc[i].lower_ in self.lex.source_prepositions and self.token_open(i):
                cand = self.reported_by_volgens(i)
                if cand is not None:
                    result.append(cand)
        result += self.back_references({cand.pair for cand in direct if cand.pair is not None})
        return result

    def reported_by_verb(self, verb: SpeechVerb) -> Candidate | None:
        """'X zegt dat ...', 'X stelt ... te ...', 'X sprak van ...', 'X zei "..."'."""
        doc = self.doc
        sent = self.sentence(verb.i)
        if verb.lemma == self.lex.speak_of_lemma:
            return self.reported_by_speak_of(verb, sent)
        complement, te_at, scan_to = None, None, -1
        for j in range(verb.search_from, min(verb.search_from + 12, sent.end)):
            token = doc[j]
            if j <= scan_to:
                continue
            if token.lower_ == "dat" or (verb.of and token.lower_ == "of"):
                complement = j
                break
            if token.lower_ == "te" and j > 0 and doc[j - 1].lower_ != "om":
                te_at = j
                break
            if self.is_mark(j, ("open", "either")) and (skip := self.short_quote_end(j, sent.end)) is not None:
                scan_to = skip  # 'de cijfers „serieus" te nemen': a quoted word inside the complement
                continue
            if token.text in _BOUNDARY_PUNCT or token.text in _SENTENCE_END or self.is_mark(j, ("open", "either")):
                break
            if j in self.verbs:
                break
        if complement is not None:
            clause = doc[complement + 1 : sent.end]
            if doc[complement].pos_ == "PRON" and not any(t.pos_ in ("VERB", "AUX") for t in clause):
                return None  # 'vindt dat een goed idee': a demonstrative, not a clause
            if self.noun_takes_clause(verb, complement):
                return None  # 'eist de garantie dat ...': the clause belongs to the noun
            end = self.complement_end(verb, complement, sent)
            content = self.content_range(complement + 1, end)
            if content is None:
                return None
            ref = self.subject_of(verb, complement)
            if ref is None:
                return None
            return Candidate("indirect", *content, sent.block, self.verb_cue(verb), ref, verb.number)
        if te_at is not None and verb.number and verb.lemma in self.words.om_te_verbs:
            # 'Hij vraagt de organisatie (wel) om de prijzen te verlagen': the om-te complement.
            om = next((k for k in range(verb.search_from, te_at) if doc[k].lower_ == "om"), None)
            if om is not None:
                ref = self.subject_of(verb, om)
                content = self.content_range(om + 1, sent.end)
                if ref is not None and content is not None:
                    return Candidate("indirect", *content, sent.block, self.verb_cue(verb), ref, verb.number)
                return None
        te_verb = verb.te or verb.lemma in self.words.te_verbs
        if te_at is not None and te_verb and verb.number:
            ref = self.subject_of(verb, te_at)
            if ref is None:
                return None
            first = verb.search_from
            if ref.span.start >= verb.i:
                first = max(first, ref.span.end)
            first = self.skip_speech_time(first, te_at)
            content = self.content_range(first, sent.end)
            if content is None:
                return None
            return Candidate("indirect", *content, sent.block, self.verb_cue(verb), ref, verb.number)
        return self.quote_after_verb(verb, sent)

    def noun_takes_clause(self, verb: SpeechVerb, complement: int) -> bool:
        """The 'dat' at ``complement`` completes a noun that is the verb's own object
        ('eist de garantie dat'), not one inside a phrase with a preposition ('zei in een
        bericht dat', 'zei na het besluit dat') or a name ('tegen RTL Nieuws dat')."""
        doc = self.doc
        noun = doc[complement - 1]
        if noun.lower_ not in self.words.complemented_nouns or noun.text != noun.lower_:
            return False
        if complement < 3 or doc[complement - 2].lower_ not in self.words.determiners:
            return False
        before = doc[complement - 3]  # 'in een bericht dat', 'na het besluit dat'; not 'onder meer de garantie'
        return not (before.i >= verb.search_from and (before.pos_ == "ADP" or before.lower_ in self.words.prepositions))

    def short_quote_end(self, j: int, limit: int) -> int | None:
        """The token of the closing mark of a short quoted string (a label, at most
        ``max_label_words`` words) opening at token ``j`` within the sentence, else None."""
        pair = next((p for p in self.pairs if p.open_at == self.doc[j].idx), None)
        if pair is None or pair.close_at is None or pair in self.titles:
            return None
        close = self.token_at(pair.close_at)
        if close >= limit or self.pair_words(pair) > self.c.max_label_words:
            return None
        return close

    def reported_by_speak_of(self, verb: SpeechVerb, sent: Sentence) -> Candidate | None:
        """'X sprak van een "provocatie"': the object of 'van' (up to the clause end)."""
        doc = self.doc
        j = self.next_word(verb.i + 1, sent.end)
        skipped = 0
        while j < sent.end and skipped < 3 and doc[j].lower_ in self.words.time_words:
            j, skipped = self.next_word(j + 1, sent.end), skipped + 1
        if j >= sent.end or doc[j].lower_ != self.lex.speak_of_preposition:
            return None
        end = j + 1
        while end < sent.end and doc[end].text not in (",", ";", ":") and not (
            doc[end].lower_ in ("maar", "terwijl", "omdat") and end > j + 2
        ):
            end += 1
        content = self.content_range(j + 1, end)
        if content is None:
            # Short, but a quoted word makes it count: 'sprak van een "provocatie"'.
            start, stop = doc[j].idx, self.char_end(end - 1)
            if not any(start <= p.open_at < stop for p in self.pairs):
                return None
            content = self.trim(doc[j + 1].idx, stop)
        ref = self.subject_of(verb, j)
        if ref is None:
            return None
        return Candidate("indirect", *content, sent.block, self.verb_cue(verb), ref, verb.number)

    def quote_after_verb(self, verb: SpeechVerb, sent: Sentence) -> Candidate | None:
        """'X zei woensdag "..."': a quote right after the verb that ends the sentence."""
        j = verb.search_from
        for _ in range(5):
            j = self.next_word(j, sent.end)
            if j >= sent.end or self.doc[j].is_punct and not self.is_mark(j, ("open", "either")):
                return None
            if self.is_mark(j, ("open", "either")):
                break
            j += 1
        else:
            return None
        pair = next((p for p in self.pairs if p.open_at == self.doc[j].idx), None)
        if pair is None or pair in self.titles or pair in self.attributed or pair.close_at is None:
            return None
        after = self.next_word(self.token_at(pair.close_at) + 1, len(self.doc))
        if after < sent.end and not self.doc[after].is_punct:
            return None
        ref = self.subject_of(verb, j)
        if ref is None:
            return None
        self.attributed.add(pair)
        return Candidate("direct", *self.pair_content(pair), pair.block, self.verb_cue(verb), ref, verb.number, pair)

    def complement_end(self, verb: SpeechVerb, complement: int, sent: Sentence) -> int:
        """End of a 'dat'-clause: the sentence end, or where the parse starts a
        second clause coordinated with the speech verb itself ('heeft ontkend dat
        ... zijn en ziet ...'); a coordination inside the clause stays in it."""
        doc = self.doc
        if not doc.has_annotation("DEP"):
            return sent.end
        for child in doc[verb.i].children:
            if child.dep_ != "conj" or not complement + 2 < child.i < sent.end:
                continue
            left = min(t.i for t in child.subtree)
            while left - 1 > complement and doc[left - 1].is_space:
                left -= 1
            if doc[left].lower_ not in ("en", "maar") and doc[left - 1].lower_ in ("en", "maar", ",", ";"):
                left -= 1
            if complement + 2 < left and doc[left].lower_ in ("en", "maar", ",", ";") and self.finite_verb_after(left):
                return left
        return sent.end

    def finite_verb_after(self, left: int) -> bool:
        """The coordinated clause starts with a finite verb sharing the speech verb's subject
        ('ontkend dat ... en ziet ...'), unlike a second complement ('en dat ...') or an
        elliptical part of the reported clause ('en niet op wat het beweert')."""
        j = self.next_word(left + 1, len(self.doc))
        if j >= len(self.doc):
            return False
        token = self.doc[j]
        if token.lower_ in self.words.clause_openers or token.lower_ in self.words.determiners:
            return False
        known = any(form.number for form in self.lex.by_form.get(token.lower_, ())) or token.lower_ in _VERBISH
        return known or (token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm"))

    def reported_before_comma(self, comma: int, cue: Cue, ref: SourceRef, number: str) -> Candidate | None:
        """'..., zegt X.' / '..., aldus X.' / '..., volgens X.': the clause before the comma."""
        prev = comma - 1
        while prev >= 0 and self.doc[prev].is_space:
            prev -= 1
        if prev >= 0 and self.is_mark(prev, ("close", "either")):
            pair = next((p for p in self.pairs if p.close_at == self.doc[prev].idx), None)
            if pair is not None and pair in self.attributed:
                return None
        sent = self.sentence(comma)
        end = comma
        after = self.next_word(ref.span.end, sent.end)
        if after < sent.end and self.doc[after].text == ",":
            nxt = self.next_word(after + 1, sent.end)
            relative = self.words.relative_pronouns | {"wat", "waar", "waarin", "waarbij"}
            if nxt < sent.end and self.doc[nxt].lower_ not in relative:
                end = sent.end  # 'Het plan, zegt hij, is goed.'
        content = self.content_range(sent.start, end)
        if content is None:
            return None
        return Candidate("indirect", *content, sent.block, cue, ref, number)

    def reported_by_volgens(self, i: int) -> Candidate | None:
        """'Volgens X ...', '... volgens X ...', '..., volgens X.'"""
        doc = self.doc
        prev = i - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        if prev >= 0 and doc[prev].text == ",":
            return None  # handled as a cue after its clause
        sent = self.sentence(i)
        span = self.chunk_source(i + 1, sent.end)
        parsed = self.volgens_sources.get(i)
        if span is None and parsed is not None and i < parsed < sent.end:
            # The parse knows the object of "volgens" where word classes did not.
            span = self.chunk_source(min(t.i for t in doc[parsed].subtree), sent.end)
        if span is None:
            return None
        ref = self.analyze_source(span)
        if ref is None or (ref.kind == "pronoun" and self.words.pronoun_class[span[0].lower_] == "self"):
            return None
        cue = Cue(doc[i].text, doc[i].idx, self.char_end(i), i)
        lead = sent.start
        while lead < i and (doc[lead].lower_ in self.words.focus_particles or doc[lead].is_space):
            lead += 1
        if lead < i and self.opens_clause_after_comma(i):
            lead = i  # '..., maar volgens de premier is daar ...': the rest of that clause
        if lead == i:
            first = span.end
            after = self.next_word(span.end, sent.end)
            if after + 1 < sent.end and doc[after].text == ",":
                # 'Volgens een agent, die anoniem wil blijven, is ...', 'Volgens Frans Muller,
                # topman van Ahold Delhaize, blijft ...': past the relative clause or apposition.
                close = next((k for k in range(after + 2, min(sent.end, after + 12)) if doc[k].text == ","), None)
                aside = doc[after + 1: close] if close is not None else None
                if aside is not None and (doc[after + 1].lower_ in self.words.relative_openers or not any(
                        t.pos_ in ("VERB", "AUX") for t in aside)):
                    first = close + 1
            content = self.content_range(first, sent.end)
        else:
            content = self.content_range(sent.start, sent.end)
        if content is None:
            return None
        return Candidate("indirect", *content, sent.block, cue, ref, self.pronoun_number(ref))

    def opens_clause_after_comma(self, i: int) -> bool:
        """Token ``i`` starts a clause after a comma, perhaps after a coordinator
        ('..., maar volgens X ...', '...; volgens X ...')."""
        sent = self.sentence(i)
        k = i - 1
        while k > sent.start and (
            self.doc[k].is_space or self.doc[k].lower_ in self.words.focus_particles
            or self.doc[k].lower_ in ("maar", "en", "want", "dus", "terwijl", "hoewel", "omdat")
        ):
            k -= 1
        return k > sent.start and self.doc[k].text in (",", ";") and not self.inside_quotes[k]

    def back_references(self, quoted: set[QuotePair]) -> Iterator[Candidate]:
        """'„We houden de markt in de gaten.” Dat zegt de ACM.': a quote with no cue of its
        own (``quoted`` holds those with one) that makes up the sentence before is this
        speaker's. A sentence without quote marks before 'Dat meldt persbureau Reuters.'
        is no quote: its content is only given by anaphora (annotation guide 4, excluded 9)."""
        doc = self.doc
        for n, sent in enumerate(self.sentences):
            i = self.next_word(sent.start, sent.end)
            if i >= sent.end or doc[i].lower_ not in ("dat", "dit") or n == 0:
                continue
            j = self.next_word(i + 1, sent.end)
            if j < sent.end and doc[j].lower_ in ("laatste", "alles"):
                j = self.next_word(j + 1, sent.end)
            verb, number = self.verbs.get(j), None
            if verb is None and doc[j].lower_ in self.words.perfect_auxiliaries:
                # 'Dat heeft X dinsdag aan de Kamer geschreven.': the participle ends the clause.
                verb, number = self.final_participle(sent), self.words.perfect_auxiliaries[doc[j].lower_]
                if verb is None or not self.token_open(j):
                    continue
                span = self.chunk_source(self.skip_adverbs(j + 1, sent.end), sent.end)
                if span is None or span.end > verb.i or any(
                        t.lower_ in self.words.negations for t in doc[j + 1: verb.i]):
                    continue
            else:
                if verb is None or not verb.number or not self.token_open(j):
                    continue
                span = self.chunk_source(self.skip_adverbs(verb.cue_end, sent.end), sent.end)
                if span is None or sent.end - span.end > 8:
                    continue
            ref = self.analyze_source(span)
            if ref is None:
                continue
            prev = self.sentences[n - 1]
            if prev.block < sent.block - 1:
                continue
            cue = self.verb_cue(verb)
            pair = self.uncued_quote(prev, quoted)
            if pair is not None:
                yield Candidate("direct", *self.pair_content(pair), pair.block, cue, ref, number or verb.number,
                                pair=pair)
                continue

    def uncued_quote(self, sent: Sentence, quoted: set[QuotePair]) -> QuotePair | None:
        """The quote that makes up the sentence, when no cue of its own claimed it."""
        start, end = self.doc[sent.start].idx, self.char_end(sent.end - 1)
        for pair in self.pairs:
            if start <= pair.open_at < end and pair not in quoted and pair not in self.titles:
                inside = self.words_in(*self.pair_content(pair))
                return pair if inside >= self.words_in(start, end) - 2 else None
        return None

    def final_participle(self, sent: Sentence) -> SpeechVerb | None:
        """The speech verb participle that ends the clause ('... geschreven.'), or is
        followed only by a phrase without a verb ('bekendgemaakt aan het personeel.')."""
        for k in range(sent.end - 1, sent.start, -1):
            token = self.doc[k]
            verb = self.verbs.get(k)
            if verb is not None:
                return verb if not verb.number and self.token_open(k) else None
            if token.pos_ in ("VERB", "AUX") or token.lower_ in ("dat", "of") or token.text in _BOUNDARY_PUNCT:
                return None
        return None

    # -- combining ------------------------------------------------------------------------------
    def drop_nested(self, candidates: list[Candidate]) -> list[Candidate]:
        """Drop a candidate whose cue lies inside another's content (reported speech
        within reported speech) and duplicates."""
        kept = []
        for cand in candidates:
            if cand.cue is None:
                kept.append(cand)
                continue
            nested = any(
                other is not cand and other.start <= cand.cue.start < other.end and not (
                    cand.kind == "direct" and other.kind != "direct"
                )
                for other in candidates
            )
            duplicate = any(
                other.start == cand.start and other.end == cand.end and candidates.index(other) < candidates.index(cand)
                for other in candidates
            )
            if not (nested or duplicate):
                kept.append(cand)
        return kept

    def merge_partial_quotes(self, candidates: list[Candidate]) -> list[Candidate]:
        """Reported clauses containing quote marks become mixed (or direct when the
        quote is all they contain); clauses running into an attributed quote stop before it."""
        kept = []
        for cand in candidates:
            if cand.kind == "direct":
                kept.append(cand)
                continue
            drop = False
            for pair in self.pairs:
                close = pair.close_at if pair.close_at is not None else pair.end
                after_pair = pair.close_at + 1 if pair.close_at is not None else pair.end
                if not (pair.open_at < cand.end and cand.start <= close):
                    continue
                if pair in self.titles:
                    continue
                if pair in self.attributed:
                    if pair.open_at > cand.start:
                        cand.end = self.trim(cand.start, pair.open_at)[1]
                    else:
                        drop = True
                    continue
                if any(pair in other.consumed for other in kept):
                    continue
                cand.consumed.append(pair)
                end = self.trim(cand.start, after_pair)[1]
                if pair.close_at is not None and end == pair.close_at:
                    end = pair.close_at + 1  # the guide keeps the closing mark of a partial quote
                cand.end = max(cand.end, end)
            if drop or self.words_in(cand.start, cand.end) < self.c.min_reported_words and not cand.consumed:
                continue
            if cand.consumed:
                self.consume(cand)
            kept.append(cand)
        return kept

    def consume(self, cand: Candidate) -> None:
        """Direct when the quote is the whole clause, or only connectives precede it
        ('Maar "...", zegt hij'); otherwise mixed."""
        pairs = cand.consumed
        if len(pairs) == 1:
            pair = pairs[0]
            before = [
                t for t in self.doc[self.token_from(cand.start) : self.token_at(pair.open_at)]
                if t.is_alpha or t.like_num
            ]
            after = self.words_in(pair.end + 1, cand.end) if pair.end < cand.end else 0
            if not after and all(t.lower_ in self.words.focus_particles | {"anders", "immers"} for t in before) and (
                not before or self.pair_words(pair) > self.c.max_label_words
            ):
                cand.kind = "direct"
                cand.start, cand.end = self.pair_content(pair)
                cand.pair = pair
                return
        cand.kind = "mixed"

    def continuations(self, candidates: list[Candidate]) -> list[Candidate]:
        """Quotes without a cue: they continue the neighbouring speaker's quote."""
        used = {c.pair for c in candidates if c.pair is not None}
        used |= {p for c in candidates for p in c.consumed}
        open_pairs = [
            p for p in self.pairs
            if p not in used and p not in self.titles
            and self.pair_words(p) > self.c.max_label_words
            and not self.has_label_verb(p)
        ]
        by_pair = {c.pair: c for c in candidates if c.pair is not None}
        created: dict[QuotePair, Candidate] = {}
        # A quote left open at a paragraph end takes the speaker of the quote that
        # continues it at the start of the next paragraph.
        for pair in sorted(open_pairs, key=lambda p: p.open_at, reverse=True):
            if pair.status != "open_end" or pair.block + 1 >= len(self.blocks):
                continue
            nxt_block = self.blocks[pair.block + 1]
            nxt = next((p for p in self.pairs if p.open_at == nxt_block.start), None)
            target = by_pair.get(nxt) or created.get(nxt)
            if target is not None:
                created[pair] = Candidate("direct", *self.pair_content(pair), pair.block, pair=pair, link=target)
        pool = sorted(candidates, key=lambda c: c.start)
        for pair in sorted(open_pairs, key=lambda p: p.open_at):
            if pair in created:
                continue
            previous = [c for c in pool + list(created.values()) if c.start < pair.open_at]
            if not previous:
                continue
            prev = max(previous, key=lambda c: c.start)
            if pair.block - prev.block > self.c.continuation_paragraphs:
                continue
            created[pair] = Candidate("direct", *self.pair_content(pair), pair.block, pair=pair, link=prev)
        return list(created.values())

    def has_label_verb(self, pair: QuotePair) -> bool:
        sent = self.sentence(self.token_at(pair.open_at))
        return any(
            t.lemma_ in self.words.label_verbs or t.lower_.startswith("noem")
            for t in self.doc[sent.start : self.token_at(pair.open_at)]
        )

    # -- speakers -----------------------------------------------------------------------------
    def resolve(self, candidates: list[Candidate]) -> list[Candidate]:
        quoted = [(c.start, c.end) for c in candidates if c.kind == "direct"]
        reported = [(c.start, c.end) for c in candidates if c.kind != "direct"]
        closed = [(self.blocks[b].start, self.blocks[b].end) for b in self.closed_blocks]
        self.antecedents = _Antecedents()
        for start, cluster in self.index.mentions_before(len(self.text) + 1):
            if any(s <= start < e for s, e in quoted + closed):
                continue
            in_reported = any(s <= start < e for s, e in reported)
            self.antecedents.add(start, self.cluster_speaker(cluster, None, NAMED), in_reported)
        self.add_role_names(quoted + closed, reported)
        self.add_short_forms(quoted + closed, reported)
        self.add_unnamed_subjects()
        for cand in candidates:
            if cand.source is not None:
                cand.speaker = self.speaker_for(cand)
                if cand.speaker is None:
                    continue
                # At the end of the phrase: after any name inside it ('een woordvoerder van Nedcoat').
                at = cand.source.span.end_char - 1
                if cand.speaker.label is not None:
                    self.antecedents.add(at, cand.speaker, is_speaker=True)
                elif self.is_unnamed_person(cand.source, cand.number):
                    self.antecedents.add(at, cand.speaker._replace(label=UNNAMED_LABEL), is_speaker=True)
        for cand in candidates:
            if cand.source is None:
                target = cand.link
                while target is not None and target.source is None and target.speaker is None:
                    target = target.link
                if target is not None and target.speaker is not None:
                    cand.speaker = target.speaker._replace(
                        text="", start=None, end=None, confidence=min(CONTINUATION, target.speaker.confidence)
                    )
        return [c for c in candidates if c.speaker is not None and self.words_in(c.start, c.end) > 0]

    # -- antecedents the entity index does not give ----------------------------------------------
    def add_role_names(self, excluded: list[tuple[int, int]], reported: list[tuple[int, int]]) -> None:
        """Names written right after a role noun ('Procureur Annelies Claeys', 'Minister van
        Financiën Ingrid Bakhuis', 'vakbond FNV'), tagged by the model or not: people (or
        organisations) that a later pronoun or role noun may refer to."""
        for token in self.doc:
            role = role_head(token.text)
            if role is None or not (token.is_alpha or "-" in token.text):
                continue
            if any(s <= token.idx < e for s, e in excluded):
                continue
            found = self.name_after_role(token.i, role)
            if found is None:
                continue
            speaker = self.role_name_speaker(*found, role)
            char = self.doc[found[0]].idx
            # At its last word: it outranks a shorter tagged mention inside it ('Petra [Smits]').
            last = self.doc[found[1] - 1].idx
            self.antecedents.add(last, speaker, any(s <= char < e for s, e in reported))
            self.role_aliases.append((char, {token.text.casefold(), role[1]}, speaker))
            if role[0] == "person":
                self.known_people.append(speaker)
        # 'Ahold, de supermarktketen uit Zaandam, ...': a role noun in apposition after a name.
        for comma in self.doc:
            if comma.text != "," or comma.i == 0 or not self.is_capitalized(comma.i - 1):
                continue
            found = appositive_role(self.doc, comma.i)
            role = role_head(found[1]) if found is not None else None
            if role is None or any(s <= comma.idx < e for s, e in excluded):
                continue
            sent_start = self.sentence(comma.i).start
            start = comma.i - 1
            while start - 1 >= sent_start and (
                self.is_name_token(start - 1, comma.i)
                or (self.doc[start - 1].lower_ in self.words.name_particles and self.doc[start - 1].text.islower()
                    and start - 2 >= sent_start and self.is_capitalized(start - 2))
            ):
                start -= 1
            if not self.is_name_token(start, comma.i) and not self.is_capitalized(start):
                continue
            speaker = self.role_name_speaker(start, comma.i, role)
            char = self.doc[start].idx
            word = self.doc[found[0]].text.casefold()
            self.role_aliases.append((char, {word, role[1]}, speaker))
            if role[0] == "person":
                self.known_people.append(speaker)

    def name_after_role(self, k: int, role: tuple[str, str]) -> tuple[int, int] | None:
        """Token range of the name after the role noun at ``k``: 'wethouder Yasmina El
        Amrani', or after a portfolio 'minister van Buitenlandse Zaken Vladimir Makei'."""
        doc = self.doc
        limit = self.sentence(k).end
        j = k + 1
        if j >= limit:
            return None
        if self.is_name_token(j, limit):  # capitalised after a role noun: 'minister Ben Wallace'
            runs = self.name_runs(doc[j:limit])
            if not runs or runs[0][0] != j:
                return None
            end = runs[0][1]
            # Right after a role noun, capitalised words are one name whatever the model's
            # entity boundaries ('Wethouder [Petra] [Smits]').
            while end < limit and not self.is_verb_like(end):
                if self.is_name_token(end, limit):
                    end += 1
                elif (k := self.particle_join(end, limit)) is not None:
                    end = k + 1
                else:
                    break
            return j, end
        if role[0] != "person" or doc[j].lower_ not in ("van", "voor"):
            return None
        m, department = j + 1, False
        while m < limit:
            token = doc[m]
            if self.is_capitalized(m) and not self.is_verb_like(m) and token.lower_ not in self.words.determiners:
                department = token.lower_ in self.words.departments
                m += 1
            elif department and token.text in (",", "en") and m + 1 < limit and self.is_capitalized(m + 1):
                m += 1
            elif token.lower_ in self.words.name_particles and token.text == token.lower_ and (
                m + 1 < limit and self.is_capitalized(m + 1) and m > j + 1
            ):
                m += 1
            else:
                break
        start = j + 1
        while start < m and (
            doc[start].lower_ in self.words.departments or doc[start].text == ","
            or self.entity_label_at(start) not in (None, "PER")
        ):
            start += 1
        names = [t for t in range(start, m) if self.is_capitalized(t)]
        if not names:
            return None
        if len(names) >= 3:
            start = names[-2]  # 'Shell Ben van Beurden': first name and surname
        elif start == j + 1:
            return None  # 'woordvoerder van Nedcoat', 'burgemeester van Den Haag'
        return start, m

    def role_name_speaker(self, start: int, end: int, role: tuple[str, str]) -> Speaker:
        written = self.doc[start:end].text
        clusters = [
            c for i in range(start, end) if (c := self.index.cluster_at(self.doc[i].idx, self.char_end(i))) is not None
        ]
        cluster = next((c for c in clusters if c.label == "PER"), clusters[0] if clusters else None)
        if cluster is None:
            cluster = cluster_for_name(self.index, written) or self.cluster_within(written)
        person = role[0] == "person"
        if person:
            name = self.clean_person_name(fullest_written_name(self.doc, written))
            if cluster is not None and cluster.label == "PER":
                known = self.cluster_name(cluster)
                known_words, words = set(normalize_name(known).split()), set(normalize_name(name).split())
                if known_words >= words:
                    name = known
                elif words > known_words:
                    self.cluster_names[id(cluster)] = name  # 'wethouder Petra Smits' names the 'Smits' the model found
        else:
            name = cluster.canonical if cluster is not None else written
        return Speaker(
            name=name,
            text=written,
            start=self.doc[start].idx,
            end=self.char_end(end - 1),
            entity_id=cluster.entity_id if cluster is not None else None,
            kind="person" if person else "organization",
            confidence=ROLE_ALIAS,
            label="PER" if person else "ORG",
        )

    def cluster_within(self, written: str) -> EntityCluster | None:
        """A person known by the last words of ``written`` ('Claeys' in 'Annelies Claeys')."""
        words = normalize_name(written).split()
        for cluster in self.index.clusters:
            known = normalize_name(cluster.canonical).split()
            if cluster.label == "PER" and known and len(known) < len(words) and words[-len(known):] == known:
                return cluster
        return None

    def add_short_forms(self, excluded: list[tuple[int, int]], reported: list[tuple[int, int]]) -> None:
        """A surname on its own that the model did not tag ('Wuyts baalde ...') refers to
        the person introduced with that surname ('Femke Wuyts')."""
        people: list[tuple[int, list[str], Speaker]] = []
        for cluster in self.index.clusters:
            if cluster.label == "PER" and len(cluster.canonical.split()) > 1:
                first = min(cluster.mentions)[0] if cluster.mentions else 0
                speaker = self.cluster_speaker(cluster, None, NAMED)
                people.append((first, normalize_name(cluster.canonical).split(), speaker))
        for speaker in self.known_people:
            people.append((speaker.start or 0, normalize_name(speaker.name).split(), speaker))
        people.sort(key=lambda item: item[0])
        doc = self.doc
        for token in doc:
            i = token.i
            if not token.is_alpha or not self.is_capitalized(i) or token.is_stop or self.is_role(i):
                continue
            if self.index.cluster_at(token.idx, self.char_end(i)) is not None:
                continue
            if any(s <= token.idx < e for s, e in excluded):
                continue
            if i + 1 < len(doc) and self.is_capitalized(i + 1):
                continue
            if i > 0 and self.is_capitalized(i - 1) and self.sentence(i).start != i:
                continue
            key = token.lower_
            match = next(
                (
                    speaker for first, words, speaker in people
                    if len(words) > 1 and words[-1] == key and first < token.idx
                ),
                None,
            )
            if match is not None:
                self.antecedents.add(token.idx, match, any(s <= token.idx < e for s, e in reported))

    def add_unnamed_subjects(self) -> None:
        """Unnamed speakers of speech verbs ('Een woordvoerder van Nedcoat ontkent dat.'), so
        that a pronoun right after them ('Volgens hem ...') gets them rather than the last name."""
        for verb in self.verbs.values():
            if not verb.number or not self.token_open(verb.i):
                continue
            ref = self.subject_of(verb, None)
            if ref is None or not self.is_unnamed_person(ref, verb.number):
                continue
            speaker = self.unresolved(ref)._replace(label=UNNAMED_LABEL)
            self.antecedents.add(ref.span.end_char - 1, speaker, is_speaker=True)

    def is_unnamed_person(self, ref: SourceRef, number: str) -> bool:
        """One unnamed person: 'een woordvoerder', 'een bewoonster van de wijk', 'een advocaat'."""
        head = self.doc[ref.head]
        role = role_head(head.text)
        person = ref.kind == "unnamed" or (ref.kind == "role" and role is not None and role[0] == "person")
        if not person or (ref.kind == "role" and ref.definite):
            return False
        return number == "sg" or (number != "pl" and ref.span[0].lower_ in ("een", "één"))

    def clean_person_name(self, name: str) -> str:
        """A person's name without the title, role or portfolio words written before it
        ('Procureur Annelies Claeys', 'Financiën Ingrid Bakhuis' of 'Minister van
        Financiën Ingrid Bakhuis', 'Volgens Rutte')."""
        words = name.split()
        while len(words) > 1:
            low = words[0].casefold()
            if low in self.words.name_particles and words[0][:1].isupper():
                break  # 'Van Acker', 'De Wever'
            title = (
                role_head(words[0]) is not None
                or (low in self.words.titles and low not in ("de", "het", "een"))
                or low in self.words.departments
            )
            # A capitalised function word ('Volgens', 'Ook') only before a full name: 'Dan Brown' stays.
            function_word = len(words) > 2 and (
                low in self.words.prepositions or low in self.words.time_words
                or low in self.words.focus_particles or low in self.words.clause_openers
            )
            if title or function_word:
                words = words[1:]
                continue
            break
        # '... Von der Leyen van de Europese Commissie': a 'van' phrase naming an organisation ends the name.
        for k in range(1, len(words)):
            if words[k] != words[k].lower() or words[k] not in self.words.name_particles:
                continue
            m = k
            while m < len(words) and words[m] == words[m].lower() and words[m] in self.words.name_particles:
                m += 1
            if m < len(words) and _organisation_word(words[m]):
                words = words[:k]
                break
        return " ".join(words)

    def cluster_name(self, cluster: EntityCluster) -> str:
        """The cluster's canonical name; for a person known by one word only, the
        fullest form written in the text ('Jesse Klaver' where the model tagged
        'Klaver' alone)."""
        if cluster.label != "PER":
            return cluster.canonical
        if id(cluster) not in self.cluster_names:
            self.cluster_names[id(cluster)] = self.person_name(cluster.canonical)
        return self.cluster_names[id(cluster)]

    def person_name(self, canonical: str) -> str:
        name = self.clean_person_name(canonical)  # 'Kamerlid Jesse Klaver': the model took the title in
        fuller = self.clean_person_name(fullest_written_name(self.doc, name))
        # 'El Amrani' → 'Yasmina El Amrani' where the model missed the first mention.
        return max(name, fuller, key=len)

    def cluster_speaker(self, cluster: EntityCluster, ref: SourceRef | None, confidence: float) -> Speaker:
        name = self.cluster_name(cluster)
        return Speaker(
            name=name,
            text=self.written(ref),
            start=ref.span.start_char if ref else None,
            end=ref.span.end_char if ref else None,
            entity_id=cluster.entity_id,
            kind=SPEAKER_KINDS.get(cluster.label, "organization"),
            confidence=confidence,
            label=cluster.label,
        )

    def written(self, ref: SourceRef | None) -> str:
        return ref.span.text.strip(" ,.:;") if ref is not None else ""

    def unresolved(self, ref: SourceRef) -> Speaker:
        """The phrase as written, its article lower-cased: 'een woordvoerder van de politie'."""
        text = self.written(ref)
        name = text
        first = ref.span[0]
        if first.lower_ in self.words.determiners and first.is_alpha and first.text != first.lower_:
            name = first.lower_ + text[len(first.text) :]
        return Speaker(name, text, ref.span.start_char, ref.span.end_char, None, "unresolved", UNRESOLVED, None)

    def speaker_for(self, cand: Candidate) -> Speaker | None:
        ref = cand.source
        if ref.kind == "name":
            return self.named_speaker(ref)
        if ref.kind == "role":
            return self.role_speaker(ref)
        if ref.kind == "pronoun":
            return self.pronoun_speaker(ref, cand.number)
        if ref.kind == "unnamed" and ref.span[0].lower_ in ("de", "het", "deze", "die", "dit"):
            # Only an explicit alias names them: 'woordvoerder Jan Jansen ... de woordvoerder'.
            alias = self.alias_for(self.doc[ref.head], {"PER"})
            if alias is not None:
                return alias._replace(text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char,
                                      confidence=ROLE_ALIAS)
            earlier = self.unnamed_antecedent(self.doc[ref.head])
            if earlier is not None:
                return earlier._replace(text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char)
        if ref.kind == "noun" and ref.definite and ref.span[0].lower_ in ("de", "het", "deze", "dit"):
            found = self.organisation_named_by(self.doc[ref.head])
            if found is not None:
                return found._replace(
                    text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char, confidence=ROLE_ALIAS
                )
        return self.unresolved(ref)

    def named_speaker(self, ref: SourceRef) -> Speaker:
        identities = [self.name_identity(run, ref) for run in ref.names]
        name = " en ".join(identity.name for identity in identities)
        label, confidence, entity_id = identities[0].label, identities[0].confidence, identities[0].entity_id
        kind = SPEAKER_KINDS.get(label, "organization")
        role = role_head(self.doc[ref.head].text)
        if role is not None and ref.names[0][0] == ref.head + 1:
            # 'D66-leider Sigrid Kaag', 'vakbond FNV': the role noun outweighs the model's label
            kind = "person" if role[0] == "person" else "organization"
        after = ref.names[-1][1]
        if label == "PER" and after + 1 < len(self.doc) and self.doc[after].text == "," and (
            self.doc[after + 1].lower_ == "dat"
        ):
            label, kind = "ORG", "organization"  # 'Europol, dat ...': never a person
        return Speaker(
            name=name,
            text=self.written(ref),
            start=ref.span.start_char,
            end=ref.span.end_char,
            entity_id=entity_id,
            kind=kind,
            confidence=confidence,
            label=label,
        )

    def name_identity(self, run: tuple[int, int], ref: SourceRef) -> "_Identity":
        """Who a name as written is: the fullest name, the entity label and id
        (the cluster's, so that it joins the entities table; None for a name the
        model did not tag anywhere) and how sure that is."""
        written = self.doc[run[0] : run[1]].text
        clusters = [
            c for i in range(*run)
            if (c := self.index.cluster_at(self.doc[i].idx, self.char_end(i))) is not None
        ]
        cluster = next((c for c in clusters if c.label == "PER"), clusters[0] if clusters else None)
        if cluster is not None and self.has_function_word(cluster.canonical, written):
            cluster = None  # a mis-tagged span such as 'Volgens Rutte'
        if cluster is not None:
            canonical = normalize_name(cluster.canonical)
            if canonical != normalize_name(written) and canonical in normalize_name(written):
                # The model tagged part of the name ('Von' of 'Von der Leyen').
                fuller = cluster_for_name(self.index, written) or cluster
                name = self.cluster_name(fuller) if fuller is not cluster else fullest_written_name(self.doc, written)
                if fuller.label == "PER":
                    name = self.clean_person_name(name)
                return _Identity(name, fuller.label, NAMED, fuller.entity_id)
            return _Identity(self.cluster_name(cluster), cluster.label, NAMED, cluster.entity_id)
        found = cluster_for_name(self.index, written)
        if found is not None and not self.has_function_word(found.canonical, written):
            return _Identity(self.cluster_name(found), found.label, NAMED, found.entity_id)
        label = self.guess_label(run, ref)
        name = fullest_written_name(self.doc, written)
        if label == "PER":
            name = self.clean_person_name(name)
        return _Identity(name, label, NAMED_UNTAGGED, None)

    def has_function_word(self, canonical: str, written: str) -> bool:
        """Whether an entity name carries a capitalised function word the name as
        written lacks ('Volgens Von der Leyen' for 'Von der Leyen')."""
        extra = set(normalize_name(canonical).split()) - set(normalize_name(written).split())
        return any(
            self.doc.vocab[word].is_stop and word not in self.words.name_particles for word in extra
        )

    def guess_label(self, run: tuple[int, int], ref: SourceRef) -> str:
        """For a name the model did not tag: organisations come with an article
        ('het Kremlin', 'The Times') or in capitals ('NOS'); people without."""
        first = self.doc[run[0]]
        before = self.doc[run[0] - 1] if run[0] > ref.span.start else None
        if before is not None and before.lower_ in ("de", "het"):
            return "ORG"
        if before is not None and (role := role_head(before.text)) is not None:
            return "PER" if role[0] == "person" else "ORG"  # 'wethouder X', 'kennisinstituut X'
        if first.text in ("The", "De", "Het") or (first.text.isupper() and len(first.text) > 1):
            return "ORG"
        after = run[1]
        if after + 1 < len(self.doc) and self.doc[after].text == "," and self.doc[after + 1].lower_ == "dat":
            return "ORG"  # 'Europol, dat ...': a neuter relative pronoun is never a person's
        found = appositive_role(self.doc, after)
        if found is not None and (role := role_head(found[1])) is not None:
            return "PER" if role[0] == "person" else "ORG"  # 'Ahold, de supermarktketen uit Zaandam,'
        return "PER"

    def role_speaker(self, ref: SourceRef) -> Speaker:
        """'de minister', 'het planbureau', 'het Europese politieagentschap': the entity
        introduced with that role (before or in apposition after its name), else an
        organisation whose name ends with the noun, else the last person named (for a
        person role) or the organisation that spoke just before (for a descriptive
        organisation noun). Indefinite ('een advocaat') and possessive ('zijn advocaat')
        phrases are never guessed from what was named before."""
        head = self.doc[ref.head]
        if not ref.definite:
            return self.unresolved(ref)
        kind = role_head(head.text)
        wanted = {"PER"} if kind is not None and kind[0] == "person" else {"ORG", "LOC"}
        alias = self.alias_for(head, wanted)
        if alias is not None:
            return alias._replace(
                text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char, confidence=ROLE_ALIAS
            )
        if ref.span[0].lower_ in ("de", "het", "deze", "die", "dit"):
            earlier = self.unnamed_antecedent(head)
            if earlier is not None:
                return earlier._replace(text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char)
        if head.lower_ in self.words.unnamed or kind is None:
            return self.unresolved(ref)
        if ref.span[0].lower_ in self.words.possessives or any(
            self.in_modifier(run, ref.span) and self.run_label(run) == "PER" for run in self.name_runs(ref.span)
        ):
            return self.unresolved(ref)  # 'zijn advocaat', 'de advocaat van X' are not the person named last
        if kind[0] == "person":
            found = self.last_person(head.idx)
            if found is not None and _ANONYMISED_NAME.search(found[1].name) and (
                head.lower_ not in self.words.anonymised_roles
            ):
                found = None  # 'Kevin D. stond terecht. De rechter zei ...': not the suspect
        else:
            named = self.organisation_named_by(head)
            if named is not None:
                return named._replace(
                    text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char, confidence=ROLE_ALIAS
                )
            found = self.antecedents.last(head.idx, {"ORG", "LOC"}, contains=kind[1], reported=True)
            if found is None and self.descriptive(ref, kind[1]):
                found = self.antecedents.last(head.idx, {"ORG"}, speakers_only=True)
                if found is not None and self.block_index(head.idx) != self.block_index(found[0]):
                    found = None
            if found is None and ref.span[0].lower_ in ("de", "het", "deze", "dit") and len(ref.span) == 2 and (
                self.is_type_noun(head.lower_)
            ):
                # 'De toezichthouder zegt ...' after 'De Nederlandse Zorgautoriteit (NZa) ...': the
                # organisation named last in the preceding sentences, by its full name.
                found = self.recent_organisation(head)
        if found is None:
            return self.unresolved(ref)
        return found[1]._replace(
            text=self.written(ref), start=ref.span.start_char, end=ref.span.end_char, confidence=ROLE_RECENT
        )

    def unnamed_antecedent(self, head: Token) -> Speaker | None:
        """'Een woordvoerder van X zegt ... De woordvoerder voegt toe ...': the earlier
        unnamed speaker with the same head noun (this or the paragraph before), as written."""
        noun = head.lower_
        found = self.antecedents.last(
            head.idx, {UNNAMED_LABEL}, speakers_only=True,
            matches=lambda speaker: noun in speaker.name.casefold().split(),
        )
        if found is None or self.block_index(head.idx) - self.block_index(found[0]) > 1:
            return None
        return found[1]

    def alias_for(self, head: Token, labels: set[str]) -> Speaker | None:
        """The entity last introduced with the role noun ``head`` ('NAVO-chef Jens
        Stoltenberg', 'Europol, het Europese politieagentschap,'), by the entity index
        or by a name written after the role noun that the model did not tag."""
        role = role_head(head.text)
        words = {head.text.casefold()} | ({role[1]} if role else set())
        # (introduced with the very word, position, speaker): 'de hoofdonderzoeker' is the
        # 'hoofdonderzoeker Anouk Verbeek', not a later 'RIVM-onderzoeker Bas Kuipers'.
        exact = head.text.casefold()
        best: tuple[bool, int, Speaker] | None = None
        cluster = self.index.find_by_role(head.text, before=head.idx)
        if cluster is not None and cluster.label in labels and self.written_with_role(cluster, words):
            char = max((start for start, _end in cluster.mentions if start < head.idx), default=0)
            best = (exact in cluster.roles, char, self.cluster_speaker(cluster, None, ROLE_ALIAS))
        for char, aliases, speaker in self.role_aliases:
            found = (exact in aliases, char, speaker)
            if char < head.idx and aliases & words and speaker.label in labels and (
                    best is None or found[:2] > best[:2]):
                best = found
        return best[2] if best is not None else None

    def written_with_role(self, cluster: EntityCluster, words: set[str]) -> bool:
        """Whether the role noun stands right before a mention of the entity ('NAVO-chef
        Jens Stoltenberg') or in apposition after it: not 'de supermarktketen uit Zaandam',
        which the index also remembers for 'Zaandam'."""
        for start, end in cluster.mentions:
            i = self.token_at(start) - 1
            while i >= 0 and self.doc[i].is_space:
                i -= 1
            role = role_head(self.doc[i].text) if i >= 0 else None
            if role is not None and (role[1] in words or self.doc[i].text.casefold() in words):
                return True
            found = appositive_role(self.doc, self.token_from(end))
            role = role_head(found[1]) if found is not None else None
            if role is not None and (role[1] in words or found[1].casefold() in words):
                return True
        return False

    def organisation_named_by(self, head: Token) -> Speaker | None:
        """'het planbureau' after 'het Centraal Planbureau': the organisation named before
        whose name ends with this noun."""
        noun = head.lower_
        cluster = cluster_named_by_head(self.index, noun, before=head.idx)
        found = self.antecedents.last(
            head.idx, {"ORG", "LOC", "MISC"}, reported=True,
            matches=lambda speaker: name_ends_with_noun(speaker.name, noun),
        )
        if found is not None and (
            cluster is None or normalize_name(found[1].name) != normalize_name(cluster.canonical)
        ):
            return found[1]
        if cluster is not None:
            return self.cluster_speaker(cluster, None, ROLE_ALIAS)
        return self.written_organisation(head)

    def written_organisation(self, head: Token) -> Speaker | None:
        """'het planbureau' after a name the model did not tag as an organisation ('het
        Sociaal en Cultureel Planbureau (SCP)'): the capitalised name written last before
        it whose last word ends with the noun."""
        doc, noun = self.doc, head.lower_
        for k in range(head.i - 1, -1, -1):
            token = doc[k]
            if not token.text[:1].isupper() or not name_ends_with_noun(token.text, noun) or self.inside_quotes[k]:
                continue
            start = k
            while start > 0 and (
                (self.is_capitalized(start - 1) and doc[start - 1].lower_ not in self.words.determiners)
                or (doc[start - 1].lower_ in ("en", "voor", "van") and start - 2 >= 0 and self.is_capitalized(start - 2)
                    and doc[start - 2].lower_ not in self.words.determiners)
            ):
                start -= 1
            if start == k and self.sentence(k).start == k:
                continue  # a capital only because it starts the sentence
            name = doc[start : k + 1].text
            cluster = self.index.cluster_at(doc[start].idx, self.char_end(k))
            entity_id = cluster.entity_id if cluster is not None and cluster.label != "PER" else None
            return Speaker(name, "", None, None, entity_id, "organization", ROLE_ALIAS, "ORG")
        return None

    def is_type_noun(self, word: str) -> bool:
        nouns = load_resource("roles").get("type_nouns", {}).get("words", ())
        return any(word == noun or (word.endswith(noun) and len(word) >= len(noun) + 3) for noun in nouns)

    def recent_organisation(self, head: Token, sentences: int = 3) -> tuple[int, Speaker] | None:
        """The organisation entity of the last sentence that mentions one (this or the
        ``sentences`` sentences before, outside quote marks), the first of that sentence;
        an abbreviation gives way to the full name written with it ('De Nederlandse
        Zorgautoriteit (NZa)')."""
        first = self.sentences[max(self.sentence_of[head.i] - sentences, 0)].start
        low = self.doc[first].idx
        found = self.antecedents.last(head.idx, {"ORG"}, reported=True)
        if found is None or found[0] < low or self.inside_quotes[self.token_at(found[0])]:
            return None
        # The first organisation of that sentence, its subject more often than not: 'Ajax
        # kreeg een boete van de KNVB. De club zegt ...' is Ajax.
        sent_start = self.doc[self.sentence(self.token_at(found[0])).start].idx
        char, speaker = min(
            ((c, sp) for c, sp, _reported, _is_speaker in self.antecedents.items
             if sent_start <= c <= found[0] and sp.label == "ORG" and not self.inside_quotes[self.token_at(c)]),
            key=lambda item: item[0], default=found)
        full = expanded_abbreviation(self.doc, speaker.name)
        if full != speaker.name:
            cluster = cluster_for_name(self.index, full)
            speaker = speaker._replace(name=full, entity_id=cluster.entity_id if cluster else speaker.entity_id)
        return char, speaker

    def descriptive(self, ref: SourceRef, role: str) -> bool:
        """'het (Europese) politieagentschap', 'de zakenkrant': a compound that describes what
        kind of organisation spoke, unlike a bare 'het (Amerikaanse) ministerie', which may
        be any ministry. Used only within the paragraph of the organisation that spoke."""
        head = self.doc[ref.head].lower_
        return len(head) >= len(role) + 3 and ref.span[0].lower_ in ("de", "het", "dit", "deze")

    def last_person(self, before: int) -> tuple[int, Speaker] | None:
        """The person last named outside reported content; one named inside
        reported content only when it is in a later paragraph than that."""
        outside = self.antecedents.last(before, {"PER"})
        anywhere = self.antecedents.last(before, {"PER"}, reported=True)
        if outside is None or (anywhere is not None and self.block_index(anywhere[0]) > self.block_index(outside[0])):
            return anywhere
        return outside

    def pronoun_speaker(self, ref: SourceRef, number: str) -> Speaker | None:
        token = ref.span[0]
        cls = self.words.pronoun_class[token.lower_]
        if cls == "self":
            return None  # the writer's own words
        plural = cls == "group" or (cls == "person_or_group" and (number == "pl" or self.plural_verb_near(token.i)))
        if plural:
            # Plural 'ze/zij' refers to many things; only an organisation or group
            # that was itself the speaker just before is taken as meant.
            found = self.antecedents.last(token.idx, {"ORG", "LOC", "MISC"}, within=300, speakers_only=True)
        else:
            found = self.last_person(token.idx)
            speaker = self.antecedents.last(token.idx, {"PER"}, speakers_only=True)
            if found is not None and speaker is not None and speaker[0] < found[0] and (
                    self.sentence_of[self.token_at(speaker[0])] == self.sentence_of[self.token_at(found[0])]):
                # 'Advocaat Tom Goethals, die Kevin D. verdedigt, noemt de straf ... Volgens hem':
                # a person named inside the speaker's own sentence is not who 'hij' is.
                found = speaker
            unnamed = self.antecedents.last(token.idx, {UNNAMED_LABEL}, speakers_only=True)
            if (
                unnamed is not None
                and (found is None or unnamed[0] > found[0])
                and self.block_index(token.idx) - self.block_index(unnamed[0]) <= 1
            ):
                # 'Een woordvoerder van X ontkent dat. Volgens hem ...': the unnamed speaker as written.
                return unnamed[1]._replace(text=token.text, start=token.idx, end=self.char_end(token.i))
        if found is None:
            return self.unresolved(ref)
        return found[1]._replace(text=token.text, start=token.idx, end=self.char_end(token.i), confidence=PRONOUN)

    def plural_verb_near(self, i: int) -> bool:
        for j in (i - 1, i + 1):
            if 0 <= j < len(self.doc):
                verb = self.verbs.get(j)
                if verb is not None and verb.number:
                    return verb.number == "pl"
                if "Plur" in self.doc[j].morph.get("Number") and self.doc[j].pos_ in ("VERB", "AUX"):
                    return True
        return False
