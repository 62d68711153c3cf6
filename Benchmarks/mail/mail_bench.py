#!/usr/bin/env python3
"""The first and second `followup sync` of a mailbox of 10,000 messages, beside python imaplib
fetching the same headers and body structures (run by run-mail-bench.sh, which starts Dovecot).

    mail_bench.py fill MAILDIR             writes the INBOX's messages as Maildir files
    mail_bench.py fetch PORT USER PASSWORD [BATCH]
                                           the imaplib baseline: one run, what it found on stdout
    mail_bench.py run FOLLOWUP PORT USER PASSWORD-FILE DOVECOT-LOG SCRATCH
                                           the rounds, and the table

`fill` writes MESSAGES (10,000) messages straight into the Maildir's cur/ (Dovecot is not
running yet: it gives them UIDs in the order of their names when it first scans the folder),
INVITATIONS (200) of them invitations: plain text/calendar (7bit) in three shapes modeled on
the corpus Tests/InvitationReadingTests/Corpus/invites-eml/ (Google Calendar's multipart/mixed
with the calendar in the alternative and again as invite.ics, Outlook's multipart/alternative,
Thunderbird's application/ics attachment), each with its own UID and Message-ID and a Date:
within the 60 days before NOW. The others are ordinary mails of 1-5 KB, half a single
text/plain part and half multipart/alternative (text and HTML), dated over the 90 days before
NOW, so a third of them fall outside the first sync's window.

`run` does ROUNDS (3) rounds, each with a fresh store: `followup remote add`, the first
`followup sync` (timed), `followup inbox --json` (must list every invitation), the second sync
with nothing new (timed), then the imaplib baseline (timed): log in, select INBOX, `UID FETCH
1:* (UID RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE FROM TO CC SUBJECT
MESSAGE-ID)])`, and the messages whose structure has a calendar part read whole in one more
UID FETCH. Each is timed by wall clock around its own process, start included. Before the
rounds, one untimed imaplib pass has Dovecot index the folder and fill its cache, so no round
pays for Dovecot's first scan. Dovecot's own "Logged out in=... out=..." lines say how many
bytes each client sent and received: the second sync must receive next to nothing.
"""

import email.utils
import imaplib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import time

