"""kg:card: what a lineage shows of a document and of its outgoing edges, as compact JSON.

Written into the merged view when the graph is built, so that a lineage of ten thousand documents
costs ten thousand look-ups instead of a dozen each (kg.reports.lineage reads them).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.graph.vocab import FOLLOWED, KG

#: The relations a lineage shows: the followed ones, and what the documents it reaches promulgate.
SHOWN = frozenset((*FOLLOWED, KG.promulgates))


@dataclass(frozen=True, slots=True)
class CardEdge:
    """An outgoing edge as a card shows it."""

    relation: str  # the property's IRI
    target: str
    quote: str | None  # the shortest quote that proves it
    files: list[str]  # the names of the files that state it


def card(identifier: str | None, type_: str, title: str | None, date: str | None, issuer: str | None,
         sources: list[str], edges: list[CardEdge]) -> str:
    """kg:card of a document: its facts and the files it was read from or named in, and its
    outgoing edges that a lineage shows."""
    return json.dumps({"identifier": identifier, "type": type_, "title": title, "date": date, "issuer": issuer,
                       "sources": sorted(set(sources)),
                       "edges": sorted([e.relation, e.target, e.quote, sorted(set(e.files))] for e in edges
                                       if e.relation in SHOWN)},
                      ensure_ascii=False, separators=(",", ":"))
