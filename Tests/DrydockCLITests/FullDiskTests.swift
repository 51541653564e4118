import DrydockTestSupport
import Foundation
import GRDB
import Testing

/// A full disk (a small tmpfs, filled up) under the layer cache during a scan and under the DB during `db update`,
/// `db import` and `db build`: a clear message naming ENOSPC, nothing half-written left for a later run to use, and
/// the next run on a disk with room succeeds. Skipped, with the reason printed, where mounting is not permitted.
@Suite(.serialized, .enabled(if: TmpfsMount.isAvailable, "mounting a tmpfs needs root (the reason is printed)"))
struct FullDiskTests {
    /// The layer-cache tests' image with a fourth layer whose apk database lists 12,000 packages of random names:
    /// its cache entry (hundreds of KiB compressed) cannot fit in the room the test leaves.
    static func bigImage() throws -> URL {
        var spec = LayerCacheScanTests.spec("big")
        var installed = "P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\nL:MIT\n\n"
        for index in 0..<12_000 {
            let name = "pkg-\(UUID().uuidString.lowercased())"
            installed += "P:\(name)\nV:1.\(index)-r0\nA:x86_64\no:\(name)\nL:MIT\nF:usr/lib/\(name)\nR:lib.so\n\n"
        }
        spec.layers.append(["lib/apk/db/installed": .file(installed)])
        return try ImageFixtures.dockerArchive(images: [spec])
    }

    static func mentionsFullDisk(_ text: String) -> Bool {
        text.contains("ENOSPC")
    }

    @Test("the layer cache on a full disk: a warning naming ENOSPC, the scan's result, no entry; then it caches again")
    func layerCacheOnFullDisk() throws {
        let database = try LayerCacheScanTests.database.get()
        let disk = try TmpfsMount(size: "32m")
        defer { disk.unmount() }
        let cache = disk.directory.appendingPathComponent("cache")
        let small = try LayerCacheScanTests.image("app", format: .dockerArchive).path
        let big = try Self.bigImage().path
        let first = try LayerCacheRun.scan(["--input", small], cache: cache, database: database)
        #expect(first.result.status == 0, "\(first.result.stderr)")
        #expect(first.analysed.count == 3, "\(first.result.stderr)")
        let reference = try LayerCacheRun.scan(
            ["--input", big], cache: try PackagePaths.temporaryDirectory("layer-cache"), database: database)
        #expect(reference.result.status == 0, "\(reference.result.stderr)")

        // Room for SQLite to open the file (its 32 KiB shared-memory index, a few pages), not for the big entry.
        let filler = try disk.fill(leaving: 128 << 10)
        let room = disk.freeBytes
        let full = try LayerCacheRun.scan(["--input", big], cache: cache, database: database)
        #expect(full.result.status == 0, "\(full.result.stderr)")
        #expect(full.report == reference.report, "a full disk changed the scan's result")
        #expect(full.result.stderr.contains("warning: layer cache"), "\(full.result.stderr)")
        #expect(Self.mentionsFullDisk(full.result.stderr), "\(room) bytes free: \(full.result.stderr)")
        print(
            "full disk (\(room) bytes free): "
                + full.result.stderr.split(separator: "\n").filter { $0.contains("layer cache") }.joined(
                    separator: "\n"))
        let (integrity, count) = try LayerCacheScanTests.inspect(cache.appendingPathComponent("layers.db"))
        #expect(integrity == ["ok"])
        #expect(count == 3, "the failed write left \(count - 3) entries")

        // Room again: the big image's own layers are read afresh (nothing of them was kept), then cached.
        try FileManager.default.removeItem(atPath: filler)
        let again = try LayerCacheRun.scan(["--input", big], cache: cache, database: database)
        #expect(again.result.status == 0, "\(again.result.stderr)")
        #expect(again.cached.count == 2 && again.analysed.count == 2, "\(again.result.stderr)")
        #expect(!again.result.stderr.contains("warning: layer cache"), "\(again.result.stderr)")
        #expect(again.report == reference.report)
        let warm = try LayerCacheRun.scan(["--input", big], cache: cache, database: database)
        #expect(warm.cached.count == 4, "\(warm.result.stderr)")
    }

