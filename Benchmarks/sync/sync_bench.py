"""Pushing 1,000 follow-ups to a real Radicale: `followup sync` against python caldav's PUTs.

Run by run-sync-bench.sh, which builds the release binary and the virtual environment. In one
run it fills a store with enough interviews for FOLLOW_UPS follow-ups (each becomes a VTODO and
a VEVENT), starts Radicale on 127.0.0.1 with htpasswd authentication, then times:

1. `followup sync` of the whole store into an empty server (discovery, MKCALENDAR, the
   address book, and every object with If-None-Match: *);
2. a second `followup sync` with nothing changed (the sync-collection REPORT and nothing else);
3. python caldav saving the same objects, as downloaded from the server, one `save_object` PUT
   at a time into a second calendar of the same server (how a python client pushes).

Objects per second are calendar objects (VTODO + VEVENT) over wall-clock time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import caldav

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "Interop"))
import servers  # noqa: E402  (the interop suite's server starter)

FOLLOW_UPS = int(os.environ.get("FOLLOW_UPS", "1000"))
BINARY = os.environ["FOLLOWUP_BIN"]
CARDS = [str(ROOT / "Samples" / "cards" / name) for name in ("dana-diaz.vcf", "lee-chen.vcf")]


def followup(arguments: list[str], environment: dict[str, str]) -> str:
    result = subprocess.run([BINARY, *arguments], capture_output=True, text=True, env={**os.environ, **environment})
    if result.returncode != 0:
        raise SystemExit(f"followup {' '.join(arguments[:2])} failed: {result.stderr}")
    return result.stdout


def fill(environment: dict[str, str]) -> int:
    count = 0
    day = 0
    while count < FOLLOW_UPS:
        hour = 9 + day % 8
        followup(["add", "--at", f"2027-01-{1 + day % 28:02d} {hour:02d}:00", "--tz", "America/Chicago",
                  "--company", f"Company {day}", "--role", "Engineer", *sum((["--card", c] for c in CARDS), [])], environment)
        count = sum(len(i["followUps"]) for i in json.loads(followup(["list", "--all", "--json"], environment)))
        day += 1
    return count


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        server = servers.start_radicale(folder, encryption="plain")
        try:
            environment = {"FOLLOWUP_STORE": str(folder / "store.sqlite"), "HOME": str(folder),
                           "FOLLOWUP_PASSWORD": server.password, "SOURCE_DATE_EPOCH": "1796169600"}
            follow_ups = fill(environment)
            objects = 2 * follow_ups
            followup(["remote", "add", "bench", server.url, "--user", server.user], environment)

            started = time.perf_counter()
            followup(["sync", "bench"], environment)
            first = time.perf_counter() - started
            started = time.perf_counter()
            followup(["sync", "bench"], environment)
            second = time.perf_counter() - started

            client = caldav.DAVClient(url=server.url, username=server.user, password=server.password)
            principal = client.principal()
            source = next(c for c in principal.calendars() if c.get_display_name() == "Interview follow-ups")
            texts = [r.data for r in source.todos(include_completed=True)] + [r.data for r in source.events()]
            assert len(texts) == objects, f"the server holds {len(texts)} objects, expected {objects}"
            target = principal.make_calendar(name="python caldav baseline", supported_calendar_component_set=["VEVENT", "VTODO"])
            started = time.perf_counter()
            for text in texts:
                target.save_object(caldav.Todo if "BEGIN:VTODO" in text else caldav.Event, ical=text)
            baseline = time.perf_counter() - started
        finally:
            server.stop()

    print(f"follow-ups\t{follow_ups}\tcalendar objects\t{objects}")
    print(f"followup sync (first, into an empty Radicale)\t{first:.2f} s\t{objects / first:.0f} objects/s")
    print(f"followup sync (again, nothing changed)\t{second:.2f} s")
    print(f"python caldav save_object, one PUT at a time\t{baseline:.2f} s\t{objects / baseline:.0f} objects/s")


if __name__ == "__main__":
    main()
