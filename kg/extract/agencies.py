"""Agencies: read a body's name from the text and write it out in full, with its locality.

"UBND tỉnh" in a document from Cẩm Giàng is "Ủy ban nhân dân tỉnh Hải Dương"; "Bộ trưởng Bộ
GDĐT" is "Bộ Giáo dục và Đào tạo"; "Ban Thường vụ Tỉnh ủy" in a document from Cao Lộc is "Ban
Thường vụ Tỉnh ủy Lạng Sơn". A locality the text leaves implicit is the issuing document's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache

from kg.extract.places import Era, Gazetteer, choose, gazetteer, renamed_provinces
from kg.extract.scan import PatternsAt
from kg.extract.tables import AgencyTables, CentralBody, LocalBody, agency_tables, alternation, doc_types
from kg.model import Agency, Level, Unit
from kg.read.normalize import UPPER, fold

# A word of a place name: capitalised ("Quảng", "Ngãi", "HẢI", "T'Ling" of "Ea T'Ling") or a number
# ("Phường 1").
_NAME_WORD = rf"(?:[{UPPER}](?:[^\s,;:.()“”\"'’/|]|['’](?=[^\W\d_]|[ \t]+[{UPPER}]))*|\d{{1,2}}(?![\d/]))"
_PLACE_NAME = rf"{_NAME_WORD}(?:(?:[ \t]+|[ \t]*\n[ \t]*|\s*-\s*){_NAME_WORD}){{0,4}}"
_DESIGNATOR = r"thành\s+phố|TP\.?|Tp\.?|tỉnh|huyện|quận|thị\s+xã|thị\s+trấn|xã|phường|đặc\s+khu"
LEVEL_OF_DESIGNATOR: dict[str, Level] = {
    "tỉnh": "provincial", "thành phố": "provincial", "tp": "provincial",
    "huyện": "district", "quận": "district", "thị xã": "district",
    "xã": "commune", "phường": "commune", "thị trấn": "commune", "đặc khu": "commune",
}
#: The designator in any case ("tỉnh", "TỈNH", "Thành phố"), the name only capitalised: "xã chỉ đạo
#: các trường" names no commune "Chỉ Đạo".
_LOCALITY = re.compile(
    rf"[ \t]*\n?[ \t]*(?:(?P<des>(?i:{_DESIGNATOR}))(?![^\W\d_])[ \t]*\n?[ \t]*)?(?P<name>{_PLACE_NAME})?"
)


@dataclass(frozen=True, slots=True)
class Context:
    """What the document being read says about itself: its locality, era and issuer."""

    unit: Unit | None = None  # the most specific locality of the document
    era: Era = "legacy"
    issuer: Agency | None = None
    text: str = field(default="", repr=False)  # the document, for deciding ambiguous names

    def at_level(self, level: Level) -> Unit | None:
        """The document's own unit at ``level`` (its district, its province, ...)."""
        u = self.unit
        if u is None:
            return None
        if u.level == level:
            return u
        g = gazetteer()
        if level == "provincial":
            return g.province(u.province, u.era)
        if level == "district" and u.level == "commune":
            return g.district_of(u)
        return None

    def pick(self, candidates: list[Unit]) -> Unit | None:
        """Among units of the same name, the one in the document's province, else by context."""
        if len(candidates) > 1 and self.unit is not None:
            same = [u for u in candidates if u.province == self.unit.province]
            if same:
                candidates = same
        return choose(candidates, self.text)


@dataclass(frozen=True, slots=True)
class AgencyMatch:
    agency: Agency
    start: int
    end: int
    explicit_place: bool  # the locality was written out, not taken from the document


# --------------------------------------------------------------------------------------------
# Patterns built from data/agencies.toml


def _case_aware(phrases: list[str]) -> str:
    """Abbreviations ("UBND", "TU") must match in capitals; words in any case."""
    words = [p for p in phrases if not _is_abbreviation(p)]
    abbrs = [p for p in phrases if _is_abbreviation(p)]
    parts = []
    if words:
        parts.append(f"(?i:{alternation(words)})")
    if abbrs:
        parts.append(f"(?-i:{alternation(abbrs)})(?![^\\W\\d_])")
    return "|".join(parts)


def _is_abbreviation(p: str) -> bool:
    letters = [c for c in p if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1) and " " not in p


