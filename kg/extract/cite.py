"""Find every reference to another document: numbered ("Quyết định số 3380/QĐ-UBND ngày 28/9/2022
của UBND huyện An Lão"), named ("Đề án “Phát triển giáo dục ...”", "Luật Giáo dục 2019") and short
("Kế hoạch 3380"), with the date and issuer printed after them and the lists they share.

Works on normalised text (kg.normalize); offsets here are offsets into it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, replace
from functools import cache

from kg.extract import dates
from kg.extract.agencies import AgencyMatch, Context, as_of, from_symbol, parse_agency
from kg.extract.places import Era, era_for, gazetteer
from kg.extract.scan import LowerText, WordScan
from kg.extract.symbols import Identifier, find_identifiers, issuer_code, type_of_code, type_of_symbol
from kg.extract.tables import CatalogEntry, catalog, doc_types, spaced_pattern
from kg.model import Agency, Mention
from kg.read.normalize import LOWER, UPPER, fold, squash

#: "số", "số:", "Số", and the forms with a letter dropped ("sô", "ố").
SO = r"(?:[Ss][ốôo]|ố|[Ss](?=\s+\d))(?![^\W\d_])\s*[:.]?\s*"  # "s 3380" with its "ố" dropped too

_TYPE_WORDS = doc_types().words_pattern
#: A type word right before the number: "Quyết định số: ", "Nghị quyết ", "các Thông tư số ".
_TYPE_BEFORE = re.compile(rf"(?P<word>{_TYPE_WORDS})\s*(?:{SO})?\Z", re.IGNORECASE)
#: A few words between a type word and "số": "Kết luận liên ngành Tư pháp Trung ương số 23/KL-LNTPTW",
#: "Báo cáo thẩm tra số 165/BC-KTNS", "Quy chế phối hợp số 49/QCPH-UBND-UBMT-HCTĐ".
_QUALIFIED_TYPE_BEFORE = re.compile(
    rf"(?P<word>{_TYPE_WORDS})(?:[ \t]+[^\s,;.()“”:0-9]+){{1,5}}[ \t]+{SO}\Z")
#: A list head that names type and issuer: "các Quyết định của Thủ tướng Chính phủ: số".
_LIST_HEAD = re.compile(rf"(?P<word>{_TYPE_WORDS})\s+(?:của\s+(?P<issuer>[^:;\n]{{3,80}}?)\s*)?:\s*(?:{SO})?\Z",
                        re.IGNORECASE)

#: The date printed after a number: ", ngày 28/9/2022", " ngày 04 tháng 11 năm 2013", "ngày22/5/2023".
_DATE_AFTER = re.compile(
    r"[ \t]*\n?[ \t]*,?\s*\(?\s*(?:được\s+)?(?:ban\s+hành\s+)?(?:" + dates.DATE_AFTER_NGAY.pattern + ")", re.IGNORECASE)
_OF = re.compile(r"\s*,?\s*(?:của|do)\s+", re.IGNORECASE)
_DEFINED_TERM = re.compile(r"\s*\(\s*(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt\s+là\s+[^)]{1,120}\)",
                           re.IGNORECASE)

# Named documents, without a number.
#: A type word and a quoted title: Đề án “Phát triển giáo dục và đào tạo thành phố Hải Phòng ...”.
#: (Found from each opening quote, looking back for the type word: faster than a scan for the word.)
_OPEN_QUOTE = re.compile(r"[“\"]")
_QUOTE_HEAD = re.compile(r"(?P<word>(?i:Đề án|Chương trình|Chiến lược|Kế hoạch|Dự án|Quy hoạch|Nghị quyết|Quy chế|"
                         r"Quy định))\s*:?\s*\Z")
_QUOTE_BODY = re.compile(r"[“\"](?:[^”\"\n]|\n(?![ \t]*\n)){5,400}[”\"]")
#: The name of a law after its type word: "Giáo dục", "Tổ chức chính quyền địa phương" (it stops
#: before the words that follow a name: "số", "ngày", "năm", "của", "và", ...; "như sau": "... một số
#: điều của Luật Bảo hiểm y tế như sau:", 371.txt).
_AFTER_A_NAME = (r"số|ngày|năm|của|được|đã|và|về|theo|tại|quy\s+định|có|để|nhằm|"
                 r"trên|đối|với|hiện|bảo\s+đảm|đảm\s+bảo|như\s+sau")
#: Right before its number, only the words that begin what follows a document end a name: "Pháp
#: lệnh Ưu đãi người có công với cách mạng số 02/2020/UBTVQH14" (081.txt) has "có" and "với" in it.
_BEFORE_ITS_NUMBER = r"số|ngày|năm|của|được|đã|và|về|theo|tại|quy\s+định"


def _law_name(ends: str, first: str = "[A-ZĐ]", joined: str = UPPER, guard: str = "") -> str:
    """A name of up to eleven words from ``first``, ended by the words ``ends`` or a digit; "và"
    joins a word that starts with one of ``joined`` and is no type word; ``guard`` is checked
    before every word after the first."""
    return (first + r"[^\s,;.()“”]*(?:(?:[ \t]+|[ \t]*\n[ \t]*)" + guard +
            r"(?:và[ \t]+(?=[" + joined + r"])(?!(?:Luật|Bộ luật|Nghị|Quyết|Thông|Chỉ|Kế|Công)\b)|"
            rf"(?!(?:{ends})\b|\d))[^\s,;.()“”:]+){{0,10}}")


_LAW_NAME = _law_name(_AFTER_A_NAME)
#: A law's name between its type word and its number: "Luật Giáo dục số 43/2019/QH14", "Luật Phòng
#: cháy, chữa cháy và cứu nạn, cứu hộ số 55/2024/QH15" (before a number, a comma may join its words).
#: There a name may start with a small letter ("Luật ban hành văn bản quy phạm pháp luật số
#: 64/2025/QH15", 229.txt), not with the words that follow a law ("Luật được sửa đổi bởi Luật số
#: ..."); and a law that amends another is named whole ("Luật sửa đổi bổ sung một số điều của Luật
#: ban hành văn bản quy phạm pháp luật số 87/2025/QH15", 259.txt: the number is its own).
#: Words a name goes on with before its number, never into the next document ("Luật Phòng cháy, chữa
#: cháy và cứu nạn, cứu hộ và Nghị định số 105/2025/NĐ-CP", 074.txt; "Theo quy định của Luật Bảo hiểm y
#: tế\n- Quyết định số 33/2003/QĐ-BQP", 103.txt: the numbers are not the laws').
_NOT_ANOTHER_DOCUMENT = r"(?!(?:Nghị|Quyết|Thông|Chỉ|Kế|Công|Luật|Bộ\s+luật|Pháp\s+lệnh|[-+*•])(?:\b|\s))"
_NAME_BEFORE_NUMBER = _law_name(  # "Luật Quy hoạch đô thị và nông thôn số 47/2024/QH15" (267.txt)
    _BEFORE_ITS_NUMBER, rf"(?:[{UPPER}]|(?!(?:{_AFTER_A_NAME}|sửa|này|nêu|dưới|mới|cũ)\b)[{LOWER}])", UPPER + LOWER,
    _NOT_ANOTHER_DOCUMENT)
#: "sửa đổi, bổ sung một số điều (của) Luật", the words that begin the name of an amending law.
_SOME_ARTICLES_OF = r"(?i:một\s+số\s+điều\s+(?:(?:của|tại)\s+)?)"
_AMENDED_LAW_OF = rf"(?i:sửa\s+đổi,?\s+bổ\s+sung)\s+{_SOME_ARTICLES_OF}?(?:Luật|Bộ\s+luật)\s+"


def _law_name_before(amending: bool) -> re.Pattern[str]:
    return re.compile(
        rf"(?P<word>(?-i:Luật|Bộ luật|Pháp lệnh))\s+(?P<name>{f'(?:{_AMENDED_LAW_OF})?' if amending else ''}"
        rf"{_NAME_BEFORE_NUMBER}(?:,[ \t]+[{LOWER}][^\s,;.()“”]*"
        rf"(?:[ \t]+{_NOT_ANOTHER_DOCUMENT}[^\s,;.()“”0-9]+){{0,6}}){{0,3}})"
        rf"\s+{SO}\Z")


_LAW_NAME_BEFORE = _law_name_before(amending=True)
#: "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15
#: và ...": a list of the laws amended, each with its own number (105.txt); the amending law is unnumbered.
_LAW_NAME_BEFORE_PLAIN = _law_name_before(amending=False)
#: "Luật sửa đổi, bổ sung một số điều của Luật Đấu thầu, Luật Đầu tư theo phương thức đối tác công
#: tư, ..., Luật Quản lý, sử dụng tài sản công số 90/2025/QH15" (230.txt): the laws it amends are
#: named without numbers, so the one number printed is the amending law's.
_AMENDING_LAW_OF_SEVERAL = re.compile(
    rf"(?-i:Luật|Bộ luật)\s+(?i:sửa\s+đổi,?\s+bổ\s+sung)\s+{_SOME_ARTICLES_OF}?(?:các\s+)?"
    r"(?:(?-i:Luật|Bộ luật|Pháp lệnh)\s+[^;.()“”\d]{1,120}?(?:\s*,\s*|\s+và\s+))+\Z")


def _amending_law_of_several(text: str, law_start: int, ident: Identifier) -> re.Match[str] | None:
    """The amending law whose list of laws ends with the one named at ``law_start``, when the number
    after it is that amending law's (see _MORE_LAWS for the other reading)."""
    if "sửa" not in text[max(0, law_start - 800) : law_start].lower() or _MORE_LAWS.match(text, ident.end):
        return None
    return _AMENDING_LAW_OF_SEVERAL.search(text, max(0, law_start - 800), law_start)


