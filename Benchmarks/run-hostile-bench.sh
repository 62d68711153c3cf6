#!/usr/bin/env bash
# Issue 25's hostile invitations, timed end to end with the release `followup`: each must be
# answered (a plan, a warning or an error, never a signal) within a second. Fails, naming the
# file, when one takes longer or dies of a signal.
#
#   Benchmarks/run-hostile-bench.sh
#
# Reads the reproducers in Tests/EndToEndTests/Fixtures/issue-25/ and files it generates into
# Benchmarks/data/hostile/: 4,000 lines without a colon (the lenient reader once took 15 s), a
# thousand recurring events whose rules each stay within their own bound (the file's budget
# ends them), and a 1 MB invitation of attendees.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
bin="${FOLLOWUP_BIN:-$("$here/build-followup.sh")}"
data="$here/data/hostile"
mkdir -p "$data"

python3 - "$data" <<'PY'
import sys
out = sys.argv[1]
head = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\n")
event = ("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nSUMMARY:Interview\r\n"
         "ORGANIZER:mailto:o@acme-robotics.example\r\nATTENDEE:mailto:me@example.org\r\n{extra}END:VEVENT\r\n")
with open(f"{out}/lines-without-colon.ics", "w") as f:
    f.write(head + event.format(uid="u1", extra="DTSTART:20270101T100000Z\r\nDESCRIPTION:x\r\n"
                                + "".join(f"not a content line {i}\r\n" for i in range(4000))) + "END:VCALENDAR\r\n")
with open(f"{out}/thousand-daily-rules.ics", "w") as f:
    f.write(head + "".join(event.format(uid=f"u{i}", extra="DTSTART:19800101T090000Z\r\nRRULE:FREQ=DAILY\r\n")
                           for i in range(1000)) + "END:VCALENDAR\r\n")
with open(f"{out}/megabyte-of-attendees.ics", "w") as f:
    people = "".join(f"ATTENDEE;CN=Person {i};ROLE=REQ-PARTICIPANT:mailto:p{i}@acme-robotics.example\r\n" for i in range(13000))
    f.write(head + event.format(uid="u1", extra="DTSTART:20270101T100000Z\r\n" + people) + "END:VCALENDAR\r\n")
PY

status=0
for file in "$root"/Tests/EndToEndTests/Fixtures/issue-25/*.ics "$data"/*.ics; do
    for command in "invite $file --tz UTC" "plan --dry-run --invite $file --me me@example.org --tz UTC"; do
        start=$(date +%s.%N)
        set +e
        SOURCE_DATE_EPOCH=1795000000 "$bin" $command >/dev/null 2>&1
        code=$?
        set -e
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        printf '%6.2f s  exit %3d  followup %s\n' "$seconds" "$code" "${command/$root\//}"
        if (( code > 128 )) || (( $(echo "$seconds > 1" | bc) )); then status=1; fi
    done
done
exit $status
