"""Who must do what by when: the assignments of a plan.

An assignment names an agency ("1. Phòng Giáo dục và Đào tạo:", "* Phòng Nội vụ: Báo cáo ...",
"Giao Chánh Văn phòng Sở GDĐT có trách nhiệm ..."), what it must do, its role (chủ trì: lead,
phối hợp: coordinate, a duty to report: report) and a deadline: a date ("trước ngày 20/9/2023"), the
end of a quarter or month ("trong quý II năm 2024"), or a recurrence ("tháng 11 hằng năm", "định kỳ
3 tháng/lần") kept as such, never turned into a made-up date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract import dates
from kg.extract.agencies import Context, parse_agency
from kg.extract.scan import Folded, LowerText, WordScan
from kg.model import Agency, Deadline, Role, Task
from kg.read.normalize import NormalizedText, fold, squash

#: The start of an item that may assign work: a line, a bullet, a numbered heading.
_ITEM = re.compile(r"(?m)^[ \t]*(?:[-+*•]+[ \t.]*|\d+(?:\.\d+)*\.?[ \t]+|[a-zđ]\)[ \t]+)?")
_LEAD_IN = re.compile(r"(?:Giao|Đề nghị|Yêu cầu|Riêng)\s+(?:cho\s+)?", re.IGNORECASE)
_REPORT = re.compile(r"^\s*:?\s*(?:Báo cáo|báo cáo)\b")
_COORDINATE_WITH = re.compile(r"phối\s+hợp(?:\s+chặt\s+chẽ)?\s+(?:với\s+)?", re.IGNORECASE)

_DATE_DEADLINE = re.compile(
    r"(?:trước|chậm\s+nhất|hạn\s+chót|không\s+quá|xong\s+trước|hoàn\s+thành\s+trước)\s*(?:là|vào)?\s*(?:ngày\s*)?"
    r"(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d|\d{1,2}\s*tháng\s*\d{1,2}\s*năm\s*(?:19|20)\d\d)",
    re.IGNORECASE,
)
_QUARTER = re.compile(r"quý\s+(?P<q>IV|III|II|I|[1-4])\s*(?:/|năm\s+)(?P<y>(?:19|20)\d\d)", re.IGNORECASE)
_MONTH = re.compile(
    r"(?:trước|trong|chậm\s+nhất)\s+(?:vào\s+)?tháng\s+(?P<m>\d{1,2})\s*(?:/|năm\s+)(?P<y>(?:19|20)\d\d)",
    re.IGNORECASE)
_YEARLY = re.compile(r"tháng\s+(?P<m>\d{1,2})\s+(?:hằng|hàng)\s+năm", re.IGNORECASE)
_EVERY = re.compile(r"định\s+kỳ\s+(?:(?P<n>\d+)\s+tháng\s*/\s*lần|(?:hằng|hàng)\s+(?P<unit>quý|tháng|năm)|"
                    r"(?P<n2>\d+)\s+tháng)", re.IGNORECASE)


def parse_deadline(text: str) -> Deadline | None:
    """The deadline an assignment states, or None."""
    m = _DATE_DEADLINE.search(text)
    if m:
        iso = dates.parse("ngày " + m.group("date"))
        if iso:
            return Deadline(iso, None, squash(m.group()))
    m = _QUARTER.search(text)
    if m:
        return Deadline(dates.quarter_end(m.group("q"), m.group("y")), None, squash(m.group()))
    m = _MONTH.search(text)
    if m:
        end = dates.month_end(m.group("m"), m.group("y"))
        if end:
            return Deadline(end, None, squash(m.group()))
    m = _YEARLY.search(text)
    if m:
        return Deadline(None, f"yearly:month={int(m.group('m'))}", squash(m.group()))
    m = _EVERY.search(text)
    if m:
        if m.group("n") or m.group("n2"):
            return Deadline(None, f"every:{int(m.group('n') or m.group('n2'))} months", squash(m.group()))
        unit = fold(m.group("unit"))
        return Deadline(None, {"quý": "every:3 months", "tháng": "every:1 months", "năm": "every:12 months"}[unit],
                        squash(m.group()))
    return None


@dataclass(frozen=True, slots=True)
class _Item:
    start: int
    end: int


_OPENS_ITEM = re.compile(r"[ \t]*(?:[-+*•]|\d+(?:\.\d+)*\.|[a-zđ]\)|[IVXLC]+\.|Điều\s+\d)")
_ENDS_SENTENCE = re.compile(r"[.;:!?)”\"]\s*$")
_NUMBERED = re.compile(r"[ \t]*(?:\d+(?:\.\d+)*\.|[IVXLC]+\.|[a-zđ]\))[ \t]*")


#: What an assignment asks for: a verb of the trade near its start.
_ACTION = Folded.of(re.compile(
    r"\b(?:chủ trì|phối hợp|tham mưu|thực hiện|triển khai|tổ chức|xây dựng|báo cáo|hướng dẫn|chỉ đạo|theo dõi|"
    r"đẩy mạnh|tăng cường|rà soát|kiểm tra|tuyên truyền|vận động|chịu trách nhiệm|có trách nhiệm|bố trí|"
    r"đảm bảo|bảo đảm|lập|ban hành|phê duyệt|cân đối|thẩm định|giám sát|hỗ trợ|quản lý|đôn đốc|tổng hợp|"
    r"đề xuất|cung cấp|chuẩn bị|hoàn thành|nghiên cứu|phát động|chấp hành|là cơ quan|là bộ phận|là đơn vị)\b",
    re.IGNORECASE))


def _items(text: str, start: int, end: int, ctx: Context) -> list[_Item]:
    """The paragraphs of a stretch of text: a new one starts at a bullet or a number, after a line
    that ends a sentence, or after a numbered heading that names an agency ("4. Phòng Tài nguyên và
    Môi trường"); a line broken in the middle of a sentence continues the same paragraph."""
    out: list[_Item] = []
    item_start = None
    previous = ""  # the last line that was not blank
    last_end = start
    pos = start
    for line in text[start:end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if not line.strip():
            continue
        new = item_start is None or bool(_OPENS_ITEM.match(line)) or (
            bool(_ENDS_SENTENCE.search(previous)) and line.lstrip()[:1].isupper()) or _is_agency_heading(previous, ctx)
        if new:
            if item_start is not None:
                out.append(_Item(item_start, last_end))
            item_start = a
        last_end = b
        previous = line
    if item_start is not None:
        out.append(_Item(item_start, last_end))
    return out


def _is_agency_heading(line: str, ctx: Context) -> bool:
    m = _NUMBERED.match(line)
    if not m:
        return False
    found = parse_agency(line, m.end(), ctx)
    if found is not None:
        return _is_heading(line, found.end, len(line))
    other = _OTHER_BODY.match(line, m.end())
    return bool(other and _is_heading(line, other.end(), len(line)))


#: A heading that opens a part of the plan ("II. NỘI DUNG", "Điều 3.", "2.4. Giải pháp ...").
_HEADING = re.compile(r"[ \t]*(?:[IVXLC]+\.|[A-Z]\.|Điều\s+\d+\.?|\d+(?:\.\d+)*\.)[ \t]")
#: Bodies the agency tables do not list, named as printed at the head of a numbered part ("5. Ban
#: Quản lý Dự án đầu tư xây dựng huyện", "6. Trung tâm Phát triển quỹ đất").
_OTHER_BODY = re.compile(
    # (not "Trường hợp ...:", a case, 370.txt, nor "Hội nghị", a meeting)
    r"(?:Ban Quản lý|Ban Chỉ đạo|Trung tâm|Trường(?!\s+hợp)|Công an|Đài|Thanh tra|Chi cục|Cục|Hội(?!\s+nghị)|Liên đoàn|"
    r"(?i:Huyện đoàn|Tỉnh đoàn|Thành đoàn)|Bộ Chỉ huy|Ban Chỉ huy|Bảo hiểm xã hội|Kho bạc|Chi nhánh)"
    r"[^:;.,\n]{0,80}")
#: What follows an agency that is assigned work ("Phòng Nội vụ: ...", "Phòng GDĐT chủ trì, ...").
_ASSIGNED = re.compile(
    r"\s*(?::|(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|là\s+(?:cơ\s+quan|bộ\s+phận|đơn\s+vị)|"
    r"tham\s+mưu|báo\s+cáo|hướng\s+dẫn|chỉ\s+đạo|theo\s+dõi|tổ\s+chức|xây\s+dựng|thực\s+hiện|triển\s+khai|"
    r"cùng\s+phối\s+hợp)\b)", re.IGNORECASE)
_COORDINATES_FIRST = re.compile(r"\s*(?:,\s*các\s+[^,;:]{0,40}?\s*)?(?:cùng\s+)?phối\s+hợp", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class _Named:
    """A body known only by the name printed at the head of its part."""

    name: str


def find_tasks(norm: NormalizedText, ctx: Context, body_start: int = 0) -> tuple[Task, ...]:
    """The assignments of the document, in text order.

    An item is an assignment when it starts with an agency followed by what it must do
    ("* Phòng Tài chính – Kế hoạch: Báo cáo ...", "Giao Chánh Văn phòng Sở GDĐT có trách nhiệm ..."),
    or when it follows a heading that names an agency ("1. Phòng Giáo dục và Đào tạo:" then "1.1.
    Chủ trì, ..."); a heading that names none ends the agency's part.
    """
    text = norm.text
    end = _end_of_body(text, body_start)
    general_report = _general_report_deadline(text, body_start, end)
    tasks: list[Task] = []
    current: Agency | _Named | None = None
    depth = 99  # the numbering depth of the heading that set ``current``
    for item in _items(text, body_start, end, ctx):
        raw = text[item.start : item.end]
        lead = _ITEM.match(raw)
        marked = bool(lead and lead.group().strip())  # a bullet or a number opens the item
        p = item.start + (lead.end() if lead else 0)
        level = _depth(raw)
        if level is not None and level <= depth:
            current, depth = None, 99  # "3. Địa điểm" after "2. ...": the agency's part is over
        heading = _is_heading_line(raw)
        li = _LEAD_IN.match(text, p)
        if li:
            p = li.end()
        found = parse_agency(text, p, ctx)
        who: Agency | _Named | None = None
        after = p
        if found is not None and found.agency.level is not None and not _plural(text, p):
            who, after = found.agency, found.end
        if who is not None and (heading or marked) and _is_heading(text, after, item.end):
            current, depth = who, level if level is not None else 99  # "1. Phòng Giáo dục và Đào tạo:"
            continue
        if heading and who is None:
            other = _OTHER_BODY.match(text, p)
            if other and _is_heading(text, other.end(), item.end):
                current, depth = _Named(squash(other.group())), level if level is not None else 99
            continue
        if found is not None and who is None and not _plural(text, p):
            continue  # "- Giám đốc Sở hoặc Phó Giám đốc Sở GDĐT ...": people attending, not work
        if who is not None and not _ASSIGNED.match(text, after) and not _acts(text, after, item.end):
            continue  # a list of invitees or recipients, not an assignment
        if who is None and marked:
            other = _OTHER_BODY.match(text, p)  # "* Đề nghị Huyện đoàn: Báo cáo về ..."
            if other and text.startswith(":", other.end()):
                who, after = _Named(squash(other.group())), other.end()
        if who is None and (current is None or not _asks(text, p, item.end)):
            continue  # under an agency's heading, only an item that asks for something (no heading: no one)
        subject = who or current
        body = text[after : item.end]
        if subject is None or not squash(body).strip(" :.;"):
            continue
        sentence = squash(raw)
        role: Role = "report" if _REPORT.match(body) else "lead"
        partners_lead = False
        if who is not None and _COORDINATES_FIRST.match(text, after):
            role, partners_lead = "coordinate", True  # "X phối hợp với Y tham mưu ...": Y leads
        deadline = parse_deadline(body)
        if deadline is None and role == "report" and general_report is not None:
            deadline = general_report
        span = norm.span(item.start, item.end)
        tasks.append(Task(subject.name, role, deadline, sentence[:400], (span,)))
        for partner in _partners(text, item.start, item.end, ctx):
            if partner.name != subject.name:
                tasks.append(Task(partner.name, "lead" if partners_lead else "coordinate", deadline,
                                  sentence[:400], (span,)))
    return tuple(_dedupe(tasks))


def _is_heading_line(raw: str) -> bool:
    """A numbered line short enough to head a part ("2. Phòng Giáo dục và Đào tạo:"), ending in no mark
    of a sentence. (Its first 130 characters squashed are already too long for most items: the whole
    need not be squashed; squashed, a beginning is never longer than the whole.)"""
    if not _HEADING.match(raw) or len(squash(raw[:130])) >= 120:
        return False
    short = squash(raw)
    return len(short) < 120 and not short.endswith((".", ";", ","))


def _asks(text: str, start: int, end: int) -> bool:
    """An item that asks for something: a verb of the trade in its first twelve words."""
    return _ACTION.occurs_in(" ".join(text[start : min(end, start + 160)].split()[:12]))


def _acts(text: str, start: int, end: int) -> bool:
    """"Ủy ban Mặt trận Tổ quốc huyện, Ban Tuyên giáo Huyện ủy, ... đẩy mạnh công tác ...": a subject
    followed, after its companions, by what it must do (not an item of a list ending in ";")."""
    rest = squash(text[start:end])
    return not rest.endswith((";", ",")) and _ACTION.occurs_in(" ".join(rest[:250].split()[:20]))


_NUMBERING = re.compile(
    r"[ \t]*(?:(?P<roman>[IVXLC]+\.|Điều\s+\d+)|(?P<num>\d+(?:\.\d+)*)\.?[ \t]|(?P<letter>[a-zđ]\)))")


def _depth(item: str) -> int | None:
    """How deep an item's numbering goes: "II." 0, "2." 1, "1.1." 2, "a)" 3; None without one."""
    m = _NUMBERING.match(item)
    if m is None:
        return None
    if m.group("roman"):
        return 0
    if m.group("num"):
        return m.group("num").count(".") + 1
    return 3


def _plural(text: str, pos: int) -> bool:
    """"UBND các xã", "Các phòng, ban": many bodies, none named."""
    return bool(re.match(r"(?i:các)\s", text[pos : pos + 4])) or bool(
        re.match(r"\S+(?:\s+\S+){0,3}\s+(?:các|cấp)\s", text[pos : pos + 60]) and
        re.match(r"(?:Ủy ban nhân dân|UBND|Hội đồng nhân dân|HĐND|Phòng|Sở)\s+(?:các|cấp)\s", text[pos : pos + 60]))


def _is_heading(text: str, pos: int, end: int) -> bool:
    """Nothing but a colon after the agency: it heads the items that follow."""
    rest = text[pos:end].strip()
    return rest in ("", ":")


def _partners(text: str, start: int, end: int, ctx: Context):
    for m in _COORDINATE_WITH.finditer(text, start, end):
        pos = m.end()
        for _ in range(6):
            a = parse_agency(text, pos, ctx)
            if a is None or a.agency.level is None:
                break
            yield a.agency
            sep = re.match(r"\s*(?:,|và|;)\s*(?:các\s+)?", text[a.end : end])
            if not sep:
                break
            pos = a.end + sep.end()


#: "Các đơn vị nộp báo cáo về UBND huyện ... chậm nhất ngày 25/3/2024".
_SEND_REPORTS = WordScan.of(re.compile(r"(?:nộp|gửi)\s+báo\s+cáo[^.;]{0,200}", re.IGNORECASE))


def _general_report_deadline(text: str, start: int, end: int) -> Deadline | None:
    """The date reports are due, said once for all (in ``text[start:end]``)."""
    for m in _SEND_REPORTS.finditer(LowerText.of(text), start, end):
        d = parse_deadline(m.group())
        if d and d.date:
            return d
    return None


#: "Nơi nhận:" heads the list of recipients after the signature.
_RECIPIENTS = WordScan.of(re.compile(r"Nơi\s+nhận|NƠI\s+NHẬN"))


def _end_of_body(text: str, start: int) -> int:
    """Where the list of recipients begins (its words first on their line), or the end."""
    for m in _RECIPIENTS.finditer(LowerText.of(text), start):
        line = text.rfind("\n", start, m.start()) + 1 or start
        if not text[line : m.start()].strip(" \t"):
            return line
    return len(text)


def _dedupe(tasks: list[Task]) -> list[Task]:
    seen = set()
    out = []
    for t in tasks:
        key = (t.agency, t.role, t.deadline.date if t.deadline else None, t.text)
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def first_deadline_after(tasks: tuple[Task, ...], after: str | None) -> str | None:
    """The earliest dated deadline on or after ``after``: a bound for an undated document."""
    found = sorted(t.deadline.date for t in tasks if t.deadline and t.deadline.date and len(t.deadline.date) == 10
                   and (after is None or t.deadline.date >= after))
    return found[0] if found else None
