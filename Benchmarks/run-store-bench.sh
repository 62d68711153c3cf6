#!/usr/bin/env bash
# The cost of a change at any size: `followup`'s change and read commands on stores filled by
# `import`, as a long search looks (all but the latest 50 interviews ended months ago) and in
# the worst case (every interview open).
#
#   Benchmarks/run-store-bench.sh [SCENARIO...]     (default: long-100 long-10000 long-100000 open-10000)
#   BASELINE=REF Benchmarks/run-store-bench.sh ...  (default BASELINE=main; BASELINE= skips it)
#   FOLLOWUP_BIN=PATH BASELINE_BIN=PATH ...         (binaries already built: they are not built)
#
# Builds `followup` in release mode (and the baseline, main's, in its own scratch path), then
# for each store size and binary: import time and peak memory,
# the feed's size, and the median of REPEAT (5) runs of add, done, cancel and agenda with
# their peak memory; beside them, in the same run, the baselines: writing the feed's bytes
# once (and syncing them) and `feed --rebuild`, which renders every entry again as a full
# regeneration does. Data goes to Benchmarks/data/ (ignored by git).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(long-100 long-10000 long-100000 open-10000)

binary="${FOLLOWUP_BIN:-}"
if [[ -z "$binary" ]]; then
    echo "building followup (release)..." >&2
    binary="$("$here/build-followup.sh")"
fi
baseline_ref="${BASELINE-main}"
baseline="${BASELINE_BIN:-}"
if [[ -z "$baseline" && -n "$baseline_ref" ]]; then
    echo "building followup at $baseline_ref (release), the baseline..." >&2
    baseline="$("$here/build-followup.sh" "$baseline_ref")"
fi

mkdir -p "$here/data/store"
BASELINE_BIN="$baseline" python3 "$here/store/store_bench.py" "$binary" "$root" "$here/data/store" "${scenarios[@]}"
