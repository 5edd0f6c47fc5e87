"""What a cold and an incremental build share: timing the stages, extracting and recording files,
resolving a group, the summary, making the new build current."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from kg.build.cache import Cache, cached_extraction
from kg.build.state import SCHEMA_VERSION, Assignment, FileRecord, NodeRow, State, StoredClaim
from kg.build.status import CHANGES
from kg.build.store import publish
from kg.build.summary import BuildSummary, Progress
from kg.build.units import node_digest
from kg.build.workers import ExtractJob, extract_files
from kg.errors import ReadError
from kg.extract.version import extractor_version
from kg.graph.quads import agency_iri, named_issuer, task_agency
from kg.graph.resolve import Group, Resolved, claims_of, resolve_group
from kg.model import Extraction
from kg.read.files import FolderNote


class BuildRun:
    """One run of ``kg build`` on a locked store (see kg.build.run.build)."""

    def __init__(self, root: Path, state: State, progress: Progress, jobs: int) -> None:
        self.root, self.state, self.jobs = root, state, jobs
        self.told = progress
        self.seconds: dict[str, float] = {}
        self.stage, self.since = "scan", time.perf_counter()
        self.cache = Cache(root)
        self.failed: list[str] = []
        self.notes: dict[str, tuple[int, int]] = {}  # notes about a folder: not documents, not failures
        self.files: dict[str, FileRecord] = {}  # every file of this build

    def progress(self, stage: str, done: int, total: int, what: str) -> None:
        """Tell the caller, and time each stage."""
        if stage != self.stage:
            now = time.perf_counter()
            self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + now - self.since
            self.stage, self.since = stage, now
        self.told(stage, done, total, what)

    def extracted(self, jobs: list[ExtractJob]) -> Iterator[tuple[ExtractJob, Extraction]]:
        """Each file's extraction, in ``jobs`` processes; a file that cannot be read is recorded
        as failed and skipped."""
        for done, (job, x) in enumerate(zip(jobs, extract_files(str(self.root), jobs, self.jobs), strict=True), 1):
            if isinstance(x, FolderNote):
                st = os.stat(job.path)
                self.notes[job.path] = (st.st_size, st.st_mtime_ns)
            elif isinstance(x, ReadError):
                self.failed.append(str(x))
            else:
                yield job, x
            self.progress("extract", done, len(jobs), job.path)

    def record(self, path: str, x: Extraction) -> set[Group]:
        """A file's record and claims in the state; the groups its claims join."""
        st = os.stat(path)
        rec = FileRecord(path, x.source.name, x.source.sha256, st.st_size, st.st_mtime_ns)
        self.notes.pop(path, None)
        self.files[path] = rec
        self.state.add_file(rec, replace(x.document, spans=()), len(x.tasks))
        self.state.add_mentions(path, [(agency_iri(a), a) for a in (task_agency(x, t) for t in x.tasks)])
        return self.state.add_claims(path, claims_of(x))

    def resolve(self, group: Group, members: list[StoredClaim], fresh: bool) -> list[Resolved]:
        """The nodes of a group, recorded in the state: the node of each claim, and each node
        with the digest of what the merged view says of it."""
        results = resolve_group(group, [m.claim for m in members], [m.place for m in members]) if members else []
        iri_of = {r.key: r.node.iri for r in results}
        self.state.assign([Assignment(p.path, p.index, r.key, r.node.iri) for r in results for p in r.places],
                          fresh=fresh)
        self.state.set_nodes(group, [NodeRow(r.key, r.node.iri, r.node.resolved, bool(r.node.disputed),
                                             node_digest(r.node, r.places, iri_of, self.files),
                                             named_issuer(r.node.issuer)) for r in results],
                             fresh=fresh)
        return results

    def extraction(self, path: str) -> Extraction:
        return cached_extraction(str(self.root), path, self.files[path].sha)

    def summary(self, quads: int, extracted: int = 0, removed: int = 0, unchanged: bool = False) -> BuildSummary:
        f = self.state.figures()
        return BuildSummary(documents=f.documents, failed=tuple(self.failed), references=f.references,
                            resolved_references=f.resolved, unresolved_references=f.references - f.resolved,
                            conflicts=f.conflicts, nodes=f.nodes, triples=quads, extracted=extracted,
                            removed=removed, unchanged=unchanged, seconds=tuple(self.seconds.items()))

    def publish(self, stamp: str, tmp: Path, quads: int, extracted: int, removed: int = 0,
                changes: bytes | None = None) -> BuildSummary:
        """Make the new build current, with the state that describes it committed just before, and
        beside it what it changed against the build before (``changes``, see kg.build.status)."""
        self.state.put("build", stamp)
        self.state.set_notes(self.notes)
        self.state.put("version", extractor_version())
        self.state.put("schema", SCHEMA_VERSION)
        self.progress("publish", 0, 1, "making the new graph current")
        summary = self.summary(quads, extracted=extracted, removed=removed)
        publish(self.root, stamp, tmp, summary.as_dict(), before_swap=self.state.commit,
                sidecars={CHANGES: lambda: changes} if changes is not None else None)
        self.cache.prune()
        return summary
