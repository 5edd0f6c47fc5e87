"""Synthetic documents as TEXT, with their ground truth, for the build benches and the extractor's
score on a corpus of any size (bench/synth.py writes them).

The documents follow the layouts of the samples and the development corpus: a header with the
issuing body (two lines, the second often the locality), the national motto, "Số: N/KH-UBND", the
place and date line, KẾ HOẠCH and its title, a preamble of "Căn cứ ..." and "Thực hiện ..." clauses
(a parent plan whose description names the directive above it; sometimes two decisions sharing a
date; sometimes a defined short name used again below), sections I–III with tasks for named
departments and deadlines, and a signature block. Places are the real provinces, districts and
communes of the gazetteer, of the era the date requires (districts end on 1 July 2025); the
directives at the top are real central documents of the catalogue. The cascade is realistic: each
central directive is carried out by some provinces, their plans by some districts, theirs by some
communes, weeks to months later.

The ground truth is written in the gold format of the seeds' labels (tests/data/gold/seeds.json),
so that kg.testing.score scores `kg extract` on it.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract.places import REFORM_DATE, gazetteer
from kg.model import Unit

REFORM = dt.date.fromisoformat(REFORM_DATE)  # districts end; communes belong to the 34 new provinces

#: The directives at the top of the cascades: real central documents (identifier, type word, date,
#: issuer, what they are about), as the documents that carry them out cite them.
ROOTS = [
    ("29-NQ/TW", "Nghị quyết", "Resolution", "2013-11-04", "Ban Chấp hành Trung ương Đảng",
     "về đổi mới căn bản, toàn diện giáo dục và đào tạo"),
    ("51-KL/TW", "Kết luận", "Conclusion", "2019-05-30", "Ban Bí thư",
     "về tiếp tục thực hiện Nghị quyết Trung ương 8 khóa XI về đổi mới căn bản, toàn diện giáo dục và đào tạo"),
    ("91-KL/TW", "Kết luận", "Conclusion", "2024-08-12", "Bộ Chính trị",
     "về tiếp tục đổi mới căn bản, toàn diện giáo dục và đào tạo trong giai đoạn mới"),
    ("57-NQ/TW", "Nghị quyết", "Resolution", "2024-12-22", "Bộ Chính trị",
     "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"),
    ("71-NQ/TW", "Nghị quyết", "Resolution", "2025-08-22", "Bộ Chính trị",
     "về đột phá phát triển giáo dục và đào tạo"),
    ("01-KL/TW", "Kết luận", "Conclusion", "2021-05-18", "Bộ Chính trị",
     "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    ("31/CT-TTg", "Chỉ thị", "Directive", "2019-12-04", "Thủ tướng Chính phủ",
     "về tăng cường giáo dục đạo đức, lối sống cho học sinh, sinh viên"),
    ("131/QĐ-TTg", "Quyết định", "Decision", "2022-01-25", "Thủ tướng Chính phủ",
     "phê duyệt Đề án tăng cường ứng dụng công nghệ thông tin và chuyển đổi số trong giáo dục và đào tạo"),
    ("1112/CT-BGDĐT", "Chỉ thị", "Directive", "2022-08-19", "Bộ Giáo dục và Đào tạo",
     "về thực hiện nhiệm vụ trọng tâm năm học 2022-2023"),
    ("21-NQ/TW", "Nghị quyết", "Resolution", "2017-10-25", "Ban Chấp hành Trung ương Đảng",
     "về công tác dân số trong tình hình mới"),
]
ROOT_WEIGHTS = [10, 6, 4, 3, 3, 2, 2, 2, 2, 1]  # a few directives draw most of the plans
#: What plans are based on ("Căn cứ ..."): real laws and decrees.
BASES = [
    ("43/2019/QH14", "Luật Giáo dục", "Law", "2019-06-14", "Quốc hội", ""),
    ("24/2021/NĐ-CP", "Nghị định", "Decree", "2021-03-23", "Chính phủ",
     " quy định việc quản lý trong cơ sở giáo dục mầm non và cơ sở giáo dục phổ thông công lập"),
    ("127/2018/NĐ-CP", "Nghị định", "Decree", "2018-09-21", "Chính phủ",
     " quy định trách nhiệm quản lý nhà nước về giáo dục"),
]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh", "Yến"]
AIMS = [
    "Nâng cao chất lượng giáo dục toàn diện, chú trọng giáo dục đạo đức, lối sống, kỹ năng sống cho học sinh.",
    "Phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục đủ về số lượng, đồng bộ về cơ cấu, đạt chuẩn về trình độ.",
    "Tăng cường cơ sở vật chất, trang thiết bị dạy học theo hướng chuẩn hóa, hiện đại hóa.",
    "Đẩy mạnh ứng dụng công nghệ thông tin và chuyển đổi số trong quản lý, dạy và học.",
    "Thực hiện tốt công tác phổ cập giáo dục, xóa mù chữ và xây dựng xã hội học tập.",
    "Rà soát, sắp xếp mạng lưới trường, lớp phù hợp với điều kiện thực tế của địa phương.",
]
#: What a plan's body says (no document is named in it: every reference is in the ground truth).
CONTENT = [
    "Tiếp tục quán triệt sâu sắc quan điểm giáo dục và đào tạo là quốc sách hàng đầu, là sự nghiệp của Đảng, Nhà "
    "nước và của toàn dân; đầu tư cho giáo dục là đầu tư phát triển.",
    "Đổi mới mạnh mẽ phương pháp dạy và học theo hướng hiện đại; phát huy tính tích cực, chủ động, sáng tạo và "
    "vận dụng kiến thức, kỹ năng của người học.",
    "Đổi mới căn bản hình thức và phương pháp thi, kiểm tra và đánh giá kết quả giáo dục, bảo đảm trung thực, "
    "khách quan.",
    "Hoàn thiện hệ thống giáo dục quốc dân theo hướng hệ thống giáo dục mở, học tập suốt đời và xây dựng xã hội "
    "học tập.",
    "Tăng cường công tác kiểm tra, giám sát việc thực hiện các chỉ tiêu phát triển giáo dục trên địa bàn; kịp "
    "thời tháo gỡ khó khăn, vướng mắc phát sinh.",
    "Huy động các nguồn lực xã hội đầu tư cho giáo dục; khuyến khích các tổ chức, cá nhân tham gia xây dựng trường "
    "học, tài trợ học bổng cho học sinh có hoàn cảnh khó khăn.",
    "Thực hiện tốt công tác tuyển sinh đầu cấp; bảo đảm đủ chỗ học cho trẻ mầm non và học sinh trong độ tuổi.",
    "Nâng cao hiệu quả công tác giáo dục hướng nghiệp và định hướng phân luồng học sinh sau trung học cơ sở.",
    "Chú trọng giáo dục thể chất, y tế trường học, bảo đảm an toàn thực phẩm và phòng, chống tai nạn thương tích "
    "cho học sinh.",
    "Xây dựng môi trường giáo dục an toàn, lành mạnh, thân thiện; phòng, chống bạo lực học đường.",
    "Tổ chức bồi dưỡng thường xuyên cho giáo viên, cán bộ quản lý về chuyên môn, nghiệp vụ và kỹ năng ứng dụng "
    "công nghệ thông tin.",
    "Rà soát, đánh giá thực trạng đội ngũ nhà giáo, xác định số lượng còn thiếu theo từng cấp học, môn học để có "
    "phương án bổ sung kịp thời.",
    "Từng bước kiên cố hóa trường, lớp học; xóa phòng học tạm, phòng học mượn; xây dựng trường đạt chuẩn quốc gia.",
    "Đẩy mạnh cải cách hành chính, thực hiện dịch vụ công trực tuyến trong lĩnh vực giáo dục và đào tạo.",
    "Phát huy vai trò của hội khuyến học, ban đại diện cha mẹ học sinh trong việc phối hợp giáo dục học sinh.",
    "Định kỳ sơ kết, tổng kết, đánh giá kết quả thực hiện; biểu dương, khen thưởng kịp thời các tập thể, cá nhân "
    "có thành tích tiêu biểu.",
]
TARGETS = [
    "Tỷ lệ huy động trẻ em 5 tuổi đến trường đạt {a}%; trẻ em mẫu giáo đạt {b}%.",
    "Tỷ lệ trường đạt chuẩn quốc gia đạt {a}%; tỷ lệ phòng học kiên cố đạt {b}%.",
    "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo theo quy định đạt {a}%.",
    "Tỷ lệ học sinh hoàn thành chương trình tiểu học đạt {b}%; tốt nghiệp trung học cơ sở đạt {a}%.",
]
TASKS = [  # (department at the district/commune level, what it does)
    ("Phòng Giáo dục và Đào tạo",
     "Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tham mưu triển khai thực hiện Kế hoạch này"),
    ("Phòng Tài chính - Kế hoạch", "Tham mưu bố trí kinh phí thực hiện Kế hoạch theo phân cấp ngân sách hiện hành"),
    ("Phòng Nội vụ", "Phối hợp rà soát, bố trí đủ biên chế giáo viên theo định mức quy định"),
    ("Phòng Văn hóa và Thông tin", "Đẩy mạnh công tác tuyên truyền về đổi mới giáo dục và đào tạo trên địa bàn"),
]


@dataclass
class Plan:
    """One document of the cascade (or a directive above it)."""

    name: str  # file name
    identifier: str
    number: int
    symbol: str
    type_word: str
    type: str
    date: dt.date
    issuer: str  # as written in full ("Ủy ban nhân dân huyện An Lão")
    level: str
    province: str | None
    unit: Unit | None
    about: str  # "về ..." of its title, as others cite it
    parent: Plan | None = None
    children: list[Plan] = field(default_factory=list)


def _vn_date(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


class Cascade:
    """Plans generated level by level, each carrying out one of the level above, in its area."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        g = gazetteer()
        self.provinces = {era: g.units(era, "provincial") for era in ("legacy", "2025")}
        self.districts = g.units("legacy", "district")
        self.communes = {era: g.units(era, "commune") for era in ("legacy", "2025")}
        self.districts_of: dict[str, list[Unit]] = {}
        for d in self.districts:
            self.districts_of.setdefault(d.province, []).append(d)
        self.communes_of: dict[tuple[str, str], list[Unit]] = {}
        for c in self.communes["legacy"]:
            self.communes_of.setdefault((c.province, c.district or ""), []).append(c)
        for c in self.communes["2025"]:
            self.communes_of.setdefault((c.province, ""), []).append(c)
        self.numbers: dict[tuple[str, int], int] = {}
        self.roots = [Plan("", ident, int(ident.split("/")[0].split("-")[0]), "", word, kind,
                           dt.date.fromisoformat(date), issuer, "central", None, None, about)
                      for ident, word, kind, date, issuer, about in ROOTS]

    def number(self, issuer: str, year: int) -> int:
        key = (issuer, year)
        self.numbers[key] = self.numbers.get(key, 0) + self.rng.randint(1, 40)
        return self.numbers[key]

    def plan(self, parent: Plan, level: str, unit: Unit, when: dt.date, index: int) -> Plan:
        rng = self.rng
        if level == "provincial":
            style = rng.choices(["ubnd", "party", "education"], weights=[6, 2, 2])[0]
            if style == "party":
                party = "Thành ủy" if unit.designator == "thành phố" else "Tỉnh ủy"
                issuer, symbol = f"{party} {unit.name}", "KH/TU"
            elif style == "education":
                issuer, symbol = f"Sở Giáo dục và Đào tạo {unit.designator} {unit.name}", "KH-SGDĐT"
            else:
                issuer, symbol = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND"
        else:
            issuer, symbol = f"Ủy ban nhân dân {unit.designator} {unit.name}", "KH-UBND"
        taken = set()
        up: Plan | None = parent
        while up is not None:
            taken.add(up.identifier)
            up = up.parent
        while True:  # a plan never shares its number and symbol with one above it (it would read as itself)
            n = self.number(issuer, when.year)
            ident = f"{n}-{symbol}" if "/" in symbol else f"{n}/{symbol}"
            if ident not in taken:
                break
        about = f"về triển khai thực hiện {parent.type_word} số {parent.identifier} {parent.about}"
        return Plan(f"{index:06d}.txt", ident, n, symbol, "Kế hoạch", "Plan", when, issuer, level,
                    unit.province, unit, about if len(about) < 180 else f"về thực hiện {parent.type_word} số "
                                                                         f"{parent.identifier}", parent)

    def documents(self, n: int) -> list[Plan]:
        """N plans: about a tenth provincial, then district and commune ones below them."""
        rng = self.rng
        out: list[Plan] = []
        provincial: list[Plan] = []
        while len(out) < n:
            index = len(out)
            want = rng.random()
            parents_below = [p for p in out if p.level in ("provincial", "district")]
            if not provincial or want < 0.12 or not parents_below:
                root = rng.choices(self.roots, weights=ROOT_WEIGHTS)[0]
                when = root.date + dt.timedelta(days=rng.randint(30, 240))
                era = "2025" if when >= REFORM else "legacy"
                unit = rng.choice(self.provinces[era])
                p = self.plan(root, "provincial", unit, when, index)
                provincial.append(p)
            else:
                parent = rng.choice(parents_below)
                when = parent.date + dt.timedelta(days=rng.randint(14, 120))
                if parent.level == "provincial" and parent.date < REFORM and when < REFORM:
                    districts = self.districts_of.get(parent.province or "", [])
                    if not districts:
                        continue
                    p = self.plan(parent, "district", rng.choice(districts), when, index)
                else:
                    if parent.date < REFORM <= when or (parent.level == "district" and when >= REFORM):
                        when = REFORM - dt.timedelta(days=rng.randint(1, 20))  # before the districts end
                        if when <= parent.date:
                            continue
                    era = "2025" if when >= REFORM else "legacy"
                    district = parent.unit.name if parent.level == "district" and parent.unit else ""
                    communes = self.communes_of.get((parent.province or "", district), [])
                    if not communes or (era == "legacy" and parent.level != "district"):
                        continue
                    p = self.plan(parent, "commune", rng.choice(communes), when, index)
            parent_of = p.parent
            if parent_of is not None:
                parent_of.children.append(p)
            out.append(p)
        return out