NOW = 1_796_169_600  # 2026-12-02 00:00 UTC, the SOURCE_DATE_EPOCH of every run
MESSAGES = int(os.environ.get("MESSAGES", "10000"))
INVITATIONS = int(os.environ.get("INVITATIONS", "200"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
# MailLimits.fetchBatch of Sources/MailSync/MailServer.swift, for the batched imaplib row.
FOLLOWUP_BATCH = int(os.environ.get("FOLLOWUP_BATCH", "2000"))
DAY = 86_400
ME = "sam.rivera@example.org"

WORDS = ("the interview process team schedule role engineering offer feedback project update meeting review plan "
         "design system quarterly customer thanks follow next steps week report budget travel draft notes call "
         "question answer time lunch office remote release build deploy hiring panel").split()
FIRST = "Dana Lee Alex Priya Jordan Chen Maria Tomas Aiko Noor Sven Lucia Omar Grace Ivan Mei".split()
LAST = "Diaz Chen Novak Patel Okafor Rossi Kim Berg Silva Haddad Ito Moreau Walsh Costa Lind".split()
COMPANIES = "acme.example globex.example initech.example umbrella.example hooli.example vandelay.example".split()


def person(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return f"{first} {last}", f"{first.lower()}.{last.lower()}@{rng.choice(COMPANIES)}"


def paragraph(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 72:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "\n".join(lines + [line])


def body_text(rng, size):
    parts = []
    while sum(len(p) for p in parts) < size:
        parts.append(paragraph(rng, rng.randint(30, 90)))
    return "\n\n".join(parts) + "\n"


def headers(rng, sent, subject, message_id, sender, recipients, cc, content_type):
    received = email.utils.formatdate(sent + rng.randint(1, 30), usegmt=True)
    lines = [
        f"Return-Path: <{sender[1]}>",
        f"Received: from mx{rng.randint(1, 9)}.example.net (mx.example.net [192.0.2.{rng.randint(1, 254)}])",
        f"\tby mail.example.org (Postfix) with ESMTPS id {rng.getrandbits(40):010X}",
        f"\tfor <{ME}>; {received}",
        f"Message-ID: <{message_id}>",
        f"Date: {email.utils.formatdate(sent, usegmt=True)}",
        f"From: {email.utils.formataddr(sender)}",
        "To: " + ", ".join(email.utils.formataddr(r) for r in recipients),
    ]
    if cc:
        lines.append("Cc: " + ", ".join(email.utils.formataddr(r) for r in cc))
    lines += [f"Subject: {subject}", "MIME-Version: 1.0", f"Content-Type: {content_type}"]
    return "\n".join(lines) + "\n"


def ordinary(rng, number, sent):
    sender = person(rng)
    recipients = [("Sam Rivera", ME)] + ([person(rng)] if rng.random() < 0.3 else [])
    cc = [person(rng) for _ in range(rng.randint(1, 2))] if rng.random() < 0.25 else []
    subject = " ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 7))).capitalize()
    message_id = f"{number}.{rng.getrandbits(48):012x}@{sender[1].split('@')[1]}"
    text = body_text(rng, rng.randint(800, 3500))
    if number % 2:
        return headers(rng, sent, subject, message_id, sender, recipients, cc, "text/plain; charset=utf-8") \
            + "Content-Transfer-Encoding: 7bit\n\n" + text
    boundary = f"=_alt_{number}_{rng.getrandbits(32):08x}"
    html = "<html><body>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n")) + "</body></html>\n"
    return (headers(rng, sent, subject, message_id, sender, recipients, cc, f'multipart/alternative; boundary="{boundary}"')
            + f"\nThis is a multi-part message in MIME format.\n\n--{boundary}\n"
            + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n" + text
            + f"\n--{boundary}\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n" + html
            + f"\n--{boundary}--\n")


def stamp(seconds):
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def calendar(rng, number, sent, organizer, summary, method):
    start = (sent // DAY + rng.randint(3, 14)) * DAY + rng.choice((14, 15, 16, 17, 18)) * 3600
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Benchmark//Mail bench 1.0//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"DTSTART:{stamp(start)}",
        f"DTEND:{stamp(start + rng.choice((30, 45, 60)) * 60)}",
        f"DTSTAMP:{stamp(sent)}",
        f"ORGANIZER;CN={organizer[0]}:mailto:{organizer[1]}",
        f"UID:mailbench-{number:05d}-{rng.getrandbits(64):016x}@{organizer[1].split('@')[1]}",
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Sam Rivera:mailto:{ME}",
        f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={organizer[0]}:mailto:{organizer[1]}",
        f"SUMMARY:{summary}",
        "DESCRIPTION:Join with Google Meet: https://meet.google.com/abc-defg-hij",
        "LOCATION:https://meet.google.com/abc-defg-hij",
        "SEQUENCE:0",
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) for line in lines)


def fold(line):
    """A content line folded at 75 octets (RFC 5545, 3.1); these lines are ASCII."""
    pieces = [line[:75]] + [" " + line[at:at + 74] for at in range(75, len(line), 74)]
    return "\n".join(pieces) + "\n"


def invitation(rng, number, sent):
    organizer = person(rng)
    company = organizer[1].split("@")[1].split(".")[0].capitalize()
    summary = f"Interview: Software Engineer at {company} ({number})"
    subject = f"Invitation: {summary} @ {email.utils.formatdate(sent, usegmt=True)[:16]}"
    message_id = f"invite-{number}.{rng.getrandbits(48):012x}@{organizer[1].split('@')[1]}"
    text = body_text(rng, rng.randint(400, 1200))
    shape = number % 3
    outer = f"=_mixed_{number}_{rng.getrandbits(32):08x}"
    inner = f"=_alt_{number}_{rng.getrandbits(32):08x}"
    request = calendar(rng, number, sent, organizer, summary, "REQUEST")
    if shape == 0:  # Google Calendar: the calendar in the alternative, and again as invite.ics
        return (headers(rng, sent, subject, message_id, organizer, [("Sam Rivera", ME)], [], f'multipart/mixed; boundary="{outer}"')
                + f"\n--{outer}\nContent-Type: multipart/alternative; boundary=\"{inner}\"\n\n--{inner}\n"
                + "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n" + text
                + f"\n--{inner}\nContent-Type: text/calendar; charset=UTF-8; method=REQUEST\nContent-Transfer-Encoding: 7bit\n\n"
                + request + f"\n--{inner}--\n\n--{outer}\n"
                + 'Content-Type: application/ics; name="invite.ics"\nContent-Disposition: attachment; filename="invite.ics"\n'
                + "Content-Transfer-Encoding: 7bit\n\n" + request + f"\n--{outer}--\n")
    if shape == 1:  # Outlook: text and calendar as alternatives
        return (headers(rng, sent, subject, message_id, organizer, [("Sam Rivera", ME)], [], f'multipart/alternative; boundary="{inner}"')
                + f"\n--{inner}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n" + text
                + f"\n--{inner}\nContent-Type: text/calendar; charset=utf-8; method=REQUEST\nContent-Transfer-Encoding: 7bit\n\n"
                + request + f"\n--{inner}--\n")
    # Thunderbird: a text part and the invitation as an application/ics attachment
    return (headers(rng, sent, subject, message_id, organizer, [("Sam Rivera", ME)], [], f'multipart/mixed; boundary="{outer}"')
            + f"\n--{outer}\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 7bit\n\n" + text
            + f"\n--{outer}\nContent-Type: application/ics; name=\"invite.ics\"\nContent-Disposition: attachment; filename=\"invite.ics\"\n"
            + "Content-Transfer-Encoding: 7bit\n\n" + request + f"\n--{outer}--\n")


def fill(maildir):
    rng = random.Random(23)
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    # Invitations spread evenly through the folder, their dates within the first sync's window.
    every = MESSAGES // max(INVITATIONS, 1)
    invitations = {i * every + every // 2 for i in range(INVITATIONS)}
    total = 0
    for number in range(MESSAGES):
        if number in invitations:
            sent = NOW - rng.randint(DAY, 59 * DAY)
            text = invitation(rng, number, sent)
        else:
            sent = NOW - rng.randint(600, 90 * DAY)
            text = ordinary(rng, number, sent)
        data = text.encode()
        total += len(data)
        # Names sort in UID order: Dovecot numbers new files by their names.
        path = os.path.join(maildir, "cur", f"{NOW - 100 * DAY + number}.M{number}P1.mailbench,S={len(data)}:2,S")
        with open(path, "wb") as file:
            file.write(data)
        os.utime(path, (sent, sent))
    print(f"{MESSAGES} messages, {len(invitations)} invitations, {total / 1e6:.1f} MB")


CALENDAR_PART = re.compile(rb'"text" "calendar"|"application" "(?:ics|calendar)"|\.ics"', re.IGNORECASE)
UID = re.compile(rb"UID (\d+)")


def fetch(port, user, password, batch="0"):
    """What an imaplib client does to learn the same: every message's headers and structure
    (in one FETCH, or in FETCHes of `batch` UIDs), then the invitations whole."""
    imap = imaplib.IMAP4("127.0.0.1", int(port))
    imap.login(user, password)
    status, data = imap.select("INBOX", readonly=True)
    assert status == "OK", data
    items = "(UID RFC822.SIZE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (DATE FROM TO CC SUBJECT MESSAGE-ID)])"
    if int(batch) > 0:
        _, (uid_next,) = imap.status("INBOX", "(UIDNEXT)")
        last = int(re.search(rb"UIDNEXT (\d+)", uid_next).group(1)) - 1
        data = []
        for low in range(1, last + 1, int(batch)):
            status, reply = imap.uid("FETCH", f"{low}:{min(last, low + int(batch) - 1)}", items)
            assert status == "OK", reply
            data += reply
    else:
        status, data = imap.uid("FETCH", "1:*", items)
        assert status == "OK", data
    messages, calendars, header_bytes = 0, [], 0
    for item in data:
        if not isinstance(item, tuple):
            continue
        messages += 1
        header_bytes += len(item[1])
        if CALENDAR_PART.search(item[0]):
            calendars.append(UID.search(item[0]).group(1).decode())
    whole = 0
    if calendars:
        status, data = imap.uid("FETCH", ",".join(calendars), "(BODY.PEEK[])")
        assert status == "OK", data
        whole = sum(len(item[1]) for item in data if isinstance(item, tuple))
    imap.logout()
    print(json.dumps({"messages": messages, "invitations": len(calendars), "headerBytes": header_bytes, "wholeBytes": whole}))


class DovecotLog:
    """The bytes in and out of each IMAP session Dovecot logged since the last look."""

    PATTERN = re.compile(r"imap\((\S+)\).*Logged out in=(\d+) out=(\d+)")

    def __init__(self, path):
        self.path = path
        self.offset = os.path.getsize(path) if os.path.exists(path) else 0

    def sessions(self, expected):
        """Waits (at most 2 s: Dovecot logs a session as it ends, just after the client is gone)
        for `expected` new sessions; returns [(in, out)]."""
        found = []
        deadline = time.monotonic() + 2
        while True:
            with open(self.path, "rb") as log:
                log.seek(self.offset)
                text = log.read().decode(errors="replace")
            found = [(int(m.group(2)), int(m.group(3))) for m in self.PATTERN.finditer(text)]
            if len(found) >= expected or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.offset += len(text.encode(errors="replace"))
        return found


def timed(arguments, environment):
    started = time.perf_counter()
    result = subprocess.run(arguments, capture_output=True, text=True, env=environment)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(arguments[:3])} failed ({result.returncode}): {result.stderr.strip()}")
    return seconds, result.stdout


def run(binary, port, user, password_file, dovecot_log, scratch):
    password = open(password_file).read().strip()
    baseline = [sys.executable, os.path.abspath(__file__), "fetch", port, user, password]
    log = DovecotLog(dovecot_log)
    # Dovecot indexes the folder and caches the fields asked for at its first FETCH: untimed.
    _, warm = timed(baseline, dict(os.environ))
    warm = json.loads(warm)
    log.sessions(1)
    print(f"INBOX: {warm['messages']} messages, {warm['invitations']} with a calendar part "
          f"(Dovecot indexed and cached by one untimed imaplib pass)", file=sys.stderr)
    if warm["invitations"] != INVITATIONS:
        raise SystemExit(f"the INBOX has {warm['invitations']} messages with a calendar part, not {INVITATIONS}")

    rows = []
    for round_number in range(1, ROUNDS + 1):
        store = os.path.join(scratch, f"store-{round_number}.sqlite")
        environment = dict(os.environ, FOLLOWUP_STORE=store, HOME=scratch, SOURCE_DATE_EPOCH=str(NOW), TZ="UTC")
        environment.pop("FOLLOWUP_PASSWORD", None)
        timed([binary, "remote", "add", "mail", f"imap://127.0.0.1:{port}", "--user", user, "--password-file", password_file],
              environment)
        first, report = timed([binary, "sync", "mail"], environment)
        # Two sessions: followup's commands, and the connection its envelopes stream on.
        first_sessions = log.sessions(2)
        _, listing = timed([binary, "inbox", "--json"], environment)
        listed = len(json.loads(listing))
        if listed != INVITATIONS:
            raise SystemExit(f"round {round_number}: `followup inbox --json` lists {listed} invitations after the first sync, "
                             f"not {INVITATIONS}\n{report}")
        second, again = timed([binary, "sync", "mail"], environment)
        second_sessions = log.sessions(1)
        fetched, found = timed(baseline, dict(os.environ))
        found = json.loads(found)
        if found["invitations"] != INVITATIONS:
            raise SystemExit(f"round {round_number}: imaplib found {found['invitations']} invitations")
        imaplib_sessions = log.sessions(1)
        # The same client in FETCHes as small as followup's (MailLimits.fetchBatch): what the
        # round trips alone cost.
        batched, found = timed(baseline + [str(FOLLOWUP_BATCH)], dict(os.environ))
        if json.loads(found)["invitations"] != INVITATIONS:
            raise SystemExit(f"round {round_number}: imaplib in batches found {found}")
        log.sessions(1)
        rows.append((first, second, fetched, batched))
        out = [sum(o for _, o in sessions) for sessions in (first_sessions, second_sessions, imaplib_sessions)]
        print(f"round {round_number}: first sync {first:.2f} s ({out[0] / 1e6:.1f} MB from Dovecot), "
              f"second {second:.3f} s ({out[1]} bytes), imaplib {fetched:.2f} s ({out[2] / 1e6:.1f} MB), "
              f"imaplib by {FOLLOWUP_BATCH} {batched:.2f} s; "
              f"first sync said: {report.strip().splitlines()[-1] if report.strip() else '(nothing)'}", file=sys.stderr)
        os.remove(store)

    first, second, fetched, batched = (statistics.median(column) for column in zip(*rows))
    ratio = first / fetched
    print(f"\nINBOX of {MESSAGES} messages ({INVITATIONS} invitations), median of {ROUNDS} rounds, wall clock with process start:")
    print(f"{'first followup sync':<34}{first:>8.2f} s")
    print(f"{'second sync (nothing new)':<34}{second:>8.3f} s")
    print(f"{'python imaplib fetch':<34}{fetched:>8.2f} s")
    print(f"{'first sync / imaplib':<34}{ratio:>8.2f}x")
    print(f"{f'imaplib, {FOLLOWUP_BATCH} UIDs per FETCH':<34}{batched:>8.2f} s   (followup's batches: the round trips' share)")
    print(f"goals: first sync within 2x of imaplib's fetch: {'met' if ratio <= 2 else 'NOT met'} ({ratio:.2f}x); "
          f"second sync under 0.5 s: {'met' if second < 0.5 else 'NOT met'} ({second:.3f} s)")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "fill" and len(sys.argv) == 3:
        fill(sys.argv[2])
    elif command == "fetch" and len(sys.argv) in (5, 6):
        fetch(*sys.argv[2:])
    elif command == "run" and len(sys.argv) == 8:
        run(*sys.argv[2:])
    else:
        raise SystemExit(__doc__)
