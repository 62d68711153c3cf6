"""Compares what a client read with what the plan should hold, item by item."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plans import UTC, Expected


@dataclass(frozen=True)
class Reading:
    """One entry as a client shows it. `start`/`end` are dates for all-day entries and aware
    datetimes for timed ones; a task's `end` is its due date or time."""
    summary: str
    start: dt.date | dt.datetime | None
    end: dt.date | dt.datetime | None
    description: str | None = None

    def normalised(self) -> tuple:
        def value(moment):
            if isinstance(moment, dt.datetime):
                assert moment.tzinfo is not None, f"a floating time in {self.summary!r}: {moment}"
                return moment.astimezone(UTC)
            return moment
        return value(self.start), value(self.end)


def event_times(item: Expected) -> tuple:
    """A VEVENT: all day from the day to the next (DTEND is exclusive), or the slot."""
    if item.all_day:
        return item.day, item.day + dt.timedelta(days=1)
    return item.start, item.end


def task_times(item: Expected) -> tuple:
    """A VTODO: DUE on the day, or DTSTART and DUE around the slot."""
    if item.all_day:
        return None, item.day
    return item.start, item.end


def inclusive_times(item: Expected) -> tuple:
    """As khal lists entries: an all-day entry starts and ends on its day."""
    if item.all_day:
        return item.day, item.day
    return item.start, item.end


def assert_matches(expected: list[Expected], readings: list[Reading], times, client: str,
                   descriptions: bool = True) -> list[tuple[Expected, Reading]]:
    """Every expected item read exactly once at its times, with its words in the summary (and
    its role and note in the description), and nothing else read."""
    unmatched = list(readings)
    pairs = []
    for item in expected:
        want = times(item)
        hits = [reading for reading in unmatched
                if reading.normalised() == want and all(word.casefold() in reading.summary.casefold() for word in item.words)]
        assert len(hits) == 1, (
            f"{client}: expected one {item.kind} at {want} with {item.words}, found {len(hits)} among:\n"
            + "\n".join(f"  {r.normalised()} {r.summary!r}" for r in readings))
        unmatched.remove(hits[0])
        pairs.append((item, hits[0]))
        if descriptions:
            assert item.role in hits[0].description, f"{client}: the role is not whole in {hits[0].description!r}"
            if item.note:
                assert item.note in hits[0].description, f"{client}: the note is not whole in the {item.kind}"
    assert not unmatched, f"{client}: entries that the plan does not hold: {[(r.normalised(), r.summary) for r in unmatched]}"
    assert len(readings) == len(expected)
    return pairs
