"""spaCy components of the extraction pipeline, one per module.

Importing a module registers its factory; ``pipeline.nlp.build_pipeline``
adds them to whichever Dutch model was selected.
"""
