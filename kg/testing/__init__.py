"""Synthetic corpora for the tests and the benches (not part of the pipeline)."""
