"""Plans every case of the matrix once with the real `followup` binary, for every client test.

The binary is `$FOLLOWUP_BIN`, else `.build/debug/followup` (what `make test` builds). A client
that is missing is a failure, never a skip: `make test` installs them all.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from plans import CASES, Case

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Planned:
    case: Case
    events: Path
    tasks: Path

    @property
    def files(self) -> dict[str, Path]:
        return {"events": self.events, "tasks": self.tasks}


def followup_binary() -> Path:
    path = Path(os.environ.get("FOLLOWUP_BIN", ROOT / ".build" / "debug" / "followup"))
    assert path.is_file(), f"no followup binary at {path}: build it first (make test does) or set FOLLOWUP_BIN"
    return path


def run_followup(case: Case, out: Path) -> Planned:
    environment = {**os.environ, **case.environment()}
    result = subprocess.run([str(followup_binary()), *case.arguments(out)], capture_output=True, text=True,
                            env=environment, timeout=60)
    assert result.returncode == 0, f"followup failed for {case.name}: {result.stderr}"
    events = sorted(out.glob("*.events.ics"))
    tasks = sorted(out.glob("*.tasks.ics"))
    assert len(events) == 1 and len(tasks) == 1, f"{case.name}: expected one events and one tasks file in {out}"
    return Planned(case, events[0], tasks[0])


@pytest.fixture(scope="session")
def planned(tmp_path_factory) -> dict[str, Planned]:
    """Every case planned once, by name."""
    root = tmp_path_factory.mktemp("plans")
    return {case.name: run_followup(case, root / case.name) for case in CASES}


def pytest_generate_tests(metafunc):
    if "case" in metafunc.fixturenames:
        metafunc.parametrize("case", CASES, ids=[case.name for case in CASES])


@pytest.fixture
def plan(case, planned) -> Planned:
    return planned[case.name]


def require_tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed: run `make test` (it installs calcurse and khal) or apt-get install {name}"
    return path


# A skipped interop test would hide a client that never ran: count skips as failures.
def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
