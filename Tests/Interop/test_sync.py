"""`followup sync` against real CalDAV/CardDAV servers, with python caldav as the user's phone.

Each test starts its own server (Radicale with bcrypt htpasswd authentication, or Xandikos) on a
free port of 127.0.0.1, behind a proxy that counts the requests `followup` sends, and stops both
when it ends.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import http.server
import json
import os
import ssl
import subprocess
import threading
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import caldav
import pytest
import vobject

from conftest import ROOT, followup_binary
from servers import CountingProxy, Server, start_radicale, start_xandikos

CARDS = ROOT / "Samples" / "cards"
CALENDAR = "Interview follow-ups"
STARTERS = {"radicale": start_radicale, "xandikos": start_xandikos}


class Setup:
    """A store with one interview, a server, the proxy in front of it, and a remote named 'home'."""

    def __init__(self, server: Server, proxy: CountingProxy, folder: Path):
        self.server = server
        self.proxy = proxy
        self.folder = folder
        self.environment = {"FOLLOWUP_STORE": str(folder / "store.sqlite"), "HOME": str(folder),
                            "SOURCE_DATE_EPOCH": "1764540000"}
        if server.password:
            self.environment["FOLLOWUP_PASSWORD"] = server.password
        self.interview = self.add("2026-12-01 14:00", "Acme Robotics", "Backend Engineer",
                                  ["dana-diaz.vcf", "lee-chen.vcf"])
        arguments = ["remote", "add", "home", proxy.url]
        if server.user:
            arguments += ["--user", server.user]
        self.run(arguments)

    def run(self, arguments: list[str], check: bool = True, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run([str(followup_binary()), *arguments], capture_output=True, text=True,
                                env={**os.environ, **self.environment, **(environment or {})}, timeout=120)
        if check:
            assert result.returncode == 0, f"followup {' '.join(arguments)} failed: {result.stderr}"
        return result

    def add(self, at: str, company: str, role: str, cards: list[str]) -> str:
        arguments = ["add", "--at", at, "--tz", "America/Chicago", "--company", company, "--role", role]
        for card in cards:
            arguments += ["--card", str(CARDS / card)]
        output = self.run(arguments).stdout
        return output.split("stored interview ")[1].split()[0]

    def interviews(self) -> list[dict]:
        return json.loads(self.run(["list", "--all", "--json"]).stdout)

    def follow_ups(self) -> list[dict]:
        return [item for interview in self.interviews() for item in interview["followUps"]]

    def sync(self, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(["sync", "home"], check=check)

    # The phone: python caldav, straight to the server.
    def phone(self) -> caldav.DAVClient:
        return caldav.DAVClient(url=self.server.url, username=self.server.user, password=self.server.password)

    def calendar(self) -> caldav.Calendar:
        calendars = [c for c in self.phone().principal().calendars() if c.get_display_name() == CALENDAR]
        assert len(calendars) == 1, f"expected one calendar named {CALENDAR}, found {len(calendars)}"
        return calendars[0]

    def components(self, kind: str) -> list:
        calendar = self.calendar()
        resources = calendar.todos(include_completed=True) if kind == "VTODO" else calendar.events()
        return [c for resource in resources for c in resource.icalendar_instance.walk(kind)]


@contextlib.contextmanager
def running(start, tmp_path):
    """A server started by `start`, behind a proxy that counts its writes; both stopped after."""
    server = start(tmp_path)
    proxy = CountingProxy(server.url.rstrip("/")).start()
    try:
        yield Setup(server, proxy, tmp_path)
    finally:
        proxy.stop()
        server.stop()


@pytest.fixture(params=["radicale", "xandikos"])
def setup(request, tmp_path):
    with running(STARTERS[request.param], tmp_path) as each:
        yield each


@pytest.fixture
def radicale(tmp_path):
    with running(start_radicale, tmp_path) as each:
        yield each


def save_as_a_phone_would(item) -> None:
    """Saves a calendar object, retrying while the server answers 423 Locked.

    Xandikos locks a calendar while it commits a write; during a push its lock is often taken
    by one of `followup`'s own PUTs, and a phone retries such a save. Bounded: about 5 s."""
    for attempt in range(50):
        try:
            item.save()
            return
        except caldav.lib.error.PutError as error:
            if "423" not in str(error) or attempt == 49:
                raise
            time.sleep(0.1)


