"""Dutch news extraction pipeline: entities, quotes, numbers and dates as tables."""

__version__ = "0.1.0"
