"""Across documents: one node per real document.

A document is its issuer, type, number, symbol and year: "3380/QĐ-UBND" of An Lão and of another
district are two documents (symbols like QĐ-UBND are shared by every people's committee in the
country). The same document cited by five plans with different detail is one node with all the
facts. A citation that lacks its date or issuer joins the one known document it can only be, and
stays a separate node marked unresolved when it could be several. Names without a number resolve
through the catalogue of central directives ("Nghị quyết Trung ương 8 khóa XI" is 29-NQ/TW).
Facts that disagree are kept with their sources (in each source's named graph) and listed by the
conflicts query; the merged view takes the document's own header, then the catalogue's verified
facts, then what most sources say.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from kg.extract.cite import catalog_named
from kg.extract.symbols import identifier_key, year_of_number
from kg.extract.tables import CatalogEntry, catalog
from kg.graph.vocab import DATA
from kg.model import Agency, Compact, Extraction, Reference
from kg.read.normalize import fold, strip_accents


def slug(text: str, limit: int = 60) -> str:
    """An ASCII name for an IRI: "Ủy ban nhân dân huyện An Lão" -> "uy-ban-nhan-dan-huyen-an-lao"."""
    s = re.sub(r"[^a-z0-9]+", "-", strip_accents(text)).strip("-")
    return s[:limit].rstrip("-") or "x"


def agency_slug(a: Agency) -> str:
    """The agency's name for IRIs and identity. A district or commune body's name repeats across
    the country ("Ủy ban nhân dân huyện Châu Thành" is in five provinces; "xã Tân Phú" in dozens),
    so its district and province are part of it: "uy-ban-nhan-dan-huyen-an-lao--hai-phong"."""
    return _agency_slug(a.name, a.level, a.province, a.unit.district if a.unit is not None else None)


@lru_cache(maxsize=65536)
def _agency_slug(name: str, level: str | None, province: str | None, district: str | None) -> str:
    s = slug(name, 90)
    if level not in ("central", "provincial") and province:
        where = [slug(district)] if level == "commune" and district and slug(district) not in s else []
        if slug(province) not in s:
            where.append(slug(province))
        if where:
            s += "--" + "-".join(where)
        # "xã Hoằng Phú" and "xã Hoằng Phụ" of one district are both "hoang-phu" without their
        # accents: the body of such a place keeps a mark of its accented name
        name_slug = f"-{slug(name, 90)}-"
        if any(f"-{place}-" in name_slug for place in _ambiguous_places().get(slug(province), ())):
            s += "-" + hashlib.sha256(fold(name).encode("utf-8")).hexdigest()[:6]
    return s


@lru_cache(maxsize=1)
def _ambiguous_places() -> dict[str, frozenset[str]]:
    """For each province (by slug), the names of its districts and communes, with their designator,
    that two places share once their accents are gone ("xa-hoang-phu": xã Hoằng Phú and xã Hoằng
    Phụ), in either era."""
    from kg.extract.places import gazetteer

    seen: dict[tuple[str, str], set[str]] = {}
    g = gazetteer()
    for era in ("legacy", "2025"):
        for level in ("district", "commune"):
            for u in g.units(era, level):  # type: ignore[arg-type]
                seen.setdefault((slug(u.province), slug(f"{u.designator} {u.name}")), set()).add(fold(u.name))
    out: dict[str, set[str]] = {}
    for (province, place), names in seen.items():
        if len(names) > 1:
            out.setdefault(province, set()).add(place)
    return {province: frozenset(places) for province, places in out.items()}


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]




@dataclass(frozen=True, slots=True)
class Claim(Compact):
    """What one source (or the catalogue) says about a document."""

    source: str | None  # the file's name; None for the catalogue
    identifier: str | None
    type: str
    number: str | None
    symbol: str | None
    date: str | None
    title: str | None
    issuer: Agency | None
    own: bool = False  # the source *is* this document
    catalog: CatalogEntry | None = None
    named: bool = False  # named without a number

    @property
    def year(self) -> str | None:
        return year_of_number(self.identifier) or (self.date[:4] if self.date else None)

    @property
    def issuer_key(self) -> str | None:
        return agency_slug(self.issuer) if self.issuer is not None and self.issuer.level is not None else None


@dataclass
class Node:
    """One real document (or an unresolved citation), with every claim made about it."""

    key: str
    iri: str
    claims: list[Claim] = field(default_factory=list)
    resolved: bool = True
    candidates: list[str] = field(default_factory=list)  # keys of the documents it could be
    source_name: str | None = None  # for a corpus document without a number of its own

    @property
    def disputed(self) -> tuple[str, ...]:
        """The facts that two source files give differently (the catalogue does not count)."""
        dates = {c.date for c in self.claims if c.source is not None and c.date and len(c.date) == 10}
        return ("date",) if len(dates) > 1 else ()

    def _pick(self, values: Sequence[str | None]) -> str | None:
        present = [v for v in values if v]
        return Counter(present).most_common(1)[0][0] if present else None

    @property
    def own(self) -> list[Claim]:
        return [c for c in self.claims if c.own]

    @property
    def catalog(self) -> CatalogEntry | None:
        return next((c.catalog for c in self.claims if c.catalog is not None), None)

    @property
    def identifier(self) -> str | None:
        return self._pick([c.identifier for c in self.own]) or self._pick([c.identifier for c in self.claims])

    @property
    def type(self) -> str:
        return (self._pick([c.type for c in self.own]) or self._pick([c.type for c in self.claims if not c.named])
                or self._pick([c.type for c in self.claims]) or "Other")

    @property
    def number(self) -> str | None:
        return self._pick([c.number for c in self.claims])

    @property
    def symbol(self) -> str | None:
        return self._pick([c.symbol for c in self.own]) or self._pick([c.symbol for c in self.claims])

    @property
    def date(self) -> str | None:
        own = self._pick([c.date for c in self.own])
        if own:
            return own
        entry = self.catalog
        if entry is not None and "date" in entry.verified:
            return entry.date
        full = [c.date for c in self.claims if c.date and len(c.date) == 10]
        return self._pick(full) or self._pick([c.date for c in self.claims])

    @property
    def title(self) -> str | None:
        own = self._pick([c.title for c in self.own])
        if own:
            return own
        entry = self.catalog
        if entry is not None and entry.title:
            return entry.title
        named = [c.title for c in self.claims if c.named and c.title]
        return named[0] if named else next((c.title for c in self.claims if c.title), None)

    @property
    def issuer(self) -> Agency | None:
        for group in (self.own, [c for c in self.claims if c.catalog is not None], self.claims):
            agencies = [c.issuer for c in group if c.issuer is not None and c.issuer.level is not None]
            if agencies:
                return Counter(agencies).most_common(1)[0][0]
        return None

    @property
    def sources(self) -> list[str]:
        return sorted({c.source for c in self.claims if c.source})

    @property
    def own_sources(self) -> list[str]:
        return sorted({c.source for c in self.own if c.source})


@dataclass(frozen=True, slots=True)
class Resolution:
    """Every document node, and which node each part of each extraction names."""

    nodes: dict[str, Node]
    own: list[str]  # per extraction: its own document's key
    references: list[list[str]]  # per extraction, per reference: a key
    relations: list[list[tuple[str, str, str] | None]]  # per extraction, per nested relation

    def node(self, key: str) -> Node:
        return self.nodes[key]

    @property
    def unresolved(self) -> list[Node]:
        return [n for n in self.nodes.values() if not n.resolved]


def _claim_of_reference(r: Reference, source: str) -> Claim:
    # the graph names one issuer per document: a joint one's lead body
    return Claim(source, r.identifier, r.type, r.number, r.symbol, r.date, r.title,
                 r.issuer.lead if r.issuer is not None else None, named=r.identifier is None)


def _claim_of_document(x: Extraction) -> Claim:
    d = x.document
    return Claim(x.source.name, d.identifier, d.type, d.number, d.symbol, d.date, d.title, d.issuer, own=True)


def _claim_of_entry(e: CatalogEntry) -> Claim:
    issuer = Agency(e.issuer, "central", None, "party" if "/TW" in e.identifier else "state")
    number = re.match(r"\d+", e.identifier)
    symbol = re.sub(r"^\d+(?:/(?:19|20)\d\d)?[-/]", "", e.identifier)
    return Claim(None, e.identifier, e.type, number.group() if number else None, symbol, e.date,
                 e.title or None, issuer, catalog=e)


#: The phases in which claims join a group (the order matters: the first claim names a node).
TEXT, CATALOG, ALIAS = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Group:
    """The claims that may name the same document, resolved together: those on one number and
    symbol (``id``), the claims of one file that has no number of its own (``file``: its name and
    content), or those on one name without a number (``named``)."""

    kind: Literal["id", "file", "named"]
    value: str

    @property
    def text(self) -> str:
        """As the build's state stores it ("id:29-NQ/TW")."""
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, text: str) -> Group:
        kind, _, value = text.partition(":")
        if kind not in ("id", "file", "named"):
            raise ValueError(f"not a group: {text!r}")
        return cls(kind, value)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class GroupedClaim:
    """A claim, the group it joins, its phase, and its place in its extraction: the index of the
    reference, -1 for the document itself (the catalogue's claims: the entry's index)."""

    group: Group
    phase: int
    index: int
    claim: Claim


