"""People's names and the CSV round trip (issue 24): the exported contacts' `N` parts as python
vobject reads them, and a CSV that `followup import` reads and `followup export` writes back byte
for byte."""

from __future__ import annotations

import os
import subprocess

import pytest
import vobject

from conftest import followup_binary


def run(arguments: list[str], store: str) -> str:
    result = subprocess.run([str(followup_binary()), *arguments, "--store", store], capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": "1764540000"}, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


CARDS = {
    "mustermann.vcf": "FN:Dr. Max Horst Mustermann jr.\r\nN:Mustermann;Max;Horst;Dr.;jr.\r\nEMAIL:max@muster.example\r\n",
    "doe.vcf": "FN:Mr. John Richter James Doe Sr.\r\nN:Doe;John;Richter,James;Mr.;Sr.\r\nEMAIL:john@doe.example\r\n",
    "raman.vcf": "FN:Priya Raman\r\nN:Raman;Priya;;Dr.;\r\nEMAIL:priya@beta.example\r\n",
}


def parts(card) -> tuple:
    name = card.n.value

    def joined(value) -> str:
        return ",".join(value) if isinstance(value, list) else value

    return (joined(name.family), joined(name.given), joined(name.additional), joined(name.prefix), joined(name.suffix))


@pytest.mark.parametrize("version", ["3.0", "4.0"])
def test_exported_contacts_keep_the_five_parts_of_each_name(tmp_path, version):
    store = str(tmp_path / "store.sqlite")
    for file, text in CARDS.items():
        (tmp_path / file).write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{text}END:VCARD\r\n", encoding="utf-8")
        run(["add", "--at", "2026-12-01 14:00", "--tz", "Europe/Berlin", "--company", "Acme", "--role", file,
             "--card", str(tmp_path / file)], store)
    # A name a spreadsheet gives as one string has its parts read from it.
    (tmp_path / "search.csv").write_text(
        "company,role,date,time,timezone,name,email,phone,title\r\n"
        "Acme,Engineer,2026-12-02,10:00,Europe/Berlin,Dr. Katrin Vogel,katrin@acme.example,,\r\n", encoding="utf-8")
    run(["import", str(tmp_path / "search.csv")], store)

    cards = {card.fn.value: card for card in vobject.readComponents(run(["contacts", "export", "--vcard-version", version], store))}
    assert parts(cards["Dr. Max Horst Mustermann jr."]) == ("Mustermann", "Max", "Horst", "Dr.", "jr.")
    assert parts(cards["Mr. John Richter James Doe Sr."]) == ("Doe", "John", "Richter,James", "Mr.", "Sr.")
    assert parts(cards["Priya Raman"]) == ("Raman", "Priya", "", "Dr.", "")
    assert parts(cards["Dr. Katrin Vogel"]) == ("Vogel", "Katrin", "", "Dr.", "")


# Every column export writes, with what needs quoting (a comma in a company, a quote in a role), a
# panel of two, an ended interview, and names whose parts the columns give.
CSV = (
    "company,role,date,time,timezone,name,email,phone,title,decision_by,follow_up_on,prefer,outcome,"
    "honorific_prefix,given_name,additional_names,family_name,honorific_suffix\r\n"
    "Beta,PM,2026-10-01,09:30,Europe/Berlin,Sam Roe,sam@beta.example,,,,,,rejected,,Sam,,Roe,\r\n"
    "\"Acme Robotics, Inc.\",\"Backend \"\"Platform\"\" Engineer\",2026-12-01,14:00,America/Chicago,Dr. Katrin Vogel,"
    "katrin@acme.example,+1 212 555 0100,CTO,2026-12-09,,phone,,Dr.,Katrin,,Vogel,\r\n"
    "\"Acme Robotics, Inc.\",\"Backend \"\"Platform\"\" Engineer\",2026-12-01,14:00,America/Chicago,"
    "Max Horst Mustermann jr.,max@muster.example,+49 30 1234567,,2026-12-09,,phone,,,Max,Horst,Mustermann,jr.\r\n"
    "Gamma,SRE,2026-12-03,11:00,Asia/Kolkata,Priya Raman,priya@gamma.example,,Head of SRE,,2026-12-10,email,,Dr.,Priya,,"
    "Raman,\r\n"
)


def test_a_csv_imported_and_exported_again_is_the_same_bytes(tmp_path):
    source = tmp_path / "search.csv"
    source.write_bytes(CSV.encode())
    store = str(tmp_path / "store.sqlite")
    run(["import", str(source)], store)
    exported = subprocess.run([str(followup_binary()), "export", "--store", store], capture_output=True, timeout=60,
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1764540000"})
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == CSV.encode()
