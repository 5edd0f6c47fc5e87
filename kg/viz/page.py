"""``kg viz``: the graph as one self-contained HTML page (pyvis, vis-network inlined, no network).

Documents sit in bands by level (central at the top, then province, district, commune), each
province a column through the bands so that a cascade reads top to bottom; agencies are diamonds
above their documents; arrows run from the acting document up to the directive, styled by
relation. Positions are computed here and physics is off: vis-network's own layout takes minutes
on thousands of nodes (measured: ../shared/notes/measured.md). A large graph opens with its
district and commune documents gathered into one node per province and level, expanded on click.

Everything a page shows comes from the graph's data as JSON (every "<" escaped), and the page's
script only ever sets text, never HTML: a title that contains markup is shown as text.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyvis
from pyvis.network import Network

from kg.errors import KgError
from kg.extract.tables import doc_types
from kg.files import WriteError, write_file, write_text
from kg.graph.quads import edge_iri
from kg.graph.vocab import CLASS_TYPE, NODE_LEVEL, PROPERTY_RELATION
from kg.html import environment, script_json
from kg.read.normalize import strip_accents
from kg.sparql.force import not_in_force
from kg.sparql.query import Endpoint, internal_query

#: Above this many documents the page opens with district and commune documents gathered by
#: province (measured: 20,000 positioned documents take 7.7 s to show in headless Chromium).
COLLAPSE_ABOVE = 3000
#: Above this many documents the whole graph is no picture a person can read at once (the 298
#: documents of the shared corpus cite 2,365: one smear a few pixels high): the page opens on the
#: diagram of the most implemented directive, and its overview shows groups with their counts.
DIAGRAM_ABOVE = 300
#: Relations by which a document carries out another: what "most implemented" counts.
CARRIES_OUT = ("implements", "continues")
#: Directives offered in the page's list to open a diagram on.
TOP_DIRECTIVES = 10

#: Bands from the top. A document whose issuer is unknown is mostly a scheme or programme named by
#: its title ("Đề án ...") that plans carry out: it sits above the central band, arrows pointing up.
LEVELS = ("unknown", "central", "provincial", "district", "commune")
LEVEL_LABELS = {"central": "Trung ương · central", "provincial": "Tỉnh · province", "district": "Huyện · district",
                "commune": "Xã · commune", "unknown": "Chưa rõ cấp · level unknown"}
#: A colour for each document type of data/doctypes.toml; a type given none here is drawn grey.
_COLOURS = {
    "Resolution": "#c62828", "Conclusion": "#ad1457", "Directive": "#6a1b9a", "Decision": "#1565c0",
    "Plan": "#2e7d32", "Program": "#00838f", "Project": "#558b2f", "Strategy": "#4e342e", "Law": "#283593",
    "Decree": "#37474f", "Circular": "#0277bd", "Notice": "#ef6c00", "OfficialLetter": "#8d6e63",
    "Dispatch": "#d84315", "Guidance": "#00695c", "Report": "#757575", "Submission": "#9e9d24",
    "Regulation": "#5d4037",
}
TYPE_COLORS = {t: _COLOURS.get(t, "#9e9e9e") for t in doc_types().names()}
#: How each relation is drawn (colour, width, dashes) and read.
RELATION_STYLES = {
    "implements": {"color": "#1a237e", "width": 2.0, "dashes": False, "vi": "thực hiện"},
    "continues": {"color": "#6a1b9a", "width": 2.0, "dashes": False, "vi": "tiếp tục thực hiện"},
    "reviews": {"color": "#00838f", "width": 2.0, "dashes": False, "vi": "sơ kết, tổng kết"},
    "promulgates": {"color": "#ef6c00", "width": 2.0, "dashes": False, "vi": "ban hành kèm theo"},
    "basedOn": {"color": "#546e7a", "width": 1.2, "dashes": [8, 4], "vi": "căn cứ"},
    "guides": {"color": "#2e7d32", "width": 1.2, "dashes": [8, 4], "vi": "hướng dẫn"},
    "amends": {"color": "#c62828", "width": 1.2, "dashes": [4, 4], "vi": "sửa đổi, bổ sung"},
    "replaces": {"color": "#b71c1c", "width": 1.2, "dashes": [4, 4], "vi": "thay thế"},
    "repeals": {"color": "#880e4f", "width": 1.2, "dashes": [4, 4], "vi": "bãi bỏ"},
    "cites": {"color": "#b0bec5", "width": 0.8, "dashes": [2, 4], "vi": "dẫn chiếu"},
    "issues": {"color": "#cfd8dc", "width": 0.6, "dashes": False, "vi": "cơ quan ban hành"},
}
FONT = "DejaVu Sans, Noto Sans, Arial, sans-serif"

# Layout, in vis-network's units
DX, DY = 220, 90  # between documents of a block
PER_ROW = 6  # documents in a row of a block
GAP = 120  # between province columns
BAND_GAP = 260  # between bands


class VizError(KgError):
    """The page cannot be written."""


@dataclass
class PageDocument:
    iri: str
    type: str
    identifier: str | None
    title: str | None
    date: str | None
    issuer: str | None  # agency IRI
    level: str
    province: str | None
    own: str | None  # the file the document was read from, when in the corpus
    sources: list[str]
    x: float = 0.0
    y: float = 0.0
    group: int | None = None
    force: str | None = None  # "⚠ no longer in force since ... (by ...)": see kg status


@dataclass
class PageAgency:
    iri: str
    name: str
    level: str
    province: str | None
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class PageEdge:
    source: int  # document index
    target: int
    relation: str
    quote: str | None
    sources: tuple[str, ...]


@dataclass
class PageGraph:
    documents: list[PageDocument]
    agencies: list[PageAgency]
    edges: list[PageEdge]
    bands: list[tuple[str, float]] = field(default_factory=list)  # (label, y)
    groups: list[dict] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PageSummary:
    path: str
    documents: int
    agencies: int
    edges: int
    collapsed: bool
    size: int
    opens_on: str | None = None  # the label of the document whose diagram the page opens on


def _level(term: str | None) -> str:
    return NODE_LEVEL.get(term or "", "unknown")


def read_graph(endpoint: Endpoint) -> PageGraph:
    """Every document, issuing agency and relation of the merged view, read with SPARQL (the view a
    build keeps beside the store, load_view, holds the same and is read in a fraction of the time)."""
    def rows(name: str) -> list[dict]:
        return endpoint.select(internal_query(name), {}).rows

    agencies: dict[str, PageAgency] = {}
    for r in rows("viz_agencies"):
        a = PageAgency(r["agency"].value, r["name"].value, _level(r["level"].value if "level" in r else None),
                       r["province"].value if "province" in r else None)
        if a.iri not in agencies or a.name < agencies[a.iri].name:
            agencies[a.iri] = a
    own: dict[str, str] = {}
    file_of: dict[str, str] = {}
    for r in rows("viz_sources"):
        file_of[r["source"].value] = r["file"].value
        own.setdefault(r["document"].value, r["file"].value)
    docs: list[PageDocument] = []
    index: dict[str, int] = {}
    for r in rows("viz_documents"):
        iri = r["document"].value
        if iri in index:
            continue
        index[iri] = len(docs)
        agency = agencies.get(r["agency"].value) if "agency" in r else None
        docs.append(PageDocument(
            iri, CLASS_TYPE.get(r["class"].value, "Other") if "class" in r else "Other",
            r["identifier"].value if "identifier" in r else None, r["title"].value if "title" in r else None,
            r["date"].value if "date" in r else None, agency.iri if agency else None,
            agency.level if agency else "unknown", agency.province if agency else None,
            own.get(iri), [own[iri]] if iri in own else []))
    quote: dict[str, str] = {}
    said: dict[str, set[str]] = defaultdict(set)
    for r in rows("viz_evidence"):
        if "quote" in r:
            quote[r["edge"].value] = r["quote"].value
        if r["source"].value in file_of:
            said[r["edge"].value].add(file_of[r["source"].value])
    edges = []
    for r in rows("viz_relations"):
        s, p, o = r["from"].value, r["relation"].value, r["to"].value
        if s not in index or o not in index or s == o:
            continue
        key = edge_iri(s, p, o)
        files = tuple(sorted(said.get(key, ())))
        edges.append(PageEdge(index[s], index[o], PROPERTY_RELATION[p], quote.get(key), files))
        for f in files:  # a document's sources: its own file and the files that cite it
            if f not in docs[index[o]].sources:
                docs[index[o]].sources.append(f)
    ended = not_in_force(endpoint)
    for d in docs:
        d.sources.sort()
        d.force = ended[d.iri].mark() if d.iri in ended else None
    return sorted_view(PageGraph(docs, sorted(agencies.values(), key=lambda a: a.iri), edges))


def sorted_view(graph: PageGraph) -> PageGraph:
    """Documents by IRI and edges by ends and relation: the same graph always gives the same page."""
    order = sorted(range(len(graph.documents)), key=lambda i: graph.documents[i].iri)
    new = {old: i for i, old in enumerate(order)}
    docs = [graph.documents[i] for i in order]
    edges = sorted((PageEdge(new[e.source], new[e.target], e.relation, e.quote, e.sources) for e in graph.edges),
                   key=lambda e: (e.source, e.target, e.relation))
    return PageGraph(docs, graph.agencies, edges)


def save_view(graph: PageGraph) -> bytes:
    """The view as JSON, kept beside a build (see kg.build)."""
    return json.dumps({
        "documents": [[d.iri, d.type, d.identifier, d.title, d.date, d.issuer, d.level, d.province, d.own, d.sources,
                       d.force] for d in graph.documents],
        "agencies": [[a.iri, a.name, a.level, a.province] for a in graph.agencies],
        "edges": [[e.source, e.target, e.relation, e.quote, list(e.sources)] for e in graph.edges],
    }, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def stored_view(build: Path, endpoint: Endpoint) -> PageGraph:
    """The view of one build (a folder under the store's builds/, as kg.build.store.open_build
    found it; ``endpoint`` reads that same build): kept beside it, or read with SPARQL and then kept
    (kg build leaves it to the first kg viz, so that a rebuild after one change stays quick). The
    view is always kept beside the build it was read from, whatever build became current meanwhile."""
    kept = build.with_name(f"{build.name}.view.json")
    if kept.is_file():
        return load_view(kept)
    graph = read_graph(endpoint)
    with contextlib.suppress(WriteError):  # a read-only store: the page is still drawn, only not kept
        write_file(kept, save_view(graph))
    return graph


def load_view(path: Path) -> PageGraph:
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError) as e:
        raise VizError(f"cannot read the view {path}: {e}") from e
    return PageGraph([_document(d) for d in data["documents"]], [PageAgency(*a) for a in data["agencies"]],
                     [PageEdge(s, t, r, q, tuple(f)) for s, t, r, q, f in data["edges"]])


def _document(saved: list) -> PageDocument:
    """A document of a kept view (one kept before the status was shown has no force)."""
    d = PageDocument(*saved[:10])
    d.force = saved[10] if len(saved) > 10 else None
    return d


def neighbourhood(graph: PageGraph, focus: str, depth: int) -> PageGraph:
    """The documents within ``depth`` relations of ``focus`` (either way), their edges and issuers."""
    index = {d.iri: i for i, d in enumerate(graph.documents)}
    if focus not in index:
        raise VizError(f"{focus} is not a document of the graph")
    around: dict[int, list[int]] = defaultdict(list)
    for e in graph.edges:
        around[e.source].append(e.target)
        around[e.target].append(e.source)
    keep = {index[focus]}
    frontier = [index[focus]]
    for _ in range(depth):
        frontier = [n for f in frontier for n in around[f] if n not in keep]
        keep.update(frontier)
    order = sorted(keep)
    new = {old: i for i, old in enumerate(order)}
    docs = [graph.documents[i] for i in order]
    issuers = {d.issuer for d in docs}
    return PageGraph(docs, [a for a in graph.agencies if a.iri in issuers],
                     [PageEdge(new[e.source], new[e.target], e.relation, e.quote, e.sources)
                      for e in graph.edges if e.source in new and e.target in new])


def layout(graph: PageGraph) -> None:
    """Bands by level. Below the central band, a column per province aligned through the bands, its
    documents by date in rows of PER_ROW; the central band (and the band of documents whose level
    is unknown) in rows as wide as the provinces below, by issuer then date; each agency in the row
    above its first document."""
    agency_of = {a.iri: a for a in graph.agencies}
    national = ("central", "unknown")  # bands laid out by issuer, not by province
    by_block: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(graph.documents):
        if d.level not in national:
            by_block[(d.level, d.province or "?")].append(i)
    columns = sorted({col for (_, col) in by_block}, key=strip_accents)
    col_width = {c: max(max(1, min(len(by_block.get((lvl, c), ())), PER_ROW)) * DX for lvl in LEVELS)
                 for c in columns}
    col_x, x = {}, 0.0
    for c in columns:
        col_x[c] = x
        x += col_width[c] + GAP
    per_row = max(PER_ROW, int(x // DX))  # a national band is as wide as the provinces below it

    def by_date(i: int) -> tuple[str, str, str]:
        d = graph.documents[i]
        return (d.date or "9999", d.identifier or "", d.iri)

    placed: set[str] = set()
    y = 0.0
    graph.bands = []
    for level in LEVELS:
        if level in national:
            members = [i for i, d in enumerate(graph.documents) if d.level == level]
            if not members:
                continue
            name = {i: _issuer_name(agency_of, graph.documents[i].issuer) for i in members}
            members.sort(key=lambda i: (strip_accents(name[i]), *by_date(i)))
            graph.bands.append((LEVEL_LABELS[level], y))
            top = y + DY
            for k, i in enumerate(members):
                d = graph.documents[i]
                d.x, d.y = (k % per_row) * DX, top + (k // per_row) * 2 * DY  # a row for agencies above each
                a = agency_of.get(d.issuer or "")
                if a is not None and a.iri not in placed:
                    placed.add(a.iri)
                    a.x, a.y = d.x, d.y - DY
            y = top + math.ceil(len(members) / per_row) * 2 * DY + BAND_GAP
            continue
        blocks = [(c, by_block[(level, c)]) for c in columns if (level, c) in by_block]
        if not blocks:
            continue
        graph.bands.append((LEVEL_LABELS[level], y))
        top = y + DY  # a row for the agencies
        rows = 1
        for c, members in blocks:
            members.sort(key=by_date)
            for k, i in enumerate(members):
                d = graph.documents[i]
                d.x, d.y = col_x[c] + (k % PER_ROW) * DX, top + (k // PER_ROW) * DY
            rows = max(rows, math.ceil(len(members) / PER_ROW))
            issuers = [a for m in members if (a := agency_of.get(graph.documents[m].issuer or "")) is not None]
            for k, iri in enumerate(dict.fromkeys(a.iri for a in issuers if a.iri not in placed)):
                placed.add(iri)
                agency_of[iri].x, agency_of[iri].y = col_x[c] + k * DX, y
        y = top + rows * DY + BAND_GAP


def _issuer_name(agency_of: dict[str, PageAgency], issuer: str | None) -> str:
    a = agency_of.get(issuer or "")
    return a.name if a is not None else ""


def gather(graph: PageGraph) -> None:
    """For a large graph, one node per province and level (district, commune) holding its documents."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(graph.documents):
        if d.level in ("district", "commune"):
            blocks[(d.province or "?", d.level)].append(i)
    graph.groups = []
    for (province, level), members in sorted(blocks.items()):
        g = len(graph.groups)
        for i in members:
            graph.documents[i].group = g
        xs = [graph.documents[i].x for i in members]
        ys = [graph.documents[i].y for i in members]
        where = "huyện" if level == "district" else "xã"
        graph.groups.append({"id": f"g{g}", "province": province, "level": level, "members": members,
                             "x": sum(xs) / len(xs), "y": min(ys) + (max(ys) - min(ys)) / 2,
                             "label": f"{province}\n{len(members)} văn bản cấp {where}"})


