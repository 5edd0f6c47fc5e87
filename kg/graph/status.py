"""The status of every document, from what the documents of the graph say: in force, no longer in
force (replaced or repealed: by which document, from which day), partly in force (some of its
parts ended), or unknown (no text of the graph speaks of its force: nothing is assumed).

Computed when the graph is built, from the whole graph (a document's status depends on others: a
replacing document that comes or goes rewrites it), and written as the named graph
``graph/status`` in ELI's terms, each status with the evidence that settles it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode

from kg.graph.quads import QuadWriter, date_literal, text
from kg.graph.vocab import DATA, ELI, KG, PROPERTY_RELATION, RDF, STATUS_IN_FORCE

STATUS_GRAPH = NamedNode(f"{DATA}graph/status")
#: The relations that end a document's force, whole or in part.
ENDING = ("replaces", "repeals")


@dataclass(frozen=True, slots=True, order=True)
class Act:
    """What one document says of the force of one (itself, for its own entry into force)."""

    kind: str  # entry (its own entry into force), change (kg:Change), edge (of the merged view)
    acting: str  # the IRI of the document that says it
    target: str  # the IRI of the document whose force it speaks of
    relation: str  # entersIntoForce, replaces, repeals, amends
    part: str | None  # the part ended ("khoản 1 Điều 3"); None: the whole document
    date: str | None  # the day it takes effect as the text states it
    quote: str
    source: str  # the IRI of the source file


@dataclass(frozen=True, slots=True)
class Settled:
    """An act with the day it takes effect (its own, or the acting document's entry into force)."""

    act: Act
    date: str | None


@dataclass(frozen=True, slots=True)
class Status:
    document: str
    status: str  # in_force, not_in_force, partly_in_force
    since: str | None  # the day it is no longer in force
    in_force_from: str | None  # the day its own text says it takes effect
    by: tuple[Settled, ...]


def statuses(acts: Iterable[Act]) -> list[Status]:
    """The status of every document some act speaks of. An edge of the merged view between two
    documents of which a change is stated too gives way to the change (it knows the part and the
    day; relate reads "bãi bỏ khoản 2 Điều 1 ..." as amends)."""
    acts = sorted(set(acts))
    changed = {(a.acting, a.target) for a in acts if a.kind == "change"}
    entry: dict[str, str] = {}
    for a in acts:
        if a.relation == "entersIntoForce" and a.date:
            entry[a.acting] = min(a.date, entry.get(a.acting, a.date))
    by_target: dict[str, list[Settled]] = {}
    for a in acts:
        if a.kind == "edge" and (a.acting, a.target) in changed:
            continue
        by_target.setdefault(a.target, []).append(Settled(a, a.date or entry.get(a.acting)))
    return [_status(target, settled, entry.get(target)) for target, settled in sorted(by_target.items())]


def _status(target: str, settled: list[Settled], own_entry: str | None) -> Status:
    whole = [s for s in settled if s.act.relation in ENDING and s.act.part is None and s.act.acting != target]
    partial = [s for s in settled if s.act.relation in ENDING and s.act.part is not None]
    if whole:
        # settled by the documents that end it; the amendments before are history, not why
        dates = [s.date for s in whole if s.date]
        return Status(target, "not_in_force", min(dates) if dates else None, own_entry, tuple(whole))
    if partial:
        return Status(target, "partly_in_force", None, own_entry, tuple(settled))
    return Status(target, "in_force", None, own_entry, tuple(settled))


def evidence_iri(document: str, s: Settled) -> str:
    key = f"{document} {s.act.acting} {s.act.relation} {s.act.part or ''} {s.act.source}"
    return f"{DATA}status/{hashlib.md5(key.encode()).hexdigest()}"


def status_quads(w: QuadWriter, found: Iterable[Status]) -> None:
    """The named graph graph/status: each document's ELI status and dates, and what settles it."""
    g = STATUS_GRAPH
    for st in found:
        w.add(st.document, ELI.in_force, STATUS_IN_FORCE[st.status], g)
        if st.in_force_from:
            w.add(st.document, ELI.first_date_entry_in_force, date_literal(st.in_force_from), g)
        if st.since:
            w.add(st.document, ELI.date_no_longer_in_force, date_literal(st.since), g)
        for s in st.by:
            iri = evidence_iri(st.document, s)
            w.add(st.document, KG.statusBy, iri, g)
            w.add(iri, RDF.type, KG.StatusEvidence, g)
            w.add(iri, KG.citing, s.act.acting, g)
            w.add(iri, KG.relation, KG[s.act.relation], g)
            w.add(iri, KG.quote, text(s.act.quote), g)
            w.add(iri, KG.sourceFile, s.act.source, g)
            if s.act.part:
                w.add(iri, KG.part, text(s.act.part), g)
            if s.date:
                w.add(iri, KG.effectiveDate, date_literal(s.date), g)


def relation_name(iri: str) -> str:
    return "entersIntoForce" if iri == KG.entersIntoForce else PROPERTY_RELATION[iri]
