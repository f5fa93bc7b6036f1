"""Extraction stages: small pure functions over an annotated spaCy Doc.

Each module yields named tuples; a table row is ``row._asdict()``.
"""
