// Measures how fast VCardKit reads large vCard files: best of several runs, on one thread.
//
//   VCardBench [--runs N] FILE...
//
// For each file it reads the bytes from memory (cards handed out one at a time, as a
// `VCardReader` does) and from the file in chunks (as `followup` reads a card file), and prints
// one tab-separated line per way: `vcardkit-memory FILE BYTES CARDS SECONDS`.
// run-vcard-bench.sh turns these lines into a table next to python-vobject's.
import Foundation
import VCardKit

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 7
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let count = Int(arguments[index + 1]) {
    runs = count
    arguments.removeSubrange(index...(index + 1))
}
guard !arguments.isEmpty else {
    FileHandle.standardError.write(Data("usage: VCardBench [--runs N] FILE...\n".utf8))
    exit(64)
}

/// The fastest of `runs` runs of `body`, which returns how many cards it read.
func bestOf(_ runs: Int, _ body: () throws -> Int) rethrows -> (seconds: Double, cards: Int) {
    var best = Double.infinity
    var cards = 0
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        cards = try body()
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return (best, cards)
}

var checksum = 0  // what the cards hold, so that no work can be optimised away

/// Reads every card, dropping each before the next, as a streaming consumer does.
func readAll(_ reader: inout VCardReader, checksum: inout Int) throws -> Int {
    var count = 0
    while let card = try reader.nextCard() {
        count += 1
        checksum &+= card.properties.count &+ card.warnings.count
    }
    return count
}

for path in arguments {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let name = URL(fileURLWithPath: path).lastPathComponent
    let memory = try bestOf(runs) {
        var reader = VCardReader(bytes: bytes, file: path)
        return try readAll(&reader, checksum: &checksum)
    }
    let file = try bestOf(runs) {
        var reader = try VCardReader(contentsOfFile: path)
        return try readAll(&reader, checksum: &checksum)
    }
    print("vcardkit-memory\t\(name)\t\(bytes.count)\t\(memory.cards)\t\(memory.seconds)")
    print("vcardkit-file\t\(name)\t\(bytes.count)\t\(file.cards)\t\(file.seconds)")
}
FileHandle.standardError.write(Data("checksum \(checksum)\n".utf8))
