"""kg lineage reads each document's card (kg:card, written when the graph is built); a graph
without cards is read by the three queries of facts, files and edges. Both give the same lineage,
for every document of the samples and of the corpus, in both directions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from kg.build.store import open_store
from kg.graph.vocab import KG
from kg.reports.lineage import lineage, lineage_from_queries
from kg.sparql.query import LocalEndpoint, QueryError, Term, internal_query, parse_query, resolve_document

EVERY_CARD = parse_query("PREFIX kg: <https://w3id.org/kg-vn/ontology#>\nSELECT ?document WHERE { ?document kg:card ?card }",
                         "every card")


@pytest.mark.parametrize("which", ["sample_store", pytest.param("corpus_store", marks=pytest.mark.slow)])
def test_cards_and_queries_give_the_same_lineage_for_every_document(which: str, request: pytest.FixtureRequest) -> None:
    endpoint = LocalEndpoint(open_store(request.getfixturevalue(which)))
    documents = [r["document"].value for r in endpoint.select(EVERY_CARD, {}).rows]
    assert len(documents) > 50
    edges = 0
    for iri in documents:
        for direction in ("down", "up"):
            cards = endpoint.select(internal_query(f"{direction}_cards"), {"root": Term("uri", iri)}).rows
            assert cards and all("card" in r for r in cards)  # so lineage reads the cards
            from_cards = lineage(endpoint, iri, direction)  # type: ignore[arg-type]
            assert from_cards == lineage_from_queries(endpoint, iri, direction), (iri, direction)  # type: ignore[arg-type]
            edges += len(from_cards.edges)
    assert edges > 100  # the comparison saw real chains, not only lone documents


def test_a_graph_without_cards_gives_the_same_lineage(sample_store: Path) -> None:
    with_cards = LocalEndpoint(open_store(sample_store))
    bare = Store()
    bare.extend(q for q in open_store(sample_store) if q.predicate != NamedNode(KG.card))
    without = LocalEndpoint(bare)
    assert not without.select(EVERY_CARD, {}).rows
    for doc, direction in (("29-NQ/TW", "down"), ("94-NQ/HU", "down"), ("003_793e23e02999985a.txt", "up")):
        iri = resolve_document(with_cards, doc)
        assert lineage(without, iri, direction) == lineage(with_cards, iri, direction)  # type: ignore[arg-type]


def test_the_card_of_224_KH_TU(sample_store: Path) -> None:
    """The card holds what the lineage shows of 224-KH/TU and the edge that proves it acts on 51-KL/TW."""
    store = open_store(sample_store)
    iri = resolve_document(LocalEndpoint(store), "224-KH/TU")
    (quad,) = [q for q in store.quads_for_pattern(NamedNode(iri), NamedNode(KG.card), None, DefaultGraph())]
    assert isinstance(quad, Quad)
    card = json.loads(quad.object.value)
    assert set(card) == {"identifier", "type", "title", "date", "issuer", "sources", "edges"}
    assert (card["identifier"], card["type"], card["date"], card["issuer"]) == \
        ("224-KH/TU", "Plan", "2019-09-30", "Tỉnh ủy Quảng Ngãi")
    assert card["sources"] == ["003_793e23e02999985a.txt"]
    (edge,) = [e for e in card["edges"] if e[0] == KG.implements]
    assert edge[1] == resolve_document(LocalEndpoint(store), "51-KL/TW")
    assert edge[2].startswith("Kế hoạch số 224-KH/TU ngày 30/9/2019 của Tỉnh ủy Quảng Ngãi về thực hiện Kết luận số 51-KL/TW")
    assert edge[3] == ["003_793e23e02999985a.txt"]


def test_the_json_text_has_a_line_per_node_and_edge(sample_store: Path) -> None:
    endpoint = LocalEndpoint(open_store(sample_store))
    lin = lineage(endpoint, resolve_document(endpoint, "29-NQ/TW"), "down")
    text = lin.to_json()
    assert json.loads(text) == lin.as_json()
    assert len(text.splitlines()) == 3 + len(lin.nodes) + len(lin.edges) + 2  # root, two openings, two closings


def test_values_are_the_plain_text_of_the_selected_columns(sample_store: Path) -> None:
    endpoint = LocalEndpoint(open_store(sample_store))
    q = parse_query("PREFIX kg: <https://w3id.org/kg-vn/ontology#>\n"
                    "SELECT ?id ?none WHERE { ?d kg:identifier ?id . FILTER(?id = \"29-NQ/TW\") OPTIONAL { ?d kg:nothing ?none } }",
                    "values")
    assert endpoint.values(q, {}, ("id", "none")) == [("29-NQ/TW", None)]
    with pytest.raises(QueryError, match="is not a SELECT query"):
        endpoint.values(parse_query("ASK { ?s ?p ?o }", "ask"), {}, ("x",))
