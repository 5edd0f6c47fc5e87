"""A cold build: every file extracted (or taken from the cache), every group resolved, the whole
graph streamed into a new store. With several processes the workers write the files' graphs and
the merged view; the state they read is the one this build fills."""

from __future__ import annotations

from pyoxigraph import Store

from kg.build.changes import find_changes
from kg.build.output import ColdOutput
from kg.build.phases import BuildRun
from kg.build.status import Seen, compared, seen, status_lines
from kg.build.store import current_build, discard_build, new_build, open_store, write_trig
from kg.build.summary import BuildSummary, NothingToBuild, nothing_to_build
from kg.build.units import MergedWriter, file_graph, graph_files, merge_groups
from kg.build.workers import parallel
from kg.graph.quads import QuadWriter, catalog_graph
from kg.graph.resolve import catalog_claims, resolve_group
from kg.graph.status import Status

#: A cold build of at least this many files writes their graphs in the worker processes.
PARALLEL_FROM = 64


class ColdBuild(BuildRun):
    """The graph of the files under the paths, from nothing."""

    def run(self, paths: list[str], out: str | None) -> BuildSummary:
        self.state.reset()
        changes = find_changes(paths, {})
        self.failed += changes.failed
        self.progress("extract", 0, len(changes.to_extract), f"{len(changes.to_extract)} files to extract")
        for job, x in self.extracted(changes.to_extract):
            self.record(job.path, x)
        if not self.files:
            raise NothingToBuild(nothing_to_build(paths, self.failed))
        self.state.add_claims("", catalog_claims())
        self.progress("index", 0, 1, "claims by group")
        self.state.indexed("claims")
        self.state.indexed("mentions")
        stamp, tmp, store = new_build(self.root)
        output = None  # it holds the store, which must be closed before its folder goes
        try:
            output = ColdOutput(store)
            self._resolve()
            self._files(output)
            self._merged(output)
            w = QuadWriter()
            catalog_graph(w, self.state.catalog_claims())
            output.lines(w.take())
            self.progress("store", 0, 1, "writing")
            output.load()
            self.progress("status", 0, 1, "the status of every document")
            lines, found = status_lines(store)
            output.lines(lines)
            count = output.finish()
            changed = self._changed(store, found, stamp)
            if out:
                write_trig(store, out)
        except BaseException as e:
            del store
            output = None
            discard_build(tmp, e)
            raise
        del store
        return self.publish(stamp, tmp, count, extracted=len(changes.to_extract), changes=changed)

    def _changed(self, store: Store, found: list[Status], stamp: str) -> bytes:
        """What this build changed against the current one (read whole: a cold build reads all)."""
        previous = current_build(self.root)
        if previous is None:  # the first build of the store: nothing to compare with
            return compared(None, Seen(frozenset(), frozenset(), {}), stamp, None)
        return compared(seen(open_store(self.root)), seen(store, found=found), stamp, previous)

    def _resolve(self) -> None:
        self.progress("resolve", 0, 1, "fresh build: every group")
        for group, members in self.state.all_groups():
            self.resolve(group, members, fresh=True)
        self.state.indexed("assigned")

    def _files(self, output: ColdOutput) -> None:
        """Every file's named graph, source node and tasks, and the edges it states."""
        paths = sorted(self.files)
        self.progress("files", 0, len(paths), f"{len(paths)} named graphs")
        if self.jobs > 1 and len(paths) >= PARALLEL_FROM:
            work = ((str(self.root), path, self.files[path].sha, self.state.keys_of(path)) for path in paths)
            for done, (path, data, stated) in enumerate(parallel(graph_files, work, self.jobs), 1):
                self.state.set_edges(path, stated, fresh=True)
                output.raw(data)
                if done % 500 == 0:
                    self.progress("files", done, len(paths), path)
        else:
            self._files_here(output, paths)
        self.progress("files", len(paths), len(paths), "")
        self.progress("index", 0, 1, "edges")
        self.state.indexed("edges")

    def _files_here(self, output: ColdOutput, paths: list[str]) -> None:
        """The files' graphs in this process; files of the same content have one graph."""
        by_sha: dict[str, list[str]] = {}
        for path in paths:
            by_sha.setdefault(self.files[path].sha, []).append(path)
        w = QuadWriter()
        done = 0
        for same in by_sha.values():
            for path in same:
                x = self.extraction(path)
                self.state.set_edges(path, file_graph(w, x, self.state.keys_of(path)), fresh=True)
                done += 1
                if done % 500 == 0:
                    self.progress("files", done, len(paths), path)
            output.lines(w.take())
            w.done_with_graphs()

    def _merged(self, output: ColdOutput) -> None:
        """The merged view: every document node and the edges it states."""
        self.progress("merge", 0, 1, "every node")
        if self.jobs > 1:
            self.state.put("build", "")  # the state is read by the workers before the build is published
            self.state.commit()
            names = list(self.state.group_names())
            work = ((str(self.state.path), group) for group in names)
            # two batches a worker in flight: a popular directive's group is megabytes of N-Quads
            for n, data in enumerate(parallel(merge_groups, work, self.jobs, chunk=64, ahead=2), 1):
                output.raw(data)
                if n % 5000 == 0:
                    self.progress("merge", n, len(names), "groups")
            return
        merged = MergedWriter(self.state)
        w = QuadWriter()
        for group, members in self.state.all_groups():
            results = resolve_group(group, [m.claim for m in members], [m.place for m in members])
            iri_of = {r.key: r.node.iri for r in results}
            for r in results:
                merged.node(w, r.node, iri_of, with_edges=True)
                output.lines(w.take())
