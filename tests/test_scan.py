"""The word-led scan finds exactly what the regular expression engine finds (kg/extract/scan.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.scan import Folded, LowerText, WordScan, folded, lead_words
from kg.extract.validity import constructions
from kg.read.normalize import NormalizedText

CORPUS = Path(__file__).parent / "data" / "corpus"

#: Real lines of the corpus (file named), in the cases the scan must agree with finditer on.
SNIPPETS = [
    # 132.txt: the words in capitals, in a title
    "VỀ VIỆC CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃI BỎ THUỘC PHẠM VI CHỨC NĂNG",
    # 042.txt: in a description, mid-sentence
    "Căn cứ Quyết định số 01348/QĐ-UBND ngày 18/09/2025 của UBND tỉnh về việc áp dụng và bãi bỏ các văn bản",
    # 109.txt: a list of ended decisions, "Các" at a clause head
    "2. Các Quyết định sau hết hiệu lực thi hành kể từ ngày Quyết định này có hiệu lực:",
    # 100.txt: a single ended decision, the day of effect right after it
    "Thái Nguyên hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.",
    # the 132.txt title with a dotted capital I (lowering lengthens it): the engine's own scan
    "ĐƯỢC SỬA ĐỔI, BỔ SUNG, BÃİ BỎ THUỘC PHẠM VI",
    # ... and with a dotless i, which only the engine folds to "i"
    "ĐƯỢC SỬA ĐỔI, BỔ SUNG, bãı bỏ THUỘC PHẠM VI",
]


@pytest.mark.parametrize("text", SNIPPETS)
@pytest.mark.parametrize("construction", constructions(), ids=lambda c: f"{c.kind}-{c.source}")
def test_same_matches_as_the_engine(construction, text: str) -> None:  # type: ignore[no-untyped-def]
    scan = construction.scan
    expected = [m.span() for m in scan.pattern.finditer(text)]
    assert [m.span() for m in scan.finditer(LowerText.of(text))] == expected


def test_the_scan_finds_what_it_should() -> None:
    """Not only agreement: the capital "BÃI BỎ", the lower "bãi bỏ", the dotless "bãı bỏ" all count."""
    scan = WordScan(re.compile(r"bãi\s+bỏ", re.IGNORECASE), ("bãi",))
    assert [m.group() for m in scan.finditer(LowerText.of(SNIPPETS[0]))] == ["BÃI BỎ"]
    assert [m.group() for m in scan.finditer(LowerText.of(SNIPPETS[1]))] == ["bãi bỏ"]
    assert LowerText.of(SNIPPETS[5]).lower is None
    assert [m.group() for m in scan.finditer(LowerText.of(SNIPPETS[5]))] == ["bãı bỏ"]


def test_matches_do_not_overlap() -> None:
    """After a match the scan resumes at its end, as finditer does ("có có hiệu lực")."""
    scan = WordScan(re.compile(r"có\s+\S+", re.IGNORECASE), ("có",))
    text = "Quyết định này có có hiệu lực"
    assert [m.span() for m in scan.finditer(LowerText.of(text))] == [m.span() for m in scan.pattern.finditer(text)]


@pytest.mark.parametrize(("pattern", "leads"), [
    (r"bãi\s+bỏ(?:\s+toàn\s+bộ)?", ("bãi",)),  # up to the first run of spaces
    (r"(?:Các|Những)\s+(?:quyết định)", ("các", "nhữn")),  # four characters at most
    (r"(?:được\s+)?thực\s+hiện\s+theo", ("thực", "được")),  # an optional word: with or without it
    (r"(?<![^\W\d_])(?:căn cứ|trên cơ sở)", ("căn ", "trên")),  # a look-behind takes no characters
    (r"[“\"]", ('"', "“")),  # a class of a few characters
    (r"\d{1,5}/", ()),  # a class of many: the engine scans
    (r"x{0,3}y", ("x", "y")),  # a repeat that may be empty: what follows it too
    (r"\s*Điều", ()),  # a space of any kind may begin it: the engine scans
])
def test_lead_words(pattern: str, leads: tuple[str, ...]) -> None:
    assert lead_words(re.compile(pattern, re.IGNORECASE)) == leads


def test_every_construction_is_word_led() -> None:
    """A row that does not begin with words still works, but would cost a scan of every position."""
    assert all(c.scan.leads for c in constructions())


def _scans() -> list[tuple[str, WordScan]]:
    """Every WordScan the extractor uses."""
    from kg.extract import cite, clauses, header, relate, tasks

    out = [(f"validity-{c.kind}-{c.source}", c.scan) for c in constructions()]
    out += [("cues", clauses._cue_scan()), ("designated", header._DESIGNATED),
            ("reports", tasks._SEND_REPORTS), ("recipients", tasks._RECIPIENTS)]
    out += [(name, cite._scan_of(getattr(cite, name)))
            for name in ("_OPEN_QUOTE", "_AMENDING_LAW", "_NAMED_LAW", "_TYPE_BEFORE")]
    out += [(f"catalog-{i}", named.scan) for i, named in enumerate(cite._NAMED_FROM_CATALOG)]
    out += [("quoted-preamble", relate._QUOTED_PREAMBLE), ("changed-by-these", relate._CHANGED_BY_THESE),
            ("adopted", header._ADOPTED)]
    return out


@pytest.mark.parametrize(("name", "scan"), _scans(), ids=[n for n, _ in _scans()])
def test_same_matches_on_the_test_corpus(name: str, scan: WordScan) -> None:
    """Over every document of tests/data/corpus, whole and in stretches, the same matches as the engine."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = NormalizedText(path.read_text(encoding="utf-8")).text
        doc = LowerText.of(text)
        for lo, hi in ((0, len(text)), (len(text) // 3, 2 * len(text) // 3)):
            expected = [m.span() for m in scan.pattern.finditer(text, lo, hi)]
            assert [m.span() for m in scan.finditer(doc, lo, hi)] == expected, (name, path.name)
            assert [m.span() for m in scan.spans(doc, lo, hi)] == expected, (name, path.name)


@pytest.mark.parametrize(("pattern", "flags", "runs_lowered"), [
    (r"\b(?:chủ trì|phối hợp)\b", re.IGNORECASE, True),  # tasks: every letter lowercase
    (r"(?:Các|Những)\s+", re.IGNORECASE, False),  # a capital letter: no longer itself on lowered text
    (r"(?-i:Luật)\s+(?i:sửa đổi)", re.IGNORECASE, False),  # a case-sensitive part
    (r"[a-zđ]\)", re.IGNORECASE, True),
    (r"[A-ZĐ][a-z]+", re.IGNORECASE, False),  # a range of capitals
    (r"chủ trì", 0, False),  # case-sensitive already
])
def test_folded(pattern: str, flags: int, runs_lowered: bool) -> None:
    assert (folded(re.compile(pattern, flags)) is not None) == runs_lowered


@pytest.mark.parametrize(("text", "occurs"), [
    ("Phòng Nội vụ CHỦ TRÌ, phối hợp", True),  # capitals
    ("Phòng Nội vụ chủ trìx", False),  # inside a longer word
    ("Phòng Nội vụ: Báo cáo kết quả", False),
])
def test_occurs_in(text: str, occurs: bool) -> None:
    action = Folded.of(re.compile(r"\b(?:chủ trì|phối hợp)\b", re.IGNORECASE))
    assert action.occurs_in(text) == occurs == bool(action.pattern.search(text))


def test_patterns_at_a_position_agree_with_trying_all() -> None:
    """The agency tables' index keeps every pattern that matches, at every word of the test corpus."""
    from kg.extract.agencies import _compiled

    c = _compiled()
    for index, patterns in ((c.central_at, [p for p, _, _ in c.central]), (c.local_at, [p for p, _ in c.local])):
        for path in sorted(CORPUS.glob("*.txt"))[:20]:
            text = NormalizedText(path.read_text(encoding="utf-8")).text
            for word in re.finditer(r"\w+", text):
                kept = set(index.at(text, word.start()))
                assert all(k in kept for k, p in enumerate(patterns) if p.match(text, word.start())), path.name


def test_place_line_search_agrees_with_the_engine() -> None:
    from kg.extract import header

    for path in sorted(CORPUS.glob("*.txt")):
        head = NormalizedText(path.read_text(encoding="utf-8")).text[:2500]
        fast, slow = header._place_date(head), header._PLACE_DATE.search(head)
        assert (fast.span() if fast else None) == (slow.span() if slow else None), path.name


def test_number_candidates_agree_with_the_engine() -> None:
    """Numbers are looked for back from each "-" and "/": the same places as trying every digit."""
    from kg.extract.symbols import _CANDIDATE, _NOT_BEFORE_A_NUMBER, candidates

    texts = [NormalizedText(p.read_text(encoding="utf-8")).text for p in sorted(CORPUS.glob("*.txt"))]
    # issue 15's number with a dot and symbol broken after a hyphen; a standard's code (085.txt)
    texts += ["Nghị quyết số 66.7/2025/NQ-CP", "1676/BGDĐT-\nGDTrH", "Phụ lục H QCVN 06:2022/BXD và Sửa đổi 1:2023"]
    for text in texts:
        expected = [c.span() for c in _CANDIDATE.finditer(text)
                    if c.start() == 0 or text[c.start() - 1] not in _NOT_BEFORE_A_NUMBER]
        assert [c.span() for c in candidates(text)] == expected, text[:60]


def test_on_behalf_of_finds_what_a_word_boundary_finds() -> None:
    """"T" first, its word boundary looked back at: the same signatures ("TM. ỦY BAN NHÂN DÂN", "T/M BAN
    BÍ THƯ") as the pattern with a leading word boundary, in every document of tests/data/corpus."""
    from kg.extract.header import _ON_BEHALF_OF

    bounded = re.compile("\\b" + _ON_BEHALF_OF.pattern.replace("T(?<!\\wT)", "T", 1))
    for path in sorted(CORPUS.glob("*.txt")):
        text = NormalizedText(path.read_text(encoding="utf-8")).text
        assert [m.span() for m in _ON_BEHALF_OF.finditer(text)] == [m.span() for m in bounded.finditer(text)]
    assert bounded.pattern != _ON_BEHALF_OF.pattern
    # 205.txt's signature
    assert [m.group("body") for m in _ON_BEHALF_OF.finditer("- Lưu Văn phòng Trung ương Đảng.\nT/M BAN BÍ THƯ\n")] == \
        ["BAN BÍ THƯ"]


def test_trailing_joiners_cut_as_the_whole_pattern_cuts() -> None:
    """A description loses the ", số", "và", ";" it ends with, looked for in its tail only: the same cut
    as the pattern over the whole, for every line of tests/data/corpus cut after each of its words."""
    from kg.extract.relate import _TRAILING_JOINERS, _without_trailing_joiners
    from kg.read.normalize import squash

    for path in sorted(CORPUS.glob("*.txt"))[:40]:
        for line in NormalizedText(path.read_text(encoding="utf-8")).text.split("\n"):
            line = squash(line)
            for cut in [m.end() for m in re.finditer(r"\S+\s*", line)]:
                assert _without_trailing_joiners(line[:cut]) == _TRAILING_JOINERS.sub("", line[:cut]), line[:cut]
    # a description of the corpus followed by more joiners than the tail holds: the whole is searched
    title = "quy định chi tiết một số điều của Luật Bảo vệ môi trường"
    assert _without_trailing_joiners(title + ", và , số ;" * 5) == title


def test_many_leads_are_found_where_each_starts() -> None:
    """The relation cues' leads found by one pattern: the same places as a str.find of each, "tổ" and
    "tổng" at one place, over stretches of every document of tests/data/corpus."""
    from kg.extract.clauses import _cue_scan

    scan = _cue_scan()
    assert scan.finder is not None and {"tổ", "tổng"} <= set(scan.leads)
    by_find = WordScan(scan.pattern, scan.leads)
    for path in sorted(CORPUS.glob("*.txt")):
        lower = NormalizedText(path.read_text(encoding="utf-8")).text.lower()
        for lo, hi in ((0, len(lower)), (len(lower) // 3, len(lower) // 3 + 500)):
            assert scan._lead_positions(lower, lo, hi) == by_find._lead_positions(lower, lo, hi), path.name


def test_authority_line_found_from_its_words() -> None:
    """"CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" on a line of its own: the same line as a pattern tried
    at each line's start, in every document of tests/data/corpus."""
    from kg.extract.header import _AUTHORITY_OF, _authority_line

    from_line_start = re.compile(r"^[ \t]*" + _AUTHORITY_OF.pattern, re.MULTILINE)
    found = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = NormalizedText(path.read_text(encoding="utf-8")).text
        fast, slow = _authority_line(text), from_line_start.search(text)
        assert (fast and fast.group("des", "name")) == (slow and slow.group("des", "name")), path.name
        found += fast is not None
    assert found


def test_spaced_positions_found_from_their_first_letters() -> None:
    """The signature with stray spaces ("P HÓ CHỦ TỊCH ... Ngu y ễn ..."): grouped by first letter, the
    word boundary looked back at after it, the same matches as one alternation behind the boundary."""
    from kg.extract.header import _SPACED_POSITION
    from kg.extract.tables import agency_tables

    keys = sorted(agency_tables().positions, key=len, reverse=True)
    spaced = "|".join("\\s+".join("[ \t]?".join(map(re.escape, word)) for word in k.split()) for k in keys)
    tail = _SPACED_POSITION.pattern[_SPACED_POSITION.pattern.index(r")[ \t]+(?P<name>") + 1 :]
    plain = re.compile(rf"(?<![^\W\d_])(?P<position>{spaced}){tail}", re.MULTILINE)
    found = 0
    for path in sorted(CORPUS.glob("*.txt")):
        text = NormalizedText(path.read_text(encoding="utf-8")).text
        expected = [(m.span("position"), m.span("name")) for m in plain.finditer(text)]
        assert [(m.span("position"), m.span("name")) for m in _SPACED_POSITION.finditer(text)] == expected, path.name
        found += len(expected)
    assert found
