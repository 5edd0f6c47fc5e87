"""Ontology terms through closed namespace classes: a term that does not exist is an error.

``KG.implements`` is the IRI of kg:implements (a str); ``KG.nope`` raises AttributeError. The terms
are the ones ontology/kg.ttl defines (tests/test_ontology.py checks that the two agree). Plain
strings keep this module free of rdflib, so that reading the store stays quick to start.
"""

from __future__ import annotations

from typing import ClassVar

from kg.extract.tables import doc_types

#: The base of ontology terms.
ONTOLOGY = "https://w3id.org/kg-vn/ontology#"
#: The base of data: documents, agencies, units, source files, named graphs.
DATA = "https://w3id.org/kg-vn/id/"


class _Closed(type):
    """A namespace whose members are the class's annotations; anything else is an error."""

    _base: str

    def __init__(cls, name: str, bases: tuple, namespace: dict) -> None:
        super().__init__(name, bases, namespace)
        for term in cls.__annotations__:  # real attributes: KG.implements is a plain lookup
            if not term.startswith("_"):
                setattr(cls, term, cls._base + cls._spelled(term))

    def __getattr__(cls, name: str) -> str:  # only called for a name that is not a term
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in cls.__annotations__:
            raise AttributeError(f"term {name!r} is not in the namespace {cls._base}")
        return cls._base + cls._spelled(name)

    def _spelled(cls, name: str) -> str:
        """The term's local name: ELI's "InForce-inForce" is written InForce_inForce in Python."""
        return name.replace("_", "-") if name.startswith("InForce_") else name

    def __getitem__(cls, name: str) -> str:
        return cls.__getattr__(name)

    def __contains__(cls, iri: object) -> bool:
        return isinstance(iri, str) and iri in cls.terms()

    def terms(cls) -> list[str]:
        return [cls._base + cls._spelled(n) for n in cls.__annotations__ if not n.startswith("_")]


class KG(metaclass=_Closed):
    _base: ClassVar[str] = ONTOLOGY
    # documents and their types
    Document: str
    Resolution: str
    Conclusion: str
    Decision: str
    Directive: str
    Plan: str
    Notice: str
    OfficialLetter: str
    Circular: str
    Decree: str
    Law: str
    Program: str
    Project: str
    Strategy: str
    Guidance: str
    Report: str
    Submission: str
    Dispatch: str
    Regulation: str
    OtherDocument: str
    # relations between documents
    inverseLabel: str
    cites: str
    basedOn: str
    implements: str
    continues: str
    reviews: str
    guides: str
    amends: str
    replaces: str
    repeals: str
    promulgates: str
    actsOn: str
    # facts about documents
    identifier: str
    number: str
    symbol: str
    date: str
    dayNumber: str
    earliestDate: str
    latestDate: str
    issuer: str
    place: str
    signer: str
    signerPosition: str
    locality: str
    countsFor: str
    provinceCodeBefore2025: str
    districtCodeBefore2025: str
    communeCodeBefore2025: str
    provinceCodeFrom2025: str
    communeCodeFrom2025: str
    sourceFile: str
    sourceFileName: str
    mentionedIn: str
    resolved: str
    disputed: str
    candidate: str
    verified: str
    unverified: str
    alias: str
    card: str
    # evidence
    Citation: str
    Edge: str
    citing: str
    cited: str
    relation: str
    quote: str
    startOffset: str
    endOffset: str
    SourceFile: str
    fileName: str
    sha256: str
    describes: str
    # agencies and localities
    Agency: str
    PartyBody: str
    StateBody: str
    MassOrganization: str
    level: str
    Level: str
    Central: str
    Provincial: str
    DistrictLevel: str
    CommuneLevel: str
    name: str
    province: str
    seat: str
    AdministrativeUnit: str
    Province: str
    District: str
    Commune: str
    officialCode: str
    within: str
    formerCode: str
    laterCode: str
    validFrom: str
    validUntil: str
    # tasks
    Task: str
    task: str
    assignedTo: str
    role: str
    deadline: str
    recurrence: str
    # validity: what the documents say of their own force and of the force of others
    EntryIntoForce: str
    Change: str
    StatusEvidence: str
    entersIntoForce: str
    effectiveDate: str
    onSigning: str
    part: str
    statusBy: str


class ELI(metaclass=_Closed):
    """The European Legislation Identifier ontology: a document's force and its dates."""

    _base: ClassVar[str] = "http://data.europa.eu/eli/ontology#"
    in_force: str
    first_date_entry_in_force: str
    date_no_longer_in_force: str
    InForce_inForce: str
    InForce_notInForce: str
    InForce_partiallyInForce: str


class RDF(metaclass=_Closed):
    _base: ClassVar[str] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    type: str


class RDFS(metaclass=_Closed):
    _base: ClassVar[str] = "http://www.w3.org/2000/01/rdf-schema#"
    label: str
    comment: str
    subClassOf: str
    subPropertyOf: str


class DCTERMS(metaclass=_Closed):
    _base: ClassVar[str] = "http://purl.org/dc/terms/"
    title: str
    description: str


class XSD(metaclass=_Closed):
    _base: ClassVar[str] = "http://www.w3.org/2001/XMLSchema#"
    string: str
    date: str
    gYear: str
    gYearMonth: str
    integer: str
    boolean: str


#: The document types of data/doctypes.toml (CONTRACT.md's), as ontology terms; a type the
#: ontology does not define fails here, when kg starts.
TYPE_CLASS = {t.name: KG[t.ontology_class] for t in doc_types().types}
CLASS_TYPE = {v: k for k, v in TYPE_CLASS.items()}
RELATION_PROPERTY = {r: getattr(KG, r) for r in (
    "cites", "basedOn", "implements", "continues", "reviews", "guides", "amends", "replaces", "repeals", "promulgates")}
PROPERTY_RELATION = {v: k for k, v in RELATION_PROPERTY.items()}
LEVEL_NODE = {"central": KG.Central, "provincial": KG.Provincial, "district": KG.DistrictLevel,
              "commune": KG.CommuneLevel}
NODE_LEVEL = {v: k for k, v in LEVEL_NODE.items()}
#: The statuses of `kg status` and the ELI in-force values that say them (no value: unknown).
STATUS_IN_FORCE = {"in_force": ELI.InForce_inForce, "not_in_force": ELI.InForce_notInForce,
                   "partly_in_force": ELI.InForce_partiallyInForce}
#: The relations a lineage follows; kg:actsOn is derived from them when the graph is built.
FOLLOWED = (KG.implements, KG.continues, KG.reviews, KG.basedOn, KG.guides)