@dataclass(frozen=True, slots=True)
class _Compiled:
    tables: AgencyTables
    central: list[tuple[re.Pattern[str], str, str]]  # pattern, name, kind
    central_at: PatternsAt  # the central patterns that may match at a position
    sector: re.Pattern[str]
    sector_names: dict[str, str]  # folded pattern -> sector name
    local: list[tuple[re.Pattern[str], int]]  # pattern, index into tables.local
    local_at: PatternsAt
    party_part: re.Pattern[str]
    party_part_names: dict[str, str]
    part_of: dict[str, tuple[str, ...]]  # part -> the bodies it belongs to
    holder: re.Pattern[str]
    start: re.Pattern[str]  # any way an agency name can begin
    opening: re.Pattern[str]  # ... or a holder or a conference before it: where parse_agency may find one


def _names_and_phrases(rows) -> tuple[dict[str, str], list[str]]:  # type: ignore[no-untyped-def]
    """Every way a row is written (its name and patterns), by its key (``_key``), to the row's name."""
    names: dict[str, str] = {}
    phrases: list[str] = []
    for row in rows:
        for p in (row.name, *row.patterns):
            names[_key(p)] = row.name
            phrases.append(p)
    return names, phrases


def _key(phrase: str) -> str:
    """Folded, one space, " - " for a hyphen however spaced ("LAO ĐỘNG-THƯƠNG BINH VÀ XÃ HỘI")."""
    return re.sub(r"\s*-\s*", " - ", fold(squash_ws(phrase)))


@cache
def _compiled() -> _Compiled:
    t = agency_tables()
    central = []
    for body in t.central:
        for p in body.patterns:
            central.append((re.compile(_case_aware([p])), body.name, body.kind, len(p)))
    central.sort(key=lambda c: -c[3])
    sector_names, phrases = _names_and_phrases(t.sectors)
    sector = re.compile(rf"(?P<head>(?i:Bộ|Sở|Phòng))[ \t]*\n?[ \t]*(?P<sector>{_case_aware(phrases)})(?![^\W\d_])")
    local = [(re.compile(rf"(?:{_case_aware(list(b.patterns))})(?![^\W\d_])"), i) for i, b in enumerate(t.local)]
    part_names, part_phrases = _names_and_phrases(t.party_parts)
    party_part = re.compile(rf"(?:{_case_aware(part_phrases)})(?:\s+|(?=[;,.:)]|\Z))")
    holder = re.compile(rf"(?i:{alternation(list(t.holders))})\s*")  # glued in the corpus: "Bộ trưởngBộ"
    starts = [p for b in t.central for p in b.patterns] + [p for b in t.local for p in b.patterns]
    starts += [p for pp in t.party_parts for p in pp.patterns] + list(t.holders) + ["Bộ", "Sở", "Phòng", "Hội nghị"]
    start = re.compile(rf"(?:{_case_aware(starts)})")
    opening = re.compile(rf"{_SKIP.pattern}(?:{start.pattern}|{holder.pattern}|(?i:{_CONFERENCE.pattern}))")
    return _Compiled(t, [(c[0], c[1], c[2]) for c in central], PatternsAt.of([c[0] for c in central]), sector,
                     sector_names, local, PatternsAt.of([p for p, _ in local]), party_part, part_names,
                     {pp.name: pp.of for pp in t.party_parts}, holder, start, opening)


# --------------------------------------------------------------------------------------------
# Parsing


_CONFERENCE = re.compile(r"Hội\s+nghị\s+(?:lần\s+thứ\s+[\w]+,?\s+|Trung\s+ương\s+\d+,?\s+)?", re.IGNORECASE)
_TERM = re.compile(r"\s*\(?\s*[Kk]hóa\s+[IVXLC]+\s*\)?")
_SKIP = re.compile(r"[ \t]*\n?[ \t]*")


def parse_agency(text: str, pos: int, ctx: Context) -> AgencyMatch | None:
    """The agency named at ``pos`` (leading whitespace skipped), written out in full, or None."""
    c = _compiled()
    if not c.opening.match(text, pos):  # most positions name no body: one test before the many
        return None
    start = _SKIP.match(text, pos).end()  # type: ignore[union-attr]
    p = start
    m = _CONFERENCE.match(text, p)
    if m:
        p = m.end()
    m = c.holder.match(text, p)
    after_holder = m.end() if m else None
    for at in ((after_holder, p) if after_holder is not None else (p,)):
        found = _parse_body(text, at, ctx, c)
        if found:
            agency, end, explicit = found
            if at == after_holder and m and fold(squash_ws(m.group())) == "chánh văn phòng":
                # the Chief of Office stands for the Office: "Chánh Văn phòng Sở GDĐT"
                agency = Agency(f"Văn phòng {agency.name}", agency.level, agency.province, agency.kind,
                                agency.unit)
            t = _TERM.match(text, end)
            if t:
                end = t.end()
            return AgencyMatch(agency, start, end, explicit)
    return None


