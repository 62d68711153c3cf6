import Foundation
import Testing

@testable import FeedServing

struct FeedTokenTests {
    @Test func generatedTokenCarries256BitsInURLSafeCharacters() {
        let token = FeedToken.generate()
        #expect(token.count == 43)  // 32 bytes in base64url without padding
        #expect(token.wholeMatch(of: /[A-Za-z0-9_-]+/) != nil)
        #expect(FeedToken.isWellFormed(token))
    }

    @Test func generatedTokensDiffer() {
        let tokens = Set((0..<100).map { _ in FeedToken.generate() })
        #expect(tokens.count == 100)
    }

    @Test func generatedTokenUsesTheWholeAlphabet() {
        // 100 tokens of 43 characters from 64 symbols: all of them turn up, in every position
        // class; a generator stuck on few bytes (or on hex) would not get there.
        let characters = Set((0..<100).flatMap { _ in FeedToken.generate() })
        #expect(characters.count == 64)
    }

    @Test func equalTokensMatch() {
        let token = FeedToken.generate()
        #expect(FeedToken.matches(token, String(token)))
        #expect(FeedToken.matches("", ""))
    }

    @Test func differentTokensDoNotMatch() {
        let token = FeedToken.generate()
        #expect(!FeedToken.matches(token, FeedToken.generate()))
        #expect(!FeedToken.matches(token, String(token.dropLast())))
        #expect(!FeedToken.matches(String(token.dropLast()), token))
        #expect(!FeedToken.matches(token, token + "a"))
        #expect(!FeedToken.matches(token, ""))
        #expect(!FeedToken.matches("", token))
        #expect(!FeedToken.matches("abc", "abd"))
        #expect(!FeedToken.matches("bbc", "abc"))
        // A string padded with NUL bytes is not the same token.
        #expect(!FeedToken.matches("abc", "abc\0"))
    }

    @Test func shortOrEscapedTokensAreNotWellFormed() {
        #expect(!FeedToken.isWellFormed(""))
        #expect(!FeedToken.isWellFormed("abcdefghijklmnopqrstu"))  // 21 characters
        #expect(FeedToken.isWellFormed("abcdefghijklmnopqrstuv"))  // 22
        #expect(!FeedToken.isWellFormed("abcdefghijk/mnopqrstuvwxyz"))
        #expect(!FeedToken.isWellFormed("abcdefghijk%2Fmnopqrstuvwxyz"))
        #expect(!FeedToken.isWellFormed("abcdefghijk mnopqrstuvwxyz"))
        #expect(!FeedToken.isWellFormed("abcdefghijkémnopqrstuvwxyz"))
        #expect(!FeedToken.isWellFormed(String(repeating: ".", count: 30)))
    }
}