def most_implemented(graph: PageGraph, n: int = TOP_DIRECTIVES) -> list[tuple[int, int]]:
    """The documents most others carry out directly: (document index, how many), most first."""
    acting: dict[int, set[int]] = defaultdict(set)
    for e in graph.edges:
        if e.relation in CARRIES_OUT:
            acting[e.target].add(e.source)
    return [(i, len(acting[i])) for i in sorted(acting, key=lambda i: (-len(acting[i]), i))[:n]]


@dataclass(frozen=True, slots=True)
class OverviewGroup:
    """A box of the overview: the documents of one level and one province (or, for the central
    level and the documents of unknown level, of one type), with how many of each type."""

    level: str
    key: str  # the province, or the type
    label: str
    members: tuple[int, ...]
    types: tuple[tuple[str, int], ...]  # (type, documents), most first


def overview(graph: PageGraph) -> list[OverviewGroup]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(graph.documents):
        by_type = d.level in ("central", "unknown") or not d.province
        blocks[(d.level, d.type if by_type else d.province or "?")].append(i)
    groups = []
    for level in LEVELS:
        here = {k: members for (lv, k), members in blocks.items() if lv == level}
        for key in sorted(here, key=lambda k: (-len(here[k]), strip_accents(k))):
            members = here[key]
            counts: dict[str, int] = defaultdict(int)
            for i in members:
                counts[graph.documents[i].type] += 1
            types = tuple(sorted(counts.items(), key=lambda tc: (-tc[1], tc[0])))
            name = doc_types().label(key) if key in TYPE_COLORS else key
            groups.append(OverviewGroup(level, key, name, tuple(members), types))
    return groups


