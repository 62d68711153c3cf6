#!/usr/bin/env bash
# Throughput of VCardKit against python-vobject on generated business cards, and of the whole
# `followup card --json` (and the text report) against the same command built from a baseline.
#
#   Benchmarks/run-vcard-bench.sh [CARDS]      (default 20000 cards, about 15 MB)
#   BASELINE=REF Benchmarks/run-vcard-bench.sh (default BASELINE=main; BASELINE= skips it)
#   FOLLOWUP_BIN=PATH BASELINE_BIN=PATH ...    (binaries already built: they are not built)
#
# Generates the data with Benchmarks/generate_vcards.py into Benchmarks/data/ (ignored by git;
# made again when the generator is newer than it), builds VCardBench in release mode,
# runs both parsers pinned to one core, best of several runs, then `followup card` end to end
# on every processor and pinned to one, and prints a table. vobject cannot
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

source "$here/binaries.sh"

# `followup card` end to end, as a user runs it: process start, reading, writing to a file;
# best of several runs, on every processor (a large file is read on several threads) and
# pinned to one. Both binaries' outputs must be the same bytes.
end_to_end() {
    python3 - "$big" "$data" "$@" <<'PYTHON'
import os, shutil, subprocess, sys, time
big, data, binaries = sys.argv[1], sys.argv[2], sys.argv[3:]
size = os.path.getsize(big)
cards = sum(1 for line in open(big, "rb") if line.startswith(b"BEGIN:VCARD"))
pin = ["taskset", "-c", "0"] if shutil.which("taskset") else None
outputs = {}
for label, binary in zip(binaries[::2], binaries[1::2]):
    for mode, flags in (("json", ["--json"]), ("text", [])):
        out = os.path.join(data, f"card-{label}.{mode}")
        for suffix, prefix in (("", []), ("-1cpu", pin)):
            if prefix is None:
                continue
            best = float("inf")
            for _ in range(5):
                with open(out, "wb") as sink:
                    start = time.perf_counter()
                    subprocess.run([*prefix, binary, "card", *flags, big], stdout=sink, stderr=subprocess.DEVNULL, check=True)
                    best = min(best, time.perf_counter() - start)
            print(f"followup-{label}-{mode}{suffix}\t{os.path.basename(big)}\t{size}\t{cards}\t{best}")
        outputs.setdefault(mode, []).append(open(out, "rb").read())
for mode, texts in outputs.items():
    same = all(text == texts[0] for text in texts)
    print(f"# card {mode}: outputs of {' and '.join(binaries[::2])} {'identical' if same else 'DIFFER'} ({len(texts[0])} bytes)", file=sys.stderr)
PYTHON
}

results="$data/results.tsv"
{
    "${pin[@]}" "$bench" --runs 7 "$big" "$flat"
    "${pin[@]}" python3 "$here/vobject_bench.py" --runs 3 "$flat"
    if [[ -n "$baseline" ]]; then
        end_to_end this "$followup" baseline "$baseline"
    else
        end_to_end this "$followup"
    fi
} | tee "$results" >&2

python3 - "$results" <<'PYTHON'
import sys

rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
print(f"{'reader':<28} {'file':<22} {'MB':>6} {'cards':>7} {'best s':>8} {'MB/s':>8} {'cards/s':>10}")
speed = {}
for reader, name, size, cards, seconds in rows:
    size, cards, seconds = int(size), int(cards), float(seconds)
    mbps = size / 1e6 / seconds
    speed[(reader, name)] = mbps
    print(f"{reader:<28} {name:<22} {size / 1e6:>6.1f} {cards:>7} {seconds:>8.3f} {mbps:>8.1f} {cards / seconds:>10.0f}")
flat = next(name for reader, name in speed if reader == "vobject")
vobject = speed[("vobject", flat)]
for reader in ("vcardkit-memory", "vcardkit-file"):
    print(f"{reader} / vobject on {flat}: {speed[(reader, flat)] / vobject:.0f}x")
for mode in ("json", "text"):
    for suffix, where in (("", "on every processor"), ("-1cpu", "pinned to one processor")):
        this = next((v for (r, _), v in speed.items() if r == f"followup-this-{mode}{suffix}"), None)
        base = next((v for (r, _), v in speed.items() if r == f"followup-baseline-{mode}{suffix}"), None)
        if this and base:
            print(f"followup card{' --json' if mode == 'json' else ''} end to end, {where}: {this:.0f} MB/s, "
                  f"baseline {base:.0f} MB/s ({this / base:.1f}x)")
PYTHON
