"""What a build reports: the summary kept beside the build and printed by `kg build`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.errors import KgError

#: Told of each step of a build: (stage, done, total, what); "extract" and "files" once per file.
Progress = Callable[[str, int, int, str], None]


class NothingToBuild(KgError):
    """No document under the paths given could be read."""


def nothing_to_build(paths: list[str], failed: list[str]) -> str:
    reasons = "; ".join(failed[:3]) if failed else "no document (.txt, .md, .docx, .pdf, .html) found"
    return f"nothing to build from {' '.join(paths)}: {reasons}"


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

    def as_dict(self) -> dict[str, Any]:
        return {"documents": self.documents, "failed": list(self.failed), "references": self.references,
                "resolved_share": round(self.resolved_share, 4), "unresolved_references": self.unresolved_references,
                "conflicts": self.conflicts, "document_nodes": self.nodes, "quads": self.triples,
                "extracted": self.extracted, "removed": self.removed, "unchanged": self.unchanged,
                "seconds": {stage: round(t, 2) for stage, t in self.seconds}}

    def lines(self) -> list[str]:
        read = f"documents: {self.documents}" + (f" ({len(self.failed)} could not be read)" if self.failed else "")
        if self.unchanged:
            read += " (nothing changed since the last build)"
        else:
            read += f" ({self.extracted} extracted" + (f", {self.removed} removed" if self.removed else "") + ")"
        return [read,
                f"references: {self.references}, resolved: {100 * self.resolved_share:.1f}%, "
                f"unresolved: {self.unresolved_references}",
                f"conflicting facts: {self.conflicts} documents with two dates",
                f"graph: {self.nodes} document nodes, {self.triples} quads"]