def uid_prefix(follow_up: dict) -> str:
    return follow_up["id"]


def find(components: list, follow_up: dict) -> list:
    return [c for c in components if str(c.get("UID")).startswith(uid_prefix(follow_up))]


def test_follow_ups_land_with_their_times_and_zones(setup):
    setup.sync()
    follow_ups = setup.follow_ups()
    todos, events = setup.components("VTODO"), setup.components("VEVENT")
    assert len(todos) == len(follow_ups) and len(events) == len(follow_ups)
    for follow_up in follow_ups:
        (todo,), (event,) = find(todos, follow_up), find(events, follow_up)
        assert str(todo.get("SUMMARY")) == follow_up["summary"]
        if follow_up.get("start"):
            start = dt.datetime.fromisoformat(follow_up["start"].replace("Z", "+00:00"))
            begins = event.decoded("DTSTART")
            assert begins == start
            assert str(begins.tzinfo) == "America/Chicago" or getattr(begins.tzinfo, "key", None) == "America/Chicago"
            assert begins.astimezone(ZoneInfo("America/Chicago")).hour == start.astimezone(ZoneInfo("America/Chicago")).hour
        else:
            assert todo.decoded("DUE") == dt.date.fromisoformat(follow_up["due"])
            assert event.decoded("DTSTART") == dt.date.fromisoformat(follow_up["due"])


def test_contacts_land_and_read_back_with_vobject(radicale):
    radicale.sync()
    server = radicale.server
    book = f"{server.url.rstrip('/')}/{server.user}/interviewers/"
    authorization = "Basic " + base64.b64encode(f"{server.user}:{server.password}".encode()).decode()
    request = urllib.request.Request(book, method="PROPFIND", headers={"Depth": "1", "Authorization": authorization})
    tree = ET.fromstring(urllib.request.urlopen(request).read())
    hrefs = [h.text for h in tree.iter("{DAV:}href") if h.text.endswith(".vcf")]
    cards = []
    for href in hrefs:
        text = urllib.request.urlopen(urllib.request.Request(server.url.rstrip("/") + href, headers={"Authorization": authorization})).read()
        cards.append(vobject.readOne(text.decode()))
    names = sorted(card.fn.value for card in cards)
    assert names == ["Dana Díaz", "Lee Chen"]
    dana = next(card for card in cards if card.fn.value == "Dana Díaz")
    assert "Interviewer" in dana.categories.value
    assert "Acme Robotics" in dana.note.value and "Backend Engineer" in dana.note.value
    assert dana.email.value and dana.uid.value.startswith("urn:uuid:")


def test_a_to_do_ticked_on_the_phone_is_done_after_sync(setup):
    setup.sync()
    target = setup.follow_ups()[1]
    for todo in setup.calendar().todos(include_completed=True):
        if str(todo.icalendar_component.get("UID")).startswith(uid_prefix(target)):
            todo.complete(completion_timestamp=dt.datetime(2026, 12, 2, 15, 30, tzinfo=dt.timezone.utc))
    result = setup.sync()
    assert "done on the server" in result.stdout
    after = {item["id"]: item for item in setup.follow_ups()}
    assert after[target["id"]]["status"] == "done"
    assert sum(1 for item in after.values() if item["status"] == "done") == 1


