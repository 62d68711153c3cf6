import Foundation

/// What a TZID stands for, as products write them: an IANA name, an IANA name behind a vendor's
/// prefix, a Windows zone ID, or a Windows display name, old or new.
enum ZoneNames {
    /// The IANA zone `tzid` names, in its current spelling; nil when it names none (a custom
    /// zone such as Lotus Notes' `Eastern`). `location` is the VTIMEZONE's X-LIC-LOCATION.
    static func ianaName(for tzid: String, location: String? = nil) -> String? {
        let name = tzid.trimmingWhitespace()
        guard !name.isEmpty else { return nil }
        let found = iana(name) ?? vendorPrefixed(name) ?? location.flatMap(iana)
            ?? windowsID(name) ?? windowsDisplayName(name) ?? city(name) ?? fixedOffset(name)
        return found.map(modern)
    }

    /// Whether `name` is UTC under any of its names: such a TZID is a UTC time (zone null).
    static func isUTC(_ name: String) -> Bool {
        ["UTC", "GMT", "Z", "ETC/UTC", "ETC/GMT", "ETC/UCT", "UCT", "ETC/ZULU", "ZULU", "ETC/UNIVERSAL", "UNIVERSAL"]
            .contains(name.uppercased())
    }

    /// A name of the IANA database. Only names with a slash (and UTC's): Foundation also
    /// accepts abbreviations such as `EST`, whose meaning varies.
    private static func iana(_ name: String) -> String? {
        if isUTC(name) { return "Etc/UTC" }
        guard name.contains("/"), !name.hasPrefix("/"), !name.contains(" "), TimeZone(identifier: name) != nil else { return nil }
        return name
    }

    /// `/freeassociation.sourceforge.net/Tzfile/Europe/Vienna`, `/mozilla.org/20050126_1/Europe/Berlin`,
    /// `/softwarestudio.org/Olson_20011030_5/America/New_York`: the IANA name is a tail of the path.
    private static func vendorPrefixed(_ name: String) -> String? {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        for length in stride(from: min(3, parts.count), through: 1, by: -1) {
            let tail = parts.suffix(length).joined(separator: "/")
            if let found = iana(tail) { return found }
        }
        return nil
    }

    private static func windowsID(_ name: String) -> String? {
        windowsZones[name] ?? windowsZonesByLowercase[name.lowercased()]
    }

    private static let windowsZonesByLowercase: [String: String] = Dictionary(
        windowsZones.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { first, _ in first })

    /// `(UTC-05:00) Eastern Time (US & Canada)`, `(GMT+01.00) Sarajevo/Warsaw/Zagreb`,
    /// `Kolkata, Chennai, Mumbai, New Delhi`: matched by their places, in any order, against the
    /// display names Windows has used; the display name sharing the most places wins.
    private static func windowsDisplayName(_ name: String) -> String? {
        let places = self.places(in: name)
        guard !places.isEmpty else { return nil }
        var best: (id: String, shared: Int)?
        for (text, id) in windowsDisplayNames {
            let shared = self.places(in: text).intersection(places).count
            if shared > 0, shared > (best?.shared ?? 0) { best = (id, shared) }
        }
        return best.flatMap { windowsZones[$0.id] }
    }

    /// The places a display name lists, lower-case, without its `(UTC+01:00)` offset.
    static func places(in name: String) -> Set<String> {
        var text = Substring(name.trimmingWhitespace())
        if text.hasPrefix("("), let close = text.firstIndex(of: ")") {
            let inside = text[text.index(after: text.startIndex)..<close].uppercased()
            if inside.hasPrefix("UTC") || inside.hasPrefix("GMT") { text = text[text.index(after: close)...] }
        }
        let separators: Set<Character> = [",", ";", "/"]
        return Set(text.split(whereSeparator: { separators.contains($0) })
            .map { String($0).trimmingWhitespace().lowercased() }
            .map { $0.hasPrefix("and ") ? String($0.dropFirst(4)) : $0 }
            .filter { !$0.isEmpty })
    }