def overview_data(groups: list[OverviewGroup]) -> list[dict]:
    """The overview as the page lists it: a section per level with its count, a box per group."""
    sections = []
    for level in LEVELS:
        here = [g for g in groups if g.level == level]
        if here:
            total = sum(len(g.members) for g in here)
            sections.append({"level": level, "label": LEVEL_LABELS[level], "documents": total,
                             "groups": [{"name": g.label, "size": len(g.members), "members": list(g.members),
                                         "types": [list(t) for t in g.types]} for g in here]})
    return sections


def _label(d: PageDocument) -> str:
    if d.identifier:
        return d.identifier
    if d.own:
        return d.own
    title = d.title or doc_types().label(d.type)
    return title if len(title) <= 28 else title[:27].rsplit(" ", 1)[0] + "…"


def _search_key(d: PageDocument, agency_name: str | None) -> str:
    words = [d.identifier or "", doc_types().label(d.type), d.title or "", agency_name or "", *d.sources]
    return strip_accents(" | ".join(words))


def page_data(graph: PageGraph, collapsed: bool, focus: int | None = None) -> dict:
    agency_index = {a.iri: i for i, a in enumerate(graph.agencies)}
    docs = []
    for d in graph.documents:
        a = agency_index.get(d.issuer or "")
        name = graph.agencies[a].name if a is not None else None
        docs.append({
            "iri": d.iri, "identifier": d.identifier, "type": d.type, "typeVi": doc_types().label(d.type),
            "title": d.title, "date": d.date, "issuer": name, "agency": a, "level": d.level,
            "province": d.province, "sources": d.sources, "own": d.own, "label": _label(d),
            "x": round(d.x), "y": round(d.y), "group": d.group, "search": _search_key(d, name), "force": d.force,
        })
    return {
        "collapsed": collapsed,
        # dashed lines cost canvas a hundred times more than solid ones (measured: 2.3 s against 0.1 s a
        # drawing for 14,000 edges): a large page tells relations apart by colour and width alone
        "dashes": not collapsed,
        "documents": docs,
        "agencies": [{"name": a.name, "level": a.level, "province": a.province, "x": round(a.x), "y": round(a.y)}
                     for a in graph.agencies],
        "edges": [[e.source, e.target, e.relation, e.quote, list(e.sources)] for e in graph.edges],
        "groups": graph.groups,
        "bands": [{"label": label, "y": round(y)} for label, y in graph.bands],
        "types": {t.name: {"color": TYPE_COLORS[t.name], "vi": t.label, "short": list(t.short)}
                  for t in doc_types().types},
        "relations": RELATION_STYLES,
        "levels": LEVEL_LABELS,
        "font": FONT,
        "opening": opening(graph, focus),
    }


