"""``kg build``: extract every file, resolve, load into the store; report what was built."""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from pyoxigraph import NamedNode, Quad, RdfFormat, Store

from kg.build.cache import Cache, cached_extraction, extract_files, extractor_version, file_sha, parallel
from kg.errors import KgError, ReadError
from kg.extract import extract
from kg.graph.quads import (
    CATALOG_GRAPH,
    DEFAULT,
    Edges,
    Statement,
    _Writer,
    as_quads,
    catalog_graph,
    edge_iri,
    edge_unit,
    file_unit,
    graph_iri,
    node_unit,
    quads,
    source_graph,
    source_iri,
    task_iri,
)
from kg.model import Extraction, Source
from kg.read import iter_paths, read_source, scan
from kg.graph.resolve import Node, Resolution, catalog_claims, claims_of, relation_keys, resolve_group
from kg.build.state import SCHEMA_VERSION, FileRecord, State
from kg.build.store import (
    current_build,
    discard_build,
    locked,
    new_build,
    open_store,
    publish,
    summary_of,
    write_store,
    write_trig,
)
from kg.graph.vocab import DATA, FOLLOWED, KG


@dataclass(frozen=True, slots=True)
class BuildSummary:
    documents: int = 0  # files read and extracted
    failed: tuple[str, ...] = ()  # "path: reason"
    references: int = 0
    resolved_references: int = 0
    unresolved_references: int = 0
    conflicts: int = 0  # documents whose sources give two full dates
    nodes: int = 0
    triples: int = 0
    extracted: int = 0  # files extracted by this build (the others were as the last build read them)
    removed: int = 0  # files of the last build that are gone
    unchanged: bool = False  # nothing changed since the last build: the store was left as it was
    seconds: tuple[tuple[str, float], ...] = ()  # how long each stage took

    @property
    def resolved_share(self) -> float:
        return self.resolved_references / self.references if self.references else 1.0

    def as_dict(self) -> dict:
        return {"documents": self.documents, "failed": list(self.failed), "references": self.references,
                "resolved_share": round(self.resolved_share, 4), "unresolved_references": self.unresolved_references,
                "conflicts": self.conflicts, "document_nodes": self.nodes, "quads": self.triples,
                "extracted": self.extracted, "removed": self.removed, "unchanged": self.unchanged,
                "seconds": {stage: round(t, 2) for stage, t in self.seconds}}

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents}" + (f" ({len(self.failed)} could not be read)" if self.failed else "")
               + (" (nothing changed since the last build)" if self.unchanged else
                  f" ({self.extracted} extracted" + (f", {self.removed} removed" if self.removed else "") + ")"),
               f"references: {self.references}, resolved: {100 * self.resolved_share:.1f}%, "
               f"unresolved: {self.unresolved_references}",
               f"conflicting facts: {self.conflicts} documents with two dates",
               f"graph: {self.nodes} document nodes, {self.triples} quads"]
        return out


#: Told of each step of a build: (stage, done, total, what); "extract" once per file.
Progress = Callable[[str, int, int, str], None]


def extract_all(paths: list[str], progress: Progress | None = None,
                failed: list[str] | None = None) -> list[Extraction]:
    """Extract every readable file; each failure is recorded as "path: reason"."""
    items = list(iter_paths(paths))
    out = []
    for n, item in enumerate(items, 1):
        if isinstance(item, ReadError):
            if failed is not None:
                failed.append(str(item))
            continue
        try:
            out.append(extract(read_source(item)))
        except ReadError as e:
            if failed is not None:
                failed.append(str(e))
        if progress is not None:
            progress("extract", n, len(items), item)
    return out


def summarize(extractions: list[Extraction], r: Resolution, failed: list[str], quads: int) -> BuildSummary:
    keys = [key for per_file in r.references for key in per_file]
    resolved = sum(1 for key in keys if r.nodes[key].resolved)
    conflicts = sum(1 for node in r.nodes.values() if node.disputed)
    return BuildSummary(documents=len(extractions), failed=tuple(failed), references=len(keys),
                        resolved_references=resolved, unresolved_references=len(keys) - resolved,
                        conflicts=conflicts, nodes=len(r.nodes), triples=quads)


