"""The graph page of `kg viz`, driven in a real headless Chromium."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from kg.build import build
from kg.cli import main

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SEED_001, SEED_003 = "001_19aa9179a0f0624f.txt", "003_793e23e02999985a.txt"

XSS_PLAN = """ỦY BAN NHÂN DÂN
HUYỆN AN LÃO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 10/KH-UBND
An Lão, ngày 01 tháng 3 năm 2024

KẾ HOẠCH
Giáo dục <script>alert(1)</script> và <img src=x onerror=alert(2)>

Thực hiện Nghị quyết số 94-NQ/HU ngày 08/4/2022 của Ban Thường vụ Huyện ủy An Lão về <script>alert(3)</script> giáo dục.
"""


def viz(*args: str) -> str:
    result = CliRunner().invoke(main, ["viz", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def sample_page(sample_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("viz") / "graph.html"
    viz("--out", str(page), "--store", str(sample_store))
    return page


def test_the_page_opens_offline_without_errors(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    browser.log()  # forget what came before
    browser.open(sample_page)
    log = browser.log()
    assert [m for m in log.console if m["level"] in ("SEVERE", "WARNING")] == []
    assert [u for u in log.requests if not u.startswith("data:")] == [sample_page.resolve().as_uri()]
    html = sample_page.read_text(encoding="utf-8")
    assert not re.search(r"<(?:script|link)[^>]+(?:src|href)=", html), "the page loads nothing from elsewhere"


def test_the_network_holds_the_documents_and_edges(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    browser.open(sample_page)
    shown = browser.run("""
        const docs = kg.data.documents;
        const name = id => { const d = docs[+String(id).slice(1)]; return d.identifier || d.own; };
        return {nodes: kg.nodes.getIds().filter(id => String(id)[0] === 'd').map(name),
                agencies: kg.nodes.getIds().filter(id => String(id)[0] === 'a').length,
                edges: kg.edges.get().filter(e => String(e.id)[0] === 'e').map(e => {
                    const x = kg.data.edges[+String(e.id).slice(1)];
                    return [name(e.from), x[2], name(e.to)]; })};""")
    assert {"29-NQ/TW", "51-KL/TW", "224-KH/TU", "697/KH-SGDĐT", "94-NQ/HU", "3380/QĐ-UBND", SEED_001,
            SEED_003} <= set(shown["nodes"])
    assert len(shown["nodes"]) == 52 and shown["agencies"] == 19
    edges = {tuple(e) for e in shown["edges"]}
    assert {("224-KH/TU", "implements", "51-KL/TW"), ("51-KL/TW", "continues", "29-NQ/TW"),
            ("697/KH-SGDĐT", "implements", "29-NQ/TW"), (SEED_003, "implements", "29-NQ/TW")} <= edges


def test_search_finds_29_and_clicking_it_lights_the_seed_plans(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.open(sample_page)
    box = browser.driver.find_element(By.ID, "search")
    box.send_keys("Nghị quyết 29")
    rows = browser.driver.find_elements(By.CSS_SELECTOR, "#results div")
    assert rows and rows[0].text.startswith("29-NQ/TW — Nghị quyết, Ban Chấp hành Trung ương Đảng")
    box.send_keys(Keys.ENTER)
    state = browser.run("""
        const docs = kg.data.documents;
        const name = i => docs[i].identifier || docs[i].own;
        const sel = kg.network.getSelectedNodes().map(id => name(+String(id).slice(1)));
        const opacity = {};
        kg.nodes.get().filter(n => String(n.id)[0] === 'd').forEach(n => { opacity[name(+n.id.slice(1))] = n.opacity; });
        return {selected: sel, opacity: opacity};""")
    assert state["selected"] == ["29-NQ/TW"]
    lit = {k for k, v in state["opacity"].items() if v == 1}
    assert {SEED_001, SEED_003, "29-NQ/TW", "51-KL/TW", "224-KH/TU", "158/KH-UBND", "697/KH-SGDĐT"} <= lit
    assert "94-NQ/HU" not in lit and state["opacity"]["94-NQ/HU"] < 0.5  # another lineage: dimmed
    ARTIFACTS.mkdir(exist_ok=True)
    browser.screenshot(ARTIFACTS / "viz-samples-lineage-29.png")
    assert (ARTIFACTS / "viz-samples-lineage-29.png").stat().st_size > 20000
    # and a click on the background gives every document back its colour
    browser.run("kg.clear()")
    assert browser.run("return kg.nodes.get().every(n => n.opacity === undefined || n.opacity === 1)")


@pytest.mark.parametrize("typed, first", [
    ("29-NQ/TW", "29-NQ/TW"), ("KH 1733", "1733/KH-SGDĐT"), ("Kế hoạch 224", "224-KH/TU"),
    ("3380/QĐ-UBND", "3380/QĐ-UBND"), ("tiếp tục thực hiện Chỉ thị số 05", "01-KL/TW"),
])
def test_search_as_people_type(browser, sample_page: Path, typed: str, first: str) -> None:  # type: ignore[no-untyped-def]
    browser.open(sample_page)
    found = browser.run("return kg.search(arguments[0]).map(i => kg.data.documents[i].identifier)", typed)
    assert found and found[0] == first


def test_hover_shows_the_document_and_the_quote_of_an_edge(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    browser.open(sample_page)
    tip = browser.run("""
        const i = kg.search('224-KH/TU')[0];
        kg.network.emit('hoverNode', {node: 'd' + i, pointer: {DOM: {x: 100, y: 100}}});
        const doc = document.getElementById('tip').innerText;
        const k = kg.data.edges.findIndex(e => e[0] === i && e[2] === 'implements');
        kg.network.emit('hoverEdge', {edge: 'e' + k, pointer: {DOM: {x: 100, y: 100}}});
        return [doc, document.getElementById('tip').innerText];""")
    assert "224-KH/TU" in tip[0] and "Kế hoạch" in tip[0] and "Tỉnh ủy Quảng Ngãi" in tip[0] and "2019-09-30" in tip[0]
    assert "thực hiện · implements" in tip[1] and "224-KH/TU → 51-KL/TW" in tip[1]
    assert "“Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về thực hiện Kết luận số 51-KL/TW" in tip[1]
    assert SEED_003 in tip[1]


def test_filters_by_level_and_province(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.open(sample_page)
    hidden = "return kg.nodes.get().filter(n => String(n.id)[0] === 'd' && !n.hidden).map(n => kg.data.documents[+n.id.slice(1)])"
    Select(browser.driver.find_element(By.ID, "province")).select_by_value("Hải Phòng")
    docs = browser.run(hidden)
    assert {d["province"] for d in docs if d["level"] != "central"} == {"Hải Phòng"}
    browser.driver.find_element(By.CSS_SELECTOR, "#levels input[value='central']").click()
    docs = browser.run(hidden)
    assert docs and all(d["level"] != "central" and d["province"] == "Hải Phòng" for d in docs)


def test_a_title_with_markup_is_shown_as_text(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "xss.txt").write_text(XSS_PLAN, encoding="utf-8")
    build([str(tmp_path / "docs")], str(tmp_path / "store"))
    page = tmp_path / "xss.html"
    viz("--out", str(page), "--store", str(tmp_path / "store"))
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html  # escaped in the page's data
    browser.log()
    browser.open(page)  # an alert would stop the page: selenium raises UnexpectedAlertPresentException
    tip = browser.run("""
        const i = kg.search('10/KH-UBND')[0];
        kg.network.emit('hoverNode', {node: 'd' + i, pointer: {DOM: {x: 10, y: 10}}});
        const t = document.getElementById('tip');
        return [t.innerText, t.querySelectorAll('script, img').length, document.querySelectorAll('img').length];""")
    assert "Giáo dục <script>alert(1)</script> và <img src=x onerror=alert(2)>" in tip[0]
    assert tip[1] == 0 and tip[2] == 0
    assert [m for m in browser.log().console if m["level"] == "SEVERE"] == []


def test_focus_draws_the_neighbourhood_only(sample_store: Path, tmp_path: Path) -> None:
    page = tmp_path / "focus.html"
    out = viz("--out", str(page), "--focus", "94-NQ/HU", "--depth", "1", "--store", str(sample_store))
    assert "3 documents" in out
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S).group(1))
    assert {d["identifier"] or d["own"] for d in data["documents"]} == {"94-NQ/HU", "3380/QĐ-UBND",
                                                                        "000_62c2f09d4a06f2f4.txt"}


def test_a_large_graph_opens_gathered_by_province(browser, sample_store: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.viz.page

    monkeypatch.setattr(kg.viz.page, "COLLAPSE_ABOVE", 10)
    page = tmp_path / "large.html"
    out = viz("--out", str(page), "--store", str(sample_store))
    assert "gathered by province" in out
    browser.open(page)
    groups = browser.run("return kg.nodes.getIds().filter(id => String(id)[0] === 'g')")
    assert groups
    before = browser.run("return kg.nodes.length")
    browser.run("kg.expandGroup(arguments[0])", groups[0])
    assert browser.run("return kg.nodes.length") > before - 1
    # a document inside a gathered province is still found, and shown when picked
    lit = browser.run("return kg.pick(kg.search(arguments[0])[0]).map(i => kg.data.documents[i].identifier)", "224-KH/TU")
    assert "51-KL/TW" in lit and browser.run("return !!kg.nodes.get('d' + kg.search('224-KH/TU')[0])")


def test_vietnamese_renders(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    browser.open(sample_page)
    # the page's font covers Vietnamese: the widths of "Ủy ban" and of "Uy ban" differ only by the marks
    widths = browser.run("""
        const c = document.createElement('canvas').getContext('2d');
        c.font = '16px ' + kg.data.font;
        return ['Ủy ban nhân dân huyện An Lão', 'Uy ban nhan dan huyen An Lao', 'ỦỶ'].map(t => c.measureText(t).width);""")
    assert abs(widths[0] - widths[1]) < 0.15 * widths[1] and widths[2] > 0


def test_the_view_kept_beside_a_build_is_what_sparql_reads(sample_store: Path, tmp_path: Path) -> None:
    from kg.build.store import open_build, open_store, sidecar_path
    from kg.graph.resolve import resolve
    from kg.sparql.query import LocalEndpoint
    from kg.testing.reference import extract_all, write_graph
    from kg.viz.page import load_view, read_graph, stored_view

    xs = extract_all([str(SAMPLES)])
    write_graph(str(tmp_path / "memory"), xs, resolve(xs))  # the view computed from the extractions
    view = sidecar_path(tmp_path / "memory", "view.json")
    assert view is not None
    kept, read = load_view(view), read_graph(LocalEndpoint(open_store(sample_store)))
    assert kept.documents == read.documents and kept.agencies == read.agencies and kept.edges == read.edges
    assert len(kept.documents) == 52 and len(kept.edges) == 62
    store = tmp_path / "built"  # kg build leaves the view to the first kg viz, which keeps it
    build([str(SAMPLES)], str(store))
    assert sidecar_path(store, "view.json") is None
    built, graph = open_build(store)
    first = stored_view(built, LocalEndpoint(graph))
    assert sidecar_path(store, "view.json") is not None
    assert load_view(sidecar_path(store, "view.json")) == first  # type: ignore[arg-type]
    assert first.documents == read.documents and first.edges == read.edges


def test_a_mouse_click_on_29_lights_its_lineage(browser, sample_page: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    browser.open(sample_page)
    x, y = browser.run("""
        const id = 'd' + kg.search('29-NQ/TW')[0];
        kg.network.moveTo({position: kg.network.getPositions([id])[id], scale: 1.0, animation: false});
        const p = kg.network.canvasToDOM(kg.network.getPositions([id])[id]);
        return [Math.round(p.x), Math.round(p.y)];""")
    canvas = browser.driver.find_element(By.CSS_SELECTOR, "#network canvas")
    size = canvas.size
    ActionChains(browser.driver).move_to_element_with_offset(canvas, x - size["width"] // 2,
                                                             y - size["height"] // 2).click().perform()
    lit = browser.run("""
        const docs = kg.data.documents;
        return kg.nodes.get().filter(n => String(n.id)[0] === 'd' && n.opacity === 1)
                 .map(n => docs[+n.id.slice(1)].identifier || docs[+n.id.slice(1)].own);""")
    assert {"29-NQ/TW", SEED_001, SEED_003} <= set(lit) and "94-NQ/HU" not in lit


def test_focus_without_depth_opens_on_its_diagram_with_the_whole_graph(sample_store: Path, tmp_path: Path) -> None:
    page = tmp_path / "focus.html"
    out = viz("--out", str(page), "--focus", "Nghị quyết 29", "--store", str(sample_store))
    assert "52 documents" in out and "opens on the diagram of 29-NQ/TW" in out
    data = json.loads(re.search(r'<script type="application/json" id="kg-data">(.*?)</script>',
                                page.read_text(encoding="utf-8"), re.S).group(1))
    opening = data["opening"]
    assert opening["view"] == "diagram" and data["documents"][opening["focus"]]["identifier"] == "29-NQ/TW"
    assert opening["overview"] == []  # 52 documents: the whole graph is readable, no groups needed
    assert data["documents"][opening["top"][0]["document"]]["identifier"] == "29-NQ/TW"
    unfocused = tmp_path / "all.html"
    assert "opens on the diagram" not in viz("--out", str(unfocused), "--store", str(sample_store))


def test_markup_stays_text_in_the_diagram_and_the_overview(browser, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.viz.page

    monkeypatch.setattr(kg.viz.page, "DIAGRAM_ABOVE", 1)  # the page of a large graph, on three documents
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "xss.txt").write_text(XSS_PLAN, encoding="utf-8")
    build([str(tmp_path / "docs")], str(tmp_path / "store"))
    page = tmp_path / "xss.html"
    assert "opens on the diagram" in viz("--out", str(page), "--store", str(tmp_path / "store"))
    browser.log()
    browser.open(page)  # an alert would stop the page: selenium raises UnexpectedAlertPresentException
    assert browser.run("return kg.mode()") == "diagram"
    tip = browser.run("""
        const i = kg.search('10/KH-UBND')[0];
        kg.openDiagram(i);
        kg.network.emit('hoverNode', {node: 'd' + i, pointer: {DOM: {x: 10, y: 10}}});
        return document.getElementById('tip').innerText;""")
    assert "Giáo dục <script>alert(1)</script> và <img src=x onerror=alert(2)>" in tip
    browser.run("document.getElementById('view-overview').click()")
    overview = browser.run("return document.getElementById('overview').innerText")
    assert "văn bản" in overview
    assert browser.run("return document.querySelectorAll('img, #overview script, #top script').length") == 0
    assert [m for m in browser.log().console if m["level"] == "SEVERE"] == []
