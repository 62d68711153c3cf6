import Foundation
import Testing
import FollowUpKit

/// What a new user tripped over (issue 14), run through the binary as they ran it.
@Suite(.serialized)
struct NewUserTests {
    let dana = FollowUpBinary.sample("dana-diaz.vcf")
    let lee = FollowUpBinary.sample("lee-chen.vcf")

    static func card(_ name: String) -> String {
        FollowUpBinary.packageRoot.appendingPathComponent("Tests/EndToEndTests/Fixtures/cards/\(name)").path
    }

    struct Store {
        var folder: URL
        var path: String { folder.appendingPathComponent("store.sqlite").path }

        func run(_ arguments: [String], now: String = FollowUpBinary.afterSampleInterview) throws -> FollowUpBinary.Outcome {
            try FollowUpBinary.run([arguments[0], "--store", path] + arguments.dropFirst(), now: now)
        }

        /// Adds an interview and returns its id.
        func add(_ arguments: [String], now: String = FollowUpBinary.afterSampleInterview) throws -> String {
            let result = try run(["add"] + arguments, now: now)
            #expect(result.status == 0, "\(result.stderr)")
            return String(result.stdout.split(separator: "\n").first?.split(separator: " ").last ?? "")
        }

        func json() throws -> [[String: Any]] {
            let list = try run(["list", "--json", "--all"])
            return try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        }
    }

    func store() throws -> Store { Store(folder: try FollowUpBinary.temporaryDirectory()) }

    // MARK: Ids name exactly one interview