class NothingToBuild(KgError):
    """No document under the paths given could be read."""


def build(paths: list[str], store_dir: str, out: str | None = None, progress: Progress | None = None,
          jobs: int | None = None) -> BuildSummary:
    """Build the graph of the documents under ``paths`` into the store at ``store_dir``.

    Only what changed since the store's last build is redone: files are extracted again only
    when their content (or the extractor) changed, in ``jobs`` processes (default: every core),
    and the groups of claims they touch are resolved again; the new build is the previous one
    with those files' named graphs and the merged view's nodes and edges that depend on them
    rewritten. The previous graph stays current until the new one is complete: an interrupted or
    failed build leaves it as it was; when no file at all can be read, nothing is replaced.
    """
    jobs = jobs or os.cpu_count() or 1
    with locked(store_dir) as root:
        state = State(root / "state.sqlite")
        try:
            summary = _Build(root, state, progress or (lambda *_: None), jobs).run(paths, out)
        except BaseException:
            state.close(commit=False)
            raise
        state.close(commit=True)
        return summary


#: A cold build of at least this many files writes their graphs in the worker processes.
PARALLEL_FROM = 64

#: The nodes of one group: key, node, and where each of its claims sits (path, index, stored form).
Resolved = list[tuple[str, Node, list[tuple[str, int, bytes]]]]


