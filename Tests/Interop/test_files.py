"""The bytes of every file, against RFC 5545 and what calendar apps are known to refuse."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import ics

PRODID = re.compile(r"-//followup//followup \d+\.\d+//EN")
UTC_TIME = re.compile(r"\d{8}T\d{6}Z")
LOCAL_TIME = re.compile(r"\d{8}T\d{6}")
DATE = re.compile(r"\d{8}")


def read(plan):
    return {kind: path.read_bytes() for kind, path in plan.files.items()}


def test_lines_are_crlf_utf8_and_folded_at_75_octets_between_characters(plan):
    for kind, data in read(plan).items():
        data.decode("utf-8")  # the whole file
        assert data.endswith(b"END:VCALENDAR\r\n"), kind
        assert b"\n" not in data.replace(b"\r\n", b""), f"{kind}: a bare LF"
        assert b"\r" not in data.replace(b"\r\n", b""), f"{kind}: a bare CR"
        for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
            assert len(line) <= 75, f"{kind} line {number} is {len(line)} octets"
            line.decode("utf-8")  # each physical line alone: no character split by a fold


def test_calendar_header(plan):
    for kind, data in read(plan).items():
        calendar = ics.parse(data.decode())
        assert calendar.name == "VCALENDAR"
        assert calendar.value("VERSION") == "2.0"
        assert PRODID.fullmatch(calendar.value("PRODID")), calendar.value("PRODID")
        assert calendar.value("METHOD") in (None, "PUBLISH")
        name = calendar.value("X-WR-CALNAME")
        if name is not None:
            # Readers disagree on escapes in X- properties; the name must not need any.
            assert not set(name) & set(",;\\"), name


def test_every_entry_carries_uid_stamp_sequence_privacy_and_one_line_summary(plan):
    for kind, data in read(plan).items():
        calendar = ics.parse(data.decode())
        entries = [c for c in calendar.children if c.name in ("VEVENT", "VTODO")]
        assert len(entries) == len(plan.expected)
        for entry in entries:
            assert entry.one("UID").value
            assert UTC_TIME.fullmatch(entry.one("DTSTAMP").value)
            if plan.stamp:
                # The interview's start, so the same plan always gives the same bytes.
                assert entry.one("DTSTAMP").value == plan.stamp
            assert UTC_TIME.fullmatch(entry.one("LAST-MODIFIED").value)
            assert entry.one("SEQUENCE").value.isdigit()
            assert entry.one("CLASS").value == "PRIVATE"
            summary = ics.unescape(entry.one("SUMMARY").value)
            assert summary and "\n" not in summary and "\r" not in summary
            assert entry.one("DESCRIPTION").value


def test_times_are_dates_utc_or_bare_iana_zones_with_their_vtimezone(plan):
    for kind, data in read(plan).items():
        calendar = ics.parse(data.decode())
        defined = {zone.value("TZID") for zone in calendar.walk("VTIMEZONE")}
        used = set()
        for entry in (c for c in calendar.children if c.name in ("VEVENT", "VTODO")):
            for line in entry.lines:
                if line.name not in ("DTSTART", "DTEND", "DUE"):
                    continue
                if line.params.get("VALUE") == "DATE":
                    assert DATE.fullmatch(line.value), line
                elif "TZID" in line.params:
                    tzid = line.params["TZID"]
                    assert LOCAL_TIME.fullmatch(line.value), line
                    assert not tzid.startswith("/") and "freeassociation" not in tzid, tzid
                    ZoneInfo(tzid)  # resolvable by name, as Google and calcurse look it up
                    used.add(tzid)
                else:
                    assert UTC_TIME.fullmatch(line.value), f"a floating time: {line}"
        assert used == defined, f"{kind}: zones used {used}, defined {defined}"
        assert used == plan.zones_used


def test_vtimezones_are_compact_and_outlook_shaped(plan):
    """Observances from the year before the first use on; one STANDARD and at most one DAYLIGHT,
    with a yearly RRULE of a single BYDAY occurrence, as Outlook imports them."""
    years = [item.start.astimezone(ZoneInfo(item.zone)).year for item in plan.expected if item.zone]
    for kind, data in read(plan).items():
        for zone in ics.parse(data.decode()).walk("VTIMEZONE"):
            standard = zone.walk("STANDARD")
            daylight = zone.walk("DAYLIGHT")
            assert len(standard) == 1 and len(daylight) <= 1, f"{zone.value('TZID')}: {len(standard)} STANDARD, {len(daylight)} DAYLIGHT"
            for observance in standard + daylight:
                start = observance.one("DTSTART").value
                assert LOCAL_TIME.fullmatch(start)
                assert int(start[:4]) >= min(years) - 1, f"{zone.value('TZID')} starts in {start[:4]}"
                observance.one("TZOFFSETFROM")
                observance.one("TZOFFSETTO")
                if daylight:
                    rule = dict(part.split("=") for part in observance.one("RRULE").value.split(";"))
                    assert rule["FREQ"] == "YEARLY" and rule["BYMONTH"].isdigit()
                    assert re.fullmatch(r"(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)", rule["BYDAY"]), rule


def test_each_event_has_a_task_twin_with_its_own_uid(plan):
    data = read(plan)
    events = [c for c in ics.parse(data["events"].decode()).children if c.name not in ("VTIMEZONE",)]
    tasks = [c for c in ics.parse(data["tasks"].decode()).children if c.name not in ("VTIMEZONE",)]
    assert {c.name for c in events} == {"VEVENT"}
    assert {c.name for c in tasks} == {"VTODO"}
    assert sorted(e.value("SUMMARY") for e in events) == sorted(t.value("SUMMARY") for t in tasks)
    uids = [c.value("UID") for c in events + tasks]
    assert len(set(uids)) == len(uids)


def test_layout_all_day_deadlines_timed_calls_relative_display_alarms(plan):
    calendar = ics.parse(read(plan)["events"].decode())
    for event in calendar.walk("VEVENT"):
        start = event.one("DTSTART")
        if start.params.get("VALUE") == "DATE":
            end = event.one("DTEND")
            assert end.params.get("VALUE") == "DATE"
            first = dt.datetime.strptime(start.value, "%Y%m%d").date()
            assert dt.datetime.strptime(end.value, "%Y%m%d").date() == first + dt.timedelta(days=1)
            assert event.value("TRANSP") == "TRANSPARENT"
        else:
            assert event.value("TRANSP") in (None, "OPAQUE")
        for alarm in event.walk("VALARM"):
            assert alarm.value("ACTION") == "DISPLAY"
            trigger = alarm.one("TRIGGER")
            assert trigger.params.get("VALUE") in (None, "DURATION") and re.fullmatch(r"-?P.*", trigger.value), trigger
            assert alarm.value("DESCRIPTION")


def test_same_inputs_give_identical_bytes(plan, tmp_path):
    again = plan.rewrite(tmp_path / "again")
    assert again.events.name == plan.events.name and again.tasks.name == plan.tasks.name
    assert again.events.read_bytes() == plan.events.read_bytes()
    assert again.tasks.read_bytes() == plan.tasks.read_bytes()


def test_completed_tasks_say_so_completely(plan):
    """The feed marks one thank-you done: its to-do says so the RFC 5545 way, and changes its
    SEQUENCE so that clients take the update."""
    tasks = ics.parse(plan.tasks.read_bytes().decode()).walk("VTODO")
    completed = [task for task in tasks if task.value("STATUS") == "COMPLETED"]
    for task in completed:
        assert UTC_TIME.fullmatch(task.one("COMPLETED").value)
        assert task.value("PERCENT-COMPLETE") in (None, "100")
        assert int(task.one("SEQUENCE").value) >= 1
    for task in tasks:
        assert task.value("STATUS") in ("NEEDS-ACTION", "COMPLETED")
    assert len(completed) == (1 if plan.name == "feed-of-every-case" else 0)
