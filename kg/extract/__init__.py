"""Text to an Extraction: the document's header, every reference and the relation it has, the
relations between two cited documents, the tasks it assigns; the domain tables they read."""

from kg.extract.pipeline import extract, extract_file, extract_text

__all__ = ["extract", "extract_file", "extract_text"]
