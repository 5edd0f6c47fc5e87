"""kg: a knowledge graph of Vietnamese policy documents.

The public API is a handful of verbs::

    from kg import extract_file, extract_text
    x = extract_file("data/samples/003_793e23e02999985a.txt")
    [r.identifier for r in x.references]
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract_file", "extract_text"]


def __getattr__(name: str) -> Any:
    # The extraction verbs are imported on first use: building their tables takes a tenth of a
    # second that `kg lineage` or `kg query` would pay for nothing. (kg.extract is the module; its
    # function of a Source is kg.extract.extract.)
    if name in ("extract_file", "extract_text"):
        from kg.extract import pipeline as module

        return getattr(module, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
