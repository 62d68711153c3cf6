/// The files of issue 25's attack (`Tests/EndToEndTests/Fixtures/issue-25`, see its README.md):
/// values that once entered through an importer or an invitation and made a later command trap.
package enum Issue25Attack {
    package static let folder = "Tests/EndToEndTests/Fixtures/issue-25"

    /// The invitation whose `DURATION` (line 7) ends two billion years on.
    package static let invitationPath = folder + "/duration-of-two-billion-years.ics"
    /// The invitation from 1900 whose RRULE (line 10) names a day that never comes.
    package static let neverMatchingRulePath = folder + "/rule-that-never-matches.ics"
    /// The invitation whose VTIMEZONE `Bomb` changes every second since 1601 (line 5).
    package static let zoneBombPath = folder + "/zone-of-every-second-since-1601.ics"
    /// The spreadsheet with a row dated on the last day of year 9999 (line 2, column 3).
    package static let spreadsheetPath = folder + "/interview-in-year-9999.csv"
    /// The DURATION the invitation gives, which a test may replace with another.
    package static let invitationDuration = "P99999999999W"

    /// The invitation's text, with `duration` in place of its own.
    package static func invitation(duration: String = invitationDuration) throws -> String {
        String(decoding: try Repository.bytes(invitationPath), as: UTF8.self)
            .replacingOccurrences(of: ":" + invitationDuration + "\r\n", with: ":" + duration + "\r\n")
    }

    /// The spreadsheet's text.
    package static func spreadsheet() throws -> String {
        String(decoding: try Repository.bytes(spreadsheetPath), as: UTF8.self)
    }
}
