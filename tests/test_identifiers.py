"""Numbers and symbols, in both numbering systems, with the noise of real documents."""

import pytest

from kg.extract.symbols import find_identifiers
from kg.read.normalize import NormalizedText

CASES = [
    # (snippet, identifiers read from it)
    ("Thực hiện Kế hoạch số: 1733/KH-SGDĐT ngày 26/3/2026", ["1733/KH-SGDĐT"]),  # seed 002
    ("Thông tư 13/2020/TT-BGDĐT; Thông tư 14/2020/TT-BGDĐT và", ["13/2020/TT-BGDĐT", "14/2020/TT-BGDĐT"]),
    ("Công văn số 3131/UBND-VP ngày 23/8/2023", ["3131/UBND-VP"]),  # a letter has no type code
    ("Nghị quyết số 29-NQ/TW, ngày 04/11/2013", ["29-NQ/TW"]),  # Party numbering
    ("Thông báo số 502-TB/VPTU ngày 17/8/2023", ["502-TB/VPTU"]),
    ("Quyết định số 1556-QĐ/TU, ngày 09/01/2024", ["1556-QĐ/TU"]),
    ("Chương trình hành động số 51-CTr/TU ngày 23/7/2014", ["51-CTr/TU"]),  # mixed case code
    ("Quyết định số: 3380/QĐ-UBND, \n\n ngày 28/9/2022", ["3380/QĐ-UBND"]),  # "số:" and a break
    ("Kế hoạch số 75/KH- UBND ngày 09/7/2018", ["75/KH-UBND"]),  # stray space (corpus 041)
    ("thực hiện Nghị quyết số 57- NQ/TW ngày 22/12/2024", ["57-NQ/TW"]),  # stray space (corpus)
    ("Nghị quyết số 71/NQ -CP", ["71/NQ-CP"]),
    ("CHỈ THỊ SỐ 27/CT-TTG NGÀY 15 THÁNG 8 NĂM 2024", ["27/CT-TTg"]),  # capitals in a title
    ("Quyết định số 3380/QÐ-UBND", ["3380/QĐ-UBND"]),  # U+00D0 for Đ
    ("Quyết định số 35/2025/QĐ-TTgcủa Thủ tướng", ["35/2025/QĐ-TTg"]),  # "của" glued (corpus 076)
    ("Nghị quyết số 14/2020/NQ-\nHĐND ngày", ["14/2020/NQ-HĐND"]),  # broken in a table cell (095)
    ("Nghị quyết số 66.4/2025/NQ-CP đối với", ["66.4/2025/NQ-CP"]),  # decimal number (073)
    ("Thông tư Liên tịch số 16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC./.", ["16/2006/TTLT/BLĐTBXH-BGD-ĐT-BTC"]),
    ("Luật Giáo dục số 43/2019/QH14;", ["43/2019/QH14"]),
    ("Tờ trình số 107/TTr-SGDĐT ngày 09/8/2024", ["107/TTr-SGDĐT"]),
    ("Kế hoạch số 252/KH-BCĐQG1237", ["252/KH-BCĐQG1237"]),
    # the number at a line's end, its slash and symbol on a later line (306)
    ("Báo cáo thẩm tra số\n\n413\n\n/BC-UBPLTP15 ngày\n\n03\n\ntháng", ["413/BC-UBPLTP15"]),
    # not identifiers
    ("ngày 04/11/2013, 2 buổi/ngày, học sinh/lớp, K4+800 - K8+300", []),
    ("giai đoạn 2021 - 2030 và năm 2025 - Luật", []),
    ("Số: /KH-SGDĐT ngày tháng năm 2023", []),  # the document's own blank number
    ("theo quy định tại Phụ lục H QCVN 06:2022/BXD", []),  # a technical regulation's code (corpus)
    ("đối với 3 nhóm: 25\n- 30 tuổi", []),  # a line that begins with a hyphen is a bullet, not a symbol
]


@pytest.mark.parametrize("snippet, expected", CASES)
def test_identifiers(snippet: str, expected: list[str]) -> None:
    text = NormalizedText(snippet).text
    assert [i.identifier for i in find_identifiers(text)] == expected
