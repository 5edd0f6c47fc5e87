"""The structure of a sentence: where its clauses begin and end, and the cue words in it.

A clause ends at a full stop, a ";" or a line that opens an item, unless what follows goes on
citing ("Thực hiện Kế hoạch số 224-KH/TU ...; Chỉ thị số 1112/CT-BGDĐT ..." implements both).
The cues and the relations they state are the table data/relation_cues.toml; relate.py reads
what each cue says of the documents around it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache

from kg.extract.scan import LowerText, WordScan
from kg.extract.tables import doc_types, relation_cues
from kg.read.normalize import UPPER

_ABBREVIATIONS = {"tp", "tt", "kt", "tm", "tl", "tuq", "q", "ths", "ts", "pgs", "gs", "bs", "đ/c", "v.v", "st",
                  "ng", "p", "ô", "bà", "ông", "stt", "no", "tr", "đt"}


@cache
def _cue_scan() -> WordScan:
    parts = [f"(?P<c{i}>{c.pattern})" for i, c in enumerate(relation_cues())]
    return WordScan.of(re.compile(r"(?<![^\W\d_])(?:" + "|".join(parts) + r")(?![^\W\d_])", re.IGNORECASE))


@cache
def _citation_start() -> re.Pattern[str]:
    """What starts a citation: a type word or "số" and a number (after an optional bullet)."""
    return re.compile(rf"\s*(?:[-+*•]\s*)?(?:(?i:các\s+)?(?:{doc_types().words_pattern})(?![^\W\d_])|số\s*:?\s*\d)",
                      re.IGNORECASE)


@cache
def _numbered_citation() -> re.Pattern[str]:
    """A type word and its number right after a colon ("...: Quy định chi tiết ..." is a title)."""
    return re.compile(rf"[ \t]+(?:{doc_types().words_pattern})\s+số\b", re.IGNORECASE)


#: A full stop ("./." closes a letter) before a line end or a new sentence. It begins with its class of
#: marks so that the engine skips to them (measured twice as fast as an alternation first).
_SENTENCE_END = re.compile(rf"[.!?](?:(?<=\.)/\.)?(?=[ \t]*(?:\n|$)|[ \t]+[\"“(]?[{UPPER}0-9\-+*•])")
#: After a ";", a provision goes on the list of provisions the cue before acts on: "Bãi bỏ khoản 1
#: Điều 3 Nghị quyết số 22/2024/NQ-HĐND ...; khoản 1 Mục I của Phụ lục ban hành kèm theo Nghị quyết
#: số 33/2025/NQ-HĐND" (078.txt).
_PROVISION_START = re.compile(r"\s*(?:khoản|điểm|Điều|Mục|Chương|Phụ\s+lục)\s+[\dIVXLC]", re.IGNORECASE)
#: After a ";", words that still speak of the document before it: it was amended or replaced by ...
PASSIVE_GOES_ON = re.compile(r"[ \t]*(?:đã[ \t]+)?được[ \t]+(?:sửa[ \t]+đổi|thay[ \t]+thế|điều[ \t]+chỉnh)",
                             re.IGNORECASE)
_COLON_EOL = re.compile(r":[ \t]*(?=\n)")
_COLON = re.compile(r":(?=[ \t]+\S)")
_BULLET_LINE = re.compile(r"\n[ \t]*(?=(?:[-+*•]|\d+(?:\.\d+)*\.?\)?|[a-zđ]\)|[IVXLC]+\.)[ \t])")
_PARAGRAPH_CUE = re.compile(
    r"\n[ \t]*(?=(?:Căn cứ|Thực hiện|Theo đề nghị|Xét|Trên cơ sở|Để|Nhằm|Triển khai|Tiếp tục)\b)")
#: The line that ends the preamble: "... Báo cáo thẩm tra số 430/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của
#: Ủy ban Pháp luật và Tư pháp,\n\nQUYẾT NGHỊ:" (296.txt); "QUYẾT ĐỊNH:" in a decision.
_ENACTING = re.compile(r"\n[ \t]*(?=(?:QUYẾT[ \t]+NGHỊ|QUYẾT[ \t]+ĐỊNH|NGHỊ[ \t]+QUYẾT)[ \t]*:?[ \t]*\n)")
_DEFINED_OPEN = re.compile(r"\(\s*(?:(?:sau\s+đây\s+)?(?:được\s+)?(?:gọi|viết)\s+tắt|(?:Ban\s+hành\s+)?kèm\s+theo)",
                           re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Clauses:
    """Where clauses start: ``hard`` ends any cue's reach; ``ends`` also ends a description;
    ``sentence_ends`` are the full stops among them."""

    hard: list[int]
    ends: list[int]
    sentence_ends: list[int]

    def sentence_ends_between(self, lo: int, hi: int) -> bool:
        return bisect_left(self.sentence_ends, lo) < bisect_left(self.sentence_ends, hi)

    def clause_start(self, pos: int) -> int:
        i = bisect_right(self.hard, pos) - 1
        return self.hard[i] if i >= 0 else 0

    def description_end(self, pos: int, limit: int) -> int:
        i = bisect_left(self.ends, pos)
        return min(self.ends[i], limit) if i < len(self.ends) else limit


@dataclass(frozen=True, slots=True)
class _Boundaries:
    """The boundary patterns with what the clause function checks after each written into a
    look-ahead, so that the engine, not a loop, decides (each pattern's name says what it finds)."""

    semicolon_ends: re.Pattern[str]  # a ";" that ends a description
    semicolon_hard: re.Pattern[str]  # ... and the reach of a cue: no citation or provision follows
    colon_eol_hard: re.Pattern[str]  # a ":" at a line's end with no citation after
    colon_numbered: re.Pattern[str]  # a ":" before "Thông tư số ..."
    bullet_hard: re.Pattern[str]  # a bullet line that opens no citation


@cache
def _boundaries() -> _Boundaries:
    starts, numbered = _citation_start().pattern, _numbered_citation().pattern
    passive, provision = PASSIVE_GOES_ON.pattern, _PROVISION_START.pattern
    return _Boundaries(
        re.compile(rf";(?!(?i:{passive}))"),
        re.compile(rf";(?!(?i:{passive}))(?!(?i:{starts}))(?!(?i:{provision}))"),
        re.compile(rf"{_COLON_EOL.pattern}(?!(?i:{starts}))"),
        re.compile(rf"{_COLON.pattern}(?=(?i:{numbered}))"),
        re.compile(rf"{_BULLET_LINE.pattern}(?!(?i:{starts}))"),
    )


def clauses(text: str, extra: list[int] | None = None) -> Clauses:
    """Clause boundaries. A ";" or ":" or bullet followed by another citation does not end the reach
    of a cue ("Thực hiện Kế hoạch số 224-KH/TU ...; Chỉ thị số 1112/CT-BGDĐT ..." implements both).
    After a ";", "được sửa đổi ..." goes on speaking of the document before it ("Luật Viên chức số
    58/2010/QH12; được sửa đổi, bổ sung bởi Luật số 52/2019/QH14", 325.txt): no boundary; after ";",
    a provision goes on the list the cue before it acts on; ":" then "Thông tư số 01/2018/TT-VPCP"
    (136.txt) starts a new citation."""
    b = _boundaries()
    hard: list[int] = [0, *(extra or [])]
    ends: list[int] = [*(extra or [])]
    ends += [m.start() for m in b.semicolon_ends.finditer(text)]
    hard += [m.end() for m in b.semicolon_hard.finditer(text)]
    sentence_ends: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        if m.group() == "." and text[m.start() - 1 : m.start()].isalpha() and _is_abbreviation(text, m.start()):
            continue
        hard.append(m.end())
        ends.append(m.start())
        sentence_ends.append(m.start())
    ends += [m.start() for m in _COLON_EOL.finditer(text)]
    hard += [m.end() for m in b.colon_eol_hard.finditer(text)]
    ends += [m.start() for m in b.colon_numbered.finditer(text)]
    ends += [m.start() for m in _BULLET_LINE.finditer(text)]
    hard += [m.end() for m in b.bullet_hard.finditer(text)]
    for m in _PARAGRAPH_CUE.finditer(text):
        hard.append(m.end())
        ends.append(m.start())
    ends += [m.start() for m in _DEFINED_OPEN.finditer(text)]
    for m in _ENACTING.finditer(text):
        hard.append(m.end())
        ends.append(m.start())
    return Clauses(sorted(set(hard)), sorted(set(ends)), sentence_ends)


def _is_abbreviation(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(“\"":
        j -= 1
    word = text[j:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    relation: str
    nested: str
    lead_only: bool


def find_cues(text: str, windows: list[tuple[int, int]] | None = None) -> list[Cue]:
    """The cues in the text, or only in ``windows`` (the clauses before references: scanning only
    those is several times faster than scanning the whole text)."""
    table = relation_cues()
    scan, lowered = _cue_scan(), LowerText.of(text)
    if windows is None:
        windows = [(0, len(text))]
    merged: list[list[int]] = []
    for lo, hi in sorted(windows):
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    out = []
    for lo, hi in merged:
        for m in scan.spans(lowered, lo, hi):
            i = int((m.lastgroup or "c0")[1:])  # the row's group closes last: it wraps the row
            out.append(Cue(m.start(), m.end(), table[i].relation, table[i].nested, table[i].lead_only))
    return out