def _header(p: Plan) -> tuple[str, str, str]:
    """The two header lines, the place of the date line, the signer's position block."""
    u = p.unit
    assert u is not None
    if p.symbol == "KH/TU":
        return f"{p.issuer.upper()}\n*", u.name, "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ"
    if p.symbol == "KH-SGDĐT":
        return (f"UBND {u.designator.upper()} {u.name.upper()}\nSỞ GIÁO DỤC VÀ ĐÀO TẠO", u.name,
                "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    return (f"ỦY BAN NHÂN DÂN\n{u.designator.upper()} {u.name.upper()}", u.name,
            "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")


def render(p: Plan, rng: random.Random) -> tuple[str, dict]:
    """The text of a plan and its ground truth (seeds.json's format)."""
    assert p.parent is not None and p.unit is not None
    parent = p.parent
    head, place, sign = _header(p)
    def numbered(name: str) -> bool:
        return name.isdigit() or set(name) <= set("IVX")

    if numbered(place):  # "Phường 2", "Phường IV" date their documents from their town
        place = p.unit.district if p.unit.district and not numbered(p.unit.district) else p.unit.province
    signer = _person(rng)
    refs: list[dict] = []
    relations: list[dict] = []

    def cite(d: Plan, relation: str, ok: list[str]) -> str:
        refs.append({"identifier": d.identifier, "type": d.type, "date": d.date.isoformat(), "issuer": d.issuer,
                     "relation": relation, "relation_ok": ok, "required": True})
        return f"{d.type_word} số {d.identifier} ngày {_vn_date(d.date)} của {d.issuer}"

    motto = ["ĐẢNG CỘNG SẢN VIỆT NAM"] if p.symbol == "KH/TU" else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                                                  "Độc lập - Tự do - Hạnh phúc"]
    lines = [head, "", *motto, "",
             f"Số: {p.identifier}" if p.symbol != "KH/TU" else f"Số {p.identifier}",
             f"{place}, ngày {p.date.day:02d} tháng {p.date.month:02d} năm {p.date.year}", "", "KẾ HOẠCH",
             f"Triển khai thực hiện {parent.type_word} số {parent.identifier} ngày {_vn_date(parent.date)} "
             f"của {parent.issuer}", ""]
    preamble = []
    bases = [b for b in BASES if b[3] < p.date.isoformat()]
    base = rng.choice(bases) if bases else None
    if base is not None and rng.random() < 0.6:
        refs.append({"identifier": base[0], "type": base[2], "date": base[3], "issuer": base[4],
                     "relation": "basedOn", "relation_ok": [], "required": True})
        if base[2] == "Law":
            preamble.append(f"Căn cứ {base[1]} số {base[0]} ngày {_vn_date(dt.date.fromisoformat(base[3]))};")
        else:
            preamble.append(f"Căn cứ {base[1]} số {base[0]} ngày {_vn_date(dt.date.fromisoformat(base[3]))} "
                            f"của {base[4]}{base[5]};")
    text_parent = cite(parent, "implements", [])
    grand = parent.parent
    if grand is not None and parent.level != "central":
        relation = "implements"
        inner = cite(grand, "cites", ["implements", "continues"])
        relations.append({"from": parent.identifier, "relation": relation, "to": grand.identifier, "required": True})
        text_parent += f" về triển khai thực hiện {inner}"
        if grand.level == "central":
            text_parent += f" {grand.about}"
    short = None
    if rng.random() < 0.3:
        short = f"Kế hoạch {parent.number}"
        text_parent += f" (sau đây gọi tắt là {short})"
    preamble.append(f"Thực hiện {text_parent};")
    if rng.random() < 0.15:  # two decisions of the same body sharing a date
        issuer = (f"Ủy ban nhân dân {p.unit.province_designator} {p.unit.province}" if p.level != "provincial"
                  else p.issuer)
        day = p.date - dt.timedelta(days=rng.randint(20, 200))
        a, b = rng.randint(100, 900), rng.randint(901, 1800)
        for k in (a, b):
            refs.append({"identifier": f"{k}/QĐ-UBND", "type": "Decision", "date": day.isoformat(), "issuer": issuer,
                         "relation": "implements", "relation_ok": ["basedOn", "cites"], "required": True})
        preamble.append(f"Thực hiện các Quyết định số {a}/QĐ-UBND, số {b}/QĐ-UBND ngày {_vn_date(day)} của {issuer} "
                        f"về việc giao chỉ tiêu phát triển giáo dục năm {day.year};")
    preamble.append(f"{p.issuer} ban hành Kế hoạch triển khai thực hiện như sau:")
    lines += [*preamble, "", "I. MỤC ĐÍCH, YÊU CẦU", "", "1. Mục đích"]
    lines += [f"- {aim}" for aim in rng.sample(AIMS, 3)]
    lines += ["", "2. Yêu cầu", "- Bám sát mục tiêu, nhiệm vụ, giải pháp đã đề ra; phân công rõ trách nhiệm "
              "của từng cơ quan, đơn vị; thường xuyên kiểm tra, đôn đốc việc thực hiện.", "", "3. Chỉ tiêu"]
    lines += [f"- {t.format(a=rng.randint(70, 99), b=rng.randint(85, 100))}" for t in rng.sample(TARGETS, 2)]
    lines += ["", "II. NHIỆM VỤ VÀ GIẢI PHÁP", ""]
    lines += [f"{k}. {aim}" for k, aim in enumerate(rng.sample(AIMS, 3), 1)]
    for k in range(rng.randint(2, 6)):  # the body: most of a real plan's length
        lines.append("")
        lines.append(f"{k + 4}. " + " ".join(rng.sample(CONTENT, rng.randint(2, 5))))
    if short:
        lines.append(f"- Triển khai đồng bộ các nhiệm vụ của {short} gắn với điều kiện thực tế của địa phương.")
    lines += ["", "III. TỔ CHỨC THỰC HIỆN", ""]
    deadline = p.date + dt.timedelta(days=rng.randint(60, 300))
    where = f"{p.unit.designator} {p.unit.name}"
    for k, (dept, work) in enumerate(rng.sample(TASKS, 3), 1):
        lines.append(f"{k}. {dept} {where}: {work}; báo cáo kết quả về {p.issuer} trước ngày {_vn_date(deadline)}.")
    lines += ["", f"Trên đây là Kế hoạch triển khai thực hiện của {p.issuer}./.", "", "Nơi nhận:",
              f"- {parent.issuer};", "- Các phòng, ban, ngành liên quan;", "- Lưu: VT.", "", sign, "", "", signer, ""]
    gold = {
        "document": {"type": "Plan", "identifier": p.identifier, "symbol": p.symbol, "number": str(p.number),
                     "date": p.date.isoformat(), "place": place, "issuer": p.issuer, "issuer_level": p.level,
                     "province": p.province, "signer": signer,
                     "title_contains": f"Triển khai thực hiện {parent.type_word} số {parent.identifier}"},
        "references": refs, "relations": relations,
    }
    return "\n".join(lines), gold


def synthetic_texts(n: int, seed: int = 1) -> Iterator[tuple[str, str, dict]]:
    """(file name, text, ground truth) for N synthetic plans."""
    cascade = Cascade(seed)
    rng = random.Random(seed + 1)
    for p in cascade.documents(n):
        text, gold = render(p, rng)
        yield p.name, text, gold


def write_corpus(n: int, out: str | Path, seed: int = 1) -> Path:
    """Write the N documents and their ground truth (gold.json) into ``out``; the gold's path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gold = {}
    for name, text, g in synthetic_texts(n, seed):
        (out / name).write_text(text, encoding="utf-8")
        gold[name] = g
    path = out / "GOLD.json"
    path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return path
