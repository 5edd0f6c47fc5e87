"""`kg serve` for real: a uvicorn server on 127.0.0.1 (started and stopped here), SPARQLWrapper as
the protocol's client, and headless Chromium for the pages."""

from __future__ import annotations

import csv
import io
import json
import shutil
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

from kg.build import build
from kg.build.store import open_store
from kg.serve.protocol import formats, uses_service
from kg.sparql.query import LocalEndpoint, bind_params, named_queries
from kg.sparql.remote import for_remote
from kg.testing.server import running_server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HOSTILE = Path(__file__).resolve().parent / "data" / "serve" / "121_script.txt"
NQ29 = "/id/doc/ban-chap-hanh-trung-uong-dang/29-nq-tw-2013"
#: A value for each parameter of the named queries, on the samples.
PARAMS = {"directive": "29-NQ/TW", "document": "003_793e23e02999985a.txt", "issuer": "Ủy ban nhân dân",
          "province": "Quảng Ngãi", "from": "224-KH/TU", "to": "51-KL/TW",
          "agency": "Phòng Giáo dục và Đào tạo huyện An Lão", "level": "province", "since": "2023-01-01"}


# -- without a server ------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "refused"), [
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True),
    ("select * where { service silent <http://example.org/> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { ?s ?p 'SERVICE' }", False),
    ("SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }  # SERVICE in a comment", False),
    ("PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:SERVICE ?service }", False),
])
def test_service_is_found_only_as_the_keyword(query: str, refused: bool) -> None:
    assert uses_service(query) is refused


@pytest.mark.parametrize(("accept", "param", "expected"), [
    ("application/sparql-results+json", None, ("json", "turtle")),
    ("application/sparql-results+xml", None, ("xml", "turtle")),
    ("text/csv", None, ("csv", "turtle")),
    ("text/tab-separated-values", None, ("tsv", "turtle")),
    ("application/n-triples", None, ("json", "ntriples")),
    ("application/ld+json", None, ("json", "jsonld")),
    ("text/turtle;q=0.5, application/sparql-results+xml;q=0.9", None, ("xml", "turtle")),
    ("*/*", "csv", ("csv", "turtle")),
    (None, None, ("json", "turtle")),
])
def test_formats_by_accept(accept: str | None, param: str | None, expected: tuple[str, str]) -> None:
    assert formats(accept, param) == expected


# -- a real server ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples and a plan whose title holds markup, as files (the source view reads them)."""
    folder = tmp_path_factory.mktemp("corpus")
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, folder / p.name)
    shutil.copy(HOSTILE, folder / HOSTILE.name)
    return folder


@pytest.fixture(scope="module")
def store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    store_dir = str(tmp_path_factory.mktemp("serve") / "store")
    build([str(corpus)], store_dir)
    return store_dir


@pytest.fixture(scope="module")
def server(store: str):  # type: ignore[no-untyped-def]
    with running_server(store, query_timeout=3.0, workers=3) as served:
        yield served


def get(url: str, accept: str = "text/html") -> tuple[int, str, dict[str, str]]:
    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode("utf-8"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8"), dict(e.headers)


def client(server, fmt: str) -> SPARQLWrapper:  # type: ignore[no-untyped-def]
    w = SPARQLWrapper(f"{server.url}/sparql")
    w.setReturnFormat(fmt)
    return w


def local_rows(store: str) -> dict[str, tuple[list[str], list[dict[str, str]], str]]:
    """For every named query: its variables, its rows on the embedded store (as kg query runs it)
    and the text to send over the protocol (its parameters written in as terms)."""
    endpoint = LocalEndpoint(open_store(store))
    out = {}
    for q in named_queries():
        bindings = bind_params(endpoint, q, {p.name: PARAMS[p.name] for p in q.params})
        r = endpoint.select(q, bindings)
        out[q.name] = (r.variables, [{k: v.value for k, v in row.items()} for row in r.rows],
                       for_remote(q.text, bindings))
    return out


def canonical(rows: list[dict[str, str]]) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted(r.items())) for r in rows)


@pytest.mark.slow
def test_every_named_query_gives_the_same_rows_as_kg_query(server, store: str) -> None:  # type: ignore[no-untyped-def]
    answers = local_rows(store)
    assert len(answers) >= 10
    for name, (variables, rows, text) in answers.items():
        w = client(server, JSON)
        w.setQuery(text)
        got = w.query().convert()
        assert got["head"]["vars"] == variables, name
        assert canonical([{k: v["value"] for k, v in b.items()} for b in got["results"]["bindings"]]) == \
            canonical(rows), name
        w = client(server, XML)
        w.setQuery(text)
        body = w.query().response.read()
        solutions = parse_query_results(body, format=QueryResultsFormat.XML)
        xml_rows = [{v.value: s[v].value for v in solutions.variables if s[v] is not None} for s in solutions]
        assert canonical(xml_rows) == canonical(rows), name
        w = client(server, CSV)
        w.setQuery(text)
        table = list(csv.reader(io.StringIO(w.query().convert().decode("utf-8"))))
        assert table[0] == variables, name
        assert sorted(table[1:]) == sorted([[r.get(v, "") for v in variables] for r in rows]), name
        assert rows or name in ("conflicts", "unresolved", "outside_corpus"), f"{name} found nothing to compare"


