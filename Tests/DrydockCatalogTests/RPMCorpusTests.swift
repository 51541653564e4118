import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// The three real databases from go-rpmdb's test data, checked against the real `rpm`.
///
/// SQLite and Berkeley DB are listed with `rpm -qa --dbpath` (`scripts/oracles/rpm_qa.sh`). Debian's rpm has
/// no ndb backend, so the NDB database's blobs (as Drydock extracts them) are checked header by header with
/// `rpm -qp` (`scripts/oracles/rpm_header_query.py`); that covers the decoding, and the container test below
/// checks the slot walk finds every used slot.
struct RPMCorpusTests {
    static let root = "fixtures/go-rpmdb/pkg/testdata/"
    static let queried = ["cbl-mariner-2.0/rpmdb.sqlite", "libuuid/Packages"]
    static let all = queried + ["sle15-bci/Packages.db"]

    static func parse(_ relative: String) throws -> RPMDatabase {
        let bytes = try Shared.bytes(try Shared.file(root + relative))
        return try RPMDatabaseParser.parse(bytes, path: relative)
    }

    static func line(_ package: RPMPackage) -> String {
        [
            package.name, String(package.epochNumber), package.version, package.release,
            package.architecture ?? "(none)", package.sourceRPM ?? "(none)", package.license ?? "(none)",
            package.vendor ?? "(none)", package.modularityLabel ?? "(none)",
        ].joined(separator: "\t")
    }

    static func fileLines(_ packages: [RPMPackage]) -> [String] {
        packages.flatMap { package in package.installedFiles.map { "\(package.name)\t/\($0)" } }
    }

    @Test(
        "rpm -qa lists the same packages and files",
        .enabled(if: Shared.available(root + "libuuid/Packages")), arguments: queried)
    func matchesRPMQueryAll(relative: String) throws {
        let database = try Self.parse(relative)
        let file = try Shared.file(Self.root + relative)
        let expected = try RPMOracle.query(database: file, mode: .packages)
        #expect(!expected.isEmpty)
        #expect(database.packages.map(Self.line).sorted() == expected.sorted())
        #expect(database.warnings.isEmpty, "\(database.warnings)")
        let expectedFiles = try RPMOracle.query(database: file, mode: .files)
        let files = Self.fileLines(database.packages)
        #expect(files.count == expectedFiles.count)
        #expect(files.sorted() == expectedFiles.sorted())
    }

    @Test(
        "every extracted header reads the same in rpm -qp",
        .enabled(if: Shared.available(root + "sle15-bci/Packages.db")), arguments: all)
    func headersMatchRPMQueryPackage(relative: String) throws {
        let bytes = try Shared.bytes(try Shared.file(Self.root + relative))
        let (_, blobs) = try RPMDatabaseParser.headerBlobs(bytes, path: relative)
        #expect(blobs.warnings.isEmpty)
        let database = try Self.parse(relative)
        #expect(database.packages.count == blobs.entries.count)
        let expected = try RPMOracle.query(blobs: blobs.entries.map(\.blob), mode: .packages)
        #expect(database.packages.map(Self.line) == expected)
        let expectedFiles = try RPMOracle.query(blobs: blobs.entries.map(\.blob), mode: .files)
        #expect(Self.fileLines(database.packages) == expectedFiles)
    }

    @Test("NDB: every used slot becomes a package", .enabled(if: Shared.available(root + "sle15-bci/Packages.db")))
    func ndbSlots() throws {
        let bytes = try Shared.bytes(try Shared.file(Self.root + "sle15-bci/Packages.db"))
        let pages = Int(bytes[12]) | Int(bytes[13]) << 8
        var used: [UInt32] = []
        for slot in stride(from: 32, to: pages * 4096, by: 16) {
            let index = UInt32(bytes[slot + 4]) | UInt32(bytes[slot + 5]) << 8 | UInt32(bytes[slot + 6]) << 16
            if index != 0 { used.append(index) }
        }
        let database = try Self.parse("sle15-bci/Packages.db")
        #expect(database.format == .ndb)
        #expect(database.packages.compactMap(\.headerNumber) == used.sorted())
        #expect(database.packages.contains { $0.name == "libzypp" || $0.name == "zypper" || $0.name == "bash" })
    }

    @Test("the raw header blob decodes as rpm reads it", .enabled(if: Shared.available(root + "blob.bin")))
    func rawBlob() throws {
        let blob = try Shared.bytes(try Shared.file(Self.root + "blob.bin"))
        let decoded = try RPMHeaderDecoder.decode(blob)
        #expect(try RPMOracle.query(blobs: [blob], mode: .packages) == [Self.line(decoded.package)])
        #expect(decoded.package.name == "publicsuffix-list-dafsa")
        // Its DIRINDEXES names a directory that DIRNAMES lacks: rpm's own listing fails on it too.
        #expect(decoded.package.installedFiles.isEmpty)
        #expect(decoded.problems.count == 1)
        #expect(throws: (any Error).self) { try RPMOracle.query(blobs: [blob], mode: .files) }
    }

    @Test("the analyzer reads every database path", .enabled(if: Shared.available(root + "libuuid/Packages")))
    func analyzerPaths() throws {
        let analyzer = RPMAnalyzer()
        for path in ["var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages", "var/lib/rpm/rpmdb.sqlite"] {
            #expect(analyzer.selector.matches(path))
        }
        #expect(analyzer.selector.matches("var/lib/rpmmanifest/container-manifest-2"))
        #expect(!analyzer.selector.matches("var/lib/rpm/Name"))
        let bytes = try Shared.bytes(try Shared.file(Self.root + "libuuid/Packages"))
        let database = try analyzer.analyzeRPM(path: "var/lib/rpm/Packages", content: bytes)
        #expect(database.format == .berkeleyDB)
        #expect(database.packages.map(\.name) == ["libuuid"])
    }
}
