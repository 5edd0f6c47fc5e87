"""Where a build's quads go, as N-Quads lines (see kg.graph.quads.QuadWriter).

A cold build streams every quad into a new store; an incremental build changes a copy of the
previous build unit by unit: every quad about a subject (a document node, an edge, a source file,
a task) is written again and compared with what the store holds, a named graph is replaced
whole, and agencies and places, shared by many units, are added when new and removed when
nothing refers to them any more.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from kg.graph.quads import as_quads
from kg.graph.vocab import DATA

DEFAULT = DefaultGraph()


class ColdOutput:
    """Quads loaded in large runs into a new, empty store."""

    #: How much N-Quads text is loaded at once.
    RUN = 16 << 20

    def __init__(self, store: Store) -> None:
        self.store = store
        self.buffer: list[bytes] = []
        self.size = 0

    def raw(self, nquads: bytes) -> None:
        self.buffer.append(nquads)
        self.size += len(nquads)
        if self.size >= self.RUN:
            self._load()

    def lines(self, lines: list[str]) -> None:
        self.raw("".join(lines).encode("utf-8"))

    def _load(self) -> None:
        if self.buffer:
            self.store.bulk_load(b"".join(self.buffer), RdfFormat.N_QUADS)
        self.buffer, self.size = [], 0

    def finish(self) -> int:
        """Write what is pending; the number of quads the store holds (the stream repeats a few:
        an agency named by two units)."""
        self._load()
        self.store.flush()
        self.store.optimize()
        return len(self.store)


class IncrementalOutput:
    """Changes to a copy of the previous build."""

    SHARED = (f"{DATA}agency/", f"{DATA}unit/")

    def __init__(self, store: Store, previous: int) -> None:
        self.store = store
        self.count = previous
        self.units: dict[str, set[Quad]] = {}
        self.shared: set[Quad] = set()

    def _add(self, quads: Iterable[Quad]) -> None:
        new = [q for q in dict.fromkeys(quads) if q not in self.store]
        self.store.extend(new)
        self.count += len(new)

    def graph(self, iri: str, lines: list[str]) -> None:
        """A named graph, replaced whole."""
        g = NamedNode(iri)
        if self.store.contains_named_graph(g):
            self.count -= sum(1 for _ in self.store.quads_for_pattern(None, None, None, g))
            self.store.remove_graph(g)
        self._add(as_quads(lines))

    def merged(self, owned: Iterable[str], lines: list[str]) -> None:
        """Quads of the merged view; ``owned`` are the subjects whose every quad is among them (a
        subject given with no quad is removed)."""
        for s in owned:
            self.units.setdefault(s, set())
        for q in as_quads(lines):
            s = q.subject.value  # type: ignore[union-attr]
            (self.shared if s.startswith(self.SHARED) else self.units.setdefault(s, set())).add(q)

    def file(self, graph: str, owned: list[str], lines: list[str]) -> None:
        """A file's named graph and its units of the merged view (the lines of its graph end with
        the graph's name, those of the merged view do not)."""
        mark = f"<{graph}> .\n"
        self.graph(graph, [line for line in lines if line.endswith(mark)])
        self.merged(owned, [line for line in lines if not line.endswith(mark)])

    def finish(self) -> int:
        """Write the units; the number of quads the store holds."""
        orphans: set[str] = set()
        for s, new in self.units.items():
            for q in list(self.store.quads_for_pattern(NamedNode(s), None, None, DEFAULT)):
                if q not in new:
                    self._remove(q, orphans)
            self._add(new)
        self._add(self.shared)
        while orphans:  # an agency or place nothing refers to any more (a district's province may follow)
            node = NamedNode(orphans.pop())
            if next(iter(self.store.quads_for_pattern(None, None, node, None)), None) is None:
                for q in list(self.store.quads_for_pattern(node, None, None, DEFAULT)):
                    self._remove(q, orphans)
        self.store.flush()
        return self.count

    def _remove(self, q: Quad, orphans: set[str]) -> None:
        self.store.remove(q)
        self.count -= 1
        if isinstance(q.object, NamedNode) and q.object.value.startswith(self.SHARED):
            orphans.add(q.object.value)
