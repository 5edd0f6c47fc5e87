"""The ontology, the namespace class in code and the SHACL shapes agree with one another."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.graph.vocab import KG, ONTOLOGY, RELATION_PROPERTY, TYPE_CLASS

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")


def defined_terms(g: Graph) -> set[str]:
    return {str(s) for s in g.subjects(RDF.type, None) if str(s).startswith(ONTOLOGY)}


def test_the_namespace_class_and_the_ontology_define_the_same_terms(ontology: Graph) -> None:
    in_code = set(KG.terms())
    in_ttl = defined_terms(ontology)
    assert in_code - in_ttl == set(), "in kg/vocab.py but not in ontology/kg.ttl"
    assert in_ttl - in_code == set(), "in ontology/kg.ttl but not in kg/vocab.py"


def test_an_unknown_term_is_an_error() -> None:
    with pytest.raises(AttributeError):
        _ = KG.implement  # a typo of KG.implements


@pytest.mark.parametrize("term", sorted(KG.terms()))
def test_every_term_has_a_vietnamese_and_an_english_label_and_a_comment(ontology: Graph, term: str) -> None:
    labels = {lit.language for lit in ontology.objects(URIRef(term), RDFS.label) if isinstance(lit, Literal)}
    assert {"vi", "en"} <= labels, f"{term} labels: {labels}"
    assert any(True for _ in ontology.objects(URIRef(term), RDFS.comment)), f"{term} has no rdfs:comment"


@pytest.mark.parametrize("term, aligned_to", [
    (KG.Document, "http://data.europa.eu/eli/ontology#LegalResource"),
    (KG.Agency, "http://www.w3.org/ns/org#Organization"),
    (KG.Citation, "http://www.w3.org/ns/prov#Entity"),
    (KG.cites, "http://data.europa.eu/eli/ontology#cites"),
    (KG.amends, "http://data.europa.eu/eli/ontology#amends"),
    (KG.repeals, "http://data.europa.eu/eli/ontology#repeals"),
    (KG.replaces, "http://purl.org/dc/terms/replaces"),
    (KG.date, "http://data.europa.eu/eli/ontology#date_document"),
])
def test_terms_are_aligned_to_eli_org_prov_and_dublin_core(ontology: Graph, term: str, aligned_to: str) -> None:
    parents = set(ontology.objects(URIRef(term), RDFS.subClassOf)) | set(ontology.objects(URIRef(term),
                                                                                            RDFS.subPropertyOf))
    assert URIRef(aligned_to) in parents


def test_the_relation_hierarchy(ontology: Graph) -> None:
    def parents(p: str) -> set[str]:
        return {str(o) for o in ontology.objects(URIRef(p), RDFS.subPropertyOf)}

    assert KG.cites in parents(KG.basedOn) and KG.cites in parents(KG.implements)
    assert KG.implements in parents(KG.continues) and KG.implements in parents(KG.reviews)
    for relation in ("guides", "amends", "replaces", "repeals", "promulgates"):
        assert KG.cites in parents(RELATION_PROPERTY[relation])


def test_every_document_type_is_a_subclass_of_document(ontology: Graph) -> None:
    for cls in TYPE_CLASS.values():
        assert (URIRef(cls), RDFS.subClassOf, URIRef(KG.Document)) in ontology
        assert (URIRef(cls), RDF.type, OWL.Class) in ontology


def test_the_shapes_use_only_terms_of_the_ontology() -> None:
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    used = {str(t) for triple in shapes for t in triple if isinstance(t, URIRef) and str(t).startswith(ONTOLOGY)}
    assert used and used <= set(KG.terms())
