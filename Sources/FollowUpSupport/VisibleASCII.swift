/// Whether `text` begins and ends with a visible ASCII character (`!` to `~`): such text has
/// nothing to trim at either end, whatever counts as white space, so it can be used as it is
/// without a trip through Foundation's trimming, which readers of thousands of values notice.
@inlinable
package func beginsAndEndsVisibly(_ text: String) -> Bool {
    guard let first = text.utf8.first, let last = text.utf8.last else { return false }
    return (0x21..<0x7F).contains(first) && (0x21..<0x7F).contains(last)
}
