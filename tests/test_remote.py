"""`kg push`, and `kg query` / `kg lineage` on a remote store, against a real Virtuoso started here
(scripts/virtuoso.sh: Debian's package, 127.0.0.1 only, its own database folder and passwords)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from kg.build.store import open_store
from kg.cli import main
from kg.graph.resolve import resolve as resolve_claims
from kg.graph.vocab import DATA, XSD
from kg.reports.coverage import coverage
from kg.reports.lineage import lineage, lineage_from_queries
from kg.reports.tasks import assignments
from kg.sparql.query import LocalEndpoint, Results, Term, bind_params, load_query, named_queries, parse_query
from kg.sparql.query import resolve_document as resolve
from kg.sparql.remote import MERGED_GRAPH, RemoteEndpoint, for_remote, push, quad_count_query
from kg.testing.reference import write_graph
from kg.testing.synthetic_graph import synthetic_corpus

pytestmark = pytest.mark.slow  # Virtuoso, started and stopped by the tests

SCRIPT = str(ROOT / "scripts" / "virtuoso.sh")
KG = [sys.executable, "-m", "kg"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Virtuoso:
    env: dict[str, str]  # the script's environment: its folder, ports and the writer's credentials
    query: str
    update: str
    graph_store: str

    def script(self, command: str) -> str:
        return subprocess.run([SCRIPT, command], env=self.env, check=True, capture_output=True, text=True).stdout

    def pid(self) -> int:
        return int((Path(self.env["KG_VIRTUOSO_DIR"]) / "virtuoso.pid").read_text())

    def count(self, graph: str = MERGED_GRAPH) -> int:
        rows = RemoteEndpoint(self.query).select(parse_query(quad_count_query(graph)), {}).rows
        return int(rows[0]["n"].value)


def start_virtuoso(folder: Path) -> Virtuoso:
    env = dict(os.environ, KG_VIRTUOSO_DIR=str(folder), KG_VIRTUOSO_PORT=str(free_port()),
               KG_VIRTUOSO_HTTP_PORT=str(free_port()))
    url = subprocess.run([SCRIPT, "start"], env=env, check=True, capture_output=True, text=True).stdout.strip()
    for line in (folder / "credentials.env").read_text().splitlines():
        key, _, value = line.partition("=")
        env[key] = value
    base = url.rsplit("/", 1)[0]
    return Virtuoso(env, url, f"{base}/sparql-auth", f"{base}/sparql-graph-crud-auth")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    v = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    try:
        yield v
    finally:
        v.script("clean")


@pytest.fixture
def writer(virtuoso: Virtuoso, monkeypatch: pytest.MonkeyPatch) -> Virtuoso:
    """The writer's credentials in the environment, as a user sets them for `kg push`."""
    monkeypatch.setenv("KG_SPARQL_USER", virtuoso.env["KG_SPARQL_USER"])
    monkeypatch.setenv("KG_SPARQL_PASSWORD", virtuoso.env["KG_SPARQL_PASSWORD"])
    return virtuoso


@pytest.fixture(scope="module")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic graph of 10,000 documents (kg/synthetic.py)."""
    store = tmp_path_factory.mktemp("synthetic") / "store"
    extractions = synthetic_corpus(10000)
    write_graph(str(store), extractions, resolve_claims(extractions))
    return store


@pytest.fixture(scope="module")
def mid_push_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic graph of 2,000 documents: about 300 requests of a push, enough to kill the server
    after the hundredth, a fifth of the 10,000 documents' time."""
    store = tmp_path_factory.mktemp("mid-push") / "store"
    extractions = synthetic_corpus(2000)
    write_graph(str(store), extractions, resolve_claims(extractions))
    return store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------------------------
# The same answers


def same_rows(a: Results, b: Results) -> list[tuple]:
    """The rows of two results, side by side, where they differ (booleans and numbers by value)."""
    def norm(t: Term | None) -> tuple | None:
        if t is None:
            return None
        datatype = None if t.datatype == XSD.string else t.datatype
        return (t.kind, t.value, datatype, t.lang)

    left = [tuple(norm(r.get(v)) for v in a.variables) for r in a.rows]
    right = [tuple(norm(r.get(v)) for v in b.variables) for r in b.rows]
    assert a.variables == b.variables
    return [(x, y) for x, y in zip(left, right, strict=False) if x != y] + \
        ([("rows", len(left), len(right))] if len(left) != len(right) else [])


SAMPLE_PARAMS = {"directive": "29-NQ/TW", "document": "003_793e23e02999985a.txt", "issuer": "tỉnh ủy quảng ngãi",
                 "province": "Hải Phòng", "from": "224-KH/TU", "to": "51-KL/TW",
                 "agency": "Phòng Giáo dục và Đào tạo huyện An Lão", "since": "2024-03-28", "level": "province"}