def _parse_body(text: str, p: int, ctx: Context, c: _Compiled) -> tuple[Agency, int, bool] | None:
    if not c.start.match(text, p):  # most positions name no body: one cheap test before the many
        return None
    # A part of a Party committee: "Ban Thường vụ Tỉnh ủy", "Văn phòng Huyện ủy", "Văn phòng UBND".
    m = c.party_part.match(text, p)
    if m:
        part = c.party_part_names[_key(m.group().strip())]
        inner = _parse_local(text, m.end(), ctx, c)
        if inner:
            agency, end, explicit, body = inner
            if body.name in c.part_of[part]:
                return Agency(f"{part} {agency.name}", agency.level, agency.province, agency.kind,
                              agency.unit), end, explicit
        elif (own := _own_body_of_part(part, ctx, c)) is not None:
            return own, p + len(m.group().rstrip()), False
    # Central bodies, longest pattern first ("Văn phòng Chính phủ" before "Chính phủ").
    best: tuple[int, str, str] | None = None
    for k in c.central_at.at(text, p):
        pattern, name, kind = c.central[k]
        m = pattern.match(text, p)
        if m and (best is None or m.end() > best[0]):
            best = (m.end(), name, kind)
    if best:
        return Agency(best[1], "central", None, best[2]), best[0], True  # type: ignore[arg-type]
    m = c.sector.match(text, p)
    if m:
        return _sector_body(text, m, ctx, c)
    found = _parse_local(text, p, ctx, c)
    if found:
        return found[0], found[1], found[2]
    return None


def _own_body_of_part(part: str, ctx: Context, c: _Compiled) -> Agency | None:
    """A part named without its body, in a document of the one body it can be part of: "Báo cáo thẩm
    tra số 164/BC-BKTNS của Ban Kinh tế - Ngân sách" in a resolution of the city's council (266.txt)."""
    own, bodies = ctx.issuer, c.part_of[part]
    if own is None or len(bodies) != 1 or not own.name.startswith(bodies[0]):
        return None  # "Văn phòng", "Thường trực": parts of several kinds of body, which the text must name
    return Agency(f"{part} {own.name}", own.level, own.province, own.kind, own.unit)


def squash_ws(s: str) -> str:
    return " ".join(s.split())


def _sector_body(text: str, m: re.Match[str], ctx: Context, c: _Compiled) -> tuple[Agency, int, bool] | None:
    head = m.group("head").capitalize()
    sector = c.sector_names.get(_key(m.group("sector")), squash_ws(m.group("sector")))
    if head == "Bộ":
        return Agency(f"Bộ {sector}", "central", None, "state"), m.end(), True
    level: Level = "provincial" if head == "Sở" else "district"
    unit, end, explicit = _locality(text, m.end(), ctx, level)
    if head == "Phòng" and unit is None:
        unit = ctx.at_level("commune") if ctx.era == "2025" else None
    if unit is None:
        return Agency(f"{head} {sector}", level, None, "state"), end, False
    return Agency(f"{head} {sector} {unit.full_name}", unit.level, unit.province, "state", unit), end, explicit


def _parse_local(text: str, p: int, ctx: Context, c: _Compiled):
    for k in c.local_at.at(text, p):
        pattern, i = c.local[k]
        m = pattern.match(text, p)
        if not m:
            continue
        body = c.tables.local[i]
        if body.of_a_body and (of := _body_after(text, m.end(), ctx, c)) is not None:
            return (Agency(f"{body.name} {of[0].name}", of[0].level, of[0].province, "party", of[0].unit),
                    of[1], of[2], body)
        if body.party_style:
            level = body.levels[0] if len(body.levels) == 1 else _party_level(m.group(), ctx)
            unit, end, explicit = _locality(text, m.end(), ctx, level, party_style=True, allowed=body.levels)
            name = body.name
            if unit is None:
                return Agency(name, level, None, "party"), end, False, body
            return Agency(f"{name} {unit.name}", unit.level, unit.province, "party", unit), end, explicit, body
        if _plural_follows(text, m.end()):
            return None
        unit, end, explicit = _locality(text, m.end(), ctx, None, allowed=body.levels)
        if body.placed_only and not explicit:
            continue
        if unit is None:
            return Agency(body.name, None, None, body.kind), end, False, body  # type: ignore[arg-type]
        return (Agency(f"{body.name} {unit.full_name}", unit.level, unit.province, body.kind, unit),  # type: ignore[arg-type]
                end, explicit, body)
    return None


