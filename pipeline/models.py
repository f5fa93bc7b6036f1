"""Which spaCy pipeline to load, and one canonical entity label set for all of them.

Selection order: an explicit name or path wins, else ``nl_core_news_lg`` when it
is installed, else the pipeline shipped in ``models/nl_news``.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from pipeline.ml import cpu_ops  # also registers the shipped model's architectures, when not installed

SHIPPED_MODEL = Path(__file__).resolve().parent.parent / "models" / "nl_news"
PREFERRED_PACKAGE = "nl_core_news_lg"

# Raw NER labels of the supported models mapped to PER/ORG/LOC/MISC. Numeric and
# date labels of nl_core_news_lg (CARDINAL, DATE, MONEY, ...) are left out on
# purpose: the number and date extractors own those.
CANONICAL_LABELS: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
    "MISC": "MISC",
    "NORP": "MISC",
    "EVENT": "MISC",
    "PRODUCT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "LANGUAGE": "MISC",
}


class ModelNotFoundError(RuntimeError):
    """No usable spaCy pipeline under the requested name or path."""


@dataclass(frozen=True)
class ModelChoice:
    name: str  # what spacy.load receives: a package name or a path
    reason: str  # why this one was chosen, for `pipeline model` and the manifest


def canonical_label(raw_label: str) -> str | None:
    """PER/ORG/LOC/MISC for a model's raw label, or None for labels we do not keep."""
    return CANONICAL_LABELS.get(raw_label)


def choose_model(requested: str | None = None) -> ModelChoice:
    """Decide which pipeline to load, without loading it."""
    if requested:
        return ModelChoice(requested, "requested with --model")
    if importlib.util.find_spec(PREFERRED_PACKAGE) is not None:
        return ModelChoice(PREFERRED_PACKAGE, f"{PREFERRED_PACKAGE} is installed")
    if (SHIPPED_MODEL / "meta.json").exists():
        return ModelChoice(str(SHIPPED_MODEL), "shipped default (nl_core_news_lg is not installed)")
    raise ModelNotFoundError(
        f"no spaCy pipeline found: {PREFERRED_PACKAGE} is not installed and "
        f"{SHIPPED_MODEL} is missing (run `make model` to train it)"
    )


def load_fresh(name: str) -> Language:
    """A new copy of a pipeline; raise ModelNotFoundError with a clear message."""
    try:
        with cpu_ops():  # numpy's BLAS: about twice as fast as BLIS (pipeline/ml/ops.py)
            return spacy.load(name)
    except OSError as error:
        raise ModelNotFoundError(f"cannot load spaCy pipeline {name!r}: {error}") from error


@lru_cache(maxsize=4)
def load_model(name: str) -> Language:
    """The model alone, loaded once per process (never with the extraction components)."""
    return load_fresh(name)


def model_signature(nlp: Language) -> str:
    """'name version' as recorded in tables and the manifest."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0.0.0')}"
