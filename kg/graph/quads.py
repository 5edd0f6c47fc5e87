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
from collections.abc import Callable, Iterable, Iterator

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from kg.extract.places import gazetteer
from kg.graph.resolve import Claim, Node, Resolution, agency_slug
from kg.graph.vocab import (
    CLASS_TYPE,
    DATA,
    DCTERMS,
    FOLLOWED,
    KG,
    LEVEL_NODE,
    RDF,
    RDFS,
    RELATION_PROPERTY,
    TYPE_CLASS,
    XSD,
)
from kg.model import Agency, Extraction, Unit
from kg.reports.lineage import SHOWN, card

DEFAULT = DefaultGraph()
CATALOG_GRAPH = NamedNode(f"{DATA}graph/catalog")


class Term(str):
    """A literal written as N-Quads writes it (an IRI is a plain string). The writer makes
    N-Quads text, which the store parses in Rust: making a pyoxigraph object per term in Python
    costs more than the rest of a build's writing."""

    __slots__ = ()


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def text(value: str) -> Term:
    return Term(f'"{_escaped(value)}"')


def typed(value: str, datatype: str) -> Term:
    return Term(f'"{_escaped(value)}"^^<{datatype}>')


def integer(value: int) -> Term:
    return Term(f'"{value}"^^<{XSD.integer}>')


def boolean(value: bool) -> Term:
    return Term(f'"{"true" if value else "false"}"^^<{XSD.boolean}>')


def in_language(value: str, language: str) -> Term:
    return Term(f'"{_escaped(value)}"@{language}')


