"""Rule resources (word lists, lexicons) shipped as JSON data next to this module.

Rules read their vocabulary from here instead of hard-coding it, so the lists
can be reviewed and extended without touching extraction logic.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def load_resource(name: str) -> Any:
    """Return the parsed JSON resource ``pipeline/resources/<name>.json``."""
    path = resources.files(__package__).joinpath(f"{name}.json")
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
