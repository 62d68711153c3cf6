#!/usr/bin/env python3
"""Opens idle connections to a server on 127.0.0.1 and watches its memory and what it closes.

    python3 idle_connections.py LABEL PID PORT [--count 3000] [--wait 15] [--rounds 2]

Opens COUNT TCP connections that send nothing, then waits up to WAIT seconds for the server to
close them; ROUNDS times, keeping whatever the server did not close. Prints one tab-separated
line per round:

    LABEL-ROUND  opened  closed  seconds-until-all-closed  rss-before-KiB  rss-during-KiB
                 rss-after-KiB  fds-before  fds-during  fds-after

"during" is with the round's connections open; "after" is at the end of the wait, with
whatever the server still holds. A server whose memory is bounded shows the same "during" in
every round: it reuses what the closed connections freed. Only the standard library; every
loop is bounded by COUNT, ROUNDS or the deadline.
"""
import argparse
import os
import resource
import selectors
import socket
import time


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def open_descriptors(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("label")
    parser.add_argument("pid", type=int)
    parser.add_argument("port", type=int)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--wait", type=float, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, args.count * args.rounds + 100)), hard))
    kept = []
    for round in range(1, args.rounds + 1):
        kept += one_round(args, f"{args.label}-{round}")
    for sock in kept:
        sock.close()


def one_round(args, label):
    """Opens the round's connections, waits, and returns those the server left open."""
    rss_before, fds_before = rss_kib(args.pid), open_descriptors(args.pid)
    sockets = []
    for _ in range(args.count):
        try:
            sockets.append(socket.create_connection(("127.0.0.1", args.port), timeout=5))
        except OSError:
            break
    opened_at = time.monotonic()
    time.sleep(1)
    rss_during, fds_during = rss_kib(args.pid), open_descriptors(args.pid)

    selector = selectors.DefaultSelector()
    for sock in sockets:
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ)
    open_count = len(sockets)
    all_closed_after = None
    deadline = opened_at + args.wait
    while open_count and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
            try:
                data = key.fileobj.recv(4096)
            except (ConnectionResetError, BlockingIOError):
                data = b""
            if not data:
                selector.unregister(key.fileobj)
                open_count -= 1
        if open_count == 0:
            all_closed_after = time.monotonic() - opened_at
    time.sleep(0.5)
    rss_after, fds_after = rss_kib(args.pid), open_descriptors(args.pid)
    still_open = [key.fileobj for key in selector.get_map().values()]
    for sock in sockets:
        if sock not in still_open:
            sock.close()
    selector.close()

    closed = len(sockets) - open_count
    until = f"{all_closed_after:.1f}" if all_closed_after is not None else "-"
    print("\t".join(map(str, [label, len(sockets), closed, until, rss_before, rss_during, rss_after,
                              fds_before, fds_during, fds_after])), flush=True)
    return still_open


main()
