/// Whether a request's `Accept-Encoding` (RFC 9110 §12.5.3) lets the response be gzip-coded.
enum AcceptEncoding {
    /// True when the field names `gzip` (or its old alias `x-gzip`) with a weight above zero,
    /// or `*` above zero without giving `gzip` a weight of its own. No field, or an empty one,
    /// asks for the content as it is.
    static func allowsGzip(_ fieldValue: String?) -> Bool {
        guard let fieldValue else { return false }
        var gzipWeight: Double?
        var anyWeight: Double?
        for element in fieldValue.split(separator: ",") {
            let parts = element.split(separator: ";")
            guard let first = parts.first else { continue }
            let coding = first.trimmingCharacters(in: " \t").lowercased()
            var weight = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == "q" else { continue }
                // A weight that is not a number is not valid syntax: the coding is not accepted.
                weight = Double(pair[1].trimmingCharacters(in: " \t")) ?? 0
            }
            switch coding {
            case "gzip", "x-gzip": gzipWeight = max(gzipWeight ?? 0, weight)
            case "*": anyWeight = weight
            default: break
            }
        }
        if let gzipWeight { return gzipWeight > 0 }
        return (anyWeight ?? 0) > 0
    }
}

extension Substring {
    /// The text without the given characters at either end.
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}
