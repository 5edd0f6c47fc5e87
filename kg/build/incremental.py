"""An incremental build: the previous build, copied, with only what depends on the files that
changed, were added or were deleted written again.

Phase by phase: what changed (kg.build.changes); what the previous build held of the changed and
deleted files (their groups of claims, the edges they stated, their named graphs); the extraction
of the new and changed files; the groups to resolve again (those their claims join, then and now);
what to rewrite: the files whose claims now resolve elsewhere, the document nodes whose unit of the
merged view changed, the edges that were or are stated by a rewritten file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.build.changes import Changes, find_changes
from kg.build.output import IncrementalOutput
from kg.build.phases import BuildRun
from kg.build.state import FileRecord, NodeRow
from kg.build.status import compared, seen, status_lines
from kg.build.store import current_build, discard_build, new_build, open_store, summary_of, write_trig
from kg.build.summary import BuildSummary, NothingToBuild, nothing_to_build
from kg.build.units import MergedWriter, file_graph
from kg.graph.quads import (
    CATALOG_GRAPH,
    EdgeKey,
    QuadWriter,
    catalog_graph,
    edge_iri,
    edge_unit,
    graph_iri,
    source_iri,
    task_iri,
)
from kg.graph.resolve import Group, Resolved, resolve_group
from kg.graph.status import STATUS_GRAPH
from kg.graph.vocab import DATA, FOLLOWED, KG


@dataclass(frozen=True, slots=True)
class GoneVersion:
    """A version of a file the previous build held: its content hash and how many tasks it assigned
    (its named graph, source node and tasks go unless another file has the same content)."""

    sha: str
    tasks: int


@dataclass
class Rewrites:
    """What an incremental build writes again."""

    groups: set[Group] = field(default_factory=set)  # groups of claims to resolve again
    files: set[str] = field(default_factory=set)  # files whose named graph is written again
    gone: list[GoneVersion] = field(default_factory=list)
    nodes: set[str] = field(default_factory=set)  # document nodes whose merged-view unit is written again
    edges: set[EdgeKey] = field(default_factory=set)  # edges of the merged view written again


class IncrementalBuild(BuildRun):
    """The previous build with what changed written again."""

    def run(self, paths: list[str], out: str | None) -> BuildSummary:
        last = self.state.files()
        changes = find_changes(paths, last, self.state.notes())
        self.failed += changes.failed
        self.notes.update(changes.notes)
        self.files.update(changes.unchanged)
        for rec in changes.touched:
            self.state.touch_file(rec)
        if changes.none:
            self.state.commit()
            if out:
                write_trig(open_store(self.root), out)
            return self.summary(summary_of(self.root).get("quads", 0), unchanged=True)
        todo = Rewrites()
        self._extract(changes, last, todo)
        if not self.files:
            raise NothingToBuild(nothing_to_build(paths, self.failed))
        stamp, tmp, store = new_build(self.root, from_current=True)
        output = None  # it holds the store, which must be closed before its folder goes
        try:
            output = IncrementalOutput(store, summary_of(self.root).get("quads", 0), self.state.mentions_of)
            self._resolve(todo)
            self._files(output, todo)
            self._merged(output, todo)
            w = QuadWriter()
            catalog_graph(w, self.state.catalog_claims())
            output.graph(CATALOG_GRAPH.value, w.take())
            self.progress("store", 0, 1, "writing")
            before = seen(store, todo.nodes, todo.edges)  # (the units of the merged view are written at finish)
            output.finish()
            # a document's status depends on others: computed again from the whole graph
            self.progress("status", 0, 1, "the status of every document")
            lines, found = status_lines(store)
            output.graph(STATUS_GRAPH.value, lines)
            store.flush()
            count = output.count
            changed = compared(before, seen(store, todo.nodes, todo.edges, found), stamp, current_build(self.root))
            if out:
                write_trig(store, out)
        except BaseException as e:
            del store
            output = None
            discard_build(tmp, e)
            raise
        del store
        return self.publish(stamp, tmp, count, extracted=len(changes.to_extract), removed=len(changes.removed),
                            changes=changed)

    # -- what the previous build held of the files that changed or went, and the new extractions
    def _extract(self, changes: Changes, last: dict[str, FileRecord], todo: Rewrites) -> None:
        jobs = changes.to_extract
        self.progress("extract", 0, len(jobs), f"{len(jobs)} of {len(jobs) + len(changes.unchanged)} files to extract")
        for job in jobs:
            if job.path in last:
                self._forget(job.path, last[job.path], todo)
        for job, x in self.extracted(jobs):
            todo.groups |= self.record(job.path, x)
            todo.files.add(job.path)
        for path in changes.removed:
            self._forget(path, last[path], todo)

    def _forget(self, path: str, rec: FileRecord, todo: Rewrites) -> None:
        todo.groups |= self.state.groups_of(path)
        todo.edges |= self.state.edges_of(path)
        todo.gone.append(GoneVersion(rec.sha, self.state.tasks_of(path)))
        self.state.remove_file(path)
        self.files.pop(path, None)

    # -- the groups to resolve again, and which nodes and files that changes
    def _resolve(self, todo: Rewrites) -> None:
        self.progress("resolve", 0, 1, f"{len(todo.groups)} groups")
        for group in sorted(todo.groups, key=lambda g: g.text):
            before = self.state.assigned(group)
            old_nodes = self.state.nodes_of(group)
            results = self.resolve(group, self.state.group(group), fresh=False)
            todo.files |= {p.path for r in results for p in r.places
                           if p.path and before.get((p.path, p.index)) != r.node.iri}
            todo.nodes |= _changed_nodes(old_nodes, self.state.nodes_of(group), results)

    # -- the files' named graphs and the edges they state
    def _files(self, output: IncrementalOutput, todo: Rewrites) -> None:
        for gone in todo.gone:
            if not self.state.sha_in_use(gone.sha):  # the file's named graph, source node and tasks go
                short = gone.sha[:16]
                output.file(f"{DATA}graph/{short}",
                            [f"{DATA}source/{short}", *(f"{DATA}task/{short}/{n}" for n in range(gone.tasks))], [])
            else:  # another file has the same content: their common graph is written again
                todo.files |= {p for p, rec in self.files.items() if rec.sha == gone.sha}
        paths = sorted(todo.files & set(self.files))
        self.progress("files", 0, len(paths), f"{len(paths)} named graphs")
        by_sha: dict[str, list[str]] = {}
        for path in paths:
            by_sha.setdefault(self.files[path].sha, []).append(path)
        for sha in by_sha:  # a file whose content another file shares is written with it (one graph)
            if self.state.sha_in_use_twice(sha):
                by_sha[sha] = sorted(p for p in self.files if self.files[p].sha == sha)
        w = QuadWriter()
        done = 0
        for same in by_sha.values():
            for path in same:
                x = self.extraction(path)
                todo.edges |= self.state.edges_of(path)
                stated = file_graph(w, x, self.state.keys_of(path))
                self.state.set_edges(path, stated)
                todo.edges |= {st.key for st in stated}
                done += 1
                if done % 500 == 0:
                    self.progress("files", done, len(paths), path)
            output.file(graph_iri(x), [source_iri(x), *(task_iri(x, i) for i in range(len(x.tasks)))], w.take())
            w.done_with_graphs()
        self.progress("files", len(paths), len(paths), "")

    # -- the merged view: the nodes and edges that changed
    def _merged(self, output: IncrementalOutput, todo: Rewrites) -> None:
        for edge in todo.edges:
            todo.nodes.add(edge.citing)  # its card and kg:actsOn
            if edge.relation == KG.promulgates:
                todo.nodes.add(edge.cited)  # what the promulgated document acts on
            elif edge.relation in FOLLOWED:
                todo.nodes |= {o for p, o in self.state.out_edges(edge.citing) if p == KG.promulgates}
        groups = {g for iri in todo.nodes for g in self.state.groups_with_iri(iri)}
        self.progress("merge", 0, 1, f"{len(todo.nodes)} nodes, {len(todo.edges)} edges")
        output.merged(todo.nodes, [])  # these are written whole below, or go (no group holds them now)
        merged = MergedWriter(self.state)
        w = QuadWriter()
        for group in sorted(groups, key=lambda g: g.text):
            members = self.state.group(group)
            results = resolve_group(group, [m.claim for m in members], [m.place for m in members])
            iri_of = {r.key: r.node.iri for r in results}
            for r in results:
                if r.node.iri in todo.nodes:  # (another document of the same number is unchanged)
                    merged.node(w, r.node, iri_of, with_edges=False)
                    output.merged((r.node.iri,), w.take())
        for edge in sorted(todo.edges):
            said = self.state.said(edge)
            if said:
                edge_unit(w, edge.citing, edge.relation, edge.cited, said)
            output.merged((edge_iri(edge.citing, edge.relation, edge.cited),), w.take())


def _changed_nodes(before: dict[str, NodeRow], after: dict[str, NodeRow], results: list[Resolved]) -> set[str]:
    """The IRIs of the nodes of a group whose unit of the merged view changes: those that went,
    came, moved to another IRI or whose digest changed."""
    out = {before[k].iri for k in before.keys() - after.keys()}
    for r in results:
        old, new = before.get(r.key), after[r.key]
        if old is None or (old.iri, old.digest) != (new.iri, new.digest):
            out.add(r.node.iri)
            if old is not None:
                out.add(old.iri)
    return out