    /// What a DB folder holds: every file's bytes by name (hidden temporary files included).
    static func snapshot(_ directory: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            let path = directory + "/" + name
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[name] = FileManager.default.contents(atPath: path)
            }
        }
        return files
    }

    @Test(
        "db update, db import and db build on a full disk fail naming ENOSPC and keep the old DB; with room they work")
    func databaseOnFullDisk() throws {
        let server = try FeedServer(root: try DBDistFeedSite.write())
        defer { server.stop() }
        let environment = DBDistFeedSite.environment(server)
        func update(_ cache: String, _ ecosystems: String) throws -> ProcessRunner.Result {
            try ProcessRunner.run(
                PackagePaths.drydock,
                [
                    "db", "update", "--cache-dir", cache, "--osv-url", server.baseURL.absoluteString,
                    "--ecosystems", ecosystems, "--alpine-releases", "none", "--no-debian",
                ], environment: environment)
        }
        // A bundle of a bigger DB, made on a disk with room.
        let elsewhere = try PackagePaths.temporaryDirectory("full-disk-bundle").path
        #expect(try update(elsewhere, "PyPI,npm").status == 0)
        let bundle = elsewhere + "/bundle.tar"
        let exported = try CLI.run(["db", "export", "--cache-dir", elsewhere, "--output", bundle])
        #expect(exported.status == 0, "\(exported.stderr)")

        let disk = try TmpfsMount(size: "16m")
        defer { disk.unmount() }
        let cache = disk.directory.appendingPathComponent("cache").path
        let first = try update(cache, "PyPI")
        #expect(first.status == 0, "\(first.stderr)")
        let dbDirectory = cache + "/db"
        let before = Self.snapshot(dbDirectory)
        #expect(before["drydock.db"] != nil && before["metadata.json"] != nil, "\(before.keys.sorted())")

        let filler = try disk.fill()
        let advisories = try RegistryFixtures.writeSecDB().path
        let attempts: [(String, [String])] = [
            (
                "db update",
                [
                    "db", "update", "--cache-dir", cache, "--osv-url", server.baseURL.absoluteString, "--ecosystems",
                    "PyPI,npm", "--alpine-releases", "none", "--no-debian",
                ]
            ),
            ("db import", ["db", "import", bundle, "--cache-dir", cache]),
            ("db build", ["db", "build", "--quiet", "--output", dbDirectory + "/drydock.db", advisories]),
        ]
        for (name, arguments) in attempts {
            let result = try ProcessRunner.run(PackagePaths.drydock, arguments, environment: environment)
            #expect(result.status == 4, "\(name): \(result.status) \(result.stderr)")
            #expect(Self.mentionsFullDisk(result.stderr), "\(name): \(result.stderr)")
            print(
                "full disk, \(name): exit \(result.status): \(result.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
            )
            // The old DB and its metadata, byte for byte, and no temporary file left beside them.
            let after = Self.snapshot(dbDirectory)
            #expect(after.keys.sorted() == before.keys.sorted(), "\(name) left \(after.keys.sorted())")
            #expect(after["drydock.db"] == before["drydock.db"], "\(name) changed the DB")
            #expect(after["metadata.json"] == before["metadata.json"], "\(name) changed metadata.json")
            let info = try CLI.run(["db", "info", "--cache-dir", cache])
            #expect(info.status == 0, "after \(name): \(info.stderr)")
        }

        try FileManager.default.removeItem(atPath: filler)
        let imported = try CLI.run(["db", "import", bundle, "--cache-dir", cache])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            FileManager.default.contents(atPath: dbDirectory + "/drydock.db")
                == FileManager.default.contents(atPath: elsewhere + "/db/drydock.db"))
        let updated = try update(cache, "PyPI,npm")
        #expect(updated.status == 0, "\(updated.stderr)")
        #expect(try CLI.run(["db", "info", "--cache-dir", cache]).status == 0)
    }
}
