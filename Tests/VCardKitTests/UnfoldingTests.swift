import Testing
@testable import VCardKit

/// Physical lines become content lines: RFC 2425/6350 folding (CRLF, LF or CR, then a space
/// or tab) and vCard 2.1's quoted-printable soft line breaks (`=` at the end of a line).
struct UnfoldingTests {
    @Test func crlfFoldIsJoinedDroppingOneWhiteSpaceCharacter() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana\r\n  Díaz\r\nNOTE:Met at the\r\n\t fair.\r\nEND:VCARD\r\n")
        #expect(card.formattedName == "Dana Díaz")
        #expect(card.note == "Met at the fair.")
    }

    @Test func lfFoldIsJoined() throws {
        let card = try Read.card("BEGIN:VCARD\nVERSION:3.0\nTITLE:Engineering\n  Manager\nEND:VCARD\n")
        #expect(card.title == "Engineering Manager")
    }

    @Test func foldInsideAWordJoinsTheWord() throws {
        // RFC 6350 §3.2 folds at 75 octets, wherever that falls.
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:dana.di\r\n az@acme.exa\r\n mple\r\nEND:VCARD\r\n")
        #expect(card.emails.map(\.value) == ["dana.diaz@acme.example"])
    }

    @Test func foldedLinesKeepTheLineNumbersOfTheLinesAfterThem() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:one\r\n two\r\n three\r\nFN:Dana\r\nEMAIL:d@x.example\r\nEND:VCARD\r\n")
        #expect(card.properties.map(\.line) == [2, 3, 6, 7])
    }

    @Test func quotedPrintableSoftBreakJoinsAnUnindentedLine() throws {
        let card = try Read.card("""
            BEGIN:VCARD
            VERSION:2.1
            NOTE;ENCODING=QUOTED-PRINTABLE:Asked about the robot =
            fleet rollout and =
            the on-call rota.
            FN:Dana
            END:VCARD

            """.crlf)
        #expect(card.note == "Asked about the robot fleet rollout and the on-call rota.")
        #expect(card.properties.map(\.line) == [2, 3, 6])
    }

    @Test func quotedPrintableSoftBreakWorksWithTheBareParameter() throws {
        // vCard 2.1 may name the encoding alone, as Nokia and Sony Ericsson phones did.
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;QUOTED-PRINTABLE;CHARSET=UTF-8:Gr=C3=BC=\r\n=C3=9Fe\r\nEND:VCARD\r\n")
        #expect(card.note == "Grüße")
    }

    @Test func quotedPrintableEncodedLineBreaksBecomeNewlines() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:2.1\r\nADR;HOME;ENCODING=QUOTED-PRINTABLE:;;12 Main St=0D=0AApt 4;Springfield;;;\r\n"
                                 + "END:VCARD\r\n")
        let address = try #require(card.properties(named: "ADR").first)
        #expect(address.components[2] == "12 Main St\nApt 4")
    }

    @Test func equalsSignOfAPlainValueIsNotASoftBreak() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE:1+1=\r\nFN:Dana\r\nEND:VCARD\r\n")
        #expect(card.note == "1+1=")
        #expect(card.formattedName == "Dana")
    }

    @Test func softBreakNeverSwallowsEndOfCard() throws {
        let cards = try Read.cards("BEGIN:VCARD\r\nVERSION:2.1\r\nFN:A\r\nNOTE;ENCODING=QUOTED-PRINTABLE:cut short=\r\nEND:VCARD\r\n"
                                   + "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:B\r\nEND:VCARD\r\n")
        #expect(cards.map(\.displayName) == ["A", "B"])
        #expect(cards[0].note == "cut short")
        #expect(cards[0].warnings.contains { $0.line == 4 && $0.property == "NOTE" && $0.message.contains("soft line break") })
    }

    @Test func mixedLineEndsAreAllLineEnds() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:3.0\nFN:Mixed\rEMAIL:m@x.example\r\nEND:VCARD")
        #expect(card.formattedName == "Mixed")
        #expect(card.properties.map(\.line) == [2, 3, 4])
    }

    @Test func blankLinesBetweenPropertiesAreSkipped() throws {
        let card = try Read.card("BEGIN:VCARD\r\nVERSION:3.0\r\n\r\nFN:Gap\r\n\r\n\r\nEND:VCARD\r\n")
        #expect(card.formattedName == "Gap")
        #expect(card.warnings.isEmpty)
    }
}
