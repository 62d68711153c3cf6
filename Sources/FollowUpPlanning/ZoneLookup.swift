import Foundation

/// Time zones from what people write: a city ("kolkata", "Kiev", "Ho Chi Minh"), and the
/// address or phone number on a business card.
public enum ZoneLookup {
    /// The zones whose current or former city name is `city` (case, accents, spaces and
    /// underscores aside), as IANA names that load on this system. Empty when none does.
    ///
    /// The names are those of the zone database: Foundation's list (ICU's) and, from tzdata's
    /// own source `tzdata.zi`, every `Zone` and every `Link`, which is how a renamed city keeps
    /// its old name (`Link Asia/Kolkata Asia/Calcutta`, `Link Europe/Kyiv Europe/Kiev`, from
    /// the `backward` file). A link and its target count as one zone.
    public static func zones(forCity city: String) -> [String] {
        Array(index.cities[key(city)] ?? []).sorted()
    }

    /// The one zone `city` names, or nil when it names none or several.
    public static func zone(forCity city: String) -> TimeZone? {
        let names = zones(forCity: city)
        guard names.count == 1 else { return nil }
        return index.loadable(names[0])
    }

    /// The zone a phone number's country code or North American area code names, and the
    /// prefix that named it (`+1 312`, `+49`); nil for a number without a country code or one
    /// whose prefix covers several zones (`+1 800`, `+7`).
    public static func zone(forPhone number: String) -> (zone: TimeZone, prefix: String)? {
        let isTrimmed = number.utf8.first.map { (0x21..<0x80).contains($0) } == true
            && number.utf8.last.map { (0x21..<0x80).contains($0) } == true
        var text = isTrimmed ? number : number.trimmingCharacters(in: .whitespaces)
        if text.lowercased().hasPrefix("tel:") { text = String(text.dropFirst(4)) }
        let digits = text.filter(\.isASCII).filter(\.isNumber)
        let international: String
        if text.hasPrefix("+") {
            international = digits
        } else if text.hasPrefix("00") {
            international = String(digits.dropFirst(2))
        } else if digits.count == 10, text.hasPrefix("(") {
            // "(312) 555-0177": the North American way of writing a number, without the +1.
            international = "1" + digits
        } else {
            return nil
        }
        if international.hasPrefix("1") {
            let area = String(international.dropFirst().prefix(3))
            guard let name = PhoneZones.northAmericanAreaCodes[area], let zone = index.loadable(name) else { return nil }
            return (zone, "+1 \(area)")
        }
        for length in [3, 2] {
            let code = String(international.prefix(length))
            if let name = PhoneZones.countryCodes[code], let zone = index.loadable(name) { return (zone, "+\(code)") }
        }
        return nil
    }

    /// How `key` compares city names: "São Paulo", "sao_paulo" and "SAO PAULO" are one.
    static func key(_ text: String) -> String {
        // ASCII, as most cities on cards are, folds to lower case and nothing else: done on the
        // bytes, without Foundation's folding, which cost more than the rest of a card report.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            let folded = String(decoding: text.utf8.map { byte in
                byte == UInt8(ascii: "_") ? UInt8(ascii: " ") : byte &- UInt8(ascii: "A") < 26 ? byte | 0x20 : byte
            }, as: UTF8.self)
            return folded.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "," }).joined(separator: " ")
        }
        return text.replacingOccurrences(of: "_", with: " ")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "." || $0 == "," }).joined(separator: " ")
    }

    private static let index = Index()

    /// Every city name of the zone database, to the zones it names.
    private struct Index: Sendable {
        /// City key to canonical zone names (a link's target).
        var cities: [String: Set<String>] = [:]
        /// Canonical zone name to every name of it, for a name this system's Foundation loads.
        var names: [String: [String]] = [:]

        init() {
            var links: [String: String] = [:]
            var zones: Set<String> = []
            let folder = ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/usr/share/zoneinfo"
            if let source = FileManager.default.contents(atPath: folder + "/tzdata.zi") {
                // Only `Z` (zone) and `L` (link) lines name zones; most lines are rules and
                // zone continuations, passed over on their first byte.
                for line in source.split(separator: UInt8(ascii: "\n")) {
                    guard line.count > 2, let kind = line.first, kind == UInt8(ascii: "Z") || kind == UInt8(ascii: "L"),
                          line[line.startIndex + 1] == UInt8(ascii: " ") else { continue }
                    let fields = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
                    if fields.count >= 3, kind == UInt8(ascii: "L") { links[fields[2]] = fields[1] }
                    if fields.count >= 2, kind == UInt8(ascii: "Z") { zones.insert(fields[1]) }
                }
            }
            func canonical(_ name: String) -> String {
                var name = name
                var steps = 0
                while let target = links[name], steps < 8 { name = target; steps += 1 }
                return name
            }
            let all = zones.union(links.keys).union(TimeZone.knownTimeZoneIdentifiers)
            for name in all {
                let parts = name.split(separator: "/")
                // Cities only: not Etc/GMT+5, nor the country-wide aliases US/Central or Canada/Eastern.
                guard parts.count >= 2, !Self.notCities.contains(String(parts[0])) else { continue }
                let zone = canonical(name)
                cities[ZoneLookup.key(String(parts.last!)), default: []].insert(zone)
                names[zone, default: []].append(name)
            }
        }

        static let notCities: Set<String> = ["Etc", "SystemV", "US", "Canada", "Mexico", "Brazil", "Chile", "posix", "right"]

        /// The zone under its canonical name when Foundation loads it, else under another of its names.
        func loadable(_ canonical: String) -> TimeZone? {
            if let zone = TimeZone(identifier: canonical) { return zone }
            for name in (names[canonical] ?? []).sorted() {
                if let zone = TimeZone(identifier: name) { return zone }
            }
            return nil
        }
    }
}

