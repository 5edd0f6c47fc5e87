"""Imported by the process that forks kg build's workers (see kg.cache.extract_files): it loads the
extractor's tables (gazetteer, catalogue, agencies) once, so that each worker starts with them."""

from kg.build.cache import warm_tables

warm_tables()
