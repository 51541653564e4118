import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// The three container readers on databases the test writes: NDB and Berkeley DB hash by
/// `RPMContainerBuilder`, SQLite by Python's `sqlite3` (the real SQLite library).
struct RPMContainerTests {
    /// Headers for `count` packages; every fifth has a file list long enough to span several pages.
    static func blobs(_ count: Int) -> [[UInt8]] {
        (0..<count).map { index in
            let files =
                index % 5 == 0 ? (0..<400).map { "/usr/share/pkg\(index)/file-\($0).txt" } : ["/usr/bin/p\(index)"]
            return RPMHeaderBuilder.package(
                name: "pkg\(index)", epoch: index % 3 == 0 ? Int32(index) : nil, version: "1.\(index)",
                release: "1.el9",
                sourceRPM: "src\(index)-1.\(index)-1.el9.src.rpm", files: files
            ).build()
        }
    }

    static func names(_ database: RPMDatabase) -> [String] { database.packages.map(\.name) }

    @Test func ndbReadsEveryUsedSlot() throws {
        let database = try RPMDatabaseParser.parse(RPMContainerBuilder.ndb(Self.blobs(12)), path: "Packages.db")
        #expect(database.format == .ndb)
        #expect(Self.names(database) == (0..<12).map { "pkg\($0)" })
        #expect(database.packages[5].installedFiles.count == 400)
        #expect(database.packages[3].fullVersion == "3:1.3-1.el9")
        #expect(database.warnings.isEmpty)
    }

    @Test func ndbBlobDamageIsAWarning() throws {
        var bytes = RPMContainerBuilder.ndb(Self.blobs(3))
        // The second slot's block offset points at the first blob, whose header names package 1.
        bytes[48 + 8] = bytes[32 + 8]
        bytes[48 + 9] = bytes[32 + 9]
        let database = try RPMDatabaseParser.parse(bytes, path: "Packages.db")
        #expect(Self.names(database) == ["pkg0", "pkg2"])
        #expect(database.warnings.count == 1)
        #expect(database.warnings.first?.message.contains("package 2") == true)
    }

    @Test func berkeleyHashFollowsOverflowChains() throws {
        let database = try RPMDatabaseParser.parse(RPMContainerBuilder.berkeleyHash(Self.blobs(8)), path: "Packages")
        #expect(database.format == .berkeleyDB)
        #expect(Self.names(database) == (0..<8).map { "pkg\($0)" })
        #expect(database.packages[0].installedFiles.count == 400)
        #expect(database.packages.compactMap(\.headerNumber) == Array(1...8))
        #expect(database.warnings.isEmpty)
    }

    @Test func berkeleyHashOverflowCycleIsAWarning() throws {
        var bytes = RPMContainerBuilder.berkeleyHash(Self.blobs(1))
        // Page 2 is the first overflow page of the only (multi-page) blob: point it at itself.
        bytes[2 * 4096 + 16] = 2
        bytes[2 * 4096 + 17] = 0
        let database = try RPMDatabaseParser.parse(bytes, path: "Packages")
        #expect(database.packages.isEmpty)
        #expect(database.warnings.count == 1)
        #expect(database.warnings.first?.message.contains("cycle") == true)
    }

    @Test func berkeleyHashSharedOverflowChainsAreBounded() throws {
        // Blob 0 spans several pages; the data items of the ten others are pointed at its chain, so the values
        // read would add up to more than the file.
        var bytes = RPMContainerBuilder.berkeleyHash(Self.blobs(11))
        func itemOffset(_ index: Int) -> Int {
            4096 + (Int(bytes[4096 + 26 + 2 * index]) | Int(bytes[4096 + 27 + 2 * index]) << 8)
        }
        let first = itemOffset(3)
        for blob in 1...10 {
            let item = itemOffset(2 * blob + 3)
            bytes.replaceSubrange((item + 4)..<(item + 12), with: bytes[(first + 4)..<(first + 12)])
        }
        do {
            let database = try RPMDatabaseParser.parse(bytes, path: "Packages")
            Issue.record("expected an error, read \(database.packages.count) packages")
        } catch {
            #expect(error.reason.contains("more than the file"))
        }
    }

