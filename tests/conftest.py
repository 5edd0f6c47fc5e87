"""Shared helpers: the bundled samples and a way to read a snippet as a document of a locality."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from kg import extract_file, extract_text
from kg.model import Extraction, Reference

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
DATA = Path(__file__).resolve().parent / "data"

#: Headers of a real shape, for reading a snippet as the body of a document from somewhere.
HEADERS = {
    "Cẩm Giàng": (
        "ỦY BAN NHÂN DÂN\nHUYỆN CẨM GIÀNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 120/KH-UBND\nCẩm Giàng, ngày 01 tháng 9 năm 2023\n\nKẾ HOẠCH\nThực hiện công tác giáo dục\n\n"
    ),
    "Quảng Ngãi": (
        "UBND TỈNH QUẢNG NGÃI\nSỞ GIÁO DỤC VÀ ĐÀO TẠO\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\nSố: 800/KH-SGDĐT\nQuảng Ngãi, ngày 10 tháng 3 năm 2023\n\nKẾ HOẠCH\n"
        "Công tác năm học\n\n"
    ),
    "Cao Lộc": (
        "Số: 15/KH-UBND\n\nCao Lộc, ngày 20 tháng 2 năm 2024\n\nKẾ HOẠCH\nNhiệm vụ năm 2024\n\n"
    ),
    "Hà Bắc": "Số: 5/KH-UBND\n\nHà Bắc, ngày 10 tháng 4 năm 2026\n\nKẾ HOẠCH\nCông tác giáo dục\n\n",
}


def read_as(place: str, body: str) -> Extraction:
    """``body`` read as the body of a plan issued in ``place`` (see HEADERS)."""
    return extract_text(HEADERS[place] + body + "\n", name=f"snippet-{place}.txt")


def reference(x: Extraction, identifier: str) -> Reference:
    found = [r for r in x.references if r.identifier == identifier]
    assert found, f"{identifier} not among {[r.identifier for r in x.references]}"
    return found[0]


@cache
def sample(name: str) -> Extraction:
    path = next(SAMPLES.glob(name + "*"))
    return extract_file(str(path))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Print the figures of the hand-labelled set when its tests ran: both halves, and the
    mistakes of the tuning half only (the test half's stay unread)."""
    from test_labelled import FIGURES, HALVES

    if not FIGURES:
        return
    terminalreporter.write_sep("-", "hand-labelled set (tests/data/labelled.json)")
    for half in ("tuning", "test"):
        if half in FIGURES:
            result = FIGURES[half]
            terminalreporter.write_line(f"{half} half ({len(HALVES[half])} documents): {result.line()}")
            terminalreporter.write_line(f"    {result.counts()}")
    if "tuning" in FIGURES:
        for line in FIGURES["tuning"].misses[:20]:
            terminalreporter.write_line("  tuning: " + line)


#: A test that uses one of these is slow: a real Chromium, Virtuoso or server, or a graph of the corpus.
SLOW_FIXTURES = {"browser", "virtuoso", "writer", "synthetic_store", "mid_push_store", "corpus_store"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow what `pytest -m "not slow"` leaves out of the quick loop (make test runs everything)."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of data/samples, built once for the session (read-only for the tests)."""
    from kg.build import build

    store = tmp_path_factory.mktemp("sample-store")
    build([str(SAMPLES)], str(store))
    return store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The graph of the samples, the corpus documents of the tests (tests/data/corpus) and the three plans of
    tests/data/coverage, built once for the session (read-only for the tests)."""
    from kg.build import build

    store = tmp_path_factory.mktemp("corpus-store")
    build([str(SAMPLES), str(DATA / "corpus"), str(ROOT / "tests" / "data" / "coverage")],
          str(store))
    return store


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """A headless Chromium (Debian's, driven by selenium), for the session; stopped at its end."""
    from kg.viz.browser import chromium

    with chromium() as b:
        yield b
