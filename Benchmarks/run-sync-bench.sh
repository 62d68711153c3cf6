#!/usr/bin/env bash
# Pushing 1,000 follow-ups to Radicale with `followup sync`, beside python caldav doing the same
# PUTs, in one run (Benchmarks/sync/sync_bench.py says what is timed).
#
#   Benchmarks/run-sync-bench.sh [FOLLOW_UPS]      (default 1000)
#
# Uses the interop suite's virtual environment (radicale, caldav, pinned in
# Tests/Interop/requirements.txt), made here when it is missing.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
venv="$root/.build/interop-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import radicale, caldav" 2>/dev/null; then
    echo "making $venv with Tests/Interop/requirements.txt" >&2
    python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$root/Tests/Interop/requirements.txt"
fi

# FOLLOWUP_BIN picks another build (a debug one, say); by default the release build is made.
if [[ -z "${FOLLOWUP_BIN:-}" ]]; then
    echo "building followup (release)..." >&2
    swift build -c release --package-path "$root" --product followup >&2
    export FOLLOWUP_BIN="$(swift build -c release --package-path "$root" --show-bin-path)/followup"
fi
FOLLOW_UPS="${1:-1000}" "$venv/bin/python" "$here/sync/sync_bench.py"