    @Test func sqliteWrittenBySQLite() throws {
        let folder = try CatalogFixtures.scratchDirectory(prefix: "drydock-rpm-sqlite")
        defer { try? FileManager.default.removeItem(at: folder) }
        let blobs = Self.blobs(300)
        for (index, blob) in blobs.enumerated() {
            try Data(blob).write(to: folder.appendingPathComponent("\(index + 1).bin"))
        }
        // rpm's schema; a small page size gives interior pages and long overflow chains. Rows are inserted in
        // a shuffled order and some deleted, so the b-tree is not a simple append.
        let script = """
            import os, sqlite3, sys, random
            folder = sys.argv[1]
            db = sqlite3.connect(os.path.join(folder, "rpmdb.sqlite"))
            db.execute("PRAGMA page_size=1024")
            db.execute("CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT,blob BLOB NOT NULL)")
            db.execute("CREATE TABLE 'Name' (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL)")
            numbers = list(range(1, 301))
            random.Random(7).shuffle(numbers)
            for number in numbers:
                blob = open(os.path.join(folder, f"{number}.bin"), "rb").read()
                db.execute("INSERT INTO Packages VALUES (?, ?)", (number, blob))
                db.execute("INSERT INTO Name VALUES (?, ?, 0)", (f"pkg{number - 1}", number))
            db.execute("DELETE FROM Packages WHERE hnum % 50 = 0")
            db.commit()
            db.close()
            """
        try CatalogFixtures.run("python3", ["-c", script, folder.path])
        let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("rpmdb.sqlite")))
        let database = try RPMDatabaseParser.parse(bytes, path: "rpmdb.sqlite")
        let kept = (1...300).filter { $0 % 50 != 0 }
        #expect(database.format == .sqlite)
        #expect(database.packages.compactMap(\.headerNumber) == kept.map(UInt32.init))
        #expect(Self.names(database) == kept.map { "pkg\($0 - 1)" })
        #expect(database.packages[0].installedFiles.count == 400)
        #expect(database.warnings.isEmpty)
    }

    @Test func unknownBytesAreAnError() {
        #expect(throws: CatalogError.self) {
            try RPMDatabaseParser.parse(Array("hello".utf8), path: "var/lib/rpm/Packages")
        }
        #expect(throws: CatalogError.self) { try RPMDatabaseParser.parse([], path: "var/lib/rpm/rpmdb.sqlite") }
    }

    /// Imitates CBL-Mariner 2.0 distroless's `var/lib/rpmmanifest/container-manifest-2`.
    static let manifest = """
        filesystem\t1.1-12.cm2\t1676423393\t1661301568\tMicrosoft Corporation\t(none)\t7596\tx86_64\t0\tfilesystem-1.1-12.cm2.src.rpm
        glibc\t2.35-3.cm2\t1676423393\t1665500372\tMicrosoft Corporation\t(none)\t10855277\tx86_64\t0\tglibc-2.35-3.cm2.src.rpm
        openssl-libs\t1.1.1k-21.cm2\t1676423394\t1675200000\tMicrosoft Corporation\t(none)\t4500000\tx86_64\t1\topenssl-1.1.1k-21.cm2.src.rpm
        broken line
        tzdata\t2022g\t1\t2\tMicrosoft Corporation\t(none)\t1\tnoarch\t0\ttzdata-2022g-1.cm2.src.rpm

        """

    @Test func marinerManifest() throws {
        let analyzer = RPMAnalyzer()
        let database = try analyzer.analyzeRPM(path: RPMManifestParser.path, content: Array(Self.manifest.utf8))
        #expect(database.format == .containerManifest)
        #expect(database.packages.map(\.name) == ["filesystem", "glibc", "openssl-libs"])
        #expect(database.packages.map(\.fullVersion) == ["1.1-12.cm2", "2.35-3.cm2", "1:1.1.1k-21.cm2"])
        #expect(database.packages[1].source?.name == "glibc")
        #expect(database.packages[1].vendor == "Microsoft Corporation")
        #expect(database.warnings.map(\.line) == [4, 5])
        #expect(throws: CatalogError.self) { try RPMManifestParser.parse([0x41, 0x00]) }
    }
}
