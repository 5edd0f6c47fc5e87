"""The reference writer: the whole graph of a list of extractions, written in one pass in memory.

kg build writes the same graph group by group from its state, in worker processes and in part
when files change (kg.build); the tests compare the two, and the benches use this one to make
large synthetic stores quickly. Not part of the pipeline.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pyoxigraph import Quad

from kg.build.store import write_store
from kg.build.summary import BuildSummary
from kg.errors import ReadError
from kg.extract import extract
from kg.graph.quads import (
    OutEdge,
    QuadWriter,
    Said,
    acts_on,
    agency_iri,
    as_quads,
    catalog_graph,
    edge_unit,
    file_unit,
    node_unit,
    shortest_quote,
    source_graph,
    source_iri,
    task_iri,
)
from kg.graph.resolve import Resolution
from kg.graph.vocab import PROPERTY_RELATION
from kg.model import Document, Extraction
from kg.read import read_source, scan
from kg.read.files import FolderNote, folder_note
from kg.viz.page import TYPE_COLORS, PageAgency, PageDocument, PageEdge, PageGraph, save_view, sorted_view

#: Every edge of the merged view, with what each file that states it says.
Edges = dict[tuple[str, str, str], list[Said]]


def extract_all(paths: list[str], failed: list[str] | None = None) -> list[Extraction]:
    """Extract every readable file under the paths; each failure is recorded as "path: reason"."""
    out = []
    for item in scan(paths):
        try:
            if isinstance(item, ReadError):
                raise item
            try:
                out.append(extract(read_source(item.path)))
            except ReadError as e:
                raise folder_note(item.in_folder, e) from e
        except FolderNote:
            continue
        except ReadError as e:
            if failed is not None:
                failed.append(str(e))
    return out


@dataclass(frozen=True, slots=True)
class _Extractions:
    """The files of the build, as kg.graph.quads.FileIndex reads them, from the extractions."""

    by_name: dict[str, Extraction]
    names: dict[str, list[str]]  # a source file's IRI: the names of the files with its content

    @classmethod
    def of(cls, extractions: list[Extraction]) -> _Extractions:
        names: dict[str, list[str]] = {}
        for x in extractions:
            names.setdefault(source_iri(x), []).append(x.source.name)
        return cls({x.source.name: x for x in extractions}, names)

    def source_iri(self, name: str) -> str:
        return source_iri(self.by_name[name])

    def own_document(self, name: str) -> Document:
        return self.by_name[name].document

    def file_names(self, source: str) -> list[str]:
        return self.names[source]


def reference_quads(extractions: list[Extraction], resolution: Resolution,
                    edges: Edges | None = None) -> Iterator[Quad]:
    """Every quad of the graph built from these extractions, source graph by source graph.
    ``edges``, when given, is filled with the merged view's edges and what each file says of them."""
    w = QuadWriter()
    iri_of = {key: node.iri for key, node in resolution.nodes.items()}
    edges = {} if edges is None else edges
    tasks: dict[str, list[str]] = {}
    for i, x in enumerate(extractions):
        own = iri_of[resolution.own[i]]
        refs = [iri_of[k] for k in resolution.references[i]]
        rels = [(iri_of[k[0]], k[1], iri_of[k[2]]) if k is not None else None for k in resolution.relations[i]]
        for st in source_graph(w, x, own, refs, rels):
            edges.setdefault((st.citing, st.relation, st.cited), []).append(st.said)
        file_unit(w, x, own)
        tasks.setdefault(own, []).extend(task_iri(x, n) for n in range(len(x.tasks)))
        yield from as_quads(w.take())
    files = _Extractions.of(extractions)
    out: dict[str, list[OutEdge]] = {}
    for (s, p, o), said in edges.items():
        out.setdefault(s, []).append(OutEdge(p, o, tuple(said)))
    acting: dict[str, list[str]] = {}
    for s, o in acts_on(edges):
        acting.setdefault(s, []).append(o)
    for node in resolution.nodes.values():
        node_unit(w, node, files, iri_of, out.get(node.iri, []), acting.get(node.iri, []), tasks.get(node.iri, []))
        yield from as_quads(w.take())
    for (s, p, o), said in edges.items():
        edge_unit(w, s, p, o, said)
    yield from as_quads(w.take())
    catalog_graph(w, [(node.iri, c) for node in resolution.nodes.values() for c in node.claims if c.catalog])
    yield from as_quads(w.take())


def summarize(extractions: list[Extraction], r: Resolution, failed: list[str], quads: int) -> BuildSummary:
    keys = [key for per_file in r.references for key in per_file]
    resolved = sum(1 for key in keys if r.nodes[key].resolved)
    conflicts = sum(1 for node in r.nodes.values() if node.disputed)
    return BuildSummary(documents=len(extractions), failed=tuple(failed), references=len(keys),
                        resolved_references=resolved, unresolved_references=len(keys) - resolved,
                        conflicts=conflicts, nodes=len(r.nodes), triples=quads)


def write_graph(store_dir: str, extractions: list[Extraction], resolution: Resolution, failed: list[str] | None = None,
                out: str | None = None) -> BuildSummary:
    """Write the graph of resolved extractions as the store's new build, with the page's view
    beside it (as kg viz would keep it)."""
    failed = failed or []
    edges: Edges = {}  # filled as the quads are written, for the page's view

    def page_view() -> bytes:
        return save_view(view_of_build(extractions, resolution, edges))

    _, count = write_store(store_dir, reference_quads(extractions, resolution, edges),
                           lambda n: summarize(extractions, resolution, failed, n).as_dict(), trig=out,
                           sidecars={"view.json": page_view})
    return summarize(extractions, resolution, failed, count)


def view_of_build(extractions: list[Extraction], resolution: Resolution, edges: Edges) -> PageGraph:
    """The page's view of the graph (kg.viz.page.read_graph reads it with SPARQL), from the extractions."""
    name_of = {source_iri(x): x.source.name for x in extractions}
    agencies: dict[str, PageAgency] = {}
    docs: list[PageDocument] = []
    index: dict[str, int] = {}
    for node in resolution.nodes.values():
        issuer = node.issuer if node.issuer is not None and node.issuer.level is not None else None
        agency = None
        if issuer is not None:
            agency = PageAgency(agency_iri(issuer), issuer.name, issuer.level or "unknown", issuer.province)
            if agency.iri not in agencies or agency.name < agencies[agency.iri].name:
                agencies[agency.iri] = agency
            agency = agencies[agency.iri]
        own = next((c.source for c in node.claims if c.own and c.source), None)
        index[node.iri] = len(docs)
        docs.append(PageDocument(node.iri, node.type if node.type in TYPE_COLORS else "Other", node.identifier,
                                 node.title, node.date, agency.iri if agency else None,
                                 agency.level if agency else "unknown", agency.province if agency else None, own,
                                 sorted({c.source for c in node.claims if c.source})))
    page_edges = []
    for (s, p, o), stated in edges.items():
        if s not in index or o not in index or s == o:
            continue
        page_edges.append(PageEdge(index[s], index[o], PROPERTY_RELATION[p], shortest_quote(stated),
                                   tuple(sorted({name_of[s.source] for s in stated}))))
    return sorted_view(PageGraph(docs, sorted(agencies.values(), key=lambda a: a.iri), page_edges))
