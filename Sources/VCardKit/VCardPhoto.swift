import Foundation

/// A picture embedded in a card (`PHOTO`): its bytes and their media type. A photo given as a
/// link is not embedded, and so not a `VCardPhoto`: a contact made from the card would point at
/// someone else's server.
public struct VCardPhoto: Sendable, Hashable, Codable {
    public var data: Data
    /// `image/jpeg`, `image/png`, `image/gif`.
    public var mediaType: String

    public init(data: Data, mediaType: String) {
        self.data = data
        self.mediaType = mediaType
    }

    /// The media type the bytes themselves announce (JPEG, PNG, GIF), which no writer can get
    /// wrong; nil for anything else.
    public static func mediaType(sniffing data: Data) -> String? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        if head.starts(with: Array("GIF8".utf8)) { return "image/gif" }
        return nil
    }

    /// The `TYPE` word of vCard 2.1 and 3.0 (`JPEG`, `PNG`, `GIF`).
    public var typeWord: String {
        mediaType.hasPrefix("image/") ? String(mediaType.dropFirst("image/".count)).uppercased() : mediaType.uppercased()
    }
}

extension VCard {
    /// The first embedded photo whose bytes are a JPEG, PNG or GIF image. Cards from scanners
    /// and phones carry the scanned card or the person's picture here.
    public var photo: VCardPhoto? {
        for property in properties(named: "PHOTO") {
            guard let data = property.binaryValue, !data.isEmpty, let type = VCardPhoto.mediaType(sniffing: data) else { continue }
            return VCardPhoto(data: data, mediaType: type)
        }
        return nil
    }
}
