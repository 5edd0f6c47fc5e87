#!/usr/bin/env python3
"""How fast the named queries and `kg lineage` answer on a large graph, on Oxigraph (and rdflib).

usage: bench/query_speed.py [--docs N] [--runs R] [--rdflib-runs K] [--store DIR] [--seed S]

Builds the synthetic citation graph of N documents of bench/synthetic.py through the real
pipeline (resolution, quads, the store). Then it times, as medians of R runs:

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
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import median_time

from kg.build.store import open_store
from kg.graph.resolve import resolve
from kg.sparql.query import LocalEndpoint, Query, Term, bind_params, named_queries, parse_query
from kg.testing.reference import write_graph
from kg.testing.synthetic_graph import synthetic_corpus

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
    n_quads = write_graph(store_dir, extractions, resolution).triples
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
        "agency": "Phòng Giáo dục và Đào tạo quận", "since": "2024-01-01", "level": "commune",
        "provincial_plan": most_cited("provincial"),
    }
    return params


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
        # coverage at each level: the commune level has the most localities, the province level the most rows
        variants = [{"level": level} for level in ("commune", "district", "province")] if q.name == "coverage" else [{}]
        for variant in variants:
            given = {p.name: variant.get(p.name, params[p.name]) for p in q.params if p.name in params}
            bindings = bind_params(endpoint, q, given)
            result_rows = len(endpoint.select(q, bindings).rows)
            t = median_time(lambda q=q, b=bindings: endpoint.select(q, b), runs)
            shown = ", ".join(f"{k}={v}" if k in variant else k for k, v in given.items())
            rows.append((q.name, shown, result_rows, t))

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
