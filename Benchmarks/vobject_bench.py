#!/usr/bin/env python3
"""Measures python-vobject reading a vCard file: best of several runs.

Usage: vobject_bench.py [--runs N] FILE
Prints one tab-separated line, `vobject FILE BYTES CARDS SECONDS`, like VCardBench. The text is
decoded before the clock starts, as VCardBench's bytes are read before it starts; every card is
parsed in full (readComponents transforms each into vobject's objects).
"""
import os
import sys
import time

import vobject


def main() -> None:
    args = sys.argv[1:]
    runs = 3
    if "--runs" in args:
        index = args.index("--runs")
        runs = int(args[index + 1])
        del args[index:index + 2]
    path = args[0]
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    best, cards = float("inf"), 0
    for _ in range(runs):
        start = time.perf_counter()
        cards = sum(1 for _ in vobject.readComponents(text))
        best = min(best, time.perf_counter() - start)
    print(f"vobject\t{os.path.basename(path)}\t{os.path.getsize(path)}\t{cards}\t{best}")


if __name__ == "__main__":
    main()
