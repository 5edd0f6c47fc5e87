"""Which mentions name the same document: one reference each.

A number is its identifier however spelled; a law named by its title is the numbered law of that
name, when the years agree; a catalogue's name ("Chương trình GDPT 2018") is the document it
stands for; a number printed without its year ("02/CT-TTg") and dated in two years is two
documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.cite import catalog_alias, catalog_named
from kg.extract.symbols import identifier_key, year_of_number
from kg.extract.tables import doc_types
from kg.model import Mention
from kg.read.normalize import fold


def of_the_legislature(m: Mention) -> bool:
    """A law, an ordinance or the Constitution: an act named by its title as much as by its number."""
    types = doc_types()
    return m.type == "Law" or types.of_the_legislature(m.title) or types.ordinance_symbol(m.symbol)


def _law_name(title: str) -> str:
    return re.sub(r"\s+(?:năm\s+)?(?:19|20)\d\d$", "", fold(title))


def _numbered_law(m: Mention, law_keys: dict[str, list[tuple[str, str | None]]]) -> str | None:
    """The numbered mention of the same law, when the years (if printed) agree."""
    name = _law_name(m.title or "")
    candidates = law_keys.get(name, [])
    if not candidates:  # "Luật Khoa học" cut at a comma of "Luật Khoa học, công nghệ và đổi mới sáng tạo"
        candidates = [c for full, cs in law_keys.items() if full.startswith(name + ",") for c in cs]
    year = m.date[:4] if m.date else None
    fitting = [k for k, y in candidates if year is None or y is None or y == year]
    return fitting[0] if len(set(fitting)) == 1 else None


def _key(m: Mention) -> str:
    if m.identifier:
        return identifier_key(m.identifier)
    owner = catalog_named(m.title or "")
    if owner:  # "Chương trình GDPT 2018" and "Chương trình giáo dục phổ thông 2018" are one
        return "named-by:" + owner
    if of_the_legislature(m):  # "Luật Cán bộ, công chức năm 2025" is the law of that name dated 2025
        return "named:Law:" + _law_name(m.title or "")[:80]
    return "named:" + m.type + ":" + fold(m.title or "")[:80]


@dataclass(frozen=True, slots=True)
class Groups:
    """Mentions grouped by the document they name."""

    order: list[str]
    members: dict[str, list[int]]
    key_of: dict[int, str]  # mention -> group
    identifier_of: dict[str, str]  # group -> the identifier of its numbered mentions
    law_keys: dict[str, list[tuple[str, str | None]]]  # a numbered law's folded name -> (group, year)

    def law_named(self, name: str) -> str | None:
        """The identifier of the one numbered law of the document called ``name`` ("Luật Đất đai")."""
        keys = {key for key, _ in self.law_keys.get(_law_name(name), [])}
        return self.identifier_of.get(keys.pop()) if len(keys) == 1 else None


def group_mentions(mentions: list[Mention], own_identifier: str | None) -> Groups:
    own_key = own_identifier.upper().replace(" ", "") if own_identifier else None
    full_by_number: dict[str, list[int]] = {}
    cited_keys = {_key(m) for m in mentions if m.identifier}
    identifier_of = {_key(m): m.identifier for m in mentions if m.identifier}
    for i, m in enumerate(mentions):
        if m.identifier and m.number:
            full_by_number.setdefault(m.number, []).append(i)
    # "Luật Điện lực số 61/2024/QH15" and later "Luật Điện lực" or "Luật Điện lực năm 2024": one law
    law_keys: dict[str, list[tuple[str, str | None]]] = {}
    for m in mentions:
        if m.identifier and m.title and of_the_legislature(m):
            law_keys.setdefault(_law_name(m.title), []).append((_key(m), year_of_number(m.identifier)))

    order: list[str] = []
    groups: dict[str, list[int]] = {}
    key_of: dict[int, str] = {}
    # kept as the groups grow, so that a text of thousands of mentions stays linear: the years of
    # each group's dated mentions, and the groups "KEY@year" of each KEY
    years_of: dict[str, set[str]] = {}
    dated_of: dict[str, list[str]] = {}
    for i, m in enumerate(mentions):
        if m.short:
            targets = full_by_number.get(m.number or "", [])
            keys = {_key(mentions[t]) for t in targets}
            if len(keys) != 1:
                continue  # a short form that names no document cited in full here
            key = keys.pop()
        else:
            key = _key(m)
            if m.identifier and m.date and not year_of_number(m.identifier):
                # "Chỉ thị số 02/CT-TTg ngày 04/7/2018" and "Chỉ thị số 02/CT-TTg ngày 15/11/2019":
                # a number without its year is reused every year
                years = years_of.get(key, set())
                if years and m.date[:4] not in years:
                    key = f"{key}@{m.date[:4]}"
            alias = catalog_alias(m.title) if m.named and m.title else None
            numbered_law = _numbered_law(m, law_keys) if m.named and of_the_legislature(m) else None
            if alias and alias.upper() in cited_keys:
                key = alias.upper()
            elif numbered_law:
                key = numbered_law
            elif m.named and m.date:
                # one title, two dates: two laws ("Luật ... ngày 19/6/2015" and a later one)
                printed = m.date[:4]
                same = next((k for k in dated_of.get(key, []) if k == f"{key}@{printed}"), None)
                if same is not None:
                    key = same
                elif printed not in years_of.get(key, {printed}):
                    key = f"{key}@{printed}"
        key_of[i] = key
        if key == own_key:
            continue
        if key not in groups:
            order.append(key)
            groups[key] = []
            for at, c in enumerate(key):
                if c == "@":
                    dated_of.setdefault(key[:at], []).append(key)
        groups[key].append(i)
        if m.date:
            years_of.setdefault(key, set()).add(m.date[:4])
    return Groups(order, groups, key_of, identifier_of, law_keys)