def test_the_sample_graph_answers_the_same_on_virtuoso(writer: Virtuoso, sample_store: Path) -> None:
    summary = push(str(sample_store), writer.update, replace=True)
    assert writer.count() == summary.quads == len(open_store(sample_store))
    local, remote = LocalEndpoint(open_store(sample_store)), RemoteEndpoint(writer.query)
    for q in named_queries():
        b = bind_params(local, q, {p.name: SAMPLE_PARAMS[p.name] for p in q.params})
        lr, rr = local.select(q, b), remote.select(q, b)
        assert lr.rows or q.name in ("conflicts", "unresolved"), q.name
        assert same_rows(lr, rr) == [], q.name
    for typed, direction in (("29-NQ/TW", "down"), ("Nghị quyết 29", "down"), ("003_793e23e02999985a.txt", "up"),
                             ("94-NQ/HU", "down"), ("KH 1733", "up")):
        mine = lineage(local, resolve(local, typed), direction).as_json()
        theirs = lineage(remote, resolve(remote, typed), direction).as_json()
        assert mine == theirs, typed
        # the three queries a graph without cards is read by, on Virtuoso: the same lineage
        assert lineage_from_queries(remote, resolve(remote, typed), direction).as_json() == mine, typed
    # a hostile value is a literal on Virtuoso too (written as an escaped RDF term)
    from test_graph import HOSTILE_VALUES

    for value in HOSTILE_VALUES:
        q = load_query("by_issuer")
        b = bind_params(local, q, {"issuer": value})
        assert local.select(q, b).rows == [] and remote.select(q, b).rows == [], value
    # kg tasks and kg coverage read the same from either
    assert assignments(local) == assignments(remote) and len(assignments(local)) > 40
    assert [a.as_json() for a in assignments(local, agency="an lão", due_before="2024-03-30")] == \
        [a.as_json() for a in assignments(remote, agency="an lão", due_before="2024-03-30")]
    for level in ("province", "district"):
        directive = resolve(local, "29-NQ/TW")
        assert coverage(local, directive, level).as_json() == coverage(remote, directive, level).as_json()


def test_the_commands_take_an_endpoint(writer: Virtuoso, sample_store: Path) -> None:
    push(str(sample_store), writer.update)
    for args in (["query", "lag", "--param", "directive=Nghị quyết 29", "--format", "json"],
                 ["lineage", "29-NQ/TW", "--down", "--format", "json"], ["lineage", "94-NQ/HU"]):
        _, here, _ = run(*args, "--store", str(sample_store))
        code, there, err = run(*args, "--endpoint", writer.query)
        assert code == 0, err
        assert there == here
    code, _, err = run("lineage", "29-NQ/TW", "--store", str(sample_store), "--endpoint", writer.query)
    assert code == 2 and "not both" in err


def test_pushing_the_same_build_twice_leaves_the_same_triples(writer: Virtuoso, sample_store: Path) -> None:
    push(str(sample_store), writer.update, replace=True)
    before = writer.count()
    again = push(str(sample_store), writer.update, graph_store=writer.graph_store)
    assert again.skipped == 0 and writer.count() == before == again.quads


def test_a_synthetic_graph_of_10000_documents_answers_the_same(writer: Virtuoso, synthetic_store: Path) -> None:
    graph = f"{DATA}graph/merged-synthetic"
    summary = push(str(synthetic_store), writer.update, graph=graph, graph_store=writer.graph_store)
    assert summary.quads == len(open_store(synthetic_store))
    assert _triples_in(writer, graph) == _local_merged(synthetic_store)  # the merged view is whole
    local, remote = LocalEndpoint(open_store(synthetic_store)), RemoteEndpoint(writer.query, graph=graph)
    store = open_store(synthetic_store)
    top = next(iter(store.query("PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?d (COUNT(*) AS ?n) "
                                "WHERE { ?x kg:implements ?d } GROUP BY ?d ORDER BY DESC(?n) ?d LIMIT 1")))["d"].value
    edge = next(iter(store.query("PREFIX kg: <https://w3id.org/kg-vn/ontology#> SELECT ?a ?b "
                                 "WHERE { ?a kg:implements ?b . ?a kg:sourceFile ?s } ORDER BY ?a LIMIT 1")))
    params = {"directive": top, "document": edge["a"].value, "issuer": "Ủy ban nhân dân thành phố Hà Nội",
              "province": "Hà Nội", "from": edge["a"].value, "to": edge["b"].value,
              "agency": "Phòng Giáo dục và Đào tạo quận", "since": "2024-01-01", "level": "district"}
    for q in named_queries():
        b = bind_params(local, q, {p.name: params[p.name] for p in q.params})
        assert same_rows(local.select(q, b), remote.select(q, b)) == [], q.name
    assert lineage(local, top, "down").as_json() == lineage(remote, top, "down").as_json() \
        == lineage_from_queries(remote, top, "down").as_json()


