"""kg: a knowledge graph of Vietnamese policy documents.

The public API is a handful of verbs::

    from kg import extract_file
    x = extract_file("data/samples/003_793e23e02999985a.txt")
    [r.identifier for r in x.references]

    from kg.build import build
    build(["data/samples"], "kg-store")

and for the graph, kg.sparql.query (named queries on the store), kg.reports (lineage, tasks,
coverage, validate, export) and kg.serve (the graph in a browser).
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract_file", "extract_text"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the extractor's modules and tables take a tenth of a second that
    # `kg lineage` or `kg query` would pay for nothing.
    if name in ("extract_file", "extract_text"):
        from kg.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
