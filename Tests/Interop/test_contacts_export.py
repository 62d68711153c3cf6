"""`followup contacts export` read by python vobject: the .vcf a phone or Outlook would import."""

from __future__ import annotations

import base64
import os
import subprocess

import pytest
import vobject

from conftest import ROOT, followup_binary

CARDS = ROOT / "Samples" / "cards"


def run(arguments: list[str], store: str) -> str:
    result = subprocess.run([str(followup_binary()), *arguments, "--store", store], capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1764540000"}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
def store(tmp_path) -> str:
    path = str(tmp_path / "store.sqlite")
    run(["add", "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--company", "Acme Robotics, Inc.", "--role",
         "Backend Engineer; Platform", "--card", str(CARDS / "dana-diaz.vcf"), "--card", str(CARDS / "lee-chen.vcf")], path)
    run(["add", "--at", "2026-12-09 09:30", "--tz", "America/Chicago", "--company", "Acme Robotics, Inc.", "--role",
         "Staff Engineer", "--card", str(CARDS / "dana-diaz.vcf"), "--card", str(CARDS / "priya-raman.vcf")], path)
    return path


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_vobject_reads_every_interviewer_once_with_their_fields(store, version):
    cards = list(vobject.readComponents(run(["contacts", "export", "--vcard-version", version], store)))
    names = [card.fn.value for card in cards]
    assert sorted(names) == sorted(set(names)) and len(names) == 3
    dana = next(card for card in cards if card.fn.value == "Dana Díaz")
    assert dana.version.value == version
    assert dana.n.value.family and dana.n.value.given
    assert dana.email.value
    assert dana.categories.value == ["Interviewer"]
    # Commas and semicolons in the company and role survive escaping and folding.
    note = dana.note.value
    assert "Acme Robotics, Inc." in note and "Backend Engineer; Platform" in note and "Staff Engineer" in note
    assert dana.uid.value.startswith("urn:uuid:")
    for card in cards:
        for line in card.serialize().splitlines():
            assert len(line.encode()) <= 75


def test_the_uid_is_the_same_on_every_export(store):
    first = {c.fn.value: c.uid.value for c in vobject.readComponents(run(["contacts", "export"], store))}
    second = {c.fn.value: c.uid.value for c in vobject.readComponents(run(["contacts", "export"], store))}
    assert first == second and len(set(first.values())) == 3


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_the_scanned_cards_photo_reaches_the_contact(tmp_path, version):
    card = ROOT / "Tests" / "Interop" / "fixtures" / "mara-okafor-photo.vcf"
    (original,) = vobject.readComponents(card.read_text())
    store = str(tmp_path / "store.sqlite")
    run(["add", "--at", "2026-12-02 10:00", "--tz", "America/Chicago", "--company", "Acme Robotics", "--card", str(card)], store)
    text = run(["contacts", "export", "--vcard-version", version], store)
    for line in text.splitlines():
        assert len(line.encode()) <= 75
    if version == "3.0":
        (contact,) = vobject.readComponents(text)
        assert contact.photo.params.get("TYPE") == ["PNG"]
        assert contact.photo.value == original.photo.value
    else:
        # RFC 6350: a data: URI with the media type the bytes announce. vobject, a vCard 3.0
        # reader, splits 4.0's URI at its comma, so the line is read here.
        # (run reads the output as text, so its CRLFs arrive as newlines.)
        unfolded = text.replace("\n ", "")
        (line,) = [line for line in unfolded.split("\n") if line.startswith("PHOTO:")]
        prefix = "PHOTO:data:image/png;base64,"
        assert line.startswith(prefix)
        assert base64.b64decode(line[len(prefix):]) == original.photo.value
