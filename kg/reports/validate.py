"""``kg validate``: check the built graph against ontology/shapes.ttl with pySHACL.

What is checked: the merged view (the default graph) and the citation nodes of every source graph,
with ontology/kg.ttl mixed in so that the shapes' target classes reach every subclass. The report
names each offending node by what a person knows it by (its identifier, title or file name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, QueryTriples, RdfFormat, Store

from kg.errors import KgError
from kg.graph.vocab import DCTERMS, KG
from kg.resources import resource_dir
from kg.sparql.query import Term, internal_query


class ValidationError(KgError):
    """The shapes or the ontology cannot be loaded, or pySHACL failed."""


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str  # the offending node, as a person knows it
    path: str | None
    message: str
    value: str | None

    def line(self) -> str:
        where = f" {self.path}:" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.focus}:{where} {self.message}{value}"


@dataclass(frozen=True, slots=True)
class Report:
    conforms: bool
    checked_triples: int
    violations: tuple[Violation, ...]

    def text(self, limit: int = 50) -> str:
        if self.conforms:
            return f"the graph conforms to ontology/shapes.ttl ({self.checked_triples} triples checked)"
        lines = [f"the graph does not conform to ontology/shapes.ttl: {len(self.violations)} violation(s)"]
        lines += ["  " + v.line() for v in self.violations[:limit]]
        if len(self.violations) > limit:
            lines.append(f"  ... and {len(self.violations) - limit} more")
        return "\n".join(lines)


def validate_store(store: Store) -> Report:
    """Validate the graph held in ``store``."""
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import SH

    data = Graph()
    triples = store.query(internal_query("validation_data").text)
    assert isinstance(triples, QueryTriples)  # a CONSTRUCT
    data.parse(data=(triples.serialize(format=RdfFormat.N_TRIPLES) or b"").decode("utf-8"), format="nt")
    shapes_path = resource_dir("ontology") / "shapes.ttl"
    ontology_path = resource_dir("ontology") / "kg.ttl"
    try:
        shapes = Graph().parse(shapes_path, format="turtle")
        ontology = Graph().parse(ontology_path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ValidationError(f"cannot load {shapes_path.name} or {ontology_path.name}: {e}") from e
    try:
        conforms, results, _ = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                                advanced=True, allow_warnings=True)
    except Exception as e:  # pySHACL raises its own and rdflib's errors; all mean the check could not run
        raise ValidationError(f"pySHACL could not validate the graph: {e}") from e
    if not hasattr(results, "subjects"):  # pySHACL's ValidationFailure: the shapes themselves are wrong
        raise ValidationError(f"pySHACL could not validate the graph: {results}")

    def name(node: object) -> str:
        return _known_as(store, str(node)) if node is not None else "?"

    violations = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        value = results.value(result, SH.value)
        violations.append(Violation(name(focus), Term("uri", str(path)).short() if path is not None else None,
                                    _plain(str(message)) if message is not None else "does not conform",
                                    str(value) if value is not None else None))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(bool(conforms), len(data), tuple(violations))


def _plain(message: str) -> str:
    """pySHACL's message without the node and path it repeats ("... on <iri>->kg:date")."""
    return re.sub(r"\s+on\s+<[^>]*>(?:->\S+)?", "", message).strip()


def _known_as(store: Store, iri: str) -> str:
    """``kgd:doc/... (29-NQ/TW)``: the node and what a person knows it by."""
    short = Term("uri", iri).short()
    for prop in (KG.identifier, DCTERMS.title, KG.fileName, KG.name, KG.quote):
        for q in store.quads_for_pattern(NamedNode(iri), NamedNode(prop), None, None):
            label = q.object.value if isinstance(q.object, NamedNode | Literal) else str(q.object)
            return f"{short} ({label[:60] + '…' if len(label) > 60 else label})"
    return short