class _Build:
    """One run of ``kg build`` (see build)."""

    def __init__(self, root: Path, state: State, progress: Progress, jobs: int) -> None:
        self.root, self.state, self.jobs = root, state, jobs
        self.told = progress
        self.seconds: dict[str, float] = {}
        self.stage, self.since = "scan", time.perf_counter()
        self.cache = Cache(root)
        current = current_build(root)
        self.fresh = (current is None or state.get("build") != current
                      or state.get("version") != extractor_version() or state.get("schema") != SCHEMA_VERSION)
        if self.fresh:
            state.reset()
        self.failed: list[str] = []
        self.files: dict[str, FileRecord] = {}  # every file of this build
        self.rewrite: set[str] = set()  # files whose named graph is written again
        self.gone: list[tuple[str, int]] = []  # (sha, tasks) of file versions that are no more
        self.groups: set[str] = set()  # groups whose claims changed
        self.node_iris: set[str] = set()  # merged-view nodes to write again
        self.touched: set[tuple[str, str, str]] = set()  # edges to write again
        self._file = lru_cache(maxsize=64)(state.file_by_name)
        self.sha_of: dict[str, str] | None = None  # a node's own file is asked for twice

    def progress(self, stage: str, done: int, total: int, what: str) -> None:
        """Tell the caller, and time each stage."""
        if stage != self.stage:
            now = time.perf_counter()
            self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + now - self.since
            self.stage, self.since = stage, now
        self.told(stage, done, total, what)

    def run(self, paths: list[str], out: str | None) -> BuildSummary:
        old = self.state.files()
        todo = self._scan(paths, old)
        removed = [p for p in old if p not in self.files and p not in dict(todo)]
        if not self.fresh and not todo and not removed:
            self.state.commit()
            if out:
                write_trig(open_store(self.root), out)
            return self._summary(summary_of(self.root).get("quads", 0), unchanged=True)
        self.progress("extract", 0, len(todo), f"{len(todo)} of {len(self.files)} files to extract")
        extracted = self._extract(todo, old)
        for path in removed:
            self._forget(path, old[path])
        if not self.files:
            reasons = "; ".join(self.failed[:3]) if self.failed else "no document (.txt, .md, .docx, .pdf, .html) found"
            raise NothingToBuild(f"nothing to build from {' '.join(paths)}: {reasons}")
        if self.fresh:
            self.groups = self.state.add_claims("", catalog_claims())
            self.progress("index", 0, 1, "claims by group")
            self.state.indexed("claims")
        stamp, tmp, store = new_build(self.root, from_current=not self.fresh)
        try:
            count = self._write(store, summary_of(self.root).get("quads", 0))
            if out:
                write_trig(store, out)
        except BaseException as e:
            del store
            discard_build(tmp, e)
            raise
        del store
        self.state.put("build", stamp)
        self.state.put("version", extractor_version())
        self.state.put("schema", SCHEMA_VERSION)
        self.progress("publish", 0, 1, "making the new graph current")
        summary = self._summary(count, extracted=extracted, removed=len(removed))
        publish(self.root, stamp, tmp, summary.as_dict(), before_swap=self.state.commit)
        self.cache.prune()
        return summary

    # -- 1. which files changed
    def _scan(self, paths: list[str], old: dict[str, FileRecord]) -> list[tuple[str, str | None]]:
        todo: list[tuple[str, str | None]] = []
        for found in scan(paths):
            if isinstance(found, ReadError):
                self.failed.append(str(found))
                continue
            item, st = found
            rec = old.get(item)
            if rec is None:  # a new file: the worker that extracts it reads its content hash
                todo.append((item, None))
                continue
            if (rec.size, rec.mtime) == (st.st_size, st.st_mtime_ns):
                self.files[item] = rec
                continue
            try:
                sha = file_sha(item)
            except OSError as e:
                self.failed.append(str(ReadError(item, e.strerror or str(e))))
                continue
            new = FileRecord(item, os.path.basename(item), sha, st.st_size, st.st_mtime_ns)
            if rec is not None and rec.sha == sha:
                self.state.touch_file(new)
                self.files[item] = new
            else:
                todo.append((item, sha))
        return todo

    # -- 2. extract what changed, record its claims
    def _extract(self, todo: list[tuple[str, str | None]], old: dict[str, FileRecord]) -> int:
        done = 0
        for (path, _sha), x in zip(todo, extract_files(str(self.root), todo, self.jobs), strict=True):
            done += 1
            if path in old:
                self._forget(path, old[path])
            if isinstance(x, ReadError):
                self.failed.append(str(x))
            else:
                st = os.stat(path)
                rec = FileRecord(path, x.source.name, x.source.sha256, st.st_size, st.st_mtime_ns)
                self.files[path] = rec
                self.state.add_file(rec, replace(x.document, spans=()), len(x.tasks))
                self.groups |= self.state.add_claims(path, claims_of(x))
                self.rewrite.add(path)
            self.progress("extract", done, len(todo), path)
        return done

    def _forget(self, path: str, rec: FileRecord) -> None:
        """What the previous build held of a file that changed or went away."""
        if self.fresh:
            return
        self.groups |= self.state.groups_of(path)
        self.touched |= set(self.state.edges_of(path))
        tasks = self.state.tasks_of(path)
        self.gone.append((rec.sha, tasks))
        self.state.remove_file(path)
        self.files.pop(path, None)

    # -- 3. resolve the groups that changed, then write
    def _resolved(self, groups: Iterable[str]) -> Iterator[tuple[str, Resolved]]:
        source = self.state.all_groups() if self.fresh else ((g, self.state.group(g)) for g in sorted(groups))
        for group, members in source:
            yield group, resolve_group(group, members) if members else []

    def _write(self, store: Store, previous: int) -> int:
        out = _Output(store, self.fresh, previous)
        state = self.state
        # resolution: which node each claim of a changed group joins now
        self.progress("resolve", 0, 1, "fresh build: every group" if self.fresh else f"{len(self.groups)} groups")
        for group, results in self._resolved(self.groups):
            before = {} if self.fresh else state.assigned(group)
            old_nodes = {} if self.fresh else state.nodes_of(group)
            iri_of = {key: node.iri for key, node, _ in results}
            rows = []
            for key, node, places in results:
                for path, j, _ in places:
                    rows.append((path, j, key, node.iri))
                    if not self.fresh and path and before.get((path, j)) != node.iri:
                        self.rewrite.add(path)
            state.assign(rows, fresh=self.fresh)
            digests = {key: self._digest(node, places, iri_of) for key, node, places in results}
            state.set_nodes(group, [(key, node.iri, node.resolved, bool(node.disputed), digests[key])
                                    for key, node, _ in results], fresh=self.fresh)
            if not self.fresh:  # the nodes whose unit of the merged view changes
                self.node_iris |= {old_nodes[k][0] for k in old_nodes.keys() - digests.keys()}
                for key, node, _ in results:
                    if old_nodes.get(key) != (node.iri, digests[key]):
                        self.node_iris.add(node.iri)
                        if key in old_nodes:
                            self.node_iris.add(old_nodes[key][0])
        if self.fresh:
            state.indexed("assigned")
        # the files' named graphs and the edges they state
        w = _Writer()
        for sha, tasks in self.gone:
            if not state.sha_in_use(sha):  # the file's named graph, source node and tasks go
                out.file(f"{DATA}graph/{sha[:16]}",
                         [f"{DATA}source/{sha[:16]}", *(f"{DATA}task/{sha[:16]}/{n}" for n in range(tasks))], [])
            else:  # another file has the same content: their common graph is written again
                self.rewrite |= {p for p, rec in self.files.items() if rec.sha == sha}
        paths = sorted(self.files) if self.fresh else sorted(self.rewrite & set(self.files))
        self.progress("files", 0, len(paths), f"{len(paths)} named graphs")
        by_sha: dict[str, list[str]] = {}
        for path in paths:
            by_sha.setdefault(self.files[path].sha, []).append(path)
        if not self.fresh:  # a file whose content another file shares is written with it (one graph)
            for sha in list(by_sha):
                by_sha[sha] = sorted(p for p in self.files if self.files[p].sha == sha) \
                    if state.sha_in_use_twice(sha) else by_sha[sha]
        done = 0
        if self.fresh and self.jobs > 1 and len(paths) >= PARALLEL_FROM:  # the workers write the graphs
            work = ((str(self.root), path, self.files[path].sha, state.keys_of(path)) for path in paths)
            for path, data, stated in parallel(_graph_files, work, self.jobs):
                state.set_edges(path, stated, fresh=True)
                out.raw(data)
                done += 1
                if done % 500 == 0:
                    self.progress("files", done, len(paths), path)
            by_sha = {}
        for same in by_sha.values():
            for path in same:
                x = self._extraction(path)
                if not self.fresh:
                    self.touched |= set(state.edges_of(path))
                stated = _file_graph(w, x, state.keys_of(path))
                state.set_edges(path, stated, fresh=self.fresh)
                if not self.fresh:
                    self.touched |= {(s, p, o) for s, p, o, _, _ in stated}
                done += 1
                if done % 500 == 0:
                    self.progress("files", done, len(paths), path)
            out.file(graph_iri(x), [source_iri(x), *(task_iri(x, i) for i in range(len(x.tasks)))], w.take())
            w.done_with_graphs()
        self.progress("files", len(paths), len(paths), "")
        if self.fresh:
            self.progress("index", 0, 1, "edges")
            state.indexed("edges")
        # the merged view: document nodes, edges, catalogue
        if self.fresh:
            groups: Iterable[str] = ()
        else:
            for s, p, o in self.touched:
                self.node_iris.add(s)
                if p == KG.promulgates:
                    self.node_iris.add(o)
                elif p in FOLLOWED:
                    self.node_iris |= {x for q, x in state.out_edges(s) if q == KG.promulgates}
            groups = {g for iri in self.node_iris for g in state.groups_with_iri(iri)}
        self.progress("merge", 0, 1, "every node" if self.fresh else f"{len(self.node_iris)} nodes, "
                      f"{len(self.touched)} edges")
        out.merged(self.node_iris, [])  # these are written whole below, or go (no group holds them now)
        if self.fresh and self.jobs > 1:  # the workers write the nodes and their edges
            state.put("build", "")  # the state is read by the workers before the build is published
            state.commit()
            names = list(state.group_names())
            work = ((str(state.path), group) for group in names)
            # two batches a worker in flight: a popular directive's group is megabytes of N-Quads
            for n, data in enumerate(parallel(_merge_groups, work, self.jobs, chunk=64, ahead=2), 1):
                out.raw(data)
                if n % 5000 == 0:
                    self.progress("merge", n, len(names), "groups")
        else:
            merged = _Merged(state)
            for _group, results in self._resolved(groups):
                iri_of = {key: node.iri for key, node, _ in results}
                for _key, node, _ in results:
                    if not self.fresh and node.iri not in self.node_iris:
                        continue  # another document of the same number: unchanged
                    merged.node(w, node, iri_of, with_edges=self.fresh)
                    out.merged((node.iri,), w.take())
        if not self.fresh:
            for s, p, o in sorted(self.touched):
                said = state.said(s, p, o)
                if said:
                    edge_unit(w, s, p, o, said)
                out.merged((edge_iri(s, p, o),), w.take())
        catalog_graph(w, state.catalog_claims())
        out.graph(CATALOG_GRAPH.value, w.take())
        self.progress("store", 0, 1, "writing")
        return out.finish()

    def _digest(self, node: Node, places: list[tuple[str, int, bytes]], iri_of: dict[str, str]) -> str:
        """What the merged view's unit of a node is made of, but its edges: its claims, which
        version of each file makes them (a file's IRI and tasks follow its content), and its
        candidates. A node whose digest did not change is not written again."""
        h = hashlib.sha1(f"{node.iri} {node.resolved} {[iri_of.get(k, k) for k in node.candidates]}".encode())
        for path, _, blob in places:
            h.update(blob)
            h.update(self.files[path].sha.encode() if path in self.files else b"-")
        return h.hexdigest()

    def _extraction(self, path: str) -> Extraction:
        return cached_extraction(str(self.root), path, self.files[path].sha)

    def _summary(self, quads: int, extracted: int = 0, removed: int = 0, unchanged: bool = False) -> BuildSummary:
        f = self.state.figures()
        return BuildSummary(documents=f["documents"], failed=tuple(self.failed), references=f["references"],
                            resolved_references=f["resolved"],
                            unresolved_references=f["references"] - f["resolved"], conflicts=f["conflicts"],
                            nodes=f["nodes"], triples=quads, extracted=extracted, removed=removed,
                            unchanged=unchanged, seconds=tuple(self.seconds.items()))


