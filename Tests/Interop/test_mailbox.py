"""The mailbox suite: `followup sync` with a real IMAP server (Dovecot, started by each test on
127.0.0.1), python imaplib playing the user's mail program.

The invitation is a real Google Calendar e-mail of the repository's invitation corpus
(Tests/InvitationReadingTests/Corpus/invites-eml); its reschedule and cancellation are made of
its own calendar part, as Google would send them. Times: the interview is on 22 March 2021 at
09:30 UTC; each sync runs at a moment set by SOURCE_DATE_EPOCH.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import email.utils
import json
import os
import re
import signal
import subprocess
import time
from email.message import EmailMessage
from pathlib import Path

import pytest

from conftest import ROOT, followup_binary
from mail_server import PASSWORD, USER, MailServer, start_dovecot

CORPUS = ROOT / "Tests" / "InvitationReadingTests" / "Corpus" / "invites-eml"
INVITATION = CORPUS / "google-calendar-meet-request-qp-cal-crlf.eml"
ORGANIZER = "example@gmail.com"
ME = "homer@example.com"


def epoch(text: str) -> str:
    return str(int(dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc).timestamp()))


BEFORE = epoch("2021-03-22T09:20:00")   # the invitation has arrived, the interview is ahead
AFTER = epoch("2021-03-22T15:00:00")    # the interview is over


class Mailbox:
    """A store, a Dovecot, and a mail account named 'mail' on it."""

    def __init__(self, server: MailServer, folder: Path, url: str | None = None, environment: dict[str, str] | None = None):
        self.server = server
        self.folder = folder
        password_file = folder / "password"
        password_file.write_text(PASSWORD + "\n")
        password_file.chmod(0o600)
        self.environment = {"FOLLOWUP_STORE": str(folder / "store.sqlite"), "HOME": str(folder), "SOURCE_DATE_EPOCH": BEFORE,
                            **(environment or {})}
        self.run(["profile", "--name", "Homer Seeker", "--email", ME, "--signature", "Homer Seeker\\n+1 555 0100"])
        self.run(["remote", "add", "mail", url or f"imap://127.0.0.1:{server.port}", "--user", USER, "--password-file", str(password_file)])

    def run(self, arguments: list[str], check: bool = True, at: str | None = None) -> subprocess.CompletedProcess:
        environment = {**os.environ, **self.environment}
        if at:
            environment["SOURCE_DATE_EPOCH"] = at
        result = subprocess.run([str(followup_binary()), *arguments], capture_output=True, text=True, env=environment, timeout=120)
        if check:
            assert result.returncode == 0, f"followup {' '.join(arguments)} failed: {result.stderr}"
        return result

    def sync(self, at: str = BEFORE, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(["sync", "mail"], check=check, at=at)

    def inbox(self) -> list[dict]:
        return json.loads(self.run(["inbox", "--json"]).stdout)

    def interviews(self) -> list[dict]:
        return json.loads(self.run(["list", "--all", "--json"]).stdout)

    def follow_ups(self) -> list[dict]:
        return [item for interview in self.interviews() for item in interview["followUps"]]

    def add_from_inbox(self) -> str:
        [entry] = self.inbox()
        output = self.run(["add", "--invite", f"inbox:{entry['id']}", "--company", "Acme"], at=BEFORE).stdout
        assert "added" in output or "stored" in output, output
        [interview] = self.interviews()
        return interview["id"]

    # The mail program.
    def deliver(self, message: bytes, folder: str = "INBOX", flags: str = "") -> None:
        client = self.server.client()
        try:
            status, _ = client.append(quote(folder), flags, None, message)
            assert status == "OK"
        finally:
            client.logout()

    def messages(self, folder: str) -> list[tuple[int, set[str], email.message.Message]]:
        """Every message of `folder`: its UID, its flags, and the message."""
        client = self.server.client()
        try:
            client.select(quote(folder))
            status, data = client.uid("FETCH", "1:*", "(UID FLAGS BODY.PEEK[])")
            assert status == "OK"
            found = []
            for item in data:
                if not isinstance(item, tuple):
                    continue
                head = item[0].decode()
                uid = int(re.search(r"UID (\d+)", head).group(1))
                flags = set(re.search(r"FLAGS \(([^)]*)\)", head).group(1).split())
                found.append((uid, flags, email.message_from_bytes(item[1], policy=email.policy.default)))
            return found
        finally:
            client.logout()

    def move(self, uid: int, source: str, target: str, date: str) -> None:
        """Sends a draft as a mail program does: a copy dated now goes to Sent, the draft goes away."""
        [message] = [m for u, _, m in self.messages(source) if u == uid]
        del message["Date"]
        message["Date"] = date
        del message["X-Unsent"]
        self.deliver(message.as_bytes(), target, r"(\Seen)")
        client = self.server.client()
        try:
            client.select(quote(source))
            client.uid("STORE", str(uid), "+FLAGS", r"(\Deleted)")
            client.expunge()
        finally:
            client.logout()


def quote(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\").replace('"', '\\"') + '"'


def calendar_of(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/calendar":
            return part.get_content()
    raise AssertionError(f"{path} has no text/calendar part")


def invitation_copy(method: str, sequence: int, start: str, end: str, sent: str) -> bytes:
    """The corpus invitation's calendar, as the organizer's calendar sends its next copy."""
    calendar = calendar_of(INVITATION)
    calendar = re.sub(r"METHOD:\w+", f"METHOD:{method}", calendar)
    calendar = re.sub(r"SEQUENCE:\d+", f"SEQUENCE:{sequence}", calendar)
    calendar = re.sub(r"DTSTART:\w+", f"DTSTART:{start}", calendar)
    calendar = re.sub(r"DTEND:\w+", f"DTEND:{end}", calendar)
    calendar = re.sub(r"DTSTAMP:\w+", f"DTSTAMP:{sent}", calendar)
    if method == "CANCEL":
        calendar = re.sub(r"STATUS:\w+", "STATUS:CANCELLED", calendar)
    message = EmailMessage()
    message["From"] = ORGANIZER
    message["To"] = ME
    message["Subject"] = ("Canceled: " if method == "CANCEL" else "Updated invitation: ") + "Meeeeet me HTML"
    message["Date"] = email.utils.format_datetime(dt.datetime.strptime(sent, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.timezone.utc))
    message["Message-ID"] = email.utils.make_msgid(domain="google.com")
    message.set_content("The invitation changed.")
    message.add_attachment(calendar.encode(), maintype="text", subtype="calendar", params={"method": method})
    return message.as_bytes()


def plain_mail(sender: str, recipient: str, subject: str, date: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = recipient
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = email.utils.make_msgid(domain="example.com")
    message.set_content("Thanks for your note, we will be in touch.")
    return message.as_bytes()


@pytest.fixture(params=["special-use", "gmail"])
def mailbox(request, tmp_path):
    server = start_dovecot(tmp_path / "dovecot", layout=request.param)
    try:
        yield Mailbox(server, tmp_path)
    finally:
        server.stop()


@pytest.fixture
def plain(tmp_path):
    """One layout only, for what does not depend on the folders' names."""
    server = start_dovecot(tmp_path / "dovecot")
    try:
        yield Mailbox(server, tmp_path)
    finally:
        server.stop()


