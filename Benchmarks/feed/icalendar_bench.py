"""python icalendar generating the components a followup feed holds, with the same properties.

    python icalendar_bench.py COMPONENTS DESCRIPTIONS-FILE

DESCRIPTIONS-FILE holds the feed's descriptions separated by NUL bytes; component i takes that
of event i // 2, cycling, as the feed's event and to-do of a follow-up share theirs.

Prints "python-icalendar<TAB>components<TAB>best seconds" (best of two runs, like the others'
best of three, without taking minutes).
"""
import datetime
import sys
import time

from icalendar import Alarm, Event, Todo


def build(index, description, stamp):
    event = index % 2 == 0
    component = Event() if event else Todo()
    component.add("uid", f"{index:032x}-{'event' if event else 'task'}@followup")
    component.add("dtstamp", stamp)
    component.add("last-modified", stamp)
    component.add("sequence", 0)
    component.add("summary", "Thank-you e-mail to Dana Díaz (Company 1234)")
    component.add("description", description)
    component.add("class", "PRIVATE")
    component.add("categories", ["Job search"])
    start = datetime.date(2027, 1 + index % 12, 1 + index % 28)
    if event:
        component.add("dtstart", start)
        component.add("dtend", start + datetime.timedelta(days=1))
        component.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", datetime.timedelta(hours=9))
        alarm.add("description", "Thank-you e-mail to Dana Díaz (Company 1234)")
        component.add_component(alarm)
    else:
        component.add("due", start)
        component.add("status", "NEEDS-ACTION")
    return component


def main():
    count = int(sys.argv[1])
    descriptions = open(sys.argv[2], encoding="utf-8", newline="").read().split("\0")
    stamp = datetime.datetime.fromtimestamp(1799000000, datetime.timezone.utc)
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        size = 0
        for index in range(count):
            size += len(build(index, descriptions[(index // 2) % len(descriptions)], stamp).to_ical())
        best = min(best, time.perf_counter() - start)
    print(f"python-icalendar\t{count}\t{best:.4f}")


if __name__ == "__main__":
    main()
