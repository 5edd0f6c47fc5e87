"""Extractions and their resolution, as RDF quads.

- The default graph is the merged view: one node per real document with the facts chosen among
  all claims, every relation edge between documents, agencies, localities and tasks.
- Each source file has its own named graph (``graph/<sha>``) holding what that file says: its own
  document as its header gives it, each document it cites as it describes it, and every relation
  edge again as a ``kg:Citation`` node with the quote, the offsets and the source.
- ``graph/catalog`` holds the catalogue's facts, each marked verified or not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from .model import Agency, Extraction, Unit
from .places import gazetteer
from .resolve import Claim, Node, Resolution, agency_slug
from .vocab import DATA, DCTERMS, FOLLOWED, KG, LEVEL_NODE, RDF, RDFS, RELATION_PROPERTY, TYPE_CLASS, XSD

DEFAULT = DefaultGraph()
CATALOG_GRAPH = NamedNode(f"{DATA}graph/catalog")
_NODES: dict[str, NamedNode] = {}


def N(iri: str) -> NamedNode:
    node = _NODES.get(iri)
    if node is None:
        node = _NODES[iri] = NamedNode(iri)
    return node


def text(value: str) -> Literal:
    return Literal(value)


def integer(value: int) -> Literal:
    return Literal(str(value), datatype=N(XSD.integer))


def date_literal(value: str) -> Literal:
    """xsd:date, or xsd:gYearMonth / xsd:gYear for a partial date."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Literal(value, datatype=N(kind))


def day_number(value: str) -> int | None:
    if len(value) != 10:
        return None
    return (dt.date.fromisoformat(value) - dt.date(1970, 1, 1)).days


def source_iri(x: Extraction) -> str:
    return f"{DATA}source/{x.source.sha256[:16]}"


def graph_iri(x: Extraction) -> str:
    return f"{DATA}graph/{x.source.sha256[:16]}"


def agency_iri(a: Agency) -> str:
    return f"{DATA}agency/{agency_slug(a)}"


def unit_iri(u: Unit) -> str:
    return f"{DATA}unit/{u.era}/{u.level}/{u.code}"


_KIND_CLASS = {"party": KG.PartyBody, "state": KG.StateBody, "mass": KG.MassOrganization}
_UNIT_CLASS = {"provincial": KG.Province, "district": KG.District, "commune": KG.Commune}