def opening(graph: PageGraph, focus: int | None) -> dict:
    """How the page opens: on the diagram of ``focus`` or, for a graph too large to read at once, of
    the most implemented directive, with the overview's groups one click away; or on the whole graph."""
    top = most_implemented(graph)
    large = len(graph.documents) > DIAGRAM_ABOVE
    if focus is None and large and top:
        focus = top[0][0]
    return {"view": "diagram" if focus is not None else "graph", "focus": focus,
            "top": [{"document": i, "acting": n} for i, n in top],
            "overview": overview_data(overview(graph)) if large else []}


def vis_document(i: int, d: dict) -> dict:
    """A document as a vis-network node (the page's script styles expanded ones the same way)."""
    fill = TYPE_COLORS.get(d["type"], "#9e9e9e")
    ended = bool(d.get("force"))  # no longer in force: a red ring and a mark before its label
    return {"id": f"d{i}", "label": ("⚠ " if ended else "") + d["label"], "x": d["x"], "y": d["y"], "shape": "dot",
            "size": 10, "borderWidth": 4 if ended else 1,
            "color": {"background": fill, "border": "#c62828" if ended else "#37474f",
                      "highlight": {"background": fill, "border": "#000000"},
                      "hover": {"background": fill, "border": "#000000"}},
            "font": {"face": FONT, "size": 20, "color": "#263238"}}