def test_a_to_do_deleted_on_the_phone_is_dismissed_and_stays_deleted(setup):
    setup.sync()
    target = setup.follow_ups()[0]
    for todo in setup.calendar().todos(include_completed=True):
        if str(todo.icalendar_component.get("UID")).startswith(uid_prefix(target)):
            todo.delete()
    setup.sync()
    after = {item["id"]: item for item in setup.follow_ups()}
    assert after[target["id"]]["status"] == "cancelled"
    setup.sync()
    assert find(setup.components("VTODO"), target) == []
    assert find(setup.components("VEVENT"), target) == []


def test_a_cancelled_interview_leaves_nothing_open_on_the_server(setup):
    other = setup.add("2026-12-03 10:00", "Beta Corp", "Platform Engineer", ["priya-raman.vcf"])
    setup.sync()
    setup.run(["cancel", other, "--reason", "rejected"])
    setup.sync()
    cancelled = [item for interview in setup.interviews() if interview["id"] == other for item in interview["followUps"]]
    assert cancelled
    for follow_up in cancelled:
        assert find(setup.components("VTODO"), follow_up) == []
        assert find(setup.components("VEVENT"), follow_up) == []
    assert len(setup.components("VTODO")) == len([f for f in setup.follow_ups() if f["status"] != "cancelled"])


def test_a_second_sync_with_nothing_changed_writes_nothing(setup):
    setup.sync()
    assert setup.proxy.writes > 0
    setup.proxy.reset()
    result = setup.sync()
    assert setup.proxy.writes == 0, f"second sync wrote: {setup.proxy.counts}"
    assert "0 new, 0 changed, 0 deleted" in result.stdout


def test_a_wrong_password_fails_clearly_and_changes_nothing(radicale):
    before = radicale.interviews()
    result = radicale.run(["sync", "home"], check=False, environment={"FOLLOWUP_PASSWORD": "wrong"})
    assert result.returncode != 0
    assert "remote 'home'" in result.stderr and "password" in result.stderr
    assert "wrong" not in result.stderr
    assert radicale.proxy.writes == 0
    assert radicale.interviews() == before
    assert not [c for c in radicale.phone().principal().calendars() if c.get_display_name() == CALENDAR]


def test_a_sync_killed_half_way_completes_without_duplicates(setup):
    setup.add("2026-12-03 10:00", "Beta Corp", "Platform Engineer", ["priya-raman.vcf"])
    command = [str(followup_binary()), "sync", "home"]
    process = subprocess.Popen(command, env={**os.environ, **setup.environment}, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    setup.proxy.victim = process.pid
    setup.proxy.kill_after_puts = 5
    process.communicate(timeout=120)
    assert process.returncode == -9, "the proxy should have killed the sync"
    setup.sync()
    follow_ups = setup.follow_ups()
    uids = [str(c.get("UID")) for c in setup.components("VTODO") + setup.components("VEVENT")]
    assert len(uids) == len(set(uids)) == 2 * len(follow_ups)
    setup.proxy.reset()
    setup.sync()
    assert setup.proxy.writes == 0


def test_an_untrusted_certificate_is_a_clear_error(tmp_path):
    """A TLS server whose certificate is self-signed: the system's trust store refuses it."""
    key, certificate = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(certificate),
                    "-days", "2", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificate), str(key))
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        environment = {**os.environ, "FOLLOWUP_STORE": str(tmp_path / "store.sqlite"), "HOME": str(tmp_path)}
        url = f"https://127.0.0.1:{server.server_address[1]}/"
        subprocess.run([str(followup_binary()), "remote", "add", "tls", url], env=environment, check=True, capture_output=True)
        result = subprocess.run([str(followup_binary()), "sync", "tls"], env=environment, capture_output=True, text=True, timeout=120)
        assert result.returncode != 0
        assert "remote 'tls': the certificate of 127.0.0.1 is not trusted" in result.stderr
        assert "self-signed" in result.stderr
    finally:
        server.shutdown()


