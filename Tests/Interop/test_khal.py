"""(5) khal imports the events file into a temporary calendar and lists every entry at its
planned time, in the candidate's own zone. khal keeps events only: the tasks file imports
nothing and breaks nothing."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from conftest import require_tool
from matching import Reading, assert_matches, inclusive_times

FORMAT = "%Y-%m-%dT%H:%M%z"


def configure(plan, folder: Path) -> Path:
    (folder / "calendar").mkdir(parents=True)
    config = folder / "config"
    config.write_text(f"""[calendars]
[[followup]]
path = {folder / "calendar"}
type = calendar
[sqlite]
path = {folder / "khal.db"}
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = {FORMAT}
longdatetimeformat = {FORMAT}
local_timezone = {plan.tz}
default_timezone = {plan.tz}
""", encoding="utf-8")
    return config


def khal(config: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "HOME": str(config.parent)}
    result = subprocess.run([require_tool("khal"), "-c", str(config), *args], capture_output=True, text=True,
                            env=environment, timeout=120)
    assert result.returncode == 0, f"khal {args[0]}: {result.stderr}"
    assert "error" not in result.stderr.lower(), result.stderr
    return result


def listed(plan, config: Path) -> list[Reading]:
    output = khal(config, "list", "--format", "{start}\t{end}\t{all-day}\t{title}", "--day-format", "",
                  plan.first_day.isoformat(), plan.last_day.isoformat()).stdout
    readings = []
    for line in filter(None, output.splitlines()):
        start, end, all_day, title = line.split("\t", 3)
        if all_day == "True":
            readings.append(Reading(title, dt.date.fromisoformat(start), dt.date.fromisoformat(end)))
        else:
            readings.append(Reading(title, dt.datetime.strptime(start, FORMAT), dt.datetime.strptime(end, FORMAT)))
    return readings


def test_khal_imports_and_lists_the_planned_events(plan, tmp_path):
    config = configure(plan, tmp_path)
    khal(config, "import", "--batch", "-a", "followup", str(plan.events))
    stored = list((tmp_path / "calendar").glob("*.ics"))
    assert len(stored) == len(plan.expected)
    # khal lists titles only; the descriptions are checked through the other readers.
    assert_matches(plan.expected, listed(plan, config), inclusive_times, "khal", descriptions=False)


def test_khal_takes_the_tasks_file_without_error_and_shows_no_events(plan, tmp_path):
    config = configure(plan, tmp_path)
    khal(config, "import", "--batch", "-a", "followup", str(plan.tasks))
    assert listed(plan, config) == []