_MORE_LAWS = re.compile(r"[ \t]*(?:,|và)\s*(?:Luật|Bộ\s+luật|Pháp\s+lệnh)\s")
#: A law that amends others, named whole: "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính
#: phủ và Luật Tổ chức chính quyền địa phương ngày 22/11/2019" (the laws it names are part of its name;
#: "Điều" in capitals, 132.txt, or without "của": "Luật Sửa đổi, bổ sung một số điều Luật ...", 218.txt).
_AMENDING_LAW = re.compile(
    r"(?P<word>(?-i:Luật|Bộ luật|Pháp lệnh))\s+"
    rf"(?P<title>(?i:sửa\s+đổi,?\s+bổ\s+sung)\s+{_SOME_ARTICLES_OF}?"
    rf"(?:các\s+)?(?:Luật|Bộ luật|Pháp lệnh)\s+{_LAW_NAME}(?:(?:\s*,\s*|\s+và\s+)(?:Luật|Bộ luật)\s+{_LAW_NAME})*)"
)
#: The words of a law's name after a comma ("Luật Quản lý, sử dụng tài sản công", "Luật Phòng cháy,
#: chữa cháy và cứu nạn, cứu hộ"): small words that no clause begins with, "và" only before another
#: small word; the name is taken so far only where what follows a law's name comes next: its number
#: or date, "được sửa đổi", or the next document of a list ("Luật Thi đua, khen thưởng và Nghị định
#: số 152/2025/NĐ-CP", 225.txt); or, after a few words, the end of the clause ("Luật Cán bộ, công
#: chức;"). Not "Luật Ngân sách nhà nước, hoặc được giao ...", "Luật Di sản văn hóa, người đứng đầu cơ
#: quan chuyên môn về văn hóa ..." (320.txt).
_WORD_AFTER_A_COMMA = (rf"(?:[ \t]+(?:và[ \t]+(?=[{LOWER}]))?(?!(?:{_AFTER_A_NAME})\b)[{LOWER}][^\s,;.()“”:]*)")
_COMMA_IN_A_NAME = (rf",[ \t]+(?!(?:{_AFTER_A_NAME}|các|những|hoặc|trong|khi|nếu|vừa|là|thì|như|cũng|mà|do|bị|sau|"
                    rf"trước)\b)[{LOWER}][^\s,;.()“”:]*")
