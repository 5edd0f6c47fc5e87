#!/usr/bin/env python3
"""How fast the named queries and `kg lineage` answer on a large graph, on Oxigraph (and rdflib).

usage: bench/query_speed.py [--docs N] [--runs R] [--rdflib-runs K] [--store DIR] [--seed S]

Builds a synthetic citation graph of N documents through the real pipeline (resolution, quads,
the store): central directives at the top, then provincial, district and commune documents of
the real gazetteer. Each document implements one or two documents of the level above in its own
chain (a popular directive draws more implementers, as 29-NQ/TW does), is based on central laws
and decrees (some of them outside the corpus), cites a few documents of its own level, and
assigns tasks. Then it times, as medians of R runs:

- every named query of queries/ (with parameters that make it work hard: the most implemented
  directive, a commune document at the bottom of a long chain, a large province);
- `kg lineage` as a whole command in a fresh process (start-up included), down from the most
  implemented directive and up from a commune document;
- the transitive implementers query on rdflib's own SPARQL engine over the same merged view,
  against the same SPARQL 1.1 text on Oxigraph in this run (the named query uses Oxigraph's
  LATERAL, which rdflib does not parse).

Prints a table and ``oxigraph_vs_rdflib_speedup: X`` last.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from kg.graph import quads
from kg.model import Agency, Deadline, Document, Extraction, Reference, Source, Span, Task, Unit
from kg.places import gazetteer
from kg.query import LocalEndpoint, Query, Term, bind_params, named_queries, parse_query
from kg.resolve import resolve
from kg.store import open_store, write_store

CENTRAL_ISSUERS = [  # (name, kind, type, symbol)
    ("Ban Chấp hành Trung ương Đảng", "party", "Resolution", "NQ/TW"),
    ("Bộ Chính trị", "party", "Conclusion", "KL/TW"),
    ("Ban Bí thư", "party", "Directive", "CT/TW"),
    ("Chính phủ", "state", "Resolution", "NQ-CP"),
    ("Thủ tướng Chính phủ", "state", "Decision", "QĐ-TTg"),
    ("Bộ Giáo dục và Đào tạo", "state", "Circular", "TT-BGDĐT"),
]
LAWS = [("Quốc hội", "Law", "QH14"), ("Chính phủ", "Decree", "NĐ-CP")]
LEVEL_SHARE = {"central": 0.02, "provincial": 0.13, "district": 0.30, "commune": 0.55}
TYPE_WORD = {"Resolution": "Nghị quyết", "Conclusion": "Kết luận", "Directive": "Chỉ thị", "Decision": "Quyết định",
             "Circular": "Thông tư", "Plan": "Kế hoạch", "Law": "Luật", "Decree": "Nghị định"}


@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    index: int
    level: str
    identifier: str
    number: str
    symbol: str
    type: str
    date: str
    issuer: Agency
    unit: Unit | None


def _date(rng: random.Random, year_from: int, year_to: int) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _identifier(number: int, symbol: str, year: str, with_year: bool) -> tuple[str, str]:
    ident = f"{number}/{year}/{symbol}" if with_year else (f"{number}-{symbol}" if "/" in symbol else
                                                            f"{number}/{symbol}")
    return ident, symbol


def synthetic_corpus(n: int, seed: int = 7) -> list[Extraction]:
    """N extractions forming a realistic citation graph (see the module's docstring)."""
    rng = random.Random(seed)
    g = gazetteer()
    provinces = g.units("legacy", "provincial")
    districts = g.units("legacy", "district")
    communes = g.units("legacy", "commune")
    district_by_name = {(d.province, d.name): d for d in districts}
    numbers: dict[tuple[str, str], int] = {}  # (issuer, year) -> last number used

    def next_number(issuer: str, year: str) -> int:
        numbers[(issuer, year)] = numbers.get((issuer, year), 0) + rng.randint(1, 9)
        return numbers[(issuer, year)]

    def make(index: int, level: str) -> SyntheticDoc:
        if level == "central":
            name, kind, type_, symbol = rng.choice(CENTRAL_ISSUERS)
            date = _date(rng, 2010, 2016)
            year = date[:4]
            ident, symbol = _identifier(next_number(name, year), symbol, year, type_ == "Circular")
            return SyntheticDoc(index, level, ident, ident.split("/")[0].split("-")[0], symbol, type_, date,
                                Agency(name, "central", None, kind), None)  # type: ignore[arg-type]
        if level == "provincial":
            unit = rng.choice(provinces)
            party = rng.random() < 0.3
            name = f"Tỉnh ủy {unit.name}" if party else f"Ủy ban nhân dân {unit.designator} {unit.name}"
            symbol, date = ("KH/TU" if party else "KH-UBND"), _date(rng, 2014, 2020)
        elif level == "district":
            unit = rng.choice(districts)
            name, symbol, date = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND", _date(rng, 2016, 2023)
        else:
            unit = rng.choice(communes)
            name, symbol, date = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND", _date(rng, 2018, 2025)
        number = next_number(name, date[:4])
        ident = f"{number}-{symbol}" if "/" in symbol else f"{number}/{symbol}"
        agency = Agency(name, level, unit.province, "party" if symbol == "KH/TU" else "state", unit)  # type: ignore[arg-type]
        return SyntheticDoc(index, level, ident, str(number), symbol, "Plan", date, agency, unit)

    levels = [lvl for lvl, share in LEVEL_SHARE.items() for _ in range(max(1, round(n * share)))][:n]
    docs = [make(i, lvl) for i, lvl in enumerate(levels)]
    laws = []
    for k in range(60):  # central laws and decrees, mostly outside the corpus
        name, type_, symbol = LAWS[k % 2]
        year = str(2010 + k % 12)
        ident, symbol = _identifier(k + 10, symbol, year, True)
        laws.append(SyntheticDoc(-1, "central", ident, str(k + 10), symbol, type_, f"{year}-06-14",
                                 Agency(name, "central", None, "state"), None))

    by_level = {lvl: [d for d in docs if d.level == lvl] for lvl in LEVEL_SHARE}
    by_province: dict[str, list[SyntheticDoc]] = {}
    by_district: dict[tuple[str, str], list[SyntheticDoc]] = {}
    for d in docs:
        if d.level == "provincial" and d.unit is not None:
            by_province.setdefault(d.unit.province, []).append(d)
        elif d.level == "district" and d.unit is not None:
            by_district.setdefault((d.unit.province, d.unit.name), []).append(d)
    weights = {d.index: 1.0 / (1 + rank) ** 0.8 for rank, d in enumerate(by_level["central"])}  # a few draw most

    def above(d: SyntheticDoc) -> list[SyntheticDoc]:
        if d.level == "central":  # now and then a directive continues an earlier one (51-KL/TW, 29-NQ/TW)
            return [c for c in by_level["central"] if c.date < d.date] if rng.random() < 0.15 else []
        if d.level == "provincial":
            return by_level["central"]
        if d.level == "district" and d.unit is not None:
            return by_province.get(d.unit.province, []) or by_level["central"]
        assert d.unit is not None
        district = district_by_name.get((d.unit.province, d.unit.district or ""))
        if district is not None and by_district.get((district.province, district.name)):
            return by_district[(district.province, district.name)]
        return by_province.get(d.unit.province, []) or by_level["central"]

    def reference(t: SyntheticDoc, relation: str, at: int) -> Reference:
        word = TYPE_WORD.get(t.type, "Văn bản")
        quote = f"{'Thực hiện' if relation == 'implements' else 'Căn cứ'} {word} số {t.identifier} của {t.issuer.name}"
        return Reference(t.identifier, t.type, t.number, t.symbol, t.date, f"về {word.lower()} số {t.number}",
                         t.issuer, relation, (Span(at, at + len(quote), quote),), (), (relation,))

    out = []
    for d in docs:
        refs: list[Reference] = []
        pool = above(d)
        targets = set()
        if pool:
            k = 1 if rng.random() < 0.7 else 2
            if d.level == "provincial":
                chosen = rng.choices(pool, weights=[weights[c.index] for c in pool], k=k)
            else:
                chosen = rng.sample(pool, min(k, len(pool)))
            for t in chosen:
                if t.index != d.index and t.index not in targets:
                    targets.add(t.index)
                    refs.append(reference(t, "continues" if d.level == "central" else "implements", 100 * len(refs)))
        for law in rng.sample(laws, rng.randint(1, 2)):
            refs.append(reference(law, "basedOn", 100 * len(refs)))
        same = by_level[d.level]
        for _ in range(rng.randint(0, 2)):
            t = rng.choice(same)
            if t.index != d.index and t.index not in targets:
                targets.add(t.index)
                refs.append(reference(t, "cites", 100 * len(refs)))
        tasks = ()
        if d.unit is not None:
            dept = f"Phòng Giáo dục và Đào tạo {d.unit.designator} {d.unit.name}" if d.level != "provincial" \
                else f"Sở Giáo dục và Đào tạo {d.unit.designator} {d.unit.name}"
            deadline = Deadline(f"{int(d.date[:4]) + 1}-03-31", None, "trước ngày 31/3")
            tasks = (Task(dept, "lead", deadline, f"{dept} chủ trì triển khai kế hoạch", (Span(0, 10, "x" * 10),)),)
        name = f"{d.index:07d}.txt"
        word = TYPE_WORD.get(d.type, "Văn bản")
        doc = Document(d.type, d.number, d.symbol, d.identifier, d.date, None, None,
                       f"{word} {d.identifier} về triển khai nhiệm vụ giáo dục năm {d.date[:4]}", d.issuer, None, (),
                       d.unit)
        source = Source(f"synthetic/{name}", name, "", hashlib.sha256(name.encode()).hexdigest())
        out.append(Extraction(source, doc, tuple(refs), (), tasks))
    return out


IMPLEMENTERS_SPARQL11 = """PREFIX kg: <https://w3id.org/kg-vn/ontology#>
SELECT DISTINCT ?directive ?document ?identifier ?file ?issuer ?date ?direct
WHERE {
  ?document kg:actsOn+ ?directive .
  FILTER(?document != ?directive)
  BIND(EXISTS { ?document kg:actsOn ?directive } AS ?direct)
  OPTIONAL { ?document kg:identifier ?identifier }
  OPTIONAL { ?document kg:sourceFile/kg:fileName ?file }
  OPTIONAL { ?document kg:issuer/kg:name ?issuer }
  OPTIONAL { ?document kg:date ?date }
}
"""


def build_synthetic(docs: int, seed: int, store_dir: str) -> dict[str, str]:
    """Build the synthetic graph into ``store_dir``; the parameters that make each query work hard
    (the most implemented directive, a commune plan, ...) and the most implemented provincial plan."""
    start = time.perf_counter()
    extractions = synthetic_corpus(docs, seed)
    t_generate = time.perf_counter() - start
    start = time.perf_counter()
    resolution = resolve(extractions)
    t_resolve = time.perf_counter() - start
    start = time.perf_counter()
    _, n_quads = write_store(store_dir, quads(extractions, resolution),
                             lambda n: {"documents": len(extractions), "quads": n, "synthetic": True})
    t_store = time.perf_counter() - start
    print(f"synthetic graph: {docs} documents, {len(resolution.nodes)} document nodes, {n_quads} quads "
          f"(generate {t_generate:.1f} s, resolve {t_resolve:.1f} s, quads and store {t_store:.1f} s)", flush=True)

    indegree: dict[str, int] = {}
    for per_file in resolution.references:
        for key in per_file:
            indegree[key] = indegree.get(key, 0) + 1

    def most_cited(level: str) -> str:
        keys = [k for k in indegree if resolution.nodes[k].issuer is not None
                and resolution.nodes[k].issuer.level == level  # type: ignore[union-attr]
                and any(c.own for c in resolution.nodes[k].claims)]
        return resolution.nodes[max(keys, key=lambda k: indegree[k])].iri

    commune = next(i for i in range(len(extractions) - 1, -1, -1)
                   if extractions[i].document.issuer and extractions[i].document.issuer.level == "commune")
    edge = next(i for i, x in enumerate(extractions) if x.references and x.references[0].relation == "implements"
                and x.document.issuer and x.document.issuer.level == "district")
    params = {
        "directive": most_cited("central"), "document": resolution.nodes[resolution.own[commune]].iri,
        "issuer": "Ủy ban nhân dân thành phố Hà Nội", "province": "Hà Nội",
        "from": resolution.nodes[resolution.own[edge]].iri, "to": resolution.nodes[resolution.references[edge][0]].iri,
        "agency": "Phòng Giáo dục và Đào tạo quận", "since": "2024-01-01",
        "provincial_plan": most_cited("provincial"),
    }
    return params


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5, help="runs per measure (the median is printed)")
    ap.add_argument("--rdflib-runs", type=int, default=3)
    ap.add_argument("--store", default=None, help="build the store here (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--measure", metavar="JSON", help=argparse.SUPPRESS)  # the timing half, in a fresh process
    a = ap.parse_args()
    if a.measure:
        return measure(a.store, json.loads(a.measure), a.runs, a.rdflib_runs)
    tmp = tempfile.TemporaryDirectory(prefix="kg-bench-")
    store_dir = a.store or str(Path(tmp.name) / "store")
    params = build_synthetic(a.docs, a.seed, store_dir)
    # The timing runs in a fresh process, as a user's `kg query` does: not in this one, which still
    # holds the gigabytes of extractions that built the store (measured: 1.6x slower queries there).
    cmd = [sys.executable, __file__, "--store", store_dir, "--runs", str(a.runs), "--rdflib-runs", str(a.rdflib_runs),
           "--measure", json.dumps(params, ensure_ascii=False)]
    return subprocess.run(cmd, check=False).returncode


