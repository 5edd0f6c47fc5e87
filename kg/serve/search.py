"""The search box of the server: what a person types (a number "29-NQ/TW", "Nghị quyết 29", "KH 1733",
words of a title, a file name, an agency) to documents and agencies of the graph, with the same
reading of numbers and names as `kg lineage` (kg.sparql.query.find_documents)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KgError
from kg.serve.index import SearchIndex
from kg.sparql.query import Endpoint, Term, find_documents, internal_query

#: Documents a search lists at most.
MAX_DOCUMENTS = 50
#: Agencies a search lists at most (as queries/internal/page_agencies_named.rq does).
MAX_AGENCIES = 20


@dataclass(frozen=True, slots=True)
class Found:
    documents: list[str]  # IRIs, best first
    agencies: list[tuple[str, str]]  # (IRI, name)
    note: str | None = None  # why nothing was found, when it is worth saying


def search_graph(endpoint: Endpoint, typed: str, index: SearchIndex | None = None) -> Found:
    """What ``typed`` names; words of titles and names are looked up in the build's ``index`` when
    there is one (the same answers as reading the graph, without reading every title)."""
    typed = " ".join(typed.split())
    if not typed:
        return Found([], [])
    note = None
    by_title = (lambda words: index.titles(words, MAX_DOCUMENTS)) if index is not None else None
    try:
        documents = find_documents(endpoint, typed, by_title)
    except KgError as e:
        documents, note = [], str(e)
    agencies: list[tuple[str, str]] = []
    if len(typed) >= 3 and index is not None:
        agencies = list(dict.fromkeys((a.iri, a.name) for a in index.agencies(typed, MAX_AGENCIES)))
    elif len(typed) >= 3:
        rows = endpoint.select(internal_query("page_agencies_named"), {"words": Term("literal", typed)}).rows
        agencies = list(dict.fromkeys((r["agency"].value, r["name"].value) for r in rows))
    return Found(documents[:MAX_DOCUMENTS], agencies, note)
