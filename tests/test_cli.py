"""The command line, through click's runner and through the installed command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from kg.cli import main

KG = str(Path(sys.executable).with_name("kg"))


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_json_follows_the_contract() -> None:
    code, out, _ = run("extract", str(SAMPLES / "003_793e23e02999985a.txt"), "--format", "json")
    assert code == 0
    [doc] = json.loads(out)
    assert doc["source"] == "003_793e23e02999985a.txt"
    assert set(doc) == {"source", "document", "references", "relations", "tasks"}
    assert {"type", "number", "symbol", "identifier", "date", "date_range", "place", "title", "issuer",
            "signer"} <= set(doc["document"])
    ref = doc["references"][0]
    assert set(ref) >= {"identifier", "type", "number", "symbol", "date", "title", "issuer", "relation", "evidence"}
    assert ref["issuer"] == {"name": "Tỉnh ủy Quảng Ngãi", "level": "provincial", "province": "Quảng Ngãi"}
    assert {"from", "relation", "to", "to_title", "evidence"} == set(doc["relations"][0])


def test_folders_are_walked_in_order_and_jsonl_is_one_object_per_line() -> None:
    code, out, _ = run("extract", str(SAMPLES), "--format", "jsonl")
    assert code == 0
    names = [json.loads(line)["source"] for line in out.splitlines()]
    assert names == sorted(p.name for p in SAMPLES.glob("*.txt"))


def test_text_summary() -> None:
    code, out, _ = run("extract", str(SAMPLES / "004_5f912ce232b9b190.txt"), "--format", "text")
    assert code == 0
    assert "Ủy ban nhân dân huyện Cao Lộc" in out and "[implements] Quyết định 1556-QĐ/TU" in out


def test_a_missing_file_is_one_line_and_the_others_still_run(tmp_path: Path) -> None:
    good = tmp_path / "a.md"
    good.write_text("Thực hiện Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi.", encoding="utf-8")
    code, out, err = run("extract", str(tmp_path / "missing.txt"), str(good), "--format", "jsonl")
    assert code == 1
    assert err.strip().splitlines() == [f"Error: {tmp_path / 'missing.txt'}: no such file or folder"]
    assert json.loads(out)["references"][0]["identifier"] == "224-KH/TU"


def test_unreadable_and_binary_files_are_reported(tmp_path: Path) -> None:
    binary = tmp_path / "junk.txt"
    binary.write_bytes(b"\x00\x01\xff\xfe\x00garbage")
    code, _, err = run("extract", str(binary))
    assert code == 1 and err.startswith("Error: ") and "junk.txt" in err and "Traceback" not in err


def test_usage_error_exits_2() -> None:
    code, _, _ = run("extract", "--format", "xml", str(SAMPLES))
    assert code == 2


@pytest.mark.slow
def test_the_installed_command_and_python_m_kg() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([KG, "extract", str(SAMPLES / "000_62c2f09d4a06f2f4.txt")], capture_output=True, text=True,
                         env=env, check=True).stdout
    assert json.loads(out)[0]["references"][0]["identifier"] == "3380/QĐ-UBND"
    help_text = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, env=env,
                               check=True).stdout
    assert "extract" in help_text and "Example" in help_text


@pytest.mark.slow
def test_demo_writes_the_extraction_builds_the_graph_and_prints_a_lineage(tmp_path: Path) -> None:
    code, out, _ = run("demo", "--out", str(tmp_path), "--store", str(tmp_path / "store"))
    assert code == 0 and "5 documents" in out
    assert len(json.loads((tmp_path / "extract.json").read_text(encoding="utf-8"))) == 5
    assert (tmp_path / "graph.trig").stat().st_size > 10000 and (tmp_path / "store" / "current").exists()
    assert "29-NQ/TW — Nghị quyết, Ban Chấp hành Trung ương Đảng, 2013-11-04" in out
    assert "[continues] 51-KL/TW" in out and "[implements] 224-KH/TU" in out