@dataclass(frozen=True, slots=True)
class Resolved[W]:
    """A document node of a group, with where each of its claims sits (``W``: what the caller
    gave for each claim), in the order of the node's claims."""

    key: str
    node: Node
    places: list[W]


def claims_of(x: Extraction) -> list[GroupedClaim]:
    """Every claim one extraction makes.

    Resolution works group by group: a claim can only join a node of its own group, so that
    rebuilding after one file changed resolves only the groups that file names."""
    out: list[GroupedClaim] = []
    name = x.source.name
    if x.document.identifier is None:
        out.append(GroupedClaim(Group("file", f"{name}\x1f{x.source.sha256[:8]}"), TEXT, -1, _claim_of_document(x)))
    else:
        out.append(GroupedClaim(Group("id", identifier_key(x.document.identifier)), TEXT, -1, _claim_of_document(x)))
    for j, r in enumerate(x.references):
        if r.identifier is not None:
            out.append(GroupedClaim(Group("id", identifier_key(r.identifier)), TEXT, j, _claim_of_reference(r, name)))
        elif r.aliases:
            # a name the catalogue resolves ("Nghị quyết Trung ương 8 khóa XI") is a claim on that number
            claim = Claim(name, None, r.type, None, None, None, r.title, None, named=True)
            out.append(GroupedClaim(Group("id", identifier_key(r.aliases[0])), ALIAS, j, claim))
        else:
            owner = catalog_named(r.title or "")
            out.append(GroupedClaim(Group("named", owner or (r.type + ":" + fold(r.title or "")[:80])), TEXT, j,
                                    _claim_of_reference(r, name)))
    return out


