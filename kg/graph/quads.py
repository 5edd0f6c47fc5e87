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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, parse

from kg.extract.places import REFORM_DATE, gazetteer
from kg.graph.cards import CardEdge, card
from kg.graph.resolve import Claim, Node, agency_slug
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
from kg.model import Agency, Document, Extraction, Span, Task, Unit

DEFAULT = DefaultGraph()
CATALOG_GRAPH = NamedNode(f"{DATA}graph/catalog")
#: The last day of the units of before the July 2025 reform.
LAST_DAY_BEFORE_REFORM = (dt.date.fromisoformat(REFORM_DATE) - dt.timedelta(days=1)).isoformat()


class LiteralText(str):
    """A literal written as N-Quads writes it (an IRI is a plain string). The writer makes
    N-Quads text, which the store parses in Rust: making a pyoxigraph object per term in Python
    costs more than the rest of a build's writing."""

    __slots__ = ()


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def text(value: str) -> LiteralText:
    return LiteralText(f'"{_escaped(value)}"')


def typed(value: str, datatype: str) -> LiteralText:
    return LiteralText(f'"{_escaped(value)}"^^<{datatype}>')


def integer(value: int) -> LiteralText:
    return LiteralText(f'"{value}"^^<{XSD.integer}>')


def boolean(value: bool) -> LiteralText:
    return LiteralText(f'"{"true" if value else "false"}"^^<{XSD.boolean}>')


def in_language(value: str, language: str) -> LiteralText:
    return LiteralText(f'"{_escaped(value)}"@{language}')


def date_literal(value: str) -> LiteralText:
    """xsd:date, or xsd:gYearMonth / xsd:gYear for a partial date."""
    kind = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(value)]
    return LiteralText(f'"{value}"^^<{kind}>')


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


class QuadWriter:
    """Collects quads, writing each agency and unit once per graph."""

    def __init__(self) -> None:
        self.lines: list[str] = []  # N-Quads
        self._seen: set[str] = set()  # in the merged view
        self._seen_in_graph: set[tuple[str, str]] = set()  # in named graphs

    def add(self, s: str, p: str, o: str, g: NamedNode | DefaultGraph = DEFAULT) -> None:
        """One quad; ``o`` is an IRI, or a LiteralText for a literal."""
        obj = o if isinstance(o, LiteralText) else f"<{o}>"
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
                self.add(iri, KG.validUntil, date_literal(LAST_DAY_BEFORE_REFORM), g)
            else:
                self.add(iri, KG.validFrom, date_literal(REFORM_DATE), g)
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
        named = named_issuer(issuer)
        if named is not None:
            self.add(iri, KG.issuer, self.agency(named, g), g)


def named_issuer(issuer: Agency | None) -> Agency | None:
    """The issuer a document's facts name (a body without a level is not named as one; of a joint
    issuer, its lead body)."""
    return issuer.lead if issuer is not None and issuer.level is not None else None


def task_agency(x: Extraction, t: Task) -> Agency:
    """The agency a task of ``x`` is given to: its province is the document's ("Phòng Giáo dục và
    Đào tạo huyện An Lão" of Hải Phòng)."""
    d = x.document
    return Agency(t.agency, None, d.issuer.province if d.issuer is not None else None, None)


@dataclass(frozen=True, slots=True)
class Said:
    """What one file says of an edge: the quote that states it (None: no quote) and the file's IRI."""

    quote: str | None
    source: str


@dataclass(frozen=True, slots=True, order=True)
class EdgeKey:
    """An edge of the merged view: (citing, relation, cited)."""

    citing: str
    relation: str  # the property's IRI
    cited: str


@dataclass(frozen=True, slots=True)
class Statement:
    """An edge one file states: (citing, relation, cited), with its quote and the file's IRI."""

    citing: str
    relation: str  # the property's IRI
    cited: str
    quote: str | None
    source: str

    @property
    def said(self) -> Said:
        return Said(self.quote, self.source)

    @property
    def key(self) -> EdgeKey:
        return EdgeKey(self.citing, self.relation, self.cited)


