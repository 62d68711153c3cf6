#!/usr/bin/env bash
# Regenerating the feed of a large job search, against libical's own throughput and python
# icalendar on the same components.
#
#   Benchmarks/run-feed-bench.sh [INTERVIEWS]      (default 10000)
#
# Fills a store under Benchmarks/data/ (ignored by git) once, then, in one run: times `followup`'s
# feed regeneration (read the store, render both files with libical, replace them atomically;
# best of three) in a process of its own whose peak memory is measured, once on every core the
# machine has (as `followup` runs) and once pinned to a single core (like for like with the
# single-threaded baselines); builds and serialises as many components with libical in a C loop
# that writes them to a file and syncs it, as the feed does; and has python icalendar generate
# them.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
interviews="${1:-10000}"
data="$here/data/feed-$interviews"
mkdir -p "$data"

if ! python3 -c "import icalendar" 2>/dev/null; then
    echo "python icalendar is missing: installing it with pip" >&2
    python3 -m pip install --quiet icalendar
fi

echo "building FeedBench (release) and the libical baseline..." >&2
swift build -c release --package-path "$here" --product FeedBench >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/FeedBench"
cc -O2 -o "$data/libical_baseline" "$here/feed/libical_baseline.c" $(pkg-config --cflags --libs libical)

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

# The first run fills the store (untimed); the later ones only regenerate, so their peak memory
# is the regeneration's.
[[ -s "$data/store.sqlite" ]] || "$bench" "$data/store.sqlite" "$data/feed" "$interviews" >/dev/null
results="$data/results.tsv"
"$bench" "$data/store.sqlite" "$data/feed" "$interviews" | tee "$results" >&2
components="$(cut -f2 "$results")"
if [[ ${#pin[@]} -gt 0 ]]; then
    "${pin[@]}" "$bench" "$data/store.sqlite" "$data/feed" "$interviews" | sed 's/^followup-feed/followup-1-core/' | tee -a "$results" >&2
fi

# The descriptions of the feed's events (checklists, thank-yous and check-ins in the feed's own
# mix), unfolded and unescaped, separated by NUL bytes: the baselines cycle through them, so
# they serialise as much text as the feed does.
python3 - "$data/feed/events.ics" "$data/descriptions.txt" <<'PYTHON'
import sys
text = open(sys.argv[1], encoding="utf-8", newline="").read().replace("\r\n ", "")
values = []
inside_alarm = False
for line in text.split("\r\n"):
    if line == "BEGIN:VALARM":
        inside_alarm = True
    elif line == "END:VALARM":
        inside_alarm = False
    elif line.startswith("DESCRIPTION:") and not inside_alarm:
        value = line[len("DESCRIPTION:"):]
        values.append(value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\"))
open(sys.argv[2], "w", encoding="utf-8", newline="").write("\0".join(values))
PYTHON

"${pin[@]}" "$data/libical_baseline" "$components" "$data/descriptions.txt" "$data/libical-out.ics" | tee -a "$results" >&2
"${pin[@]}" python3 "$here/feed/icalendar_bench.py" "$components" "$data/descriptions.txt" | tee -a "$results" >&2

python3 - "$results" "$interviews" "$(nproc)" <<'PYTHON'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
cores = int(sys.argv[3])
speed = {}
label = {"followup-feed": f"followup-{cores}-cores"}
print(f"{'writer':<18} {'components':>10} {'best s':>8} {'components/s':>13} {'peak MiB':>9}")
for row in rows:
    name, count, seconds = row[0], int(row[1]), float(row[2])
    speed[name] = count / seconds
    peak = row[3] if len(row) > 3 else ""
    print(f"{label.get(name, name):<18} {count:>10} {seconds:>8.3f} {count / seconds:>13.0f} {peak:>9}")
print(f"({sys.argv[2]} interviews; libical and python icalendar use one core, as they are written)")
for name, what in (("followup-feed", f"followup on {cores} cores"), ("followup-1-core", "followup on 1 core")):
    if name in speed:
        print(f"{what}: {speed[name] / speed['libical-c']:.0%} of libical's own loop, "
              f"{speed[name] / speed['python-icalendar']:.1f}x python icalendar")
PYTHON
