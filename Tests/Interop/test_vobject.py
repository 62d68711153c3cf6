"""(3) python `vobject` validates every file and, since it builds each zone from the file's own
VTIMEZONE (as Outlook and Apple Calendar can), reads the planned times through our definitions."""

from __future__ import annotations

import vobject

from matching import Reading, assert_matches, event_times, task_times


def load(path):
    calendar = vobject.readOne(path.read_bytes().decode("utf-8"), validate=True)
    assert calendar.validate(raiseException=True, complainUnrecognized=False)
    return calendar


def readings(calendar, name: str) -> list[Reading]:
    found = []
    for component in calendar.getChildren():
        if component.name != name:
            continue
        contents = component.contents
        start = contents["dtstart"][0].value if "dtstart" in contents else None
        end_key = "dtend" if name == "VEVENT" else "due"
        end = contents[end_key][0].value if end_key in contents else None
        found.append(Reading(contents["summary"][0].value, start, end, contents["description"][0].value))
    return found


def test_vobject_validates_every_file(plan):
    for path in plan.files.values():
        calendar = load(path)
        names = [component.name for component in calendar.getChildren()]
        assert names.count("VTIMEZONE") == len(plan.zones_used)


def test_vobject_reads_the_planned_events(plan):
    assert_matches(plan.expected, readings(load(plan.events), "VEVENT"), event_times, "vobject events")


def test_vobject_reads_the_planned_tasks(plan):
    assert_matches(plan.expected, readings(load(plan.tasks), "VTODO"), task_times, "vobject tasks")