def catalog_claims() -> list[GroupedClaim]:
    """The catalogue's claims, as claims_of gives a file's (the index is the entry's)."""
    return [GroupedClaim(Group("id", identifier_key(e.identifier)), CATALOG, n, _claim_of_entry(e))
            for n, e in enumerate(catalog())]


def resolve_group[W](group: Group, claims: Sequence[Claim], places: Sequence[W]) -> list[Resolved[W]]:
    """The nodes of one group, from its claims in order (by phase, then file, then position) and
    where each sits."""
    if group.kind == "file":
        name, sha = group.value.split("\x1f")
        node = Node(group.text, f"{DATA}doc/file/{slug(name)}-{sha}", list(claims), source_name=name)
        return [Resolved(group.text, node, list(places))]
    if group.kind == "named":
        first = claims[0]
        node = Node(group.text, f"{DATA}doc/named/{slug(first.title or first.type, 50)}-{_digest(group.text)}",
                    list(claims))
        return [Resolved(group.text, node, list(places))]
    return [Resolved(key, node, [where for _, where in members])
            for key, node, members in _clusters(group.value, list(zip(claims, places, strict=True)))]


def relation_keys(x: Extraction, ref_keys: list[str]) -> list[tuple[str, str, str] | None]:
    """The nodes each relation the text states between two other documents joins (None: an end
    the text does not cite)."""
    by_name: dict[str, str] = {}
    for j, r in enumerate(x.references):
        for name in (r.identifier, r.title, *r.aliases):
            if name:
                by_name.setdefault(name, ref_keys[j])
    rels: list[tuple[str, str, str] | None] = []
    for rel in x.relations:
        src = by_name.get(rel.source)
        dst = by_name.get(rel.target or "") or by_name.get(rel.target_title or "")
        rels.append((src, rel.relation, dst) if src and dst and src != dst else None)
    return rels


def resolve(extractions: list[Extraction], with_catalog: bool = True) -> Resolution:
    """Group every claim of every extraction (and of the catalogue) into document nodes."""
    groups: dict[Group, list[tuple[int, int, int, Claim]]] = {}
    for i, x in enumerate(extractions):
        for g in claims_of(x):
            groups.setdefault(g.group, []).append((g.phase, i, g.index, g.claim))
    if with_catalog:
        for g in catalog_claims():
            groups.setdefault(g.group, []).append((g.phase, -1, g.index, g.claim))
    nodes: dict[str, Node] = {}
    own_keys: list[str] = [""] * len(extractions)
    ref_keys: list[list[str]] = [[""] * len(x.references) for x in extractions]
    for group, members in groups.items():
        members.sort(key=lambda m: m[:3])
        for found in resolve_group(group, [c for *_, c in members], [(i, j) for _, i, j, _ in members]):
            nodes[found.key] = found.node
            for i, j in found.places:
                if i < 0:
                    continue
                if j < 0:
                    own_keys[i] = found.key
                else:
                    ref_keys[i][j] = found.key
    relations = [relation_keys(x, ref_keys[i]) for i, x in enumerate(extractions)]
    return Resolution(nodes, own_keys, ref_keys, relations)


