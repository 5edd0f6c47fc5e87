"""kg/extract/symbols.py, the one reader of numbers and symbols: whole symbols with small letters
and digits inside, numbers with a dot, symbols broken at a line end; the issuer's code of a symbol
and the key of an identifier, each a real snippet of the corpus."""

from __future__ import annotations

import pytest

from kg import extract_text
from kg.extract.symbols import canonical_symbol, find_identifiers, identifier_key, issuer_code, number_at
from kg.read.normalize import NormalizedText

WHOLE = [
    # small letters inside a code, before a capital: never cut to "TTr" (corpus 114, 239)
    ("Theo đề nghị của Sở Ngoại vụ tại Văn bản số 1605/TTr-SNgV ngày 06/11/2025; ý kiến thẩm định",
     ["1605/TTr-SNgV"]),
    ("Nông nghiệp và Môi trường tại Tờ trình số 454/TTr-SoNNMT ngày 17 tháng 11 năm", ["454/TTr-SoNNMT"]),
    # digits after a code (095, 297)
    ("- Nghị quyết số 191/2015/NQ-\nHĐND17 ngày 29/7/2015 của Hội đồng nhân dân tỉnh Bắc Ninh", ["191/2015/NQ-HĐND17"]),
    ("Báo cáo thẩm tra số 429/BC-UBPLTP15 ngày 03 tháng 6 năm 2025 của Ủy ban Pháp luật và Tư pháp,",
     ["429/BC-UBPLTP15"]),
    # a number with a dot (105)
    ("Nghị quyết số 66.2/2025/NQ-CP ngày 26 tháng 5 năm 2025 của Chính phủ", ["66.2/2025/NQ-CP"]),
    # a number with a letter, a space after the hyphen (095)
    ("Quyết định số 930e/QĐ- UBND ngày 28/7/2025 của Chủ tịch UBND tỉnh Bắc Ninh", ["930e/QĐ-UBND"]),
    # broken after the hyphen at a line end, and a space after a hyphen (095, 076)
    ("Nghị quyết số 41/2023/NQ-\nHĐND ngày", ["41/2023/NQ-HĐND"]),
    ("theo Nghị quyết số 1314/NQ- UBTVQH15 về việc sắp xếp đơn vị hành chính", ["1314/NQ-UBTVQH15"]),
]


@pytest.mark.parametrize("snippet, expected", WHOLE)
def test_a_symbol_is_read_whole(snippet: str, expected: list[str]) -> None:
    assert [i.identifier for i in find_identifiers(NormalizedText(snippet).text)] == expected


def test_a_reference_keeps_its_whole_symbol_and_its_date() -> None:
    refs = extract_text("Theo đề nghị của Sở Ngoại vụ tại Văn bản số 1605/TTr-SNgV ngày 06/11/2025; ý kiến thẩm định "
                        "của Sở Tư pháp tại Báo cáo số 3247/BC-STP ngày 06/11/2025;").references
    assert [(r.identifier, r.date) for r in refs] == [("1605/TTr-SNgV", "2025-11-06"), ("3247/BC-STP", "2025-11-06")]


@pytest.mark.parametrize("symbol, code", [
    ("QĐ-UBND", "UBND"), ("UBND-VP", "UBND"), ("TT-BGDĐT", "BGDĐT"), ("CT/TU", "TU"), ("NQ/TW", "TW"),
    ("QH14", "QH14"), ("TTLT/BLĐTBXH-BGD-ĐT-BTC", "BLĐTBXH"), ("CĐ-TTg", "TTg"), (None, None),
])
def test_the_code_that_names_the_issuer(symbol: str | None, code: str | None) -> None:
    assert issuer_code(symbol) == code


@pytest.mark.parametrize("printed, canonical", [
    ("QĐ -TTG", "QĐ-TTg"), ("NĐ -CP", "NĐ-CP"), ("TTr-SNgV", "TTr-SNgV"), ("QĐTTg", "QĐ-TTg"), ("qđ-ubnd", "QĐ-UBND"),
    ("CV-BSGBTr", "CV-BSGBTr"),  # a company's code in both cases, kept as printed (corpus 271)
])
def test_canonical_symbol(printed: str, canonical: str) -> None:
    assert canonical_symbol(printed) == canonical


def test_one_key_for_the_spellings_of_an_identifier() -> None:
    assert identifier_key("3380/QĐ- UBND") == identifier_key("3380/qđ-ubnd") == "3380/QĐ-UBND"


@pytest.mark.parametrize("cell, number, symbol, identifier", [
    ("986/QĐ-UBND\nTuyên Quang", "986", "QĐ-UBND", "986/QĐ-UBND"),  # 001
    ("217/CĐ-TTg\nHà Nội", "217", "CĐ-TTg", "217/CĐ-TTg"),  # 328
    ("       /KH-SGDĐT", None, "KH-SGDĐT", None),  # the seeds' blank number
    ("224-KH/TU", "224", "KH/TU", "224-KH/TU"),
])
def test_a_header_number(cell: str, number: str | None, symbol: str, identifier: str | None) -> None:
    found = number_at(cell, 0)
    assert found is not None and (found.number, found.symbol, found.identifier) == (number, symbol, identifier)