_NAME_AFTER_A_COMMA = (
    rf"(?:{_COMMA_IN_A_NAME}{_WORD_AFTER_A_COMMA}{{0,8}}){{1,3}}"
    r"(?=[ \t]*(?:(?:số|ngày)\b|năm[ \t]+(?:19|20)\d\d|được[ \t]+sửa|"
    r"(?:,|[ \t]+và)[ \t]+(?:Luật|Bộ luật|Pháp lệnh|Nghị định|Thông tư|Nghị quyết|Quyết định)\b))"
    rf"|(?:{_COMMA_IN_A_NAME}{_WORD_AFTER_A_COMMA}{{0,3}}){{1,2}}(?=[ \t]*(?:;|\.(?!\.)))")
#: A law by its name: "Luật Giáo dục 2019", "Luật Tổ chức chính quyền địa phương ngày 19/6/2015".
_NAMED_LAW = re.compile(
    rf"(?P<word>(?-i:Luật|Bộ luật|Pháp lệnh))\s+(?P<title>{_LAW_NAME}(?:{_NAME_AFTER_A_COMMA})?)"
    r"(?P<year>[ \t]+(?:năm[ \t]+)?(?:19|20)\d\d(?!\d|/))?"
)
#: Party resolutions by congress or plenum: "Nghị quyết Đại hội Đảng bộ huyện Cẩm Giàng lần thứ XXVI",
#: "Nghị quyết Hội nghị Trung ương 8 khóa XI".
_NAMED_PARTY_RESOLUTION = re.compile(spaced_pattern(
    r"(?P<word>Nghị quyết) (?P<title>(?:Đại hội|Hội nghị|Trung ương)[^;,.()“”\n]{0,120}?"
    r"(?:lần thứ [IVXLC\d]+|khóa [IVXLC]+|\(khóa [IVXLC]+\)|nhiệm kỳ \d{4}\s*-\s*\d{4}))"
    r"(?:,? nhiệm kỳ \d{4}\s*-\s*\d{4})?"
))
#: A short form that stands for a document cited in full elsewhere: "Kế hoạch 3380", "Nghị quyết 94".
_SHORT = re.compile(rf"(?P<word>{_TYPE_WORDS})\s+(?:{SO})?(?P<number>\d{{1,5}})(?![\d/,.-]|\s*-\s*[A-ZĐ]|\s*/)")


