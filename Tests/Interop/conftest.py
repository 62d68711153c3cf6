"""Writes every file of the matrix once with the real `followup` binary, for every client test.

The subjects are the two files `followup plan` writes for each case of `plans.CASES`, and the
two files of the subscription feed (`followup add` of every case, then `followup feed`), which
put every interview and every zone into one calendar.

The binary is `$FOLLOWUP_BIN`, else `.build/debug/followup` (what `make test` builds). A client
that is missing is a failure, never a skip: `make test` installs them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from plans import AFTER_ALL_INTERVIEWS, CASES, UTC, Case, Expected

ROOT = Path(__file__).resolve().parents[2]
FEED = "feed-of-every-case"


@dataclass(frozen=True)
class Written:
    """Two files that `followup` wrote, and what they must hold."""
    name: str
    events: Path
    tasks: Path
    expected: list[Expected]
    # The candidate's zone: calcurse and khal run in it.
    tz: str
    # Every entry's DTSTAMP, when the test knows it.
    stamp: str | None
    # Writes the same files again into a new folder.
    rewrite: Callable[[Path], "Written"]

    @property
    def files(self) -> dict[str, Path]:
        return {"events": self.events, "tasks": self.tasks}

    @property
    def zones_used(self) -> set[str]:
        return {item.zone for item in self.expected if item.zone}

    @property
    def first_day(self) -> dt.date:
        return min(item.day or item.start.date() for item in self.expected) - dt.timedelta(days=2)

    @property
    def last_day(self) -> dt.date:
        return max(item.day or item.end.date() for item in self.expected) + dt.timedelta(days=2)


def followup_binary() -> Path:
    path = Path(os.environ.get("FOLLOWUP_BIN", ROOT / ".build" / "debug" / "followup"))
    assert path.is_file(), f"no followup binary at {path}: build it first (make test does) or set FOLLOWUP_BIN"
    return path


def followup(arguments: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run([str(followup_binary()), *arguments], capture_output=True, text=True,
                            env={**os.environ, **environment}, timeout=60)
    assert result.returncode == 0, f"followup {' '.join(arguments[:1])} failed: {result.stderr}"
    return result.stdout


def only(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    assert len(found) == 1, f"expected one {pattern} in {folder}, found {found}"
    return found[0]


def plan_case(case: Case, out: Path) -> Written:
    followup(case.arguments(out), case.environment())
    return Written(case.name, only(out, "*.events.ics"), only(out, "*.tasks.ics"), case.expected(), case.tz,
                   stamp=case.now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
                   rewrite=lambda folder: plan_case(case, folder))


def feed_of_every_case(folder: Path) -> Written:
    """Every case stored with `followup add`, after all the interviews, then the feed, with the
    thank-you of the first case marked done."""
    environment = {"FOLLOWUP_STORE": str(folder / "store.sqlite"),
                   "SOURCE_DATE_EPOCH": str(int(AFTER_ALL_INTERVIEWS.timestamp()))}
    cases = [dataclasses.replace(case, now=AFTER_ALL_INTERVIEWS) for case in CASES]
    stored = [followup(case.arguments(None), environment) for case in cases]
    # One step done, so that the feed also holds a completed to-do (STATUS:COMPLETED, a
    # COMPLETED time, SEQUENCE 1) for every client to read.
    interview = re.search(r"stored interview (\w+)", stored[0])
    assert interview, stored[0]
    followup(["done", interview.group(1), "--step", "thank-you"], environment)

    def write(out: Path) -> Written:
        # The cases span years; a window of ten years keeps the done thank-you (due long before
        # AFTER_ALL_INTERVIEWS) in the feed, so every client reads a completed to-do.
        followup(["feed", "--out", str(out), "--keep-days", "3650"], environment)
        return Written(FEED, only(out, "*events.ics"), only(out, "*tasks.ics"),
                       [item for case in cases for item in case.expected()], "Europe/Berlin", stamp=None,
                       rewrite=write)
    return write(folder / "feed")


@pytest.fixture(scope="session")
def written(tmp_path_factory) -> dict[str, Written]:
    """Every subject written once, by name."""
    root = tmp_path_factory.mktemp("written")
    subjects = {case.name: plan_case(case, root / case.name) for case in CASES}
    subjects[FEED] = feed_of_every_case(root / FEED)
    return subjects


SUBJECTS = [case.name for case in CASES] + [FEED]


def pytest_generate_tests(metafunc):
    if "subject" in metafunc.fixturenames:
        metafunc.parametrize("subject", SUBJECTS)


@pytest.fixture
def plan(subject, written) -> Written:
    return written[subject]


def require_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: run `make test` (it installs calcurse and khal) or apt-get install {name}"
    return path


# A skipped interop test would hide a client that never ran: count skips as failures.
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        reporter.write_line("a skipped interop test counts as a failure: every client must run", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
