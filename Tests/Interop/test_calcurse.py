"""(4) calcurse imports each file into an empty data folder, and reading it back with -Q gives
the planned dates and times.

calcurse ignores VTIMEZONE and resolves a TZID by name in the system's zone database, then
stores wall-clock times in its own zone: it runs here in the candidate's zone (TZ=--tz), and
start times are compared as instants. It exits 0 even when it skipped entries, so the import
report's counts are checked.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from pathlib import Path

from conftest import require_tool
from matching import Reading, assert_matches, event_times

REPORT = re.compile(r"(\d+) apps? / (\d+) events? / (\d+) todos? / (\d+) skipped")


def calcurse(plan, folder: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "TZ": plan.tz, "HOME": str(folder)}
    return subprocess.run([require_tool("calcurse"), "-D", str(folder), *args], capture_output=True, text=True,
                          env=environment, timeout=60)


def imported(plan, folder: Path, path: Path) -> tuple[int, int, int, int]:
    folder.mkdir(parents=True)
    result = calcurse(plan, folder, "-i", str(path))
    assert result.returncode == 0, result.stderr
    report = REPORT.search(result.stdout)
    assert report, f"no import report: {result.stdout!r} {result.stderr!r}"
    return tuple(int(number) for number in report.groups())


def query(plan, folder: Path, kind: str) -> str:
    days = (plan.last_day - plan.first_day).days + 1
    result = calcurse(plan, folder, "-Q", "--filter-type", kind, "--input-datefmt", "4", "--from", plan.first_day.isoformat(),
                      "--days", str(days), "--output-datefmt", "%Y-%m-%d",
                      "--format-apt", "A\t%(start:%s)\t%(end:%s)\t%n\t%m\n", "--format-event", "E\t%n\t%m\n",
                      "--format-todo", "T\t%n\t%m\n")
    assert result.returncode == 0, result.stderr
    return result.stdout


def note(folder: Path, name: str) -> str:
    return (folder / "notes" / name).read_text(encoding="utf-8") if name else ""


def calendar_readings(output: str, folder: Path) -> list[Reading]:
    """Appointments with their instants, and all-day events under their day's heading. calcurse
    has no end date for events: each is given the next day as end, as the file says."""
    readings, day = [], None
    for line in output.splitlines():
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}:", line):
            day = dt.date.fromisoformat(line[:-1])
        elif line.startswith("A\t"):
            _, start, end, name, summary = line.split("\t", 4)
            readings.append(Reading(summary, dt.datetime.fromtimestamp(int(start), dt.timezone.utc),
                                    dt.datetime.fromtimestamp(int(end), dt.timezone.utc), note(folder, name)))
        elif line.startswith("E\t"):
            _, name, summary = line.split("\t", 2)
            readings.append(Reading(summary, day, day + dt.timedelta(days=1), note(folder, name)))
    return readings


def test_calcurse_imports_events_at_the_planned_times(plan, tmp_path):
    expected = plan.expected
    timed = sum(1 for item in expected if not item.all_day)
    assert imported(plan, tmp_path / "cal", plan.events) == (timed, len(expected) - timed, 0, 0)
    readings = calendar_readings(query(plan, tmp_path / "cal", "cal"), tmp_path / "cal")
    # The DESCRIPTION becomes the entry's note, which the matching checks for the role and note.
    assert_matches(expected, readings, event_times, "calcurse")


def test_calcurse_imports_every_task(plan, tmp_path):
    expected = plan.expected
    assert imported(plan, tmp_path / "todo", plan.tasks) == (0, 0, len(expected), 0)
    output = query(plan, tmp_path / "todo", "todo")
    summaries = [line.split("\t", 2)[2] for line in output.splitlines() if line.startswith("T\t")]
    # calcurse's to-dos have no dates: the summaries are what it keeps.
    assert len(summaries) == len(expected)
    for item in expected:
        assert sum(all(word.casefold() in s.casefold() for word in item.words) for s in summaries) == 1, (item, summaries)
