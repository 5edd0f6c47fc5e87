"""The typed objects that flow between the pipeline stages.

Every stage takes and returns frozen dataclasses, never loose dicts; everything extracted keeps the
span of text it was read from, in offsets of the text as read (after decoding, before normalising).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Level = Literal["central", "provincial", "district", "commune"]
Kind = Literal["party", "state", "mass"]
Role = Literal["lead", "coordinate", "report"]

#: The relations of one document to another, weakest first. ``continues`` and ``reviews`` are
#: kinds of ``implements``; a reference keeps the strongest relation among its mentions.
RELATIONS: tuple[str, ...] = (
    "cites", "basedOn", "guides", "amends", "replaces", "repeals", "promulgates",
    "implements", "continues", "reviews",
)
RELATION_STRENGTH: dict[str, int] = {name: rank for rank, name in enumerate(RELATIONS)}


def stronger(a: str, b: str) -> str:
    """The stronger of two relations (the first one on a tie)."""
    return b if RELATION_STRENGTH[b] > RELATION_STRENGTH[a] else a


class Compact:
    """Pickled as its class and field values: kg build keeps a hundred thousand extractions on
    disk, and the default pickling of a frozen dataclass with slots (which looks up the fields of
    every object it restores) is several times slower."""

    __slots__ = ()

    def __reduce__(self) -> tuple:
        return type(self), tuple(getattr(self, name) for name in self.__match_args__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Span(Compact):
    """A stretch of the text as read: ``text == source_text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Source(Compact):
    """A document as read from disk, decoded to text."""

    path: str
    name: str
    text: str
    sha256: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Unit(Compact):
    """An administrative unit of the gazetteer (province, district or commune)."""

    name: str  # "An Lão"
    designator: str  # "huyện", "tỉnh", "thành phố", "xã", ...
    level: Level
    province: str  # "Hải Phòng"
    province_designator: str  # "tỉnh" or "thành phố"
    code: int
    era: Literal["legacy", "2025"]  # before or after the July 2025 reform
    district: str | None = None  # for communes before 2025
    district_designator: str | None = None

    @property
    def full_name(self) -> str:
        return f"{self.designator} {self.name}"


@dataclass(frozen=True, slots=True)
class Agency(Compact):
    """A public body, written out in full with its locality."""

    name: str  # "Ủy ban nhân dân huyện An Lão"
    level: Level | None = None
    province: str | None = None
    kind: Kind | None = None
    unit: Unit | None = field(default=None, compare=False)
    # a joint issuer's bodies, the lead first; its name joins theirs ("29/2010/TTLT-BGDĐT-BTC-BLĐTBXH")
    members: tuple[Agency, ...] = ()

    @property
    def lead(self) -> Agency:
        """The body the graph names as the issuer: a joint issuer's first, else the agency itself."""
        return self.members[0] if self.members else self


@dataclass(frozen=True, slots=True)
class Signer(Compact):
    name: str
    position: str | None = None
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Document(Compact):
    """What the header and body say about the document itself."""

    type: str
    number: str | None = None
    symbol: str | None = None
    identifier: str | None = None
    date: str | None = None
    date_range: tuple[str, str] | None = None
    place: str | None = None
    title: str | None = None
    issuer: Agency | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    unit: Unit | None = None  # the locality the document belongs to
    spans: tuple[Span, ...] = ()  # where the number, date and title were read


@dataclass(frozen=True, slots=True)
class Mention(Compact):
    """One occurrence of a reference to another document in the text."""

    start: int  # offsets into the normalised text
    end: int
    type: str
    number: str | None
    symbol: str | None
    identifier: str | None
    date: str | None = None
    issuer: Agency | None = None
    title: str | None = None
    title_end: int | None = None
    # The document in whose description this mention is nested ("KH 224 ... về thực hiện KL 51").
    parent: int | None = None
    list_id: int | None = None  # mentions joined by ", " into one list share an id
    list_separator: str | None = None  # what joined this mention to the previous one of its list
    short: bool = False  # a short form ("Kế hoạch 3380") that must match a full mention
    named: bool = False  # a document named only by its title
    typed: bool = True  # the type was printed ("Quyết định số ..."), not read off the symbol


@dataclass(frozen=True, slots=True)
class Reference(Compact):
    """A distinct document referred to, with details merged from all its mentions."""

    identifier: str | None
    type: str
    number: str | None
    symbol: str | None
    date: str | None
    title: str | None
    issuer: Agency | None
    relation: str
    evidence: tuple[Span, ...]
    aliases: tuple[str, ...] = ()  # catalogue identifiers a named reference stands for
    evidence_relations: tuple[str, ...] = ()  # the relation each mention in ``evidence`` gave


@dataclass(frozen=True, slots=True)
class Relation(Compact):
    """What the text says about how two other documents relate."""

    source: str  # identifier (or title) of the acting document
    relation: str
    target: str | None
    target_title: str | None
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Deadline(Compact):
    date: str | None  # ISO, possibly partial
    recurrence: str | None  # "yearly:11", "every:3 months", ...
    text: str


@dataclass(frozen=True, slots=True)
class Task(Compact):
    agency: str
    role: Role
    deadline: Deadline | None
    text: str
    evidence: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class EntryIntoForce(Compact):
    """The day the document itself takes effect, kept apart from the day it was signed: "Quyết
    định này có hiệu lực thi hành kể từ ngày 05 tháng 12 năm 2025" (or "kể từ ngày ký")."""

    date: str | None  # ISO; the date of signing when ``on_signing`` (None if the header has none)
    on_signing: bool
    evidence: Span


#: What a document does to another's force: ends it whole ("thay thế", "bãi bỏ", "hết hiệu lực")
#: or in part ("bãi bỏ khoản 2 Điều 3 ...").
CHANGES: tuple[str, ...] = ("replaces", "repeals")


@dataclass(frozen=True, slots=True)
class Change(Compact):
    """The document ends (``relation``) the force of one it cites, whole or in part."""

    relation: str  # one of CHANGES
    target: int  # index into Extraction.references
    part: str | None  # "khoản 1 Điều 3": only that part; None: the whole document
    date: str | None  # the day it takes effect when the text states one; else the document's own
    evidence: tuple[Span, ...]  # the sentence; for an item of a list, the list's head and the item

    @property
    def quote(self) -> str:
        return " … ".join(s.text for s in self.evidence)


@dataclass(frozen=True, slots=True)
class Extraction(Compact):
    """Everything extracted from one source document."""

    source: Source
    document: Document
    references: tuple[Reference, ...]
    relations: tuple[Relation, ...]
    tasks: tuple[Task, ...]
    entry_into_force: EntryIntoForce | None = None
    changes: tuple[Change, ...] = ()