def date_literal(value: str) -> Term:
    """xsd:date, or xsd:gYearMonth / xsd:gYear for a partial date."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return Term(f'"{value}"^^<{kind}>')


def as_quads(lines: list[str]) -> list[Quad]:
    """The quads of N-Quads lines (for a few: a build's changes, tests)."""
    return list(parse("".join(lines).encode("utf-8"), RdfFormat.N_QUADS)) if lines else []


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


#: The property that gives, for a document, the official code of a unit of one level and era it
#: counts for (see counted_codes).
CODE_PROPERTY = {("legacy", "provincial"): KG.provinceCodeBefore2025, ("legacy", "district"): KG.districtCodeBefore2025,
                 ("legacy", "commune"): KG.communeCodeBefore2025, ("2025", "provincial"): KG.provinceCodeFrom2025,
                 ("2025", "commune"): KG.communeCodeFrom2025}


def counted_codes(u: Unit) -> list[tuple[str, int]]:
    """(property, official code) of every unit a document whose locality is ``u`` counts for: ``u``
    and every unit it lies within, and the units on the other side of the July 2025 reform that
    each of those became part of or was made of. The coverage query then finds, in one look-up of
    small numbers, which province, district or commune of either era a document counts for."""
    places = gazetteer()
    out: list[tuple[str, int]] = []
    unit: Unit | None = u
    while unit is not None:
        out += [(CODE_PROPERTY[(v.era, v.level)], v.code)
                for v in (unit, *places.successors(unit), *places.predecessors(unit))
                if (v.era, v.level) in CODE_PROPERTY]  # (there are no districts after the reform)
        unit = places.within(unit)
    return list(dict.fromkeys(out))


_KIND_CLASS = {"party": KG.PartyBody, "state": KG.StateBody, "mass": KG.MassOrganization}
_UNIT_CLASS = {"provincial": KG.Province, "district": KG.District, "commune": KG.Commune}


class _Writer:
    """Collects quads, writing each agency and unit once per graph."""

    def __init__(self) -> None:
        self.lines: list[str] = []  # N-Quads
        self._seen: set[str] = set()  # in the merged view
        self._seen_in_graph: set[tuple[str, str]] = set()  # in named graphs

    def add(self, s: str, p: str, o: str, g: NamedNode | DefaultGraph = DEFAULT) -> None:
        """One quad; ``o`` is an IRI, or a Term for a literal."""
        obj = o if isinstance(o, Term) else f"<{o}>"
        if g is DEFAULT:
            self.lines.append(f"<{s}> <{p}> {obj} .\n")
        else:
            self.lines.append(f"<{s}> <{p}> {obj} <{g.value}> .\n")  # type: ignore[union-attr]

    def take(self) -> list[str]:
        """The N-Quads lines written since the last take."""
        out, self.lines = self.lines, []
        return out

    def done_with_graphs(self) -> None:
        """Forget what was written once per named graph (a file's graph is written in one go)."""
        self._seen_in_graph.clear()

    def once(self, iri: str, g: NamedNode | DefaultGraph) -> bool:
        seen, key = (self._seen_in_graph, (iri, g.value)) if isinstance(g, NamedNode) else (self._seen, iri)
        if key in seen:
            return False
        seen.add(key)  # type: ignore[arg-type]
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
            places = gazetteer()
            above = places.within(u)
            if above is not None:
                self.add(iri, KG.within, self.unit(above, g), g)
            # the July 2025 reform, as official codes (facts of this unit alone: a link to the other
            # unit would keep both alive in an incremental build once nothing else refers to them)
            for later in places.successors(u):
                self.add(iri, KG.laterCode, integer(later.code), g)
            for former in places.predecessors(u):
                self.add(iri, KG.formerCode, integer(former.code), g)
        return iri

    def agency(self, a: Agency, g: NamedNode | DefaultGraph) -> str:
        """The agency: in a source graph only its name as the file writes it; its kind, level,
        province and seat in the merged view."""
        iri = agency_iri(a)
        if g is not DEFAULT:
            if self.once(iri, g):  # a source graph names the body as the file first writes it
                self.add(iri, KG.name, text(a.name), g)
            return iri
        # The merged view holds what every mention says (a task's agency has no level or kind, an
        # issuer has them): the union of the mentions, the same whatever order they come in, so
        # that a build split among processes, or redone in part, writes the same graph.
        if self.once(f"{iri}#name {a.name}", g):
            self.add(iri, KG.name, text(a.name), g)
        if self.once(iri, g):
            self.add(iri, RDF.type, KG.Agency, g)
        if a.kind and self.once(f"{iri}#kind {a.kind}", g):
            self.add(iri, RDF.type, _KIND_CLASS[a.kind], g)
        if a.level and self.once(f"{iri}#level {a.level}", g):
            self.add(iri, KG.level, LEVEL_NODE[a.level], g)
        if a.province and self.once(f"{iri}#province {a.province}", g):
            self.add(iri, KG.province, text(a.province), g)
        if a.unit is not None and self.once(f"{iri}#seat {unit_iri(a.unit)}", g):
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


#: What one file says about one edge: (citing, relation, cited, quote or None, the file's IRI).
Statement = tuple[str, str, str, str | None, str]


def quads(extractions: list[Extraction], resolution: Resolution, edges: Edges | None = None) -> Iterator[Quad]:
    """Every quad of the graph built from these extractions, source graph by source graph.
    ``edges``, when given, is filled with the merged view's edges and what each file quotes.
    (kg build writes the same units from its state, group by group: see kg.build.)"""
    w = _Writer()
    iri_of = {key: node.iri for key, node in resolution.nodes.items()}
    edges = {} if edges is None else edges
    tasks: dict[str, list[str]] = {}
    for i, x in enumerate(extractions):
        own = iri_of[resolution.own[i]]
        refs = [iri_of[k] for k in resolution.references[i]]
        rels = [(iri_of[k[0]], k[1], iri_of[k[2]]) if k is not None else None for k in resolution.relations[i]]
        for s, p, o, quote, src in source_graph(w, x, own, refs, rels):
            edges.setdefault((s, p, o), []).append((quote, src))
        file_unit(w, x, own)
        tasks.setdefault(own, []).extend(task_iri(x, n) for n in range(len(x.tasks)))
        yield from as_quads(w.take())
    by_name = {x.source.name: x for x in extractions}
    names: dict[str, list[str]] = {}  # a source file's IRI: the names of the files with its content
    for x in extractions:
        names.setdefault(source_iri(x), []).append(x.source.name)
    out: dict[str, list[tuple[str, str]]] = {}
    for s, p, o in edges:
        out.setdefault(s, []).append((p, o))
    acting: dict[str, list[str]] = {}
    for s, o in acts_on(edges):
        acting.setdefault(s, []).append(o)
    for node in resolution.nodes.values():
        node_unit(w, node, lambda name: source_iri(by_name[name]), by_name.__getitem__, iri_of,
                  out.get(node.iri, []), acting.get(node.iri, []), tasks.get(node.iri, []),
                  lambda p, o, s=node.iri: edges[(s, p, o)], names.__getitem__)
        yield from as_quads(w.take())
    for (s, p, o), said in edges.items():
        edge_unit(w, s, p, o, said)
    yield from as_quads(w.take())
    catalog_graph(w, [(node.iri, c) for node in resolution.nodes.values() for c in node.claims if c.catalog])
    yield from as_quads(w.take())


#: Every edge of the merged view, with what each file that states it quotes (None: no quote).
Edges = dict[tuple[str, str, str], list[tuple[str | None, str]]]


def shortest_quote(said: Iterable[tuple[str | None, str]]) -> str | None:
    """The quote shown for an edge among what the files that state it quote: the shortest (the one
    that names the two documents with least around them), the first in order among equals."""
    quotes = [q for q, _ in said if q]
    return min(quotes, key=lambda q: (len(q), q)) if quotes else None


def edge_iri(source: str, relation: str, target: str) -> str:
    """The merged view's kg:Edge for one relation: a query computes the same IRI with
    IRI(CONCAT(".../edge/", MD5(CONCAT(STR(?from), " ", STR(?relation), " ", STR(?to)))))."""
    return f"{DATA}edge/{hashlib.md5(f'{source} {relation} {target}'.encode()).hexdigest()}"


def edge_unit(w: _Writer, s: str, p: str, o: str, said: list[tuple[str | None, str]]) -> None:
    """The edge (s p o) of the merged view, and its kg:Edge with the shortest quote that proves it
    and every file that states it, so that a lineage of ten thousand edges finds each one's
    evidence in one look-up."""
    w.add(s, p, o)
    iri = edge_iri(s, p, o)
    w.add(iri, RDF.type, KG.Edge)
    w.add(iri, KG.citing, s)
    w.add(iri, KG.cited, o)
    w.add(iri, KG.relation, p)
    quote = shortest_quote(said)
    if quote is not None:
        w.add(iri, KG.quote, text(quote))
    for src in dict.fromkeys(src for _, src in said):
        w.add(iri, KG.sourceFile, src)


def acts_on(edges: Iterable[tuple[str, str, str]]) -> list[tuple[str, str]]:
    """kg:actsOn, the one relation lineage walks: every followed edge, and for a document that a
    decision promulgates, whatever that decision acts on (the plan of "Quyết định ... ban hành Kế
    hoạch ..." carries out what the decision carries out). One property, so that a chain of a
    hundred thousand documents is walked by one index instead of five."""
    edges = list(edges)
    direct = {(s, o) for s, p, o in edges if p in FOLLOWED and s != o}
    by_actor: dict[str, list[str]] = {}
    for s, o in direct:
        by_actor.setdefault(s, []).append(o)
    derived = {(x, o) for d, p, x in edges if p == KG.promulgates for o in by_actor.get(d, ()) if x != o}
    return sorted(direct | derived)


def task_iri(x: Extraction, n: int) -> str:
    return f"{DATA}task/{x.source.sha256[:16]}/{n}"


def source_graph(w: _Writer, x: Extraction, own: str, refs: list[str],
                 rels: list[tuple[str, str, str] | None]) -> list[Statement]:
    """The file's named graph (its own document as its header gives it, each document it cites as
    it describes it, each relation as a kg:Citation) and its tasks; returns the edges it states.
    ``own``, ``refs`` and ``rels`` are the nodes its document, references and relations resolved to."""
    g = NamedNode(graph_iri(x))
    src = source_iri(x)
    d = x.document
    stated: list[Statement] = []
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
    for n, (ref, target) in enumerate(zip(x.references, refs, strict=True)):
        w.facts(target, ref.type, ref.identifier, ref.number, ref.symbol, ref.date, ref.title, ref.issuer, g)
        prop = RELATION_PROPERTY[ref.relation]
        w.add(own, prop, target, g)
        spans = list(zip(ref.evidence, ref.evidence_relations or [ref.relation] * len(ref.evidence), strict=False))
        span = next((s for s, rel in spans if rel == ref.relation), ref.evidence[0] if ref.evidence else None)
        stated.append((own, prop, target, span.text if span else None, src))
        if span is not None:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/r{n}", own, prop, target, span, src)
    for n, (rel, ends) in enumerate(zip(x.relations, rels, strict=True)):
        if ends is None:
            continue
        s, relation, o = ends
        prop = RELATION_PROPERTY[relation]
        w.add(s, prop, o, g)
        stated.append((s, prop, o, rel.evidence[0].text if rel.evidence else None, src))
        if rel.evidence:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/n{n}", s, prop, o, rel.evidence[0], src)
    for n, t in enumerate(x.tasks):
        task = task_iri(x, n)
        w.add(own, KG.task, task, g)
        for graph in (g, DEFAULT):
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
    return stated


def file_unit(w: _Writer, x: Extraction, own: str) -> None:
    """The source file in the merged view."""
    src = source_iri(x)
    w.add(src, RDF.type, KG.SourceFile)
    w.add(src, KG.fileName, text(x.source.name))
    w.add(src, KG.sha256, text(x.source.sha256))
    w.add(src, KG.describes, own)


def _citation(w: _Writer, g: NamedNode, iri: str, citing: str, prop: str, cited: str, span, src: str) -> None:  # type: ignore[no-untyped-def]
    w.add(iri, RDF.type, KG.Citation, g)
    w.add(iri, KG.citing, citing, g)
    w.add(iri, KG.cited, cited, g)
    w.add(iri, KG.relation, prop, g)
    w.add(iri, KG.quote, text(span.text), g)
    w.add(iri, KG.startOffset, integer(span.start), g)
    w.add(iri, KG.endOffset, integer(span.end), g)
    w.add(iri, KG.sourceFile, src, g)


def node_unit(w: _Writer, node: Node, source_of: Callable[[str], str], own_of: Callable[[str], Extraction],
              iri_of: dict[str, str], out: list[tuple[str, str]], acting: list[str], tasks: list[str],
              said: Callable[[str, str], list[tuple[str | None, str]]], file_names: Callable[[str], list[str]]) -> None:
    """Every quad of the merged view whose subject is this document node: its facts chosen among
    all claims, where it is stated, its own header's details, its outgoing edges (``out``, as
    relation and target), what it acts on, its tasks and its card. ``source_of`` gives a source
    file's IRI by its name, ``own_of`` the extraction of a file that is the node's own document,
    ``said`` what the files that state an edge (relation, target) quote, ``file_names`` the names of a
    source file's IRI."""
    iri = node.iri
    issuer = node.issuer.name if node.issuer is not None and node.issuer.level is not None else None
    names = {c.source: file_names(source_of(c.source)) for c in node.claims if c.source is not None}
    sources = [name for found in names.values() for name in found]
    shown = [(p, o, shortest_quote(said(p, o)), [name for _, src in said(p, o) for name in file_names(src)])
             for p, o in out if p in SHOWN]
    w.add(iri, KG.card, text(card(node.identifier, CLASS_TYPE.get(TYPE_CLASS.get(node.type, KG.OtherDocument), "Other"),
                                  node.title, node.date, issuer, sources, shown)))
    w.facts(iri, node.type, node.identifier, node.number, node.symbol, node.date, node.title, node.issuer, DEFAULT)
    w.add(iri, KG.resolved, boolean(node.resolved))
    for fact in node.disputed:
        w.add(iri, KG.disputed, text(fact))
    for key in node.candidates:
        w.add(iri, KG.candidate, iri_of[key])
    for claim in node.claims:
        if claim.source is None:
            continue
        w.add(iri, KG.sourceFile if claim.own else KG.mentionedIn, source_of(claim.source))
        if claim.own:
            _own_facts(w, iri, own_of(claim.source))
            for name in names[claim.source]:
                w.add(iri, KG.sourceFileName, text(name))
    entry = node.catalog
    if entry is not None:
        for alias in entry.short_names:
            w.add(iri, KG.alias, text(alias))
    for p, o in out:
        w.add(iri, p, o)
    for o in acting:
        w.add(iri, KG.actsOn, o)
    for task in tasks:
        w.add(iri, KG.task, task)


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
        for prop, code in counted_codes(d.unit):
            w.add(iri, prop, integer(code))
    if d.date_range:
        if d.date_range[0]:
            w.add(iri, KG.earliestDate, date_literal(d.date_range[0]))
        if d.date_range[1]:
            w.add(iri, KG.latestDate, date_literal(d.date_range[1]))


def catalog_graph(w: _Writer, claims: Iterable[tuple[str, Claim]]) -> None:
    """graph/catalog: the catalogue's facts about each document it lists (``claims``: the
    catalogue's claims with the IRI of the node each joined), each fact marked verified or not."""
    for iri, claim in claims:
        entry = claim.catalog
        if entry is None:
            continue
        w.facts(iri, entry.type, entry.identifier, claim.number, claim.symbol, entry.date, entry.title or None,
                claim.issuer, CATALOG_GRAPH)
        for fact in ("date", "issuer", "title"):
            w.add(iri, KG.verified if fact in entry.verified else KG.unverified, text(fact), CATALOG_GRAPH)
        for alias in entry.short_names:
            w.add(iri, KG.alias, text(alias), CATALOG_GRAPH)
    w.add(CATALOG_GRAPH.value, RDFS.label, in_language("Danh mục văn bản trung ương", "vi"), CATALOG_GRAPH)
