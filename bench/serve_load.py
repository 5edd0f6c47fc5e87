#!/usr/bin/env python3
"""How `kg serve` holds up under concurrent users on a large graph, with Virtuoso as the reference.

usage: bench/serve_load.py [--docs N] [--clients C] [--seconds S] [--store DIR] [--workers W]
                           [--page-workers P] [--passes K] [--no-virtuoso] [--seed S]

Builds the synthetic citation graph of N documents (the generator bench/query_speed.py uses) into a
store (or reuses --store DIR), makes its search index (as kg serve would on its first start), times
each named query alone over /sparql (one client, median of 3), then starts a real `kg serve` on
127.0.0.1 and runs C client threads for S seconds, K times in a row on the same server (the first
pass starts with no page kept, the next ones find the pages the first kept), each client with its
own keep-alive connection, mixing:
- document pages (HTML) of documents drawn at random,
- searches (an identifier, "Kế hoạch 12", words of an agency's name),
- lineage JSON (/lineage.json, up from a random document, down from a random directive),
- every named query over /sparql (its parameters written in as terms, as `kg query --endpoint` does;
  LATERAL kept for kg serve, which says its store runs it, and inlined for Virtuoso).
Then the same named queries, with the same number of clients for the same time, against a throwaway
Virtuoso (scripts/virtuoso.sh on ports of its own) loaded with the same merged view.

Prints requests per second, p50 and p99 latency per kind, errors, the p50 of the pages answered
from the cache (X-KG-Cache: hit) and of those made (miss), and `serve_page_p50_ms: X` last (the
document pages of the first pass, cache cold at its start).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kg.build.store import open_store  # noqa: E402
from kg.sparql.query import LocalEndpoint, bind_params, named_queries  # noqa: E402
from kg.sparql.remote import MERGED_GRAPH, for_remote  # noqa: E402
from kg.testing.server import free_port, running_server  # noqa: E402

Request = tuple[str, str, str, bytes | None, dict[str, str]]  # kind, method, path, body, headers


def build_store(docs: int, seed: int, store_dir: str) -> dict[str, str]:
    params_file = Path(f"{store_dir}.params.json")
    if (Path(store_dir) / "current").exists() and params_file.exists():
        return json.loads(params_file.read_text())
    from query_speed import build_synthetic

    params = build_synthetic(docs, seed, store_dir)
    params_file.write_text(json.dumps(params))
    return params


def workload(store_dir: str, params: dict[str, str], seed: int,
             keep_lateral: bool = False) -> tuple[dict[str, list[Request]], dict[str, str]]:
    """The requests each kind draws from, and the text of each named query with its parameters
    (``keep_lateral``: as sent to kg serve)."""
    endpoint = LocalEndpoint(open_store(store_dir))
    rnd = random.Random(seed)
    rows = endpoint.store.query(
        "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?d ?i WHERE { ?s kg:describes ?d . "
        "OPTIONAL { ?d kg:identifier ?i } }")
    docs = [(s["d"].value, s["i"].value if s["i"] is not None else None) for s in rows]
    sample = rnd.sample(docs, min(3000, len(docs)))
    directives = [s["d"].value for s in endpoint.store.query(
        "PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?d (COUNT(?x) AS ?n) WHERE { ?x kg:actsOn ?d } "
        "GROUP BY ?d HAVING (COUNT(?x) > 1) LIMIT 3000")]
    agencies = [s["n"].value for s in endpoint.store.query(
        "PREFIX kg: <https://w3id.org/kg-vn/ontology#> "
        "SELECT DISTINCT ?n WHERE { ?d kg:issuer/kg:name ?n } LIMIT 2000")]
    base = "https://w3id.org/kg-vn"
    html = {"Accept": "text/html"}
    kinds: dict[str, list[Request]] = {
        "document page": [("document page", "GET", d[len(base):], None, html) for d, _ in sample],
        "search": [("search", "GET", "/search?" + urllib.parse.urlencode({"q": q}), None, html) for q in
                   [i for _, i in sample if i][:800]
                   + [f"Kế hoạch {i.split('/')[0]}" for _, i in sample if i and i.split("/")[0].isdigit()][:400]
                   + [" ".join(a.split()[-3:]) for a in agencies[:400]]],
        "lineage JSON": [("lineage JSON", "GET", "/lineage.json?" + urllib.parse.urlencode(
            {"doc": d, "direction": "up"}), None, {}) for d, _ in sample[:1500]]
        + [("lineage JSON", "GET", "/lineage.json?" + urllib.parse.urlencode(
            {"doc": d, "direction": "down"}), None, {}) for d in rnd.sample(directives, min(500, len(directives)))],
    }
    texts = {}
    for q in named_queries():
        bindings = bind_params(endpoint, q, {p.name: params[p.name] for p in q.params if p.name in params})
        texts[q.name] = for_remote(q.text, bindings, keep_lateral=keep_lateral)
    return kinds, texts


def sparql_request(name: str, text: str, path: str, extra: dict[str, str] | None = None) -> Request:
    body = urllib.parse.urlencode({"query": text, **(extra or {})}).encode()
    return (f"named: {name}", "POST", path, body, {"Accept": "application/sparql-results+json",
                                                    "Content-Type": "application/x-www-form-urlencoded"})


def hammer(host: str, port: int, pick: Callable[[random.Random], Request], clients: int, seconds: float,
           seed: int, auth: str | None = None,
           cached: dict[str, list[float]] | None = None) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """C threads sending requests for S seconds; latencies (s) and errors by kind, and the wall time.
    ``cached``: filled with the latencies by kind and cache state ("document page hit")."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(k: int) -> None:
        rnd = random.Random(seed * 1000 + k)
        conn = http.client.HTTPConnection(host, port, timeout=120)
        while time.monotonic() < stop:
            kind, method, path, body, headers = pick(rnd)
            if auth:
                headers = {**headers, "Authorization": auth}
            start = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status in (200, 303)
                state = response.getheader("X-KG-Cache")
            except (OSError, http.client.HTTPException):
                ok, state = False, None
                conn.close()
                conn = http.client.HTTPConnection(host, port, timeout=120)
            took = time.perf_counter() - start
            with lock:
                latencies[kind].append(took)
                if cached is not None and state:
                    cached[f"{kind} {state}"].append(took)
                if not ok:
                    errors[kind] += 1
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.monotonic() - began


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] * 1000


