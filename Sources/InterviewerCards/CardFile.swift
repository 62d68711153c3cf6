import FollowUpSupport
import Foundation
import VCardKit

/// A card read from a file, with the warnings about it already prefixed with the file name.
public struct LoadedCard: Sendable {
    public var file: String
    public var card: VCard

    public init(file: String, card: VCard) {
        self.file = file
        self.card = card
    }

    /// `file:line: warning` lines for the person who scanned the card.
    public var warningLines: [String] {
        card.warnings.map { "\(file):\($0.line): warning: \($0.property.map { "\($0): " } ?? "")\($0.message)" }
    }
}

/// A file the user names as holding cards.
public enum CardFile {
    /// Every card in each file, in order. A missing, unreadable or non-vCard file is an error
    /// naming it. Files are read in chunks, card by card: a large export is never held whole.
    public static func cards(in paths: [String]) throws(CardFileError) -> [LoadedCard] {
        var loaded: [LoadedCard] = []
        for path in paths {
            var reader = try open(path)
            do {
                while let card = try reader.nextCard() {
                    loaded.append(LoadedCard(file: path, card: card))
                }
            } catch {
                throw .card(error)
            }
        }
        return loaded
    }

    /// A reader over the card file at `path`; a missing file, a folder or a file that cannot be
    /// opened is an error that says which.
    public static func open(_ path: String) throws(CardFileError) -> VCardReader {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .missing(path)
        }
        guard !isDirectory.boolValue else { throw .unreadable(path, reason: "it is a directory") }
        if let kind = notACardKind(path) { throw .notACard(path, kind: kind) }
        do {
            return try VCardReader(contentsOfFile: path)
        } catch {
            throw .card(error)  // "path: cannot open: permission denied"
        }
    }

    /// What a file that people mistake for a card is, by its first bytes: a photo or a scan of
    /// the card (JPEG, PNG, GIF, HEIC, TIFF) or a PDF. Nil for anything else.
    public static func notACardKind(_ path: String) -> String? {
        guard let kind = FileKind.describe(fileAt: path), kind != "a vCard file" else { return nil }
        return kind
    }
}