def _body_after(text: str, p: int, ctx: Context, c: _Compiled) -> tuple[Agency, int, bool] | None:
    """The state body named right after a committee's name ("Đảng ủy UBND tỉnh": the People's
    Committee of the province, whose Party committee it is), or None."""
    at = _SKIP.match(text, p).end()  # type: ignore[union-attr]
    found = _parse_body(text, at, ctx, c) if at > p else None
    return found if found is not None and found[0].kind == "state" else None


def _party_level(word: str, ctx: Context) -> Level:
    """"Thành ủy" is provincial in a centrally-run city and a district's elsewhere."""
    prov = ctx.at_level("provincial")
    return "provincial" if prov is None or prov.designator == "thành phố" else "district"


_PLURAL = re.compile(r"\s+(?:các|cấp)\s", re.IGNORECASE)


def _plural_follows(text: str, p: int) -> bool:
    return bool(_PLURAL.match(text, p))


def _locality(text: str, p: int, ctx: Context, level: Level | None, *, party_style: bool = False,
              allowed: tuple[str, ...] = ("provincial", "district", "commune")) -> tuple[Unit | None, int, bool]:
    """The locality after a body's name: written out ("tỉnh Quảng Ngãi"), or the document's own."""
    m = _LOCALITY.match(text, p)
    designator = fold(squash_ws(m.group("des"))).rstrip(".") if m and m.group("des") else None
    if designator in ("tp",):
        designator = "thành phố"
    name_text = m.group("name") if m else None
    g = gazetteer()
    bare = designator is None and not party_style and level is None  # "UBND" then a capitalised word
    if name_text and not (bare and not _looks_like_place(name_text)):
        # a name is looked up at every level the body exists at ("Thành ủy Cần Thơ" is a province's)
        unit, used = _resolve_name(name_text, designator, level if len(allowed) == 3 or level is None else None,
                                   ctx, g, allowed)
        if unit is not None:
            name_start = m.start("name")  # type: ignore[union-attr]
            return unit, name_start + used, True
    if designator:
        want = LEVEL_OF_DESIGNATOR.get(designator, level)
        if designator == "thành phố":
            prov = ctx.at_level("provincial")
            dist = ctx.at_level("district")
            if prov is not None and prov.designator == "thành phố":
                want = "provincial"
            elif dist is not None and dist.designator == "thành phố":
                want = "district"
        end = m.end("des")  # type: ignore[union-attr]
        return ctx.at_level(want) if want in allowed else None, end, False
    if level is not None:
        return ctx.at_level(level), p, False
    own = ctx.issuer.unit if ctx.issuer is not None and ctx.issuer.unit is not None else ctx.unit
    return own, p, False


def _looks_like_place(name_text: str) -> bool:
    first = name_text.split()[0]
    return gazetteer().is_name(first) or gazetteer().is_name(" ".join(name_text.split()[:2]))


def _resolve_name(name_text: str, designator: str | None, level: Level | None, ctx: Context, g: Gazetteer,
                  allowed: tuple[str, ...] = ("provincial", "district", "commune")) -> tuple[Unit | None, int]:
    """The longest run of words at the start of ``name_text`` that names a unit; its length."""
    words = list(re.finditer(r"[^\s-]+", name_text))
    for k in range(len(words), 0, -1):
        end = words[k - 1].end()
        candidate = name_text[:end]
        if k == 1 and not words[0].group()[0].isalpha() and designator is None:
            continue  # "Phường 1": a number names a unit only after its designator
        if designator is None and level is None and len(allowed) == 3 and k > 3:
            continue  # a bare capitalised run after "UBND" is a place only if short; "Tỉnh ủy Bà Rịa - Vũng Tàu" is
        units = g.find(squash_ws(candidate), ctx.era, level=level, designator=designator)
        if not units and designator is not None:
            units = g.find(squash_ws(candidate), ctx.era, level=LEVEL_OF_DESIGNATOR.get(designator))
        units = [u for u in units if u.level in allowed]
        if units:
            return ctx.pick(units), end
    return None, 0


def as_of(agency: Agency | None, date: str | None) -> Agency | None:
    """A body as it was named on ``date``: the people's council of "tỉnh Thừa Thiên Huế" in 2024,
    of "thành phố Huế" from 2025 (data/places.toml); a body with no date keeps its name."""
    if agency is None or agency.unit is None or not date:
        return agency
    renamed = renamed_provinces().get(agency.unit.province)
    if renamed is None or agency.unit.level != "provincial":
        return agency
    then = renamed.named_on(date)
    if then == renamed.full_name or not agency.name.endswith(renamed.full_name):
        return agency
    return replace(agency, name=agency.name[: -len(renamed.full_name)] + then)


