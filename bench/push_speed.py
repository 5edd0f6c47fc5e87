#!/usr/bin/env python3
"""How fast `kg push` loads a graph into Virtuoso, and how fast the named queries answer there.

usage: bench/push_speed.py [--docs N] [--runs R] [--store DIR] [--methods]

Starts a throwaway Virtuoso (scripts/virtuoso.sh, on 127.0.0.1 with its own database folder and
ports), builds the synthetic graph of N documents (kg/synthetic.py) into an embedded store, then:
- with --methods, loads the merged view alone three ways, into three graphs, to choose how kg push
  sends data: SPARQL Update INSERT DATA over plain HTTP (urllib), the same through SPARQLWrapper,
  and the Graph Store HTTP Protocol (POST of N-Triples, 100,000 triples a request);
- runs `kg push --graph-store` on the whole build (the merged view by the Graph Store protocol, the
  source graphs by SPARQL Update) and prints triples per second;
- times every named query, as medians of R runs, on the embedded store and on Virtuoso, side by side.

Prints `push_triples_per_s: X` last.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from timing import median_time

from kg.build.store import open_store
from kg.graph.resolve import resolve
from kg.sparql.query import LocalEndpoint, bind_params, named_queries
from kg.sparql.remote import BATCH, Http, RemoteEndpoint, push
from kg.testing.reference import write_graph
from kg.testing.synthetic_graph import synthetic_corpus

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def merged_triples(store_dir: str) -> list[str]:
    from pyoxigraph import DefaultGraph

    store = open_store(store_dir)
    quads = store.quads_for_pattern(None, None, None, DefaultGraph())
    return [f"{q.subject} {q.predicate} {q.object} ." for q in quads]


def load_insert_urllib(update: str, graph: str, lines: list[str]) -> float:
    http = Http(update)
    start = time.perf_counter()
    for k in range(0, len(lines), BATCH):
        http.post({"update": f"INSERT DATA {{ GRAPH <{graph}> {{ " + "\n".join(lines[k:k + BATCH]) + " } }"}, "*/*")
    return time.perf_counter() - start


def load_insert_sparqlwrapper(update: str, graph: str, lines: list[str]) -> float:
    from SPARQLWrapper import DIGEST, POST, SPARQLWrapper

    client = SPARQLWrapper(update)
    client.setHTTPAuth(DIGEST)
    client.setCredentials(os.environ["KG_SPARQL_USER"], os.environ["KG_SPARQL_PASSWORD"])
    client.setMethod(POST)
    start = time.perf_counter()
    for k in range(0, len(lines), BATCH):
        client.setQuery(f"INSERT DATA {{ GRAPH <{graph}> {{ " + "\n".join(lines[k:k + BATCH]) + " } }")
        client.query()
    return time.perf_counter() - start


def load_graph_store(crud: str, graph: str, lines: list[str], chunk: int = 100_000) -> float:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, crud, os.environ["KG_SPARQL_USER"], os.environ["KG_SPARQL_PASSWORD"])
    opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
    start = time.perf_counter()
    for k in range(0, len(lines), chunk):
        body = ("\n".join(lines[k:k + chunk]) + "\n").encode("utf-8")
        url = f"{crud}?graph-uri={urllib.parse.quote(graph, safe='')}"
        request = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": "text/plain"})
        with opener.open(request, timeout=600) as response:
            response.read()
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", default=None)
    ap.add_argument("--methods", action="store_true", help="also compare three ways of loading the merged view")
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="kg-push-bench-")
    store = a.store or str(Path(tmp.name) / "store")
    if not (Path(store) / "current").exists():
        extractions = synthetic_corpus(a.docs)
        summary = write_graph(store, extractions, resolve(extractions))
        print(f"synthetic graph: {a.docs} documents, {summary.triples} quads", flush=True)
        del extractions

    env = dict(os.environ, KG_VIRTUOSO_DIR=str(Path(tmp.name) / "virtuoso"),
               KG_VIRTUOSO_PORT=str(free_port()), KG_VIRTUOSO_HTTP_PORT=str(free_port()))
    script = str(ROOT / "scripts" / "virtuoso.sh")
    query_url = subprocess.run([script, "start"], env=env, check=True, capture_output=True, text=True).stdout.strip()
    try:
        creds = Path(env["KG_VIRTUOSO_DIR"]) / "credentials.env"
        for line in creds.read_text().splitlines():
            key, _, value = line.partition("=")
            if key in ("KG_SPARQL_USER", "KG_SPARQL_PASSWORD"):
                os.environ[key] = value
        base = query_url.rsplit("/", 1)[0]
        update_url = f"{base}/sparql-auth"
        rows = []
        if a.methods:
            lines = merged_triples(store)
            for name, fn, target in (
                    ("SPARQL Update INSERT DATA, plain HTTP (kg push)", load_insert_urllib, update_url),
                    ("SPARQL Update INSERT DATA, SPARQLWrapper", load_insert_sparqlwrapper, update_url),
                    ("Graph Store protocol POST, 100k triples a request", load_graph_store,
                     f"{base}/sparql-graph-crud-auth")):
                seconds = fn(target, f"urn:kg-bench:{len(rows)}", lines)
                rows.append((name, len(lines) / seconds))
            print(f"\nloading the merged view ({len(lines)} triples, one graph):")
            for name, rate in rows:
                print(f"  {name:<52} {rate:>10,.0f} triples/s")

        result = push(store, update_url, graph_store=f"{base}/sparql-graph-crud-auth")
        print(f"\nkg push --graph-store: {result.line()}")

        local, remote = LocalEndpoint(open_store(store)), RemoteEndpoint(query_url)
        params = {"directive": "1/QĐ-TTg", "document": None, "issuer": "Ủy ban nhân dân thành phố Hà Nội",
                  "province": "Hà Nội", "agency": "Phòng Giáo dục và Đào tạo quận", "since": "2024-01-01"}
        edge = next(iter(open_store(store).query(
            "PREFIX kg: <https://w3id.org/kg-vn/ontology#> "
            "SELECT ?a ?b WHERE { ?a kg:implements ?b . ?a kg:sourceFile ?s } ORDER BY ?a LIMIT 1")))
        params.update({"from": edge["a"].value, "to": edge["b"].value, "document": edge["a"].value})
        print(f"\n{'query':<20} {'rows':>7} {'embedded s':>11} {'Virtuoso s':>11}")
        for q in named_queries():
            given = {p.name: params[p.name] for p in q.params if params.get(p.name)}
            b = bind_params(local, q, given)
            n_local = len(local.select(q, b).rows)
            n_remote = len(remote.select(q, b).rows)
            t_local = median_time(lambda q=q, b=b: local.select(q, b), a.runs)
            t_remote = median_time(lambda q=q, b=b: remote.select(q, b), a.runs)
            same = "" if n_local == n_remote else f"  (rows differ: {n_remote} on Virtuoso)"
            print(f"{q.name:<20} {n_local:>7} {t_local:>11.4f} {t_remote:>11.4f}{same}")
        print(f"push_triples_per_s: {result.quads / result.seconds:.0f}")
    finally:
        subprocess.run([script, "clean"], env=env, check=False, capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
