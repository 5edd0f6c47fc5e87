"""The extractor's version: the hash of the reading and extraction code and of the domain tables,
so that a build never reuses an extraction made by other code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from kg.extract.version import extraction_files, extractor_version, version_of

PACKAGE = ROOT / "kg"


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    where = tmp_path_factory.mktemp("kg-copy")
    shutil.copytree(PACKAGE, where / "kg", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", where / "data")
    return where / "kg", where / "data"


def test_the_version_is_the_installed_extractors() -> None:
    assert extractor_version() == version_of(PACKAGE, ROOT / "data")


def test_every_module_of_reading_and_extraction_counts() -> None:
    names = {str(p.relative_to(PACKAGE)) for p in extraction_files(PACKAGE)}
    assert {"model.py", "read/normalize.py", "read/formats.py", "extract/cite.py", "extract/relate.py",
            "extract/serialize.py", "extract/version.py"} <= names
    assert not any(n.startswith(("build/", "graph/", "sparql/", "reports/", "viz/", "serve/")) for n in names)


def test_editing_any_extraction_module_or_table_changes_it(copy: tuple[Path, Path]) -> None:
    package, data = copy
    before = version_of(package, data)
    for path in [*extraction_files(package), *sorted(data.glob("*.toml"))]:
        original = path.read_bytes()
        path.write_bytes(original + b"\n# an edit\n")
        assert version_of(package, data) != before, path
        path.write_bytes(original)
    assert version_of(package, data) == before


def test_what_comes_after_extraction_does_not(copy: tuple[Path, Path]) -> None:
    package, data = copy
    before = version_of(package, data)
    for name in ("build/run.py", "graph/quads.py", "cli.py", "sparql/query.py"):
        path = package / name
        path.write_bytes(path.read_bytes() + b"\n# an edit\n")
    assert version_of(package, data) == before
