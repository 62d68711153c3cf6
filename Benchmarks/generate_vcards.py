#!/usr/bin/env python3
"""Writes business cards for the vCard benchmark: the same N cards every time.

    python3 Benchmarks/generate_vcards.py [--flat-qp] N OUT.vcf

About a third of the cards are vCard 2.1 with CHARSET=UTF-8 and quoted-printable values (names,
address, note); the rest are vCard 3.0 (Apple-style grouped labels, escaped commas) and 4.0 (PREF,
TZ, tel: URIs). Names mix ASCII, accented Latin, CJK and Hangul; each card has one to three
e-mails and phones, ORG, TITLE, ADR and usually a NOTE. Long 3.0/4.0 lines are folded at 75
octets, and some cards carry a small base64 PHOTO.

Quoted-printable values longer than a line are split with soft line breaks ("=" at the end of a
line), as phones and scanners write them. --flat-qp writes each of them on one line instead, for
readers that do not accept soft line breaks (python-vobject); everything else is the same.

Only the standard library; the output depends on nothing but N and --flat-qp.
"""
import base64
import random
import sys
import unicodedata

SEED = 0x5EED_CA2D

GIVEN = ["Amelia", "Bruno", "Chloé", "Darius", "Elif", "Félix", "Greta", "Hamza", "Inès", "Jonas",
         "Katarzyna", "Luís", "Maëlle", "Nils", "Oksana", "Pål", "Renée", "Stéphane", "Thandiwe", "Zoë"]
FAMILY = ["Álvarez", "Brennan", "Castellanos", "Dąbrowski", "Eklund", "Fontaine", "Gonçalves",
          "Halvorsen", "Iglesias", "Jovanović", "Kühn", "Lindqvist", "Moreau", "Nowak", "Østergaard",
          "Papadopoulos", "Quintero", "Schäfer", "Tanaka", "Vasquez"]
# Family name first, as these names are written; FN joins them without a space.
EAST_ASIAN = [("王", "芳"), ("李", "静"), ("陈", "伟"), ("佐藤", "健"), ("鈴木", "美咲"), ("高橋", "翔"),
              ("김", "민준"), ("이", "서연"), ("박", "지호")]
COMPANIES = ["Northwind Traders", "Blue Heron Analytics, Ltd.", "Kestrel Logistics GmbH",
             "Lumière Studios", "Orchard & Vale", "Pinecrest Health; Research", "Quayside Robotics",
             "Sakura Systems 株式会社", "Tidewater Energy, Inc.", "Zephyr Mobility AB"]
DEPARTMENTS = ["Engineering", "People & Culture", "Talent Acquisition", "Product", "Operations"]
TITLES = ["Talent Acquisition Lead", "Director of Engineering", "Recruiter", "Head of Product",
          "Staff Engineer", "Chief Operating Officer", "Team Lead, Platform"]
STREETS = ["Königstraße", "Rue de la Pompe", "Calle de Alcalá", "Storgatan", "Harbour Road",
           "Via Tornabuoni", "Nørrebrogade", "Elm Street"]
CITIES = [("Stuttgart", "", "70173", "Germany"), ("Paris", "", "75116", "France"),
          ("Madrid", "", "28009", "Spain"), ("Umeå", "", "903 26", "Sweden"),
          ("Cork", "", "T12 X2Y3", "Ireland"), ("Firenze", "FI", "50123", "Italy"),
          ("København", "", "2200", "Denmark"), ("Springfield", "IL", "62701", "USA")]
ZONES = ["Europe/Berlin", "Europe/Paris", "America/Chicago", "Asia/Tokyo", "Asia/Seoul",
         "Europe/Stockholm", "America/Sao_Paulo"]
MAIL_HOSTS = ["example.com", "example.org", "mail.example.net"]
# Letters that do not decompose into an ASCII letter and an accent.
SPELLED_OUT = {"ß": "ss", "ø": "o", "æ": "ae", "ł": "l", "đ": "d"}
NOTE_PARTS = [
    "Panel interview with the platform team",
    "asked about the migration to the new billing system",
    "wants someone who can mentor two junior developers",
    "mentioned the office move to the harbour in spring",
    "prefers a call in the morning, her time",
    "decision expected by the end of next week",
    "we talked about the café next door and its terrible espresso",
    "follow up by e-mail first; phone only if there is no answer",
    "second round would be on site, travel paid",
    "Bücher über verteilte Systeme empfohlen",
    "雇用の決定は来週の金曜日です",
]


