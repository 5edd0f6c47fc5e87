"""Whether a document is still in force, end to end on small corpora of real documents
(tests/data/validity: 009.txt, a 2025 decision of Bình Định that ends two earlier decisions from the
day it takes effect; 369.txt, the consolidated decree that ends Nghị định 58/2019/NĐ-CP; 142.txt, a
2019 letter of the ministry based on 58/2019 that only cites it), and what a build changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner
from conftest import DATA
from pyoxigraph import Store

from kg.build import build
from kg.build.store import current_path
from kg.cli import main
from kg.graph.status import Act, statuses

pytestmark = pytest.mark.slow  # each test builds stores

VALIDITY = DATA / "validity"
KEYS = {"document", "identifier", "status", "since", "in_force_from", "by"}
BY_KEYS = {"identifier", "relation", "date", "quote", "source"}


def kg(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def status(store: Path, doc: str) -> dict:
    out = json.loads(kg("status", doc, "--store", str(store), "--format", "json"))
    assert set(out) == KEYS and all(set(b) == BY_KEYS for b in out["by"])  # the JSON of the issue
    return out


def dataset(store: Path) -> set[str]:
    return {str(q) for q in Store.read_only(str(current_path(store).resolve()))}


def folder(tmp: Path, *names: str) -> Path:
    d = tmp / "docs"
    d.mkdir(exist_ok=True)
    for name in names:
        shutil.copy(VALIDITY / name, d / name)
    return d


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("validity")
    build([str(folder(tmp, "009.txt", "142.txt", "369.txt"))], str(tmp / "store"), jobs=1)
    return tmp / "store"


def test_a_document_that_ceases_when_a_2025_decision_takes_effect(store: Path) -> None:
    """009.txt: "Quyết định số 78/2016/QĐ-UBND ... hết hiệu lực kể từ ngày Quyết định này có hiệu
    lực thi hành", and "Quyết định này có hiệu lực thi hành từ ngày 06 tháng 12 năm 2025"."""
    out = status(store, "78/2016/QĐ-UBND")
    assert (out["status"], out["since"], out["in_force_from"]) == ("not_in_force", "2025-12-06", None)
    [by] = out["by"]
    assert (by["identifier"], by["relation"], by["date"], by["source"]) == \
        ("48/2025/QĐ-UBND", "repeals", "2025-12-06", "009.txt")
    assert "hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành" in by["quote"]
    own = status(store, "48/2025/QĐ-UBND")  # signed on 25/11, in force from 6/12
    assert (own["status"], own["in_force_from"]) == ("in_force", "2025-12-06")


def test_a_document_ended_in_one_file_and_only_cited_in_another(store: Path) -> None:
    out = status(store, "58/2019/NĐ-CP")
    assert (out["status"], out["since"]) == ("not_in_force", "2021-09-15")  # the day 369.txt says it takes effect
    assert {b["source"] for b in out["by"]} == {"369.txt"}  # 142.txt only cites it
    assert all("58/2019/NĐ-CP" in b["quote"] and "hết hiệu lực" in b["quote"] for b in out["by"])


def test_a_document_no_text_speaks_of_is_unknown(store: Path) -> None:
    out = status(store, "142.txt")  # a ministry's letter: no text of the graph says anything of its force
    assert (out["status"], out["since"], out["by"]) == ("unknown", None, [])
    assert "unknown" in kg("status", "142.txt", "--store", str(store))


def test_the_named_query_gives_the_status(store: Path) -> None:
    rows = json.loads(kg("query", "status", "--param", "document=58/2019/NĐ-CP", "--store", str(store),
                         "--format", "json"))
    assert {b["status"]["value"] for b in rows["results"]["bindings"]} == {"not_in_force"}


