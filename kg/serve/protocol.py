"""The SPARQL 1.1 Protocol at ``/sparql``: what a request asks (query by GET, by a form POST or as
``application/sparql-query``), in which format it wants the answer (by ``Accept``, or by the
``format``/``output`` parameter that some clients add), and what the server refuses: updates (it
is read-only) and ``SERVICE`` (it answers from its own graph and fetches nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from kg.errors import KgError
from kg.sparql.query import is_update, uses_service


class ProtocolError(KgError):
    """A request the endpoint does not take; ``status`` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


#: Media types of SELECT and ASK results, and of CONSTRUCT and DESCRIBE graphs, by format name.
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values"}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "jsonld": "application/ld+json",
               "rdfxml": "application/rdf+xml"}
_RESULT_ACCEPT = {"application/sparql-results+json": "json", "application/json": "json",
                  "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
                  "text/csv": "csv", "text/tab-separated-values": "tsv"}
_GRAPH_ACCEPT = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/n-triples": "ntriples",
                 "text/plain": "ntriples", "application/ld+json": "jsonld", "application/rdf+xml": "rdfxml"}
#: The ``format`` or ``output`` parameter's names (SPARQLWrapper, Virtuoso, Fuseki).
_FORMAT_PARAM = {"json": ("json", "jsonld"), "xml": ("xml", "rdfxml"), "csv": ("csv", None), "tsv": ("tsv", None),
                 "turtle": (None, "turtle"), "n3": (None, "turtle"), "json-ld": (None, "jsonld"),
                 "nt": (None, "ntriples"), "ntriples": (None, "ntriples")}


@dataclass(frozen=True, slots=True)
class SparqlRequest:
    query: str
    result_format: str  # json, xml, csv or tsv, for SELECT and ASK
    graph_format: str  # turtle, ntriples, jsonld or rdfxml, for CONSTRUCT and DESCRIBE
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def accepted(header: str | None) -> list[str]:
    """The media types of an Accept header, most wanted first (by q, then order)."""
    out = []
    for k, part in enumerate((header or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((-q, k, bits[0].lower()))
    return [t for _, _, t in sorted(out)]


def formats(accept: str | None, format_param: str | None) -> tuple[str, str]:
    """(results format, graph format) for a request: the ``format`` parameter if it names one,
    else the first of Accept that the endpoint speaks, else JSON and Turtle."""
    result, graph = None, None
    if format_param:
        named = _FORMAT_PARAM.get(format_param.lower().rsplit("/", 1)[-1].replace("sparql-results+", ""))
        if named is None and format_param.lower() in _RESULT_ACCEPT:
            named = (_RESULT_ACCEPT[format_param.lower()], None)
        if named is None and format_param.lower() in _GRAPH_ACCEPT:
            named = (None, _GRAPH_ACCEPT[format_param.lower()])
        if named:
            result, graph = named
    for t in accepted(accept):
        if result is None and t in _RESULT_ACCEPT:
            result = _RESULT_ACCEPT[t]
        if graph is None and t in _GRAPH_ACCEPT:
            graph = _GRAPH_ACCEPT[t]
    return result or "json", graph or "turtle"


def check(query: str) -> None:
    """Refuse what this endpoint never runs: an update (403) and a federated query (400)."""
    if not query.strip():
        raise ProtocolError("no query: give it as ?query=... (GET), as the form field query (POST) or as the "
                            "body of a POST of type application/sparql-query")
    if is_update(query):
        raise ProtocolError("this endpoint is read-only: SPARQL Update is refused (the graph changes "
                            "through kg build)", 403)
    if uses_service(query):
        raise ProtocolError("SERVICE is refused: kg serve answers from its own graph and fetches nothing "
                            "from elsewhere", 400)