@dataclass(frozen=True, slots=True)
class NamedPattern:
    """A document named without a number that the catalogue knows (kept as printed)."""

    pattern: re.Pattern[str]
    type: str
    relation: str | None  # a fixed relation (a curriculum is cited, not implemented)

    @property
    def scan(self) -> WordScan:
        return _scan_of(self.pattern)


def _catalog_named() -> list[NamedPattern]:
    out = []
    for entry in catalog():
        if entry.promulgates_named:
            out.append(NamedPattern(re.compile(entry.promulgates_named, re.IGNORECASE), "Program", "cites"))
    return out


_NAMED_FROM_CATALOG = _catalog_named()
_NAMED_OWNERS = [e.identifier for e in catalog() if e.promulgates_named]
_CATALOG_ALIASES = [(re.compile(a, re.IGNORECASE), e.identifier) for e in catalog() for a in e.aliases]


def catalog_named(title: str) -> str | None:
    """The catalogue entry that promulgates a document named like this ("Chương trình GDPT 2018")."""
    for named, identifier in zip(_NAMED_FROM_CATALOG, _NAMED_OWNERS, strict=True):
        if named.pattern.fullmatch(title):
            return identifier
    return None


@cache
def _catalog_by_identifier() -> dict[str, CatalogEntry]:
    return {e.identifier.upper(): e for e in catalog()}


def catalog_entry(identifier: str | None) -> CatalogEntry | None:
    """The catalogue's facts about a document, when it has them."""
    return _catalog_by_identifier().get(identifier.upper()) if identifier else None


def catalog_alias(title: str) -> str | None:
    """The catalogue identifier a name without number stands for ("Nghị quyết Trung ương 8 khóa XI")."""
    for pattern, identifier in _CATALOG_ALIASES:
        if pattern.search(title):
            return identifier
    return None


# --------------------------------------------------------------------------------------------
# Mentions


def find_mentions(text: str, ctx: Context, skip: list[tuple[int, int]] = (),  # type: ignore[assignment]
                  identifiers: list[Identifier] | None = None) -> list[Mention]:
    """Every mention of another document, in text order, with date, issuer and list membership.

    ``skip`` holds stretches that are not references (the document's own number in its header);
    ``identifiers`` the numbers already found in the text, if the caller has them.
    """
    def skipped(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in skip)

    raw: list[Mention] = []
    for ident in identifiers if identifiers is not None else find_identifiers(text):
        if skipped(ident.start, ident.end):
            continue
        raw.append(_numbered(text, ident))
    taken = sorted((m.start, m.end) for m in raw)
    longest = max((e - s for s, e in taken), default=0)

    def free(a: int, b: int) -> bool:
        # only a stretch starting less than the longest one before ``a`` can overlap [a, b)
        if skipped(a, b):
            return False
        lo, hi = bisect_left(taken, (a - longest, -1)), bisect_left(taken, (b, -1))
        return not any(a < e for _, e in taken[lo:hi])

    def take(a: int, b: int) -> None:
        nonlocal longest
        insort(taken, (a, b))
        longest = max(longest, b - a)

    for m in _named(text):
        if free(m.start, m.end):
            raw.append(m)
            take(m.start, m.end)
    numbers = {m.number for m in raw if m.number}
    for short in _SHORT.finditer(text):
        if short.group("number") in numbers and free(short.start(), short.end()):
            raw.append(Mention(short.start(), short.end(), doc_types().word_to_type[fold(short.group("word"))],
                               short.group("number"), None, None, short=True))
            take(short.start(), short.end())
    raw.sort(key=lambda m: m.start)
    # each cited document is named as in its own time: "UBND tỉnh" of 2018 in a 2025 letter of Huế
    return [_as_of_its_date(m) for m in _details(text, raw, ctx)]


def _as_of_its_date(m: Mention) -> Mention:
    then = as_of(m.issuer, m.date)
    return m if then is m.issuer else replace(m, issuer=then)


