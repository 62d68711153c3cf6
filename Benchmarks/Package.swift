// swift-tools-version: 6.0
import PackageDescription

// A package of its own, so that benchmarks build in release mode without touching the main
// package. Run them through `run-vcard-bench.sh` and `run-feed-bench.sh`.
let package = Package(
    name: "followup-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "followup", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "VCardBench",
            dependencies: [.product(name: "VCardKit", package: "followup")]
        ),
        .executableTarget(
            name: "FeedBench",
            dependencies: [
                .product(name: "FollowUpKit", package: "followup"),
                .product(name: "FollowUpStore", package: "followup"),
                .product(name: "ICalendarExport", package: "followup"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
