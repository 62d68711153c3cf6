// swift-tools-version: 6.0
import PackageDescription

// Data flows one way through the targets:
// .vcf bytes -> VCardKit -> FollowUpPlanning -> ICalendarExport (CLibical) -> .ics
// FollowUpKit wires the stages together; FollowUpCLI is the thin `followup` shell over it.
let package = Package(
    name: "followup",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "followup", targets: ["FollowUpCLI"]),
        .library(name: "FollowUpKit", targets: ["FollowUpKit"]),
        .library(name: "VCardKit", targets: ["VCardKit"]),
        .library(name: "FollowUpPlanning", targets: ["FollowUpPlanning"]),
        .library(name: "ICalendarExport", targets: ["ICalendarExport"]),
        .library(name: "FollowUpStore", targets: ["FollowUpStore"]),
        .library(name: "MailExport", targets: ["MailExport"]),
        .library(name: "InvitationReading", targets: ["InvitationReading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
    ],
    targets: [
        // What several modules share (hashing, system calls, calendar names), with `package`
        // access: not part of any product's API.
        .target(name: "FollowUpSupport", dependencies: ["CSystemCalls"]),
        // The few system calls Swift's Glibc module does not show (sync_file_range(2)).
        .target(name: "CSystemCalls"),
        .target(name: "VCardKit", dependencies: ["FollowUpSupport"]),
        // The domain: interviews, interviewers, the planner. Knows no input or output format.
        .target(name: "FollowUpPlanning", dependencies: ["FollowUpSupport"]),
        // The edge between business cards and the domain: an `Interviewer` read from a `VCard`.
        // Also what `followup card` reports of a file of cards, as text or JSON.
        .target(name: "InterviewerCards", dependencies: ["FollowUpPlanning", "FollowUpSupport", "VCardKit"]),
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        // The one owner of iCalendar text: libical (Libical/, the only folder that calls it), the
        // lenient reader that repairs real-world invitations (Lenient/), zone definitions, and an
        // earlier file's entries for versioning a plan against it.
        .target(name: "ICalendar", dependencies: ["CLibical", "FollowUpPlanning", "FollowUpSupport"]),
        // Plans to iCalendar, built through ICalendar's components: no calendar text of its own.
        .target(name: "ICalendarExport", dependencies: ["ICalendar", "FollowUpPlanning", "FollowUpSupport"]),
        // E-mail drafts as .eml files (RFC 5322, MIME), ready to open in a mail program.
        .target(name: "MailExport", dependencies: ["FollowUpPlanning", "FollowUpSupport"]),
        // Invitations (.ics or whole e-mails) to `Invitation` values; zone rules and RRULEs
        // through ICalendarExport's libical layer.
        .target(name: "InvitationReading", dependencies: ["ICalendar", "FollowUpPlanning", "FollowUpSupport"]),
        // The stored interviews and their follow-ups, in SQLite.
        .target(
            name: "FollowUpStore",
            dependencies: [
                "FollowUpPlanning", "FollowUpSupport", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, which GRDB is built on, for streaming the feed's blobs.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The system's zlib (Debian's zlib1g-dev), for the gzip variant of a served feed.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Serves the regenerated feed files over HTTP or HTTPS for calendar subscriptions.
        .target(
            name: "FeedServing",
            dependencies: [
                "FollowUpSupport",
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The store's feed files: brought up to date inside every change's transaction, from the
        // stored components, copying what did not change from the files written last.
        .target(name: "FeedPublishing", dependencies: ["FollowUpSupport", "FollowUpPlanning", "FollowUpStore", "ICalendarExport"]),
        // Interviews as job seekers keep them in a spreadsheet: CSV read (RFC 4180) and written.
        .target(name: "Spreadsheets", dependencies: ["FollowUpSupport", "FollowUpPlanning", "FollowUpStore"]),
        // Interviewers as vCards, merged across interviews by e-mail address.
        .target(name: "ContactExport", dependencies: ["FollowUpSupport", "VCardKit", "FollowUpPlanning", "FollowUpStore"]),
        // Two-way sync with the user's CalDAV and CardDAV servers.
        .target(
            name: "CalendarSync",
            dependencies: [
                "FollowUpPlanning", "ICalendarExport", "FollowUpStore", "ContactExport", "VCardKit", "FollowUpSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // libcurl (Debian's libcurl4-openssl-dev): IMAP with TLS checked against the system's
        // trust store, STARTTLS, login and APPEND, for the mail account.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // The user's mail account: invitations in, drafts out, sent mail and replies read back.
        .target(name: "MailSync", dependencies: ["CCurl", "FollowUpPlanning", "FollowUpStore", "FollowUpSupport", "InvitationReading", "MailExport"]),
        .target(
            name: "FollowUpKit",
            dependencies: [
                "FollowUpSupport", "VCardKit", "FollowUpPlanning", "InterviewerCards", "ICalendar", "ICalendarExport", "FollowUpStore", "MailExport",
                "FeedPublishing", "FeedServing", "InvitationReading", "Spreadsheets", "ContactExport", "CalendarSync", "MailSync",
            ]
        ),
        .executableTarget(
            name: "FollowUpCLI",
            dependencies: [
                "FollowUpKit",
                "FollowUpStore",
                "FeedServing",
                "FollowUpSupport",
                "InterviewerCards",
                "InvitationReading",
                "MailSync",
                "VCardKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What several test targets share: the repository's folders, scratch folders, and the
        // interviewers and interviews the tests plan for. Not in any product.
        .target(name: "FollowUpTestSupport", dependencies: ["FollowUpPlanning"], path: "Tests/TestSupport"),
        // RealWorld/ and Corpus/ hold .vcf files (and the corpus's .expected.json) that the tests
        // read by path, found from #filePath; they are data, not sources or resources.
        .testTarget(name: "VCardKitTests", dependencies: ["VCardKit", "FollowUpTestSupport"], exclude: ["RealWorld", "Corpus"]),
        .testTarget(name: "FollowUpPlanningTests", dependencies: ["FollowUpPlanning", "FollowUpTestSupport"]),
        .testTarget(name: "SpreadsheetsTests", dependencies: ["Spreadsheets", "FollowUpPlanning", "FollowUpStore"]),
        .testTarget(name: "InterviewerCardsTests", dependencies: ["InterviewerCards", "FollowUpPlanning", "VCardKit", "FollowUpTestSupport"]),
        .testTarget(name: "ICalendarTests", dependencies: ["ICalendar", "CLibical", "FollowUpPlanning"]),
        .testTarget(
            name: "ICalendarExportTests",
            dependencies: ["ICalendarExport", "ICalendar", "CLibical", "FollowUpSupport", "FollowUpPlanning", "FollowUpTestSupport"]
        ),
        .testTarget(name: "MailExportTests", dependencies: ["MailExport", "FollowUpPlanning"]),
        .testTarget(name: "MailSyncTests", dependencies: ["MailSync", "FollowUpPlanning", "FollowUpStore", "FollowUpTestSupport",
                                                          .product(name: "GRDB", package: "GRDB.swift")]),
        // Corpus/ holds the invitation corpus (.ics, .eml and their .expected.json), read by path.
        .testTarget(
            name: "InvitationReadingTests",
            dependencies: ["InvitationReading", "FollowUpKit", "FollowUpTestSupport"],
            exclude: ["Corpus"]
        ),
        .testTarget(
            name: "FollowUpStoreTests",
            dependencies: ["FollowUpStore", "FollowUpPlanning", "FollowUpTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "FeedServingTests",
            dependencies: [
                "FeedServing", "FollowUpTestSupport", "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "FollowUpKitTests",
            dependencies: [
                "FollowUpKit", "FeedPublishing", "FeedServing", "Spreadsheets", "InvitationReading", "FollowUpStore", "FollowUpPlanning", "VCardKit",
                "FollowUpSupport", "FollowUpTestSupport",
            ]
        ),
        .testTarget(
            name: "ContactExportTests",
            dependencies: ["ContactExport", "VCardKit", "FollowUpPlanning", "FollowUpStore", "FollowUpTestSupport"]
        ),
        // The sync against a CalDAV/CardDAV server of its own (FakeDAVServer, on Hummingbird) and a store in a scratch folder.
        .testTarget(
            name: "CalendarSyncTests",
            dependencies: [
                "CalendarSync", "FollowUpStore", "FollowUpPlanning", "FollowUpTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            exclude: ["Responses"]
        ),
        // The command line parsed in-process: options, defaults and refusals, without a process.
        .testTarget(
            name: "FollowUpCLITests",
            dependencies: [
                "FollowUpCLI", "FollowUpStore", "FeedServing", "VCardKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "FollowUpCLI", "FollowUpKit", "FollowUpPlanning", "ICalendar", "ICalendarExport", "VCardKit", "CLibical", "FollowUpTestSupport",
            ],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