@dataclass(frozen=True, slots=True)
class OutEdge:
    """An edge leaving a document node, with what every file that states it says."""

    relation: str
    target: str
    said: tuple[Said, ...]


class FileIndex(Protocol):
    """What writing a document node needs to know of the files of the build."""

    def source_iri(self, name: str) -> str:
        """The IRI of the source file of this name."""

    def own_document(self, name: str) -> Document:
        """The document a file of this name is (its header's facts)."""

    def file_names(self, source: str) -> list[str]:
        """The names of the files whose content is the source file of this IRI."""


def shortest_quote(said: Iterable[Said]) -> str | None:
    """The quote shown for an edge among what the files that state it quote: the shortest (the one
    that names the two documents with least around them), the first in order among equals."""
    quotes = [s.quote for s in said if s.quote]
    return min(quotes, key=lambda q: (len(q), q)) if quotes else None


def edge_iri(source: str, relation: str, target: str) -> str:
    """The merged view's kg:Edge for one relation: a query computes the same IRI with
    IRI(CONCAT(".../edge/", MD5(CONCAT(STR(?from), " ", STR(?relation), " ", STR(?to)))))."""
    return f"{DATA}edge/{hashlib.md5(f'{source} {relation} {target}'.encode()).hexdigest()}"


def edge_unit(w: QuadWriter, s: str, p: str, o: str, said: Iterable[Said]) -> None:
    """The edge (s p o) of the merged view, and its kg:Edge with the shortest quote that proves it
    and every file that states it, so that a lineage of ten thousand edges finds each one's
    evidence in one look-up."""
    w.add(s, p, o)
    iri = edge_iri(s, p, o)
    w.add(iri, RDF.type, KG.Edge)
    w.add(iri, KG.citing, s)
    w.add(iri, KG.cited, o)
    w.add(iri, KG.relation, p)
    said = list(said)
    quote = shortest_quote(said)
    if quote is not None:
        w.add(iri, KG.quote, text(quote))
    for src in dict.fromkeys(s.source for s in said):
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


