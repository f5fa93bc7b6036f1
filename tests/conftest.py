from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The shipped Dutch model with all extraction components added."""
    from pipeline.nlp import build_pipeline

    return build_pipeline(str(REPO / "models" / "nl_news"))