def _triples_in(v: Virtuoso, graph: str) -> int:
    q = parse_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g = <{graph}>) }}")
    return int(RemoteEndpoint(v.query).select(q, {}).rows[0]["n"].value)


def _local_merged(store: Path) -> int:
    from pyoxigraph import DefaultGraph

    return sum(1 for _ in open_store(store).quads_for_pattern(None, None, None, DefaultGraph()))


# --------------------------------------------------------------------------------------------
# Failures: one clear line, a non-zero exit, and a re-run that completes the load


def test_an_unreachable_endpoint(sample_store: Path) -> None:
    code, _, err = run("push", "--endpoint", f"http://127.0.0.1:{free_port()}/sparql-auth", "--store", str(sample_store))
    assert code == 2 and err.count("\n") == 1 and err.startswith("Error: cannot reach http://127.0.0.1:")
    code, _, err = run("query", "lag", "-p", "directive=29-NQ/TW", "--endpoint", "not-a-url")
    assert code == 2 and "not an http(s) URL" in err


def test_a_wrong_password_is_refused_and_never_shown(virtuoso: Virtuoso, sample_store: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_SPARQL_USER", virtuoso.env["KG_SPARQL_USER"])
    monkeypatch.setenv("KG_SPARQL_PASSWORD", "not-the-password-8d1f")
    code, out, err = run("push", "--endpoint", virtuoso.update, "--store", str(sample_store))
    assert code == 2 and err.startswith("Error: ") and "HTTP 401" in err and err.count("\n") == 1
    assert "not-the-password-8d1f" not in out + err and virtuoso.env["KG_SPARQL_PASSWORD"] not in out + err
    monkeypatch.delenv("KG_SPARQL_USER")
    monkeypatch.delenv("KG_SPARQL_PASSWORD")
    code, _, err = run("push", "--endpoint", virtuoso.update, "--store", str(sample_store))
    assert code == 2 and "set KG_SPARQL_USER and KG_SPARQL_PASSWORD" in err


def test_a_server_killed_mid_push_then_a_complete_re_push(tmp_path: Path, mid_push_store: Path) -> None:
    v = start_virtuoso(tmp_path / "virtuoso")
    try:
        env = dict(os.environ, KG_SPARQL_USER=v.env["KG_SPARQL_USER"], KG_SPARQL_PASSWORD=v.env["KG_SPARQL_PASSWORD"])
        cmd = [*KG, "push", "--endpoint", v.update, "--graph-store", v.graph_store, "--store", str(mid_push_store),
               "--quiet"]
        pushing = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        marker = None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and pushing.poll() is None:
            marker = next((p for p in (mid_push_store / "builds").glob("*.push-*")), None)
            if marker is not None and json.loads(marker.read_text() or "{}").get("requests", 0) >= 100:
                break
            time.sleep(0.1)
        assert pushing.poll() is None, "the push ended before the server could be killed"
        os.kill(v.pid(), signal.SIGKILL)  # the server dies in the middle of the push
        _, err = pushing.communicate(timeout=120)
        assert pushing.returncode == 2
        assert err.strip().count("\n") == 0 and err.startswith("Error: cannot reach " + v.update)
        v.script("start")  # the same database folder: what was committed is kept
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
        assert done.returncode == 0, done.stderr
        assert "resumed after" in done.stdout
        assert v.count() == len(open_store(mid_push_store))  # nothing lost, nothing doubled
    finally:
        v.script("clean")


def test_the_public_endpoint_is_read_only(virtuoso: Virtuoso) -> None:
    from kg.sparql.remote import Http, RemoteError

    with pytest.raises(RemoteError, match="HTTP"):
        Http(virtuoso.query).post({"update": "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }"}, "*/*")


# --------------------------------------------------------------------------------------------
# The query text a remote store gets


def test_for_remote_writes_bound_terms_and_inlines_lateral() -> None:
    q = load_query("agencies")
    text = for_remote(q.text, {"since": Term("literal", "2024-03-28", XSD.date)})
    date = '"2024-03-28"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert f"({date} AS ?since)" in text and f"?deadline >= {date}" in text
    assert "GROUP BY ?body ?since" not in text and "GROUP BY ?body" in text  # no group of its own
    q = load_query("implementers")
    text = for_remote(q.text, {"directive": Term("uri", f"{DATA}doc/x")})
    code = "\n".join(line.split("#")[0] for line in text.splitlines() if not line.lstrip().startswith("#"))
    assert "LATERAL" not in code and f"<{DATA}doc/x> AS ?directive" in text
    assert text.count("{") == text.count("}")
    # a typed value cannot break out of its literal: quotes, braces and newlines are escaped
    text = for_remote(load_query("by_issuer").text, {"issuer": Term("literal", 'Ban" } ?x ?y ?z .\n{')})
    assert '"Ban\\" } ?x ?y ?z .\\n{"' in text
