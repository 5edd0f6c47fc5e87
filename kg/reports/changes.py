"""What changed (`kg changes`): against the previous build (what a build kept beside it, see
kg.build.status), or since a day (the documents of the graph dated from it). For each document
whose status changed, the documents of the graph that act on it: the plans to revise."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from kg.build.status import CHANGES
from kg.build.store import sidecar_path
from kg.errors import KgError
from kg.graph.vocab import PROPERTY_RELATION, STATUS_IN_FORCE
from kg.sparql.query import Endpoint, Term, internal_query

_STATUS_OF = {v: k for k, v in STATUS_IN_FORCE.items()}


class NoChanges(KgError):
    """The store keeps no comparison with a previous build."""


@dataclass(frozen=True, slots=True)
class Doc:
    iri: str
    label: str  # its identifier, or its title
    date: str | None = None
    file: str | None = None

    def as_json(self) -> dict:
        return {"document": self.iri, "label": self.label, "date": self.date, "file": self.file}


@dataclass(frozen=True, slots=True)
class RelationChange:
    citing: Doc
    relation: str
    cited: Doc

    def as_json(self) -> dict:
        return {"citing": self.citing.as_json(), "relation": self.relation, "cited": self.cited.as_json()}


@dataclass(frozen=True, slots=True)
class StatusChange:
    document: Doc
    before: str | None  # None: since a day, what it was before is not known
    after: str
    since: str | None
    acting: tuple[Doc, ...]  # the documents of the graph that act on it

    def as_json(self) -> dict:
        return {**self.document.as_json(), "before": self.before, "after": self.after, "since": self.since,
                "acted_on_by": [a.as_json() for a in self.acting]}


@dataclass(frozen=True, slots=True)
class ChangeReport:
    against: str  # "the previous build (…)" or "documents dated from …"
    when: str  # ISO time of the build compared, or the day given
    added: tuple[Doc, ...]
    removed: tuple[Doc, ...]
    relations_added: tuple[RelationChange, ...]
    relations_removed: tuple[RelationChange, ...]
    status_changed: tuple[StatusChange, ...]

    def as_json(self) -> dict:
        return {"against": self.against, "when": self.when,
                "documents_added": [d.as_json() for d in self.added],
                "documents_removed": [d.as_json() for d in self.removed],
                "relations_added": [r.as_json() for r in self.relations_added],
                "relations_removed": [r.as_json() for r in self.relations_removed],
                "status_changed": [s.as_json() for s in self.status_changed]}

    def to_json(self) -> str:
        return json.dumps(self.as_json(), ensure_ascii=False, indent=2)

    def to_text(self) -> str:
        lines = [f"Changes against {self.against}:"]
        lines.append(f"documents added ({len(self.added)}):")
        lines += [f"  + {_shown(d)}" for d in self.added]
        lines.append(f"documents removed ({len(self.removed)}):")
        lines += [f"  - {_shown(d)}" for d in self.removed]
        lines.append(f"relations added ({len(self.relations_added)}):")
        lines += [f"  + {r.citing.label} {r.relation} {r.cited.label}" for r in self.relations_added]
        lines.append(f"relations removed ({len(self.relations_removed)}):")
        lines += [f"  - {r.citing.label} {r.relation} {r.cited.label}" for r in self.relations_removed]
        lines.append(f"status changed ({len(self.status_changed)}):")
        for s in self.status_changed:
            since = f" since {s.since}" if s.since else ""
            lines.append(f"  {_shown(s.document)}: {s.before or '?'} -> {s.after}{since}")
            if s.acting:
                lines.append("    to revise, the documents that act on it:")
                lines += [f"      {_shown(a)}" for a in s.acting]
        return "\n".join(lines)


def _shown(d: Doc) -> str:
    return d.label + (f" ({d.date})" if d.date else "") + (f" [{d.file}]" if d.file else "")


class Labels:
    """What a person knows each document by, looked up once."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.known: dict[str, Doc] = {}

    def __call__(self, iri: str) -> Doc:
        if iri not in self.known:
            rows = self.endpoint.select(internal_query("changes_label"), {"d": Term("uri", iri)}).rows
            r = rows[0] if rows else {}
            label = r["identifier"].value if "identifier" in r else r["title"].value[:80] if "title" in r else \
                iri.rsplit("/", 1)[-1]
            self.known[iri] = Doc(iri, label, r["date"].value if "date" in r else None,
                                  r["file"].value if "file" in r else None)
        return self.known[iri]

    def acting(self, iri: str) -> tuple[Doc, ...]:
        rows = self.endpoint.select(internal_query("changes_acting"), {"d": Term("uri", iri)}).rows
        return tuple(self(r["plan"].value) for r in rows)