def fold(line):
    """The content line ended by CRLF, folded so that no physical line passes 75 octets.

    A fold never splits a UTF-8 sequence; each continuation starts with one space, which counts
    toward its 75.
    """
    pieces, current, size = [], [], 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            pieces.append("".join(current))
            current, size = [" "], 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n".join(pieces) + "\r\n"


def escape(text):
    """A text value escaped for vCard 3.0 and 4.0."""
    return (text.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
            .replace("\n", "\\n"))


def quoted_printable(text, prefix_length, flat):
    """`text` as UTF-8 quoted-printable, with soft line breaks unless `flat`.

    Line breaks in the text become =0D=0A. A space is written as is, except at the start or
    the end of a physical line. `prefix_length` is how much of the first line the property name takes.
    """
    tokens = []
    for byte in text.replace("\n", "\r\n").encode("utf-8"):
        if 33 <= byte <= 126 and byte != ord("=") or byte == ord(" "):
            tokens.append(chr(byte))
        else:
            tokens.append(f"={byte:02X}")
    if flat:
        if tokens and tokens[-1] == " ":
            tokens[-1] = "=20"
        return "".join(tokens)
    lines, current, size = [], [], prefix_length
    for token in tokens:
        if size + len(token) > 75:  # leave room for the "=" of the soft break
            if current and current[-1] == " ":
                current[-1] = "=20"
            lines.append("".join(current) + "=")
            current, size = [], 0
            if token == " ":
                token = "=20"  # a line that starts with a space would look like a folded one
        current.append(token)
        size += len(token)
    if current and current[-1] == " ":
        current[-1] = "=20"
    lines.append("".join(current))
    return "\r\n".join(lines)


class Person:
    """The facts of one card, drawn from `rng`; the writers below only format them."""

    def __init__(self, index, rng):
        if rng.random() < 0.2:
            self.family, self.given = rng.choice(EAST_ASIAN)
            self.formatted = self.family + self.given
            login = f"contact{index}"
        else:
            self.given, self.family = rng.choice(GIVEN), rng.choice(FAMILY)
            self.formatted = f"{self.given} {self.family}"
            login = ascii_login(f"{self.given}.{self.family}") + str(index)
        self.company = rng.choice(COMPANIES)
        self.department = rng.choice(DEPARTMENTS)
        self.title = rng.choice(TITLES)
        hosts = rng.sample(MAIL_HOSTS, rng.randint(1, 3))
        self.emails = [f"{login}@{host}" for host in hosts]
        self.phones = [f"+{rng.randint(1, 49)} {rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
                       for _ in range(rng.randint(1, 3))]
        city, region, code, country = rng.choice(CITIES)
        self.address = ["", f"Floor {rng.randint(1, 12)}", f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                        city, region, code, country]
        self.zone = rng.choice(ZONES)
        count = rng.choice([0, 1, 2, 3, 4])
        self.note = "; ".join(rng.sample(NOTE_PARTS, count)) + "." if count else None
        if count >= 3:
            self.note = self.note.replace("; ", ".\n", 1)  # a note of two paragraphs
        self.photo = base64.b64encode(rng.randbytes(rng.randint(300, 900))).decode("ascii") \
            if rng.random() < 0.15 else None


def ascii_login(name):
    """The name as the ASCII local part of an e-mail address: accents dropped, é -> e."""
    spelled = "".join(SPELLED_OUT.get(char, char) for char in name.lower())
    plain = unicodedata.normalize("NFD", spelled)
    return "".join(char for char in plain if char.isascii() and (char.isalnum() or char == "."))


