"""The status of every document, computed once the graph of a build is written (see
kg.graph.status), and what the build changed against the one before it (kept beside the build for
`kg changes`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Store

from kg.graph.quads import EdgeKey, QuadWriter
from kg.graph.status import STATUS_GRAPH, Act, Status, relation_name, status_quads, statuses
from kg.graph.vocab import ELI, KG, PROPERTY_RELATION, STATUS_IN_FORCE
from kg.sparql.query import LocalEndpoint, internal_query

#: The view kept beside a build: what it changed against the build before it.
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
class Seen:
    """What a build holds of the documents, edges and statuses a comparison looks at."""

    documents: frozenset[str]
    edges: frozenset[tuple[str, str, str]]  # (citing, relation name, cited)
    status: dict[str, tuple[str, str | None]]  # document -> (status, since)


def seen(store: Store, documents: Iterable[str] | None = None, edges: Iterable[EdgeKey] | None = None,
         found: list[Status] | None = None) -> Seen:
    """What ``store`` holds of ``documents`` and ``edges`` (None: all of them; an incremental build
    looks only at what it rewrote) and the statuses (``found``, or read from its status graph)."""
    return Seen(frozenset(_documents(store, documents)), frozenset(_edges(store, edges)),
                {st.document: (st.status, st.since) for st in found} if found is not None else _statuses(store))


def _documents(store: Store, only: Iterable[str] | None) -> set[str]:
    resolved = NamedNode(KG.resolved)  # every document node of the merged view says whether it is resolved
    if only is None:
        return {_v(q.subject) for q in store.quads_for_pattern(None, resolved, None, DefaultGraph())}
    return {iri for iri in only
            if next(iter(store.quads_for_pattern(NamedNode(iri), resolved, None, DefaultGraph())), None) is not None}


def _edges(store: Store, only: Iterable[EdgeKey] | None) -> set[tuple[str, str, str]]:
    if only is None:
        return {(_v(q.subject), name, _v(q.object)) for p, name in PROPERTY_RELATION.items()
                for q in store.quads_for_pattern(None, NamedNode(p), None, DefaultGraph())}
    return {(e.citing, PROPERTY_RELATION[e.relation], e.cited) for e in only if e.relation in PROPERTY_RELATION
            and Quad(NamedNode(e.citing), NamedNode(e.relation), NamedNode(e.cited), DefaultGraph()) in store}


def _v(term: object) -> str:
    return term.value if isinstance(term, NamedNode | BlankNode | Literal) else str(term)


def _statuses(store: Store) -> dict[str, tuple[str, str | None]]:
    named = {v: k for k, v in STATUS_IN_FORCE.items()}
    since = {_v(q.subject): _v(q.object) for q in
             store.quads_for_pattern(None, NamedNode(ELI.date_no_longer_in_force), None, STATUS_GRAPH)}
    return {_v(q.subject): (named.get(_v(q.object), "unknown"), since.get(_v(q.subject))) for q in
            store.quads_for_pattern(None, NamedNode(ELI.in_force), None, STATUS_GRAPH)}


def compared(before: Seen | None, after: Seen, build: str, previous: str | None) -> bytes:
    """What ``after`` changed against ``before`` (None: the first build, which has nothing to be
    compared with: listing its whole graph as new would tell nobody anything)."""
    old = before or after
    changed = []
    for doc in sorted(set(old.status) | set(after.status)):
        was = old.status.get(doc, ("unknown", None))
        now = after.status.get(doc, ("unknown", None))
        if was != now:
            changed.append({"document": doc, "before": was[0], "after": now[0], "since": now[1]})
    out = {"build": build, "previous": previous,
           "documents_added": sorted(after.documents - old.documents),
           "documents_removed": sorted(old.documents - after.documents),
           "relations_added": [list(e) for e in sorted(after.edges - old.edges)],
           "relations_removed": [list(e) for e in sorted(old.edges - after.edges)],
           "status_changed": changed}
    return json.dumps(out, ensure_ascii=False, indent=1).encode("utf-8")