def source_graph(w: QuadWriter, x: Extraction, own: str, refs: list[str],
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
        stated.append(Statement(own, prop, target, span.text if span else None, src))
        if span is not None:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/r{n}", own, prop, target, span, src)
    for n, (rel, ends) in enumerate(zip(x.relations, rels, strict=True)):
        if ends is None:
            continue
        s, relation, o = ends
        prop = RELATION_PROPERTY[relation]
        w.add(s, prop, o, g)
        stated.append(Statement(s, prop, o, rel.evidence[0].text if rel.evidence else None, src))
        if rel.evidence:
            _citation(w, g, f"{DATA}citation/{x.source.sha256[:16]}/n{n}", s, prop, o, rel.evidence[0], src)
    _validity(w, x, g, own, refs, src)
    for n, t in enumerate(x.tasks):
        task = task_iri(x, n)
        w.add(own, KG.task, task, g)
        for graph in (g, DEFAULT):
            w.add(task, RDF.type, KG.Task, graph)
            w.add(task, KG.assignedTo, w.agency(task_agency(x, t), graph), graph)
            w.add(task, KG.role, text(t.role), graph)
            w.add(task, DCTERMS.description, text(t.text), graph)
            if t.deadline and t.deadline.date:
                w.add(task, KG.deadline, date_literal(t.deadline.date), graph)
            if t.deadline and t.deadline.recurrence:
                w.add(task, KG.recurrence, text(t.deadline.recurrence), graph)
    return stated


def _validity(w: QuadWriter, x: Extraction, g: NamedNode, own: str, refs: list[str], src: str) -> None:
    """What the file says of its own force (kg:EntryIntoForce) and of the force of documents it
    cites (kg:Change), each with its quote: the status of every document is computed from these
    once the graph is built (kg.graph.status)."""
    short = x.source.sha256[:16]
    entry = x.entry_into_force
    if entry is not None:
        iri = f"{DATA}validity/{short}/e"
        w.add(iri, RDF.type, KG.EntryIntoForce, g)
        w.add(iri, KG.citing, own, g)
        w.add(iri, KG.onSigning, boolean(entry.on_signing), g)
        if entry.date and len(entry.date) == 10:
            w.add(iri, KG.effectiveDate, date_literal(entry.date), g)
        _quoted(w, g, iri, (entry.evidence,), src)
    for n, change in enumerate(x.changes):
        iri = f"{DATA}validity/{short}/c{n}"
        w.add(iri, RDF.type, KG.Change, g)
        w.add(iri, KG.citing, own, g)
        w.add(iri, KG.cited, refs[change.target], g)
        w.add(iri, KG.relation, RELATION_PROPERTY[change.relation], g)
        if change.part:
            w.add(iri, KG.part, text(change.part), g)
        if change.date and len(change.date) == 10:
            w.add(iri, KG.effectiveDate, date_literal(change.date), g)
        _quoted(w, g, iri, change.evidence, src)


def _quoted(w: QuadWriter, g: NamedNode, iri: str, spans: tuple[Span, ...], src: str) -> None:
    w.add(iri, KG.quote, text(" … ".join(s.text for s in spans)), g)
    w.add(iri, KG.startOffset, integer(spans[0].start), g)
    w.add(iri, KG.endOffset, integer(spans[-1].end), g)
    w.add(iri, KG.sourceFile, src, g)


def file_unit(w: QuadWriter, x: Extraction, own: str) -> None:
    """The source file in the merged view."""
    src = source_iri(x)
    w.add(src, RDF.type, KG.SourceFile)
    w.add(src, KG.fileName, text(x.source.name))
    w.add(src, KG.sha256, text(x.source.sha256))
    w.add(src, KG.describes, own)


def _citation(w: QuadWriter, g: NamedNode, iri: str, citing: str, prop: str, cited: str, span: Span,
              src: str) -> None:
    w.add(iri, RDF.type, KG.Citation, g)
    w.add(iri, KG.citing, citing, g)
    w.add(iri, KG.cited, cited, g)
    w.add(iri, KG.relation, prop, g)
    w.add(iri, KG.quote, text(span.text), g)
    w.add(iri, KG.startOffset, integer(span.start), g)
    w.add(iri, KG.endOffset, integer(span.end), g)
    w.add(iri, KG.sourceFile, src, g)


def node_unit(w: QuadWriter, node: Node, files: FileIndex, iri_of: dict[str, str], out: list[OutEdge],
              acting: list[str], tasks: list[str]) -> None:
    """Every quad of the merged view whose subject is this document node: its facts chosen among
    all claims, where it is stated, its own header's details, its outgoing edges (``out``), what it
    acts on (kg:actsOn), its tasks and its card. ``iri_of`` gives the IRI of a candidate's key."""
    iri = node.iri
    issuer = node.issuer.name if node.issuer is not None and node.issuer.level is not None else None
    names = {c.source: files.file_names(files.source_iri(c.source)) for c in node.claims if c.source is not None}
    sources = [name for found in names.values() for name in found]
    shown = [CardEdge(e.relation, e.target, shortest_quote(e.said),
                      [name for said in e.said for name in files.file_names(said.source)]) for e in out]
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
        w.add(iri, KG.sourceFile if claim.own else KG.mentionedIn, files.source_iri(claim.source))
        if claim.own:
            _own_facts(w, iri, files.own_document(claim.source))
            for name in names[claim.source]:
                w.add(iri, KG.sourceFileName, text(name))
    entry = node.catalog
    if entry is not None:
        for alias in entry.short_names:
            w.add(iri, KG.alias, text(alias))
    for e in out:
        w.add(iri, e.relation, e.target)
    for o in acting:
        w.add(iri, KG.actsOn, o)
    for task in tasks:
        w.add(iri, KG.task, task)


def _own_facts(w: QuadWriter, iri: str, d: Document) -> None:
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


def catalog_graph(w: QuadWriter, claims: Iterable[tuple[str, Claim]]) -> None:
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
