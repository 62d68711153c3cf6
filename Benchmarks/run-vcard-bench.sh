#!/usr/bin/env bash
# Throughput of VCardKit against python-vobject on generated business cards.
#
#   Benchmarks/run-vcard-bench.sh [CARDS]      (default 20000 cards, about 15 MB)
#
# Generates the data with Benchmarks/generate_vcards.py into Benchmarks/data/ (ignored by git;
# made again when the generator is newer than it), builds VCardBench in release mode,
# runs both parsers pinned to one core, best of several runs, and prints a table. vobject cannot
# read quoted-printable soft line breaks, so it reads the --flat-qp variant; VCardKit reads both.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
generate="$here/generate_vcards.py"
cards="${1:-20000}"
data="$here/data"
mkdir -p "$data"

big="$data/big-$cards.vcf"
flat="$data/big-flat-$cards.vcf"
[[ -s "$big" && "$big" -nt "$generate" ]] || python3 "$generate" "$cards" "$big"
[[ -s "$flat" && "$flat" -nt "$generate" ]] || python3 "$generate" --flat-qp "$cards" "$flat"

if ! python3 -c "import vobject" 2>/dev/null; then
    echo "python-vobject is missing: installing it with pip" >&2
    python3 -m pip install --quiet vobject
fi

echo "building VCardBench (release)..." >&2
swift build -c release --package-path "$here" --product VCardBench >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/VCardBench"

pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

results="$data/results.tsv"
{
    "${pin[@]}" "$bench" --runs 7 "$big" "$flat"
    "${pin[@]}" python3 "$here/vobject_bench.py" --runs 3 "$flat"
} | tee "$results" >&2

python3 - "$results" <<'PYTHON'
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'reader':<17} {'file':<22} {'MB':>6} {'cards':>7} {'best s':>8} {'MB/s':>8} {'cards/s':>10}")
speed = {}
for reader, name, size, cards, seconds in rows:
    size, cards, seconds = int(size), int(cards), float(seconds)
    mbps = size / 1e6 / seconds
    speed[(reader, name)] = mbps
    print(f"{reader:<17} {name:<22} {size / 1e6:>6.1f} {cards:>7} {seconds:>8.3f} {mbps:>8.1f} {cards / seconds:>10.0f}")
flat = next(name for reader, name in speed if reader == "vobject")
vobject = speed[("vobject", flat)]
for reader in ("vcardkit-memory", "vcardkit-file"):
    print(f"{reader} / vobject on {flat}: {speed[(reader, flat)] / vobject:.0f}x")
PYTHON
