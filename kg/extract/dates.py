"""Dates as Vietnamese documents print them, to ISO 8601 (partial where the text is partial)."""

from __future__ import annotations

import datetime as dt
import re

# "04/11/2013", "4-11-2013", "30.5.2019"; the day and month have one or two digits; the second
# separator may be left out before the year ("ngày 16/6 2025", 232.txt).
NUMERIC_DATE = (r"(?P<nd>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<nm>\d{1,2})(?:\s?(?P=sep)\s?|[ \t])"
                r"(?P<ny>(?:19|20)\d\d)(?!\d)")
# "ngày 04 tháng 11 năm 2013", glued forms too ("tháng11năm 2025"), and the year's word misprinted
# ("08 tháng 6 ngăm 2010", 101.txt; "15 tháng 9 tháng 2022", 248.txt: a four-digit year is no month).
WORDED_DATE = (r"(?P<wd>\d{1,2})\s*tháng\s*(?P<wm>\d{1,2})\s*,?\s*(?:năm|ngăm|tháng)\s*"
               r"(?P<wy>(?:19|20)\d\d)(?!\d)")
#: A date after the word "ngày" (which may be glued to it: "ngày22/5/2023", or doubled: "ngày ngày
#: 01/4/2025", 235.txt).
DATE_AFTER_NGAY = re.compile(r"ngày\s*(?:ngày\s*)?(?:" + NUMERIC_DATE + "|" + WORDED_DATE + ")", re.IGNORECASE)
#: A date with or without "ngày".
ANY_DATE = re.compile(r"(?:ngày\s*)?(?:" + NUMERIC_DATE + "|" + WORDED_DATE + ")", re.IGNORECASE)
#: A header date with blanks left for the day or month: "ngày    tháng 3 năm 2024", "ngày ... tháng ... năm 2023";
#: a month's leading zero set apart in the copy: "ngày 26 tháng 0 6 năm 2018" (343.txt, 363.txt).
HEADER_DATE = re.compile(
    r"ngày\s*(?P<d>\d{1,2}|[.…_ ]*)\s*tháng\s*(?P<m>0[ \t][1-9](?!\d)|\d{1,2}|[.…_ ]*)\s*,?\s*năm\s*"
    r"(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def iso(year: int | str, month: int | str | None = None, day: int | str | None = None) -> str | None:
    """An ISO date, as precise as the parts allow; None when the parts are impossible."""
    try:
        y = int(year)
        if not 1900 <= y <= 2100:
            return None
        if month in (None, ""):
            return f"{y:04d}"
        m = int(month)  # type: ignore[arg-type]
        if not 1 <= m <= 12:
            return f"{y:04d}"
        if day in (None, ""):
            return f"{y:04d}-{m:02d}"
        d = int(day)  # type: ignore[arg-type]
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def from_match(m: re.Match[str]) -> str | None:
    """The ISO date of a match of DATE_AFTER_NGAY or ANY_DATE."""
    if m.group("ny"):
        return iso(m.group("ny"), m.group("nm"), m.group("nd"))
    return iso(m.group("wy"), m.group("wm"), m.group("wd"))


def parse(text: str) -> str | None:
    """The first date in ``text``, or None."""
    m = ANY_DATE.search(text)
    return from_match(m) if m else None


def quarter_end(quarter: str, year: int | str) -> str | None:
    """"quý II năm 2024" ends on 2024-06-30."""
    q = QUARTERS.get(quarter.upper())
    if q is None:
        return None
    month = 3 * q
    last = (dt.date(int(year) + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return iso(year, month, last)


def month_end(month: int | str, year: int | str) -> str | None:
    m = int(month)
    if not 1 <= m <= 12:
        return None
    last = (dt.date(int(year) + (m == 12), m % 12 + 1, 1) - dt.timedelta(days=1)).day
    return iso(year, m, last)


def common_prefix(a: str, b: str) -> str:
    """The most precise partial date that contains both ("2023-08-23", "2023-09-20" -> "2023")."""
    for cut in (10, 7, 4):
        if a[:cut] == b[:cut] and len(a) >= cut and len(b) >= cut:
            return a[:cut]
    return ""
