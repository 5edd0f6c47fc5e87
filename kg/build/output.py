"""Where a build's quads go, as N-Quads lines (see kg.graph.quads.QuadWriter).

A cold build streams every quad into a new store; an incremental build changes a copy of the
previous build unit by unit: every quad about a subject (a document node, an edge, a source file,
a task) is written again and compared with what the store holds, a named graph is replaced
whole, an agency mentioned by a unit written again is written again from all its mentions, and
places, shared by many units, are added when new and removed when nothing refers to them any more.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.graph.quads import DEFAULT, QuadWriter, as_quads
from kg.graph.vocab import DATA
from kg.model import Agency


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

    def load(self) -> None:
        """Load what is pending, so that the store can be read (the status of every document is
        computed from the graph written)."""
        self._load()

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
    """Changes to a copy of the previous build.

    A unit of the merged view (the quads of one subject: a document node, an edge, a source file,
    a task) is written whole and replaces what the store held of it. Administrative units (places)
    are the same whoever names them: they are added when named and removed when nothing refers to
    them any more. An agency's facts are the union of what every mention of it says (an issuer
    with its level and seat, a task's agency with its name alone): each agency a rewritten unit
    mentions, or mentioned before, is written again whole from all its mentions, as the build's
    state records them (``mentions``), so that a mention that went takes its facts with it.
    """

    AGENCIES = f"{DATA}agency/"
    PLACES = f"{DATA}unit/"

    def __init__(self, store: Store, previous: int, mentions: Callable[[str], list[Agency]]) -> None:
        self.store = store
        self.count = previous
        self.mentions = mentions
        self.units: dict[str, set[Quad]] = {}
        self.places: set[Quad] = set()
        self.agencies: set[str] = set()  # written again from their mentions

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
            if s.startswith(self.AGENCIES):
                self.agencies.add(s)
            elif s.startswith(self.PLACES):
                self.places.add(q)
            else:
                self.units.setdefault(s, set()).add(q)
                if isinstance(q.object, NamedNode) and q.object.value.startswith(self.AGENCIES):
                    self.agencies.add(q.object.value)

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
        self.agencies |= {o for o in orphans if o.startswith(self.AGENCIES)}
        for agency in sorted(self.agencies):
            self._agency(agency, orphans)
        self._add(self.places)
        while orphans:  # a place nothing refers to any more (a district's province may follow)
            node = NamedNode(orphans.pop())
            if next(iter(self.store.quads_for_pattern(None, None, node, None)), None) is None:
                for q in list(self.store.quads_for_pattern(node, None, None, DEFAULT)):
                    self._remove(q, orphans)
        self.store.flush()
        return self.count

    def _agency(self, iri: str, orphans: set[str]) -> None:
        """An agency's facts, written again whole from every mention of it (none: it goes)."""
        w = QuadWriter()
        for mention in self.mentions(iri):
            w.agency(mention, DEFAULT)
        quads = as_quads(w.take())
        facts = {q for q in quads if q.subject.value == iri}  # type: ignore[union-attr]
        self.places |= set(quads) - facts  # its seats
        for q in list(self.store.quads_for_pattern(NamedNode(iri), None, None, DEFAULT)):
            if q not in facts:
                self._remove(q, orphans)
        self._add(facts)

    def _remove(self, q: Quad, orphans: set[str]) -> None:
        self.store.remove(q)
        self.count -= 1
        if isinstance(q.object, NamedNode) and q.object.value.startswith((self.AGENCIES, self.PLACES)):
            orphans.add(q.object.value)
