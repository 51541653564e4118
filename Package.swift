// swift-tools-version: 6.1
import PackageDescription

/// One set of Swift settings for every target: Swift 6 language mode and `any` spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "Drydock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "drydock", targets: ["drydock"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(name: "CDrydockZlib", path: "Sources/CDrydockZlib"),
        .target(name: "DrydockModel", swiftSettings: swiftSettings),
        .target(name: "DrydockVersions", dependencies: ["DrydockModel"], swiftSettings: swiftSettings),
        .target(
            name: "DrydockNetwork",
            dependencies: [
                "DrydockModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockImage",
            dependencies: [
                "DrydockModel", "DrydockNetwork", "CDrydockZlib",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockCatalog",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockImage", "CDrydockZlib",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockMisconfig",
            dependencies: ["DrydockModel", "DrydockCatalog", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockVulnDB",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockNetwork", "CDrydockZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockMatch",
            dependencies: ["DrydockModel", "DrydockVersions", "DrydockVulnDB"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockPolicy",
            dependencies: ["DrydockModel", "DrydockMatch", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(name: "DrydockReport", dependencies: ["DrydockModel", "DrydockPolicy"], swiftSettings: swiftSettings),
        .target(
            name: "DrydockCLI",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockNetwork", "DrydockImage", "DrydockCatalog", "DrydockVulnDB",
                "DrydockMatch", "DrydockPolicy", "DrydockReport", "DrydockMisconfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "drydock", dependencies: ["DrydockCLI"], swiftSettings: swiftSettings),
        .target(
            name: "DrydockTestSupport",
            dependencies: ["DrydockModel", "DrydockImage"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DrydockModelTests", dependencies: ["DrydockModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DrydockVersionsTests",
            dependencies: ["DrydockVersions", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockNetworkTests",
            dependencies: ["DrydockNetwork", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockImageTests",
            dependencies: ["DrydockImage", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockCatalogTests",
            dependencies: ["DrydockCatalog", "DrydockTestSupport", "DrydockMatch", "DrydockVulnDB"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockMisconfigTests",
            dependencies: ["DrydockMisconfig", "DrydockCatalog", "DrydockModel", "DrydockTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockVulnDBTests",
            dependencies: ["DrydockVulnDB", "DrydockTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockMatchTests",
            dependencies: ["DrydockMatch", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockPolicyTests",
            dependencies: ["DrydockPolicy", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockReportTests",
            dependencies: ["DrydockReport", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockCLITests",
            dependencies: [
                "DrydockCLI", "DrydockTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
