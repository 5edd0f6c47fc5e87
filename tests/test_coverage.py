"""kg coverage and kg tasks: which localities acted on a directive and how late (the report and
the named query agree), who must do what by when."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import DATA, ROOT, SAMPLES
from test_cli import run

from kg.build.store import open_store
from kg.graph.vocab import ONTOLOGY
from kg.reports.coverage import coverage
from kg.sparql.query import LocalEndpoint, Term, bind_params, load_query, parse_query, resolve_document


@pytest.fixture(scope="module")
def store(corpus_store: Path) -> Path:
    return corpus_store


def query_rows(store: Path, directive: str, level: str) -> set[tuple[int, str, int | None]]:
    code, out, err = run("query", "coverage", "--param", f"directive={directive}", "--param", f"level={level}",
                         "--format", "json", "--store", str(store))
    assert code == 0, err
    rows = json.loads(out)["results"]["bindings"]
    return {(int(r["code"]["value"]), r["document"]["value"], int(r["lag_days"]["value"]) if "lag_days" in r else None)
            for r in rows}


def report_rows(report: dict) -> set[tuple[int, str, int | None]]:
    return {(row["code"], d["iri"], d["lag_days"]) for row in report["rows"] for d in row["documents"]}


#: (file, the units its document counts for, as kg:countsFor's sub-property and official code): its
#: locality, the units holding it, and their counterparts across the July 2025 reform.
COUNTS_FOR = [
    # An Lão, a district of Hải Phòng (31) before 2025: the new Hải Phòng (31) it became part of;
    # districts were abolished, so none on the 2025 side
    ("000_62c2f09d4a06f2f4.txt", {("districtCodeBefore2025", 313), ("provinceCodeBefore2025", 31),
                                  ("provinceCodeFrom2025", 31)}),
    # a 2025 commune of the new Hải Phòng: the three communes it was made of, and Hải Dương (30) and
    # Hải Phòng (31), the provinces the new Hải Phòng was made of
    ("002_358fe6c9c6e7e068.txt", {("communeCodeFrom2025", 10816), ("communeCodeBefore2025", 10816),
                                  ("communeCodeBefore2025", 10825), ("communeCodeBefore2025", 10828),
                                  ("provinceCodeFrom2025", 31), ("provinceCodeBefore2025", 30),
                                  ("provinceCodeBefore2025", 31)}),
    # a 2025 plan of Tuyên Quang (8), which absorbed Hà Giang (2)
    ("tuyen-quang-2025.txt", {("provinceCodeFrom2025", 8), ("provinceCodeBefore2025", 8),
                              ("provinceCodeBefore2025", 2)}),
]


@pytest.mark.parametrize(("file", "codes"), COUNTS_FOR)
def test_what_a_document_counts_for(store: Path, file: str, codes: set[tuple[str, int]]) -> None:
    endpoint = LocalEndpoint(open_store(store))
    q = parse_query("""PREFIX kg: <https://w3id.org/kg-vn/ontology#>
        SELECT ?file ?property ?code WHERE {
          ?source kg:fileName ?file ; kg:describes ?document . ?document ?property ?code .
          FILTER(?property IN (kg:provinceCodeBefore2025, kg:districtCodeBefore2025, kg:communeCodeBefore2025,
                               kg:provinceCodeFrom2025, kg:communeCodeFrom2025)) }""", "counts for")
    rows = endpoint.select(q, {"file": Term("literal", file)}).rows
    assert {(r["property"].value.removeprefix(ONTOLOGY), int(r["code"].value)) for r in rows} == codes


def test_131_by_province_lists_who_acted_with_lags_and_the_others(store: Path) -> None:
    code, out, err = run("coverage", "131/QĐ-TTg", "--level", "province", "--format", "json", "--store", str(store))
    assert code == 0, err
    report = json.loads(out)
    assert (report["label"], report["date"], report["localities"]) == ("131/QĐ-TTg", "2022-01-25", 63)
    acted = {row["name"]: row["first_lag_days"] for row in report["rows"] if row["covered"]}
    # Quảng Ngãi's plan of 15/6/2022; Cẩm Giàng's (seed 001, dated only 2023) for Hải Dương; Tuyên
    # Quang's plan of 20/9/2025 for both provinces the 2025 Tuyên Quang was made of
    assert acted == {"tỉnh Quảng Ngãi": 141, "tỉnh Hải Dương": None, "tỉnh Tuyên Quang": 1334, "tỉnh Hà Giang": 1334}
    hai_duong = next(row for row in report["rows"] if row["name"] == "tỉnh Hải Dương")
    assert hai_duong["documents"][0]["lag_days_between"] == [575, 603]  # dated 23/8/2023 to 20/9/2023
    assert report["covered"] == 4 and report["share"] == round(4 / 63, 4)
    assert report["lag_days"] == {"median": 1334, "min": 141, "q1": 737.5, "q3": 1334, "max": 1334}
    not_acted = [row["name"] for row in report["rows"] if not row["covered"]]
    assert len(not_acted) == 59 and "thành phố Hà Nội" in not_acted
    assert report_rows(report) == query_rows(store, "131/QĐ-TTg", "province")


@pytest.mark.parametrize(("directive", "level"), [
    ("131/QĐ-TTg", "province"), ("131/QĐ-TTg", "district"), ("131/QĐ-TTg", "commune"),
    ("29-NQ/TW", "province"), ("29-NQ/TW", "district"), ("1705/QĐ-TTg", "province"),
])
def test_the_report_and_the_named_query_agree(store: Path, directive: str, level: str) -> None:
    endpoint = LocalEndpoint(open_store(store))
    c = coverage(endpoint, resolve_document(endpoint, directive), level)  # type: ignore[arg-type]
    assert report_rows(c.as_json()) == query_rows(store, directive, level)
    lags = sorted(lag for loc in c.covered if (lag := loc.first_lag) is not None)
    assert c.lags == lags


def test_a_directive_after_the_reform_counts_the_34_provinces(store: Path) -> None:
    code, out, _ = run("coverage", "1705/QĐ-TTg", "--format", "json", "--store", str(store))
    report = json.loads(out)
    assert code == 0 and report["localities"] == 34
    assert [(row["name"], row["first_lag_days"]) for row in report["rows"] if row["covered"]] == [
        ("tỉnh Tuyên Quang", 47)]
    code, _, err = run("coverage", "1705/QĐ-TTg", "--level", "district", "--store", str(store))
    assert code == 2 and "abolished the districts" in err


def test_the_html_report(store: Path, tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    code, text, _ = run("coverage", "131/QĐ-TTg", "--out", str(out), "--store", str(store))
    assert code == 0 and text.startswith("131/QĐ-TTg (2022-01-25): 4 of 63 provinces have acted (6%)")
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and "trung vị 1334 ngày" in page
    embedded = json.loads(re.search(r'<script type="application/json" id="coverage">(.*?)</script>', page,
                                    re.S).group(1).replace("<\\/", "</"))
    assert report_rows(embedded) == query_rows(store, "131/QĐ-TTg", "province")
    browser.log()
    browser.open(out)
    assert browser.run("return document.querySelectorAll('tr.yes').length") == 4
    assert browser.run("return document.querySelectorAll('tr.no').length") == 59
    assert browser.run("return document.querySelectorAll('svg rect').length") == 3
    log = browser.log()
    assert not [m for m in log.console if m["level"] == "SEVERE"]
    assert all(url.startswith("file://") for url in log.requests), log.requests  # nothing from elsewhere
    browser.screenshot(ROOT / "tests" / "artifacts" / "coverage-131.png")


# -- kg tasks ----------------------------------------------------------------------------------

def tasks(store: Path, *args: str) -> list[dict]:
    code, out, err = run("tasks", *args, "--format", "json", "--store", str(store))
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_tasks_of_an_agency_by_deadline(sample_store: Path) -> None:
    got = tasks(sample_store, "--agency", "Phòng Giáo dục và Đào tạo huyện An Lão")
    assert [(t["agency"], t["role"], t["deadline"]) for t in got] == [
        ("Phòng Giáo dục và Đào tạo huyện An Lão", "report", "2024-03-25"),
        ("Phòng Giáo dục và Đào tạo huyện An Lão", "lead", "2024-03-30"),
    ]
    assert all(t["document"]["file"] == "000_62c2f09d4a06f2f4.txt" for t in got)


def test_tasks_due_before_a_date(sample_store: Path) -> None:
    got = tasks(sample_store, "--due-before", "2024-03-25")
    assert got and all(t["deadline"] <= "2024-03-25" for t in got)
    assert {t["document"]["file"] for t in got} == {"000_62c2f09d4a06f2f4.txt", "001_19aa9179a0f0624f.txt"}
    code, _, err = run("tasks", "--due-before", "30/3/2024", "--store", str(sample_store))
    assert code == 2 and "not a date like 2024-06-30" in err


def test_tasks_of_one_document_with_quarters_and_recurrences(store: Path) -> None:
    got = tasks(store, "--document", "quang-ngai-2022.txt")
    assert {(t["agency"], t["role"], t["deadline"], t["recurrence"]) for t in got} >= {
        ("Sở Giáo dục và Đào tạo tỉnh Quảng Ngãi", "lead", "2022-12-15", None),
        ("Sở Tài chính tỉnh Quảng Ngãi", "lead", "2022-09-30", None),
    }
    assert any(t["recurrence"] == "every:6 months" for t in got)
    yearly = tasks(store, "--document", "tuyen-quang-2025.txt")
    assert [(t["agency"], t["recurrence"]) for t in yearly] == [("Sở Giáo dục và Đào tạo tỉnh Tuyên Quang",
                                                                 "yearly:month=11")]
    assert yearly[0]["deadline"] is None  # a recurrence, not a made-up date


def test_tasks_table(sample_store: Path) -> None:
    code, out, _ = run("tasks", "--agency", "phòng giáo dục", "--due-before", "2024-06-30", "--store",
                       str(sample_store))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["deadline", "role", "agency", "document", "task"] and lines[-1] == "(4 tasks)"
    assert "2024-03-30  lead" in out and "Phòng Giáo dục và Đào tạo huyện Cao Lộc" in out


def test_the_gold_tasks_of_the_seeds_are_found() -> None:
    """Every entry of tasks_sample in the seeds' gold (tests/data/gold/seeds.json), with its role and deadline."""
    gold = json.loads((DATA / "gold" / "seeds.json").read_text(encoding="utf-8"))
    code, out, _ = run("extract", str(SAMPLES), "--format", "json")
    assert code == 0
    found = {d["source"]: {(t["agency"], t["role"], t["deadline"]) for t in d["tasks"]} for d in json.loads(out)}
    for source, expected in gold.items():
        for t in expected["tasks_sample"]:
            assert (t["agency"], t["role"], t["deadline"]) in found[source], (source, t)


