"""The diagram of a document's page, laid out the way people read these chains (vbpl.vn's "Lược đồ"):
what it acts on above it, what acts on it below, what it amends, replaces, repeals or guides on the
left, what does that to it on the right. Positions are computed here and drawn by vis-network
(bundled with pyvis) with physics off, so the picture is the same every time and opens at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from kg.reports.lineage import Lineage, LineageEdge
from kg.viz.page import RELATION_STYLES, TYPE_COLORS

#: Horizontal and vertical distances between documents, and documents in a row at most.
DX, DY, PER_ROW = 210, 130, 7
#: Relations drawn to the sides: they change a document rather than carry it out.
SIDEWAYS = ("amends", "replaces", "repeals", "guides")
#: Relations that put a document below the one it names (followed by kg lineage).
BELOW = ("implements", "continues", "reviews", "basedOn", "guides")


@dataclass
class Diagram:
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    more_below: int = 0  # documents below that the diagram leaves out

    def as_json(self) -> dict:
        return {"nodes": self.nodes, "edges": self.edges, "more_below": self.more_below,
                "types": {t: c for t, c in TYPE_COLORS.items()}}


def _upper_lower(e: LineageEdge) -> tuple[str, str]:
    return (e.source, e.target) if e.relation == "promulgates" else (e.target, e.source)


def _depths(root: str, lin: Lineage, going_up: bool, cap: int) -> dict[str, int]:
    """Each document of the lineage and how many steps from the root, nearest first, at most cap."""
    nxt: dict[str, list[str]] = {}
    for e in lin.edges:
        upper, lower = _upper_lower(e)
        a, b = (lower, upper) if going_up else (upper, lower)
        nxt.setdefault(a, []).append(b)
    depth = {root: 0}
    frontier = [root]
    while frontier and len(depth) <= cap:
        new = []
        for n in frontier:
            for m in sorted(nxt.get(n, ())):
                if m not in depth and len(depth) <= cap:
                    depth[m] = depth[n] + 1
                    new.append(m)
        frontier = new
    # then each document one row beyond the farthest document it hangs from, so that every line of
    # the diagram points towards the centre (a few rounds: a lineage has no cycle, but a graph may)
    for _ in range(8):
        changed = False
        for a, targets in nxt.items():
            for b in targets:
                if a in depth and b in depth and b != root and depth[b] < depth[a] + 1 <= 12:
                    depth[b] = depth[a] + 1
                    changed = True
        if not changed:
            break
    return depth


def draw(root: str, me: dict, up: Lineage, down: Lineage | None, out_rel: list[dict], in_rel: list[dict],
         brief: Callable[[str], dict], cap: int) -> Diagram:
    d = Diagram()
    placed: dict[str, dict] = {}

    def place(iri: str, x: float, y: float, role: str) -> None:
        b = me if iri == root else brief(iri)
        placed[iri] = {"id": len(placed), "iri": iri, "path": b["path"], "label": b["label"], "type": b["type"],
                       "type_vi": b["type_vi"], "title": b.get("title"), "date": b.get("date"),
                       "issuer": b.get("issuer"), "sources": b.get("sources", []), "x": round(x), "y": round(y),
                       "role": role}

    place(root, 0, 0, "centre")
    up_depth = _depths(root, up, True, cap)
    _rows(up_depth, -1, "above", place, placed, _parents(up, True))
    if down is not None:
        down_depth = _depths(root, down, False, cap)
        d.more_below = max(0, len(down.nodes) - len(down_depth))
    else:  # too many to walk: the documents acting on it directly, as many as fit
        direct = list(dict.fromkeys(r["other"]["iri"] for r in in_rel if r["relation"] in BELOW))
        down_depth = {root: 0, **{iri: 1 for iri in direct[:cap]}}
        d.more_below = max(0, len(direct) - cap)
    _rows({k: v for k, v in down_depth.items() if k not in placed or k == root}, 1, "below", place, placed,
          _parents(down, False) if down is not None else {})
    # to the sides: what it changes (left) and what changes it (right), if not drawn already
    left = list(dict.fromkeys(r["other"]["iri"] for r in out_rel if r["relation"] in SIDEWAYS
                              and r["other"]["iri"] not in placed))
    right = list(dict.fromkeys(r["other"]["iri"] for r in in_rel if r["relation"] in SIDEWAYS
                               and r["other"]["iri"] not in placed))
    width = max([abs(n["x"]) for n in placed.values()] + [DX])
    for side, members in ((-1, left[:20]), (1, right[:20])):
        for k, iri in enumerate(members):
            place(iri, side * (width + DX * 1.5 + (k // 5) * DX), (k % 5 - min(len(members), 5) // 2) * DY * 0.6,
                  "left" if side < 0 else "right")
    # edges: the lineages' among drawn documents, then the direct relations of the root
    seen: set[tuple[str, str, str]] = set()
    for lin in (up, down):
        for e in lin.edges if lin is not None else ():
            _edge(d, placed, seen, e.source, e.relation, e.target, e.quote)
    for r in out_rel:
        _edge(d, placed, seen, root, r["relation"], r["other"]["iri"], r["quote"])
    for r in in_rel:
        _edge(d, placed, seen, r["other"]["iri"], r["relation"], root, r["quote"])
    d.nodes = sorted(placed.values(), key=lambda n: n["id"])
    return d


def _parents(lin: Lineage, going_up: bool) -> dict[str, list[str]]:
    """For each document of a lineage, the documents one step nearer the root."""
    out: dict[str, list[str]] = {}
    for e in lin.edges:
        upper, lower = _upper_lower(e)
        near, far = (lower, upper) if going_up else (upper, lower)
        out.setdefault(far, []).append(near)
    return out


def _rows(depth: dict[str, int], sign: int, role: str, place: Callable[[str, float, float, str], None],
          placed: dict[str, dict], parents: dict[str, list[str]]) -> None:
    """Documents by their distance from the centre, row after row away from it, each under (or
    above) the middle of the documents it hangs from, so that lines cross less; a long row wraps."""
    by_depth: dict[int, list[str]] = {}
    for iri, k in depth.items():
        if k > 0 and iri not in placed:
            by_depth.setdefault(k, []).append(iri)
    y = 0.0
    for k in sorted(by_depth):
        def middle(iri: str) -> float:
            xs = [placed[p]["x"] for p in parents.get(iri, ()) if p in placed]
            return sum(xs) / len(xs) if xs else 0.0
        members = sorted(by_depth[k], key=lambda i: (middle(i), i))
        for start in range(0, len(members), PER_ROW):
            row = members[start: start + PER_ROW]
            y += sign * DY
            for j, iri in enumerate(row):
                place(iri, (j - (len(row) - 1) / 2) * DX + (DX / 2 if start // PER_ROW % 2 else 0), y, role)


def _edge(d: Diagram, placed: dict[str, dict], seen: set[tuple[str, str, str]], s: str, relation: str, o: str,
          quote: str | None) -> None:
    if s not in placed or o not in placed or s == o or (s, relation, o) in seen or relation == "cites":
        return
    seen.add((s, relation, o))
    style = RELATION_STYLES.get(relation, RELATION_STYLES["cites"])
    d.edges.append({"from": placed[s]["id"], "to": placed[o]["id"], "relation": relation, "vi": style["vi"],
                    "color": style["color"], "width": style["width"], "dashes": style["dashes"], "quote": quote})