class _Writer:
    """Collects quads, writing each agency and unit once per graph."""

    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self._seen: set[tuple[str, str]] = set()

    def add(self, s: str, p: str, o: NamedNode | Literal | str, g: NamedNode | DefaultGraph = DEFAULT) -> None:
        self.quads.append(Quad(N(s), N(p), N(o) if isinstance(o, str) else o, g))

    def take(self) -> list[Quad]:
        out, self.quads = self.quads, []
        return out

    def once(self, iri: str, g: NamedNode | DefaultGraph) -> bool:
        key = (iri, g.value if isinstance(g, NamedNode) else "")
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def unit(self, u: Unit, g: NamedNode | DefaultGraph) -> str:
        iri = unit_iri(u)
        if self.once(iri, g):
            self.add(iri, RDF.type, _UNIT_CLASS[u.level], g)
            self.add(iri, KG.name, text(u.full_name), g)
            self.add(iri, KG.province, text(u.province), g)
            self.add(iri, KG.officialCode, integer(u.code), g)
            self.add(iri, KG.level, LEVEL_NODE[u.level], g)
            if u.era == "legacy":
                self.add(iri, KG.validUntil, date_literal("2025-06-30"), g)
            else:
                self.add(iri, KG.validFrom, date_literal("2025-07-01"), g)
            if u.level != "provincial":
                province = gazetteer().province(u.province, u.era)
                if province is not None:
                    self.add(iri, KG.within, self.unit(province, g), g)
        return iri

    def agency(self, a: Agency, g: NamedNode | DefaultGraph) -> str:
        """The agency: in a source graph only its name as the file writes it; its kind, level,
        province and seat in the merged view."""
        iri = agency_iri(a)
        if self.once(iri, g):
            self.add(iri, KG.name, text(a.name), g)
        if g is not DEFAULT:
            return iri  # a source graph names the body as the file writes it; the rest is the merged view's
        # the same body may first come as a task's agency (no level, no kind), then as an issuer
        if a.kind and self.once(iri + "#kind", g):
            self.add(iri, RDF.type, _KIND_CLASS[a.kind], g)
        elif self.once(iri + "#type", g):
            self.add(iri, RDF.type, KG.Agency, g)
        if a.level and self.once(iri + "#level", g):
            self.add(iri, KG.level, LEVEL_NODE[a.level], g)
        if a.province and self.once(iri + "#province", g):
            self.add(iri, KG.province, text(a.province), g)
        if a.unit is not None and self.once(iri + "#seat", g):
            self.add(iri, KG.seat, self.unit(a.unit, g), g)
        return iri

    def facts(self, iri: str, type_: str, identifier: str | None, number: str | None, symbol: str | None,
              date: str | None, title: str | None, issuer: Agency | None, g: NamedNode | DefaultGraph) -> None:
        """The facts of a document; a source graph keeps what the file printed (the number, symbol
        and day number that derive from it are written in the merged view only)."""
        merged = g is DEFAULT
        self.add(iri, RDF.type, TYPE_CLASS.get(type_, KG.OtherDocument), g)
        if identifier:
            self.add(iri, KG.identifier, text(identifier), g)
        if number and (merged or not identifier):
            self.add(iri, KG.number, text(number), g)
        if symbol and (merged or not identifier):
            self.add(iri, KG.symbol, text(symbol), g)
        if date:
            self.add(iri, KG.date, date_literal(date), g)
            days = day_number(date) if merged else None
            if days is not None:
                self.add(iri, KG.dayNumber, integer(days), g)
        if title:
            self.add(iri, DCTERMS.title, text(title), g)
        if issuer is not None and issuer.level is not None:
            self.add(iri, KG.issuer, self.agency(issuer, g), g)


def quads(extractions: list[Extraction], resolution: Resolution, edges: Edges | None = None) -> Iterator[Quad]:
    """Every quad of the graph built from these extractions, source graph by source graph (a
    stream: a hundred thousand documents make millions of quads, never all held at once).
    ``edges``, when given, is filled with the merged view's edges and what each file quotes."""
    w = _Writer()
    iri_of = {key: node.iri for key, node in resolution.nodes.items()}
    edges = {} if edges is None else edges
    for i, x in enumerate(extractions):
        _source_graph(w, x, i, resolution, iri_of, edges)
        yield from w.take()
    by_name = {x.source.name: x for x in extractions}
    for node in resolution.nodes.values():
        _merged_node(w, node, iri_of, by_name)
        yield from w.take()
    for (s, p, o), said in edges.items():
        w.add(s, p, o)
        _edge(w, s, p, o, said)
    for s, o in acts_on(edges):
        w.add(s, KG.actsOn, o)
    _catalog(w, resolution)
    yield from w.take()


#: Every edge of the merged view, with what each file that states it quotes (None: no quote).
Edges = dict[tuple[str, str, str], list[tuple[str | None, str]]]


def edge_iri(source: str, relation: str, target: str) -> str:
    """The merged view's kg:Edge for one relation: a query computes the same IRI with
    IRI(CONCAT(".../edge/", MD5(CONCAT(STR(?from), " ", STR(?relation), " ", STR(?to)))))."""
    return f"{DATA}edge/{hashlib.md5(f'{source} {relation} {target}'.encode()).hexdigest()}"


