// swift-tools-version: 6.1
import PackageDescription

// Measures the hand-written lockfile readers (DrydockCatalog's YAMLReader and TOMLReader, linked here
// through Sources/ReaderBench/Formats) against Yams and TOMLKit on real lockfiles. Not built by CI:
// `Benchmarks/run` builds it in release and runs it (see BENCHMARKS.md).
let package = Package(
    name: "ReaderBench",
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .executableTarget(
            name: "ReaderBench",
            dependencies: [
                .product(name: "Yams", package: "Yams"), .product(name: "TOMLKit", package: "TOMLKit"),
            ])
    ]
)
