#!/usr/bin/env bash
# Builds a release `followup` and prints the binary's path, for the benchmarks that run the
# command end to end.
#
#   Benchmarks/build-followup.sh            this checkout, in its own .build
#   Benchmarks/build-followup.sh REF        the commit REF (a baseline such as main), exported
#                                           with git archive into Benchmarks/data/baseline-<commit>/
#                                           and built there with a scratch path of its own
#
# A baseline is built once per commit and reused by later runs.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"

if [[ $# -eq 0 ]]; then
    swift build -c release --package-path "$root" --product followup >&2
    echo "$(swift build -c release --package-path "$root" --show-bin-path)/followup"
    exit 0
fi

commit="$(git -C "$root" rev-parse --short=12 "$1^{commit}")"
source="$here/data/baseline-$commit"
if [[ ! -s "$source/Package.swift" ]]; then
    rm -rf "$source"
    mkdir -p "$source"
    git -C "$root" archive "$commit" | tar -x -C "$source"
fi
swift build -c release --package-path "$source" --scratch-path "$source/.build" --product followup >&2
echo "$(swift build -c release --package-path "$source" --scratch-path "$source/.build" --show-bin-path)/followup"
