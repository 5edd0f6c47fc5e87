"""kg build redoes only what changed: an incremental build gives exactly the graph a cold build of
the same files gives; nothing changed is nothing done; an interrupted build leaves the store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DATA, ROOT, SAMPLES
from pyoxigraph import NamedNode, Store

from kg.build import BuildSummary, build
from kg.build import cache as cache_module
from kg.build.cache import file_sha
from kg.build.store import current_path
from kg.cli import main
from kg.graph.resolve import resolve
from kg.testing.reference import extract_all, write_graph
from kg.testing.synthetic_texts import write_corpus

pytestmark = pytest.mark.slow  # each test builds stores, several in processes

SEED_001 = "001_19aa9179a0f0624f.txt"
SEED_002 = "002_358fe6c9c6e7e068.txt"
CORPUS = DATA / "corpus"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def dataset(store: Path) -> set[str]:
    s = Store.read_only(str(current_path(store).resolve()))
    return {str(q) for q in s}


def graphs(store: Path) -> dict[str, set[str]]:
    s = Store.read_only(str(current_path(store).resolve()))
    out: dict[str, set[str]] = {}
    for q in s:
        if isinstance(q.graph_name, NamedNode):
            out.setdefault(q.graph_name.value, set()).add(str(q))
    return out


def cold(docs: Path, tmp: Path) -> set[str]:
    store = tmp / "cold"
    shutil.rmtree(store, ignore_errors=True)
    build([str(docs)], str(store), jobs=1)
    return dataset(store)


@pytest.fixture()
def docs(tmp_path: Path) -> Path:
    """The five seeds, six corpus documents and forty synthetic plans, in one folder."""
    d = tmp_path / "docs"
    d.mkdir()
    for p in SAMPLES.glob("*.txt"):
        shutil.copy(p, d)
    for p in sorted(CORPUS.glob("0[0-4]*.txt"))[:6]:
        shutil.copy(p, d)
    write_corpus(40, tmp_path / "synth", seed=7)
    for p in (tmp_path / "synth").glob("*.txt"):
        shutil.copy(p, d / f"synth-{p.name}")
    return d


def test_the_build_from_its_state_is_the_graph_of_the_extractions(tmp_path: Path) -> None:
    build([str(SAMPLES)], str(tmp_path / "a"))
    xs = extract_all([str(SAMPLES)])
    write_graph(str(tmp_path / "b"), xs, resolve(xs))
    assert dataset(tmp_path / "a") == dataset(tmp_path / "b")


EDITS = [
    # (what, how): each leaves the folder as a user would, and the incremental graph must be the cold one
    ("a cited number changes", lambda d: _sub(d / SEED_001, "29-NQ/TW", "30-NQ/TW")),
    ("a date in a header changes", lambda d: _sub(d / "synth-000005.txt", "năm 20", "năm 19", count=1)),
    ("a file is deleted", lambda d: (d / SEED_002).unlink()),
    ("a file is added", lambda d: shutil.copy(sorted(CORPUS.glob("1*.txt"))[0], d)),
    ("a file is renamed", lambda d: (d / "synth-000010.txt").rename(d / "synth-renamed.txt")),
    ("the cited number changes back", lambda d: _sub(d / SEED_001, "30-NQ/TW", "29-NQ/TW")),
    ("a plan's own number changes", lambda d: _sub(d / "synth-000020.txt", "/KH-", "/KH-X", count=1)),
    ("two files become the same", lambda d: shutil.copy(d / "synth-000021.txt", d / "synth-000022.txt")),
    ("one of the two goes", lambda d: (d / "synth-000022.txt").unlink()),
]


def _sub(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_every_incremental_build_equals_a_cold_build_of_the_same_files(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([str(docs)], str(store), jobs=2)
    for what, edit in EDITS:
        edit(docs)
        summary = build([str(docs)], str(store), jobs=1)
        assert not summary.unchanged, what
        assert dataset(store) == cold(docs, tmp_path), what


def test_a_build_of_other_files_in_the_same_store_equals_a_cold_build(tmp_path: Path) -> None:
    """The corpus of the tests, then the samples alone, in one store: every corpus file goes and
    the samples come. An agency both name keeps only what the samples say of it (Ủy ban nhân dân
    tỉnh Quảng Ngãi: corpus file 227.txt, a plan of 2025, gave it a seat in the 2025 province, which
    stayed with the 2025 province's node)."""
    store = tmp_path / "store"
    corpus = DATA / "corpus"
    build([str(corpus)], str(store), jobs=2)
    summary = build([str(SAMPLES)], str(store), jobs=1)
    assert summary.removed == len(list(corpus.glob("*.txt"))) and summary.extracted == 5
    assert dataset(store) == cold(SAMPLES, tmp_path)


def test_one_changed_file_is_extracted_again_and_only_its_named_graph_is_rewritten(docs: Path,
                                                                                     tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = build([str(docs)], str(store))
    before = graphs(store)
    _sub(docs / "synth-000030.txt", "\n", "\n\n", count=1)  # a blank line: new content, the same facts
    summary = build([str(docs)], str(store))
    assert summary.extracted == 1 and summary.documents == first.documents
    after = graphs(store)
    changed = {g for g in before.keys() | after.keys() if before.get(g) != after.get(g)}
    assert len(changed) == 2  # the file's old graph went, its new one came; every other is untouched


def test_a_deleted_files_statements_disappear(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([str(docs)], str(store))
    sha = file_sha(str(docs / SEED_002))[:16]
    assert any(SEED_002 in q for q in dataset(store))
    (docs / SEED_002).unlink()
    summary = build([str(docs)], str(store))
    assert summary.removed == 1
    left = dataset(store)
    assert not any(SEED_002 in q or f"/graph/{sha}" in q or f"/source/{sha}" in q or f"/task/{sha}" in q
                   or f"/citation/{sha}" in q for q in left)


def test_nothing_changed_is_nothing_done(docs: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([str(docs)], str(store))
    current = current_path(store).resolve()
    os.utime(docs / SEED_001)  # touched, not changed
    summary = build([str(docs)], str(store))
    assert summary.unchanged and summary.extracted == 0
    assert current_path(store).resolve() == current


def test_a_new_extractor_extracts_everything_again(docs: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "store"
    first = build([str(docs)], str(store))
    monkeypatch.setattr(cache_module, "extractor_version", lambda: "another-version")
    monkeypatch.setattr("kg.build.run.extractor_version", lambda: "another-version")
    again = build([str(docs)], str(store))
    assert again.extracted == first.documents
    assert [p.name for p in (store / "cache").iterdir()] == ["another-version"]  # the old extractions went


def test_a_build_of_an_older_graph_schema_is_followed_by_a_cold_build(docs: Path, tmp_path: Path,
                                                                       monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A graph built before documents had their cards: the next build writes every unit again
    (an incremental one would leave the unchanged documents without cards)."""
    store = tmp_path / "store"
    monkeypatch.setattr("kg.build.phases.SCHEMA_VERSION", "3")
    build([str(docs)], str(store))
    monkeypatch.undo()
    old = current_path(store).resolve()
    os.utime(docs / SEED_001)  # touched, not changed: with the same schema, nothing would be done
    summary = build([str(docs)], str(store))
    assert not summary.unchanged and current_path(store).resolve() != old
    assert dataset(store) == cold(docs, tmp_path)


def test_parallel_and_serial_builds_are_the_same(docs: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("kg.build.cold.PARALLEL_FROM", 1)  # the workers write the files' graphs too
    build([str(docs)], str(tmp_path / "a"), jobs=1)
    build([str(docs)], str(tmp_path / "b"), jobs=2)
    assert dataset(tmp_path / "a") == dataset(tmp_path / "b")


@pytest.mark.parametrize("stage", ["extract", "files", "merge", "store"])
def test_an_interrupted_build_leaves_the_previous_graph(docs: Path, tmp_path: Path, stage: str) -> None:
    store = tmp_path / "store"
    build([str(docs)], str(store))
    before, graph = current_path(store).resolve(), dataset(store)
    _sub(docs / SEED_001, "29-NQ/TW", "30-NQ/TW")
    (docs / SEED_002).unlink()

    def ctrl_c(now: str, done: int, total: int, what: str) -> None:
        if now == stage:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([str(docs)], str(store), progress=ctrl_c, jobs=2)
    assert current_path(store).resolve() == before and dataset(store) == graph
    assert not list((store / "builds").glob("tmp-*"))
    build([str(docs)], str(store))  # and the next build picks up where things are
    assert dataset(store) == cold(docs, tmp_path)


def test_kg_build_reports_what_it_redid(docs: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    code, out, err = run("build", str(docs), "--store", store, "--jobs", "2")
    assert code == 0 and f"({len(list(docs.iterdir()))} extracted)" in out
    assert "docs/s" in err and "left" in err
    _sub(docs / SEED_001, "29-NQ/TW", "30-NQ/TW")
    code, out, _ = run("build", str(docs), "--store", store)
    assert code == 0 and "(1 extracted)" in out
    code, out, _ = run("build", str(docs), "--store", store, "-q")
    assert code == 0 and "nothing changed since the last build" in out
    assert isinstance(BuildSummary().as_dict()["unchanged"], bool)
    code, _, err = run("build", str(docs), "--store", store, "--jobs", "0")
    assert code == 2 and "--jobs" in err


def test_ctrl_c_stops_kg_build_cleanly(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    store = tmp_path / "store"
    build([str(SAMPLES)], str(store))
    before = current_path(store).resolve()
    write_corpus(400, tmp_path / "docs", seed=3)
    # a suite started in the background by a non-interactive shell ("make test &") ignores SIGINT, and
    # Python keeps an ignored SIGINT ignored: kg would not hear the interrupt. It hears it as a user's.
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(tmp_path / "docs"), "--store", str(store),
                             "--jobs", "2"], stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # a line every tenth of the files when stderr is not a terminal
        seen.append(line)
        if line.startswith("extract [") and " 0/" not in line:
            proc.send_signal(signal.SIGINT)
            break
    err = "".join(seen) + proc.stderr.read()
    assert proc.wait(timeout=60) == 130, err
    assert err.rstrip().endswith("Error: interrupted") and "Traceback" not in err
    assert current_path(store).resolve() == before and not list((store / "builds").glob("tmp-*"))
    assert run("lineage", "29-NQ/TW", "--store", str(store))[0] == 0


def test_an_update_runs_only_when_allowed_on_a_copy_and_the_next_build_starts_cold(tmp_path: Path) -> None:
    store = tmp_path / "store"
    build([str(SAMPLES)], str(store))
    before = current_path(store).resolve()
    insert = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    ask = "ASK { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    code, _, err = run("query", insert, "--store", str(store))
    assert code == 2 and "--allow-update" in err and current_path(store).resolve() == before
    code, _, err = run("query", "--allow-update", "INSERT DATA { <a> }", "--store", str(store))
    assert code == 2 and err.startswith("Error: the update failed, the graph is unchanged")
    assert current_path(store).resolve() == before and not list((store / "builds").glob("tmp-*"))
    code, out, _ = run("query", "--allow-update", insert, "--store", str(store))
    assert code == 0 and "next kg build starts cold" in out
    assert current_path(store).resolve() != before and before.exists()  # the previous build stays a round
    assert run("query", ask, "--store", str(store))[1].strip() == "true"
    summary = build([str(SAMPLES)], str(store))
    assert summary.extracted == 5 and not summary.unchanged  # cold: the graph is the documents' again
    assert run("query", ask, "--store", str(store))[1].strip() == "false"
