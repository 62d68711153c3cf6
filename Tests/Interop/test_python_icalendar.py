"""(2) python `icalendar`: no parse errors, every TZID resolvable, and the planned times.

icalendar resolves a TZID by its IANA name, so it reads times the way Google Calendar does; the
VTIMEZONE itself is checked by turning it into a tzinfo (`to_tz`) and comparing its offsets with
the IANA database at every time the file uses.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar

from matching import Reading, assert_matches, event_times, task_times


def load(path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def readings(calendar: icalendar.Calendar, name: str) -> list[Reading]:
    found = []
    for component in calendar.walk(name):
        start = component.decoded("DTSTART") if "DTSTART" in component else None
        end_key = "DTEND" if name == "VEVENT" else "DUE"
        end = component.decoded(end_key) if end_key in component else None
        found.append(Reading(str(component["SUMMARY"]), start, end, str(component.get("DESCRIPTION", ""))))
    return found


def test_icalendar_parses_without_errors_and_resolves_every_tzid(plan):
    for kind, path in plan.files.items():
        calendar = load(path)
        for component in calendar.walk():
            assert not component.errors, f"{kind} {component.name}: {component.errors}"
        assert calendar.get_missing_tzids() == set()
        for tzid in calendar.get_used_tzids():
            ZoneInfo(tzid)


def test_icalendar_reads_the_planned_events(plan):
    assert_matches(plan.expected, readings(load(plan.events), "VEVENT"), event_times, "icalendar events")


def test_icalendar_reads_the_planned_tasks(plan):
    assert_matches(plan.expected, readings(load(plan.tasks), "VTODO"), task_times, "icalendar tasks")


def test_each_vtimezone_gives_the_iana_offsets_at_every_time_used(plan):
    for kind, path in plan.files.items():
        calendar = load(path)
        zones = {str(zone["TZID"]): zone.to_tz(lookup_tzid=False) for zone in calendar.walk("VTIMEZONE")}
        assert set(zones) == plan.zones_used
        for item in plan.expected:
            if not item.zone:
                continue
            ours, iana = zones[item.zone], ZoneInfo(item.zone)
            for moment in (item.start, item.end):
                wall = moment.astimezone(iana).replace(tzinfo=None)
                assert ours.utcoffset(wall) == iana.utcoffset(wall), f"{item.zone} at {wall}"
            # And around the clock changes of the whole year of the call.
            year = item.start.astimezone(iana).year
            for day in range(0, 366, 3):
                wall = dt.datetime(year, 1, 1, 12) + dt.timedelta(days=day)
                assert ours.utcoffset(wall) == iana.utcoffset(wall), f"{item.zone} at {wall}"
