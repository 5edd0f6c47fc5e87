"""The status of every document, computed once the graph of a build is written (see
kg.graph.status), and what the build changed against the one before it (kept beside the build for
`kg changes`)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pyoxigraph import Store

from kg.build.state import State
from kg.graph.quads import QuadWriter
from kg.graph.status import Act, Status, relation_name, status_quads, statuses
from kg.graph.vocab import PROPERTY_RELATION
from kg.sparql.query import LocalEndpoint, internal_query

#: The views kept beside a build: what it holds, and what it changed against the build before it.
SNAPSHOT = "snapshot.json"
CHANGES = "changes.json"
_COLUMNS = ("kind", "acting", "target", "relation", "part", "date", "onSigning", "quote", "source")


def read_acts(store: Store) -> list[Act]:
    """What the documents of the built graph say of the force of documents."""
    rows = LocalEndpoint(store).values(internal_query("status_acts"), {}, _COLUMNS)
    return [Act(kind or "", acting or "", target or "", relation_name(relation or ""), part, date, quote or "",
                source or "") for kind, acting, target, relation, part, date, _, quote, source in rows]


def status_lines(store: Store) -> tuple[list[str], list[Status]]:
    """The N-Quads of the status graph of the built graph, and the statuses."""
    found = statuses(read_acts(store))
    w = QuadWriter()
    status_quads(w, found)
    return w.take(), found


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a build holds, to compare the next build with: its documents, edges and statuses."""

    documents: tuple[str, ...]
    edges: tuple[tuple[str, str, str], ...]  # (citing, relation name, cited)
    status: dict[str, tuple[str, str | None]]  # document -> (status, since)

    def as_json(self) -> bytes:
        return json.dumps({"documents": list(self.documents), "edges": [list(e) for e in self.edges],
                           "status": {d: list(s) for d, s in self.status.items()}},
                          ensure_ascii=False).encode("utf-8")

    @classmethod
    def from_json(cls, data: bytes) -> Snapshot:
        raw = json.loads(data)
        return cls(tuple(raw["documents"]), tuple((s, p, o) for s, p, o in raw["edges"]),
                   {d: (s[0], s[1]) for d, s in raw["status"].items()})


def snapshot(state: State, found: list[Status]) -> Snapshot:
    edges = tuple((s, PROPERTY_RELATION[p], o) for s, p, o in state.edge_triples() if p in PROPERTY_RELATION)
    return Snapshot(tuple(state.node_iris()), edges, {st.document: (st.status, st.since) for st in found})


def compared(before: Snapshot | None, after: Snapshot, build: str, previous: str | None) -> bytes:
    """What ``after`` changed against ``before`` (None: the first build, everything is new)."""
    old = before or Snapshot((), (), {})
    docs_before, docs_after = set(old.documents), set(after.documents)
    edges_before, edges_after = set(old.edges), set(after.edges)
    changed = []
    for doc in sorted(set(old.status) | set(after.status) | (docs_after - docs_before)):
        was = old.status.get(doc, ("unknown", None))
        now = after.status.get(doc, ("unknown", None))
        if was != now and doc in docs_after | set(after.status):
            changed.append({"document": doc, "before": was[0], "after": now[0], "since": now[1]})
    out = {"build": build, "previous": previous,
           "documents_added": sorted(docs_after - docs_before), "documents_removed": sorted(docs_before - docs_after),
           "relations_added": [list(e) for e in sorted(edges_after - edges_before)],
           "relations_removed": [list(e) for e in sorted(edges_before - edges_after)],
           "status_changed": [c for c in changed if c["before"] != "unknown" or c["after"] != "unknown"]}
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")
