"""``kg build``: extract every file, resolve, load into the store; report what was built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .errors import KgError, ReadError
from .extract import extract
from .graph import Edges, quads
from .model import Extraction
from .read import iter_paths, read_source
from .resolve import Resolution, resolve
from .store import write_store


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

    @property
    def resolved_share(self) -> float:
        return self.resolved_references / self.references if self.references else 1.0

    def as_dict(self) -> dict:
        return {"documents": self.documents, "failed": list(self.failed), "references": self.references,
                "resolved_share": round(self.resolved_share, 4), "unresolved_references": self.unresolved_references,
                "conflicts": self.conflicts, "document_nodes": self.nodes, "quads": self.triples}

    def lines(self) -> list[str]:
        out = [f"documents: {self.documents}" + (f" ({len(self.failed)} could not be read)" if self.failed else ""),
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


def build(paths: list[str], store_dir: str, out: str | None = None,
          progress: Progress | None = None) -> BuildSummary:
    """Build the graph of the documents under ``paths`` into the store at ``store_dir``.

    The previous graph stays current until the new one is complete; when no file at all can be
    read, nothing is replaced.
    """
    failed: list[str] = []
    extractions = extract_all(paths, progress, failed)
    if not extractions:
        reasons = "; ".join(failed[:3]) if failed else "no .txt or .md file found"
        raise NothingToBuild(f"nothing to build from {' '.join(paths)}: {reasons}")
    if progress is not None:
        progress("resolve", 0, 1, f"{len(extractions)} documents")
    resolution = resolve(extractions)
    if progress is not None:
        progress("store", 0, 1, f"{len(resolution.nodes)} document nodes")
    return write_graph(store_dir, extractions, resolution, failed, out)


def write_graph(store_dir: str, extractions: list[Extraction], resolution: Resolution, failed: list[str] | None = None,
                out: str | None = None) -> BuildSummary:
    """Write the graph of resolved extractions as the store's new build, with the page's view
    beside it (kg viz reads that instead of querying every document)."""
    failed = failed or []
    edges: Edges = {}  # filled as the quads are written, for the page's view

    def page_view() -> bytes:
        from .viz import save_view, view_of_build

        return save_view(view_of_build(extractions, resolution, edges))

    _, count = write_store(store_dir, quads(extractions, resolution, edges),
                           lambda n: summarize(extractions, resolution, failed, n).as_dict(), trig=out,
                           sidecars={"view.json": page_view})
    return summarize(extractions, resolution, failed, count)
