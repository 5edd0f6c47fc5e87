"""Whether a document is still in force, and what settles it (`kg status`): read from the status
graph a build computes (kg.graph.status) through the named query `status`."""

from __future__ import annotations

import json
from dataclasses import dataclass

from kg.reports.text import clip
from kg.sparql.query import Endpoint, Term, load_query


@dataclass(frozen=True, slots=True)
class Settling:
    """A document and the quote that settle a status."""

    document: str  # IRI
    identifier: str | None
    relation: str  # replaces, repeals, amends, entersIntoForce
    date: str | None  # the day it takes effect
    part: str | None  # the part it ends ("khoản 1 Điều 3")
    quote: str
    source: str | None  # the file that says it

    def as_json(self) -> dict:
        # the part ended is in the quote ("Bãi bỏ khoản 1 Điều 3 ..."): the keys are those of the issue
        return {"identifier": self.identifier or self.document, "relation": self.relation, "date": self.date,
                "quote": self.quote, "source": self.source}


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    document: str  # IRI
    identifier: str | None
    status: str  # in_force, not_in_force, partly_in_force, unknown
    since: str | None
    in_force_from: str | None
    by: tuple[Settling, ...]

    def as_json(self) -> dict:
        return {"document": self.document, "identifier": self.identifier, "status": self.status,
                "since": self.since, "in_force_from": self.in_force_from, "by": [b.as_json() for b in self.by]}

    def to_json(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2)

    def to_text(self, width: int = 110) -> str:
        head = f"{self.identifier or self.document}: {_SAID[self.status]}"
        if self.since:
            head += f" since {self.since}"
        if self.in_force_from:
            head += f" (in force from {self.in_force_from})"
        lines = [head]
        for b in self.by:
            what = b.relation + (f" {b.part}" if b.part else "")
            who = "itself" if b.document == self.document else (b.identifier or b.document)
            when = f", from {b.date}" if b.date else ""
            lines.append(f"  [{what}] {who}{when}" + (f" ({b.source})" if b.source else ""))
            lines.append(f"      “{clip(' '.join(b.quote.split()), width)}”")
        if self.status == "unknown":
            lines.append("  no document of the graph says whether it is in force")
        return "\n".join(lines)


_SAID = {"in_force": "in force", "not_in_force": "no longer in force", "partly_in_force": "partly in force",
         "unknown": "unknown"}


def document_status(endpoint: Endpoint, iri: str) -> DocumentStatus:
    """The status of the document ``iri`` (a status graph holds no row for it: unknown)."""
    rows = endpoint.select(load_query("status"), {"document": Term("uri", iri)}).rows

    def value(row: dict[str, Term], name: str) -> str | None:
        return row[name].value if name in row else None

    first = rows[0] if rows else {}
    by: dict[tuple, Settling] = {}
    for r in rows:
        if "by" not in r:
            continue
        s = Settling(r["by"].value, value(r, "by_identifier"), value(r, "relation") or "", value(r, "date"),
                     value(r, "part"), value(r, "quote") or "", value(r, "file"))
        by.setdefault((s.document, s.relation, s.part, s.quote), s)
    return DocumentStatus(iri, value(first, "identifier"), value(first, "status") or "unknown",
                          value(first, "since"), value(first, "in_force_from"), tuple(by.values()))
