import ICalendar
import Foundation

/// Finds an event's video-call link where products put it: Google's X-GOOGLE-CONFERENCE,
/// RFC 7986 CONFERENCE, Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL, else the first meeting URL of a
/// known service in LOCATION, URL or DESCRIPTION (where Zoom, Teams and Meet also write it).
enum ConferenceLink {
    static func find(in event: ComponentNode) -> URL? {
        for name in ["X-GOOGLE-CONFERENCE", "CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL"] {
            let candidates = event.all(name).sorted { videoFirst($0) && !videoFirst($1) }
            for line in candidates {
                if let link = webURL(line.value.trimmingWhitespace()) { return link }
            }
        }
        for name in ["LOCATION", "URL", "DESCRIPTION"] {
            for line in event.all(name) {
                if let link = firstMeetingURL(in: line.value.unescapedText) { return link }
            }
        }
        return nil
    }

    /// CONFERENCE lines whose FEATURE says VIDEO come before dial-in numbers and chat links.
    private static func videoFirst(_ line: ContentLine) -> Bool {
        line.parameter("FEATURE")?.uppercased().contains("VIDEO") ?? false
    }

    private static func webURL(_ text: String) -> URL? {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
        return URL(string: text)
    }

    /// The first URL in `text` whose host and path are a meeting's of a known service (not the
    /// help pages and calendar links that surround it).
    static func firstMeetingURL(in text: String) -> URL? {
        var searchStart = text.startIndex
        while let found = text.range(of: "http", options: .caseInsensitive, range: searchStart..<text.endIndex) {
            searchStart = found.upperBound
            let candidate = urlText(from: text[found.lowerBound...])
            guard let url = URL(string: candidate), let host = url.host?.lowercased() else { continue }
            if isMeeting(host: host, path: url.path) { return url }
        }
        return nil
    }

    /// The URL starting `text`, up to a space, a quote or an angle bracket, without trailing
    /// punctuation, and with HTML's `&amp;` read as `&`.
    private static func urlText(from text: Substring) -> String {
        let stops: Set<Character> = [" ", "\t", "\n", "\r", "<", ">", "\"", "'", "\\"]
        var candidate = String(text.prefix { !stops.contains($0) })
        candidate = candidate.replacingOccurrences(of: "&amp;", with: "&")
        let trailing: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "*"]
        while let last = candidate.last, trailing.contains(last) { candidate.removeLast() }
        return candidate
    }

    private static func isMeeting(host: String, path: String) -> Bool {
        func on(_ domain: String) -> Bool { host == domain || host.hasSuffix("." + domain) }
        let path = path.lowercased()
        if on("teams.microsoft.com") || on("teams.live.com") {
            return path.hasPrefix("/l/meetup-join") || path.hasPrefix("/meet") || path.hasPrefix("/l/meet")
        }
        if on("zoom.us") || on("zoomgov.com") || on("zoom.com") {
            return ["/j/", "/my/", "/w/", "/s/", "/wc/"].contains { path.hasPrefix($0) }
        }
        if host == "meet.google.com" {
            // A meeting code (abc-defg-hij) or a named meeting, not /_meet or other pages.
            let code = path.dropFirst()
            return !code.isEmpty && !code.hasPrefix("_") && !code.contains("/")
        }
        if on("webex.com") { return path.contains("/j.php") || path.contains("/meet") || path.contains("/join") || path.hasPrefix("/wbxmjs") }
        if on("gotomeeting.com") || on("gotomeet.me") || on("meet.goto.com") || host == "meet.goto.com" { return path.count > 1 }
        if on("whereby.com") || on("bluejeans.com") || on("chime.aws") || host == "meet.jit.si" || host == "join.skype.com" {
            return path.count > 1
        }
        return false
    }
}
