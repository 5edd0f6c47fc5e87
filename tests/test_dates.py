"""Dates as documents print them."""

import pytest

from kg.extract import dates

CASES = [
    ("ngày 04/11/2013", "2013-11-04"),
    ("ngày 4-11-2013", "2013-11-04"),
    ("ngày 04 tháng 11 năm 2013", "2013-11-04"),
    ("ngày22/5/2023", "2023-05-22"),  # glued to the word
    ("ngày 24 tháng11 năm 2025", "2025-11-24"),  # glued in the corpus (125.txt)
    ("ngày 30.5.2019", "2019-05-30"),
    ("ngày 31/02/2020", None),  # no such day
    # misprints of the corpus: the year's word ("ngăm" 101.txt, "tháng" 248.txt), the second
    # separator left out (232.txt), "ngày" doubled (235.txt, 274.txt)
    ("ngày ngày 08 tháng 6 ngăm 2010", "2010-06-08"),
    ("ngày 15 tháng 9 tháng 2022", "2022-09-15"),
    ("ngày 16/6 2025", "2025-06-16"),
    ("ngày 16/6 20250", None),  # no year
]


@pytest.mark.parametrize("text, expected", [
    ("ngày ngày 01/4/2025 của Chính phủ", "2025-04-01"),  # 235.txt
    ("ngày ngày 08 tháng 6 ngăm 2010 của Chính phủ", "2010-06-08"),  # 101.txt
])
def test_a_date_after_a_doubled_ngay(text: str, expected: str) -> None:
    m = dates.DATE_AFTER_NGAY.match(text)
    assert m is not None and dates.from_match(m) == expected


@pytest.mark.parametrize("text, expected", CASES)
def test_parse(text: str, expected: str | None) -> None:
    assert dates.parse(text) == expected


@pytest.mark.parametrize("header, expected", [
    ("An Lão, ngày         tháng 3 năm 2024", ("", "3", "2024")),  # seed 000: day left blank
    ("Quảng Ngãi, ngày tháng năm 2023", ("", "", "2023")),  # seed 003
    ("Hà Nội, ngày ... tháng ... năm 2025", ("...", "...", "2025")),
])
def test_header_dates_with_blanks(header: str, expected: tuple[str, str, str]) -> None:
    m = dates.HEADER_DATE.search(header)
    assert m is not None
    assert (m.group("d").strip(), m.group("m").strip(), m.group("y")) == expected


def test_quarter_and_month_ends() -> None:
    assert dates.quarter_end("II", 2024) == "2024-06-30"
    assert dates.quarter_end("IV", 2023) == "2023-12-31"
    assert dates.month_end(2, 2024) == "2024-02-29"


def test_common_prefix_bounds_an_undated_document() -> None:
    assert dates.common_prefix("2023-08-23", "2023-09-20") == "2023"
    assert dates.common_prefix("2023-09-02", "2023-09-20") == "2023-09"


def test_a_month_s_leading_zero_set_apart_in_the_header() -> None:
    # 363: "ngày 20 tháng 0 7 năm 2018" is 20 July 2018
    from kg import extract_text

    d = extract_text("CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
                     "Số: 102/2018/NĐ-CP | Hà Nội, ngày 20 tháng 0 7 năm 2018\n\nNGHỊ ĐỊNH\n").document
    assert (d.date, d.place) == ("2018-07-20", "Hà Nội")
    assert dates.HEADER_DATE.search("ngày 20 tháng 07 năm 2018") is not None
