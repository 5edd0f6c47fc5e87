"""Extractions to RDF: the ontology's terms, one node per real document across files (resolve),
and the quads of each file's named graph and of the merged view."""
