"""``kg export``: the graph of documents and relations for Gephi, Cytoscape or networkx.

The documents of the merged view are the nodes (keyed by their IRI, with their identifier, type,
title, date, issuer, level and province, and the files they were read from or named in); every
relation between two documents is an edge (keyed by its relation, with the quote that proves it
and the files that state it). The graph is a networkx MultiDiGraph, written by networkx as GraphML
or GEXF; the CSV is one row per relation with both ends' facts (an edge table that spreadsheets,
Gephi and Cytoscape import). Agencies, places and tasks stay in the RDF graph.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Literal

import networkx as nx

from kg.viz.page import PageGraph

ExportFormat = Literal["graphml", "gexf", "csv"]

#: The facts of a document, as node attributes (GraphML and GEXF take no empty value: "" stands for none).
NODE_FIELDS = ("identifier", "type", "title", "date", "issuer", "level", "province", "files")
CSV_FIELDS = ("source", "relation", "target", "quote", "stated_in",
              *(f"source_{f}" for f in NODE_FIELDS), *(f"target_{f}" for f in NODE_FIELDS))


def document_graph(view: PageGraph) -> nx.MultiDiGraph:
    """The documents and relations of a graph's view as a networkx MultiDiGraph."""
    names = {a.iri: a.name for a in view.agencies}
    g = nx.MultiDiGraph(name="kg: documents and relations")
    for d in view.documents:
        g.add_node(d.iri, identifier=d.identifier or "", type=d.type, title=d.title or "", date=d.date or "",
                   issuer=names.get(d.issuer or "", ""), level=d.level, province=d.province or "",
                   files="; ".join(d.sources))
    for e in view.edges:
        source, target = view.documents[e.source].iri, view.documents[e.target].iri
        g.add_edge(source, target, key=e.relation, relation=e.relation, quote=e.quote or "",
                   stated_in="; ".join(e.sources))
    return g


def edge_table(g: nx.MultiDiGraph) -> str:
    """One CSV row per relation, with both ends' facts."""
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for s, t, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"])):
        row = {"source": s, "target": t, "relation": data["relation"], "quote": data["quote"],
               "stated_in": data["stated_in"]}
        for end, iri in (("source", s), ("target", t)):
            row |= {f"{end}_{f}": g.nodes[iri].get(f, "") for f in NODE_FIELDS}
        writer.writerow(row)
    return out.getvalue()


def export_bytes(g: nx.MultiDiGraph, fmt: ExportFormat) -> bytes:
    """The graph in one of the formats, as the bytes of a file."""
    if fmt == "csv":
        return edge_table(g).encode("utf-8")
    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, out, encoding="utf-8")
    else:
        nx.write_gexf(g, out, encoding="utf-8")
    return out.getvalue()


def format_of(path: str | Path) -> ExportFormat | None:
    """The format a file name asks for by its suffix, if any."""
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in ("graphml", "gexf", "csv") else None  # type: ignore[return-value]
