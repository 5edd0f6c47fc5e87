"""`kg build`: extract, resolve and write the graph into the store. A cold build (cold.py) writes
everything; an incremental one (incremental.py) changes a copy of the last build where files
changed (changes.py). Both share phases.py and units.py; state.py records what a build was made of,
cache.py the files' extractions, workers.py the processes, store.py the store on disk."""

from kg.build.run import build
from kg.build.summary import BuildSummary

__all__ = ["BuildSummary", "build"]