def _numbered(text: str, ident: Identifier) -> Mention:
    # The patterns are anchored at the number; each looks back only as far as it can reach.
    before = text[max(0, ident.start - 160) : ident.start]
    near = before[-32:]  # "Nghị quyết liên tịch số: " is the longest type word with its "số"
    start = ident.start
    type_name = None
    title = None
    m = _LAW_NAME_BEFORE.search(before) if ("Luật" in before or "Pháp lệnh" in before) else None
    if m and m.group("name").lower().startswith("sửa") and _MORE_LAWS.match(text, ident.end):
        m = _LAW_NAME_BEFORE_PLAIN.search(before)
    if m:  # "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15": the name, not "luật số"
        type_name = doc_types().word_to_type.get(fold(m.group("word")))
        start = ident.start - (len(before) - m.start())
        title = squash(f"{m.group('word')} {m.group('name')}")
        amending = _amending_law_of_several(text, start, ident)
        if amending is not None:
            start, title = amending.start(), re.sub(r"\s*số\s*:?$", "", squash(text[amending.start() : ident.start]),
                                                    flags=re.IGNORECASE)
    elif m := next(_scan_of(_TYPE_BEFORE).finditer(LowerText.of_short(near)), None):  # its search, faster
        type_name = doc_types().word_to_type.get(fold(m.group("word")))
        if ident.type_code and fold(squash(m.group("word"))) in doc_types().generic:
            type_name = type_of_code(ident.type_code) or type_name
        start = ident.start - (len(near) - m.start())
    else:
        m = (_LIST_HEAD.search(before) if ":" in before[-130:] else None) or _QUALIFIED_TYPE_BEFORE.search(before[-90:])
        if m is not None:
            before = before[-130:] if m.re is _LIST_HEAD else before[-90:]
        if m:
            type_name = doc_types().word_to_type.get(fold(m.group("word")))
            start = ident.start - (len(before) - m.start())
            if "name" in m.groupdict() and m.group("name"):
                title = squash(f"{m.group('word')} {m.group('name')}")
    typed = type_name is not None
    if type_name is None:
        type_name = type_of_code(ident.type_code) if ident.type_code else "OfficialLetter"
    return Mention(start, ident.end, type_name or "Other", ident.number, ident.symbol, ident.identifier,
                   title=title, typed=typed)


@cache
def _scan_of(pattern: re.Pattern[str]) -> WordScan:
    """Patterns found faster from their first words (measured: quotes, laws, catalogue names)."""
    return WordScan.of(pattern)


def _named(text: str) -> list[Mention]:
    out: list[Mention] = []
    types = doc_types().word_to_type
    doc = LowerText.of(text)
    for q in _scan_of(_OPEN_QUOTE).finditer(doc):
        if not text[max(0, q.start() - 25) : q.start()].rstrip(" \t\n:")[-1:].isalpha():
            continue  # a type word ends right before the quote, or it is no name
        head = _QUOTE_HEAD.search(text, max(0, q.start() - 25), q.start())
        body = _QUOTE_BODY.match(text, q.start()) if head else None
        if head is None or body is None or not head.group("word")[0].isupper():
            # a small letter is a verb or a common noun before a quote: "quy định “7. Những quy định
            # trên đây ...”" (353.txt), "dự án “chỉ bàn làm không có bàn lùi”" (311.txt)
            continue
        word = head.group("word")
        title = squash(body.group().strip("“”\""))
        if word.isupper():
            word = word.capitalize()
        out.append(Mention(head.start(), body.end(), types[fold(word)], None, None, None,
                           title=f"{word} “{title}”", named=True))
    for m in _NAMED_PARTY_RESOLUTION.finditer(text) if "Nghị quyết" in text else ():
        out.append(Mention(m.start(), m.end(), "Resolution", None, None, None,
                           title=squash(m.group()), named=True))
    has_law = "Luật" in text or "Pháp lệnh" in text
    for m in _scan_of(_AMENDING_LAW).finditer(doc) if has_law else ():
        out.append(Mention(m.start(), m.end(), types[fold(m.group("word"))], None, None, None,
                           title=squash(m.group("word") + " " + m.group("title")), named=True))
    for m in _scan_of(_NAMED_LAW).finditer(doc) if has_law else ():
        title = squash(m.group("word") + " " + m.group("title") + (m.group("year") or ""))
        year = re.search(r"(?:19|20)\d\d", m.group("year") or "")
        out.append(Mention(m.start(), m.end(), types[fold(m.group("word"))], None, None, None, title=title,
                           named=True, date=year.group() if year else None))
    for named in _NAMED_FROM_CATALOG:
        for m in named.scan.finditer(doc):
            title = squash(m.group())
            out.append(Mention(m.start(), m.end(), named.type, None, None, None,
                               title=title[:1].upper() + title[1:], named=True))
    out.sort(key=lambda mention: (mention.start, -mention.end))
    kept: list[Mention] = []
    for mention in out:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


