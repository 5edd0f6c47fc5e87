"""The graph of the samples: identity of documents, the named queries with their exact rows,
`kg lineage`, `kg validate` and the store's replace-only-when-complete rule."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, SAMPLES
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from kg.build import build
from kg.build.store import current_path, open_store
from kg.cli import main
from kg.graph.vocab import KG, XSD
from kg.reports.lineage import lineage
from kg.sparql.query import AmbiguousDocument, LocalEndpoint, QueryError, bind_params, load_query, named_queries
from kg.sparql.query import resolve_document as resolve

GRAPH_DOCS = DATA / "graph"
SEED_001, SEED_003 = "001_19aa9179a0f0624f.txt", "003_793e23e02999985a.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(store: Path, name: str, params: dict[str, str], columns: tuple[str, ...]) -> list[tuple]:
    endpoint = LocalEndpoint(open_store(store))
    q = load_query(name)
    results = endpoint.select(q, bind_params(endpoint, q, params))
    return [tuple(r[c].short() if c in r else None for c in columns) for r in results.rows]


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples with the three plans of tests/data/graph (see its README.md)."""
    store = tmp_path_factory.mktemp("mixed-store")
    build([str(SAMPLES), str(GRAPH_DOCS)], str(store))
    return store


# --------------------------------------------------------------------------------------------
# Every named query, with its exact rows on the sample graph

#: (identifier, or title when there is none, and how many files cite it); most cited first, then by IRI
OUTSIDE_CORPUS = [
    (None, 'Chương trình giáo dục phổ thông 2018', '4'),
    ('51-KL/TW', None, '2'),
    ('29-NQ/TW', None, '2'),
    ('13/2020/TT-BGDĐT', None, '2'),
    ('14/2020/TT-BGDĐT', None, '2'),
    ('94-NQ/HU', None, '1'),
    ('416-TB/HU', None, '1'),
    ('1556-QĐ/TU', None, '1'),
    ('01-KL/TW', None, '1'),
    ('05-CT/TW', None, '1'),
    ('1112/CT-BGDĐT', None, '1'),
    ('18/2018/TT-BGDĐT', None, '1'),
    ('19/2018/TT-BGDĐT', None, '1'),
    (None, 'Chương trình “Tăng cường giáo dục lý tưởng cách mạng, đạo đức, lối sống và khơi dậy khát vọng cống hiến cho thanh niên, thiếu niên, nhi đồng giai đoạn 2021 - 2030”', '1'),
    (None, 'Đề án “Giáo dục hướng nghiệp và định hướng phân luồng học sinh trong giáo dục phổ thông giai đoạn 2018 - 2025”', '1'),
    (None, 'Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045”', '1'),
    (None, 'Đề án “Phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia giai đoạn 2022-2025, tầm nhìn đến năm 2030”', '1'),
    (None, 'Đề án “Tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo giai đoạn 2022-2025, định hướng đến năm 2030”', '1'),
    ('43/2019/QH14', None, '1'),
    ('1733/KH-SGDĐT', None, '1'),
    ('1471/QĐ-SGDĐT', None, '1'),
    ('697/KH-SGDĐT', None, '1'),
    ('06/QĐ-TTg', None, '1'),
    ('131/QĐ-TTg', None, '1'),
    ('2239/QĐ-TTg', None, '1'),
    ('30/2021/QĐ-TTg', None, '1'),
    ('31/CT-TTg', None, '1'),
    ('522/QĐ-TTg', None, '1'),
    ('224-KH/TU', None, '1'),
    ('51-CTr/TU', None, '1'),
    ('3380/QĐ-UBND', None, '1'),
    ('43/KH-UBND', None, '1'),
    ('80/KH-UBND', None, '1'),
    ('23/KH-UBND', None, '1'),
    ('3131/UBND-VP', None, '1'),
    ('4808/KH-UBND', None, '1'),
    ('1455/QĐ-UBND', None, '1'),
    ('158/KH-UBND', None, '1'),
    ('5447/KH-UBND', None, '1'),
    ('68/QĐ-UBND', None, '1'),
    ('502-TB/VPTU', None, '1'),
]

