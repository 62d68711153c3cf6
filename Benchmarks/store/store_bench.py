#!/usr/bin/env python3
"""Times `followup`'s change and read commands on stores of several sizes (see run-store-bench.sh).

    [BASELINE_BIN=PATH] store_bench.py FOLLOWUP-BINARY REPOSITORY DATA-DIR SCENARIO...
                                                     (SCENARIO: long-100, open-10000, ...)

For each scenario and each binary (the one under test, "new", and BASELINE_BIN, "base", when
given): a fresh store and feed folder, the CSV imported (timed, with peak memory), then `add`,
`done`, `cancel` and `agenda`, each run REPEAT times, the binaries taking turns (median
reported, each with its own peak memory), the feed's size, and two floors measured in the same
run: "write once", writing the two feed files' bytes (already in memory) to new files, fsync
and rename each, what no feed can beat; and `feed --rebuild` (every component rendered again:
the cost of a full regeneration). Each command is timed end to end, process start included.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

binary, repository, data = sys.argv[1], sys.argv[2], sys.argv[3]
scenarios = sys.argv[4:]
# The binary under test, and the baseline (BASELINE_BIN, e.g. main's) measured in the same run.
binaries = [("new", binary)] + ([("base", os.environ["BASELINE_BIN"])] if os.environ.get("BASELINE_BIN") else [])
NOW = 1_796_169_600  # 2026-12-02 00:00 UTC
REPEAT = int(os.environ.get("REPEAT", "5"))
here = os.path.dirname(os.path.abspath(__file__))
cards = [os.path.join(repository, "Samples/cards/dana-diaz.vcf"), os.path.join(repository, "Samples/cards/lee-chen.vcf")]


def peak_of(binary, arguments, store):
    """Runs a followup binary; returns (seconds, its peak resident MiB, stdout)."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=str(NOW), FOLLOWUP_STORE=store)
    started = time.perf_counter()
    errors = tempfile.TemporaryFile()
    process = subprocess.Popen([binary] + arguments, stdout=subprocess.PIPE, stderr=errors, env=environment)
    # wait4 gives this child's own resource use, peak resident memory included.
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    errors.seek(0)
    err = errors.read()
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"followup {' '.join(arguments)} failed: {err.decode()}")
    return elapsed, usage.ru_maxrss / 1024, out.decode()