def measure(store_dir: str, params: dict[str, str], runs: int, rdflib_runs: int) -> int:
    """Time every named query, `kg lineage` and the rdflib comparison on the built store."""
    endpoint = LocalEndpoint(open_store(store_dir))
    top_iri, commune_iri, province_iri = params["directive"], params["document"], params["provincial_plan"]

    rows: list[tuple[str, str, int, float]] = []
    for q in named_queries():
        given = {p.name: params[p.name] for p in q.params if p.name in params}
        bindings = bind_params(endpoint, q, given)
        result_rows = len(endpoint.select(q, bindings).rows)
        t = median_time(lambda q=q, b=bindings: endpoint.select(q, b), runs)
        rows.append((q.name, ", ".join(f"{k}" for k in given), result_rows, t))

    def kg_lineage(doc: str, direction: str) -> float:
        cmd = [sys.executable, "-m", "kg", "lineage", doc, f"--{direction}", "--store", store_dir]
        return median_time(lambda: subprocess.run(cmd, check=True, capture_output=True), runs)

    lineage_rows = []
    for doc, direction, label in ((top_iri, "down", "most implemented directive"),
                                  (province_iri, "down", "most implemented provincial plan"),
                                  (commune_iri, "up", "a commune plan")):
        size = len(subprocess.run([sys.executable, "-m", "kg", "lineage", doc, f"--{direction}", "--format", "json",
                                   "--store", store_dir], check=True, capture_output=True).stdout)
        lineage_rows.append((f"kg lineage --{direction} ({label})", size, kg_lineage(doc, direction)))

    # The same SPARQL 1.1 text on both engines (the named query uses Oxigraph's LATERAL, which rdflib
    # does not parse): the transitive implementers of the most implemented directive, with their facts.
    implementers = parse_query(IMPLEMENTERS_SPARQL11, "implementers (SPARQL 1.1 form)")
    bindings = {"directive": Term("uri", top_iri)}
    t_oxigraph = median_time(lambda: endpoint.select(implementers, bindings), runs)
    ox_rows = len(endpoint.select(implementers, bindings).rows)
    t_rdflib, rdflib_rows, t_load = rdflib_time(store_dir, implementers, top_iri, rdflib_runs)

    print()
    print(f"{'query':<22} {'parameters':<28} {'rows':>7} {'median s':>9}")
    for name, given, n, t in rows:
        print(f"{name:<22} {given:<28} {n:>7} {t:>9.4f}")
    for label, size, t in lineage_rows:
        print(f"{label:<51} {size // 1024:>5}kB {t:>9.4f}  (whole command, wall)")
    print()
    print(f"transitive implementers (SPARQL 1.1 text) on Oxigraph: {t_oxigraph:.4f} s ({ox_rows} rows); "
          f"on rdflib: {t_rdflib:.4f} s ({rdflib_rows} rows; loading the merged view into rdflib took {t_load:.1f} s)")
    if ox_rows != rdflib_rows:
        print("warning: the two engines disagree on the number of rows")
    slowest = max(rows, key=lambda r: r[3])
    print(f"slowest named query: {slowest[0]} {slowest[3]:.4f} s; slowest kg lineage: "
          f"{max(t for _, _, t in lineage_rows):.4f} s")
    print(f"oxigraph_vs_rdflib_speedup: {t_rdflib / t_oxigraph:.1f}")
    return 0


def rdflib_time(store_dir: str, q: Query, directive: str, runs: int) -> tuple[float, int, float]:
    """The same query text on rdflib's own engine, over the default graph (the merged view)."""
    from pyoxigraph import DefaultGraph, RdfFormat
    from rdflib import Graph, URIRef

    start = time.perf_counter()
    store = open_store(store_dir)
    data = store.dump(format=RdfFormat.N_TRIPLES, from_graph=DefaultGraph())
    g = Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    t_load = time.perf_counter() - start
    init = {"directive": URIRef(directive)}
    n = len(list(g.query(q.text, initBindings=init)))
    return median_time(lambda: list(g.query(q.text, initBindings=init)), runs), n, t_load


if __name__ == "__main__":
    sys.exit(main())
