"""What kg writes never harms a file it did not make: no link inside a store is followed where kg
deletes or writes, no output is written through a link planted at its temporary name; a view kept
beside a build is always that build's; every value a page shows is text (issue 16: 2, 7, 8)."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES
from test_cli import run

from kg.build import build
from kg.build.store import open_store
from kg.sparql.query import LocalEndpoint

#: Slow (kg run as a process on built stores): out of the quick loop, in make test.
pytestmark = pytest.mark.slow

SEED = SAMPLES / "003_793e23e02999985a.txt"


def _victim(tmp_path: Path) -> Path:
    """A user's folder beside the store: a thesis and a backup, which kg must never touch."""
    home = tmp_path / "home"
    (home / "backup").mkdir(parents=True)
    (home / "thesis.docx").write_bytes(b"my thesis, three years of work")
    (home / "backup" / "2024.tar").write_bytes(b"last year's backup")
    return home


def _contents(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("folder", ["cache", "builds"])
def test_a_link_in_place_of_a_store_folder_is_refused_and_its_target_left_alone(folder: str, tmp_path: Path) -> None:
    home = _victim(tmp_path)
    before = _contents(home)
    store = tmp_path / "store"
    code, _, _ = run("build", str(SAMPLES), "--store", str(store), "--quiet")
    assert code == 0
    shutil.rmtree(store / folder)
    (store / folder).symlink_to(home, target_is_directory=True)
    code, _, err = run("build", str(SAMPLES), str(SEED.parent), "--store", str(store), "--quiet")
    assert code == 2
    assert err.strip().splitlines() == [f"Error: {store / folder} is a link (to {home}): kg does not follow links "
                                        "inside its store, where it deletes what it no longer needs; remove the link"]
    assert _contents(home) == before


def test_a_link_in_place_of_the_lock_file_is_refused(tmp_path: Path) -> None:
    home = _victim(tmp_path)
    store = tmp_path / "store"
    assert run("build", str(SAMPLES), "--store", str(store), "--quiet")[0] == 0
    (store / ".lock").unlink()
    (store / ".lock").symlink_to(home / "thesis.docx")
    code, _, err = run("build", str(SAMPLES), "--store", str(store), "--quiet")
    assert code == 2 and "is a link" in err
    assert (home / "thesis.docx").read_bytes() == b"my thesis, three years of work"


def _plant(folder: Path, names: list[str], victim: Path) -> None:
    for name in names:
        (folder / name).symlink_to(victim)


def test_outputs_are_never_written_through_a_link_at_their_temporary_name(sample_store: Path, tmp_path: Path) -> None:
    """The temporary names the writers used (fixed, or with this process's id) hold links to a
    victim file; kg coverage, kg viz, kg build --out and the view kept beside a build write their
    files whole and leave the victim as it was."""
    home = _victim(tmp_path)
    thesis = home / "thesis.docx"
    out = tmp_path / "out"
    out.mkdir()
    pid = os.getpid()  # the commands run in this process (click's runner)
    _plant(out, [".report.html.tmp", f".report.html.tmp-{pid}", f".graph.html.tmp-{pid}", f".graph.trig.tmp-{pid}"],
           thesis)
    assert run("coverage", "29-NQ/TW", "--store", str(sample_store), "--out", str(out / "report.html"))[0] == 0
    store = tmp_path / "store"
    assert run("build", str(SAMPLES), "--store", str(store), "--quiet", "--jobs", "1",
               "--out", str(out / "graph.trig"))[0] == 0
    current = (store / "current").resolve()
    _plant(current.parent, [f".{current.name}.view.json.{pid}"], thesis)
    assert run("viz", "--store", str(store), "--out", str(out / "graph.html"))[0] == 0
    assert thesis.read_bytes() == b"my thesis, three years of work"
    assert "<html" in (out / "report.html").read_text(encoding="utf-8")
    assert "<html" in (out / "graph.html").read_text(encoding="utf-8")
    assert "@prefix kg:" in (out / "graph.trig").read_text(encoding="utf-8")
    assert json.loads(current.with_name(f"{current.name}.view.json").read_bytes())["documents"]


def test_reports_written_at_once_to_one_file_all_succeed(sample_store: Path, tmp_path: Path) -> None:
    """Several kg coverage --out the same file at once (a shared temporary name made all but one
    fail, reported as a bug): each writes its own temporary file, the last rename wins."""
    from concurrent.futures import ThreadPoolExecutor

    from kg.reports.coverage import coverage, write_report
    from kg.sparql.query import resolve_document

    endpoint = LocalEndpoint(open_store(sample_store))
    report = coverage(endpoint, resolve_document(endpoint, "29-NQ/TW"), "province")
    out = tmp_path / "report.html"
    with ThreadPoolExecutor(8) as pool:
        written = list(pool.map(lambda _: write_report(report, out), range(64)))
    assert written == [out] * 64
    assert out.read_text(encoding="utf-8").rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


def test_kg_viz_keeps_the_view_of_the_build_it_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build made current while kg viz reads the graph: the view kg viz keeps is the build's it
    read, so that the next kg viz shows the new build, not the old one under the new one's name."""
    import kg.viz.page as page

    store = tmp_path / "store"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(SAMPLES.glob("*.txt"))[:2]:
        shutil.copy(p, corpus)
    build([str(SAMPLES)], str(store))
    read_graph = page.read_graph

    def read_while_a_build_publishes(endpoint):  # type: ignore[no-untyped-def]
        graph = read_graph(endpoint)
        build([str(corpus)], str(store))  # another kg build, meanwhile
        return graph

    monkeypatch.setattr(page, "read_graph", read_while_a_build_publishes)
    code, first, _ = run("viz", "--store", str(store), "--out", str(tmp_path / "a.html"))
    assert code == 0 and first.startswith(f"{tmp_path / 'a.html'}: 52 documents")
    monkeypatch.setattr(page, "read_graph", read_graph)
    code, second, _ = run("viz", "--store", str(store), "--out", str(tmp_path / "b.html"))
    fresh = read_graph(LocalEndpoint(open_store(store)))
    assert code == 0 and second.startswith(f"{tmp_path / 'b.html'}: {len(fresh.documents)} documents")
    assert len(fresh.documents) < 52


SCRIPT = "29-NQ/TW</title><script>document.title='X'</script>"


def test_the_focus_is_shown_as_text(sample_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    code, _, err = run("viz", "--store", str(sample_store), "--focus", SCRIPT, "--out", str(out))
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "<script>document.title" not in html
    assert "29-NQ/TW&lt;/title&gt;&lt;script&gt;" in html


def _coverage_of_a_file_named_like_markup(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir(parents=True)
    shutil.copy(SEED, docs / "<!--<script>.txt")
    store = tmp_path / "store"
    assert run("build", str(docs), "--store", str(store), "--quiet")[0] == 0
    out = tmp_path / "report.html"
    code, _, err = run("coverage", "29-NQ/TW", "--store", str(store), "--out", str(out))
    assert code == 0, err
    return out


def test_a_file_named_like_markup_leaves_the_reports_data_whole(tmp_path: Path) -> None:
    html = _coverage_of_a_file_named_like_markup(tmp_path).read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="coverage">(.*?)</script>', html, re.S)
    assert block is not None and "<" not in block.group(1)
    assert json.loads(block.group(1))["rows"]
    assert "&lt;!--&lt;script&gt;.txt" in html


@pytest.mark.slow
def test_no_script_of_a_document_or_a_command_line_runs_in_a_browser(browser, sample_store: Path,  # type: ignore[no-untyped-def]
                                                                     tmp_path: Path) -> None:
    page = tmp_path / "focus.html"
    assert run("viz", "--store", str(sample_store), "--focus", SCRIPT, "--out", str(page))[0] == 0
    browser.open(page)
    assert browser.run("return document.title") == "kg — đồ thị văn bản quanh " + SCRIPT
    report = _coverage_of_a_file_named_like_markup(tmp_path / "report")
    browser.visit(report.as_uri())
    data = browser.run("return JSON.parse(document.getElementById('coverage').textContent)")
    assert data["covered"] == 1
    assert browser.run("return document.querySelectorAll('script').length") == 2
