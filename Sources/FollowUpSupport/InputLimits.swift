/// Every bound `followup` sets on what it reads and how long it works on it, in one place, so
/// that docs/limits.md and the tests name the same numbers. Each lies far beyond what a real
/// file or server reaches; past it, the input is an attack or an accident, and is refused (or
/// its expansion given up) with a message saying which bound, rather than read for minutes or
/// gigabytes.
package enum InputLimits {
    /// The most steps libical's recurrence iterator may take for one RRULE: a step is one
    /// candidate at the rule's frequency (a second for FREQ=SECONDLY, a day for DAILY, a month
    /// for MONTHLY). libical takes about 3 µs a step, so one expansion stays under a third of
    /// a second; a rule that needs more (every second since 1900, or a day that never comes) is
    /// given up with a warning.
    package static let recurrenceSteps = 100_000

    /// The most steps the RRULEs of one file (and the zones they are read in) may take
    /// together: under a second, however many recurring events the file holds.
    package static let recurrenceStepsPerFile = 250_000

    /// The most occurrences of one RRULE looked at when finding an event's first one from now.
    package static let recurrenceOccurrences = 100_000

    /// How far past "now" an event's occurrences are followed: ten years, further than any
    /// interview is planned.
    package static let recurrenceHorizonDays = 3_660

    /// The last year whose changes a VTIMEZONE's rules are expanded through. libical itself
    /// stops well before (it covers a few years past today); the bound is what the step count of
    /// a zone's RRULE is reckoned to.
    package static let zoneRulesThroughYear = 2100

    /// The largest invitation, an .ics or an .eml, read: an e-mail with its attachments stays
    /// under a mail server's 25-50 MB; a 200 MB file once took 22.7 s and 2.8 GB.
    package static let invitationFileBytes = 64 << 20

    /// The largest spreadsheet (`import FILE.csv`): a hundred thousand interviews take some
    /// 20 MB; a 200 MB file once took 2.35 GB.
    package static let spreadsheetFileBytes = 64 << 20

    /// The largest archive (`import FILE.json`): an export of a hundred thousand interviews,
    /// with their follow-ups and drafts, stays well under it.
    package static let archiveFileBytes = 256 << 20

    /// The largest holidays file (`--holidays FILE.ics`): a country's holidays for a century
    /// take well under a megabyte.
    package static let holidaysFileBytes = 16 << 20

    /// How long `sync` waits for a connection to open.
    package static let syncConnectSeconds = 5

    /// How long `sync` waits for one request's whole answer, from sending it to its last byte:
    /// a server that accepts and never answers, or trickles a byte every few seconds, is given
    /// up on after it.
    package static let syncRequestSeconds = 60

    /// How long one `sync` may take in all: a first sync of a large search takes seconds.
    package static let syncSeconds = 600

    /// The largest answer `sync` reads; a calendar's Multi-Status of thousands of entries is a
    /// few MiB.
    package static let syncAnswerBytes = 64 << 20

    /// How many redirects of a well-known URI (`/.well-known/caldav`) `sync` follows.
    package static let syncRedirects = 5
}
