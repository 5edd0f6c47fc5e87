"""Files to text: every format and encoding a document comes in, read to a Source; normalised
text for matching, with a map back to the offsets of the text as read."""

from kg.read.files import iter_paths, read_source, scan

__all__ = ["iter_paths", "read_source", "scan"]
