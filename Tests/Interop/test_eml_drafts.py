"""The `.eml` drafts that `followup plan --drafts` and `followup draft` write, read back by
python's own MIME parser (`email`, policy `default`): the headers a mail program shows and the
body it decodes, with names that are not ASCII."""

from __future__ import annotations

import email
import email.policy
import json
from pathlib import Path

import pytest

from conftest import followup

LUKASZ = """BEGIN:VCARD\r
VERSION:4.0\r
FN:Łukasz Wróbel\r
N:Wróbel;Łukasz;;;\r
EMAIL;TYPE=work:lukasz.wrobel@acme.example\r
TEL;VALUE=uri:tel:+48-22-555-0100\r
END:VCARD\r
"""

VOGEL = """BEGIN:VCARD\r
VERSION:3.0\r
FN:Anna Vogel\r
N:Vogel;Anna;;Dr.;\r
EMAIL;TYPE=INTERNET,WORK:anna.vogel@acme.example\r
END:VCARD\r
"""

POINTS = {"lukasz.wrobel@acme.example": "the migration to event sourcing",
          "anna.vogel@acme.example": "your on-call rotation"}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """A store with a profile, two cards, and a plan of them with its drafts."""
    root = tmp_path_factory.mktemp("eml")
    (root / "lukasz.vcf").write_text(LUKASZ, encoding="utf-8", newline="")
    (root / "vogel.vcf").write_text(VOGEL, encoding="utf-8", newline="")
    environment = {"FOLLOWUP_STORE": str(root / "store.sqlite"), "SOURCE_DATE_EPOCH": "1796169600"}
    followup(["profile", "--name", "Zoë Ångström", "--email", "zoe@example.com", "--phone", "+1 312 555 0199"], environment)
    arguments = ["--card", str(root / "lukasz.vcf"), "--card", str(root / "vogel.vcf"), "--at", "2026-12-01 14:00",
                 "--tz", "Europe/Warsaw", "--company", "Acme Sp. z o.o.", "--role", "Ingénieure logicielle",
                 "--prefer", "email", "--strength", "five years of Swift on Linux",
                 "--talking-point", "łukasz=" + POINTS["lukasz.wrobel@acme.example"],
                 "--talking-point", "anna.vogel@acme.example=" + POINTS["anna.vogel@acme.example"]]
    followup(["plan", *arguments, "--out", str(root / "calendar"), "--drafts", str(root / "drafts")], environment)
    followup(["add", *arguments], environment)
    stored = json.loads(followup(["list", "--json"], environment))
    check_in = next(f for f in stored[0]["followUps"] if f["action"] == "check-in e-mail")
    followup(["draft", check_in["id"], "--out", str(root / "stored" / "check-in.eml")], environment)
    return root


def parse(path: Path) -> email.message.EmailMessage:
    with path.open("rb") as file:
        return email.message_from_binary_file(file, policy=email.policy.default)


def drafts(folder: Path) -> dict[str, email.message.EmailMessage]:
    """Each thank-you draft by its recipient's address."""
    messages = [parse(path) for path in sorted((folder / "drafts").glob("*.thank-you-*.eml"))]
    return {message["To"].addresses[0].addr_spec: message for message in messages}


def test_one_draft_per_email_named_after_interview_and_person(folder):
    names = sorted(path.name for path in (folder / "drafts").iterdir())
    assert names == [
        "2026-12-01-acme-sp-z-o-o-ingenieure-logicielle.check-in-lukasz-wrobel.eml",
        "2026-12-01-acme-sp-z-o-o-ingenieure-logicielle.thank-you-anna-vogel.eml",
        "2026-12-01-acme-sp-z-o-o-ingenieure-logicielle.thank-you-lukasz-wrobel.eml",
    ]


def test_files_are_ascii_with_crlf_and_short_lines(folder):
    for path in (folder / "drafts").iterdir():
        data = path.read_bytes()
        data.decode("ascii")
        assert b"\n" not in data.replace(b"\r\n", b""), path.name
        assert all(len(line) <= 78 for line in data.split(b"\r\n")), path.name


def test_headers_decode_to_the_names_subject_and_draft_markers(folder):
    messages = drafts(folder)
    assert set(messages) == set(POINTS)
    for address, message in messages.items():
        assert message.defects == [], message.defects
        sender = message["From"].addresses[0]
        assert (sender.display_name, sender.addr_spec) == ("Zoë Ångström", "zoe@example.com")
        recipient = message["To"].addresses[0]
        assert recipient.display_name == {"lukasz.wrobel@acme.example": "Łukasz Wróbel",
                                          "anna.vogel@acme.example": "Anna Vogel"}[address]
        assert message["Subject"] == "Thank you: Ingénieure logicielle interview"
        assert message["X-Unsent"] == "1"
        assert message["MIME-Version"] == "1.0"
        assert message["Message-ID"].endswith("@example.com>")
        assert message["Date"].datetime.isoformat() == "2026-12-02T01:00:00+01:00"
        assert message.get_content_type() == "text/plain"
        assert message.get_content_charset() == "utf-8"
        assert message["Content-Transfer-Encoding"] == "quoted-printable"


def test_body_decodes_to_the_personal_signed_draft(folder):
    for address, message in drafts(folder).items():
        body = message.get_content()
        greeting = {"lukasz.wrobel@acme.example": "Dear Łukasz,", "anna.vogel@acme.example": "Dear Dr. Vogel,"}[address]
        assert body.startswith(greeting + "\n\n"), body
        assert f"our conversation about {POINTS[address]}." in body
        for other, point in POINTS.items():
            if other != address:
                assert point not in body
        assert "I believe five years of Swift on Linux would let me contribute" in body
        assert "on Tuesday, 1 December" in body
        assert body.rstrip("\n").endswith("Best regards,\nZoë Ångström\n+1 312 555 0199"), body


def test_stored_check_in_draft_is_the_same_message_as_planned(folder):
    planned = parse(next((folder / "drafts").glob("*.check-in-*.eml")))
    stored = parse(folder / "stored" / "check-in.eml")
    for header in ("From", "To", "Subject", "X-Unsent"):
        assert str(stored[header]) == str(planned[header]), header
    assert stored["Subject"] == "Following up: Ingénieure logicielle interview"
    assert stored["To"].addresses[0].display_name == "Łukasz Wróbel"
    assert stored.get_content() == planned.get_content()
    assert "I remain very interested" in stored.get_content()