@pytest.mark.slow
def test_construct_gives_turtle_and_ask_a_boolean(server) -> None:  # type: ignore[no-untyped-def]
    w = client(server, TURTLE)
    w.setQuery("PREFIX kg: <https://w3id.org/kg-vn/ontology#> "
               "CONSTRUCT { ?d kg:identifier ?i } WHERE { ?d kg:identifier ?i }")
    result = w.query()
    assert result.response.headers["Content-Type"].startswith("text/turtle")
    triples = list(parse(result.convert(), format=RdfFormat.TURTLE))
    assert any(t.object.value == "29-NQ/TW" for t in triples)
    w = client(server, JSON)
    w.setQuery("ASK { ?d <https://w3id.org/kg-vn/ontology#identifier> '51-KL/TW' }")
    assert w.query().convert()["boolean"] is True


def _count(url: str) -> int:
    body = urllib.parse.urlencode({"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}).encode()
    req = urllib.request.Request(f"{url}/sparql", data=body, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return int(r.read().decode().split()[-1])


@pytest.mark.slow
def test_updates_and_service_are_refused_and_change_nothing(server) -> None:  # type: ignore[no-untyped-def]
    before = _count(server.url)
    update = "INSERT DATA { GRAPH <https://w3id.org/kg-vn/id/graph/x> { <urn:a> <urn:b> <urn:c> } }"
    for how in ("form", "query-body", "update-body", "get"):
        if how == "get":
            req = urllib.request.Request(f"{server.url}/sparql?" + urllib.parse.urlencode({"query": update}))
        elif how == "form":
            req = urllib.request.Request(f"{server.url}/sparql", data=urllib.parse.urlencode({"update": update}).encode())
        else:
            ctype = "application/sparql-query" if how == "query-body" else "application/sparql-update"
            req = urllib.request.Request(f"{server.url}/sparql", data=update.encode(), headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(req, timeout=30)
        assert 400 <= e.value.code < 500, how
    w = SPARQLWrapper(f"{server.url}/sparql")
    w.setMethod(POST)
    w.setQuery(update)
    with pytest.raises(Exception) as e:  # SPARQLWrapper raises its own error for a 4xx answer
        w.query()
    assert "403" in str(e.value) or "read-only" in str(e.value)
    status, body, _ = get(f"{server.url}/sparql?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"}), accept="text/csv")
    assert status == 400 and "SERVICE" in body
    assert _count(server.url) == before


@pytest.mark.slow
def test_a_runaway_query_is_stopped_while_others_are_answered(server) -> None:  # type: ignore[no-untyped-def]
    outcome: dict[str, object] = {}

    def runaway() -> None:
        start = time.monotonic()
        w = client(server, JSON)
        w.setQuery("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")  # every triple cubed
        try:
            w.query()
            outcome["status"] = 200
        except urllib.error.HTTPError as e:  # SPARQLWrapper lets a 503 through as urllib's error
            outcome["status"] = f"{e.code} {e.read().decode()}"
        outcome["seconds"] = time.monotonic() - start

    t = threading.Thread(target=runaway)
    t.start()
    time.sleep(0.3)
    latencies = []
    while t.is_alive():
        start = time.monotonic()
        w = client(server, JSON)
        w.setQuery("SELECT ?d WHERE { ?d <https://w3id.org/kg-vn/ontology#identifier> '29-NQ/TW' }")
        assert len(w.query().convert()["results"]["bindings"]) == 1
        status, _, _ = get(f"{server.url}{NQ29}")
        assert status == 200
        latencies.append(time.monotonic() - start)
        time.sleep(0.1)
    t.join()
    assert "503" in str(outcome["status"]) and "time limit" in str(outcome["status"])
    assert 2.9 <= float(outcome["seconds"]) < 6  # type: ignore[arg-type]
    assert len(latencies) >= 5 and max(latencies) < 1.0, latencies
    status, _, _ = get(f"{server.url}/sparql?query=ASK%7B%7D", accept="application/sparql-results+json")
    assert status == 200  # the stopped worker was replaced


@pytest.mark.slow
def test_pages_are_json_too_and_paths_never_reach_files(server) -> None:  # type: ignore[no-untyped-def]
    status, body, _headers = get(f"{server.url}{NQ29}", accept="application/json")
    page = json.loads(body)
    assert status == 200 and page["identifier"] == "29-NQ/TW" and "status" in page
    assert json.loads(get(f"{server.url}{NQ29}.json")[1]) == page
    assert "default-src 'self'" in get(f"{server.url}{NQ29}")[2]["content-security-policy"]
    home = json.loads(get(f"{server.url}/", accept="application/json")[1])
    assert home["documents"] == 6 and home["top_directives"][0]["identifier"] == "29-NQ/TW"
    lineage = json.loads(get(f"{server.url}/lineage.json?doc=Ngh%E1%BB%8B+quy%E1%BA%BFt+29&direction=down")[1])
    assert {n["identifier"] for n in lineage["nodes"]} >= {"29-NQ/TW", "51-KL/TW", "224-KH/TU"}
    for bad in ("/id/source/..%2F..%2F..%2Fetc%2Fpasswd", "/static/..%2F..%2Fapp.py", "/id/source/%2Fetc%2Fpasswd",
                "/static/kg.css%00", "/id/doc/nothing-here"):
        status, body, _ = get(f"{server.url}{bad}")
        assert status == 404, bad
        assert "root:" not in body and "import" not in body


@pytest.mark.slow
def test_a_new_build_is_picked_up(corpus: Path, tmp_path: Path) -> None:
    store_dir = str(tmp_path / "store")
    first = tmp_path / "first"
    first.mkdir()
    shutil.copy(SAMPLES / "003_793e23e02999985a.txt", first)
    build([str(first)], store_dir)
    with running_server(store_dir, workers=2) as served:
        assert get(f"{served.url}/search.json?q=121%2FKH-UBND")[1].count('"iri"') == 0
        shutil.copy(HOSTILE, first / HOSTILE.name)
        build([str(first)], store_dir)
        found = json.loads(get(f"{served.url}/search.json?q=121%2FKH-UBND")[1])
        assert [d["identifier"] for d in found["documents"]] == ["121/KH-UBND"]


# -- in Chromium -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    from kg.viz.browser import chromium

    with chromium(1400, 1000) as b:
        yield b


def _no_errors_and_local(browser, server) -> None:  # type: ignore[no-untyped-def]
    log = browser.log()
    assert [m for m in log.console if m["level"] in ("SEVERE", "ERROR")] == []
    outside = [u for u in log.requests if not u.startswith(server.url) and not u.startswith("data:")]
    assert outside == []


@pytest.mark.slow
def test_search_leads_to_the_document_and_its_diagram(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.visit(f"{server.url}/")
    box = browser.driver.find_element(By.CSS_SELECTOR, "main form input[name=q]")
    box.send_keys("Nghị quyết 29", Keys.ENTER)
    deadline = time.monotonic() + 20
    while browser.run("return window.kgReady || null") is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert browser.driver.current_url == f"{server.url}{NQ29}"
    nodes = browser.run("return window.kgDiagram.data.nodes")
    centre = next(n for n in nodes if n["role"] == "centre")
    assert centre["label"] == "29-NQ/TW"
    below = [n for n in nodes if n["y"] > centre["y"]]
    assert "51-KL/TW" in {n["label"] for n in below}
    files = {f for n in below for f in n["sources"] if n["iri"].rsplit("/", 2)[-2] == "file"}
    assert {"001_19aa9179a0f0624f.txt", "003_793e23e02999985a.txt"} <= files
    # the diagram really is drawn: vis-network placed its nodes where the page put them
    drawn = browser.run("return window.kgDiagram.network.getPositions()")
    assert len(drawn) == len(nodes)
    # the directive's coverage
    coverage = browser.driver.find_element(By.ID, "coverage").find_element(By.XPATH, "following-sibling::p[2]").text
    assert "2 / 63" in coverage
    _no_errors_and_local(browser, server)


@pytest.mark.slow
def test_a_quote_opens_the_source_with_it_marked(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.visit(f"{server.url}{NQ29}")
    link = browser.driver.find_element(By.CSS_SELECTOR, "#relations_in a.quote-link")
    quote = link.text.strip("“”")
    link.click()
    mark = browser.driver.find_element(By.CSS_SELECTOR, "pre.source mark#quote")
    assert " ".join(mark.text.split()) == " ".join(quote.split())
    assert browser.run("const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight",
                       mark)
    _no_errors_and_local(browser, server)


@pytest.mark.slow
def test_markup_in_a_title_is_shown_as_text(browser, server) -> None:  # type: ignore[no-untyped-def]
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    browser.visit(f"{server.url}/search?q=121%2FKH-UBND")
    deadline = time.monotonic() + 20
    while browser.run("return window.kgReady || null") is None and time.monotonic() < deadline:
        time.sleep(0.05)
    title = browser.driver.find_element(By.CSS_SELECTOR, "p.title").text
    assert title == "Thực hiện <script>alert(1)</script> công tác giáo dục"
    with pytest.raises(NoAlertPresentException):
        browser.driver.switch_to.alert.text  # noqa: B018
    assert browser.run("return document.querySelectorAll('main script').length") == 1  # the diagram's data only
    browser.visit(f"{server.url}/search?q=alert")
    assert "<script>alert(1)</script>" in browser.driver.find_element(By.TAG_NAME, "main").text
    _no_errors_and_local(browser, server)