#: What joins two members of one list: ", ", "; ", " và ", with "các" and "số" ("..., số 19/2018/...").
#: Or a part of the next one named first: "... của Quyết định số 118/TTg ngày 27/02/1996 và Điều 3,
#: Quyết định số 20/2000/QĐ-TTg" (133.txt).
_LIST_JOIN = re.compile(rf"\s*(?P<sep>,\s*và|;\s*và|,|;|và)?\s*(?:các\s+)?"
                        rf"(?:(?<=và\s)(?:Điều|khoản|điểm)\s+\d+[a-zđ]?\s*,?\s*(?:của\s+)?)?(?:{SO})?")


def _details(text: str, raw: list[Mention], ctx: Context) -> list[Mention]:
    """Date and issuer after each mention; lists that share a type, date or issuer."""
    out: list[Mention] = []
    next_list = 0
    for k, m in enumerate(raw):
        end = m.end
        date = m.date
        issuer: Agency | None = None
        d = _DATE_AFTER.match(text, end)
        if d:
            date = dates.from_match(d) or date
            end = d.end()
        t = _DEFINED_TERM.match(text, end)
        if t and not m.named:
            end = t.end()
        found = None
        of = _OF.match(text, end)
        if of:
            found = parse_agency(text, of.end(), ctx)
        else:  # without "của" only a central body or a plenum: "ngày 04/11/2013 Hội nghị lần thứ 8 ..."
            candidate = parse_agency(text, end, ctx)
            if candidate and (candidate.agency.level == "central" or text.startswith("Hội nghị", candidate.start)):
                found = candidate
        if found is None:  # "theo đề nghị của Sở Tư pháp tại Tờ trình số ...": named before it
            proposer = _proposer(text, m.start, ctx) or _named_before_parenthesis(text, m.start, ctx)
            issuer = proposer.agency if proposer is not None else None
            if date is None:
                date = _dated_before(text, m.start, ctx)
        else:
            issuer = found.agency
            end = found.end
            if not found.explicit_place:  # "của UBND tỉnh ... trên địa bàn tỉnh Vĩnh Phúc": the description's
                limit = raw[k + 1].start if k + 1 < len(raw) else len(text)
                issuer = _placed_by_description(text, end, limit, issuer, era_for(date) if date else ctx.era)
            if date is None:
                d = _DATE_AFTER.match(text, end)
                if d:
                    date = dates.from_match(d)
                    end = d.end()
        t = _DEFINED_TERM.match(text, end)
        if t:
            end = t.end()
        # A list: ", số 19/2018/TT-BGDĐT" after "các Thông tư số 18/2018/TT-BGDĐT".
        sep = None
        lid = None
        prev = out[-1] if out else None
        if prev is not None and not m.short and not prev.short:
            j = _LIST_JOIN.fullmatch(text, prev.end, m.start)
            if j:
                sep = squash(j.group("sep") or ",")
                if prev.list_id is None:
                    out[-1] = replace(prev, list_id=next_list)
                    next_list += 1
                lid = out[-1].list_id
        out.append(replace(m, end=end, date=date, issuer=issuer, list_id=lid, list_separator=sep))
    return _share_list_details(out)


#: "Ngày 19 tháng 9 năm 2013, Văn phòng Chính phủ có văn bản số 349/TB-VPCP" (350.txt), "ngày 16/8/2018
#: Bộ Lao động - Thương binh và Xã hội đã có Công văn số 3395/LĐTBXH-KHTC" (349.txt): the date that
#: opens the sentence telling that a body issued the document.
_DATED_ACT = re.compile(rf"(?i:{dates.DATE_AFTER_NGAY.pattern})\s*,?\s+(?P<body>[^,;.()]{{3,90}}?)"
                        r"\s+(?i:(?:đã\s+)?(?:có|ban\s+hành|ký|gửi))\s+\Z")


def _dated_before(text: str, start: int, ctx: Context) -> str | None:
    """The date of a mention told as a body's act after the date that opens its sentence."""
    lo = max(0, start - 160)
    if "gày" not in text[lo:start]:
        return None
    m = _DATED_ACT.search(text, lo, start)
    if m is None:
        return None
    body = parse_agency(text, m.start("body"), ctx)
    if body is None or not _TERM.fullmatch(text, body.end, m.end("body")):
        return None  # the words before the verb must be a body (and its term), and only that
    return dates.from_match(m)