def drafts(box: Mailbox) -> list[tuple[int, set[str], email.message.Message]]:
    return box.messages(box.server.drafts)


def test_an_invitation_is_listed_then_added(plain):
    plain.deliver(INVITATION.read_bytes())
    output = plain.sync().stdout
    assert "invitation" in output
    [entry] = plain.inbox()
    assert entry["summary"] == "Meeeeet me HTML"
    assert entry["start"] == "2021-03-22T09:30:00Z"
    assert entry["organizer"] == ORGANIZER
    assert re.fullmatch(r"[0-9a-f]{6}", entry["id"])
    assert plain.interviews() == [], "a new invitation is not stored by itself"
    plain.add_from_inbox()
    [interview] = plain.interviews()
    assert interview["company"] == "Acme"
    assert interview["start"] == "2021-03-22T09:30:00Z"
    assert plain.inbox() == [], "an added invitation leaves the inbox"


def test_a_reschedule_and_a_cancellation_are_followed_and_keep_what_the_user_set(plain):
    plain.deliver(INVITATION.read_bytes())
    plain.sync()
    plain.add_from_inbox()
    plain.deliver(invitation_copy("REQUEST", 1, "20210323T140000Z", "20210323T150000Z", "20210322T093000Z"))
    output = plain.sync(at=epoch("2021-03-22T09:40:00")).stdout
    [interview] = plain.interviews()
    assert interview["start"] == "2021-03-23T14:00:00Z", output
    assert interview["company"] == "Acme", "what the user set at add is kept"
    assert interview["state"] == "open"
    plain.deliver(invitation_copy("CANCEL", 2, "20210323T140000Z", "20210323T150000Z", "20210322T100000Z"))
    plain.sync(at=epoch("2021-03-22T10:10:00"))
    [interview] = plain.interviews()
    assert interview["state"] == "ended"
    assert all(item["status"] != "planned" for item in interview["followUps"])


