"""Every example in the domain tables (data/*.toml) gives what its row says."""

import re

import pytest

from kg.extract.agencies import Context, parse_agency
from kg.extract.cite import catalog_alias
from kg.extract.clauses import find_cues
from kg.extract.places import gazetteer
from kg.extract.symbols import find_identifiers, type_of_code
from kg.extract.tables import agency_tables, catalog, doc_types, relation_cues
from kg.read.normalize import NormalizedText, fold


@pytest.mark.parametrize("type_, example", doc_types().examples)
def test_document_type_example(type_: str, example: str) -> None:
    text = NormalizedText(example).text
    word = re.match(doc_types().words_pattern, text, re.IGNORECASE)
    assert word is not None and doc_types().word_to_type[fold(word.group())] == type_
    for ident in find_identifiers(text):
        if ident.type_code and type_ not in ("Program",):  # "17-CT/TU" is a program: the word wins
            assert type_of_code(ident.type_code) in (type_, None)


# The locality the examples were written in (the seeds they come from).
_WHERE = {
    "Sở Ngoại vụ tỉnh Hà Tĩnh": ("Hà Tĩnh", "provincial"),
    "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Cẩm Giàng": ("Cẩm Giàng", "district"),
    "Liên đoàn Lao động huyện An Lão": ("An Lão", "district"),
    "Ban Tuyên giáo Huyện ủy An Lão": ("An Lão", "district"),
    "Ban Tổ chức Huyện ủy An Lão": ("An Lão", "district"),
    "Ban Thường vụ Tỉnh ủy Lạng Sơn": ("Cao Lộc", "district"),
    "Văn phòng Tỉnh ủy Hải Dương": ("Cẩm Giàng", "district"),
    "Phòng Tài chính - Kế hoạch": ("Quảng Ngãi", "provincial"),
    "Phòng Tài nguyên và Môi trường": ("Quảng Ngãi", "provincial"),
    "Phòng Kinh tế - Hạ tầng": ("Quảng Ngãi", "provincial"),
    "Phòng Văn hóa và Thông tin": ("Quảng Ngãi", "provincial"),
    "Phòng Văn hóa - Xã hội": ("Quảng Ngãi", "provincial"),
    "Ban Pháp chế Hội đồng nhân dân thành phố Hà Nội": ("Hà Nội", "provincial"),
    "Ban Kinh tế - Ngân sách Hội đồng nhân dân thành phố Hà Nội": ("Hà Nội", "provincial"),
    "Ban Đô thị Hội đồng nhân dân thành phố Hà Nội": ("Hà Nội", "provincial"),
}


@pytest.mark.parametrize("example, expect", agency_tables().examples)
def test_agency_example(example: str, expect: str) -> None:
    name, level = _WHERE.get(expect, ("Quảng Ngãi", "provincial"))
    ctx = Context(unit=gazetteer().find(name, "legacy", level=level)[0], era="legacy")  # type: ignore[arg-type]
    text = NormalizedText(example).text
    names = set()
    for start in [0] + [m.end() for m in re.finditer(r"\b(?:của|Đề nghị|với)\s+|\b(?=[A-ZĐỦ])", text)]:
        m = parse_agency(text, start, ctx)
        if m:
            names.add(m.agency.name)
    assert expect in names


@pytest.mark.parametrize("cue", relation_cues(), ids=lambda c: c.pattern[:30])
def test_relation_cue_example(cue) -> None:  # type: ignore[no-untyped-def]
    text = NormalizedText(cue.example).text
    found = [c for c in find_cues(text)]
    assert any((c.relation, c.nested) == (cue.relation, cue.nested) for c in found), found


@pytest.mark.parametrize("entry", [e for e in catalog() if e.example], ids=lambda e: e.identifier)
def test_catalog_alias_example(entry) -> None:  # type: ignore[no-untyped-def]
    assert catalog_alias(NormalizedText(entry.example).text) == entry.identifier


def test_catalog_facts_are_marked_verified_only_with_evidence() -> None:
    for e in catalog():
        assert set(e.verified) <= {"date", "issuer", "title"}
        assert bool(e.verified) == bool(e.evidence), e.identifier
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", e.date)


def test_grouped_alternation_matches_as_the_plain_one() -> None:
    """Phrases grouped by their first letter: at every word of tests/data/corpus, in either case
    sensitivity, the same match as the plain longest-first alternation (type words, agency names)."""
    from pathlib import Path

    from kg.extract.tables import agency_tables, alternation, doc_types, phrase_pattern
    from kg.read.normalize import NormalizedText

    t = agency_tables()
    lists = [list(doc_types().word_to_type), [p for b in t.local for p in b.patterns], list(t.holders)]
    texts = [NormalizedText(p.read_text(encoding="utf-8")).text
             for p in sorted((Path(__file__).parent / "data" / "corpus").glob("*.txt"))[:25]]
    for phrases in lists:
        plain = "|".join(phrase_pattern(p) for p in sorted(set(phrases), key=len, reverse=True))
        assert alternation(phrases) != plain
        for flags in (0, re.IGNORECASE):
            grouped_re, plain_re = re.compile(alternation(phrases), flags), re.compile(plain, flags)
            for text in texts:
                for word in re.finditer(r"\w+", text):
                    a, b = grouped_re.match(text, word.start()), plain_re.match(text, word.start())
                    assert (a and a.span()) == (b and b.span())
