"""Localities: provinces, districts and communes from the gazetteer (vietnam-provinces).

Two eras: before the July 2025 reform (63 provinces, districts, communes: the package's ``legacy``
module) and after it (34 provinces, communes directly under them). A document's era follows its
date; a name is looked up in its era first and in the other one when it is not found there.
Names that occur in several places ("An Lão" is a district of Hải Phòng and of Bình Định) are
decided by the context: the other place names the document mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from kg.model import Level, Unit
from kg.read.normalize import fold, new_tones
from kg.resources import load_table

Era = Literal["legacy", "2025"]
REFORM_DATE = "2025-07-01"  # the two-level local government took office on this day

_DESIGNATORS = ("thành phố trung ương", "thành phố", "thị trấn", "thị xã", "đặc khu", "tỉnh", "huyện",
                "quận", "xã", "phường")
#: Old or informal names still printed in documents.
_ALIASES = {
    "thừa thiên huế": "huế",
    "thừa thiên - huế": "huế",
    "hcm": "hồ chí minh",
    "tp hcm": "hồ chí minh",
    "tp. hcm": "hồ chí minh",
    "tphcm": "hồ chí minh",
    "sài gòn": "hồ chí minh",
}


def _printed_designators() -> dict[tuple[str, str], str]:
    """(era, province) -> the designator its documents of that era print, where the gazetteer,
    which follows later changes, says otherwise (data/places.toml)."""
    return {(row["era"], row["name"]): row["designator"] for row in load_table("places.toml")["province"]}


@dataclass(frozen=True, slots=True)
class Renamed:
    """A province that took a new name before the 2025 reform (data/places.toml)."""

    name: str  # the gazetteer's: "Huế"
    full_name: str  # "thành phố Huế"
    before: str  # "tỉnh Thừa Thiên Huế"
    since: str  # "2025-01-01"

    def named_on(self, date: str) -> str:
        """The full name the province had on ``date`` (ISO, maybe partial)."""
        return self.before if date < self.since[: len(date)] else self.full_name


@cache
def renamed_provinces() -> dict[str, Renamed]:
    return {r["name"]: Renamed(r["name"], f"{r['designator']} {r['name']}", f"{r['before_designator']} {r['before']}",
                               r["since"]) for r in load_table("places.toml")["renamed"]}


def era_for(date: str | None) -> Era:
    """The gazetteer a document dated ``date`` (ISO, maybe partial) should be read with."""
    if not date:
        return "legacy"
    if len(date) == 4:  # a year alone: 2025 documents are mostly from before the reform took effect
        return "2025" if date > REFORM_DATE[:4] else "legacy"
    return "2025" if date >= REFORM_DATE[: len(date)] else "legacy"


def _split_designator(full: str) -> tuple[str, str]:
    """("huyện", "An Lão") from "Huyện An Lão"; the name spelt with the new tone marks, as documents
    print it ("Hòa Bình", where the gazetteer's older data has "Hoà Bình")."""
    full = new_tones(full)
    low = full.lower()
    for d in _DESIGNATORS:
        if low.startswith(d + " "):
            return d, full[len(d) + 1 :]
    return "", full


_HYPHEN = re.compile(r"\s*-\s*")


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """The key a place is looked up by (a few hundred names come back again and again: kept)."""
    key = fold(name).replace("–", "-")
    key = _HYPHEN.sub(" - ", key)
    return _ALIASES.get(key, key)


class Gazetteer:
    """Indexes of every unit by its bare name (without "tỉnh", "huyện", ...)."""

    def __init__(self) -> None:
        from vietnam_provinces import Province, Ward
        from vietnam_provinces.legacy import District as LegacyDistrict
        from vietnam_provinces.legacy import Province as LegacyProvince
        from vietnam_provinces.legacy import Ward as LegacyWard

        self._by_name: dict[Era, dict[str, list[Unit]]] = {"legacy": defaultdict(list), "2025": defaultdict(list)}
        self.provinces: dict[Era, list[Unit]] = {"legacy": [], "2025": []}

        legacy_provinces = self._add_provinces(LegacyProvince.iter_all(), "legacy")
        districts = {}
        for d in LegacyDistrict.iter_all():
            prov = legacy_provinces[d.province_code]
            designator, bare = _split_designator(d.name)
            unit = Unit(bare, designator or d.division_type.value, "district", prov.name, prov.designator,
                        int(d.code.value), "legacy")
            districts[d.code] = unit
            self._add(unit)
        for w in LegacyWard.iter_all():
            dist = districts.get(w.district_code)
            if dist is None:
                continue
            designator, bare = _split_designator(w.name)
            self._add(Unit(bare, designator or w.division_type.value, "commune", dist.province,
                           dist.province_designator, int(w.code.value), "legacy", dist.name, dist.designator))
        new_provinces = self._add_provinces(Province.iter_all(), "2025")
        for ward in Ward.iter_all():
            prov = new_provinces[ward.province_code]
            designator, bare = _split_designator(ward.name)
            self._add(Unit(bare, designator or ward.division_type.value, "commune", prov.name, prov.designator,
                           int(ward.code.value), "2025"))

    def _add_provinces(self, provinces: Iterable, era: Era) -> dict:
        """Index the provinces of one era; their units by the gazetteer's province code."""
        out = {}
        printed = _printed_designators()
        for p in provinces:
            _, bare = _split_designator(p.name)
            designator = "thành phố" if "thành phố" in str(p.division_type.value) else "tỉnh"
            designator = printed.get((era, bare), designator)
            out[p.code] = unit = Unit(bare, designator, "provincial", bare, designator, int(p.code.value), era)
            self._add(unit)
        return out

    def _add(self, unit: Unit) -> None:
        self._by_name[unit.era][place_key(unit.name)].append(unit)
        if unit.level == "provincial":
            self.provinces[unit.era].append(unit)

    def find(self, name: str, era: Era, level: Level | None = None, designator: str | None = None,
             fallback: bool = True) -> list[Unit]:
        """Units called ``name`` in ``era`` (then in the other era), optionally of one level or kind."""
        key = place_key(name)
        designator = _canonical_designator(designator)
        for e in ((era, "2025" if era == "legacy" else "legacy") if fallback else (era,)):
            units = [u for u in self._by_name[e].get(key, ())
                     if (level is None or u.level == level)
                     and (not designator or _designator_fits(designator, u))]
            if units:
                return units
        return []

    def units(self, era: Era, level: Level) -> list[Unit]:
        """Every unit of one level in one era, in the gazetteer's order (by official code)."""
        found = {u.code: u for units in self._by_name[era].values() for u in units if u.level == level}
        return [found[code] for code in sorted(found)]

    def by_code(self, era: Era, level: Level, code: int) -> Unit | None:
        return self._codes().get((era, level, code))

    @cache  # noqa: B019 - one gazetteer per process
    def _codes(self) -> dict[tuple[Era, Level, int], Unit]:
        return {(u.era, u.level, u.code): u for units in self._by_name.values() for us in units.values() for u in us}

    def district_of(self, commune: Unit) -> Unit | None:
        """The district a commune lay in before 2025 (there are none after)."""
        if commune.era != "legacy" or commune.level != "commune" or not commune.district:
            return None
        for u in self.find(commune.district, "legacy", level="district", fallback=False):
            if u.province == commune.province:
                return u
        return None

    def within(self, unit: Unit) -> Unit | None:
        """The unit ``unit`` lies within (kg:within): a commune's district before 2025, else its
        province (none for a province)."""
        above = self.district_of(unit) if unit.level == "commune" else None
        if above is None and unit.level != "provincial":
            above = self.province(unit.province, unit.era)
        return above

    def successors(self, unit: Unit) -> list[Unit]:
        """The 2025 units a province or commune of before the reform became part of."""
        codes = self._merged()[0].get((unit.level, unit.code), []) if unit.era == "legacy" else []
        return [u for c in codes if (u := self.by_code("2025", unit.level, c)) is not None]

    def predecessors(self, unit: Unit) -> list[Unit]:
        """The units of before the reform that a 2025 province or commune was made of."""
        codes = self._merged()[1].get((unit.level, unit.code), []) if unit.era == "2025" else []
        return [u for c in codes if (u := self.by_code("legacy", unit.level, c)) is not None]

    @cache  # noqa: B019 - one gazetteer per process
    def _merged(self) -> tuple[dict[tuple[Level, int], list[int]], dict[tuple[Level, int], list[int]]]:
        """The July 2025 reform, both ways: (legacy level and code -> 2025 codes, and back)."""
        from vietnam_provinces import Province, Ward

        forward: dict[tuple[Level, int], list[int]] = defaultdict(list)
        back: dict[tuple[Level, int], list[int]] = defaultdict(list)
        for level, units in (("provincial", Province.iter_all()), ("commune", Ward.iter_all())):
            for new in units:
                for old in new.get_legacy_sources():
                    forward[(level, int(old.code.value))].append(int(new.code.value))  # type: ignore[index]
                    back[(level, int(new.code.value))].append(int(old.code.value))  # type: ignore[index]
        return dict(forward), dict(back)

    def province(self, name: str, era: Era) -> Unit | None:
        units = self.find(name, era, level="provincial")
        return units[0] if units else None

    def is_name(self, name: str) -> bool:
        key = place_key(name)
        return key in self._by_name["legacy"] or key in self._by_name["2025"]


def _canonical_designator(designator: str | None) -> str | None:
    if not designator:
        return None
    d = fold(designator).rstrip(".")
    return {"tp": "thành phố", "tx": "thị xã", "tt": "thị trấn"}.get(d, d)


def _designator_fits(designator: str, unit: Unit) -> bool:
    if designator == "thành phố":
        return unit.designator == "thành phố"
    if designator == "tỉnh":
        return unit.level == "provincial"
    return unit.designator == designator


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


_NOT_A_LOWER_UNIT = "".join(f"(?<!{d} )" for d in ("huyện", "quận", "thị xã", "xã", "phường", "thị trấn"))


def choose(candidates: Iterable[Unit], context: str) -> Unit | None:
    """The candidate whose surroundings the text mentions most (its province, district, neighbours)."""
    candidates = list(dict.fromkeys(candidates))
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    folded = fold(context)

    def score(u: Unit) -> tuple[int, int]:
        s = 0
        if u.level != "provincial":
            province = re.escape(fold(u.province))
            if fold(u.province) in (fold(u.name), fold(u.district or "")):
                # "xã Hòa Bình" of Lạng Sơn: its own name is no evidence for the province Hòa Bình
                province = r"(?:tỉnh|thành phố)\s+" + province
            else:  # nor is "huyện Quảng Ninh" (of Quảng Bình) for the province Quảng Ninh
                province = _NOT_A_LOWER_UNIT + province
            s += 3 * len(re.findall(r"\b" + province + r"\b", folded))
        if u.district:
            # "huyện Tân Phú Đông", not a bare "Phú Tân" that may be the commune's own name
            s += 2 * len(re.findall(r"\b(?:huyện|quận|thị xã|thành phố)\s+" + re.escape(fold(u.district)) + r"\b",
                                    folded))
        # higher levels first on a tie: a name alone more often means the district than the commune
        return s, {"provincial": 2, "district": 1, "commune": 0}[u.level]

    return max(candidates, key=score)