    /// `UTC+01:00`, `GMT-5`, `(UTC+02:00)`: a whole-hour offset is an `Etc/GMT` zone, whose
    /// sign is the POSIX one (UTC+1 is Etc/GMT-1).
    private static func fixedOffset(_ name: String) -> String? {
        var text = name.uppercased().filter { $0 != " " && $0 != "(" && $0 != ")" }
        guard text.hasPrefix("UTC") || text.hasPrefix("GMT") else { return nil }
        text.removeFirst(3)
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let digits = text.dropFirst().filter { $0 != ":" && $0 != "." }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return nil }
        let hours: Int
        switch digits.count {
        case 1, 2: hours = Int(digits) ?? 99
        case 4 where digits.hasSuffix("00"): hours = Int(digits.prefix(2)) ?? 99
        default: return nil
        }
        guard hours <= 14 else { return nil }
        if hours == 0 { return "Etc/UTC" }
        return "Etc/GMT" + (sign == "+" ? "-" : "+") + String(hours)
    }

    /// A place that is the city of an IANA zone (`Tijuana`: America/Tijuana), when the display
    /// name is one Windows never used.
    private static func city(_ name: String) -> String? {
        for place in places(in: name).sorted() {
            let key = place.replacingOccurrences(of: " ", with: "_")
            if let found = zonesByCity[key] { return found }
        }
        return nil
    }

    private static let zonesByCity: [String: String] = {
        var table: [String: String] = [:]
        for identifier in TimeZone.knownTimeZoneIdentifiers where identifier.contains("/") {
            guard let city = identifier.split(separator: "/").last?.lowercased() else { continue }
            if table[city] == nil { table[city] = identifier }
        }
        return table
    }()

    /// Zones the IANA database renamed, which CLDR and old software still write under the old
    /// name; kept only when this system's database knows the new one.
    static func modern(_ name: String) -> String {
        guard let renamed = renames[name], TimeZone(identifier: renamed) != nil else { return name }
        return renamed
    }

    private static let renames: [String: String] = [
        "Europe/Kiev": "Europe/Kyiv",
        "Asia/Calcutta": "Asia/Kolkata",
        "Asia/Katmandu": "Asia/Kathmandu",
        "Asia/Rangoon": "Asia/Yangon",
        "Asia/Saigon": "Asia/Ho_Chi_Minh",
        "America/Godthab": "America/Nuuk",
        "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
        "America/Indianapolis": "America/Indiana/Indianapolis",
        "Atlantic/Faeroe": "Atlantic/Faroe",
        "Pacific/Truk": "Pacific/Chuuk",
        "Pacific/Ponape": "Pacific/Pohnpei",
        "Pacific/Enderbury": "Pacific/Kanton",
        "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    ]

    /// Windows display names (the text after the offset) with their zone IDs: the current ones
    /// and the older wordings that Exchange 2003 and Outlook 2003-2010 wrote into TZIDs.
    static let windowsDisplayNames: [(String, String)] = [
        ("International Date Line West", "Dateline Standard Time"),
        ("Coordinated Universal Time-11", "UTC-11"),
        ("Aleutian Islands", "Aleutian Standard Time"),
        ("Hawaii", "Hawaiian Standard Time"),
        ("Marquesas Islands", "Marquesas Standard Time"),
        ("Alaska", "Alaskan Standard Time"),
        ("Coordinated Universal Time-09", "UTC-09"),
        ("Yukon", "Yukon Standard Time"),
        ("Baja California", "Pacific Standard Time (Mexico)"),
        ("Tijuana, Baja California", "Pacific Standard Time (Mexico)"),
        ("Coordinated Universal Time-08", "UTC-08"),
        ("Pacific Time (US & Canada)", "Pacific Standard Time"),
        ("Arizona", "US Mountain Standard Time"),
        ("Chihuahua, La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),
        ("La Paz, Mazatlan", "Mountain Standard Time (Mexico)"),
        ("Mountain Time (US & Canada)", "Mountain Standard Time"),
        ("Central America", "Central America Standard Time"),
        ("Central Time (US & Canada)", "Central Standard Time"),
        ("Easter Island", "Easter Island Standard Time"),
        ("Guadalajara, Mexico City, Monterrey", "Central Standard Time (Mexico)"),
        ("Saskatchewan", "Canada Central Standard Time"),
        ("Bogota, Lima, Quito, Rio Branco", "SA Pacific Standard Time"),
        ("Bogota, Lima, Quito", "SA Pacific Standard Time"),
        ("Chetumal", "Eastern Standard Time (Mexico)"),
        ("Eastern Time (US & Canada)", "Eastern Standard Time"),
        ("Haiti", "Haiti Standard Time"),
        ("Havana", "Cuba Standard Time"),
        ("Indiana (East)", "US Eastern Standard Time"),
        ("Turks and Caicos", "Turks And Caicos Standard Time"),
        ("Asuncion", "Paraguay Standard Time"),
        ("Atlantic Time (Canada)", "Atlantic Standard Time"),
        ("Caracas", "Venezuela Standard Time"),
        ("Cuiaba", "Central Brazilian Standard Time"),
        ("Manaus", "Central Brazilian Standard Time"),
        ("Georgetown, La Paz, Manaus, San Juan", "SA Western Standard Time"),
        ("Georgetown, La Paz, San Juan", "SA Western Standard Time"),
        ("Santiago", "Pacific SA Standard Time"),
        ("Newfoundland", "Newfoundland Standard Time"),
        ("Araguaina", "Tocantins Standard Time"),
        ("Brasilia", "E. South America Standard Time"),
        ("Cayenne, Fortaleza", "SA Eastern Standard Time"),
        ("City of Buenos Aires", "Argentina Standard Time"),
        ("Buenos Aires", "Argentina Standard Time"),
        ("Buenos Aires, Georgetown", "SA Eastern Standard Time"),
        ("Greenland", "Greenland Standard Time"),
        ("Montevideo", "Montevideo Standard Time"),
        ("Punta Arenas", "Magallanes Standard Time"),
        ("Saint Pierre and Miquelon", "Saint Pierre Standard Time"),
        ("Salvador", "Bahia Standard Time"),
        ("Coordinated Universal Time-02", "UTC-02"),
        ("Mid-Atlantic", "UTC-02"),
        ("Azores", "Azores Standard Time"),
        ("Cabo Verde Is.", "Cape Verde Standard Time"),
        ("Cape Verde Is.", "Cape Verde Standard Time"),
        ("Coordinated Universal Time", "UTC"),
        ("Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London", "GMT Standard Time"),
        ("Monrovia, Reykjavik", "Greenwich Standard Time"),
        ("Casablanca, Monrovia", "Greenwich Standard Time"),
        ("Sao Tome", "Sao Tome Standard Time"),
        ("Casablanca", "Morocco Standard Time"),
        ("Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "W. Europe Standard Time"),
        ("Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Central Europe Standard Time"),
        ("Brussels, Copenhagen, Madrid, Paris", "Romance Standard Time"),
        ("Sarajevo, Skopje, Warsaw, Zagreb", "Central European Standard Time"),
        ("Sarajevo, Skopje, Sofija, Vilnius, Warsaw, Zagreb", "Central European Standard Time"),
        ("West Central Africa", "W. Central Africa Standard Time"),
        ("Amman", "Jordan Standard Time"),
        ("Athens, Bucharest", "GTB Standard Time"),
        ("Athens, Bucharest, Istanbul", "GTB Standard Time"),
        ("Athens, Istanbul, Minsk", "GTB Standard Time"),
        ("Beirut", "Middle East Standard Time"),
        ("Cairo", "Egypt Standard Time"),
        ("Chisinau", "E. Europe Standard Time"),
        ("Bucharest", "E. Europe Standard Time"),
        ("Damascus", "Syria Standard Time"),
        ("Gaza, Hebron", "West Bank Standard Time"),
        ("Harare, Pretoria", "South Africa Standard Time"),
        ("Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "FLE Standard Time"),
        ("Jerusalem", "Israel Standard Time"),
        ("Kaliningrad", "Kaliningrad Standard Time"),
        ("Khartoum", "Sudan Standard Time"),
        ("Tripoli", "Libya Standard Time"),
        ("Windhoek", "Namibia Standard Time"),
        ("Baghdad", "Arabic Standard Time"),
        ("Istanbul", "Turkey Standard Time"),
        ("Kuwait, Riyadh", "Arab Standard Time"),
        ("Minsk", "Belarus Standard Time"),
        ("Moscow, St. Petersburg", "Russian Standard Time"),
        ("Moscow, St. Petersburg, Volgograd", "Russian Standard Time"),
        ("Nairobi", "E. Africa Standard Time"),
        ("Tehran", "Iran Standard Time"),
        ("Abu Dhabi, Muscat", "Arabian Standard Time"),
        ("Astrakhan, Ulyanovsk", "Astrakhan Standard Time"),
        ("Baku", "Azerbaijan Standard Time"),
        ("Izhevsk, Samara", "Russia Time Zone 3"),
        ("Port Louis", "Mauritius Standard Time"),
        ("Saratov", "Saratov Standard Time"),
        ("Tbilisi", "Georgian Standard Time"),
        ("Volgograd", "Volgograd Standard Time"),
        ("Yerevan", "Caucasus Standard Time"),
        ("Baku, Tbilisi, Yerevan", "Caucasus Standard Time"),
        ("Kabul", "Afghanistan Standard Time"),
        ("Ashgabat, Tashkent", "West Asia Standard Time"),
        ("Islamabad, Karachi, Tashkent", "Pakistan Standard Time"),
        ("Ekaterinburg", "Ekaterinburg Standard Time"),
        ("Islamabad, Karachi", "Pakistan Standard Time"),
        ("Qyzylorda", "Qyzylorda Standard Time"),
        ("Chennai, Kolkata, Mumbai, New Delhi", "India Standard Time"),
        ("Sri Jayawardenepura", "Sri Lanka Standard Time"),
        ("Kathmandu", "Nepal Standard Time"),
        ("Astana", "Central Asia Standard Time"),
        ("Astana, Dhaka", "Central Asia Standard Time"),
        ("Dhaka", "Bangladesh Standard Time"),
        ("Omsk", "Omsk Standard Time"),
        ("Yangon (Rangoon)", "Myanmar Standard Time"),
        ("Bangkok, Hanoi, Jakarta", "SE Asia Standard Time"),
        ("Barnaul, Gorno-Altaysk", "Altai Standard Time"),
        ("Hovd", "W. Mongolia Standard Time"),
        ("Krasnoyarsk", "North Asia Standard Time"),
        ("Novosibirsk", "N. Central Asia Standard Time"),
        ("Almaty, Novosibirsk", "N. Central Asia Standard Time"),
        ("Tomsk", "Tomsk Standard Time"),
        ("Beijing, Chongqing, Hong Kong, Urumqi", "China Standard Time"),
        ("Beijing, Chongqing, Hong Kong SAR, Urumqi", "China Standard Time"),
        ("Irkutsk", "North Asia East Standard Time"),
        ("Irkutsk, Ulaan Bataar", "North Asia East Standard Time"),
        ("Kuala Lumpur, Singapore", "Singapore Standard Time"),
        ("Perth", "W. Australia Standard Time"),
        ("Taipei", "Taipei Standard Time"),
        ("Ulaanbaatar", "Ulaanbaatar Standard Time"),
        ("Eucla", "Aus Central W. Standard Time"),
        ("Chita", "Transbaikal Standard Time"),
        ("Osaka, Sapporo, Tokyo", "Tokyo Standard Time"),
        ("Pyongyang", "North Korea Standard Time"),
        ("Seoul", "Korea Standard Time"),
        ("Yakutsk", "Yakutsk Standard Time"),
        ("Adelaide", "Cen. Australia Standard Time"),
        ("Darwin", "AUS Central Standard Time"),
        ("Brisbane", "E. Australia Standard Time"),
        ("Canberra, Melbourne, Sydney", "AUS Eastern Standard Time"),
        ("Guam, Port Moresby", "West Pacific Standard Time"),
        ("Hobart", "Tasmania Standard Time"),
        ("Vladivostok", "Vladivostok Standard Time"),
        ("Lord Howe Island", "Lord Howe Standard Time"),
        ("Bougainville Island", "Bougainville Standard Time"),
        ("Chokurdakh", "Russia Time Zone 10"),
        ("Magadan", "Magadan Standard Time"),
        ("Magadan, Solomon Is., New Caledonia", "Central Pacific Standard Time"),
        ("Norfolk Island", "Norfolk Standard Time"),
        ("Sakhalin", "Sakhalin Standard Time"),
        ("Solomon Is., New Caledonia", "Central Pacific Standard Time"),
        ("Anadyr, Petropavlovsk-Kamchatsky", "Russia Time Zone 11"),
        ("Auckland, Wellington", "New Zealand Standard Time"),
        ("Coordinated Universal Time+12", "UTC+12"),
        ("Fiji", "Fiji Standard Time"),
        ("Fiji, Kamchatka, Marshall Is.", "Fiji Standard Time"),
        ("Chatham Islands", "Chatham Islands Standard Time"),
        ("Coordinated Universal Time+13", "UTC+13"),
        ("Nuku'alofa", "Tonga Standard Time"),
        ("Samoa", "Samoa Standard Time"),
        ("Kiritimati Island", "Line Islands Standard Time"),    ]
}
