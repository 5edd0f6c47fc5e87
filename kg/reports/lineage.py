"""``kg lineage``: the chain of directives above a document, or the documents that act on it below.

Followed relations: implements, continues, reviews, basedOn, guides, and the documents those
promulgate; plain mentions, amends, replaces and repeals are not followed. Each edge keeps its
relation, the files that state it and a quote that proves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Literal

from kg.extract.tables import doc_types
from kg.graph.vocab import CLASS_TYPE, PROPERTY_RELATION
from kg.reports.text import clip
from kg.sparql.force import Force, not_in_force
from kg.sparql.query import Endpoint, Term, internal_query

Direction = Literal["down", "up"]

@dataclass(frozen=True, slots=True)
class LineageNode:
    iri: str
    identifier: str | None
    type: str
    title: str | None
    date: str | None
    issuer: str | None
    sources: list[str]
    force: Force | None = None  # no longer in force, or only partly (see kg status)

    def as_json(self) -> dict:
        out: dict[str, object] = {"iri": self.iri, "identifier": self.identifier, "type": self.type,
                                  "title": self.title, "date": self.date, "issuer": self.issuer,
                                  "sources": self.sources}
        if self.force is not None:  # only then: the JSON of CONTRACT.md is otherwise unchanged
            out["force"] = self.force.as_json()
        return out

    def label(self) -> str:
        name = self.identifier or clip(self.title or self.iri, 80)
        if self.identifier is None and "/doc/file/" in self.iri and self.sources:
            name += f" [{self.sources[0]}]"  # a corpus document without a number: its file names it
        bits = [doc_types().label(self.type)]
        if self.issuer:
            bits.append(self.issuer)
        if self.date:
            bits.append(self.date)
        return f"{name} — {', '.join(bits)}" + (f" {self.force.mark()}" if self.force else "")


@dataclass(frozen=True, slots=True)
class LineageEdge:
    source: str  # "from": the acting document
    relation: str
    target: str
    sources: list[str]  # the files that state the edge
    quote: str | None  # the shortest quote that proves it

    def as_json(self) -> dict:
        return {"from": self.source, "relation": self.relation, "to": self.target, "sources": self.sources,
                "quote": self.quote}


@dataclass(frozen=True, slots=True)
class Lineage:
    root: str
    direction: Direction
    nodes: list[LineageNode]
    edges: list[LineageEdge]

    def as_json(self) -> dict:
        return {"root": self.root, "nodes": [n.as_json() for n in self.nodes],
                "edges": [e.as_json() for e in self.edges]}

    def to_json(self) -> str:
        """The JSON of CONTRACT.md with each node and each edge on a line of its own: as readable as
        an indented dump and written by the C encoder (a lineage of ten thousand documents is
        megabytes, which an indented dump writes four times slower)."""
        def array(objects: list[dict]) -> str:
            lines = ",\n".join("  " + json.dumps(o, ensure_ascii=False) for o in objects)
            return f"[\n{lines}\n ]" if objects else "[]"

        return (f'{{"root": {json.dumps(self.root, ensure_ascii=False)},\n'
                f' "nodes": {array([n.as_json() for n in self.nodes])},\n'
                f' "edges": {array([e.as_json() for e in self.edges])}}}')

    def to_text(self) -> str:
        return _tree(self)


def lineage(endpoint: Endpoint, root: str, direction: Direction = "down") -> Lineage:
    """The lineage of ``root``: read from the documents' cards (kg:card, one look-up a document),
    or, on a graph built without them, gathered by the three queries of facts, files and edges."""
    rows = endpoint.values(internal_query(f"{direction}_cards"), {"root": Term("uri", root)}, ("document", "card"))
    if rows and all(c is not None for _, c in rows):
        return marked(lineage_from_cards(root, direction, rows), not_in_force(endpoint))  # type: ignore[arg-type]
    return lineage_from_queries(endpoint, root, direction)


def marked(lin: Lineage, ended: dict[str, Force]) -> Lineage:
    """The lineage with each document no longer in force marked: a reader sees which plans rest
    on a replaced directive."""
    if not any(n.iri in ended for n in lin.nodes):
        return lin
    return Lineage(lin.root, lin.direction, [replace(n, force=ended.get(n.iri)) for n in lin.nodes], lin.edges)


def lineage_from_cards(root: str, direction: Direction, cards: list[tuple[str, str]]) -> Lineage:
    """The lineage from the (document, kg:card) of every document it reaches: the edges are those
    of the cards that end in another document of the lineage."""
    nodes: dict[str, LineageNode] = {}
    out: list[tuple[str, list]] = []
    unique = dict(cards)  # (one row a document: SELECT DISTINCT, one card each)
    parsed = json.loads(f"[{','.join(unique.values())}]")  # one call: a tenth of the time of one per card
    for iri, c in zip(unique, parsed, strict=True):
        nodes[iri] = LineageNode(iri, c["identifier"], c["type"], c["title"], c["date"], c["issuer"], c["sources"])
        out.append((iri, c["edges"]))
    edges = [LineageEdge(s, PROPERTY_RELATION.get(p, p), o, files, quote)
             for s, shown in out for p, o, quote, files in shown if o in nodes and o != s]
    return _ordered(root, direction, nodes, edges)


def lineage_from_queries(endpoint: Endpoint, root: str, direction: Direction = "down") -> Lineage:
    """The lineage gathered by three queries (facts, files, edges with their evidence), for a graph
    that has no kg:card; the same answer as the cards give (tests/test_lineage.py)."""
    bindings = {"root": Term("uri", root)}
    sources: dict[str, set[str]] = {}
    for r in endpoint.select(internal_query(f"{direction}_files"), bindings).rows:
        sources.setdefault(r["document"].value, set()).add(r["file"].value)
    nodes: dict[str, LineageNode] = {}
    for r in endpoint.select(internal_query(f"{direction}_nodes"), bindings).rows:
        iri = r["document"].value
        if iri in nodes:  # a second value of a fact: the first is kept
            continue
        nodes[iri] = LineageNode(
            iri, r["identifier"].value if "identifier" in r else None,
            CLASS_TYPE.get(r["type"].value, "Other") if "type" in r else "Other",
            r["title"].value if "title" in r else None, r["date"].value if "date" in r else None,
            r["issuer"].value if "issuer" in r else None, sorted(sources.get(iri, ())))
    files: dict[tuple[str, str, str], set[str]] = {}
    quotes: dict[tuple[str, str, str], str] = {}
    for r in endpoint.select(internal_query(f"{direction}_edges"), bindings).rows:
        key = (r["from"].value, r["relation"].value, r["to"].value)
        if key[0] not in nodes or key[2] not in nodes or key[0] == key[2]:
            continue  # an edge that leaves the lineage
        files.setdefault(key, set())
        if "file" in r:
            files[key].add(r["file"].value)
        if "quote" in r and (key not in quotes or len(r["quote"].value) < len(quotes[key])):
            quotes[key] = r["quote"].value
    edges = [LineageEdge(s, PROPERTY_RELATION.get(p, p), o, sorted(files[(s, p, o)]), quotes.get((s, p, o)))
             for s, p, o in files]
    return marked(_ordered(root, direction, nodes, edges), not_in_force(endpoint))


def _ordered(root: str, direction: Direction, nodes: dict[str, LineageNode], edges: list[LineageEdge]) -> Lineage:
    ordered = sorted(nodes.values(), key=lambda n: (n.iri != root, n.date or "", n.identifier or "", n.iri))
    return Lineage(root, direction, ordered, sorted(edges, key=lambda e: (e.source, e.relation, e.target)))


def _shorten(quote: str, width: int = 170) -> str:
    """A long quote keeps its beginning and its end, where the two documents are usually named."""
    quote = " ".join(quote.split())
    if len(quote) <= width:
        return quote
    head = quote[: width * 11 // 20].rsplit(" ", 1)[0]
    tail = quote[-(width * 8 // 20) :].split(" ", 1)[-1]
    return f"{head} … {tail}"


def _upper_lower(e: LineageEdge) -> tuple[str, str]:
    """(the directive, the document that carries it out): an acting document is below what it acts
    on; a promulgated plan is below the decision that promulgates it."""
    return (e.source, e.target) if e.relation == "promulgates" else (e.target, e.source)


def _tree(lin: Lineage) -> str:
    """The lineage as a tree a person reads at a glance: each document with its relation and the
    quote that proves it; a document reached twice is shown once and named again after."""
    by_iri = {n.iri: n for n in lin.nodes}
    down = lin.direction == "down"
    children: dict[str, list[tuple[str, LineageEdge]]] = {}
    for e in lin.edges:
        upper, lower = _upper_lower(e)
        parent, child = (upper, lower) if down else (lower, upper)
        children.setdefault(parent, []).append((child, e))
    for v in children.values():
        v.sort(key=lambda ce: (by_iri[ce[0]].date or "", ce[1].relation, ce[0]))
    lines = [by_iri[lin.root].label() if lin.root in by_iri else lin.root]
    shown: set[str] = {lin.root}

    def walk(parent: str, prefix: str) -> None:
        kids = children.get(parent, [])
        for k, (child, e) in enumerate(kids):
            last = k == len(kids) - 1
            again = child in shown
            # read "[relation] child" as "child relation parent" going down, "parent relation child" going up
            relation = "promulgated by" if e.relation == "promulgates" else e.relation
            lines.append(f"{prefix}{'└── ' if last else '├── '}[{relation}] {by_iri[child].label()}"
                         + (" (see above)" if again else ""))
            pad = prefix + ("    " if last else "│   ")
            if e.quote and not again:
                where = f" ({', '.join(e.sources)})" if e.sources else ""
                lines.append(f"{pad}  “{_shorten(e.quote)}”{where}")
            if not again:
                shown.add(child)
                walk(child, pad)

    walk(lin.root, "")
    unreached = [n for n in lin.nodes if n.iri not in shown]
    for n in unreached:  # reached through a document the lineage does not show an edge to
        lines.append(f"└── {n.label()}")
    return "\n".join(lines)
