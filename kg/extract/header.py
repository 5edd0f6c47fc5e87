"""The document itself: type, number and symbol, place and date, title, issuer, signer, recipients.

Headers come as broken lines, as one table row ("ỦY BAN NHÂN DÂN TỈNH X ------- | CỘNG HÒA ... |"),
in markdown bold, or not at all (seed 001 starts with "KẾ HOẠCH"); the locality may be printed only
in the place line ("An Lão, ngày ...": one of two An Lão districts) or only in the body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache

from kg.extract import dates
from kg.extract.agencies import Context, as_of, from_symbol, parse_agency
from kg.extract.places import Era, era_for, gazetteer
from kg.extract.scan import LowerText, WordScan
from kg.extract.symbols import issuer_code, number_at, type_of_code
from kg.extract.tables import agency_tables, doc_types, grouped_by_first_letter
from kg.model import Agency, Kind, Level, Signer, Span, Unit
from kg.read.normalize import LOWER, UPPER, NormalizedText, fold, squash

_MOTTO = re.compile(r"C\s*Ộ\s*N\s*G\s+H\s*Ò\s*A\s+X\s*Ã\s+H\s*Ộ\s*I|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM", re.IGNORECASE)
_MOTTO_TAIL = re.compile(r"Hạnh\s+phúc\s*[-_=*]*", re.IGNORECASE)
#: "Số: 986/QĐ-UBND" at the start of a line or a table cell (not "Thông báo số 502-TB/VPTU" in a sentence).
_NUMBER_LINE = re.compile(r"(?:^|\n|\||-{3,})[ \t*]*(?:Số|SỐ)\s*[:.]?[ \t]*\n?[ \t]*")
#: ... or right after the body's name in its cell, before the motto, the rule between them lost in the
#: copy: "CHÍNH PHỦ__________ Số: 170/2025/NĐ-CP | CỘNG HÒA ..." (331.txt, 336.txt, 338.txt).
_NUMBER_AFTER_BODY = re.compile(rf"(?<=[{UPPER}]{{2}})[-_=]*[ \t]+(?:Số|SỐ)[ \t]*:[ \t]*")
_PLACE_DATE = re.compile(
    r"(?P<place>(?:[^\n|,;:]{1,30}\n)?[^\n|,;:]{2,60}?)\s{0,4},\s*(?=ngày)" + dates.HEADER_DATE.pattern, re.IGNORECASE)
#: A letter's subject: "V/v tăng cường ...", "Về hướng dẫn ..." (continued on up to three lines).
_SUBJECT = re.compile(
    r"(?:(?:^|\n|\|)[ \t]*(?:Về\s+việc|Về)|\bV/v)[ \t:.]+"
    r"(?P<title>[^\n|]{3,400}(?:\n(?![ \t]*(?:[A-ZĐ][^\n]{0,40},\s*ngày|Kính gửi|Số))[^\n|]{1,200}){0,3})")
_BODY_START = re.compile(
    r"(?:Căn cứ|Thực hiện|Theo đề nghị|Theo|Xét|Trên cơ sở|Để|Nhằm|Ngày \d|Qua|Sau khi|Sau|Trong|Kính gửi|Hiện nay|"
    r"Tiếp theo|Tiếp tục|Với|Nhận được|Thời gian qua|Những năm qua|Năm \d|[IVX]+\.\s|\d+(?:\.\d+)*\.\s|[-+*•]\s|"
    r"Phần\s|Chương\s|Điều\s)"
)
#: How the enacting authority's line begins ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH").
_AUTHORITY = re.compile(r"(?:CHỦ TỊCH|BỘ TRƯỞNG|THỦ TƯỚNG|GIÁM ĐỐC|ỦY BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN|BAN THƯỜNG VỤ|"
                        r"BAN CHẤP HÀNH|BAN BÍ THƯ|BỘ CHÍNH TRỊ|CHÍNH PHỦ)\b")
_SIGNATURE_PREFIX = re.compile(r"\b(?:TM|KT|TL|TUQ|Q)\s*\.?\s*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Header:
    """What the header says, in offsets of the normalised text."""

    type: str | None
    number: str | None
    symbol: str | None
    identifier: str | None
    id_span: tuple[int, int] | None
    date: str | None
    place: str | None
    place_span: tuple[int, int] | None
    title: str | None
    title_span: tuple[int, int] | None
    header_agency_text: str | None
    body_start: int
    recipients: tuple[str, ...]


# --------------------------------------------------------------------------------------------


def _type_line_pattern() -> re.Pattern[str]:
    """A line holding only a type word in capitals ("KẾ HOẠCH", "QUYẾT\nĐỊNH" broken over two lines), or
    one glued to the title by a copy that lost the line break ("NGHỊ QUYẾTVề việc sắp xếp ...")."""
    words = sorted({w.upper() for w in doc_types().word_to_type}, key=len, reverse=True)
    alt = "|".join(r"[ \t]*\n?[ \t]*".join(re.escape(part) for part in w.split()) for w in words)
    return re.compile(rf"(?m)^[ \t]*(?P<word>{alt})(?:[ \t]*:?[ \t]*$|(?=Về\s))")


_TYPE_LINE = _type_line_pattern()


def read_header(text: str) -> Header:
    head_limit = min(len(text), 4000)
    head = text[:head_limit]

    # The issuing body, printed before the national motto.
    agency_text = None
    motto = _MOTTO.search(head[:900])
    if motto and motto.start() > 0:
        # the number may be printed before the motto too ("------ Số: 1661/NQ-UBTVQH15 | CỘNG HÒA ...")
        agency_text = re.split(r"(?<!\w)(?:Số|SỐ)\s*[:.]", head[: motto.start()])[0]
        agency_text = agency_text if agency_text.strip(" -_=*|\n") else None
    motto_end = 0
    if motto:
        tail = _MOTTO_TAIL.search(head, motto.end())
        motto_end = tail.end() if tail and tail.start() - motto.end() < 200 else motto.end()

    # Number and symbol.
    number = symbol = identifier = None
    id_span = None
    type_code = ""
    before_motto = head[: motto.start()] if motto else ""
    for m in [*_NUMBER_LINE.finditer(head[:1500]), *_NUMBER_AFTER_BODY.finditer(before_motto)]:
        pos = m.end()
        found = number_at(head, pos)
        if found is None:
            # letters spread apart in a poor copy ("3210/QĐ - U B ND"): read the cell without spaces
            cell_end = min(x for x in (head.find("|", pos), head.find("\n", pos), len(head)) if x >= 0)
            squeezed = number_at(re.sub(r"\s+", "", head[pos:cell_end]), 0)
            if squeezed is not None:
                found = replace(squeezed, start=pos, end=cell_end)
        if found is not None:
            number, symbol, identifier, type_code = found.number, found.symbol, found.identifier, found.type_code
            id_span = (found.start, found.end)
            break

    # Place and date.
    date = place = None
    place_span = None
    pd = _place_date(head[:2500]) or _place_date_without_comma(head[:2500])
    if pd:
        d, mo, y = pd.group("d").strip(" .…_"), pd.group("m").strip(" .…_").replace(" ", ""), pd.group("y")
        date = dates.iso(y, mo or None, d or None) if mo else dates.iso(y)
        raw_place = re.split(r"[-=_]{3,}|\|", pd.group("place"))[-1]
        lines = raw_place.strip().split("\n")
        if len(lines) > 1 and not gazetteer().is_name(_bare_place(squash(raw_place))):
            raw_place = lines[-1]  # the line before was not the start of this place name
        place = squash(raw_place).strip(" -*")
        offset = pd.group("place").rfind(raw_place.strip())
        place_span = (pd.start("place") + max(offset, 0), pd.end("place"))
        if not place or len(place) > 45:
            place = None

    # Type line and title.
    doc_type = None
    title = None
    title_span = None
    letter = False  # a subject line "V/v ..." and no type word: a letter unless its symbol says more
    search_from = max(motto_end, id_span[1] if id_span else 0, pd.end() if pd else 0)
    tl = _TYPE_LINE.search(head, search_from) or _TYPE_LINE.search(head, 0)
    if tl and tl.start() < 2500:
        doc_type = doc_types().word_to_type.get(fold(squash(tl.group("word"))))
        title, title_span = _title_after(text, tl.end())
    if title is None:
        subject = _SUBJECT.search(head[:2500])
        if subject:
            title = squash(subject.group("title"))
            title_span = (subject.start("title"), subject.end("title"))
            letter = True
    if doc_type is None:
        doc_type = _type_without_word(type_code, symbol, letter)

    if title_span and place_span and title_span[0] < place_span[0] < title_span[1]:
        # "V/v ... viên chức\nThành phố Hồ Chí\nMinh, ngày ...": the subject ends where the place begins
        title_span = (title_span[0], place_span[0])
        title = squash(text[title_span[0] : title_span[1]])
    body_start = title_span[1] if title_span else (id_span[1] if id_span else 0)
    recipients = _recipients(text, body_start)
    return Header(doc_type, number, symbol, identifier, id_span, date, place, place_span, title, title_span,
                  agency_text, body_start, recipients)


def _place_date(head: str) -> re.Match[str] | None:
    """_PLACE_DATE.search(head), tried only from shortly before the first ", ngày": a place runs at
    most 95 characters before its comma and holds no "|", ",", ";" or ":", so no match starts
    earlier nor before the last of those (the engine would try the place at every position of the
    header: a tenth of a second over the corpus)."""
    lower = head.lower()
    if len(lower) != len(head):
        return _PLACE_DATE.search(head)
    at = lower.find("ngày")
    while at >= 0:
        before = head[:at].rstrip()
        if before.endswith(","):
            comma = len(before) - 1
            fence = max(head.rfind(mark, 0, comma) for mark in "|,;:")
            return _PLACE_DATE.search(head, max(0, comma - _PLACE_REACH, fence + 1))
        at = lower.find("ngày", at + 1)
    return None


#: How far before its comma a place line may begin: (?:[^...]{1,30}\n)?[^...]{2,60}?\s{0,4}, with room.
_PLACE_REACH = 100


#: "Hà Nội ngày 01 tháng 12 năm 2025": a place line with its comma left out, at the start of a line
#: or a cell; the words before "ngày" count as a place only when the gazetteer knows them.
_PLACE_DATE_NO_COMMA = re.compile(
    r"(?:^|\n|\|)[ \t]*(?P<place>[^\W\d_][^\n|,;:\d]{1,40}?)[ \t]+(?=ngày)" + dates.HEADER_DATE.pattern,
    re.IGNORECASE)


def _place_date_without_comma(head: str) -> re.Match[str] | None:
    for m in _PLACE_DATE_NO_COMMA.finditer(head):
        if gazetteer().is_name(_bare_place(squash(m.group("place")))):
            return m
    return None


#: The closing words of a law or a resolution adopted by an assembly, which print its date when
#: the header does not: "Nghị quyết này được Ủy ban Thường vụ Quốc hội ... khóa XV thông qua ngày
#: 16 tháng 6 năm 2025."
_ADOPTED = WordScan.of(re.compile(r"(?:Nghị quyết|Luật|Bộ luật|Pháp lệnh)(?:\s+này)?\s+(?:đã\s+)?được\s[^.;]{0,250}?"
                                  r"thông\s*qua\s+(?=ngày)" + dates.DATE_AFTER_NGAY.pattern, re.IGNORECASE))


def adopted_on(text: str, cited_dates: list[str]) -> str | None:
    """The date an assembly adopted the document, from its closing words; None if not printed, or
    if it is older than a document it cites (a slip of the text: "16 tháng 4" for June)."""
    m = next(_ADOPTED.finditer(LowerText.of(text)), None)
    date = dates.from_match(m) if m else None
    return date if date and (not cited_dates or date >= max(cited_dates)) else None


def _type_without_word(type_code: str, symbol: str | None, letter: bool) -> str | None:
    """With no type word printed, the symbol's code decides ("173/2025/NĐ-CP" is a Decree); under a
    letter's "V/v" line only the code of a type printed with one ("217/CĐ-TTg": a Dispatch), since
    "5680/CT-CS" of Cục Thuế is a letter. A numbered document with no such code is a letter."""
    by_code = type_of_code(type_code) if type_code else None
    if by_code and (not letter or doc_types().printed_with_subject_line(by_code)):
        return by_code
    return "OfficialLetter" if letter or symbol else None


def _bare_place(place: str) -> str:
    return re.sub(r"^(?i:thành phố|tp\.?|tỉnh|huyện|thị xã|quận|xã|phường|thị trấn)\s+", "", place)


def _title_after(text: str, pos: int) -> tuple[str | None, tuple[int, int] | None]:
    """The title: the lines after the type line, up to the body or the enacting authority."""
    lines = list(re.finditer(r"(?m)^.*$", text[pos : pos + 1500]))
    start = end = None
    count = 0
    blank_before = False
    for m in lines:
        line = m.group()
        stripped = line.strip()
        if not stripped:
            blank_before = blank_before or m.start() > 0
            continue
        # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" on a line of its own after a blank line: the enacting
        # authority, not the end of a title broken over lines ("... THƯỜNG TRỰC\nTỈNH ỦY THANH HÓA")
        if (blank_before or start is None or _AUTHORITY.match(stripped)) and _is_authority_line(stripped):
            break
        if start is not None and (count >= 8 or _BODY_START.match(stripped) or stripped.endswith(":")
                                  or len(stripped) > 250  # a paragraph of the body, not a title line
                                  or (_mostly_upper(text[start:end]) and not _mostly_upper(stripped))):
            break
        blank_before = False
        a, b = pos + m.start(), pos + m.end()
        if start is None:
            start = a + (len(line) - len(line.lstrip()))
        end = b - (len(line) - len(line.rstrip()))
        count += 1
    if start is None or end is None:
        return None, None
    return squash(text[start:end]), (start, end)


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _is_authority_line(line: str) -> bool:
    """A line that is only the name of a body (and office holder): "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"."""
    if not line.isupper():
        return False
    m = parse_agency(line, 0, Context())
    return m is not None and not line[m.end :].strip(" :.")


def _recipients(text: str, pos: int) -> tuple[str, ...]:
    m = re.search(r"Kính\s+gửi\s*:?", text[: pos + 2000])
    if not m:
        return ()
    block = text[m.end() : m.end() + 800]
    block = re.split(r"\n\s*\n|\n(?=[ \t]*(?:Căn cứ|Thực hiện|Theo|Để|Nhằm|Ngày|Qua|Sau|Trong|Hiện nay))", block)[0]
    items = [squash(x).strip(" -;.") for x in re.split(r"\n[ \t]*-|;", block)]
    return tuple(x for x in items if 2 < len(x) < 200)


# --------------------------------------------------------------------------------------------
# The document's locality and issuer


_BODY_ISSUER = re.compile(
    r"(?:Ủy ban nhân dân|UBND)\s+(?P<des>huyện|xã|tỉnh|thành phố|quận|thị xã|phường|thị trấn)"
    rf"(?P<name>(?:\s+[{UPPER}][^\s,;.()]*){{0,4}})\s+(?:ban hành|xây dựng|triển khai)",
)
#: The enacting authority under the title: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH".
_AUTHORITY_OF = re.compile(
    r"CHỦ\s+TỊCH\s+(?:ỦY\s+BAN\s+NHÂN\s+DÂN|UBND)\s+(?P<des>TỈNH|THÀNH\s+PHỐ|HUYỆN|QUẬN|THỊ\s+XÃ|XÃ|PHƯỜNG)"
    r"\s+(?P<name>[^\W\d_][^\n,;.()]{1,40})$", re.MULTILINE)


def _authority_line(text: str) -> re.Match[str] | None:
    """The first line that is the enacting authority, whole. (Its words looked for first, then the
    start of their line: the engine skips to "CHỦ", where a pattern from each line's start is slow.)"""
    m = _AUTHORITY_OF.search(text)
    while m is not None and text[text.rfind("\n", 0, m.start()) + 1 : m.start()].strip(" \t"):
        m = _AUTHORITY_OF.search(text, m.start() + 1)
    return m


_DESIGNATED = WordScan.of(re.compile(
    r"(?<![^\W\d_])(?P<des>(?i:huyện|xã|tỉnh|thành phố|quận|thị xã|phường|thị trấn))\s+"
    rf"(?P<name>[{UPPER}][^\s,;.()]*(?:[ \t]+[{UPPER}][^\s,;.()]*){{0,3}})"))
_LEVEL = {"tỉnh": "provincial", "thành phố": None, "huyện": "district", "quận": "district", "thị xã": "district",
          "xã": "commune", "phường": "commune", "thị trấn": "commune"}


def _named_unit(m: re.Match[str] | None, era: Era) -> Unit | None:
    """The one unit a match's designator and name give; None if it is not one unit ("Ủy ban nhân dân
    thành phố Hà Nội ban hành ...")."""
    if m is None:
        return None
    units = _longest_named(m.group("name").split(), era, fold(squash(m.group("des"))))
    return units[0] if units and len({(u.level, u.province, u.name) for u in units}) == 1 else None


def _designated_mentions(text: str, era: Era) -> Counter[Unit]:
    """How often the text names each unit with its designator ("huyện Cẩm Giàng")."""
    counts: Counter[Unit] = Counter()
    named: dict[tuple[str, str], list[Unit]] = {}  # a text names the same few units again and again
    for m in _DESIGNATED.finditer(LowerText.of(text)):
        key = (fold(m.group("des")), m.group("name"))
        if key not in named:
            named[key] = _longest_named(key[1].split(), era, key[0])
        counts.update(named[key])
    return counts


def _longest_named(words: list[str], era: Era, des: str) -> list[Unit]:
    """The units the longest run of ``words`` from the first names with its designator."""
    for k in range(len(words), 0, -1):
        units = gazetteer().find(" ".join(words[:k]), era, designator=des)
        if units:
            return units
    return []


def locate(text: str, header: Header, era: Era, issuer_code: str | None) -> Unit | None:
    """The document's own locality: the header's body, its place line, or the body's own words."""
    g = gazetteer()
    ctx0 = Context(era=era, text=text)
    if header.header_agency_text:
        found = _header_agencies(header.header_agency_text, ctx0)
        for agency in reversed(found):
            if agency.unit is not None:
                return agency.unit
    # the header names no place ("ỦY BAN NHÂN DÂN" alone): the enacting authority and the body's own
    # words name the issuer's locality; with the place line they must agree, or it stays unknown
    body = _BODY_ISSUER.search(text)
    named = [u for u in (_named_unit(_authority_line(text), era), _named_unit(body, era)) if u]
    if named:
        place_units = g.find(_bare_place(header.place), era) if header.place else []
        provinces = {u.province for u in named}
        if len(provinces) == 1 and (not place_units or any(u.province in provinces for u in place_units)):
            return max(named, key=lambda u: {"provincial": 0, "district": 1, "commune": 2}[u.level])
        return None
    wanted = None
    if issuer_code:
        up = issuer_code.upper()
        if (up.startswith("S") and up not in ("SGD",) and len(up) > 2) or up in ("TU", "VPTU", "HĐND", "BTVTU"):
            wanted = "provincial"
        elif (up.startswith("P") and len(up) > 2) or up in ("HU",):
            wanted = "district"
        elif up in ("ĐU",):
            wanted = "commune"
    if wanted is None and body:
        wanted = _LEVEL.get(fold(body.group("des")))
    if header.place:
        place = _bare_place(header.place)
        candidates = g.find(place, era)
        if len(candidates) == 1:
            return candidates[0]
        if candidates:
            mentions = _designated_mentions(text, era)

            def score(u: Unit) -> tuple[int, int, int]:
                return (int(wanted == u.level) if wanted else 0, mentions.get(u, 0),
                        {"provincial": 2, "district": 1, "commune": 0}[u.level])
            best_level_units = sorted(candidates, key=score, reverse=True)
            top = best_level_units[0]
            same = [u for u in candidates if u.level == top.level]
            return ctx0.pick(same) if len(same) > 1 else top
    mentions = _designated_mentions(text, era)
    if mentions:
        ranked = [u for u, _ in mentions.most_common() if wanted is None or u.level == wanted]
        if ranked:
            return ranked[0]
        return mentions.most_common(1)[0][0]
    return None


def _header_agencies(block: str, ctx: Context) -> list[Agency]:
    """The bodies printed in the header, parent first ("UBND THÀNH PHỐ HÀ NỘI" / "SỞ GIÁO DỤC ...")."""
    return _header_bodies(block, ctx)[0]


def _header_bodies(block: str, ctx: Context) -> tuple[list[Agency], str]:
    """The bodies the tables know in a header, parent first, and what is printed after the last."""
    clean = " ".join(re.sub(r"[-_=*|]{2,}|\|", " ", block).split())
    clean = _CHAIR_OF_COMMITTEE.sub("ỦY BAN NHÂN DÂN ", clean)
    out: list[Agency] = []
    pos = rest = 0
    while pos < len(clean):
        # the first body takes the document's own locality when it prints none ("ỦY BAN NHÂN DÂN")
        m = parse_agency(clean, pos, Context(unit=out[-1].unit if out else ctx.unit, era=ctx.era, text=ctx.text))
        if m is None:
            nxt = clean.find(" ", pos + 1)
            if nxt < 0:
                break
            pos = nxt
            continue
        out.append(m.agency)
        pos = rest = m.end
    if not out or all(a.level is None for a in out):
        # a copy with letters spread apart ("ỦY B AN NHÂN D Â N T HÀNH P HỐ HỒ C H Í M I NH")
        despaced = despaced_agencies(clean, ctx.era)
        if despaced:
            return despaced, ""
    return out, " ".join(re.sub(r"[*_=|]+", " ", clean[rest:]).split()).strip(" -")


#: A body of the whole country: "Ban Chỉ đạo quốc gia ...", "Ban Chỉ đạo nhà nước về du lịch".
_NATIONAL = re.compile(r"quốc gia|trung ương|nhà nước")
#: "CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HUẾ" (printed "CHỦ TỊCH NHÂN DÂN" in a copy): the chair's
#: decisions (QĐ-CTUBND) are written as the committee's, like every other.
_CHAIR_OF_COMMITTEE = re.compile(r"^CHỦ TỊCH\s+(?:ỦY\s+BAN\s+|UBND\s+)?(?:NHÂN\s+DÂN\s+)?(?=TỈNH|THÀNH PHỐ|HUYỆN|XÃ)")


def _subordinate_head() -> re.Pattern[str]:
    heads = sorted(agency_tables().subordinate_heads, key=len, reverse=True)
    return re.compile(rf"(?P<head>{'|'.join(r'\s+'.join(map(re.escape, h.upper().split())) for h in heads)})"
                      r"(?:\s+(?P<rest>\S.*))?")


_SUBORDINATE = _subordinate_head()


def _issuing_body(tail: str, parent: Agency | None, ctx: Context) -> Agency | None:
    """The body printed under its parent, in capitals, that the tables do not know: "CỤC THUẾ" under
    "BỘ TÀI CHÍNH", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" under "UBND THÀNH PHỐ HÀ NỘI", "THUẾ TỈNH
    VĨNH LONG" under "CỤC THUẾ". Its locality is the one it prints, else its parent's."""
    m = _SUBORDINATE.fullmatch(tail)
    if m is None or not tail.isupper():
        return None
    head = m.group("head").split()
    words = (m.group("rest") or "").lower().split()
    if parent is not None and parent.kind == "party" and parent.level == "central":
        # "BAN CHẤP HÀNH TRUNG ƯƠNG / VĂN PHÒNG", "/ BAN TỔ CHỨC": the Central Committee's own bodies
        named = parse_agency(f"{tail.capitalize()} Trung ương", 0, ctx)
        return named.agency if named is not None and named.agency.level == "central" else None
    if parent is not None and parent.level != "central":
        # a part of its parent the tables know: "TỈNH ỦY QUẢNG NGÃI / BAN TUYÊN GIÁO" is "Ban Tuyên
        # giáo Tỉnh ủy Quảng Ngãi", "UBND TỈNH X / VĂN PHÒNG" the Văn phòng of the committee
        phrase = f"{tail.capitalize()} {parent.name}"
        part = parse_agency(phrase, 0, Context(unit=parent.unit, era=ctx.era, text=ctx.text))
        if part is not None and part.end == len(phrase) and part.agency.name != parent.name:
            return part.agency
    unit = None
    for k, w in enumerate(words):
        if w in ("tỉnh", "thành", "huyện", "quận", "xã", "phường", "thị"):
            found = gazetteer().find(_bare_place(" ".join(words[k:])), ctx.era,
                                     designator=" ".join(words[k : k + 2]) if w in ("thành", "thị") else w)
            if found:
                unit, words = ctx.pick(found) if len(found) > 1 else found[0], words[:k]
                break
    if unit is None and parent is not None and parent.level != "central":
        unit = parent.unit
    name = " ".join([head[0].capitalize(), *(h.lower() for h in head[1:]),
                     *([words[0].capitalize(), *words[1:]] if words else [])])
    if unit is not None:
        return Agency(f"{name} {unit.full_name}", unit.level, unit.province, "state", unit)
    central = (parent is not None and parent.level == "central") or _NATIONAL.search(fold(name))
    return Agency(name, "central" if central else None, None, "state")


def despaced_agencies(block: str, era: Era) -> list[Agency]:
    """Bodies read from a header whose spaces cannot be trusted: matched with all spaces removed."""
    squeezed = _despace(block)
    entries, index = _despaced_keys(era)
    out: list[Agency] = []
    pos = 0
    while pos < len(squeezed):
        best = None
        for key in index.get(squeezed[pos : pos + 4], ()):
            if squeezed.startswith(key, pos) and (best is None or len(key) > len(best)):
                best = key
        if best is None:
            pos += 1
            continue
        name, level, unit = entries[best]
        if unit is None and level == "provincial" and out and out[-1].unit is not None:
            parent = out[-1].unit  # "SỞ GIÁO DỤC VÀ ĐÀO TẠO" under "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
            out.append(Agency(f"{name} {parent.full_name}", "provincial", parent.province, "state", parent))
        else:
            kind: Kind = "party" if name.startswith(("Tỉnh ủy", "Thành ủy", "Ban ", "Bộ Chính trị")) else "state"
            out.append(Agency(name, level, unit.province if unit else None, kind, unit))
        pos += len(best)
    return out


def _despace(s: str) -> str:
    return re.sub(r"[\s\-–,.&]", "", fold(s))


@cache
def _despaced_keys(era: Era) -> tuple[dict[str, tuple[str, Level, Unit | None]], dict[str, list[str]]]:
    """Every header name this reader knows, spaces removed: central bodies, ministries, the people's
    committee and council of each province, and departments (whose province is the parent's)."""
    from kg.extract.tables import agency_tables

    t = agency_tables()
    entries: dict[str, tuple[str, Level, Unit | None]] = {}
    for body in t.central:
        for p in (body.name, *body.patterns):
            if not p.isupper():
                entries[_despace(p)] = (body.name, "central", None)
    for sector in t.sectors:
        for p in (sector.name, *sector.patterns):
            entries[_despace("Bộ " + p)] = (f"Bộ {sector.name}", "central", None)
            entries[_despace("Sở " + p)] = (f"Sở {sector.name}", "provincial", None)
    for prov in gazetteer().provinces[era]:
        for council in ("Ủy ban nhân dân", "Hội đồng nhân dân", "UBND", "HĐND"):
            canonical = "Ủy ban nhân dân" if council in ("Ủy ban nhân dân", "UBND") else "Hội đồng nhân dân"
            for des in {prov.designator, "tỉnh", "thành phố"}:
                entries[_despace(f"{council} {des} {prov.name}")] = (f"{canonical} {prov.full_name}", "provincial",
                                                                     prov)
        for party in ("Tỉnh ủy", "Thành ủy"):
            entries[_despace(f"{party} {prov.name}")] = (f"{party} {prov.name}", "provincial", prov)
    index: dict[str, list[str]] = {}
    for key in entries:
        index.setdefault(key[:4], []).append(key)
    return entries, index


def own_issuer(text: str, header: Header, unit: Unit | None, era: Era) -> Agency | None:
    """The body that issues the document, named as it was on the document's date."""
    return as_of(_issuer_in_header(text, header, unit, era), header.date)


def _issuer_in_header(text: str, header: Header, unit: Unit | None, era: Era) -> Agency | None:
    ctx = Context(unit=unit, era=era, text=text)
    if header.header_agency_text:
        printed = _printed_issuer(header.header_agency_text, ctx)
        if printed is not None:
            return _signed_on_behalf_of(text, printed, ctx) or printed
    code = issuer_code(header.symbol)
    if header.header_agency_text and not (code and from_symbol(code, ctx)):
        return _unlisted_body(header.header_agency_text, unit)
    if code:
        agency = from_symbol(code, ctx)
        if agency is not None:
            return agency
    sig = _ON_BEHALF_OF.search(text)
    if sig:
        m = parse_agency(sig.group("body"), 0, ctx)
        if m:
            return m.agency
    return None


#: "TM. ỦY BAN NHÂN DÂN", "T/M BAN BÍ THƯ": the body on whose behalf the document is signed.
#: (The "T" comes first and the word boundary before it is a look-behind after it: the engine then
#: skips to each "T", twenty times faster than trying every position.)
_ON_BEHALF_OF = re.compile(r"T(?<!\wT)(?:M\s*\.|\s*/\s*M\s*\.?)\s*(?P<body>[^\n|]{3,60})")


def _signed_on_behalf_of(text: str, printed: Agency, ctx: Context) -> Agency | None:
    """The central Party body a document under the Central Committee's header is signed for: the
    Politburo's and the Secretariat's documents print "BAN CHẤP HÀNH TRUNG ƯƠNG" at their head and
    "T/M BAN BÍ THƯ" over the signature (205.txt, a regulation of the Secretariat)."""
    if printed.kind != "party" or printed.level != "central":
        return None
    for sig in _ON_BEHALF_OF.finditer(text):
        found = parse_agency(sig.group("body"), 0, ctx)
        if found is not None and found.agency.kind == "party" and found.agency.level == "central":
            return found.agency
    return None


def _printed_issuer(block: str, ctx: Context) -> Agency | None:
    """The body printed last in the header: one the tables know, or one printed under it."""
    found, tail = _header_bodies(block, ctx)
    if found:
        return (_issuing_body(tail, found[-1], ctx) if tail else None) or found[-1]
    last_line = _last_line(block)  # "CỤC THUẾ / THUẾ TỈNH VĨNH LONG": the body printed last issues
    return _issuing_body(last_line, None, ctx) if last_line else None


def _last_line(block: str) -> str:
    lines = [squash(x).strip(" -_=*") for x in re.split(r"\n|\|", block)]
    return next((x for x in reversed(lines) if x), "")


def _unlisted_body(block: str, unit: Unit | None) -> Agency | None:
    """A body the tables do not know ("BAN CHỈ ĐẠO QUỐC GIA VỀ TÌM KIẾM, QUY TẬP HÀI CỐT LIỆT SĨ"),
    written as printed in sentence case; its level from its words."""
    name = squash(re.sub(r"[-_=*|]{2,}|\|", " ", block)).strip(" -")
    if not name or len(name) > 150:
        return None
    if name.isupper():
        name = name[0] + name[1:].lower()
        name = re.sub(r"^Ban chỉ đạo", "Ban Chỉ đạo", name)
    level: Level | None = "central" if _NATIONAL.search(fold(name)) else (unit.level if unit else None)
    return Agency(name, level, unit.province if unit and level != "central" else None, "state", unit)


# --------------------------------------------------------------------------------------------
# Signer


def _position_pattern() -> re.Pattern[str]:
    keys = sorted(agency_tables().positions, key=len, reverse=True)
    alt = "|".join(r"\s+".join(re.escape(w) for w in k.split()) for k in keys)
    # no lookbehind at its start: the engine then skips ahead to a possible first letter (six times
    # faster on the corpus); the letter before is checked by the caller
    return re.compile(rf"(?:{alt})(?![^\W\d_])")


_POSITION = _position_pattern()
_NAME_WORD = rf"[{UPPER}][{LOWER}]*"
_PERSON = re.compile(rf"(?P<name>{_NAME_WORD}(?:(?:[ \t]+|[ \t]*\n[ \t]*){_NAME_WORD}){{1,4}})[ \t]*(?=\n|$|\|)")
#: What stands between a position and the signer's name: the mark of a signature, a military rank
#: ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nThượng tướng Võ Minh Lương", 324.txt; "Đại tướng", 316.txt).
_BEFORE_THE_NAME = re.compile(r"(?:\s|\(?(?:Đã ký|đã ký|Ký|ký|\[\w*\])\)?|[*_]|"
                              r"(?:Đại|Thượng|Trung|Thiếu)[ \t]+(?:tướng|tá|úy)(?=[ \t]))*")
_CAPS_RUN = re.compile(rf"(?:[ \t]*\n?[ \t]*[{UPPER}.,&\-]+(?![{LOWER}]))+")


def read_signer(norm: NormalizedText, start: int) -> Signer | None:
    """The person who signed: a name under an upper-case position ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"),
    or in a copy with its letters spread apart ("P HÓ CHỦ T Ị CH Ngu y ễn Hữu Tín")."""
    return _signer(norm, start) or _spaced_signer(norm, start) or _marked_signer(norm, start)


_NAME = rf"{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,4}}"
#: A copy that keeps the mark of a signature and the name beside it, with no position or with the
#: signature block's lines run together: "( Đã ký) Lê Thành Long" as the last line of a decree
#: (318.txt), " | Nguyễn Mạnh Kiểm (Đã ký)" (365.txt), "TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã
#: ký)Nguyễn Hòa Bình" (338.txt).
_SIGNED = r"\([ \t]*[Đđ]ã[ \t]+ký[ \t]*\)"
_SIGNED_MARK = re.compile(
    rf"(?:{_SIGNED}[ \t]*(?P<after>{_NAME})|(?:^|\|)[ \t]*(?P<before>{_NAME})[ \t]*{_SIGNED})[ \t]*$", re.MULTILINE)


def _marked_signer(norm: NormalizedText, start: int) -> Signer | None:
    """The name beside "(Đã ký)" in the document's last lines; the position that ends the text just
    before the mark, if any."""
    tail = max(start, len(norm.text) - 400)
    marks = list(_SIGNED_MARK.finditer(norm.text, tail))
    if not marks:
        return None
    m = marks[-1]
    name = m.group("after") or m.group("before")
    before = norm.text[norm.text.rfind("\n", 0, m.start()) + 1 : m.start()].rstrip()
    last = next((p for p in _POSITION.finditer(before) if p.end() == len(before)), None)
    position = agency_tables().positions.get(squash(last.group())) if last else None
    return Signer(squash(name), position, norm.span(m.start(), m.end()))


def _spaced_position_pattern() -> re.Pattern[str]:
    """A position with stray spaces, then a name at the line's end. The positions are grouped by their
    first letter, the word boundary before it looked back at from after it: the engine skips to those
    letters instead of trying every position of the body."""
    def spaced(position: str) -> str:
        return "\\s+".join("[ \t]?".join(map(re.escape, word)) for word in position.split())

    positions = grouped_by_first_letter(sorted(agency_tables().positions, key=len, reverse=True), spaced,
                                        guard=lambda head: rf"(?<![^\W\d_]{head})")
    name = rf"(?P<name>[{UPPER}][ \t]?[{LOWER}][^\n|]{{2,45}}?)"  # "Ngu y ễn Hữu Tín", not "P HÓ ..."
    return re.compile(rf"(?P<position>{positions})[ \t]+{name}[ \t]*$", re.MULTILINE)


_SPACED_POSITION = _spaced_position_pattern()


def _spaced_signer(norm: NormalizedText, start: int) -> Signer | None:
    """A signature in a copy with stray spaces inside words: a piece that starts with a small letter
    belongs to the word before ("Ngu y ễn" is "Nguyễn"); each word of a name starts with a capital."""
    signatures = list(_SPACED_POSITION.finditer(norm.text, start))
    if not signatures:
        return None
    found = signatures[-1]
    words: list[str] = []
    for piece in found.group("name").split():
        if words and piece[0].islower():
            words[-1] += piece
        else:
            words.append(piece)
    if not 2 <= len(words) <= 5 or not all(w[0].isupper() and w[1:].islower() for w in words if len(w) > 1):
        return None
    head = re.sub(r"\s+", "", found.group("position"))
    position = next((v for k, v in agency_tables().positions.items() if k.replace(" ", "") == head), None)
    if position is None:
        return None
    return Signer(" ".join(words), position, norm.span(found.start(), found.end()))


def _signer(norm: NormalizedText, start: int) -> Signer | None:
    text = norm.text
    positions = agency_tables().positions
    for pos in _POSITION.finditer(text, start):
        if pos.start() > 0 and text[pos.start() - 1].isalpha() and not _after_a_caps_line(text, pos.start()):
            continue
        # the whole upper-case run the position belongs to, and the last position in it
        run_end = pos.end()
        tail = _CAPS_RUN.match(text, run_end)
        if tail:
            run_end = tail.end()
        block = text[pos.start() : run_end]
        found = list(_POSITION.finditer(block))
        last = found[-1]
        position_text = squash(block[last.start() :]).rstrip(" ,")
        gap = _BEFORE_THE_NAME.match(text, run_end)
        name_at = gap.end() if gap else run_end
        person = _PERSON.match(text, name_at)
        if not person or len(text[run_end:name_at]) > 200:
            continue
        name = squash(person.group("name"))
        if fold(name).startswith(("nơi nhận", "căn cứ", "kính gửi")):
            continue
        head = squash(block[last.start() : last.end()])
        rest = position_text[len(head) :].strip()
        position = positions.get(head, head.capitalize())
        if rest and not _SIGNATURE_PREFIX.match(rest):
            position = f"{position} {rest.title() if rest.isupper() else rest}"
        return Signer(name, position, norm.span(pos.start(), person.end()))
    return None


def _after_a_caps_line(text: str, at: int) -> bool:
    """Whether the upper-case word glued before ``at`` ends a line of the signature block that the
    copy ran into the next: "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\nTrần Thanh Mẫn" (302.txt)."""
    word = re.search(r"[^\W\d_]+$", text[max(0, at - 20) : at])
    return word is not None and len(word.group()) >= 2 and word.group().isupper()


def document_spans(norm: NormalizedText, header: Header) -> tuple[Span, ...]:
    spans = []
    for s in (header.id_span, header.place_span, header.title_span):
        if s:
            spans.append(norm.span(*s))
    return tuple(spans)


def document_era(header: Header, cited_dates: list[str]) -> Era:
    if header.date:
        return era_for(header.date)
    return era_for(max(cited_dates) if cited_dates else None)
