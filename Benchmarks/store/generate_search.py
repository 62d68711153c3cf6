#!/usr/bin/env python3
"""Writes a job search as the CSV `followup import` reads, for the store benchmark.

    generate_search.py INTERVIEWS long|open NOW_EPOCH OUT.csv

`long`: a long search as it looks after months: every interview but the latest 50 ended
(rejected or withdrawn) months before NOW, the latest 50 are open, around NOW.
`open`: the worst case, every interview open, spread over the weeks after NOW.
One or two interviewers per interview (two rows: a panel). Deterministic for its arguments.
"""
import csv
import datetime
import random
import sys

count, shape, now_epoch, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
rng = random.Random(f"{count}-{shape}")
now = datetime.datetime.fromtimestamp(now_epoch, datetime.timezone.utc)
zones = ["America/New_York", "Europe/Berlin", "Asia/Kolkata", "America/Chicago", "UTC"]
first = ["Dana", "Lee", "Priya", "Sam", "Ravi", "Ann", "Kim", "Jo", "Mia", "Omar"]
last = ["Diaz", "Chen", "Raman", "Roe", "Iyer", "Lee", "Park", "Berg", "Rossi", "Haddad"]

with open(out, "w", newline="", encoding="utf-8") as handle:
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow(["company", "role", "date", "time", "timezone", "name", "email", "phone", "title", "outcome"])
    for index in range(count):
        recent = shape == "open" or index >= count - 50
        if shape == "open":
            day = now + datetime.timedelta(days=1 + index % 120)
        elif recent:
            day = now + datetime.timedelta(days=(index - count + 25))
        else:
            # Ended months ago: spread over the 1 to 36 months before the latest 50.
            day = now - datetime.timedelta(days=30 + (count - index) * 1065 // max(count, 1))
        outcome = "" if recent else rng.choice(["rejected", "rejected", "withdrawn"])
        company = f"Company {index}"
        role = f"Role {index % 17}"
        time = f"{9 + index % 8:02d}:{(index * 7) % 4 * 15:02d}"
        zone = zones[index % len(zones)]
        for person in range(1 + index % 2):
            name = f"{rng.choice(first)} {rng.choice(last)}"
            email = f"{name.split()[0].lower()}.{index}.{person}@company{index}.example"
            writer.writerow([company, role, day.strftime("%Y-%m-%d"), time, zone, name, email,
                             f"+1 312 555 {index % 10000:04d}", "Engineering Manager", outcome])
