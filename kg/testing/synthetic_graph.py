"""A synthetic citation graph for the benches and the tests of large graphs: N documents that look
like a real corpus (nothing of it comes from a real document).

Central directives at the top, then provincial, district and commune documents of the real
gazetteer. Each document implements one or two documents of the level above in its own chain (a
few directives draw most implementers, as 29-NQ/TW does; now and then a directive continues an
earlier one), is based on central laws and decrees outside the corpus, cites a few documents of its
own level, and assigns a task to its education office.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from kg.extract.places import gazetteer
from kg.extract.tables import doc_types
from kg.model import Agency, Deadline, Document, Extraction, Reference, Source, Span, Task, Unit

CENTRAL_ISSUERS = [  # (name, kind, type, symbol)
    ("Ban Chấp hành Trung ương Đảng", "party", "Resolution", "NQ/TW"),
    ("Bộ Chính trị", "party", "Conclusion", "KL/TW"),
    ("Ban Bí thư", "party", "Directive", "CT/TW"),
    ("Chính phủ", "state", "Resolution", "NQ-CP"),
    ("Thủ tướng Chính phủ", "state", "Decision", "QĐ-TTg"),
    ("Bộ Giáo dục và Đào tạo", "state", "Circular", "TT-BGDĐT"),
]
LAWS = [("Quốc hội", "Law", "QH14"), ("Chính phủ", "Decree", "NĐ-CP")]
LEVEL_SHARE = {"central": 0.02, "provincial": 0.13, "district": 0.30, "commune": 0.55}
@dataclass(frozen=True, slots=True)
class SyntheticDoc:
    index: int
    level: str
    identifier: str
    number: str
    symbol: str
    type: str
    date: str
    issuer: Agency
    unit: Unit | None


def _date(rng: random.Random, year_from: int, year_to: int) -> str:
    return f"{rng.randint(year_from, year_to)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _identifier(number: int, symbol: str, year: str, with_year: bool) -> tuple[str, str]:
    ident = f"{number}/{year}/{symbol}" if with_year else (f"{number}-{symbol}" if "/" in symbol else
                                                            f"{number}/{symbol}")
    return ident, symbol


def synthetic_corpus(n: int, seed: int = 7) -> list[Extraction]:
    """N extractions forming a realistic citation graph (see the module's docstring)."""
    rng = random.Random(seed)
    g = gazetteer()
    provinces = g.units("legacy", "provincial")
    districts = g.units("legacy", "district")
    communes = g.units("legacy", "commune")
    district_by_name = {(d.province, d.name): d for d in districts}
    numbers: dict[tuple[str, str], int] = {}  # (issuer, year) -> last number used

    def next_number(issuer: str, year: str) -> int:
        numbers[(issuer, year)] = numbers.get((issuer, year), 0) + rng.randint(1, 9)
        return numbers[(issuer, year)]

    def make(index: int, level: str) -> SyntheticDoc:
        if level == "central":
            name, kind, type_, symbol = rng.choice(CENTRAL_ISSUERS)
            date = _date(rng, 2010, 2016)
            year = date[:4]
            ident, symbol = _identifier(next_number(name, year), symbol, year, type_ == "Circular")
            return SyntheticDoc(index, level, ident, ident.split("/")[0].split("-")[0], symbol, type_, date,
                                Agency(name, "central", None, kind), None)  # type: ignore[arg-type]
        if level == "provincial":
            unit = rng.choice(provinces)
            party = rng.random() < 0.3
            name = f"Tỉnh ủy {unit.name}" if party else f"Ủy ban nhân dân {unit.designator} {unit.name}"
            symbol, date = ("KH/TU" if party else "KH-UBND"), _date(rng, 2014, 2020)
        elif level == "district":
            unit = rng.choice(districts)
            name, symbol, date = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND", _date(rng, 2016, 2023)
        else:
            unit = rng.choice(communes)
            name, symbol, date = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND", _date(rng, 2018, 2025)
        number = next_number(name, date[:4])
        ident = f"{number}-{symbol}" if "/" in symbol else f"{number}/{symbol}"
        agency = Agency(name, level, unit.province, "party" if symbol == "KH/TU" else "state", unit)  # type: ignore[arg-type]
        return SyntheticDoc(index, level, ident, str(number), symbol, "Plan", date, agency, unit)

    levels = [lvl for lvl, share in LEVEL_SHARE.items() for _ in range(max(1, round(n * share)))][:n]
    docs = [make(i, lvl) for i, lvl in enumerate(levels)]
    laws = []
    for k in range(60):  # central laws and decrees, mostly outside the corpus
        name, type_, symbol = LAWS[k % 2]
        year = str(2010 + k % 12)
        ident, symbol = _identifier(k + 10, symbol, year, True)
        laws.append(SyntheticDoc(-1, "central", ident, str(k + 10), symbol, type_, f"{year}-06-14",
                                 Agency(name, "central", None, "state"), None))

    by_level = {lvl: [d for d in docs if d.level == lvl] for lvl in LEVEL_SHARE}
    by_province: dict[str, list[SyntheticDoc]] = {}
    by_district: dict[tuple[str, str], list[SyntheticDoc]] = {}
    for d in docs:
        if d.level == "provincial" and d.unit is not None:
            by_province.setdefault(d.unit.province, []).append(d)
        elif d.level == "district" and d.unit is not None:
            by_district.setdefault((d.unit.province, d.unit.name), []).append(d)
    weights = {d.index: 1.0 / (1 + rank) ** 0.8 for rank, d in enumerate(by_level["central"])}  # a few draw most

    def above(d: SyntheticDoc) -> list[SyntheticDoc]:
        if d.level == "central":  # now and then a directive continues an earlier one (51-KL/TW, 29-NQ/TW)
            return [c for c in by_level["central"] if c.date < d.date] if rng.random() < 0.15 else []
        if d.level == "provincial":
            return by_level["central"]
        if d.level == "district" and d.unit is not None:
            return by_province.get(d.unit.province, []) or by_level["central"]
        assert d.unit is not None
        district = district_by_name.get((d.unit.province, d.unit.district or ""))
        if district is not None and by_district.get((district.province, district.name)):
            return by_district[(district.province, district.name)]
        return by_province.get(d.unit.province, []) or by_level["central"]

    def reference(t: SyntheticDoc, relation: str, at: int) -> Reference:
        word = doc_types().label(t.type)
        quote = f"{'Thực hiện' if relation == 'implements' else 'Căn cứ'} {word} số {t.identifier} của {t.issuer.name}"
        return Reference(t.identifier, t.type, t.number, t.symbol, t.date, f"về {word.lower()} số {t.number}",
                         t.issuer, relation, (Span(at, at + len(quote), quote),), (), (relation,))

    out = []
    for d in docs:
        refs: list[Reference] = []
        pool = above(d)
        targets = set()
        if pool:
            k = 1 if rng.random() < 0.7 else 2
            if d.level == "provincial":
                chosen = rng.choices(pool, weights=[weights[c.index] for c in pool], k=k)
            else:
                chosen = rng.sample(pool, min(k, len(pool)))
            for t in chosen:
                if t.index != d.index and t.index not in targets:
                    targets.add(t.index)
                    refs.append(reference(t, "continues" if d.level == "central" else "implements", 100 * len(refs)))
        for law in rng.sample(laws, rng.randint(1, 2)):
            refs.append(reference(law, "basedOn", 100 * len(refs)))
        same = by_level[d.level]
        for _ in range(rng.randint(0, 2)):
            t = rng.choice(same)
            if t.index != d.index and t.index not in targets:
                targets.add(t.index)
                refs.append(reference(t, "cites", 100 * len(refs)))
        tasks: tuple[Task, ...] = ()
        if d.unit is not None:
            dept = f"Phòng Giáo dục và Đào tạo {d.unit.designator} {d.unit.name}" if d.level != "provincial" \
                else f"Sở Giáo dục và Đào tạo {d.unit.designator} {d.unit.name}"
            deadline = Deadline(f"{int(d.date[:4]) + 1}-03-31", None, "trước ngày 31/3")
            tasks = (Task(dept, "lead", deadline, f"{dept} chủ trì triển khai kế hoạch", (Span(0, 10, "x" * 10),)),)
        name = f"{d.index:07d}.txt"
        word = doc_types().label(d.type)
        doc = Document(d.type, d.number, d.symbol, d.identifier, d.date, None, None,
                       f"{word} {d.identifier} về triển khai nhiệm vụ giáo dục năm {d.date[:4]}", d.issuer, None, (),
                       d.unit)
        source = Source(f"synthetic/{name}", name, "", hashlib.sha256(name.encode()).hexdigest())
        out.append(Extraction(source, doc, tuple(refs), (), tasks))
    return out