def test_changes_after_a_build_that_adds_the_ending_document(tmp_path: Path) -> None:
    """The status of 58/2019 depends on another file: adding 369.txt ends it, the plan that rests
    on it (142.txt) is named to revise, and the incremental graph is the cold one, status included."""
    docs = folder(tmp_path, "009.txt", "142.txt")
    store = tmp_path / "store"
    build([str(docs)], str(store), jobs=1)
    assert status(store, "58/2019/NĐ-CP")["status"] == "unknown"
    shutil.copy(VALIDITY / "369.txt", docs / "369.txt")
    build([str(docs)], str(store), jobs=1)
    changes = json.loads(kg("changes", "--previous", "--store", str(store), "--format", "json",
                            "--atom", str(tmp_path / "changes.xml")))
    assert "4804/VBHN-BLĐTBXH" in {d["label"] for d in changes["documents_added"]}
    [ended] = [c for c in changes["status_changed"] if c["label"] == "58/2019/NĐ-CP"]
    assert (ended["before"], ended["after"], ended["since"]) == ("unknown", "not_in_force", "2021-09-15")
    assert [a["file"] for a in ended["acted_on_by"]] == ["142.txt"]
    assert any(r["relation"] == "repeals" and r["cited"]["label"] == "58/2019/NĐ-CP" for r in changes["relations_added"])
    feed = feedparser.parse((tmp_path / "changes.xml").read_bytes())
    assert not feed.bozo and feed.version == "atom10"
    assert any("58/2019/NĐ-CP" in e.title and "142.txt" in e.content[0].value for e in feed.entries)
    assert dataset(store) == cold(docs, tmp_path)
    (docs / "369.txt").unlink()  # and when the ending document goes, the status goes with it
    build([str(docs)], str(store), jobs=1)
    assert status(store, "58/2019/NĐ-CP")["status"] == "unknown"
    assert dataset(store) == cold(docs, tmp_path)
    text = kg("changes", "--store", str(store))
    assert "58/2019/NĐ-CP" in text and "not_in_force -> unknown" in text


def cold(docs: Path, tmp: Path) -> set[str]:
    shutil.rmtree(tmp / "cold", ignore_errors=True)
    build([str(docs)], str(tmp / "cold"), jobs=1)
    return dataset(tmp / "cold")


def test_changes_since_a_day(store: Path) -> None:
    out = json.loads(kg("changes", "--since", "2025-11-01", "--store", str(store), "--format", "json"))
    assert {d["label"] for d in out["documents_added"]} >= {"48/2025/QĐ-UBND"}
    assert {c["label"]: c["after"] for c in out["status_changed"]}["78/2016/QĐ-UBND"] == "not_in_force"


PARTS = [
    # (acts, expected status of the target): a whole ending wins over a partial one; an amendment
    # leaves it in force; an edge between two documents of which a change is stated gives way to it
    ([Act("change", "a", "t", "repeals", None, None, "q", "s")], "not_in_force"),
    ([Act("change", "a", "t", "repeals", "khoản 1 Điều 3", None, "q", "s")], "partly_in_force"),
    ([Act("edge", "a", "t", "amends", None, None, "q", "s"),
      Act("change", "a", "t", "repeals", "khoản 2 Điều 1", None, "q", "s")], "partly_in_force"),
    ([Act("edge", "a", "t", "amends", None, None, "q", "s")], "in_force"),
    ([Act("entry", "t", "t", "entersIntoForce", None, "2025-12-05", "q", "s")], "in_force"),
]


@pytest.mark.parametrize("acts, expected", PARTS)
def test_status_from_what_the_documents_say(acts: list[Act], expected: str) -> None:
    [found] = [s for s in statuses(acts) if s.document == "t"]
    assert found.status == expected


def test_a_lineage_and_the_page_mark_a_document_no_longer_in_force(store: Path, tmp_path: Path) -> None:
    """The plan that rests on 58/2019 (142.txt) shows that its directive was ended, and by what."""
    text = kg("lineage", "58/2019/NĐ-CP", "--down", "--store", str(store))
    assert "⚠ no longer in force since 2021-09-15 (by 4804/VBHN-BLĐTBXH)" in text.splitlines()[0]
    nodes = json.loads(kg("lineage", "142.txt", "--up", "--store", str(store), "--format", "json"))["nodes"]
    ended = {n["identifier"]: n["force"] for n in nodes if "force" in n}
    assert ended["58/2019/NĐ-CP"] == {"status": "not_in_force", "since": "2021-09-15", "by": ["4804/VBHN-BLĐTBXH"]}
    assert all(set(n) <= {"iri", "identifier", "type", "title", "date", "issuer", "sources", "force"} for n in nodes)
    kg("viz", "--store", str(store), "--out", str(tmp_path / "graph.html"))
    assert "no longer in force since 2021-09-15" in (tmp_path / "graph.html").read_text(encoding="utf-8")


def test_the_status_graph_conforms_to_the_shapes(store: Path) -> None:
    assert "conforms" in kg("validate", "--store", str(store))
