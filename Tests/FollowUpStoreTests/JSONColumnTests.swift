import Foundation
import Testing
@testable import FollowUpStore

/// A column's JSON is the value or an error, never `null` standing in for a value.
struct JSONColumnTests {
    struct Unencodable: Encodable {
        func encode(to encoder: any Encoder) throws {
            throw EncodingError.invalidValue(Double.nan, .init(codingPath: [], debugDescription: "not a number"))
        }
    }

    @Test func aValueThatCannotBeEncodedIsAnErrorNotNull() {
        #expect {
            _ = try JSONColumn.encode(Unencodable())
        } throws: { error in
            let description = (error as? StoreError)?.description ?? ""
            return description.hasPrefix("cannot store Unencodable: ") && description.hasSuffix("; nothing was changed")
        }
    }

    @Test func contactsRoundTrip() throws {
        let text = try JSONColumn.encode([ContactColumn(.init(value: "dana@acme.example", types: ["work"], preference: 1, label: nil))])
        #expect(text == #"[{"preference":1,"types":["work"],"value":"dana@acme.example"}]"#)
        #expect(try JSONColumn.decode([ContactColumn].self, text).map(\.contact.value) == ["dana@acme.example"])
    }
}
