"""The search box of the server: what a person types (a number "29-NQ/TW", "Nghị quyết 29", "KH 1733",
words of a title, a file name, an agency) to documents and agencies of the graph, with the same
reading of numbers and names as `kg lineage` (kg.sparql.query.find_documents)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KgError
from kg.sparql.query import Endpoint, Term, find_documents, internal_query

#: Documents a search lists at most.
MAX_DOCUMENTS = 50


@dataclass(frozen=True, slots=True)
class Found:
    documents: list[str]  # IRIs, best first
    agencies: list[tuple[str, str]]  # (IRI, name)
    note: str | None = None  # why nothing was found, when it is worth saying


def search_graph(endpoint: Endpoint, typed: str) -> Found:
    typed = " ".join(typed.split())
    if not typed:
        return Found([], [])
    note = None
    try:
        documents = find_documents(endpoint, typed)
    except KgError as e:
        documents, note = [], str(e)
    agencies: list[tuple[str, str]] = []
    if len(typed) >= 3:
        rows = endpoint.select(internal_query("page_agencies_named"), {"words": Term("literal", typed)}).rows
        agencies = list(dict.fromkeys((r["agency"].value, r["name"].value) for r in rows))
    return Found(documents[:MAX_DOCUMENTS], agencies, note)
