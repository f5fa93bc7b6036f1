"""Model architectures of the shipped pipeline, registered with spaCy's registry,
and the CPU backend the pipelines are loaded and trained with."""

from pipeline.ml.embed import hash_char_embed
from pipeline.ml.ops import cpu_ops, create_numpy_blas_callback, one_blas_thread

__all__ = ["cpu_ops", "create_numpy_blas_callback", "hash_char_embed", "one_blas_thread"]