def _edge(w: _Writer, s: str, p: str, o: str, said: list[tuple[str | None, str]]) -> None:
    """The edge with the shortest quote that proves it and every file that states it, so that a
    lineage of ten thousand edges finds each one's evidence in one look-up."""
    iri = edge_iri(s, p, o)
    w.add(iri, RDF.type, KG.Edge)
    w.add(iri, KG.citing, s)
    w.add(iri, KG.cited, o)
    w.add(iri, KG.relation, p)
    quotes = [q for q, _ in said if q]
    if quotes:
        w.add(iri, KG.quote, text(min(quotes, key=lambda q: (len(q), q))))
    for src in dict.fromkeys(src for _, src in said):
        w.add(iri, KG.sourceFile, src)


def acts_on(edges: Edges) -> list[tuple[str, str]]:
    """kg:actsOn, the one relation lineage walks: every followed edge, and for a document that a
    decision promulgates, whatever that decision acts on (the plan of "Quyết định ... ban hành Kế
    hoạch ..." carries out what the decision carries out). One property, so that a chain of a
    hundred thousand documents is walked by one index instead of five."""
    direct = {(s, o) for s, p, o in edges if p in FOLLOWED and s != o}
    by_actor: dict[str, list[str]] = {}
    for s, o in direct:
        by_actor.setdefault(s, []).append(o)
    derived = {(x, o) for d, p, x in edges if p == KG.promulgates for o in by_actor.get(d, ()) if x != o}
    return sorted(direct | derived)


def _source_graph(w: _Writer, x: Extraction, i: int, r: Resolution, iri_of: dict[str, str],
                  edges: Edges) -> None:
    g = N(graph_iri(x))
    src = source_iri(x)
    own = iri_of[r.own[i]]
    d = x.document
    w.add(src, RDF.type, KG.SourceFile, g)
    w.add(src, KG.fileName, text(x.source.name), g)
    w.add(src, KG.sha256, text(x.source.sha256), g)
    w.add(src, KG.describes, own, g)
    w.facts(own, d.type, d.identifier, d.number, d.symbol, d.date, d.title, d.issuer, g)
    w.add(own, KG.sourceFile, src, g)
    if d.date_range:
        if d.date_range[0]:
            w.add(own, KG.earliestDate, date_literal(d.date_range[0]), g)
        if d.date_range[1]:
            w.add(own, KG.latestDate, date_literal(d.date_range[1]), g)
    for n, ref in enumerate(x.references):
        target = iri_of[r.references[i][n]]
        w.facts(target, ref.type, ref.identifier, ref.number, ref.symbol, ref.date, ref.title, ref.issuer, g)
        prop = RELATION_PROPERTY[ref.relation]
        w.add(own, prop, target, g)
        spans = list(zip(ref.evidence, ref.evidence_relations or [ref.relation] * len(ref.evidence), strict=False))
        span = next((s for s, rel in spans if rel == ref.relation), ref.evidence[0] if ref.evidence else None)
        edges.setdefault((own, prop, target), []).append((span.text if span else None, src))
        if span is not None:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/r{n}", own, prop, target, span, src)
    for n, (rel, key) in enumerate(zip(x.relations, r.relations[i], strict=True)):
        if key is None:
            continue
        s, relation, o = key
        prop = RELATION_PROPERTY[relation]
        w.add(iri_of[s], prop, iri_of[o], g)
        edges.setdefault((iri_of[s], prop, iri_of[o]), []).append((rel.evidence[0].text if rel.evidence else None, src))
        if rel.evidence:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/n{n}", iri_of[s], prop, iri_of[o],
                      rel.evidence[0], src)
    for n, t in enumerate(x.tasks):
        task = f"{DATA}task/{x.source.sha256[:16]}/{n}"
        for graph in (g, DEFAULT):
            w.add(own, KG.task, task, graph)
            w.add(task, RDF.type, KG.Task, graph)
            # the agency's province is the document's: "Phòng Giáo dục và Đào tạo huyện An Lão" of Hải Phòng
            agency = Agency(t.agency, None, d.issuer.province if d.issuer is not None else None, None)
            w.add(task, KG.assignedTo, w.agency(agency, graph), graph)
            w.add(task, KG.role, text(t.role), graph)
            w.add(task, DCTERMS.description, text(t.text), graph)
            if t.deadline and t.deadline.date:
                w.add(task, KG.deadline, date_literal(t.deadline.date), graph)
            if t.deadline and t.deadline.recurrence:
                w.add(task, KG.recurrence, text(t.deadline.recurrence), graph)


