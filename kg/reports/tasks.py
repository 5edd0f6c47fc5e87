"""Who must do what by when, read from the graph: the tasks of the documents, filtered the way an
official asks ("what must Phòng Giáo dục do before 30 June?", "what does this plan assign?")."""

from __future__ import annotations

from dataclasses import dataclass

from kg.read.normalize import fold, squash
from kg.reports.text import clip
from kg.sparql.query import Endpoint, Term, internal_query, text_table


@dataclass(frozen=True, slots=True)
class Assignment:
    agency: str | None
    role: str  # lead, coordinate, report
    deadline: str | None  # ISO date
    recurrence: str | None  # "yearly:month=11", "every:3 months"
    text: str
    document: str  # IRI
    identifier: str | None
    file: str | None
    task: str = ""  # IRI

    def as_json(self) -> dict:
        return {"agency": self.agency, "role": self.role, "deadline": self.deadline, "recurrence": self.recurrence,
                "text": self.text, "document": {"iri": self.document, "identifier": self.identifier,
                                                 "file": self.file}}


def assignments(endpoint: Endpoint, agency: str | None = None, due_before: str | None = None,
                document: str | None = None) -> list[Assignment]:
    """The tasks of the graph, soonest deadline first (then those without one): of agencies whose
    name holds ``agency`` (case and tone-mark placement aside), with a deadline on or before
    ``due_before`` (an ISO date; tasks without a dated deadline are then left out), of one
    ``document`` (an IRI)."""
    bindings = {"document": Term("uri", document)} if document else {}
    rows = endpoint.select(internal_query("all_tasks"), bindings).rows
    wanted = fold(agency) if agency else None
    out = []
    for r in rows:
        a = Assignment(r["agency"].value if "agency" in r else None, r["role"].value,
                       r["deadline"].value if "deadline" in r else None,
                       r["recurrence"].value if "recurrence" in r else None, r["text"].value, r["document"].value,
                       r["identifier"].value if "identifier" in r else None,
                       r["file"].value if "file" in r else None, r["task"].value)
        if wanted and (a.agency is None or wanted not in fold(a.agency)):
            continue
        if due_before and (a.deadline is None or a.deadline > due_before):
            continue
        out.append(a)
    out.sort(key=lambda a: (a.deadline is None, a.deadline or "", a.agency or "", a.document))
    return out


def to_table(found: list[Assignment], width: int = 70) -> str:
    """A table to read: deadline (or recurrence), role, agency, document, what to do."""
    if not found:
        return "(no task)"
    rows = [[a.deadline or (a.recurrence or "—").replace("yearly:month=", "yearly, month ").replace("every:", "every "),
             a.role, a.agency or "?", a.identifier or a.file or "?", clip(squash(a.text), width)] for a in found]
    return text_table(["deadline", "role", "agency", "document", "task"], rows, width=200, noun="task")
