# Sourced by the benchmark scripts that compare `followup` with a baseline build: sets
# `followup` (the binary measured) and `baseline` (empty when there is none).
#
#   FOLLOWUP_BIN=PATH   the binary to measure, already built; else this checkout, built in release mode
#   BASELINE_BIN=PATH   the baseline, already built; else BASELINE=REF (default main) is built
#                       in its own scratch path, and BASELINE= measures no baseline
benchmarks="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
followup="${FOLLOWUP_BIN:-}"
if [[ -z "$followup" ]]; then
    echo "building followup (release)..." >&2
    followup="$("$benchmarks/build-followup.sh")"
fi
baseline="${BASELINE_BIN:-}"
baseline_ref="${BASELINE-main}"
if [[ -z "$baseline" && -n "$baseline_ref" ]]; then
    echo "building followup at $baseline_ref (release), the baseline..." >&2
    baseline="$("$benchmarks/build-followup.sh" "$baseline_ref")"
fi
