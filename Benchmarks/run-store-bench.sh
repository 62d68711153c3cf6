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

source "$here/binaries.sh"

mkdir -p "$here/data/store"
BASELINE_BIN="$baseline" python3 "$here/store/store_bench.py" "$followup" "$root" "$here/data/store" "${scenarios[@]}"