def test_drafts_land_once_with_the_draft_flag_and_follow_the_plan(mailbox):
    mailbox.deliver(INVITATION.read_bytes())
    mailbox.sync()
    mailbox.add_from_inbox()
    mailbox.sync()
    emails = [item for item in mailbox.follow_ups() if item["action"] in ("thank-you e-mail", "check-in e-mail")]
    found = drafts(mailbox)
    assert len(found) == len(emails) == 2
    for _, flags, message in found:
        assert "\\Draft" in flags
        assert [address.addr_spec for address in message["To"].addresses] == [ORGANIZER]
        assert "Homer Seeker" in message.get_body().get_content()
    subjects = sorted(str(message["Subject"]) for _, _, message in found)
    assert any("Thank you" in subject for subject in subjects), subjects
    first_uids = sorted(uid for uid, _, _ in found)

    mailbox.sync()
    assert sorted(uid for uid, _, _ in drafts(mailbox)) == first_uids, "a second sync appends nothing"

    mailbox.run(["profile", "--signature", "Homer J. Seeker\\nSpringfield"])
    output = mailbox.sync().stdout
    replaced = drafts(mailbox)
    assert len(replaced) == 2, output
    assert not set(uid for uid, _, _ in replaced) & set(first_uids), "both drafts were replaced"
    assert all("Homer J. Seeker" in message.get_body().get_content() for _, _, message in replaced)

    thank_you = next(item for item in mailbox.follow_ups() if item["action"] == "thank-you e-mail")
    mailbox.run(["done", thank_you["id"]])
    mailbox.sync()
    left = drafts(mailbox)
    assert len(left) == 1 and "Thank you" not in str(left[0][2]["Subject"]), "the done follow-up's draft is removed"


def test_a_draft_the_user_edited_is_never_deleted(plain):
    plain.deliver(INVITATION.read_bytes())
    plain.sync()
    plain.add_from_inbox()
    plain.sync()
    uid, _, message = next(item for item in drafts(plain) if "Thank you" in str(item[2]["Subject"]))
    # The mail program saves an edited draft as a new message and removes the old one.
    message.set_content("My own words.")
    plain.deliver(message.as_bytes(), plain.server.drafts, r"(\Draft \Seen)")
    client = plain.server.client()
    client.select(quote(plain.server.drafts))
    client.uid("STORE", str(uid), "+FLAGS", r"(\Deleted)")
    client.expunge()
    client.logout()
    thank_you = next(item for item in plain.follow_ups() if item["action"] == "thank-you e-mail")
    plain.run(["done", thank_you["id"]])
    plain.run(["profile", "--signature", "Changed"])
    plain.sync()
    bodies = [m.get_body().get_content() for _, _, m in drafts(plain)]
    assert any("My own words." in body for body in bodies), "the edited draft stays"
    assert len(bodies) == 2