    @Test func aPrefixOfAnIdChangesNothingAndListsTheCandidates() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let edit = try store.run(["edit", String(id.prefix(3)), "--role", "Other"])
        #expect(edit.status == 1)
        #expect(edit.stderr.contains("give one whole id"))
        #expect(edit.stderr.contains("  \(id)  Tue 1 Dec 2026 14:00 (America/Chicago)  Acme Robotics"))
        #expect(try store.json()[0]["role"] == nil)
    }

    @Test func aRemovedIdIsUnknownAfterwards() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let other = try store.add(["--card", lee, "--at", "2026-12-08 09:00", "--tz", "America/Chicago"])
        #expect(try store.run(["remove", id]).status == 0)
        for command in [["remove", id], ["edit", id, "--role", "X"], ["cancel", id, "--reason", "offer"], ["done", id, "--step", "thank-you"]] {
            let again = try store.run(command)
            #expect(again.status == 1, "\(command)")
            #expect(again.stderr.contains("no interview has the id '\(id)'"), "\(command)")
            #expect(again.stderr.contains("  \(other)  "), "\(command)")
        }
        #expect(try store.json().count == 1)
    }

    @Test func theSameInterviewTwiceIsRefusedWithHowToChangeIt() throws {
        let store = try store()
        // The company comes from the card both times.
        let id = try store.add(["--card", dana, "--card", lee, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let again = try store.run(["add", "--card", dana, "--card", lee, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("already stored as \(id)"))
        #expect(again.stderr.contains("followup edit \(id)"))
        #expect(try store.json().count == 1)
    }

    // MARK: The check-in's channel

    @Test func preferEmailWithOnlyAPhoneFallsBackToACallWithAWarning() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--card", Self.card("ravi-iyer-phone-only.vcf"), "--at", "2026-12-01 14:00",
                                             "--tz", "Asia/Kolkata", "--prefer", "email", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("'Ravi Iyer' prefers e-mail, but the card has no e-mail address: the check-in is a call"))
        #expect(result.stdout.contains("Check-in call to Ravi Iyer"))
        #expect(!result.stderr.contains("the check-in cannot be planned"))
    }

    // MARK: edit warns as add does

    @Test func editShowsThePlannersWarnings() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let early = try store.run(["edit", id, "--follow-up-on", "2026-11-20"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stderr.contains("warning: --follow-up-on 2026-11-20 is not after the interview on 2026-12-01; ignored"))
        let pushy = try store.run(["edit", id, "--talking-point", "I have another offer, so please decide fast"])
        #expect(pushy.stderr.contains("warning: the talking point"))
    }

    // MARK: Ending an interview

    @Test func aSecondCancelIsRefusedUnlessTheOutcomeIsChanged() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(try store.run(["cancel", id, "--reason", "withdrawn"]).status == 0)
        let again = try store.run(["cancel", id, "--reason", "offer"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("interview \(id) already ended (withdrawn)"))
        #expect(again.stderr.contains("--change-outcome"))
        #expect(try store.json()[0]["outcome"] as? String == "withdrawn")
        let changed = try store.run(["cancel", id, "--reason", "offer", "--change-outcome"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(try store.json()[0]["outcome"] as? String == "offer")
    }

    @Test func doneOnACancelledFollowUpSaysItWasCancelled() throws {
        let store = try store()
        let id = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        let followUps = try #require(store.json()[0]["followUps"] as? [[String: Any]])
        let checkIn = try #require(followUps.first { $0["action"] as? String == "check-in call" }?["id"] as? String)
        #expect(try store.run(["cancel", id, "--reason", "rejected"]).status == 0)
        let done = try store.run(["done", checkIn])
        #expect(done.status == 1)
        #expect(done.stderr.contains("was cancelled (rejected)"))
        #expect(!done.stdout.contains("already done"))
    }

    @Test func listJSONNamesTheCompanyFromTheCard() throws {
        let store = try store()
        _ = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        #expect(try store.json()[0]["company"] as? String == "Acme Robotics")
    }

    // MARK: Zones

    /// Foundation may load a renamed zone under its current or its former name: the same rules.
    @Test(arguments: [("kolkata", ["Asia/Kolkata", "Asia/Calcutta"]), ("calcutta", ["Asia/Kolkata", "Asia/Calcutta"]),
                      ("Kyiv", ["Europe/Kyiv", "Europe/Kiev"]), ("kiev", ["Europe/Kyiv", "Europe/Kiev"]),
                      ("saigon", ["Asia/Ho_Chi_Minh", "Asia/Saigon"]), ("Ho Chi Minh", ["Asia/Ho_Chi_Minh", "Asia/Saigon"]),
                      ("new york", ["America/New_York"]), ("São Paulo", ["America/Sao_Paulo"])])
    func cityLookUpKnowsCurrentAndFormerNames(city: String, zones: [String]) throws {
        #expect(zones.contains(try InterviewInput.timeZone(named: city).identifier))
    }

    @Test func planAcceptsKolkata() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", dana, "--at", "2026-12-01 14:00", "--tz", "kolkata"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test func aCallInAnotherZoneShowsTheUsersDayAndTime() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("mia-walker-sydney.vcf"),
                                             "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Mon 7 Dec 2026 10:00 (Australia/Sydney) = Sun 6 Dec 2026 23:00 Europe/Lisbon, 15 min"))
        #expect(result.stderr.contains("outside 08:00-21:00 for you; no time in their working hours suits you that day"))
    }

    @Test func aCallAtNightForTheUserSuggestsCallTimesThatSuitBoth() throws {
        let result = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("haruki-sato-tokyo.vcf"),
                                             "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        #expect(result.stderr.contains("""
            the check-in call at 10:00 Mon 7 Dec 2026 in Asia/Tokyo is 01:00 Mon 7 Dec 2026 in Europe/Lisbon, \
            outside 08:00-21:00 for you; --call-at 17:00 to 17:30 suits both
            """))
        let moved = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("haruki-sato-tokyo.vcf"),
                                            "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon", "--call-at", "17:00"])
        #expect(moved.status == 0)
        #expect(!moved.stderr.contains("outside 08:00-21:00"))
    }

    @Test func agendaIsInTheUsersZoneAndOrderedByInstant() throws {
        let store = try store()
        _ = try store.add(["--card", dana, "--at", "2026-12-01 14:00", "--tz", "America/Chicago"])
        _ = try store.add(["--card", Self.card("haruki-sato-tokyo.vcf"), "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        _ = try store.add(["--card", Self.card("mia-walker-sydney.vcf"), "--at", "2026-12-01 10:00", "--tz", "Europe/Lisbon"])
        // 2026-12-05 12:00 UTC.
        let agenda = try store.run(["agenda", "--tz", "Europe/Lisbon"], now: "1796472000")
        let text = agenda.stdout
        let sydney = try #require(text.range(of: "= Sun 6 Dec 2026 23:00 Europe/Lisbon"))
        let tokyo = try #require(text.range(of: "= Mon 7 Dec 2026 01:00 Europe/Lisbon"))
        let chicago = try #require(text.range(of: "= Mon 7 Dec 2026 16:00 Europe/Lisbon"))
        #expect(sydney.lowerBound < tokyo.lowerBound && tokyo.lowerBound < chicago.lowerBound)
        #expect(text.contains("Next 7 days:"))
        let shorter = try store.run(["agenda", "--tz", "Europe/Lisbon", "--days", "3"], now: "1796472000")
        #expect(shorter.stdout.contains("Next 3 days:"))
    }

    @Test func aCardWithoutTZTakesTheZoneOfItsAddress() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let result = try FollowUpBinary.run(["plan", "--card", Self.card("jordan-okafor-chicago-address.vcf"), "--at", "2026-12-01 09:00",
                                             "--tz", "Europe/Lisbon", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasSuffix(".events.ics") })
        let events = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
        #expect(events.contains("DTSTART;TZID=America/Chicago:20261207T100000"))
        let table = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("jordan-okafor-chicago-address.vcf"),
                                            "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        #expect(table.stdout.contains("10:00 in America/Chicago, the interviewer's zone, from the card's address (Chicago)"))
    }

    @Test func aCardWithoutTZTakesTheZoneOfItsPhoneNumber() throws {
        let table = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("eva-novak-312-phone.vcf"),
                                            "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("10:00 in America/Chicago, the interviewer's zone, from the card's phone number (+1 312)"))
    }

    @Test func aCardThatNamesNoZoneSaysTheCallIsInTheUsersZone() throws {
        let table = try FollowUpBinary.run(["plan", "--dry-run", "--card", Self.card("alex-berg-no-zone.vcf"),
                                            "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        #expect(table.stdout.contains("10:00 in Europe/Lisbon, your zone, since the card names none"))
        #expect(!table.stdout.contains("the interviewer's zone"))
    }

    @Test func theZoneFromAnAddressSurvivesTheStore() throws {
        let store = try store()
        let id = try store.add(["--card", Self.card("jordan-okafor-chicago-address.vcf"), "--at", "2026-12-01 09:00", "--tz", "Europe/Lisbon"])
        let edited = try store.run(["edit", id, "--call-at", "11:00"])
        #expect(edited.stdout.contains("Mon 7 Dec 2026 11:00 (America/Chicago)"), "\(edited.stdout)")
    }

    // MARK: plan files' DTSTAMP and SEQUENCE

    /// UID to the component's text, for every VEVENT or VTODO of a file.
    func components(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for block in text.components(separatedBy: "\r\nBEGIN:").dropFirst() where block.hasPrefix("VEVENT") || block.hasPrefix("VTODO") {
            if let uid = block.components(separatedBy: "\r\n").first(where: { $0.hasPrefix("UID:") }) { result[uid] = block }
        }
        return result
    }

    @Test func planAgainRaisesTheSequenceOfWhatChangedOnly() throws {
        let out = try FollowUpBinary.temporaryDirectory()
        let plan = ["plan", "--card", dana, "--card", lee, "--at", "2026-12-01 14:00", "--tz", "America/Chicago", "--out", out.path]
        #expect(try FollowUpBinary.run(plan, now: "1796169600").status == 0)
        let file = out.appendingPathComponent("2026-12-01-acme-robotics.events.ics")
        let first = try String(contentsOf: file, encoding: .utf8)
        // DTSTAMP is when the file was made (SOURCE_DATE_EPOCH), not the interview's time.
        #expect(first.contains("DTSTAMP:20261202T000000Z"))
        #expect(!first.contains("DTSTAMP:20261201T200000Z"))

        #expect(try FollowUpBinary.run(plan + ["--call-at", "11:00"], now: "1796256000").status == 0)
        let second = try String(contentsOf: file, encoding: .utf8)
        let before = components(first), after = components(second)
        #expect(Set(before.keys) == Set(after.keys))
        let changed = after.filter { before[$0.key] != $0.value }
        #expect(changed.count == 1)
        #expect(changed.values.first?.contains("SEQUENCE:1\r\n") == true)
        #expect(changed.values.first?.contains("DTSTAMP:20261203T000000Z\r\n") == true)
        #expect(changed.values.first?.contains("SUMMARY:Check-in call to Dana") == true)

        // The same plan again, later: the same bytes.
        #expect(try FollowUpBinary.run(plan + ["--call-at", "11:00"], now: "1799999999").status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == second)
    }
}
