"""The domain tables (data/*.toml), loaded once and compiled into patterns.

The tables are data, not code: document types, agencies, relation cues and the catalogue of
central directives each live in a TOML file with real examples that tests/test_tables.py checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import get_args

from kg.errors import DataError
from kg.model import Kind, Level
from kg.resources import load_table


def phrase_pattern(phrase: str) -> str:
    """A literal phrase as a pattern: any whitespace between its words, "-" with or without spaces."""
    words = re.split(r"\s+", phrase.strip())
    out = r"\s+".join(re.escape(w) for w in words)
    return out.replace(r"\s+\-\s+", r"\s*-\s*")


def spaced_pattern(pattern: str) -> str:
    """A table pattern where a single space stands for any run of whitespace."""
    return pattern.replace(" ", r"\s+")


def alternation(phrases: list[str]) -> str:
    """Longest first, so that "Kế hoạch hành động" wins over "Kế hoạch"; grouped by first letter."""
    return grouped_by_first_letter(sorted(set(phrases), key=len, reverse=True), phrase_pattern)


def grouped_by_first_letter(phrases: list[str], pattern_of: Callable[[str], str],
                            guard: Callable[[str], str] = lambda head: "") -> str:
    """An alternation of ``pattern_of`` each phrase (each pattern beginning with its phrase's first
    character, escaped), the first that matches the same as in their order. The phrases that begin
    with one letter (in any case) make one group, in their order; a group whose phrases begin with the
    same character tests it once ("K(?:ế hoạch hành động|ế hoạch|ết luận)"): the engine then tries a
    dozen groups at a position, not forty phrases, and no two groups match at one place. ``guard``
    goes right after a first character (a look-behind at what stands before it)."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        groups.setdefault(phrase[:1].lower(), []).append(phrase)
    return "|".join(_group_pattern(g, pattern_of, guard) for g in groups.values())


def _group_pattern(phrases: list[str], pattern_of: Callable[[str], str], guard: Callable[[str], str]) -> str:
    heads = [re.escape(p[:1]) for p in phrases]
    rests = [pattern_of(p)[len(h) :] for p, h in zip(phrases, heads, strict=True)]
    if len(set(heads)) > 1:
        return "|".join(h + guard(h) + r for h, r in zip(heads, rests, strict=True))
    if len(phrases) == 1:
        return heads[0] + guard(heads[0]) + rests[0]
    return heads[0] + guard(heads[0]) + "(?:" + "|".join(rests) + ")"


# --------------------------------------------------------------------------------------------
# Document types


@dataclass(frozen=True, slots=True)
class DocType:
    """One row of data/doctypes.toml: a type of CONTRACT.md and everything that names it."""

    name: str  # as in the JSON of kg extract: "Decision"
    ontology_class: str  # its class in ontology/kg.ttl: "Decision", "OtherDocument"
    label: str  # in Vietnamese, on cards and pages: "Quyết định"
    short: tuple[str, ...]  # short forms a person types to find one, folded: "qđ", "qd"
    subject_line: bool  # printed with a letter's "V/v ..." line, and no type word: a Dispatch


@dataclass(frozen=True, slots=True)
class DocTypes:
    types: tuple[DocType, ...]  # in the table's order
    word_to_type: dict[str, str]  # folded word -> type
    code_to_type: dict[str, str]  # upper-cased code -> type
    words_pattern: str  # alternation of every type word
    examples: tuple[tuple[str, str], ...]  # (type, example)
    generic: frozenset[str]  # folded words that name any document: the symbol's code decides
    legislation: tuple[str, ...]  # the words of acts of the legislature ("Luật", "Pháp lệnh")
    standing_committee: tuple[str, ...]  # those of its Standing Committee's acts ("Pháp lệnh")
    joint_codes: frozenset[str]  # the codes of joint documents, upper-cased ("TTLT")
    legislation_codes: frozenset[str]  # type codes of acts of the legislature ("PL")

    def names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    def label(self, name: str) -> str:
        """The Vietnamese name of a type ("Công văn"); a type the table does not know is "Văn bản"."""
        return next((t.label for t in self.types if t.name == name), "Văn bản")

    def printed_with_subject_line(self, name: str) -> bool:
        return any(t.subject_line for t in self.types if t.name == name)

    def of_the_legislature(self, title: str | None) -> bool:
        """Whether a title names an act of the legislature: "Luật Giáo dục", "Pháp lệnh Ưu đãi ..."."""
        return bool(title) and any(title.startswith(w + " ") for w in self.legislation)  # type: ignore[union-attr]

    def ordinance_symbol(self, symbol: str | None) -> bool:
        """Whether a symbol is an ordinance's: "PL-UBTVQH11", or the Standing Committee's code alone
        ("02/2020/UBTVQH14"; its resolutions are "NQ-UBTVQH15"). A law's "QH14" is shared by the
        National Assembly's resolutions ("197/2025/QH15"): the type word tells those apart."""
        parts = (symbol or "").upper().split("-")
        if len(parts) == 2 and parts[0] in self.legislation_codes:
            return True
        return len(parts) == 1 and re.fullmatch(r"UBTVQH\d*", parts[0]) is not None

    def of_short_form(self, word: str) -> str | None:
        """The type a folded word or short form names: "quyết định", "qđ", "kh"."""
        return self.word_to_type.get(word) or next((t.name for t in self.types if word in t.short), None)


