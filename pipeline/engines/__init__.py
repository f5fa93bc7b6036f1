"""Execution engines beyond the local one in ``pipeline.run``.

``pipeline.engines.dask``: the extraction distributed over Dask workers
(``extract --engine dask [--scheduler ADDRESS]``).
"""
