"""kg export: the graph of documents and relations, read back by networkx (GraphML, GEXF) and as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main

#: The seed chain: Quảng Ngãi's plan 224-KH/TU implements Kết luận 51-KL/TW, which continues 29-NQ/TW
#: (seed 003: "Kế hoạch số 224-KH/TU ... thực hiện Kết luận số 51-KL/TW ... về tiếp tục thực hiện Nghị quyết").
CHAIN = [("224-KH/TU", "implements", "51-KL/TW"), ("51-KL/TW", "continues", "29-NQ/TW")]


def relations_between(g: nx.MultiDiGraph, source: str, target: str) -> set[str]:
    by_id = {d["identifier"]: n for n, d in g.nodes(data=True) if d.get("identifier")}
    return {d["relation"] for _, t, d in g.out_edges(by_id[source], data=True) if t == by_id[target]}


@pytest.mark.parametrize("fmt, read", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_the_seed_chain_reads_back_with_networkx(sample_store: Path, tmp_path: Path, fmt: str, read) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"documents.{fmt}"
    result = CliRunner().invoke(main, ["export", "--store", str(sample_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    g = read(out)
    for source, relation, target in CHAIN:
        assert relation in relations_between(g, source, target)
    nq29 = next(d for _, d in g.nodes(data=True) if d.get("identifier") == "29-NQ/TW")
    assert nq29["type"] == "Resolution" and nq29["issuer"] == "Ban Chấp hành Trung ương Đảng"
    edge = next(d for _, _, d in g.edges(data=True) if d["relation"] == "implements" and "224-KH/TU" in d["quote"])
    assert edge["stated_in"] == "003_793e23e02999985a.txt"


def test_csv_is_one_row_per_relation_with_both_ends(sample_store: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(sample_store), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(result.stdout.splitlines()))
    found = {(r["source_identifier"], r["relation"], r["target_identifier"]) for r in rows}
    assert set(CHAIN) <= found
    graphml = CliRunner().invoke(main, ["export", "--store", str(sample_store)]).stdout
    assert len(rows) == graphml.count("<edge ")


def test_without_a_graph_it_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--store", str(tmp_path / "none")])
    assert result.exit_code == 2 and "Error: no graph in" in result.stderr