def vis_agency(i: int, a: dict) -> dict:
    return {"id": f"a{i}", "label": a["name"], "x": a["x"], "y": a["y"], "shape": "diamond", "size": 9,
            "color": {"background": "#fff8e1", "border": "#8d6e63"},
            "font": {"face": FONT, "size": 15, "color": "#5d4037"}}


def vis_group(g: dict) -> dict:
    return {"id": g["id"], "label": g["label"], "x": round(g["x"]), "y": round(g["y"]), "shape": "box",
            "color": {"background": "#eceff1", "border": "#90a4ae"}, "font": {"face": FONT, "size": 14},
            "margin": 8}


def vis_edge(k: int, e: list, dashes: bool) -> dict:
    style = RELATION_STYLES[e[2]]
    return {"id": f"e{k}", "from": f"d{e[0]}", "to": f"d{e[1]}", "width": style["width"],
            "dashes": style["dashes"] if dashes else False,
            "color": {"color": style["color"], "highlight": style["color"], "hover": style["color"], "opacity": 0.9}}


def initial_view(data: dict) -> tuple[list[dict], list[dict]]:
    """The nodes and edges drawn when the page opens: everything, or for a large graph every document
    above the district level, the agencies, and one node per gathered province and level."""
    shown = [i for i, d in enumerate(data["documents"]) if d["group"] is None]
    visible = set(shown)
    nodes = [vis_document(i, data["documents"][i]) for i in shown]
    issuers = sorted({data["documents"][i]["agency"] for i in shown} - {None})  # the others come with their documents
    nodes += [vis_agency(i, data["agencies"][i]) for i in issuers]
    nodes += [vis_group(g) for g in data["groups"]]
    nodes += [{"id": f"b{k}", "label": b["label"], "x": -900, "y": b["y"], "shape": "text", "fixed": True,
               "font": {"face": FONT, "size": 34, "color": "#607d8b"}, "chosen": False}
              for k, b in enumerate(data["bands"])]
    edges = [vis_edge(k, e, data["dashes"]) for k, e in enumerate(data["edges"]) if e[0] in visible and e[1] in visible]
    style = RELATION_STYLES["issues"]
    edges += [{"id": f"i{i}", "from": f"a{d['agency']}", "to": f"d{i}", "color": {"color": style["color"]},
               "width": style["width"], "arrows": {"to": {"enabled": False}}}
              for i, d in enumerate(data["documents"]) if d["agency"] is not None and i in visible]
    return nodes, edges


