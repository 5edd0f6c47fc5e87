"""Which documents of the graph are no longer in force, or only partly: read from the status graph a
build computes (kg.graph.status). The reports and the page mark them."""

from __future__ import annotations

from dataclasses import dataclass

from kg.graph.vocab import STATUS_IN_FORCE
from kg.sparql.query import Endpoint, internal_query

_STATUS_OF = {v: k for k, v in STATUS_IN_FORCE.items()}


@dataclass(frozen=True, slots=True)
class Force:
    """A document no longer in force, or only partly: since when, and by which documents."""

    status: str  # not_in_force, partly_in_force
    since: str | None
    by: tuple[str, ...]  # the identifiers (or IRIs) of the documents that end it

    def as_json(self) -> dict:
        return {"status": self.status, "since": self.since, "by": list(self.by)}

    def mark(self) -> str:
        """What a reader sees beside the document: "⚠ no longer in force since 2025-12-05 (by 44/2025/QĐ-UBND)"."""
        said = "no longer in force" if self.status == "not_in_force" else "partly repealed"
        return f"⚠ {said}" + (f" since {self.since}" if self.since else "") + \
            (f" (by {', '.join(self.by)})" if self.by else "")


def not_in_force(endpoint: Endpoint) -> dict[str, Force]:
    """Every document of the graph that is no longer in force, or only partly: by IRI."""
    found: dict[str, tuple[str, str | None, dict[str, None]]] = {}
    for r in endpoint.select(internal_query("not_in_force"), {}).rows:
        status = _STATUS_OF.get(r["force"].value, "unknown")
        entry = found.setdefault(r["document"].value, (status, r["since"].value if "since" in r else None, {}))
        if "by" in r:
            entry[2][r["by_identifier"].value if "by_identifier" in r else r["by"].value] = None
    return {iri: Force(status, since, tuple(sorted(by))) for iri, (status, since, by) in found.items()}
