"""The matrix of interviews the interop suite plans, and what each plan must contain.

The expected dates and times are worked out here from the rules docs/planning.md states, with
`zoneinfo`, and never read from the files under test:

- a thank-you e-mail per interviewer with an address, all day on the next working day
  (Monday to Friday) after the interview's day in the interview's zone;
- one check-in with the main contact on the first working day at least five days after the
  interview: a 15-minute call at 10:00 in the contact's zone (the card's TZ, else --tz), or an
  all-day e-mail when the card has no phone number;
- for an interview still ahead of "now", a 15-minute checklist entry at the interview itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

FIXTURES = Path(__file__).resolve().parent / "fixtures"
UTC = dt.timezone.utc

# "Now" for the planner (SOURCE_DATE_EPOCH): after every interview below, so plans hold only
# follow-ups, except where a case sets its own.
AFTER_ALL_INTERVIEWS = dt.datetime(2027, 1, 15, 12, 0, tzinfo=UTC)


def long_note(length: int = 2000) -> str:
    """A talking point of exactly `length` characters: CJK, accented Latin, emoji, and the
    characters iCalendar escapes (comma, semicolon, backslash), with long runs without spaces
    so that folding has to happen inside them."""
    pieces = ["漢字かな", "Zoë", "🙂", ",", "naïve", ";", "👩‍💻", "\\", "façade", "株式会社", " ", "€", "ß"]
    text = ""
    index = 0
    while len(text) < length:
        text += pieces[index % len(pieces)]
        index += 1
    return text[:length]


@dataclass(frozen=True)
class Card:
    file: str
    name: str          # FN, as the card's owner wrote it (after vCard unescaping)
    email: str | None
    phone: bool
    zone: str | None   # the card's TZ

    @property
    def path(self) -> Path:
        return FIXTURES / self.file


ZOE = Card("zoe-angstrom-new-york.vcf", "Zoë Ångström-Núñez", "zoe@hotel-cafe.example", True, "America/New_York")
JUERGEN = Card("juergen-weiss-berlin.vcf", "Jürgen Weiß", "juergen.weiss@mueller-soehne.example", True, "Europe/Berlin")
ANANYA = Card("ananya-iyer-kolkata.vcf", "Ananya Iyer 🙂🚀", "ananya@rocket-labs.example", True, "Asia/Kolkata")
TARO = Card("yamada-taro-lord-howe.vcf", "山田 太郎", "taro.yamada@lordhowe.example", True, "Australia/Lord_Howe")
LI_WEI = Card("li-wei-utc.vcf", "李伟 (Li Wei), Ph.D.; AI\\ML 🙂", "li.wei@remote-first.example", True, "UTC")
MARIA = Card("maria-jose-no-phone.vcf", "María José Núñez", "maria.jose@iberica-talent.example", False, None)


@dataclass(frozen=True)
class Expected:
    """One follow-up as a calendar should show it."""
    kind: str                      # "thank-you", "call", "check-in e-mail", "checklist"
    words: tuple[str, ...]         # text the SUMMARY must contain
    day: dt.date | None = None     # all-day entries
    start: dt.datetime | None = None  # timed entries, aware
    end: dt.datetime | None = None
    zone: str | None = None        # the TZID the time is written in; None for UTC
    role: str = ""                 # text the DESCRIPTION must contain
    note: str | None = None

    @property
    def all_day(self) -> bool:
        return self.day is not None


@dataclass(frozen=True)
class Case:
    name: str
    cards: tuple[Card, ...]
    at: str                        # "YYYY-MM-DD HH:MM"
    tz: str
    company: str
    role: str
    primary: Card | None = None
    talking_point: str | None = None
    now: dt.datetime = AFTER_ALL_INTERVIEWS
    why: str = ""

    @property
    def interview_start(self) -> dt.datetime:
        naive = dt.datetime.strptime(self.at, "%Y-%m-%d %H:%M")
        return naive.replace(tzinfo=ZoneInfo(self.tz))

    @property
    def main_contact(self) -> Card:
        return self.primary or self.cards[0]

    def arguments(self, out: Path | None) -> list[str]:
        """`followup plan` with `out`; `followup add` without."""
        args = ["plan" if out else "add"]
        for card in self.cards:
            args += ["--card", str(card.path)]
        args += ["--at", self.at, "--tz", self.tz, "--company", self.company, "--role", self.role]
        if out:
            args += ["--out", str(out)]
        if self.primary:
            args += ["--primary", self.primary.email]
        if self.talking_point:
            args += ["--talking-point", self.talking_point]
        return args

    def environment(self) -> dict[str, str]:
        return {"SOURCE_DATE_EPOCH": str(int(self.now.timestamp()))}

    def expected(self) -> list[Expected]:
        interview = self.interview_start
        day = interview.date()
        items: list[Expected] = []
        if interview > self.now:
            items.append(Expected("checklist", ("interview", self.company), start=interview.astimezone(UTC),
                                  end=(interview + dt.timedelta(minutes=15)).astimezone(UTC), zone=self.tz,
                                  role=self.role))
        thanked: set[str] = set()
        for card in self.cards:
            if card.email and card.email not in thanked:
                thanked.add(card.email)
                items.append(Expected("thank-you", ("Thank-you", card.name, self.company), day=next_working_day(day),
                                      role=self.role, note=self.talking_point))
        contact = self.main_contact
        check_in = first_working_day(day + dt.timedelta(days=5))
        if contact.phone:
            zone = contact.zone or self.tz
            start = dt.datetime.combine(check_in, dt.time(10, 0), tzinfo=ZoneInfo(zone))
            items.append(Expected("call", ("call", contact.name, self.company), start=start.astimezone(UTC),
                                  end=(start + dt.timedelta(minutes=15)).astimezone(UTC),
                                  zone=None if zone == "UTC" else zone, role=self.role))
        else:
            items.append(Expected("check-in e-mail", ("Check-in", contact.name, self.company), day=check_in,
                                  role=self.role))
        return items



def next_working_day(day: dt.date) -> dt.date:
    return first_working_day(day + dt.timedelta(days=1))


def first_working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:  # Saturday, Sunday
        day += dt.timedelta(days=1)
    return day


TEXT = "Hôtel & Café, Inc.; R\\D"

CASES = [
    Case("new-york-spring-forward", (ZOE,), "2026-03-07 11:00", "America/New_York",
         company=TEXT, role="Backend, Platform; \\ Infra",
         why="the day before US clocks go forward; the call is after the change"),
    Case("new-york-fall-back-from-los-angeles", (ZOE,), "2026-10-31 16:30", "America/Los_Angeles",
         company="Acme, Inc.; \\ 🙂", role="Staff Engineer, Payments; EMEA \\ US",
         why="the day before US clocks go back; candidate and interviewer in different zones"),
    Case("berlin-spring-forward", (JUERGEN,), "2026-03-28 10:00", "Europe/Berlin",
         company="Müller, Schäfer & Söhne; \\ GmbH", role="Entwickler, Backend; Zürich \\ Berlin",
         why="the day before EU clocks go forward"),
    Case("kolkata-from-berlin-fall-back", (ANANYA,), "2026-10-24 09:30", "Europe/Berlin",
         company="Rocket 🚀 Labs, India; \\ Bengaluru", role="SRE, Platform; 🙂 \\ On-call",
         why="the candidate's zone changes the next day, the interviewer's never does"),
    Case("lord-howe-half-hour-fall-back", (TARO,), "2026-04-04 15:00", "Australia/Lord_Howe",
         company="株式会社ロードハウ, Ltd.; \\ 東京", role="エンジニア, クラウド; 基盤 \\ SRE",
         talking_point=long_note(),
         why="the day before Lord Howe's half-hour change; a 2,000-character note"),
    Case("lord-howe-spring-from-sydney", (TARO,), "2026-10-03 13:00", "Australia/Sydney",
         company="Island, Co.; \\ Pty", role="Ingénieur, Données; Océan \\ Île",
         why="the day before both Sydney and Lord Howe go forward, by different amounts"),
    Case("utc-interviewer-from-london", (LI_WEI,), "2026-03-28 23:30", "Europe/London",
         company="Remote-First, Ltd.; \\ Global", role="ML Engineer, Vision; 🙂 \\ Research",
         why="the interviewer's card says UTC: times are written in UTC, with no VTIMEZONE"),
    Case("panel-with-email-check-in", (ZOE, JUERGEN, ANANYA, TARO, LI_WEI, MARIA), "2026-11-06 18:00", "Asia/Kolkata",
         company="Panel, Inc.; Global \\ Hiring", role="Principal, Architecture; 全球 \\ 🙂", primary=MARIA,
         why="six interviewers; the main contact has no phone, so the check-in is an all-day e-mail"),
    Case("interview-still-ahead", (JUERGEN, ZOE), "2026-10-23 16:00", "America/New_York",
         company="Ahead, Corp.; \\ NYC", role="Engineer, Mobile; iOS \\ Android",
         now=dt.datetime(2026, 10, 1, 12, 0, tzinfo=UTC),
         why="planned before the interview: a checklist entry at the interview itself"),
]