def since_previous(store_dir: str, endpoint: Endpoint) -> ChangeReport:
    """What the last build changed against the build before it."""
    path = sidecar_path(store_dir, CHANGES)
    if path is None:
        raise NoChanges(f"the graph in {store_dir} keeps no comparison with a previous build: run kg build again")
    raw = json.loads(path.read_bytes())
    label = Labels(endpoint)
    gone = {iri: Doc(iri, iri.rsplit("/", 1)[-1]) for iri in raw["documents_removed"]}

    def doc(iri: str) -> Doc:
        return gone.get(iri) or label(iri)

    def relation(r: list[str]) -> RelationChange:
        return RelationChange(doc(r[0]), r[1], doc(r[2]))

    previous = raw["previous"] or "nothing: this is the first build of the store"
    return ChangeReport(f"the previous build ({previous})", _stamp_time(raw["build"]),
                        tuple(label(iri) for iri in raw["documents_added"]), tuple(gone.values()),
                        tuple(relation(r) for r in raw["relations_added"]),
                        tuple(relation(r) for r in raw["relations_removed"]),
                        tuple(StatusChange(label(c["document"]), c["before"], c["after"], c["since"],
                                           label.acting(c["document"])) for c in raw["status_changed"]))


def since_day(day: str, endpoint: Endpoint) -> ChangeReport:
    """The documents of the graph dated on or after ``day`` (ISO), the relations they state, and
    the documents whose status they settle."""
    label = Labels(endpoint)
    rows = endpoint.select(internal_query("changes_since"), {"since": Term("literal", day)}).rows
    docs = sorted({r["d"].value for r in rows})
    relations = sorted({(r["d"].value, PROPERTY_RELATION[r["relation"].value], r["o"].value)
                        for r in rows if "relation" in r})
    changed: dict[str, StatusChange] = {}
    for d in docs:
        for r in endpoint.select(internal_query("changes_settled"), {"d": Term("uri", d)}).rows:
            target = r["target"].value
            changed.setdefault(target, StatusChange(label(target), None,
                                                    _STATUS_OF.get(r["force"].value, "unknown"),
                                                    r["since"].value if "since" in r else None,
                                                    label.acting(target)))
    return ChangeReport(f"the documents dated before {day}", day, tuple(label(d) for d in docs), (),
                        tuple(RelationChange(label(s), p, label(o)) for s, p, o in relations), (),
                        tuple(c for _, c in sorted(changed.items())))


def _stamp_time(stamp: str) -> str:
    """A build's name ("20261206T073111-...") as an ISO time (UTC)."""
    when = dt.datetime.strptime(stamp.split("-")[0], "%Y%m%dT%H%M%S").replace(tzinfo=dt.UTC)
    return when.isoformat()


def atom(report: ChangeReport, feed_id: str) -> bytes:
    """The report as an Atom feed a feed reader follows: an entry for each document added and
    each document whose status changed (with the plans to revise)."""
    from feedgen.feed import FeedGenerator

    when = dt.datetime.fromisoformat(report.when if "T" in report.when else f"{report.when}T00:00:00+00:00")
    fg = FeedGenerator()
    fg.id(feed_id)
    fg.title("kg: what changed in the graph")
    fg.subtitle(f"Changes against {report.against}")
    fg.author({"name": "kg"})
    fg.link(href=feed_id, rel="self")
    fg.updated(when)
    for s in report.status_changed:
        e = fg.add_entry(order="append")
        e.id(f"{feed_id}#status/{when.isoformat()}/{s.document.iri}")
        e.title(f"{s.document.label}: {s.before or '?'} -> {s.after}" + (f" since {s.since}" if s.since else ""))
        e.link(href=s.document.iri)
        plans = "; ".join(_shown(a) for a in s.acting) or "none in the graph"
        e.content(f"{_shown(s.document)} is now {s.after}. Documents that act on it (to revise): {plans}.")
        e.updated(when)
    for d in report.added:
        e = fg.add_entry(order="append")
        e.id(f"{feed_id}#added/{when.isoformat()}/{d.iri}")
        e.title(f"New document: {d.label}")
        e.link(href=d.iri)
        e.content(_shown(d))
        e.updated(when)
    return fg.atom_str(pretty=True)
