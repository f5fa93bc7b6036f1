"""Model architectures of the shipped pipeline, registered with spaCy's registry."""

from pipeline.ml.embed import hash_char_embed

__all__ = ["hash_char_embed"]
