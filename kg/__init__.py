"""kg: a knowledge graph of Vietnamese policy documents.

The public API is a handful of verbs::

    from kg import extract_file, extract_text
    x = extract_file("data/samples/003_793e23e02999985a.txt")
    [r.identifier for r in x.references]
"""

__version__ = "0.1.0"

from .extract import extract, extract_file, extract_text

__all__ = ["__version__", "extract", "extract_file", "extract_text"]