/// Which zone a phone number's prefix names: only prefixes that name one zone are here.
///
/// Sources: the country codes are ITU-T E.164's assignments (ITU Operational Bulletin, "List of
/// ITU-T Recommendation E.164 assigned country codes"), kept for countries that tzdata's
/// `zone1970.tab` gives a single zone; the area codes are the North American Numbering Plan
/// Administrator's geographic assignments (nationalnanpa.com), kept for codes inside one zone.
enum PhoneZones {
    static let countryCodes: [String: String] = [
        "20": "Africa/Cairo", "27": "Africa/Johannesburg", "30": "Europe/Athens", "31": "Europe/Amsterdam",
        "32": "Europe/Brussels", "33": "Europe/Paris", "36": "Europe/Budapest", "39": "Europe/Rome",
        "40": "Europe/Bucharest", "41": "Europe/Zurich", "43": "Europe/Vienna", "44": "Europe/London",
        "45": "Europe/Copenhagen", "46": "Europe/Stockholm", "47": "Europe/Oslo", "48": "Europe/Warsaw",
        "49": "Europe/Berlin", "51": "America/Lima", "57": "America/Bogota", "58": "America/Caracas",
        "63": "Asia/Manila", "65": "Asia/Singapore", "66": "Asia/Bangkok", "81": "Asia/Tokyo", "82": "Asia/Seoul",
        "84": "Asia/Ho_Chi_Minh", "86": "Asia/Shanghai", "90": "Europe/Istanbul", "91": "Asia/Kolkata",
        "92": "Asia/Karachi", "94": "Asia/Colombo",
        "212": "Africa/Casablanca", "216": "Africa/Tunis", "233": "Africa/Accra", "234": "Africa/Lagos",
        "254": "Africa/Nairobi", "353": "Europe/Dublin", "354": "Atlantic/Reykjavik", "358": "Europe/Helsinki",
        "359": "Europe/Sofia", "370": "Europe/Vilnius", "371": "Europe/Riga", "372": "Europe/Tallinn",
        "380": "Europe/Kyiv", "381": "Europe/Belgrade", "385": "Europe/Zagreb", "386": "Europe/Ljubljana",
        "420": "Europe/Prague", "421": "Europe/Bratislava", "506": "America/Costa_Rica", "598": "America/Montevideo",
        "852": "Asia/Hong_Kong", "853": "Asia/Macau", "880": "Asia/Dhaka", "886": "Asia/Taipei",
        "966": "Asia/Riyadh", "971": "Asia/Dubai", "972": "Asia/Jerusalem", "974": "Asia/Qatar", "977": "Asia/Kathmandu",
    ]

    static let northAmericanAreaCodes: [String: String] = {
        let groups: [String: [String]] = [
            "America/New_York": ["201", "202", "203", "212", "215", "216", "240", "267", "301", "305", "315", "347", "404",
                                 "407", "410", "412", "508", "516", "518", "571", "585", "609", "610", "617", "631", "646",
                                 "703", "704", "718", "757", "770", "786", "804", "813", "857", "904", "914", "917", "919",
                                 "929", "954", "973", "978"],
            "America/Detroit": ["248", "313", "734"],
            "America/Toronto": ["416", "437", "438", "514", "647", "905"],
            "America/Chicago": ["210", "214", "281", "312", "314", "402", "405", "414", "469", "504", "512", "612", "615",
                                "630", "651", "708", "713", "773", "816", "832", "847", "872", "901", "918", "972"],
            "America/Winnipeg": ["204"],
            "America/Denver": ["303", "505", "720", "801"],
            "America/Edmonton": ["403", "780"],
            "America/Phoenix": ["480", "602", "623"],
            "America/Los_Angeles": ["206", "213", "253", "310", "323", "408", "415", "424", "425", "503", "510", "619",
                                    "626", "628", "650", "669", "702", "714", "818", "858", "916", "949", "971"],
            "America/Vancouver": ["604", "778"],
            "America/Anchorage": ["907"],
            "Pacific/Honolulu": ["808"],
        ]
        var table: [String: String] = [:]
        for (zone, codes) in groups { for code in codes { table[code] = zone } }
        return table
    }()
}