@cache
def doc_types() -> DocTypes:
    from kg.read.normalize import fold

    data = load_table("doctypes.toml")
    table = data["type"]
    word_to_type: dict[str, str] = {}
    code_to_type: dict[str, str] = {}
    words: list[str] = []
    generic = frozenset(fold(w) for row in table for w in row.get("generic", ()))
    for row in table:
        for w in row["words"]:
            word_to_type[fold(w)] = row["type"]
            words.append(w)
        for c in row["codes"]:
            code_to_type[c.upper()] = row["type"]
    types = tuple(DocType(r["type"], r.get("class", r["type"]), r["label"], tuple(fold(a) for a in r["short"]),
                          bool(r.get("subject_line", False))) for r in table)
    return DocTypes(types, word_to_type, code_to_type, alternation(words),
                    tuple((r["type"], r["example"]) for r in table), generic,
                    tuple(data["legislation"]["words"]), tuple(data["legislation"]["standing_committee"]),
                    frozenset(c.upper() for c in data["joint"]["codes"]),
                    frozenset(c.upper() for c in data["legislation"]["codes"]))


# --------------------------------------------------------------------------------------------
# Agencies


@dataclass(frozen=True, slots=True)
class CentralBody:
    name: str
    kind: Kind
    patterns: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Sector:
    name: str
    patterns: tuple[str, ...]
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LocalBody:
    name: str
    kind: Kind
    patterns: tuple[str, ...]
    codes: tuple[str, ...]
    levels: tuple[Level, ...]
    party_style: bool
    placed_only: bool = False  # a local body only with its place printed ("Cục Thuế tỉnh Gia Lai")
    of_a_body: bool = False  # the committee of the state body named after it ("Đảng ủy UBND tỉnh")


@dataclass(frozen=True, slots=True)
class PartyPart:
    name: str
    patterns: tuple[str, ...]
    codes: tuple[str, ...]
    of: tuple[str, ...]  # the bodies it is a part of


@dataclass(frozen=True, slots=True)
class AgencyTables:
    central: tuple[CentralBody, ...]
    sectors: tuple[Sector, ...]
    local: tuple[LocalBody, ...]
    party_parts: tuple[PartyPart, ...]
    holders: tuple[str, ...]
    positions: dict[str, str]
    subordinate_heads: tuple[str, ...]  # "Cục", "Trung tâm": a header's last line naming the issuer
    examples: tuple[tuple[str, str], ...]  # (example, expected name)


_KINDS: dict[str, Kind] = {k: k for k in get_args(Kind)}
_LEVELS: dict[str, Level] = {v: v for v in get_args(Level)}


def _member[T](values: dict[str, T], word: str, table: str) -> T:
    """A table's word as one of the closed set of values it must be (a kind, a level)."""
    if word not in values:
        raise DataError(f"{table}: {word!r} is not one of {', '.join(values)}")
    return values[word]


@cache
def agency_tables() -> AgencyTables:
    t = load_table("agencies.toml")
    examples: list[tuple[str, str]] = []
    for group in ("central", "sector", "local", "party_part"):
        examples += [(r["example"], r["expect"]) for r in t[group]]
    examples.append((t["holders"]["example"], t["holders"]["expect"]))
    return AgencyTables(
        central=tuple(CentralBody(r["name"], _member(_KINDS, r["kind"], "agencies.toml"), tuple(r["patterns"]),
                                  tuple(r.get("codes", ()))) for r in t["central"]),
        sectors=tuple(Sector(r["name"], tuple(r["patterns"]), tuple(r["codes"])) for r in t["sector"]),
        local=tuple(LocalBody(r["name"], _member(_KINDS, r["kind"], "agencies.toml"), tuple(r["patterns"]),
                              tuple(r["codes"]), tuple(_member(_LEVELS, v, "agencies.toml") for v in r["levels"]),
                              bool(r.get("party_style", False)), bool(r.get("placed_only", False)),
                              bool(r.get("of_a_body", False)))
              for r in t["local"]),
        party_parts=tuple(PartyPart(r["name"], tuple(r["patterns"]), tuple(r["codes"]), tuple(r["of"]))
                          for r in t["party_part"]),
        holders=tuple(t["holders"]["patterns"]),
        positions=dict(t["positions"]),
        subordinate_heads=tuple(t["subordinate"]["heads"]),
        examples=tuple(examples),
    )


# --------------------------------------------------------------------------------------------
# Relation cues


@dataclass(frozen=True, slots=True)
class Cue:
    relation: str  # for the document being read; "" when the cue says nothing about it
    nested: str  # inside the description of another cited document
    lead_only: bool  # speaks for the document only in its title, at a clause's head, after "... này"
    pattern: str
    example: str
    gives: str  # what kg reads in the example: "RELATION IDENTIFIER" or "SOURCE RELATION TARGET"


@cache
def relation_cues() -> tuple[Cue, ...]:
    return tuple(Cue(r["relation"], r["nested"], bool(r["lead_only"]), spaced_pattern(r["pattern"]), r["example"],
                     r["gives"])
                 for r in load_table("relation_cues.toml")["cue"])


# --------------------------------------------------------------------------------------------
# The catalogue of central directives


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    identifier: str
    type: str
    date: str
    issuer: str
    title: str
    aliases: tuple[str, ...]  # patterns
    short_names: tuple[str, ...]
    example: str
    verified: tuple[str, ...]
    evidence: tuple[str, ...]
    continues: str | None
    promulgates_named: str | None


@cache
def catalog() -> tuple[CatalogEntry, ...]:
    return tuple(
        CatalogEntry(
            identifier=r["identifier"], type=r["type"], date=r["date"], issuer=r["issuer"],
            title=r.get("title", ""), aliases=tuple(spaced_pattern(a) for a in r.get("aliases", ())),
            short_names=tuple(r.get("short_names", ())), example=r.get("example", ""),
            verified=tuple(r.get("verified", ())), evidence=tuple(r.get("evidence", ())),
            continues=r.get("continues"),
            promulgates_named=spaced_pattern(r["promulgates_named"]) if r.get("promulgates_named") else None,
        )
        for r in load_table("catalog.toml")["document"]
    )