def write_once(paths, target):
    """Writes the feed files' bytes to a new file and syncs it: a feed's floor."""
    blobs = [open(path, "rb").read() for path in paths]
    started = time.perf_counter()
    for index, blob in enumerate(blobs):
        name = f"{target}.{index}"
        with open(name, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.rename(name, f"{target}.{index}.done")
    return time.perf_counter() - started


def change_runs(binary, store, attempt, timings, peaks):
    """One round of add, done, cancel and agenda; each one's time and peak memory recorded."""
    seconds, peak, out = peak_of(binary, ["add", "--card", cards[0], "--card", cards[1], "--at", f"2026-12-{10 + attempt:02d} 11:00",
                                          "--tz", "Europe/Berlin", "--company", f"Bench {attempt}", "--role", "Benchmark"], store)
    timings["add"].append(seconds); peaks["add"] = max(peaks["add"], peak)
    interview = out.split("stored interview ")[1].split()[0]
    followups = [line.split()[0] for line in out.splitlines() if "[ ]" in line]
    for key, arguments in (("done", ["done", followups[0]]), ("cancel", ["cancel", interview, "--reason", "withdrawn"]),
                           ("agenda", ["agenda", "--tz", "UTC"])):
        seconds, peak, _ = peak_of(binary, arguments, store)
        timings[key].append(seconds); peaks[key] = max(peaks[key], peak)


rows = []
for scenario in scenarios:
    shape, count = scenario.split("-")
    count = int(count)
    folder = os.path.join(data, scenario)
    os.makedirs(folder, exist_ok=True)
    csv_path = os.path.join(folder, "search.csv")
    if not os.path.exists(csv_path):
        subprocess.run([sys.executable, os.path.join(here, "generate_search.py"), str(count), shape, str(NOW), csv_path], check=True)
    state = {}
    for label, binary in binaries:
        # Each binary imports into a store of its own, beside its own feed folder.
        store = os.path.join(folder, f"{label}-store.sqlite")
        feed = os.path.join(folder, f"{label}-feed")
        for name in os.listdir(folder):
            if name.startswith(f"{label}-store.sqlite"):
                os.remove(os.path.join(folder, name))
        peak_of(binary, ["feed", "--out", feed], store)
        import_seconds, import_peak, _ = peak_of(binary, ["import", csv_path], store)
        files = [os.path.join(feed, "events.ics"), os.path.join(feed, "tasks.ics")]
        state[label] = dict(store=store, files=files, import_seconds=import_seconds, import_peak=import_peak,
                            timings={"add": [], "done": [], "cancel": [], "agenda": []},
                            peaks={key: 0.0 for key in ("add", "done", "cancel", "agenda")})
    # The binaries take turns, round by round, so both see the same load on a shared machine.
    for attempt in range(REPEAT):
        for label, binary in binaries:
            change_runs(binary, state[label]["store"], attempt, state[label]["timings"], state[label]["peaks"])
    for label, binary in binaries:
        entry = state[label]
        files = entry["files"]
        once = min(write_once(files, os.path.join(folder, f"{label}-copy")) for _ in range(3))
        rebuild = min(peak_of(binary, ["feed", "--rebuild"], entry["store"])[0] for _ in range(2))
        rows.append((f"{scenario} {label}", count, entry["import_seconds"], entry["import_peak"],
                     sum(os.path.getsize(path) for path in files), once, rebuild,
                     {key: statistics.median(values) for key, values in entry["timings"].items()}, entry["peaks"]))
    print(f"{scenario}: done", file=sys.stderr, flush=True)

print(f"{'store':<19} {'import s':>9} {'import MiB':>10} {'feed MB':>8} {'write-once s':>12} {'rebuild s':>9}"
      f" {'add s':>7} {'done s':>7} {'cancel s':>8} {'agenda s':>8} {'peak MiB (add/done/cancel/agenda)':>34}")
for scenario, count, import_seconds, import_peak, feed_bytes, once, rebuild, median, peaks in rows:
    print(f"{scenario:<19} {import_seconds:>9.2f} {import_peak:>10.0f} {feed_bytes / 1e6:>8.2f} {once:>12.3f} {rebuild:>9.2f}"
          f" {median['add']:>7.3f} {median['done']:>7.3f} {median['cancel']:>8.3f} {median['agenda']:>8.3f}"
          f" {'/'.join(f'{peaks[k]:.0f}' for k in ('add', 'done', 'cancel', 'agenda')):>34}")
by_name = {row[0]: row for row in rows}
for label, _ in binaries:
    smallest = f"long-100 {label}"
    for name, row in by_name.items():
        if not name.endswith(f" {label}"):
            continue
        if name.startswith("long-") and smallest in by_name and name != smallest:
            ratios = ", ".join(f"{key} {row[7][key] / by_name[smallest][7][key]:.2f}x" for key in ("add", "done", "cancel", "agenda"))
            print(f"{name} against {smallest}: {ratios} (goal: each change within 2x)")
        if name.startswith("open-"):
            print(f"{name}: add {row[7]['add']:.3f} s, done {row[7]['done']:.3f} s, cancel {row[7]['cancel']:.3f} s against writing the feed once "
                  f"{row[5]:.3f} s ({row[7]['add'] / row[5]:.1f}x, {row[7]['done'] / row[5]:.1f}x, {row[7]['cancel'] / row[5]:.1f}x) "
                  f"and a full regeneration (feed --rebuild) {row[6]:.3f} s")
            if smallest in by_name:
                # What the store's size adds to a change: its time beyond the same command at 100
                # interviews (process start, reading cards, planning), against writing the feed once.
                extra = {key: row[7][key] - by_name[smallest][7][key] for key in ("add", "done", "cancel")}
                print(f"{name}: beyond the same change at 100 interviews, add +{extra['add']:.3f} s, done +{extra['done']:.3f} s, "
                      f"cancel +{extra['cancel']:.3f} s: {extra['add'] / row[5]:.1f}x, {extra['done'] / row[5]:.1f}x, "
                      f"{extra['cancel'] / row[5]:.1f}x writing the feed once")
