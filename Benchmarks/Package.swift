// swift-tools-version: 6.0
import PackageDescription

// A package of its own, so that benchmarks build in release mode without touching the main
// package. Run it through `run-vcard-bench.sh`.
let package = Package(
    name: "followup-benchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "followup", path: ".."),
    ],
    targets: [
        .executableTarget(
            name: "VCardBench",
            dependencies: [.product(name: "VCardKit", package: "followup")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