#: A body's term after its name: "Ủy ban Thường vụ Quốc hội khóa 13" (357.txt).
_TERM = re.compile(r"\s*(?:\(?\s*(?i:khóa)\s+[\dIVXLC]+\s*\)?)?\s*")


#: "Theo đề nghị của Giám đốc Sở Tư pháp tại Tờ trình số ...", "Theo đề xuất của Giám đốc Sở Nông
#: nghiệp và Môi trường tại Tờ trình số 454/TTr-SoNNMT" (239.txt), "ý kiến xử lý của Cục Thuế tỉnh Hà Tĩnh
#: tại Công văn số 1752/CT-THNVDT" (353.txt): the body that wrote it, named before it (the holder stands
#: for the body).
_PROPOSED_BY = re.compile(r"(?:đề\s+(?:nghị|xuất)|ý\s+kiến(?:\s+(?:xử\s+lý|chỉ\s+đạo|thẩm\s+định|góp\s+ý))?|báo\s+cáo)"
                          r"\s+của\s+(?=\S)", re.IGNORECASE)
_AT = re.compile(r"\s*(?:tại|theo)\s*\Z", re.IGNORECASE)


def _proposer(text: str, start: int, ctx: Context) -> AgencyMatch | None:
    """The body a mention is said to come from before it: "đề nghị của X tại Tờ trình số ..."."""
    lo = max(0, start - 160)
    if "của" not in text[lo:start].lower():
        return None  # no "... của" before it (any case): the common case, without running the pattern
    said = list(_PROPOSED_BY.finditer(text, lo, start))
    if not said:
        return None
    found = parse_agency(text, said[-1].end(), ctx)
    return found if found is not None and _AT.match(text[found.end : start]) else None


#: "Bộ Tài chính (Văn bản số 4773/TC-CSTC ngày 25/5/2001)": a letter in brackets after its sender.
_BRACKET_OPENS = re.compile(r"\(\s*(?:(?:Văn\s+bản|Công\s+văn)\s+)?(?:số\s*:?\s*)?\Z", re.IGNORECASE)
#: What may stand right before the body: a joining word or mark, or the start of a line.
_BEFORE_THE_BODY = re.compile(r"(?:(?<![^\W\d_])(?:với|của|và)|[,;(\n])[ \t]*", re.IGNORECASE)


def _named_before_parenthesis(text: str, start: int, ctx: Context) -> AgencyMatch | None:
    """The body named right before the bracket a mention opens: "... được sự đồng ý của Thủ tướng
    Chính phủ (Văn bản số 710/CP-CN ngày 6/8/2001)" (365.txt). The name must fill the stretch from a
    joining word ("với", "của", "và", a comma) to the bracket, or it stays unknown."""
    bracket = _BRACKET_OPENS.search(text, max(0, start - 30), start)
    if bracket is None:
        return None
    end = len(text[: bracket.start()].rstrip())
    joins = list(_BEFORE_THE_BODY.finditer(text, max(0, end - 80), end))
    if not joins:
        return None
    found = parse_agency(text, joins[-1].end(), ctx)
    return found if found is not None and found.end == end else None


#: A province named in a cited document's description: "trên địa bàn tỉnh Vĩnh Phúc".
_PROVINCE_NAMED = re.compile(rf"(?<![^\W\d_])(?P<des>tỉnh|thành phố)\s+"
                             rf"(?P<name>[{UPPER}][^\s,;.()]*(?:\s+[{UPPER}][^\s,;.()]*){{0,3}})")


def _placed_by_description(text: str, start: int, limit: int, issuer: Agency, era: Era) -> Agency:
    """A provincial body written without its province ("UBND tỉnh") is the document's own, unless its
    description names one other province of the cited document's era: a decision of Vĩnh Phúc
    cited in a letter of Hà Nội."""
    if issuer.level != "provincial" or issuer.unit is None:
        return issuer
    end = min(limit, start + 250)
    stop = re.search(r";|\.\s|\n\s*\n", text[start:end])
    description = text[start : start + stop.start()] if stop else text[start:end]
    named = set()
    for m in _PROVINCE_NAMED.finditer(description):
        words = m.group("name").split()
        for n in range(len(words), 0, -1):
            units = gazetteer().find(" ".join(words[:n]), era, level="provincial", fallback=False)
            if units:
                named.add(units[0])
                break
    if len(named) != 1:
        return issuer
    (unit,) = named
    if unit == issuer.unit or not issuer.name.endswith(issuer.unit.full_name):
        return issuer
    body = issuer.name[: -len(issuer.unit.full_name)]
    return replace(issuer, name=body + unit.full_name, province=unit.province, unit=unit)