@cache
def _bodies_by_code() -> tuple[dict[str, CentralBody], dict[str, LocalBody]]:
    """The first central and the first local body of the tables that each code names."""
    central: dict[str, CentralBody] = {}
    local: dict[str, LocalBody] = {}
    for c_body in agency_tables().central:
        for code in c_body.codes:
            central.setdefault(code.upper(), c_body)
    for l_body in agency_tables().local:
        for code in l_body.codes:
            local.setdefault(code.upper(), l_body)
    return central, local


def from_symbol(code: str, ctx: Context) -> Agency | None:
    """The issuer that a symbol's code stands for ("TTg", "BGDĐT", "SGDĐT", "TU", "VPTU")."""
    t = agency_tables()
    up = code.upper()
    central, locals_ = _bodies_by_code()
    if (body := central.get(up)) is not None:
        return Agency(body.name, "central", None, body.kind)
    for s in t.sectors:
        for sc in s.codes:
            if up in ("B" + sc.upper(), sc.upper()) and s.name not in ("Tài chính - Kế hoạch",):
                return Agency(f"Bộ {s.name}", "central", None, "state")
            if up == "S" + sc.upper():
                prov = ctx.at_level("provincial")
                if prov is None:
                    return Agency(f"Sở {s.name}", "provincial", None, "state")
                return Agency(f"Sở {s.name} {prov.full_name}", "provincial", prov.province, "state", prov)
            if up == "P" + sc.upper():
                dist = ctx.at_level("district")
                if dist is None:
                    return Agency(f"Phòng {s.name}", "district", None, "state")
                return Agency(f"Phòng {s.name} {dist.full_name}", "district", dist.province, "state", dist)
    for pp in t.party_parts:
        for pc in pp.codes:
            if up == pc.upper():
                level: Level = "provincial" if pc.upper().endswith("TU") else "district"
                unit = ctx.at_level(level)
                committee = "Tỉnh ủy" if level == "provincial" else "Huyện ủy"
                if unit is None:
                    return Agency(f"{pp.name} {committee}", level, None, "party")
                return Agency(f"{pp.name} {committee} {unit.name}", level, unit.province, "party", unit)
    local = locals_.get(up)
    if local is None:
        return None
    if local.party_style:
        level = local.levels[0]
        unit = ctx.at_level(level)
        if unit is None:
            return Agency(local.name, level, None, "party")
        return Agency(f"{local.name} {unit.name}", level, unit.province, "party", unit)
    unit = _own_body_unit(local.name, ctx)
    if unit is None:
        return Agency(local.name, None, None, local.kind)
    return Agency(f"{local.name} {unit.full_name}", unit.level, unit.province, local.kind, unit)


def joint_issuer(symbol: str | None, ctx: Context) -> Agency | None:
    """The bodies of a joint document, in its symbol's order: "TTLT-BGDĐT-BTC-BLĐTBXH" (144.txt) is
    the Ministries of Education, of Finance and of Labour's; a code cut at a hyphen is read whole
    ("TTLT/BLĐTBXH-BGD-ĐT-BTC"). None unless there are two or more and each is a central body."""
    parts = re.split(r"[-/]", (symbol or "").replace(" ", ""))
    if len(parts) < 3 or parts[0].upper() not in doc_types().joint_codes:
        return None
    bodies: list[Agency] = []
    pending = ""
    for part in parts[1:]:
        body = from_symbol(pending + part, ctx)
        if body is None:
            pending += part
        elif body.level == "central" and body not in bodies:
            bodies.append(body)
            pending = ""
        else:
            return None
    if pending or len(bodies) < 2:
        return None
    kinds = {b.kind for b in bodies}
    return Agency(", ".join(b.name for b in bodies), "central", None, kinds.pop() if len(kinds) == 1 else None,
                  members=tuple(bodies))


def _own_body_unit(body_name: str, ctx: Context) -> Unit | None:
    """Which people's committee a bare "QĐ-UBND" most likely comes from: the issuer's own when it is
    one, the district's for a district office, the province's otherwise."""
    issuer = ctx.issuer
    if issuer is not None and issuer.unit is not None:
        if issuer.name.startswith(body_name) or issuer.name.startswith("Ủy ban nhân dân"):
            return issuer.unit
        if issuer.name.startswith("Phòng"):
            return ctx.at_level("district") or issuer.unit
        return ctx.at_level("provincial")
    return ctx.at_level("provincial") if ctx.unit is None or ctx.unit.level == "provincial" else ctx.unit