def test_named_query_coverage_declares_its_parameters() -> None:
    q = load_query("coverage")
    assert [(p.name, p.kind) for p in q.params] == [("directive", "document"), ("level", "text")]
    with pytest.raises(Exception, match="needs --param level"):
        bind_params(None, q, {"directive": "x"})  # type: ignore[arg-type]


def test_a_decision_approving_a_plan_under_131_counts_its_province(tmp_path: Path) -> None:
    # issue 15: "Phê duyệt Kế hoạch ... theo Quyết định số 131/QĐ-TTg" acts on 131/QĐ-TTg (it
    # implements it), not promulgates it; its province has acted (tests/data/coverage-approval)
    from kg.build import build

    store = tmp_path / "store"
    build([str(ROOT / "tests" / "data" / "coverage-approval"), str(ROOT / "tests" / "data" / "coverage")], str(store))
    code, out, err = run("coverage", "131/QĐ-TTg", "--level", "province", "--format", "json", "--store", str(store))
    assert code == 0, err
    report = json.loads(out)
    acted = {row["name"]: row["first_lag_days"] for row in report["rows"] if row["covered"]}
    assert acted["tỉnh Đồng Nai"] == 80  # 15/4/2022, 80 days after 25/01/2022
    assert report["covered"] == 4  # with Quảng Ngãi, and Tuyên Quang and Hà Giang (tests/data/coverage)
