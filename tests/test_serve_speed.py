"""What keeps `kg serve` fast: the search index beside a build gives the answers the graph gives;
pages are kept per build; pages never wait behind users' queries."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from kg.build import build
from kg.build.store import open_build
from kg.serve.cache import CachedPage, PageCache, PageKey
from kg.serve.index import SearchIndex, index_path, make_index
from kg.serve.search import search_graph
from kg.sparql.query import LocalEndpoint
from kg.testing.server import running_server

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
HOSTILE = Path(__file__).resolve().parent / "data" / "serve" / "121_script.txt"
NQ29 = "/id/doc/ban-chap-hanh-trung-uong-dang/29-nq-tw-2013"

#: What people type in the search box, on the samples: numbers, names, words of titles (in any
#: case) and of agencies' names.
TYPED = ["29-NQ/TW", "Nghị quyết 29", "KH 1733", "Kết luận 51", "003_793e23e02999985a.txt",
         "giáo dục", "GIÁO DỤC VÀ ĐÀO TẠO", "đội ngũ nhà giáo", "Hồ Chí Minh", "Chương trình giáo dục phổ thông",
         "huyện An Lão", "Sở Giáo dục", "Ủy ban nhân dân tỉnh", "Liên đoàn Lao động", "xã Hà Bắc", "oàn",
         "<script>", "không có văn bản nào như thế"]


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> str:
    store_dir = str(tmp_path_factory.mktemp("speed") / "store")
    build([str(SAMPLES)], store_dir)
    return store_dir


@pytest.mark.parametrize("typed", TYPED)
def test_the_index_answers_what_the_graph_answers(samples: str, typed: str) -> None:
    folder, store = open_build(samples)
    endpoint = LocalEndpoint(store)
    if SearchIndex.open(folder) is None:
        make_index(folder, endpoint)
    index = SearchIndex.open(folder)
    assert index is not None
    assert search_graph(endpoint, typed, index) == search_graph(endpoint, typed)


def test_the_index_finds_agencies_and_title_words(samples: str) -> None:
    folder, store = open_build(samples)
    make_index(folder, LocalEndpoint(store))
    index = SearchIndex.open(folder)
    assert index is not None
    names = [a.name for a in index.agencies("huyện an lão", 20)]
    assert "huyện An Lão" in names and "Liên đoàn Lao động huyện An Lão" in names
    assert names == sorted(names, key=lambda n: (len(n), n))  # shortest first, as the query orders them
    assert len(index.titles("ĐÀO TẠO", 50)) == len(set(index.titles("đào tạo", 50))) > 0
    assert index.titles("đào tạo", 3) == index.titles("đào tạo", 50)[:3]


def test_the_index_is_written_whole_beside_its_build(samples: str) -> None:
    folder, store = open_build(samples)
    path = make_index(folder, LocalEndpoint(store))
    assert path == index_path(folder) and path.parent == folder.parent
    assert [p.name for p in folder.parent.iterdir() if p.name.endswith(".tmp")] == []


def _page(body: bytes) -> CachedPage:
    return CachedPage(200, body, (("content-type", "text/html"),))


def test_the_cache_keeps_pages_of_one_build_within_its_bytes() -> None:
    page = (ROOT / "data" / "samples" / "003_793e23e02999985a.txt").read_bytes()  # a page-sized body
    cache = PageCache(max_bytes=3 * len(page))
    keys = [PageKey("b1", f"/id/doc/{k}", (), False) for k in range(4)]
    for k in keys:
        cache.put(k, _page(page))
    assert cache.get(keys[0]) is None and cache.get(keys[3]) is not None  # the oldest went first
    assert cache.size <= cache.max_bytes
    cache.put(PageKey("b2", "/", (), False), _page(page))  # a new build: nothing of the old one stays
    assert cache.get(keys[3]) is None and cache.size == len(page)
    assert PageKey("b2", "/", (), True) != PageKey("b2", "/", (), False)  # JSON and HTML apart


# -- a real server -----------------------------------------------------------------------------------

def _get(url: str, accept: str = "text/html") -> tuple[int, bytes, dict[str, str]]:
    import urllib.error
    import urllib.request

    req = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read(), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read(), dict(e.headers)


def _post(url: str, query: str, accept: str) -> tuple[int, bytes, dict[str, str]]:
    import urllib.request

    req = urllib.request.Request(url, data=query.encode(), headers={"Accept": accept,
                                                                    "Content-Type": "application/sparql-query"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read(), {k.lower(): v for k, v in r.headers.items()}


@pytest.mark.slow
def test_pages_are_kept_per_build(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SAMPLES / "003_793e23e02999985a.txt", folder)
    store_dir = str(tmp_path / "store")
    build([str(folder)], store_dir)
    with running_server(store_dir) as served:
        first = _get(f"{served.url}/", accept="application/json")
        again = _get(f"{served.url}/", accept="application/json")
        html = _get(f"{served.url}/")
        assert (first[2]["x-kg-cache"], again[2]["x-kg-cache"], html[2]["x-kg-cache"]) == ("miss", "hit", "miss")
        assert first[1] == again[1] and json.loads(first[1])["documents"] > 0
        assert "default-src 'self'" in _get(f"{served.url}/")[2]["content-security-policy"]  # headers kept
        missing = _get(f"{served.url}/id/doc/nothing-here")
        assert missing[0] == 404 and _get(f"{served.url}/id/doc/nothing-here")[2].get("x-kg-cache") != "hit"
        count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?s <https://w3id.org/kg-vn/ontology#describes> ?d }"
        asked = [_post(f"{served.url}/sparql", count, accept) for accept in ("text/csv", "text/csv", "application/sparql-results+json")]
        assert [a[2]["x-kg-cache"] for a in asked] == ["miss", "hit", "miss"]  # a query's answer, by its format
        assert asked[0][1] == asked[1][1] and asked[0][1].decode().split()[-1] == "1"
        shutil.copy(HOSTILE, folder / HOSTILE.name)
        build([str(folder)], store_dir)  # a new build: the home page is made again
        after = _get(f"{served.url}/", accept="application/json")
        assert after[2]["x-kg-cache"] == "miss"
        assert json.loads(after[1])["documents"] == json.loads(first[1])["documents"] + 1
        again = _post(f"{served.url}/sparql", count, "text/csv")
        assert again[2]["x-kg-cache"] == "miss" and again[1].decode().split()[-1] == "2"


@pytest.mark.slow
def test_pages_do_not_wait_behind_queries(samples: str) -> None:
    """One query worker held by a runaway query, another query waiting for it: pages and searches
    are answered meanwhile, each well under a second."""
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with running_server(samples, query_timeout=4.0, workers=1) as served:
        statuses: list[int] = []

        def query() -> None:
            statuses.append(_get(f"{served.url}/sparql?" + urllib.parse.urlencode({"query": runaway}),
                                 accept="application/sparql-results+json")[0])

        threads = [threading.Thread(target=query) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        latencies = []
        for path in [NQ29, "/search.json?q=gi%C3%A1o+d%E1%BB%A5c", "/", NQ29 + ".json",
                     "/search.json?q=An+L%C3%A3o"] * 2:
            start = time.monotonic()
            status, _, _ = _get(f"{served.url}{path}")
            latencies.append(time.monotonic() - start)
            assert status == 200, path
        assert any(t.is_alive() for t in threads)  # the queries were still running all along
        for t in threads:
            t.join()
        assert statuses == [503, 503]
        assert max(latencies) < 1.0, latencies


#: A value for each parameter of the named queries, on the samples (as tests/test_serve.py).
PARAMS = {"directive": "29-NQ/TW", "document": "003_793e23e02999985a.txt", "issuer": "Ủy ban nhân dân",
          "province": "Quảng Ngãi", "from": "224-KH/TU", "to": "51-KL/TW",
          "agency": "Phòng Giáo dục và Đào tạo huyện An Lão", "level": "province", "since": "2023-01-01"}


@pytest.mark.slow
def test_kg_query_against_kg_serve_keeps_lateral_and_the_rows(samples: str) -> None:
    from kg.sparql.query import bind_params, named_queries
    from kg.sparql.remote import RemoteEndpoint, for_remote

    local = LocalEndpoint(open_build(samples)[1])
    with running_server(samples) as served:
        remote = RemoteEndpoint(f"{served.url}/sparql")
        assert remote.speaks_lateral()
        kept = 0
        for q in named_queries():
            bindings = bind_params(local, q, {p.name: PARAMS[p.name] for p in q.params})
            kept += "LATERAL" in for_remote(q.text, bindings, keep_lateral=True)
            rows = sorted(sorted((k, v.value) for k, v in r.items()) for r in remote.select(q, bindings).rows)
            assert rows == sorted(sorted((k, v.value) for k, v in r.items()) for r in local.select(q, bindings).rows), \
                q.name
        assert kept > 0  # some named queries do use LATERAL, and it reached the server