def _citation(w: _Writer, g: NamedNode, iri: str, citing: str, prop: str, cited: str, span, src: str) -> None:  # type: ignore[no-untyped-def]
    w.add(iri, RDF.type, KG.Citation, g)
    w.add(iri, KG.citing, citing, g)
    w.add(iri, KG.cited, cited, g)
    w.add(iri, KG.relation, prop, g)
    w.add(iri, KG.quote, text(span.text), g)
    w.add(iri, KG.startOffset, integer(span.start), g)
    w.add(iri, KG.endOffset, integer(span.end), g)
    w.add(iri, KG.sourceFile, src, g)


def _merged_node(w: _Writer, node: Node, iri_of: dict[str, str], by_name: dict[str, Extraction]) -> None:
    iri = node.iri
    w.facts(iri, node.type, node.identifier, node.number, node.symbol, node.date, node.title, node.issuer, DEFAULT)
    w.add(iri, KG.resolved, Literal("true" if node.resolved else "false", datatype=N(XSD.boolean)))
    for fact in node.disputed:
        w.add(iri, KG.disputed, text(fact))
    for key in node.candidates:
        w.add(iri, KG.candidate, iri_of[key])
    for claim in node.claims:
        if claim.source is None:
            continue
        src = source_iri(by_name[claim.source])
        w.add(iri, KG.sourceFile if claim.own else KG.mentionedIn, src)
        if claim.own:
            w.add(src, RDF.type, KG.SourceFile)
            w.add(src, KG.fileName, text(claim.source))
            w.add(src, KG.sha256, text(by_name[claim.source].source.sha256))
            w.add(src, KG.describes, iri)
            _own_facts(w, iri, by_name[claim.source])
    entry = node.catalog
    if entry is not None:
        for alias in entry.short_names:
            w.add(iri, KG.alias, text(alias))


def _own_facts(w: _Writer, iri: str, x: Extraction) -> None:
    d = x.document
    if d.place:
        w.add(iri, KG.place, text(d.place))
    if d.signer is not None:
        w.add(iri, KG.signer, text(d.signer.name))
        if d.signer.position:
            w.add(iri, KG.signerPosition, text(d.signer.position))
    if d.unit is not None:
        w.add(iri, KG.locality, w.unit(d.unit, DEFAULT))
    if d.date_range:
        if d.date_range[0]:
            w.add(iri, KG.earliestDate, date_literal(d.date_range[0]))
        if d.date_range[1]:
            w.add(iri, KG.latestDate, date_literal(d.date_range[1]))


def _catalog(w: _Writer, r: Resolution) -> None:
    for node in r.nodes.values():
        entry = node.catalog
        if entry is None:
            continue
        claim: Claim = next(c for c in node.claims if c.catalog is entry)
        w.facts(node.iri, entry.type, entry.identifier, claim.number, claim.symbol, entry.date, entry.title or None,
                claim.issuer, CATALOG_GRAPH)
        for fact in ("date", "issuer", "title"):
            w.add(node.iri, KG.verified if fact in entry.verified else KG.unverified, text(fact), CATALOG_GRAPH)
        for alias in entry.short_names:
            w.add(node.iri, KG.alias, text(alias), CATALOG_GRAPH)
    w.add(CATALOG_GRAPH.value, RDFS.label, Literal("Danh mục văn bản trung ương", language="vi"), CATALOG_GRAPH)
