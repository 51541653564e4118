// swift-tools-version: 6.1
import PackageDescription

/// One set of Swift settings for every target: Swift 6 language mode and `any` spelled out.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// Swift 6.3.1's optimizer crashes ("Found ownership error", in CopyPropagation) on the Terraform evaluator's
/// switches over `ConfigNode.Value` in release builds; the module is built without that one pass.
let misconfigSettings: [SwiftSetting] =
    swiftSettings + [.unsafeFlags(["-Xfrontend", "-enable-copy-propagation=false"], .when(configuration: .release))]

let package = Package(
    name: "Drydock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "drydock", targets: ["drydock"]),
        .executable(name: "drydock-fuzz", targets: ["DrydockFuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
    ],
    targets: [
        .systemLibrary(name: "CDrydockZlib", path: "Sources/CDrydockZlib"),
        // liblzma (Debian's liblzma-dev): xz-compressed advisory inputs (Red Hat's large CSAF VEX documents).
        .systemLibrary(name: "CDrydockLZMA", path: "Sources/CDrydockLZMA"),
        // libbz2 (Debian's libbz2-dev): Oracle's ELSA OVAL, SUSE's `csaf-vex.tar.bz2` archive, bzip2-compressed
        // advisory inputs.
        .systemLibrary(name: "CDrydockBZip2", path: "Sources/CDrydockBZip2"),
        // glibc's <malloc.h>: the server's heap statistics (mallinfo2).
        .systemLibrary(name: "CDrydockMalloc", path: "Sources/CDrydockMalloc"),
        .target(name: "DrydockJSON", swiftSettings: swiftSettings),
        .target(name: "DrydockModel", swiftSettings: swiftSettings),
        .target(name: "DrydockVersions", dependencies: ["DrydockModel"], swiftSettings: swiftSettings),
        .target(name: "DrydockLicenses", dependencies: ["DrydockModel"], swiftSettings: swiftSettings),
        .target(
            name: "DrydockNetwork",
            dependencies: [
                "DrydockModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
                .product(name: "NIOHPACK", package: "swift-nio-http2"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
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
                "DrydockModel", "DrydockVersions", "DrydockLicenses", "DrydockImage", "CDrydockZlib",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockMisconfig",
            dependencies: [
                "DrydockModel", "DrydockCatalog", .product(name: "Yams", package: "Yams"),
                // Secrets in EC2 user data (AWS-0029, AWS-0122, AWS-0129) are found with the secret scanner's rules.
                "DrydockSecrets",
            ],
            swiftSettings: misconfigSettings
        ),
        .target(
            name: "DrydockVulnDB",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockNetwork", "DrydockJSON", "CDrydockZlib",
                // Vendor feeds: gzip and zstd inputs and Red Hat's `.tar.zst` archive read with DrydockImage's
                // byte sources (the bzip2 and xz ones beside them in DrydockVulnDB).
                "DrydockImage", "CDrydockLZMA", "CDrydockBZip2",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
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
            dependencies: [
                "DrydockModel", "DrydockMatch", "DrydockLicenses", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockSecrets",
            dependencies: ["DrydockModel", "DrydockCatalog", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockReport",
            dependencies: [
                "DrydockModel", "DrydockPolicy", "DrydockJSON", "CDrydockZlib",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockScan",
            dependencies: ["DrydockModel", "DrydockVulnDB", "DrydockMatch", "DrydockPolicy"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockAdmission",
            dependencies: [
                "DrydockModel", "DrydockNetwork", "DrydockPolicy", "DrydockSupplyChain",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockRepository",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockVulnDB", "DrydockMatch", "DrydockCatalog", "CDrydockZlib",
                "DrydockPolicy",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockServer",
            dependencies: [
                "DrydockModel", "DrydockVulnDB", "DrydockMatch", "DrydockPolicy", "DrydockReport", "DrydockScan",
                "DrydockRepository", "DrydockCatalog", "DrydockSBOM", "DrydockNetwork", "DrydockAdmission",
                "CDrydockMalloc",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Sigstore bundle verification (certificates, transparency-log proofs, signatures; no I/O), and the
        // policy's supply-chain rules judged on the signatures the registry client fetches.
        .target(
            name: "DrydockSupplyChain",
            dependencies: [
                "DrydockModel", "DrydockNetwork", "DrydockPolicy",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockSBOM",
            dependencies: ["DrydockModel", "DrydockCatalog", "DrydockPolicy", "DrydockReport", "DrydockLicenses"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DrydockCLI",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockNetwork", "DrydockImage", "DrydockCatalog", "DrydockVulnDB",
                "DrydockMatch", "DrydockPolicy", "DrydockReport", "DrydockSBOM", "DrydockLicenses", "DrydockMisconfig",
                "DrydockSecrets", "DrydockScan", "DrydockRepository", "DrydockServer", "DrydockAdmission",
                "DrydockSupplyChain",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "drydock", dependencies: ["DrydockCLI"], swiftSettings: swiftSettings),
        // Fuzz targets: every parser fed bytes (docs/security.md). Built by every debug build so they cannot rot;
        // `scripts/fuzz` builds them again with `-sanitize=fuzzer,address -DDRYDOCK_FUZZ`.
        .target(
            name: "DrydockFuzzTargets",
            dependencies: [
                "DrydockModel", "DrydockVersions", "DrydockLicenses", "DrydockNetwork", "DrydockImage",
                "DrydockCatalog",
                "DrydockVulnDB", "DrydockPolicy", "DrydockReport", "DrydockSBOM", "DrydockSecrets", "DrydockMisconfig",
                "DrydockAdmission", "DrydockSupplyChain",
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "DrydockFuzz", dependencies: ["DrydockFuzzTargets"], swiftSettings: swiftSettings),
        .target(
            name: "DrydockTestSupport",
            dependencies: ["DrydockModel", "DrydockImage", "DrydockRepository"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "DrydockModelTests", dependencies: ["DrydockModel"], swiftSettings: swiftSettings),
        .testTarget(
            name: "DrydockVersionsTests",
            dependencies: ["DrydockVersions", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockLicensesTests",
            dependencies: ["DrydockLicenses", "DrydockTestSupport"],
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
            name: "DrydockSecretsTests",
            dependencies: ["DrydockSecrets", "DrydockCatalog", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockReportTests",
            dependencies: ["DrydockReport", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockSBOMTests",
            dependencies: ["DrydockSBOM", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockScanTests",
            dependencies: ["DrydockScan", "DrydockTestSupport", "DrydockVulnDB", "DrydockPolicy", "DrydockModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockRepositoryTests",
            dependencies: ["DrydockRepository", "DrydockTestSupport", "DrydockModel", "DrydockCatalog"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockServerTests",
            dependencies: [
                "DrydockServer", "DrydockRepository", "DrydockTestSupport", "DrydockModel", "DrydockVulnDB",
                "DrydockScan", "DrydockPolicy", "DrydockReport", "DrydockCatalog", "DrydockImage", "DrydockAdmission",
                "DrydockSupplyChain", "DrydockNetwork",
                .product(name: "Yams", package: "Yams"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockSupplyChainTests",
            dependencies: ["DrydockSupplyChain", "DrydockTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockFuzzTests",
            dependencies: [
                "DrydockFuzzTargets", "DrydockTestSupport", "DrydockCatalog", "DrydockImage", "DrydockVersions",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DrydockCLITests",
            dependencies: [
                "DrydockCLI", "DrydockTestSupport", "DrydockAdmission", "DrydockSupplyChain",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