def test_a_sent_thank_you_marks_it_done(mailbox):
    mailbox.deliver(INVITATION.read_bytes())
    mailbox.sync()
    mailbox.add_from_inbox()
    mailbox.sync()
    uid = next(u for u, _, m in drafts(mailbox) if "Thank you" in str(m["Subject"]))
    mailbox.move(uid, mailbox.server.drafts, mailbox.server.sent, "Mon, 22 Mar 2021 16:05:00 +0000")
    output = mailbox.sync(at=epoch("2021-03-22T17:00:00")).stdout
    thank_you = next(item for item in mailbox.follow_ups() if item["action"] == "thank-you e-mail")
    assert thank_you["status"] == "done", output
    check_in = next(item for item in mailbox.follow_ups() if item["action"] == "check-in e-mail")
    assert check_in["status"] == "planned", "one message is one follow-up"
    assert len(drafts(mailbox)) == 1


def test_the_main_contacts_reply_moves_the_check_in(plain):
    plain.deliver(INVITATION.read_bytes())
    plain.sync()
    plain.add_from_inbox()
    before = next(item for item in plain.follow_ups() if item["action"] == "check-in e-mail")["due"]
    plain.deliver(plain_mail(f"Ex Ample <{ORGANIZER}>", ME, "Re: Thank you", "Thu, 25 Mar 2021 11:00:00 +0000"))
    output = plain.sync(at=epoch("2021-03-25T12:00:00")).stdout
    check_in = next(item for item in plain.follow_ups() if item["action"] == "check-in e-mail")
    assert check_in["due"] == "2021-03-30", (before, output)
    listed = plain.run(["list"]).stdout
    assert "replied on Thu 25 Mar" in listed


def test_a_second_sync_fetches_and_appends_nothing(plain):
    plain.deliver(INVITATION.read_bytes())
    for day in range(1, 30):
        plain.deliver(plain_mail("news@example.net", ME, f"Newsletter {day}", f"Sat, {day:02d} Mar 2021 08:00:00 +0000"))
    plain.sync()
    plain.add_from_inbox()
    plain.sync()
    before = drafts(plain)
    # The mail program's session is logged just after it ends: let that line land first.
    time.sleep(1)
    plain.server.log.write_text("")
    plain.sync()
    # Dovecot logs each session's counts when it ends: the only session since the log was emptied is the sync's.
    deadline = time.monotonic() + 10
    sessions: list[str] = []
    while time.monotonic() < deadline and not sessions:
        sessions = [line for line in plain.server.log.read_text().splitlines() if "headers=" in line]
        time.sleep(0.05)
    assert len(sessions) == 1, sessions
    assert "headers=0 bodies=0" in sessions[0], sessions[0]
    assert [uid for uid, _, _ in drafts(plain)] == [uid for uid, _, _ in before]


def test_a_wrong_password_fails_clearly_and_changes_nothing(plain):
    plain.deliver(INVITATION.read_bytes())
    (plain.folder / "password").write_text("not-the-password\n")
    result = plain.sync(check=False)
    assert result.returncode != 0
    assert "mail account 'mail'" in result.stderr
    assert "refused the user name or password" in result.stderr
    assert PASSWORD not in result.stderr + result.stdout
    assert plain.inbox() == []


def test_the_password_is_in_neither_the_store_nor_the_output(plain):
    plain.deliver(INVITATION.read_bytes())
    output = plain.sync()
    stored = b"".join(path.read_bytes() for path in plain.folder.glob("store.sqlite*"))
    assert PASSWORD.encode() not in stored
    assert PASSWORD not in output.stdout + output.stderr