def _share_list_details(mentions: list[Mention]) -> list[Mention]:
    """Members of a list take what is printed once for all of them: the type word before the first
    ("các Thông tư số 18/2018/TT-BGDĐT, số 19/2018/TT-BGDĐT"), the date and issuer after the last
    ("... ngày 22/8/2018 của Bộ Giáo dục và Đào tạo"). Only a bare member (no date, no issuer of its
    own) joined by "," or "và" shares; ";" separates documents that each say their own."""
    groups: dict[int, list[int]] = {}
    for i, m in enumerate(mentions):
        if m.list_id is not None:
            groups.setdefault(m.list_id, []).append(i)
    for members in groups.values():
        # where, after each member, the run of shared details ends: at the first later member joined
        # by another separator, or that says its issuer, or its date (one pass from the end, so that
        # a list of thousands stays linear)
        none = len(members)
        stop_sep, with_issuer, with_date = [none] * len(members), [none] * len(members), [none] * len(members)
        for k in range(len(members) - 2, -1, -1):
            nxt = mentions[members[k + 1]]
            stop_sep[k] = k + 1 if nxt.list_separator not in (",", "và", ", và") else stop_sep[k + 1]
            with_issuer[k] = k + 1 if nxt.issuer is not None else with_issuer[k + 1]
            with_date[k] = k + 1 if nxt.date is not None else with_date[k + 1]
        head = mentions[members[0]]
        for k, idx in enumerate(members):
            m = mentions[idx]
            if k > 0 and not m.typed and head.typed and m.identifier and not head.named \
                    and not _its_code_says_otherwise(m, head.type):
                mentions[idx] = m = replace(m, type=head.type)
            if k + 1 < len(members) and with_date[k] == k + 1 != stop_sep[k] and \
                    _a_pair_of_one_body(m, mentions[members[k + 1]]):
                mentions[idx] = m = replace(m, date=mentions[members[k + 1]].date)
            if m.issuer is not None or not m.identifier:
                continue
            # the run ends at the first member that says its own issuer: "Chỉ thị số 31-CT/TU ngày
            # 06/6/2023, Kế hoạch số 134-KH/TU ngày 29/12/2023 của Ban Thường vụ Tỉnh ủy"; the date is
            # shared only by a member that has none ("số 18/2018/TT-BGDĐT, số 19/2018/TT-BGDĐT ngày ...")
            end = min(stop_sep[k], with_issuer[k], with_date[k] if m.date is None else none)
            if end == none or end == stop_sep[k] or end != with_issuer[k]:
                continue
            nxt = mentions[members[end]]
            if nxt.type == m.type or issuer_code(nxt.symbol) == issuer_code(m.symbol):
                date = nxt.date if m.date is None and nxt.date is not None and nxt.type == m.type else m.date
                mentions[idx] = replace(m, issuer=nxt.issuer, date=date)
    return mentions


def _its_code_says_otherwise(m: Mention, listed_as: str) -> bool:
    """A bare member whose symbol's code names another type keeps it: "... hướng dẫn thực hiện Quyết
    định số 142/2008/QĐ-TTg ; số 05/2010/TTLT-BCA-BLĐTBXH-BTC ngày 8 tháng 11 năm 2010" (362.txt) is a
    circular. A law's "QH15" is also the National Assembly's resolutions' ("Nghị quyết số 01/2025/QH15,
    số 02/2025/QH15"): it says nothing against a resolution."""
    own = type_of_symbol(m.symbol)
    return own is not None and own != listed_as and not (own == "Law" and listed_as == "Resolution")


def _a_pair_of_one_body(m: Mention, nxt: Mention) -> bool:
    """"Tờ trình số 386/TTr-CP và Đề án số 387/ĐA-CP ngày 09 tháng 5 năm 2025" (292.txt): two papers of
    one body joined by "và" under one date, which is the first one's too."""
    code = issuer_code(m.symbol)
    return m.date is None and nxt.list_separator == "và" and code is not None and issuer_code(nxt.symbol) == code


def issuer_from_symbol(m: Mention, ctx: Context) -> Agency | None:
    """When the text names no issuer: the one the symbol's code stands for."""
    code = issuer_code(m.symbol)
    if code is None or (code.upper() == "TW" and "/" in (m.symbol or "")):
        return None  # "NQ/TW" is the Central Committee's, the Politburo's or the Secretariat's
    return from_symbol(code, ctx)