class _Merged:
    """Writes the merged view's unit of a document node (and of the edges it states) from a build's
    state: in the build's process, or in a worker that reads the state."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.sha_of = state.names()
        self.names_of: dict[str, list[str]] = {}  # a source file's IRI: the names of the files with its content
        for rec in state.files().values():
            self.names_of.setdefault(f"{DATA}source/{rec.sha[:16]}", []).append(rec.name)
        self._file = lru_cache(maxsize=64)(state.file_by_name)  # a node's own file is asked for twice

    def node(self, w: _Writer, node: Node, iri_of: dict[str, str], with_edges: bool) -> None:
        rows = self.state.edges_from(node.iri)
        said: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
        for p, o, quote, src in rows:
            said.setdefault((p, o), []).append((quote, src))
        out = list(said)
        tasks = [t for c in node.claims if c.own and c.source for t in self._tasks(c.source)]
        node_unit(w, node, self._source, self._light, iri_of, out, self._acting(node.iri, out), tasks,
                  lambda p, o: said[(p, o)], self._names)
        if with_edges:
            for (p, o), stated in said.items():
                edge_unit(w, node.iri, p, o, stated)

    def _source(self, name: str) -> str:
        return f"{DATA}source/{self.sha_of[name][:16]}"

    def _names(self, source: str) -> list[str]:
        return self.names_of.get(source, [])

    def _light(self, name: str) -> Extraction:
        found = self._file(name)
        if found is None:
            raise KgError(f"the build's state lost the file {name}: run kg build again with a new --store")
        path, sha, document, _ = found
        return Extraction(Source(path, name, "", sha), document, (), (), ())

    def _tasks(self, name: str) -> list[str]:
        found = self._file(name)
        if found is None:
            return []
        _, sha, _, tasks = found
        return [f"{DATA}task/{sha[:16]}/{n}" for n in range(tasks)]

    def _acting(self, iri: str, out: list[tuple[str, str]]) -> list[str]:
        """What kg:actsOn links this node to (see kg.graph.acts_on)."""
        acting = {o for p, o in out if p in FOLLOWED and o != iri}
        for d in self.state.into(iri, KG.promulgates):
            acting |= {o for p, o in self.state.out_edges(d) if p in FOLLOWED and o != iri}
        return sorted(acting)


_worker_merged: dict[str, _Merged] = {}  # in a worker: the state it reads


def _merge_groups(jobs: list[tuple[str, str]]) -> list[bytes]:
    """In a worker: for each (state file, group), the merged view of the group's nodes and the
    edges they state, as N-Quads (a cold build's merged view is written by every core)."""
    out = []
    for state_path, group in jobs:
        merged = _worker_merged.get(state_path)
        if merged is None:
            merged = _worker_merged[state_path] = _Merged(State.read_only(Path(state_path)))
        results = resolve_group(group, merged.state.group(group))
        iri_of = {key: node.iri for key, node, _ in results}
        for _key, node, _ in results:
            merged.node(_worker_writer, node, iri_of, with_edges=True)
        out.append("".join(_worker_writer.take()).encode("utf-8"))
    return out


def _file_graph(w: _Writer, x: Extraction, keys: dict[int, tuple[str, str]]) -> list[Statement]:
    """A file's named graph and units of the merged view, given the nodes its claims resolved to
    (``keys``: reference index, -1 for its own document, -> node key and IRI); returns the edges
    it states."""
    n = len(x.references)
    iri_of = dict(keys.values())
    rels = [(iri_of[k[0]], k[1], iri_of[k[2]]) if k else None
            for k in relation_keys(x, [keys[j][0] for j in range(n)])]
    own = keys[-1][1]
    stated = source_graph(w, x, own, [keys[j][1] for j in range(n)], rels)
    file_unit(w, x, own)
    return stated


_worker_writer = _Writer()  # in a worker: each agency and place once in the merged view


def _graph_files(jobs: list[tuple[str, str, str, dict[int, tuple[str, str]]]]) -> list[tuple[str, bytes, list]]:
    """In a worker: for each (store, path, sha, keys), the file's quads as N-Quads and the edges it
    states (a cold build's files are written by every core)."""
    out = []
    for store_dir, path, sha, keys in jobs:
        x = cached_extraction(store_dir, path, sha)
        stated = _file_graph(_worker_writer, x, keys)
        out.append((path, "".join(_worker_writer.take()).encode("utf-8"), stated))
        _worker_writer.done_with_graphs()
    return out


class _Output:
    """Where a build's quads go (as N-Quads lines, see kg.graph.Term): straight into a new store,
    or as changes to a copy of the previous build. The merged view is changed unit by unit: every
    quad about a subject (a document node, an edge, a source file, a task) is written again and
    compared with what the store holds; agencies and places are shared by many units, added when
    new and removed when nothing refers to them any more."""

    SHARED = (f"{DATA}agency/", f"{DATA}unit/")

    def __init__(self, store: Store, fresh: bool, previous: int) -> None:
        self.store, self.fresh = store, fresh
        self.count = 0 if fresh else previous
        self.units: dict[str, set[Quad]] = {}
        self.shared: set[Quad] = set()
        self.buffer: list[bytes] = []
        self.size = 0

    def raw(self, nquads: bytes) -> None:
        """Quads as N-Quads, loaded in large runs (a cold build only)."""
        self.buffer.append(nquads)
        self.size += len(nquads)
        if self.size >= 16 << 20:
            self._load()

    def _load(self) -> None:
        if self.buffer:
            self.store.bulk_load(b"".join(self.buffer), RdfFormat.N_QUADS)
        self.buffer, self.size = [], 0

    def _add(self, quads: Iterable[Quad]) -> None:
        new = [q for q in dict.fromkeys(quads) if q not in self.store]
        self.store.extend(new)
        self.count += len(new)

    def graph(self, iri: str, lines: list[str]) -> None:
        """A named graph, replaced whole."""
        if self.fresh:
            self.raw("".join(lines).encode("utf-8"))
            return
        g = NamedNode(iri)
        if self.store.contains_named_graph(g):
            self.count -= sum(1 for _ in self.store.quads_for_pattern(None, None, None, g))
            self.store.remove_graph(g)
        self._add(as_quads(lines))

    def merged(self, owned: Iterable[str], lines: list[str]) -> None:
        """Quads of the merged view; ``owned`` are the subjects whose every quad is among them (a
        subject given with no quad is removed)."""
        if self.fresh:
            self.raw("".join(lines).encode("utf-8"))
            return
        for s in owned:
            self.units.setdefault(s, set())
        for q in as_quads(lines):
            s = q.subject.value
            (self.shared if s.startswith(self.SHARED) else self.units.setdefault(s, set())).add(q)

    def file(self, graph: str, owned: list[str], lines: list[str]) -> None:
        """A file's named graph and its units of the merged view (the lines of its graph end with
        the graph's name, those of the merged view do not)."""
        if self.fresh:
            self.raw("".join(lines).encode("utf-8"))
            return
        mark = f"<{graph}> .\n"
        self.graph(graph, [line for line in lines if line.endswith(mark)])
        self.merged(owned, [line for line in lines if not line.endswith(mark)])

    def finish(self) -> int:
        """Write what is pending; the number of quads the store holds."""
        if self.fresh:
            self._load()
            self.store.flush()
            self.store.optimize()
            return len(self.store)  # the stream repeats a few quads (an agency named by two units)
        orphans: set[str] = set()
        for s, new in self.units.items():
            for q in list(self.store.quads_for_pattern(NamedNode(s), None, None, DEFAULT)):
                if q not in new:
                    self.store.remove(q)
                    self.count -= 1
                    if isinstance(q.object, NamedNode) and q.object.value.startswith(self.SHARED):
                        orphans.add(q.object.value)
            self._add(new)
        self._add(self.shared)
        while orphans:  # an agency or place nothing refers to any more (a district's province may follow)
            iri = orphans.pop()
            node = NamedNode(iri)
            if next(iter(self.store.quads_for_pattern(None, None, node, None)), None) is None:
                for q in list(self.store.quads_for_pattern(node, None, None, DEFAULT)):
                    self.store.remove(q)
                    self.count -= 1
                    if isinstance(q.object, NamedNode) and q.object.value.startswith(self.SHARED):
                        orphans.add(q.object.value)
        self.store.flush()
        return self.count


def write_graph(store_dir: str, extractions: list[Extraction], resolution: Resolution, failed: list[str] | None = None,
                out: str | None = None) -> BuildSummary:
    """Write the graph of resolved extractions as the store's new build, with the page's view
    beside it (kg viz reads that instead of querying every document)."""
    failed = failed or []
    edges: Edges = {}  # filled as the quads are written, for the page's view

    def page_view() -> bytes:
        from kg.viz.page import save_view, view_of_build

        return save_view(view_of_build(extractions, resolution, edges))

    _, count = write_store(store_dir, quads(extractions, resolution, edges),
                           lambda n: summarize(extractions, resolution, failed, n).as_dict(), trig=out,
                           sidecars={"view.json": page_view})
    return summarize(extractions, resolution, failed, count)
