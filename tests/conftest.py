from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def model_with():
    """The shipped model plus only the named extraction components, one load per combination,
    so each component's tests do not depend on the others."""
    from pipeline.models import load_fresh
    from pipeline.nlp import _register_factories

    _register_factories()
    cache = {}

    def build(*components: str):
        if components not in cache:
            model = load_fresh(str(REPO / "models" / "nl_news"))  # as the extraction loads it
            for name in components:
                model.add_pipe(name)
            cache[components] = model
        return cache[components]

    return build


@pytest.fixture(scope="session")
def nlp():
    """The shipped Dutch model with all extraction components added."""
    from pipeline.nlp import build_pipeline

    return build_pipeline(str(REPO / "models" / "nl_news"))


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory):
    """One extraction run over seeds/ with the shipped model, shared by the table tests."""
    from pipeline.run import RunOptions, run_extraction

    out = tmp_path_factory.mktemp("run") / "output"
    manifest = run_extraction([REPO / "seeds"], out, RunOptions(model=str(REPO / "models" / "nl_news")))
    return out, manifest