NAMED_QUERY_ROWS = [
    ("implementers", {"directive": "Nghị quyết 29"}, ("identifier", "issuer", "date", "direct"), [
        ("51-CTr/TU", "Tỉnh ủy Quảng Ngãi", "2014-07-23", "true"),
        ("5447/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Ngãi", "2014-11-24", "true"),
        ("697/KH-SGDĐT", "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "2014-12-17", "true"),
        ("51-KL/TW", "Ban Bí thư", "2019-05-30", "true"),  # continues it
        (None, "Ủy ban nhân dân huyện Cẩm Giàng", "2023", "true"),  # seed 001
        (None, "Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "2023", "true"),  # seed 003
        ("224-KH/TU", "Tỉnh ủy Quảng Ngãi", "2019-09-30", "false"),  # through 51-KL/TW
        ("158/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Ngãi", "2019-12-16", "false"),
    ]),
    ("directives_above", {"document": SEED_003}, ("identifier", "date", "direct"), [
        ("29-NQ/TW", "2013-11-04", "true"),
        ("51-CTr/TU", "2014-07-23", "true"),
        ("5447/KH-UBND", "2014-11-24", "true"),
        ("697/KH-SGDĐT", "2014-12-17", "true"),
        ("224-KH/TU", "2019-09-30", "true"),
        ("158/KH-UBND", "2019-12-16", "true"),
        ("1112/CT-BGDĐT", "2022-08-19", "true"),
        ("1471/QĐ-SGDĐT", "2022-09-14", "true"),
        ("1455/QĐ-UBND", "2022-12-16", "true"),
        ("68/QĐ-UBND", "2023-01-19", "true"),
        ("51-KL/TW", "2019-05-30", "false"),
    ]),
    ("lag", {"directive": "29-NQ/TW"}, ("identifier", "date", "lag_days"), [
        ("51-CTr/TU", "2014-07-23", "261"),
        ("5447/KH-UBND", "2014-11-24", "385"),
        ("697/KH-SGDĐT", "2014-12-17", "408"),
        ("51-KL/TW", "2019-05-30", "2033"),
        ("224-KH/TU", "2019-09-30", "2156"),
        ("158/KH-UBND", "2019-12-16", "2233"),
    ]),
    ("by_issuer", {"issuer": "tỉnh ủy quảng ngãi"}, ("identifier", "date", "in_corpus"), [
        ("51-CTr/TU", "2014-07-23", "false"),
        ("224-KH/TU", "2019-09-30", "false"),
    ]),
    ("by_locality", {"province": "Hải Phòng"}, ("locality", "date", "issuer"), [
        ("huyện An Lão", "2024-03", "Ủy ban nhân dân huyện An Lão"),
        ("xã Hà Bắc", "2026", "Ủy ban nhân dân xã Hà Bắc"),
    ]),
    ("corpus", {}, ("type", "level", "documents", "earliest", "latest"), [
        ("Plan", "district", "3", "2023", "2024-03"),
        ("Plan", "commune", "1", "2026", "2026"),
        ("Plan", "provincial", "1", "2023", "2023"),
    ]),
    ("agencies", {"since": "2024-03-28"}, ("name", "tasks", "next_deadline"), [  # most tasks first, then by IRI
        ('Phòng Giáo dục và Đào tạo huyện Cẩm Giàng', '9', None),
        ('Phòng Giáo dục và Đào tạo huyện Cao Lộc', '9', '2024-06-30'),
        ('Ủy ban nhân dân xã Hà Bắc', '4', None),
        ('Phòng Tài chính - Kế hoạch huyện Cẩm Giàng', '3', None),
        ('Phòng Giáo dục và Đào tạo huyện An Lão', '2', '2024-03-30'),
        ('Phòng Kinh tế - Hạ tầng huyện Cẩm Giàng', '2', None),
        ('Phòng Nội vụ huyện Cẩm Giàng', '2', None),
        ('Phòng Tài chính - Kế hoạch huyện Cao Lộc', '2', None),
        ('Ban Quản lý Dự án đầu tư xây dựng huyện', '1', None),
        ('Ban Tổ chức Huyện ủy An Lão', '1', None),
        ('Ban Tuyên giáo Huyện ủy An Lão', '1', None),
        ('Ban Tuyên giáo Huyện ủy Cẩm Giàng', '1', None),
        ('Huyện Đoàn', '1', None),
        ('Huyện đoàn', '1', None),
        ('Liên đoàn Lao động huyện An Lão', '1', None),
        ('Phòng Kinh tế - Hạ tầng huyện An Lão', '1', None),
        ('Phòng Lao động - Thương binh và Xã hội huyện Cẩm Giàng', '1', None),
        ('Phòng Nội vụ huyện An Lão', '1', None),
        ('Phòng Nội vụ huyện Cao Lộc', '1', None),
        ('Phòng Tài chính - Kế hoạch huyện An Lão', '1', None),
        ('Phòng Tài nguyên và Môi trường huyện An Lão', '1', None),
        ('Phòng Tài nguyên và Môi trường huyện Cẩm Giàng', '1', None),
        ('Phòng Tài nguyên và Môi trường huyện Cao Lộc', '1', '2024-06-30'),
        ('Phòng Văn hóa và Thông tin huyện An Lão', '1', None),
        ('Phòng Văn hóa và Thông tin huyện Cẩm Giàng', '1', None),
        ('Phòng Văn hóa - Xã hội xã Hà Bắc', '1', None),
        ('Phòng Y tế huyện An Lão', '1', None),
        ('Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', '1', None),
        ('Thanh tra huyện', '1', None),
        ('Trung tâm Phát triển quỹ đất', '1', '2024-06-30'),
        ('Ủy ban Mặt trận Tổ quốc Việt Nam huyện Cẩm Giàng', '1', None),
        ('Ủy ban nhân dân xã Thụy Hùng', '1', '2024-06-30'),
        ('Văn phòng Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi', '1', None),
    ]),
    ("evidence", {"from": "224-KH/TU", "to": "51-KL/TW"}, ("relation", "file", "start", "end", "quote"), [
        ("kg:implements", SEED_003, "156", "279", "Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về "
         "thực hiện Kết luận số 51-KL/TW ngày 30/5/2019 của Ban Bí thư"),
    ]),
    ("tasks", {"agency": "Phòng Giáo dục và Đào tạo huyện An Lão"}, ("name", "role", "deadline", "file"), [
        ("Phòng Giáo dục và Đào tạo huyện An Lão", "report", "2024-03-25", "000_62c2f09d4a06f2f4.txt"),
        ("Phòng Giáo dục và Đào tạo huyện An Lão", "lead", "2024-03-30", "000_62c2f09d4a06f2f4.txt"),
    ]),
    ("coverage", {"directive": "29-NQ/TW", "level": "province"}, ("code", "name", "file", "lag_days"), [
        ("30", "tỉnh Hải Dương", "001_19aa9179a0f0624f.txt", None),  # Cẩm Giàng's plan, dated 2023 only
        ("51", "tỉnh Quảng Ngãi", "003_793e23e02999985a.txt", None),
    ]),
    ("coverage", {"directive": "29-NQ/TW", "level": "district"}, ("code", "name", "file", "lag_days"), [
        ("295", "huyện Cẩm Giàng", "001_19aa9179a0f0624f.txt", None),
    ]),
    # no sample says anything of the force of 29-NQ/TW: unknown (tests/test_status.py has the others)
    ("status", {"document": "29-NQ/TW"}, ("identifier", "status", "since", "by_identifier"),
     [("29-NQ/TW", "unknown", None, None)]),
    ("conflicts", {}, ("identifier", "date", "file"), []),  # the samples agree; see the mixed graph below
    ("unresolved", {}, ("identifier", "file", "candidate"), []),
]


@pytest.mark.parametrize("name, params, columns, expected", NAMED_QUERY_ROWS, ids=[c[0] for c in NAMED_QUERY_ROWS])
def test_named_query_rows(sample_store: Path, name: str, params: dict, columns: tuple, expected: list) -> None:
    assert rows(sample_store, name, params, columns) == expected


def test_outside_corpus_rows(sample_store: Path) -> None:
    got = rows(sample_store, "outside_corpus", {}, ("identifier", "title", "citing_files"))
    assert [(i, t if i is None else None, n) for i, t, n in got] == OUTSIDE_CORPUS


def test_every_named_query_is_tested_and_documented() -> None:
    tested = {c[0] for c in NAMED_QUERY_ROWS} | {"outside_corpus"}
    for q in named_queries():
        assert q.name in tested, f"queries/{q.name}.rq has no test of its rows"
        assert q.description, f"queries/{q.name}.rq does not say what it answers"
        assert all(p.help for p in q.params), f"queries/{q.name}.rq: a parameter without help"


def test_conflicting_dates_are_kept_with_their_sources(mixed_store: Path) -> None:
    assert rows(mixed_store, "conflicts", {}, ("identifier", "date", "file")) == [
        ("158/KH-UBND", "2019-12-16", SEED_003),
        ("158/KH-UBND", "2019-12-17", "cam-giang-120-KH-UBND.txt"),
    ]


def test_a_citation_that_could_be_several_documents_stays_unresolved(mixed_store: Path) -> None:
    assert rows(mixed_store, "unresolved", {}, ("identifier", "file", "candidate")) == [
        ("3380/QĐ-UBND", "no-header-plan.txt", "kgd:doc/uy-ban-nhan-dan-huyen-an-lao--hai-phong/3380-qd-ubnd-2022"),
        ("3380/QĐ-UBND", "no-header-plan.txt", "kgd:doc/uy-ban-nhan-dan-huyen-cam-giang--hai-duong/3380-qd-ubnd-2022"),
        ("3380/QĐ-UBND", "no-header-plan.txt", "kgd:doc/uy-ban-nhan-dan-huyen-cao-loc--lang-son/3380-qd-ubnd"),
    ]


# --------------------------------------------------------------------------------------------
# Identity: one node per real document


def test_the_same_number_from_two_districts_is_two_documents(mixed_store: Path) -> None:
    code, _, err = run("lineage", "3380/QĐ-UBND", "--store", str(mixed_store))
    assert code == 2
    assert "could be 3 documents" in err
    assert "Ủy ban nhân dân huyện An Lão, 2022-09-28" in err and "Ủy ban nhân dân huyện Cẩm Giàng, 2022-09-28" in err


def test_a_citation_without_date_joins_the_one_document_it_can_be(mixed_store: Path) -> None:
    got = rows(mixed_store, "by_issuer", {"issuer": "Ban Bí thư"}, ("identifier", "date"))
    assert got == [("51-KL/TW", "2019-05-30")]  # cited with its date by seed 003 and without by Cao Lộc
    endpoint = LocalEndpoint(open_store(mixed_store))
    node = resolve(endpoint, "51-KL/TW")
    sources = lineage(endpoint, node, "down").nodes[0].sources
    assert sources == [SEED_001, SEED_003, "cam-giang-120-KH-UBND.txt", "cao-loc-15-KH-UBND.txt"]


def test_a_document_cited_by_several_files_is_one_node_with_all_of_them(sample_store: Path) -> None:
    data = json.loads(run("lineage", "29-NQ/TW", "--format", "json", "--store", str(sample_store))[1])
    [root] = [n for n in data["nodes"] if n["iri"] == data["root"]]
    assert root["identifier"] == "29-NQ/TW" and root["sources"] == [SEED_001, SEED_003]
    assert root["issuer"] == "Ban Chấp hành Trung ương Đảng" and root["date"] == "2013-11-04"


# --------------------------------------------------------------------------------------------
# Finding documents as people type them

@pytest.mark.parametrize("typed, identifier", [
    ("29-NQ/TW", "29-NQ/TW"),
    ("Nghị quyết 29", "29-NQ/TW"),
    ("nghị quyết số 29-NQ/TW", "29-NQ/TW"),
    ("Nghị quyết Trung ương 8 khóa XI", "29-NQ/TW"),  # an alias from the catalogue
    ("Kế hoạch 1733/KH-SGDĐT", "1733/KH-SGDĐT"),
    ("KH 1733", "1733/KH-SGDĐT"),
    ("3380/QĐ-UBND", "3380/QĐ-UBND"),
    ("Kết luận 51", "51-KL/TW"),
])
def test_documents_are_found_as_people_type_them(sample_store: Path, typed: str, identifier: str) -> None:
    endpoint = LocalEndpoint(open_store(sample_store))
    iri = resolve(endpoint, typed)
    assert lineage(endpoint, iri, "down").nodes[0].identifier == identifier


def test_a_corpus_document_without_a_number_is_found_by_its_file_name(sample_store: Path) -> None:
    endpoint = LocalEndpoint(open_store(sample_store))
    node = lineage(endpoint, resolve(endpoint, SEED_003), "up").nodes[0]
    assert node.identifier is None and node.sources == [SEED_003]
    assert node.title == "làm việc với Ủy ban nhân dân các huyện về công tác giáo dục và đào tạo tại địa phương"


def test_an_ambiguous_document_lists_the_candidates(mixed_store: Path) -> None:
    endpoint = LocalEndpoint(open_store(mixed_store))
    with pytest.raises(AmbiguousDocument) as caught:
        resolve(endpoint, "Quyết định 3380")
    message = str(caught.value)
    assert message.startswith("'Quyết định 3380' could be 3 documents; say which:")
    assert "3380/QĐ-UBND, Ủy ban nhân dân huyện Cao Lộc  <https://w3id.org/kg-vn/id/doc/" in message


# --------------------------------------------------------------------------------------------
# kg lineage: the acceptance examples


def test_lineage_down_from_29_reaches_both_seed_plans_and_the_chains(sample_store: Path) -> None:
    code, out, _ = run("lineage", "29-NQ/TW", "--down", "--format", "json", "--store", str(sample_store))
    assert code == 0
    data = json.loads(out)
    sources = {s for n in data["nodes"] for s in n["sources"]}
    assert {SEED_001, SEED_003} <= sources
    ident = {n["iri"]: n["identifier"] for n in data["nodes"]}
    edges = {(ident[e["from"]], e["relation"], ident[e["to"]]) for e in data["edges"]}
    assert ("224-KH/TU", "implements", "51-KL/TW") in edges
    assert ("51-KL/TW", "continues", "29-NQ/TW") in edges
    assert ("697/KH-SGDĐT", "implements", "29-NQ/TW") in edges
    for e in data["edges"]:
        assert e["quote"] and e["sources"], e  # every edge is proved
    assert set(data) == {"root", "nodes", "edges"}
    assert set(data["nodes"][0]) == {"iri", "identifier", "type", "title", "date", "issuer", "sources"}


def test_lineage_down_from_94_reaches_the_decision_and_the_seed_000_plan(sample_store: Path) -> None:
    code, out, _ = run("lineage", "94-NQ/HU", "--down", "--store", str(sample_store))
    assert code == 0
    assert "[implements] 3380/QĐ-UBND — Quyết định, Ủy ban nhân dân huyện An Lão, 2022-09-28" in out
    assert "[reviews] Sơ kết 02 năm thực hiện Quyết định số: 3380/QĐ-UBND" in out
    data = json.loads(run("lineage", "94-NQ/HU", "--format", "json", "--store", str(sample_store))[1])
    assert "000_62c2f09d4a06f2f4.txt" in {s for n in data["nodes"] if n["identifier"] is None for s in n["sources"]}


def test_lineage_up_from_the_seed_003_file_reaches_29(sample_store: Path) -> None:
    code, out, _ = run("lineage", SEED_003, "--up", "--format", "json", "--store", str(sample_store))
    assert code == 0
    data = json.loads(out)
    assert "29-NQ/TW" in {n["identifier"] for n in data["nodes"]}
    code, text, _ = run("lineage", SEED_003, "--up", "--store", str(sample_store))
    assert "[implements] 29-NQ/TW — Nghị quyết, Ban Chấp hành Trung ương Đảng, 2013-11-04" in text
    assert "“thực hiện các nội dung của Nghị quyết số 29-NQ/TW" in text


def test_lineage_does_not_follow_plain_mentions(sample_store: Path) -> None:
    data = json.loads(run("lineage", "13/2020/TT-BGDĐT", "--format", "json", "--store", str(sample_store))[1])
    relations = {e["relation"] for e in data["edges"]}
    assert relations <= {"implements", "continues", "reviews", "basedOn", "guides", "promulgates"}


def test_an_unknown_document_is_one_error_line(sample_store: Path) -> None:
    code, out, err = run("lineage", "Nghị quyết 9999", "--store", str(sample_store))
    assert code == 2 and out == "" and err.startswith("Error: no document in the graph matches")


# --------------------------------------------------------------------------------------------
# kg query: parameters are bound, updates refused, formats


def test_query_json_is_the_sparql_results_format(sample_store: Path) -> None:
    code, out, _ = run("query", "lag", "--param", "directive=29-NQ/TW", "--format", "json", "--store",
                       str(sample_store))
    assert code == 0
    data = json.loads(out)
    assert data["head"]["vars"] == ["directive", "document", "identifier", "issuer", "date", "lag_days"]
    first = data["results"]["bindings"][0]
    assert first["lag_days"] == {"type": "literal", "value": "261", "datatype": XSD.integer}
    assert first["document"]["type"] == "uri"


def test_query_csv_and_sparql_text(sample_store: Path) -> None:
    code, out, _ = run("query", f"SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{ ?s <{KG.describes}> ?d }}",
                       "--format", "csv", "--store", str(sample_store))
    assert code == 0 and out.splitlines() == ["n", "5"]


#: Values that would change the query if they were pasted into its text.
HOSTILE_VALUES = [
    'Ban" } ?x ?y ?z . FILTER(true',
    "x' } ; DROP ALL ; #",
    "}}}} ;;; {{",
    '\\" . } INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "tỉnh ủy quảng ngãi\n} UNION { ?d ?p ?o } #",
    '""" ) } #',
]


@pytest.mark.parametrize("value", HOSTILE_VALUES)
def test_a_parameter_value_is_bound_not_pasted(sample_store: Path, value: str) -> None:
    before = len(open_store(sample_store))
    code, out, _ = run("query", "by_issuer", "--param", f"issuer={value}", "--store", str(sample_store))
    assert code == 0 and "(0 rows)" in out
    code, out, _ = run("query", "tasks", "--param", f"agency={value}", "--store", str(sample_store))
    assert code == 0 and "(0 rows)" in out
    assert len(open_store(sample_store)) == before


def test_query_errors(sample_store: Path) -> None:
    store = str(sample_store)
    assert run("query", "implementers", "--store", store)[0] == 2  # missing parameter
    code, _, err = run("query", "implementers", "--param", "directve=29-NQ/TW", "--store", store)
    assert code == 2 and "has no parameter directve" in err
    code, _, err = run("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }", "--store", store)
    assert code == 2 and "read-only" in err
    code, _, err = run("query", "nonesuch", "--store", store)
    assert code == 2 and "no query named 'nonesuch'" in err
    code, _, err = run("query", "SELECT * WHERE { ?s ?p }", "--store", store)
    assert code == 2 and "not valid SPARQL" in err
    with pytest.raises(QueryError):
        load_query("nonesuch")


def test_query_list_shows_every_named_query_and_its_parameters() -> None:
    code, out, _ = run("query", "--list")
    assert code == 0
    for q in named_queries():
        assert f"{q.name}: {q.description}" in out
    assert "--param directive=<document>" in out and "--param since=<date> (optional)" in out


def test_a_missing_store_is_one_error_line(tmp_path: Path) -> None:
    code, _, err = run("lineage", "29-NQ/TW", "--store", str(tmp_path / "none"))
    assert code == 2 and err.startswith("Error: no graph in") and "kg build" in err


# --------------------------------------------------------------------------------------------
# kg build and kg validate


def test_build_writes_trig_and_a_summary(tmp_path: Path) -> None:
    code, out, err = run("build", str(SAMPLES), "--store", str(tmp_path / "s"), "--out", str(tmp_path / "g.trig"))
    assert code == 0
    assert "documents: 5" in out and "resolved: 100.0%" in out and "conflicting facts: 0" in out
    assert "5/5 files" in err and "docs/s" in err
    trig = (tmp_path / "g.trig").read_text(encoding="utf-8")
    assert "kg:Citation" in trig and "GRAPH" not in trig.upper().split("@PREFIX")[0]
    graphs = {q.graph_name.value for q in parse(path=str(tmp_path / "g.trig"), format=RdfFormat.TRIG)
              if isinstance(q.graph_name, NamedNode)}
    assert len(graphs) == 6 and all("/graph/" in g for g in graphs)  # one per source file, and the catalogue


def test_a_failed_build_leaves_the_previous_graph(tmp_path: Path) -> None:
    store = tmp_path / "s"
    assert run("build", str(SAMPLES), "--store", str(store))[0] == 0
    before = current_path(store).resolve()
    code, _, err = run("build", str(tmp_path / "missing"), "--store", str(store))
    assert code == 2 and "nothing to build" in err
    assert current_path(store).resolve() == before
    assert run("lineage", "29-NQ/TW", "--store", str(store))[0] == 0


def test_an_unreadable_file_is_named_and_the_others_are_built(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SAMPLES / SEED_003, docs)
    (docs / "broken.txt").write_bytes(b"\x81 K\xea ho\xb9ch")  # not UTF-8
    code, out, err = run("build", str(docs), str(tmp_path / "missing.txt"), "--store", str(tmp_path / "s"))
    assert code == 1
    assert "documents: 1 (2 could not be read)" in out
    assert "broken.txt: not UTF-8 text" in err and "missing.txt: no such file or folder" in err
    assert run("lineage", SEED_003, "--up", "--store", str(tmp_path / "s"))[0] == 0


@pytest.mark.slow
def test_validate_conforms_on_the_sample_graph(sample_store: Path) -> None:
    code, out, _ = run("validate", "--store", str(sample_store))
    assert code == 0 and "conforms" in out


@pytest.mark.slow
def test_validate_reports_a_broken_document(tmp_path: Path) -> None:
    store = tmp_path / "s"
    build([str(SAMPLES)], str(store))
    endpoint = LocalEndpoint(open_store(store))
    iri = resolve(endpoint, "29-NQ/TW")
    del endpoint
    writable = Store(str(current_path(store).resolve()))
    doc = NamedNode(iri)
    writable.add(Quad(doc, NamedNode(KG.date), Literal("2014-01-01", datatype=NamedNode(XSD.date))))
    writable.add(Quad(doc, NamedNode(KG.implements), doc))
    writable.flush()
    del writable
    code, out, _ = run("validate", "--store", str(store))
    assert code == 1
    assert "does not conform" in out
    assert "(29-NQ/TW): kg:date:" in out
    assert "(29-NQ/TW): kg:implements: a document does not act on itself" in out


def test_validate_without_a_store_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("validate", "--store", str(tmp_path / "none"))
    assert code == 2 and err.startswith("Error: ")


# --------------------------------------------------------------------------------------------
# Promulgation: "Quyết định ... ban hành Kế hoạch ..." puts the plan below the decision


def test_a_promulgated_plan_acts_on_what_its_decision_acts_on() -> None:
    from kg.graph.quads import acts_on

    decision, plan, resolution = "urn:d", "urn:p", "urn:r"
    edges = {(decision, KG.implements, resolution): [], (decision, KG.promulgates, plan): []}
    assert acts_on(edges) == [(decision, resolution), (plan, resolution)]


def test_the_tree_puts_a_promulgated_plan_under_its_decision() -> None:
    from kg.reports.lineage import Lineage, LineageEdge, LineageNode

    nodes = [LineageNode("urn:r", "94-NQ/HU", "Resolution", None, "2022-04-08", "Ban Thường vụ Huyện ủy An Lão", []),
             LineageNode("urn:d", "3380/QĐ-UBND", "Decision", None, "2022-09-28", "Ủy ban nhân dân huyện An Lão", []),
             LineageNode("urn:p", None, "Plan", "Kế hoạch hành động", "2022-09-28", None, [])]
    edges = [LineageEdge("urn:d", "implements", "urn:r", ["a.txt"], "Quyết định số 3380 ... thực hiện Nghị quyết 94"),
             LineageEdge("urn:d", "promulgates", "urn:p", ["a.txt"], "Quyết định số 3380 ... ban hành Kế hoạch")]
    down = Lineage("urn:r", "down", nodes, edges).to_text().splitlines()
    assert down[1].startswith("└── [implements] 3380/QĐ-UBND")
    assert down[3].strip().startswith("└── [promulgated by] Kế hoạch hành động")
    up = Lineage("urn:p", "up", [nodes[2], nodes[1], nodes[0]], edges).to_text().splitlines()
    assert up[1].startswith("└── [promulgated by] 3380/QĐ-UBND")
    assert up[3].strip().startswith("└── [implements] 94-NQ/HU")


def test_ask_and_construct_queries(sample_store: Path) -> None:
    store = str(sample_store)
    code, out, _ = run("query", f'ASK {{ ?d <{KG.identifier}> "29-NQ/TW" }}', "--format", "json", "--store", store)
    assert code == 0 and json.loads(out) == {"head": {}, "boolean": True}
    query = f"CONSTRUCT {{ ?d <{KG.identifier}> ?i }} WHERE {{ ?d <{KG.identifier}> ?i . FILTER(?i = \"51-KL/TW\") }}"
    code, out, _ = run("query", query, "--store", store)
    assert code == 0 and 'kg:identifier "51-KL/TW"' in out  # Turtle with the project's prefixes
    code, out, _ = run("query", query, "--format", "csv", "--store", store)
    assert out.strip() == f'<https://w3id.org/kg-vn/id/doc/ban-bi-thu/51-kl-tw-2019> <{KG.identifier}> "51-KL/TW" .'


def test_two_communes_whose_names_differ_only_by_accents_are_two_bodies() -> None:
    from kg.graph.resolve import agency_slug
    from kg.model import Agency

    phu = agency_slug(Agency("Ủy ban nhân dân xã Hoằng Phú", "commune", "Thanh Hóa", "state"))
    phu_task = agency_slug(Agency("Ủy ban nhân dân xã Hoằng Phú", None, "Thanh Hóa", None))
    phu_dot = agency_slug(Agency("Ủy ban nhân dân xã Hoằng Phụ", "commune", "Thanh Hóa", "state"))
    assert phu != phu_dot and phu.startswith("uy-ban-nhan-dan-xa-hoang-phu--thanh-hoa-")
    assert phu == phu_task  # named in a task or as an issuer, one body
    assert agency_slug(Agency("Ủy ban nhân dân huyện An Lão", "district", "Hải Phòng", "state")) == \
        "uy-ban-nhan-dan-huyen-an-lao--hai-phong"  # a name no other place shares keeps its plain form


def test_a_joint_circular_names_every_body_in_json_and_its_lead_body_in_the_graph(tmp_path: Path) -> None:
    # 370's line: the JSON writes both ministries; the graph names one issuer per document, the
    # lead body, never a made-up agency called by both names
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "joint.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 12/QĐ-UBND\nHà Nội, ngày 03 tháng 12 năm 2025\n\nCăn cứ Thông tư liên tịch số 41/2013/TTLT-BYT-BLĐTBXH "
        "ngày 18 tháng 11 năm 2013 của Bộ trưởng Bộ Y tế và Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn "
        "khám giám định bệnh, tật, dị dạng, dị tật;\n", encoding="utf-8")
    code, out, _ = run("extract", str(docs / "joint.txt"), "--format", "json")
    issuer = json.loads(out)[0]["references"][0]["issuer"]
    assert code == 0 and issuer["name"] == "Bộ Y tế, Bộ Lao động - Thương binh và Xã hội"
    assert [m["name"] for m in issuer["members"]] == ["Bộ Y tế", "Bộ Lao động - Thương binh và Xã hội"]
    build([str(docs)], str(tmp_path / "store"))
    store = open_store(tmp_path / "store")
    query = (f'SELECT ?name WHERE {{ ?d <{KG.identifier}> "41/2013/TTLT-BYT-BLĐTBXH" ; <{KG.issuer}> ?a . '
             f'?a <{KG.name}> ?name }}')
    assert [r["name"].value for r in store.query(query)] == ["Bộ Y tế"]
    every = f"SELECT ?name WHERE {{ ?a a <{KG.Agency}> ; <{KG.name}> ?name }}"
    assert not [r for r in store.query(every) if ", " in r["name"].value]