class GraphPage(Network):
    """pyvis's Network with a template of our own: its default one loads Bootstrap from a CDN even
    with cdn_resources="in_line" (measured); ours includes pyvis's vis-network script and nothing
    else, so the page makes no request at all."""

    def __init__(self, data: dict, heading: str) -> None:
        super().__init__(height="100vh", width="100%", directed=True, cdn_resources="in_line", heading=heading)
        self.data = data
        self.templateEnv = environment(Path(__file__).resolve().parent / "templates",
                                       Path(pyvis.__file__).parent / "templates")  # lib/vis-9.1.2/...
        # appended directly: Network.add_edge scans every node on each call (measured: 6.6 s at 20k)
        self.nodes, self.edges = initial_view(data)
        self.options = _vis_options()

    def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
        template = self.templateEnv.get_template("graph.html")
        return template.render(heading=self.heading, nodes=self.nodes, edges=self.edges,
                               options=self.options, data_json=script_json(self.data))


def write_page(graph: PageGraph, out: str, heading: str, focus: str | None = None) -> PageSummary:
    """Lay the graph out and write the page (replacing ``out`` only once it is whole); ``focus``: the
    IRI of the document whose diagram the page opens on."""
    layout(graph)
    collapsed = len(graph.documents) > COLLAPSE_ABOVE
    if collapsed:
        gather(graph)
    at = next((i for i, d in enumerate(graph.documents) if d.iri == focus), None) if focus else None
    if focus and at is None:
        raise VizError(f"{focus} is not a document of the graph")
    data = page_data(graph, collapsed, at)
    page = GraphPage(data, heading)
    html = page.generate_html(name=os.path.basename(out))
    target = Path(out)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise VizError(f"cannot write {out}: {e.strerror or e}") from e
    write_text(target, html)
    first = data["opening"]["focus"]
    return PageSummary(out, len(graph.documents), len(graph.agencies), len(graph.edges), collapsed, len(html),
                       data["documents"][first]["label"] if first is not None else None)


def _vis_options() -> dict:
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "hideEdgesOnDrag": True, "hideEdgesOnZoom": True, "multiselect": False,
                        "tooltipDelay": 3600000},  # our own tooltip (text only); vis-network's never shows
        "edges": {"smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "selectionWidth": 2},
        "nodes": {"font": {"face": FONT, "size": 13}, "borderWidth": 1},
    }