def vcard21(person, flat):
    """A card as a phone or card scanner writes it: 2.1, bare type words, quoted-printable."""
    def qp_line(name, value):
        head = f"{name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:"
        return head + quoted_printable(value, len(head), flat) + "\r\n"

    out = ["BEGIN:VCARD\r\n", "VERSION:2.1\r\n",
           qp_line("N", f"{person.family};{person.given};;;"),
           qp_line("FN", person.formatted),
           qp_line("ORG", f"{person.company.replace(';', ',')};{person.department}"),
           f"TITLE:{person.title}\r\n"]
    for number, phone in enumerate(person.phones):
        out.append(f"TEL;{['WORK;VOICE', 'CELL', 'WORK;FAX'][number]}:{phone}\r\n")
    for number, email in enumerate(person.emails):
        out.append(f"EMAIL;{'PREF;' if number == 0 else ''}INTERNET:{email}\r\n")
    out.append(qp_line("ADR;WORK", ";".join(person.address)))
    if person.note:
        out.append(qp_line("NOTE", person.note))
    out.append("END:VCARD\r\n")
    return "".join(out)


def vcard30(person):
    """A card as an address book app exports it: 3.0, grouped labels, TYPE lists."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", "PRODID:-//followup benchmark//EN",
             f"N:{escape(person.family)};{escape(person.given)};;;", f"FN:{escape(person.formatted)}",
             f"ORG:{escape(person.company)};{escape(person.department)}", f"TITLE:{escape(person.title)}"]
    for number, email in enumerate(person.emails):
        kinds = "type=INTERNET;type=WORK;type=pref" if number == 0 else "type=INTERNET;type=HOME"
        lines.append(f"item{number + 1}.EMAIL;{kinds}:{email}")
        lines.append(f"item{number + 1}.X-ABLabel:{'_$!<Work>!$_' if number == 0 else 'Other'}")
    for number, phone in enumerate(person.phones):
        lines.append(f"TEL;type={['WORK', 'CELL', 'MAIN'][number]};type=VOICE:{phone}")
    lines.append("ADR;type=WORK;type=pref:" + ";".join(escape(part) for part in person.address))
    if person.note:
        lines.append(f"NOTE:{escape(person.note)}")
    if person.photo:
        lines.append(f"PHOTO;ENCODING=b;TYPE=JPEG:{person.photo}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def vcard40(person):
    """A card as a CardDAV server stores it: 4.0, PREF=n, tel: URIs, a time zone, a data: photo."""
    lines = ["BEGIN:VCARD", "VERSION:4.0", "KIND:individual",
             f"FN:{escape(person.formatted)}", f"N:{escape(person.family)};{escape(person.given)};;;",
             f"ORG:{escape(person.company)};{escape(person.department)}", f"TITLE:{escape(person.title)}"]
    for number, email in enumerate(person.emails):
        lines.append(f"EMAIL;TYPE={'work' if number == 0 else 'home'};PREF={number + 1}:{email}")
    for number, phone in enumerate(person.phones):
        kinds = ['"work,voice"', "cell", '"work,fax"'][number]
        lines.append(f"TEL;VALUE=uri;TYPE={kinds};PREF={number + 1}:tel:{phone.replace(' ', '-')}")
    lines.append("ADR;TYPE=work:" + ";".join(escape(part) for part in person.address))
    lines.append(f"TZ;VALUE=text:{person.zone}")
    if person.note:
        lines.append(f"NOTE;LANGUAGE=en:{escape(person.note)}")
    if person.photo:
        lines.append(f"PHOTO:data:image/jpeg;base64,{person.photo}")
    lines.append("END:VCARD")
    return "".join(fold(line) for line in lines)


def card(index, rng, flat):
    person = Person(index, rng)
    version = rng.random()
    if version < 0.35:
        return vcard21(person, flat)
    if version < 0.7:
        return vcard30(person)
    return vcard40(person)


def main(arguments):
    flat = "--flat-qp" in arguments
    rest = [argument for argument in arguments if argument != "--flat-qp"]
    if len(rest) != 2 or not rest[0].isdigit() or any(argument.startswith("--") for argument in rest):
        sys.exit("usage: generate_vcards.py [--flat-qp] N OUT.vcf")
    count, path = int(rest[0]), rest[1]
    rng = random.Random(SEED)
    with open(path, "w", encoding="utf-8", newline="") as output:
        for index in range(count):
            output.write(card(index, rng, flat))


if __name__ == "__main__":
    main(sys.argv[1:])
