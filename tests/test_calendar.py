"""kg tasks --format ics: the deadlines as an iCalendar file that parses back, with icalendar,
into the same tasks and days; recurring tasks as recurrence rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from icalendar import Calendar

from kg.build import build
from kg.cli import main
from kg.read.normalize import squash
from kg.reports.calendar import first_day, recurrence_rule
from kg.reports.tasks import Assignment

RECURRING = [
    # (recurrence as the extractor reads the real sentence, day signed, first day, rule)
    ("yearly:month=11", "2023", "2023-11-30", {"FREQ": "YEARLY"}),  # "chậm nhất vào tháng 11 hằng năm" (seed 001)
    ("yearly:month=11", "2023-12-20", "2024-11-30", {"FREQ": "YEARLY"}),  # signed after November: next year
    ("every:3 months", "2024-02-20", "2024-02-20", {"FREQ": "MONTHLY", "INTERVAL": 3}),  # "Định kỳ 3 tháng/lần" (004)
    ("every:12 months", "2023-09-01", "2023-09-01", {"FREQ": "YEARLY"}),  # "hằng năm"
    ("every:3 months", "2024", None, {"FREQ": "MONTHLY", "INTERVAL": 3}),  # no day to start from: no event
]


@pytest.mark.parametrize("recurrence, signed, day, rule", RECURRING)
def test_a_recurring_task_is_a_rule_from_the_document_s_day(recurrence: str, signed: str, day: str | None,
                                                            rule: dict) -> None:
    a = Assignment("Phòng Giáo dục và Đào tạo huyện Cao Lộc", "lead", None, recurrence, "báo cáo", "d", None, None)
    found = first_day(a, signed)
    assert (found.isoformat() if found else None) == day
    assert recurrence_rule(recurrence) == rule


@pytest.mark.slow  # builds a store
def test_the_calendar_parses_back_into_the_same_tasks_and_days(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    build([str(SAMPLES)], store, jobs=1)
    runner = CliRunner()
    tasks = json.loads(runner.invoke(main, ["tasks", "--store", store, "--format", "json"]).stdout)
    result = runner.invoke(main, ["tasks", "--store", store, "--format", "ics", "--out", str(tmp_path / "t.ics")])
    assert result.exit_code == 0, result.output
    events = Calendar.from_ical((tmp_path / "t.ics").read_bytes()).walk("VEVENT")
    dated = sorted((t["agency"], t["deadline"], squash(t["text"])) for t in tasks if len(t["deadline"] or "") == 10)
    back = sorted((str(e["X-KG-AGENCY"]), e.decoded("DTSTART").isoformat(), _quoted(str(e["DESCRIPTION"])))
                  for e in events if "RRULE" not in e)
    assert back == dated and dated
    yearly = sorted((t["agency"], int(t["recurrence"].split("=")[1])) for t in tasks
                    if (t["recurrence"] or "").startswith("yearly:"))
    rules = sorted((str(e["X-KG-AGENCY"]), e.decoded("DTSTART").month) for e in events
                   if "RRULE" in e and e["RRULE"]["FREQ"] == ["YEARLY"])
    assert rules == yearly and yearly  # "tháng 11 hằng năm": every year, in November


def _quoted(description: str) -> str:
    return description.split("\n“", 1)[1].rstrip("”")
