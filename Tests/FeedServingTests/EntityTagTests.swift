import Foundation
import Testing

@testable import FeedServing

struct EntityTagTests {
    @Test func tagIsFNV1aOfTheBytesAndTheirLength() {
        // Test vectors of the FNV specification.
        #expect(EntityTag.strong(forContent: []).fieldValue == "\"cbf29ce484222325-0\"")
        #expect(EntityTag.strong(forContent: Array("a".utf8)).fieldValue == "\"af63dc4c8601ec8c-1\"")
        #expect(EntityTag.strong(forContent: Array("foobar".utf8)).fieldValue == "\"85944171f73967e8-6\"")
    }

    @Test func tagChangesWithOneByte() {
        var bytes = Array(FeedFolder.sampleEvents)
        let before = EntityTag.strong(forContent: bytes)
        bytes[bytes.count / 2] ^= 1
        #expect(EntityTag.strong(forContent: bytes) != before)
    }

    @Test func readsAListOfTags() {
        #expect(EntityTagCondition(fieldValue: "\"a\"") == .tags([EntityTag(opaque: "a", isWeak: false)]))
        #expect(EntityTagCondition(fieldValue: "W/\"a\" , \"b\"") == .tags([
            EntityTag(opaque: "a", isWeak: true), EntityTag(opaque: "b", isWeak: false),
        ]))
        #expect(EntityTagCondition(fieldValue: "\"a,b\", ,\"c\"") == .tags([
            EntityTag(opaque: "a,b", isWeak: false), EntityTag(opaque: "c", isWeak: false),
        ]))
        #expect(EntityTagCondition(fieldValue: "\"\"") == .tags([EntityTag(opaque: "", isWeak: false)]))
        #expect(EntityTagCondition(fieldValue: " * ") == .any)
    }

    @Test func rejectsWhatIsNotATagList() {
        for text in ["", "a", "\"a", "a\"", "w/\"a\"", "\"a\" \"b\"", "*, \"a\"", "\"a\"x", "\"a b\"", ","] {
            #expect(EntityTagCondition(fieldValue: text) == nil, "\(text)")
        }
    }

    @Test func ifNoneMatchComparesWeakly() {
        let current = EntityTag(opaque: "v1", isWeak: false)
        #expect(EntityTagCondition(fieldValue: "W/\"v1\"")!.matches(current))
        #expect(EntityTagCondition(fieldValue: "\"v0\", \"v1\"")!.matches(current))
        #expect(EntityTagCondition(fieldValue: "*")!.matches(current))
        #expect(!EntityTagCondition(fieldValue: "\"v0\"")!.matches(current))
        #expect(!EntityTagCondition(fieldValue: "\"V1\"")!.matches(current))
    }
}