def report(title: str, latencies: dict[str, list[float]], errors: dict[str, int], wall: float,
           cached: dict[str, list[float]] | None = None) -> None:
    total = sum(len(v) for v in latencies.values())
    print(f"\n{title}: {total} requests in {wall:.0f} s = {total / wall:.1f} requests/s, "
          f"errors: {sum(errors.values())}")
    print(f"  {'kind':<34} {'requests':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for kind in sorted(latencies, key=lambda k: (k.startswith("named"), k)):
        v = latencies[kind]
        print(f"  {kind:<34} {len(v):>8} {statistics.median(v) * 1000:>8.1f} {pct(v, 99):>8.1f} {errors[kind]:>6}")
    if cached:
        print("  by cache state (X-KG-Cache):")
        for kind in sorted(cached):
            v = cached[kind]
            print(f"    {kind:<32} {len(v):>8} {statistics.median(v) * 1000:>8.1f} {pct(v, 99):>8.1f}")


def alone(host: str, port: int, named: list[Request], runs: int = 3) -> dict[str, float]:
    """Each named query's median time (s) with nothing else running: what bounds it under load."""
    conn = http.client.HTTPConnection(host, port, timeout=120)
    times: dict[str, float] = {}
    for kind, method, path, body, headers in named:
        took = []
        for k in range(runs):
            # a comment of its own each time: kg serve keeps answers by the query's text, and this
            # measures the query run, not the answer kept
            again = (body or b"") + urllib.parse.urlencode({"": f"\n# alone {k}"})[1:].encode()
            start = time.perf_counter()
            conn.request(method, path, body=again, headers=headers)
            conn.getresponse().read()
            took.append(time.perf_counter() - start)
        times[kind] = statistics.median(took)
    conn.close()
    print("\nnamed queries alone (one client, median of 3):")
    for kind, t in sorted(times.items(), key=lambda kt: -kt[1]):
        print(f"  {kind:<34} {t * 1000:>8.1f} ms")
    return times


def ensure_index(store_dir: str) -> None:
    """The build's search index, made here once (kg serve makes it on its first start otherwise)."""
    from kg.build.store import open_build
    from kg.serve.index import SearchIndex, index_path, make_index
    from kg.sparql.query import LocalEndpoint

    folder, store = open_build(store_dir)
    if SearchIndex.open(folder) is not None:
        return
    start = time.perf_counter()
    make_index(folder, LocalEndpoint(store))
    print(f"search index: made in {time.perf_counter() - start:.1f} s, "
          f"{index_path(folder).stat().st_size / 1e6:.0f} MB", flush=True)


def virtuoso_reference(store_dir: str, texts: dict[str, str], clients: int, seconds: float, seed: int) -> None:
    """The same named queries against Virtuoso loaded with the same merged view."""
    from pyoxigraph import DefaultGraph

    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-bench-")
    env = dict(os.environ, KG_VIRTUOSO_DIR=str(Path(tmp.name) / "virtuoso"),
               KG_VIRTUOSO_PORT=str(free_port()), KG_VIRTUOSO_HTTP_PORT=str(free_port()))
    script = str(ROOT / "scripts" / "virtuoso.sh")
    query_url = subprocess.run([script, "start"], env=env, check=True, capture_output=True, text=True).stdout.strip()
    try:
        creds = dict(line.split("=", 1) for line in
                     (Path(env["KG_VIRTUOSO_DIR"]) / "credentials.env").read_text().splitlines() if "=" in line)
        base = query_url.rsplit("/", 1)[0]
        store = open_store(store_dir)
        lines = [f"{q.subject} {q.predicate} {q.object} ." for q in
                 store.quads_for_pattern(None, None, None, DefaultGraph())]
        start = time.perf_counter()
        _load(f"{base}/sparql-graph-crud-auth", MERGED_GRAPH, lines, creds["KG_SPARQL_USER"],
              creds["KG_SPARQL_PASSWORD"])
        print(f"\nVirtuoso: loaded the merged view ({len(lines):,} triples) in {time.perf_counter() - start:.0f} s "
              "(the source files' graphs are not loaded: conflicts and evidence have no rows there)", flush=True)
        del lines, store
        parsed = urllib.parse.urlparse(query_url)
        requests = [sparql_request(n, t, parsed.path, {"default-graph-uri": MERGED_GRAPH}) for n, t in texts.items()]
        lat, err, wall = hammer(parsed.hostname or "127.0.0.1", parsed.port or 80,
                                lambda rnd: rnd.choice(requests), clients, seconds, seed)
        report(f"Virtuoso 7 (reference), the named queries, {clients} clients", lat, err, wall)
    finally:
        subprocess.run([script, "stop"], env=env, check=False, capture_output=True)
        tmp.cleanup()


def _load(crud: str, graph: str, lines: list[str], user: str, password: str, chunk: int = 100_000) -> None:
    import urllib.request

    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, crud, user, password)
    opener = urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))
    for k in range(0, len(lines), chunk):
        body = ("\n".join(lines[k:k + chunk]) + "\n").encode("utf-8")
        url = f"{crud}?graph-uri={urllib.parse.quote(graph, safe='')}"
        with opener.open(urllib.request.Request(url, data=body, method="POST",
                                                headers={"Content-Type": "text/plain"}), timeout=600) as r:
            r.read()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--workers", type=int, default=2, help="kg serve --workers (query processes)")
    ap.add_argument("--page-workers", type=int, default=2, help="kg serve --page-workers")
    ap.add_argument("--passes", type=int, default=2, help="runs of S seconds in a row on the same server")
    ap.add_argument("--cache-mb", type=int, default=256, help="kg serve --cache-mb (0: no page kept)")
    ap.add_argument("--store", default=None, help="build the store here, or reuse it (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--no-virtuoso", action="store_true", help="skip the Virtuoso reference")
    a = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="kg-serve-load-")
    store_dir = a.store or str(Path(tmp.name) / "store")
    params = build_store(a.docs, a.seed, store_dir)
    ensure_index(store_dir)
    kinds, texts = workload(store_dir, params, a.seed)
    _, served_texts = workload(store_dir, params, a.seed, keep_lateral=True)
    named = [sparql_request(n, t, "/sparql") for n, t in served_texts.items()]
    # the mix: 40 % document pages, 25 % searches, 15 % lineages, 20 % named queries
    mix = [("document page", 40), ("search", 25), ("lineage JSON", 15), ("named", 20)]
    names = [k for k, w in mix for _ in range(w)]

    def pick(rnd: random.Random) -> Request:
        kind = rnd.choice(names)
        return rnd.choice(named) if kind == "named" else rnd.choice(kinds[kind])

    print(f"kg serve on {store_dir}: {a.clients} clients for {a.seconds:.0f} s, --workers {a.workers} "
          f"--page-workers {a.page_workers} --cache-mb {a.cache_mb}", flush=True)
    passes = []
    with running_server(store_dir, workers=a.workers, page_workers=a.page_workers, query_timeout=30.0,
                        start_timeout=300.0, cache_mb=a.cache_mb) as served:
        url = urllib.parse.urlparse(served.url)
        host, port = url.hostname or "127.0.0.1", url.port or 80
        alone(host, port, named)
        for k in range(a.passes):
            cached: dict[str, list[float]] = defaultdict(list)
            lat, err, wall = hammer(host, port, pick, a.clients, a.seconds, a.seed + k, cached=cached)
            state = "no page kept at its start" if k == 0 else "the pages of the passes before kept"
            report(f"kg serve, {a.clients} clients, pass {k + 1} ({state})", lat, err, wall, cached)
            passes.append((lat, err))
    if not a.no_virtuoso:
        virtuoso_reference(store_dir, texts, a.clients, a.seconds, a.seed)
    print(f"\nserve_errors: {sum(sum(e.values()) for _, e in passes)}")
    if len(passes) > 1:
        print(f"serve_page_p50_ms_last_pass: {statistics.median(passes[-1][0]['document page']) * 1000:.1f}")
    print(f"serve_page_p50_ms: {statistics.median(passes[0][0]['document page']) * 1000:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