@dataclass
class _Cluster[W]:
    """The claims on one number that name one document: its issuer and year as far as known."""

    issuer: str | None
    year: str | None
    members: list[tuple[Claim, W]] = field(default_factory=list)


class _Clusters[W]:
    """The clusters of one number and symbol, indexed by issuer, by year and by both (None stands
    for "not known yet"), so that a number shared by thousands of plans ("1/KH-UBND") is not
    compared claim by cluster."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster[W]] = []
        self.by_issuer: dict[str | None, list[int]] = {}
        self.by_year: dict[str | None, list[int]] = {}
        self.by_both: dict[tuple[str | None, str | None], list[int]] = {}

    def _index(self, k: int, add: bool) -> None:
        cl = self.clusters[k]
        for ks in (self.by_issuer.setdefault(cl.issuer, []), self.by_year.setdefault(cl.year, []),
                   self.by_both.setdefault((cl.issuer, cl.year), [])):
            if add:
                ks.append(k)
            else:
                ks.remove(k)

    def fitting(self, issuer: str | None, year: str | None) -> list[int]:
        """The clusters a claim of this issuer and year may join: the one that has both, or those
        that do not contradict it."""
        exact = self.by_both.get((issuer, year), [])
        if exact:
            return exact[:1]
        if issuer is not None:
            near = self.by_issuer.get(issuer, []) + self.by_issuer.get(None, [])
        elif year is not None:
            near = self.by_year.get(year, []) + self.by_year.get(None, [])
        else:
            near = list(range(len(self.clusters)))
        return sorted(k for k in near
                      if (issuer is None or self.clusters[k].issuer in (None, issuer))
                      and (year is None or self.clusters[k].year in (None, year)))

    def new(self, issuer: str | None, year: str | None) -> int:
        self.clusters.append(_Cluster(issuer, year))
        self._index(len(self.clusters) - 1, add=True)
        return len(self.clusters) - 1

    def join(self, k: int, item: tuple[Claim, W]) -> None:
        """Add a claim to a cluster, which learns its issuer and year if it did not know them."""
        cl, c = self.clusters[k], item[0]
        issuer, year = c.issuer_key, c.year
        if (cl.issuer is None and issuer is not None) or (cl.year is None and year is not None):
            self._index(k, add=False)
            cl.issuer = cl.issuer or issuer
            cl.year = cl.year or year
            self._index(k, add=True)
        cl.members.append(item)


def _rank(c: Claim) -> tuple[int, int]:
    """The order claims join clusters: the documents' own headers, the catalogue, then the
    citations, those that know more first."""
    known = (c.issuer_key is not None) + (c.year is not None)
    return (0 if c.own else 1 if c.catalog else 2, -known)


def _clusters[W](core: str, claims: list[tuple[Claim, W]]) -> list[tuple[str, Node, list[tuple[Claim, W]]]]:
    """Split the claims on one number/symbol into documents (by issuer and year); a claim that
    could be several of them stays a node of its own, unresolved, with them as candidates."""
    index: _Clusters[W] = _Clusters()
    unresolved: list[tuple[Claim, W, list[int]]] = []
    for item in sorted(claims, key=lambda item: _rank(item[0])):
        c = item[0]
        fitting = index.fitting(c.issuer_key, c.year)
        if len(fitting) > 1:
            unresolved.append((c, item[1], fitting))
            continue
        index.join(fitting[0] if fitting else index.new(c.issuer_key, c.year), item)
    out: list[tuple[str, Node, list[tuple[Claim, W]]]] = []
    keys = []
    for cl in index.clusters:
        first = cl.members[0][0]
        key = f"doc:{core}|{cl.issuer or ''}|{cl.year or ''}"
        iri = f"{DATA}doc/{cl.issuer or 'unknown-issuer'}/{slug(first.identifier or core)}"
        if cl.year and not year_of_number(first.identifier):
            iri += f"-{cl.year}"
        keys.append(key)
        out.append((key, Node(key, iri, [m[0] for m in cl.members]), cl.members))
    for n, (c, where, fitting) in enumerate(unresolved):
        key = f"unresolved:{core}|{c.source}|{n}"
        iri = f"{DATA}doc/unresolved/{slug(core)}-{_digest(key)}"
        out.append((key, Node(key, iri, [c], resolved=False, candidates=[keys[k] for k in fitting]), [(c, where)]))
    return out
