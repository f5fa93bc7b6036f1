"""Steps that build the shipped model (see the Makefile's `model` target)."""