def test_a_sync_killed_half_way_leaves_every_draft_once(plain):
    for day in range(1, 9):
        card = plain.folder / f"person-{day}.vcf"
        card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {day}\r\nN:{day};Person;;;\r\nORG:Company {day}\r\n"
                        f"EMAIL:p{day}@company{day}.example\r\nEND:VCARD\r\n")
        plain.run(["add", "--at", f"2021-03-{day + 10:02d} 10:00", "--tz", "UTC", "--card", str(card)], at=BEFORE)
    plain.sync()
    wanted = len(drafts(plain))
    assert wanted >= 8
    # Remove them all, then kill the next sync as soon as its first drafts land.
    client = plain.server.client()
    client.select(quote(plain.server.drafts))
    client.uid("STORE", "1:*", "+FLAGS", r"(\Deleted)")
    client.expunge()
    client.logout()
    plain.run(["profile", "--signature", "A new signature"])
    process = subprocess.Popen([str(followup_binary()), "sync", "mail"], env={**os.environ, **plain.environment},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if len(drafts(plain)) >= 2:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    plain.sync()
    plain.sync()
    ids = [str(m["Message-ID"]) for _, _, m in drafts(plain)]
    assert len(ids) == len(set(ids)), "no draft twice"


def test_imaps_checks_the_certificate(tmp_path):
    server = start_dovecot(tmp_path / "dovecot", tls=True)
    try:
        box = Mailbox(server, tmp_path, url=f"imaps://127.0.0.1:{server.tls_port}")
        result = box.sync(check=False)
        assert result.returncode != 0
        assert "mail account 'mail': the server's certificate is not trusted" in result.stderr, result.stderr
        box.environment["SSL_CERT_FILE"] = str(server.certificate)
        box.deliver(INVITATION.read_bytes())
        box.sync()
        assert len(box.inbox()) == 1
    finally:
        server.stop()


def maildir(root: Path, *names: str) -> None:
    for name in names:
        for part in ("cur", "new", "tmp"):
            (root / name / part).mkdir(parents=True, exist_ok=True)


def test_mail_kept_in_maildir_folders_is_read_and_gets_drafts(tmp_path):
    """mutt's or mbsync's folders: an invitation in INBOX/new, drafts written to Drafts/cur with the D flag."""
    root = tmp_path / "Mail"
    maildir(root, "INBOX", "Drafts", "Sent")
    (root / "INBOX" / "new" / "1616404340.M1P1.host").write_bytes(INVITATION.read_bytes())
    environment = {**os.environ, "FOLLOWUP_STORE": str(tmp_path / "store.sqlite"), "HOME": str(tmp_path), "SOURCE_DATE_EPOCH": BEFORE}

    def run(*arguments: str, at: str = BEFORE) -> str:
        result = subprocess.run([str(followup_binary()), *arguments], capture_output=True, text=True,
                                env={**environment, "SOURCE_DATE_EPOCH": at}, timeout=120)
        assert result.returncode == 0, f"followup {' '.join(arguments)} failed: {result.stderr}"
        return result.stdout

    run("profile", "--name", "Homer Seeker", "--email", ME)
    run("remote", "add", "local", f"maildir:{root}")
    run("sync", "local")
    [entry] = json.loads(run("inbox", "--json"))
    assert entry["summary"] == "Meeeeet me HTML"
    run("add", "--invite", f"inbox:{entry['id']}", "--company", "Acme")
    run("sync", "local")
    drafts = sorted((root / "Drafts" / "cur").iterdir())
    assert len(drafts) == 2
    assert all(path.name.endswith(":2,DS") for path in drafts)
    run("sync", "local")
    assert sorted((root / "Drafts" / "cur").iterdir()) == drafts, "a second sync writes nothing"
    # The mail program sends the thank-you: a copy dated now in Sent, the draft gone.
    thank_you = next(path for path in drafts if b"Thank you" in path.read_bytes())
    sent = email.message_from_bytes(thank_you.read_bytes(), policy=email.policy.default)
    del sent["Date"]
    sent["Date"] = "Mon, 22 Mar 2021 16:05:00 +0000"
    (root / "Sent" / "cur" / "1616429100.M2P1.host:2,S").write_bytes(sent.as_bytes())
    thank_you.unlink()
    run("sync", "local", at=AFTER)
    follow_ups = [item for interview in json.loads(run("list", "--all", "--json")) for item in interview["followUps"]]
    assert next(item for item in follow_ups if item["action"] == "thank-you e-mail")["status"] == "done"
    assert len(list((root / "Drafts" / "cur").iterdir())) == 1
