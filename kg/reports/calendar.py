"""The deadlines of the tasks as an iCalendar file (RFC 5545, through the icalendar library) that
any calendar imports: an all-day event per task on its deadline, with the agency, what to do, the
document and the sentence that assigns it; a recurring task ("tháng 11 hằng năm", "định kỳ hằng
quý") as a recurrence rule starting from the document's date."""

from __future__ import annotations

import datetime as dt
import re

from icalendar import Calendar, Event, vRecur

from kg.extract.dates import month_end
from kg.read.normalize import squash
from kg.reports.tasks import Assignment
from kg.reports.text import clip
from kg.sparql.query import Endpoint, Term, internal_query

_YEARLY = re.compile(r"yearly:month=(\d+)")
_EVERY = re.compile(r"every:(\d+) months")


def recurrence_rule(recurrence: str) -> dict[str, object] | None:
    """kg's recurrence ("yearly:month=11", "every:3 months") as an RRULE."""
    if _YEARLY.fullmatch(recurrence):
        return {"FREQ": "YEARLY"}
    m = _EVERY.fullmatch(recurrence)
    if m:
        n = int(m.group(1))
        return {"FREQ": "YEARLY"} if n == 12 else {"FREQ": "MONTHLY", "INTERVAL": n}
    return None


def first_day(a: Assignment, signed: str | None) -> dt.date | None:
    """The day of the task's event: its deadline; for a recurring task its first occurrence after
    the document was signed (the month's last day for "tháng 11 hằng năm", the day of signing for
    "định kỳ 3 tháng/lần"). None: no day the text gives (a partial deadline, an undated document)."""
    if a.deadline and len(a.deadline) == 10:
        return dt.date.fromisoformat(a.deadline)
    if not a.recurrence or not signed or len(signed) < 4:
        return None
    m = _YEARLY.fullmatch(a.recurrence)
    if m:
        day = month_end(m.group(1), signed[:4])
        if day is None:
            return None
        first = dt.date.fromisoformat(day)
        if len(signed) == 10 and first < dt.date.fromisoformat(signed):
            first = dt.date.fromisoformat(month_end(m.group(1), int(signed[:4]) + 1) or day)
        return first
    return dt.date.fromisoformat(signed) if len(signed) == 10 and _EVERY.fullmatch(a.recurrence) else None


def calendar(endpoint: Endpoint, found: list[Assignment]) -> bytes:
    """The tasks that have a day as one calendar; the others (no dated deadline) are left out."""
    cal = Calendar()
    cal.add("prodid", "-//kg//Vietnamese policy documents//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "kg: deadlines")
    signed: dict[str, str | None] = {}
    for a in found:
        if a.recurrence and a.document not in signed:
            signed[a.document] = _signed(endpoint, a.document)
        day = first_day(a, signed.get(a.document))
        if day is not None:
            cal.add_component(_event(a, day))
    return cal.to_ical()


def _event(a: Assignment, day: dt.date) -> Event:
    e = Event()
    e.add("uid", a.task or f"{a.document}#{day}")
    e.add("dtstamp", dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC))
    e.add("dtstart", day)
    e.add("summary", f"{a.agency or '?'}: {clip(squash(a.text), 80)}")
    document = a.identifier or a.file or a.document
    e.add("description", f"{a.agency or '?'} ({a.role}) — {document}" + (f" [{a.file}]" if a.file else "")
          + f"\n“{squash(a.text)}”")
    e.add("categories", [a.role])
    e.add("url", a.document)
    e.add("x-kg-agency", a.agency or "")
    e.add("x-kg-document", document)
    if a.recurrence:
        rule = recurrence_rule(a.recurrence)
        if rule is not None:
            e.add("rrule", vRecur(rule))
    return e


def _signed(endpoint: Endpoint, document: str) -> str | None:
    rows = endpoint.select(internal_query("describe"), {"d": Term("uri", document)}).rows
    dates = sorted(r["date"].value for r in rows if "date" in r)
    return dates[0] if dates else None
