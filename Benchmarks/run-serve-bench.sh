#!/usr/bin/env bash
# Load on `followup serve`, against the same command built from a baseline, in one run.
#
#   Benchmarks/run-serve-bench.sh [INTERVIEWS]      (default 200 interviews in the feed)
#   BASELINE=REF Benchmarks/run-serve-bench.sh      (default BASELINE=main; BASELINE= skips it)
#   FOLLOWUP_BIN=PATH BASELINE_BIN=PATH ...         (binaries already built: nothing is built)
#
# For each binary: fills a store of its own under Benchmarks/data/serve/ (ignored by git) with
# INTERVIEWS interviews and writes the feed (once; later runs reuse it), starts `serve` on
# 127.0.0.1 pinned to core 0, and has wrk (Debian's package, installed when missing) load it
# from core 1 for 5 s per kind of response: 200, 304 (If-None-Match with the current tag),
# 404 (a wrong token) and 200 with gzip (Accept-Encoding: gzip). Then opens 3,000 idle
# connections, twice, 15 s apart (serve/idle_connections.py), and reports the server's memory
# and open descriptors before, with them open, and after the wait, and how many it closed.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
interviews="${1:-200}"
data="$here/data/serve"
mkdir -p "$data"

if ! command -v wrk >/dev/null; then
    echo "wrk is missing: installing it with apt-get" >&2
    sudo=""; [[ "$(id -u)" == 0 ]] || sudo=sudo
    $sudo apt-get install -y --no-install-recommends wrk >&2 || { $sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends wrk >&2; }
fi

source "$here/binaries.sh"
binaries=(this "$followup")
[[ -z "$baseline" ]] || binaries+=(baseline "$baseline")

server_pin=(); client_pin=()
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then server_pin=(taskset -c 0); client_pin=(taskset -c 1); fi

# A store of INTERVIEWS interviews, each with the three sample interviewers, a week apart.
fill_store() {
    local binary="$1" folder="$2"
    [[ -s "$folder/feed/events.ics" ]] && return
    rm -rf "$folder"; mkdir -p "$folder"
    python3 - "$interviews" <<'PYTHON' | while IFS=$'\t' read -r at company; do
import datetime, sys
start = datetime.datetime(2026, 1, 5, 10, 0)
for index in range(int(sys.argv[1])):
    at = start + datetime.timedelta(days=index * 7 // 5, hours=index % 6)
    print(at.strftime("%Y-%m-%d %H:%M"), f"Company {index}", sep="\t")
PYTHON
        "$binary" add --store "$folder/store.sqlite" --card "$root/Samples/cards/dana-diaz.vcf" \
            --card "$root/Samples/cards/lee-chen.vcf" --card "$root/Samples/cards/priya-raman.vcf" \
            --at "$at" --tz America/Chicago --company "$company" >/dev/null
    done
    "$binary" feed --store "$folder/store.sqlite" --out "$folder/feed" >/dev/null
}

results="$data/results.tsv"
idle="$data/idle.tsv"
: > "$results"; : > "$idle"; : > "$data/sizes.tsv"
for ((index = 0; index < ${#binaries[@]}; index += 2)); do
    label="${binaries[index]}"; binary="${binaries[index + 1]}"
    folder="$data/$label-$interviews"
    echo "filling the store of $label ($interviews interviews)..." >&2
    fill_store "$binary" "$folder"

    "${server_pin[@]}" "$binary" serve --store "$folder/store.sqlite" --port 0 > "$folder/serve.out" 2>&1 &
    server=$!
    url=""
    for _ in $(seq 100); do
        url="$(grep -o 'http://[^ ]*/events.ics' "$folder/serve.out" || true)"
        [[ -n "$url" ]] && break
        sleep 0.1
    done
    [[ -n "$url" ]] || { echo "$label: serve printed no address" >&2; cat "$folder/serve.out" >&2; kill "$server"; exit 1; }
    port="$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).port)' "$url")"
    # The current entity tags, as a client that polls has them.
    read -r tag gzip_tag size gzip_size < <(python3 - "$url" <<'PYTHON'
import sys, urllib.request
plain = urllib.request.urlopen(sys.argv[1])
zipped = urllib.request.urlopen(urllib.request.Request(sys.argv[1], headers={"Accept-Encoding": "gzip"}))
print(plain.headers["ETag"], zipped.headers["ETag"], len(plain.read()), len(zipped.read()))
PYTHON
)
    missing="${url%/*/events.ics}/not-the-token/events.ics"
    run() {  # kind, then wrk's arguments
        local kind="$1"; shift
        local out; out="$("${client_pin[@]}" wrk -t1 -c32 -d5s "$@")"
        local rate; rate="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
        local other; other="$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")"
        printf '%s\t%s\t%s\t%s\n' "$label" "$kind" "$rate" "${other:-0}" | tee -a "$results" >&2
    }
    run 200 "$url"
    run 304 -H "If-None-Match: $tag" "$url"
    run 404 "$missing"
    run 200-gzip -H "Accept-Encoding: gzip" "$url"
    printf '%s\tsizes\t%s\t%s\n' "$label" "$size" "$gzip_size" >> "$data/sizes.tsv"
    echo "$label: 3,000 idle connections..." >&2
    python3 "$here/serve/idle_connections.py" "$label" "$server" "$port" --count 3000 --wait 15 --rounds 2 | tee -a "$idle" >&2
    kill -INT "$server"; wait "$server" || true
done

python3 - "$results" "$idle" "$interviews" "$data/sizes.tsv" <<'PYTHON'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
rate = {(label, kind): float(value) for label, kind, value, _ in rows}
other = {(label, kind): int(value) for label, kind, _, value in rows}
labels = list(dict.fromkeys(label for label, *_ in rows))
kinds = ["200", "304", "404", "200-gzip"]
print(f"requests/s (wrk, 1 thread, 32 connections, 5 s; feed of {sys.argv[3]} interviews)")
print(f"{'server':<10}" + "".join(f"{kind:>12}" for kind in kinds) + f"{'304/404':>10}")
for label in labels:
    line = f"{label:<10}" + "".join(f"{rate.get((label, kind), 0):>12.0f}" for kind in kinds)
    print(line + f"{rate[(label, '304')] / rate[(label, '404')]:>10.2f}")
for (label, kind), count in other.items():
    if count and kind != "404":
        print(f"  {label} {kind}: {count} responses were not 2xx or 3xx")
for line in open(sys.argv[4]):
    label, _, size, gzip_size = line.split()
    print(f"  {label}: events.ics {int(size) / 1024:.0f} KiB, gzip variant {int(gzip_size) / 1024:.0f} KiB")
print()
print("3,000 idle connections per round, 15 s per round: server RSS (MiB) and open descriptors")
print("before / with the round's connections open / after the wait")
print(f"{'server-round':<14}{'opened':>8}{'closed':>8}{'all closed after s':>20}{'RSS MiB':>24}{'descriptors':>22}")
for line in open(sys.argv[2]):
    label, opened, closed, until, *numbers = line.split()
    rss = " / ".join(f"{int(n) / 1024:.0f}" for n in numbers[:3])
    fds = " / ".join(numbers[3:6])
    print(f"{label:<14}{opened:>8}{closed:>8}{until:>20}{rss:>24}{fds:>22}")
PYTHON
