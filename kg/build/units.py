"""The units a build writes, from its state: a file's named graph (and its source node), and a
document node's unit of the merged view with the edges it states. Written in the build's process
or, on a cold build, in worker processes that read the state (see kg.build.cold)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from kg.build.cache import cached_extraction
from kg.build.state import ClaimPlace, FileRecord, NodeRef, State
from kg.errors import KgError
from kg.graph.quads import OutEdge, QuadWriter, Said, Statement, edge_unit, file_unit, node_unit, source_graph
from kg.graph.resolve import Group, Node, relation_keys, resolve_group
from kg.graph.vocab import DATA, FOLLOWED, KG
from kg.model import Document, Extraction


def file_graph(w: QuadWriter, x: Extraction, keys: dict[int, NodeRef]) -> list[Statement]:
    """A file's named graph and its units of the merged view, given the nodes its claims resolved
    to (``keys``: by reference index, -1 for its own document); returns the edges it states."""
    n = len(x.references)
    iri_of = {ref.key: ref.iri for ref in keys.values()}
    rels = [(iri_of[k[0]], k[1], iri_of[k[2]]) if k else None
            for k in relation_keys(x, [keys[j].key for j in range(n)])]
    own = keys[-1].iri
    stated = source_graph(w, x, own, [keys[j].iri for j in range(n)], rels)
    file_unit(w, x, own)
    return stated


def node_digest(node: Node, places: list[ClaimPlace], iri_of: dict[str, str], files: dict[str, FileRecord]) -> str:
    """What the merged view's unit of a node is made of, but its edges: its claims, which version
    of each file makes them (a file's IRI and tasks follow its content), and its candidates. A node
    whose digest did not change is not written again."""
    h = hashlib.sha1(f"{node.iri} {node.resolved} {[iri_of.get(k, k) for k in node.candidates]}".encode())
    for place in places:
        h.update(place.blob)
        h.update(files[place.path].sha.encode() if place.path in files else b"-")
    return h.hexdigest()


class StateFiles:
    """The files of the build, as kg.graph.quads.FileIndex reads them, from the build's state."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.sha_of = state.names()
        self.names_of: dict[str, list[str]] = {}  # a source file's IRI: the names of the files with its content
        for rec in state.files().values():
            self.names_of.setdefault(f"{DATA}source/{rec.sha[:16]}", []).append(rec.name)
        self._entry = lru_cache(maxsize=64)(state.file_by_name)  # a node's own file is asked for twice

    def source_iri(self, name: str) -> str:
        return f"{DATA}source/{self.sha_of[name][:16]}"

    def own_document(self, name: str) -> Document:
        found = self._entry(name)
        if found is None:
            raise KgError(f"the build's state lost the file {name}: run kg build again with a new --store")
        return found.document

    def file_names(self, source: str) -> list[str]:
        return self.names_of.get(source, [])

    def tasks(self, name: str) -> list[str]:
        found = self._entry(name)
        if found is None:
            return []
        return [f"{DATA}task/{found.sha[:16]}/{n}" for n in range(found.tasks)]


class MergedWriter:
    """Writes the merged view's unit of a document node (and of the edges it states) from a
    build's state."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.files = StateFiles(state)

    def node(self, w: QuadWriter, node: Node, iri_of: dict[str, str], with_edges: bool) -> None:
        said: dict[tuple[str, str], list[Said]] = {}
        for st in self.state.edges_from(node.iri):
            said.setdefault((st.relation, st.cited), []).append(st.said)
        out = [OutEdge(p, o, tuple(s)) for (p, o), s in said.items()]
        tasks = [t for c in node.claims if c.own and c.source for t in self.files.tasks(c.source)]
        node_unit(w, node, self.files, iri_of, out, self._acting(node.iri, out), tasks)
        if with_edges:
            for e in out:
                edge_unit(w, node.iri, e.relation, e.target, e.said)

    def _acting(self, iri: str, out: list[OutEdge]) -> list[str]:
        """What kg:actsOn links this node to (see kg.graph.quads.acts_on)."""
        acting = {e.target for e in out if e.relation in FOLLOWED and e.target != iri}
        for d in self.state.into(iri, KG.promulgates):
            acting |= {o for p, o in self.state.out_edges(d) if p in FOLLOWED and o != iri}
        return sorted(acting)


# -- in worker processes (a cold build's files and merged view are written by every core)

_worker_writer = QuadWriter()  # in a worker: each agency and place once in the merged view
_worker_merged: dict[str, MergedWriter] = {}  # in a worker: the state it reads


def graph_files(jobs: list[tuple[str, str, str, dict[int, NodeRef]]]) -> list[tuple[str, bytes, list[Statement]]]:
    """For each (store, path, sha, keys), the file's quads as N-Quads and the edges it states."""
    out = []
    for store_dir, path, sha, keys in jobs:
        x = cached_extraction(store_dir, path, sha)
        stated = file_graph(_worker_writer, x, keys)
        out.append((path, "".join(_worker_writer.take()).encode("utf-8"), stated))
        _worker_writer.done_with_graphs()
    return out


def merge_groups(jobs: list[tuple[str, Group]]) -> list[bytes]:
    """For each (state file, group), the merged view of the group's nodes and the edges they
    state, as N-Quads."""
    out = []
    for state_path, group in jobs:
        merged = _worker_merged.get(state_path)
        if merged is None:
            merged = _worker_merged[state_path] = MergedWriter(State.read_only(Path(state_path)))
        members = merged.state.group(group)
        results = resolve_group(group, [m.claim for m in members], [m.place for m in members])
        iri_of = {r.key: r.node.iri for r in results}
        for r in results:
            merged.node(_worker_writer, r.node, iri_of, with_edges=True)
        out.append("".join(_worker_writer.take()).encode("utf-8"))
    return out
