import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// Truncated and corrupted copies of the real databases: typed errors or partial results with warnings, never a
/// crash or a hang.
struct RPMDamageTests {
    static let root = RPMCorpusTests.root

    /// A deterministic generator, so a failing flip can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(
        "a truncated database loses packages only with a warning or an error",
        .enabled(if: Shared.available(root + "sle15-bci/Packages.db")), arguments: RPMCorpusTests.all)
    func truncated(relative: String) throws {
        let bytes = try Shared.bytes(try Shared.file(Self.root + relative))
        let full = try RPMDatabaseParser.parse(bytes, path: relative)
        let names = Set(full.packages.map(RPMCorpusTests.line))
        let lengths = [
            0, 1, 15, 16, 31, 99, 100, 511, 512, 4095, 4096, 4097, bytes.count / 3, bytes.count / 2,
            bytes.count - 4096, bytes.count - 1,
        ]
        var errors = 0
        for length in lengths where length >= 0 && length < bytes.count {
            do {
                let partial = try RPMDatabaseParser.parse(Array(bytes[0..<length]), path: relative)
                #expect(Set(partial.packages.map(RPMCorpusTests.line)).isSubset(of: names))
                if partial.packages.count < full.packages.count {
                    #expect(!partial.warnings.isEmpty, "\(relative) cut at \(length) lost packages silently")
                }
            } catch {
                errors += 1
                #expect(error.code == .malformedDatabase)
                #expect(error.location.hasPrefix(relative))
            }
        }
        #expect(errors > 0)
    }

    @Test(
        "flipped bytes never crash or hang the readers",
        .enabled(if: Shared.available(root + "sle15-bci/Packages.db")), .timeLimit(.minutes(3)),
        arguments: RPMCorpusTests.all)
    func flipped(relative: String) throws {
        let pristine = try Shared.bytes(try Shared.file(Self.root + relative))
        var generator = SplitMix(state: UInt64(relative.utf8.count))
        let rounds = pristine.count > 1_000_000 ? 60 : 200
        var outcomes: [String: Int] = [:]
        for _ in 0..<rounds {
            var bytes = pristine
            // Damage the front often: it holds the headers and page maps the walk depends on.
            let span = Bool.random(using: &generator) ? min(bytes.count, 8192) : bytes.count
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                bytes[Int.random(in: 0..<span, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            let first = Result { () throws(CatalogError) in try RPMDatabaseParser.parse(bytes, path: relative) }
            let second = Result { () throws(CatalogError) in try RPMDatabaseParser.parse(bytes, path: relative) }
            #expect(first == second)
            switch first {
            case .success(let database): outcomes[database.warnings.isEmpty ? "clean" : "warned", default: 0] += 1
            case .failure: outcomes["error", default: 0] += 1
            }
        }
        print("\(relative): \(rounds) damaged copies → \(outcomes)")
        #expect(outcomes.values.reduce(0, +) == rounds)
    }

    @Test(
        "an SQLite b-tree page that points back to itself is an error",
        .enabled(if: Shared.available(root + "cbl-mariner-2.0/rpmdb.sqlite")))
    func sqliteCycle() throws {
        var bytes = try Shared.bytes(try Shared.file(Self.root + "cbl-mariner-2.0/rpmdb.sqlite"))
        let tree = try SQLiteBTree(bytes)
        let root = try #require(try RPMSQLiteReader.packagesRoot(tree))
        let header = (root - 1) * tree.pageSize
        try #require(bytes[header] == 0x05, "Packages root is expected to be an interior page")
        for shift in 0..<4 { bytes[header + 8 + shift] = UInt8((root >> (8 * (3 - shift))) & 0xFF) }
        #expect {
            try RPMDatabaseParser.parse(bytes, path: "rpmdb.sqlite")
        } throws: { error in
            (error as? CatalogError)?.reason.contains("cycle") == true
        }
    }
}