def test_a_due_date_moved_on_the_phone_is_kept(setup):
    setup.sync()
    target = next(item for item in setup.follow_ups() if not item.get("start"))
    moved = dt.date.fromisoformat(target["due"]) + dt.timedelta(days=2)
    for todo in setup.calendar().todos(include_completed=True):
        component = todo.icalendar_component
        if str(component.get("UID")).startswith(uid_prefix(target)):
            component.pop("DUE")
            component.add("DUE", moved)
            todo.save()
    result = setup.sync()
    assert "moved on the server" in result.stdout
    after = {item["id"]: item for item in setup.follow_ups()}
    assert after[target["id"]]["due"] == moved.isoformat()
    # The event twin follows, and nothing moves back on the next sync.
    (event,) = find(setup.components("VEVENT"), target)
    assert event.decoded("DTSTART") == moved
    setup.proxy.reset()
    setup.sync()
    assert setup.proxy.writes == 0


def test_a_dry_run_reads_but_writes_nothing(radicale):
    result = radicale.run(["sync", "home", "--dry-run"])
    assert "would create" in result.stdout and "would push" in result.stdout
    assert radicale.proxy.writes == 0
    assert not [c for c in radicale.phone().principal().calendars() if c.get_display_name() == CALENDAR]
    radicale.sync()
    target = radicale.follow_ups()[1]
    for todo in radicale.calendar().todos(include_completed=True):
        if str(todo.icalendar_component.get("UID")).startswith(uid_prefix(target)):
            todo.complete()
    radicale.proxy.reset()
    result = radicale.run(["sync", "home", "--dry-run"])
    assert "done on the server" in result.stdout
    assert radicale.proxy.writes == 0
    assert {item["id"]: item for item in radicale.follow_ups()}[target["id"]]["status"] == "planned"


def test_when_both_sides_moved_a_follow_up_the_local_change_wins_and_is_reported(radicale):
    radicale.sync()
    checklist = next(item for item in radicale.follow_ups() if item["action"] == "interview checklist")
    for todo in radicale.calendar().todos(include_completed=True):
        component = todo.icalendar_component
        if str(component.get("UID")).startswith(uid_prefix(checklist)):
            due = component.decoded("DUE")
            component.pop("DUE")
            component.add("DUE", due + dt.timedelta(days=1))
            todo.save()
    radicale.run(["edit", radicale.interview, "--at", "2026-12-01 15:00"])
    result = radicale.sync()
    assert "overrode the server" in result.stdout
    after = next(item for item in radicale.follow_ups() if item["id"] == checklist["id"])
    start = dt.datetime.fromisoformat(after["start"].replace("Z", "+00:00")).astimezone(ZoneInfo("America/Chicago"))
    assert (start.day, start.hour) == (1, 15)
    (todo,) = find(radicale.components("VTODO"), checklist)
    assert todo.decoded("DUE").astimezone(ZoneInfo("America/Chicago")).date() == dt.date(2026, 12, 1)


def test_a_to_do_changed_on_the_phone_during_the_push_is_reread_and_merged(setup):
    setup.sync()
    target = next(item for item in setup.follow_ups() if item["action"] == "thank-you e-mail")
    setup.run(["done", target["id"]])

    def phone_edits(path: str) -> None:
        for todo in setup.calendar().todos(include_completed=True):
            if str(todo.icalendar_component.get("UID")).startswith(uid_prefix(target)):
                todo.icalendar_component["SUMMARY"] = "Edited on the phone"
                save_as_a_phone_would(todo)

    setup.proxy.reset()
    setup.proxy.conditional_put_suffix = "-task.ics"
    setup.proxy.before_conditional_put = phone_edits
    result = setup.sync()
    assert 412 in setup.proxy.statuses, "the phone's edit should have made a PUT fail its If-Match"
    assert "overrode the server" in result.stdout
    (todo,) = find(setup.components("VTODO"), target)
    assert str(todo.get("STATUS")) == "COMPLETED"
    setup.proxy.reset()
    setup.sync()
    assert setup.proxy.writes == 0
