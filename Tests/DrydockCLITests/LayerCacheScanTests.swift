import DrydockTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

/// What one `drydock image … --debug` run said about its layers.
struct LayerCacheRun {
    var result: ProcessRunner.Result
    /// The `layer … cached: skipped` lines.
    var cached: [String]
    /// The `layer … analysed in N ms` lines.
    var analysed: [String]
    /// The JSON report with `CreatedAt`, the `ReportID` derived from it and the DB's `AgeSeconds` (all that
    /// varies between runs) blanked.
    var report: String

    init(_ result: ProcessRunner.Result) {
        self.result = result
        let lines = result.stderr.split(separator: "\n").map(String.init).filter { $0.contains("debug: layer ") }
        cached = lines.filter { $0.hasSuffix(" cached: skipped") }
        analysed = lines.filter { $0.contains(" analysed in ") && $0.hasSuffix(" ms") }
        report = result.output.replacing(#/"CreatedAt": "[^"]*"/#, with: #""CreatedAt": """#)
            .replacing(#/"ReportID": "[^"]*"/#, with: #""ReportID": """#)
            .replacing(#/"AgeSeconds": [0-9]+/#, with: #""AgeSeconds": 0"#)
    }

    /// Runs `drydock image ARGS --format json --debug --cache-dir CACHE --db DB`.
    static func scan(_ arguments: [String], cache: URL, database: String, extra: [String] = []) throws -> LayerCacheRun
    {
        LayerCacheRun(
            try CLI.run(
                ["image"] + arguments + ["--format", "json", "--debug", "--cache-dir", cache.path, "--db", database]
                    + extra))
    }
}

@Suite("Layer cache from the CLI")
struct LayerCacheScanTests {
    static let database: Result<String, any Error> = Result {
        try CLI.buildDatabase([try RegistryFixtures.writeSecDB().path])
    }

    /// The registry fixtures' Alpine image with a third layer of its own, named `name`.
    static func spec(_ name: String, tag: String? = nil) -> ImageFixtures.ImageSpec {
        var spec = RegistryFixtures.alpine(muslVersion: "1.2.4-r2")
        spec.layers.append(["srv/\(name)/name.txt": .file(name)])
        spec.tags = [tag ?? "test/\(name):1.0"]
        return spec
    }

    enum Format: String, CaseIterable, Sendable {
        case dockerArchive, dockerArchiveGzip, ociLayout
    }

    static func image(_ name: String, format: Format) throws -> URL {
        switch format {
        case .dockerArchive: try ImageFixtures.dockerArchive(images: [spec(name)])
        case .dockerArchiveGzip: try ImageFixtures.dockerArchive(images: [spec(name)], compressOuter: true)
        case .ociLayout: try ImageFixtures.ociLayout(images: [spec(name)])
        }
    }

    @Test("a second scan skips every layer and reports the same JSON", arguments: Format.allCases)
    func secondScanSkipsEveryLayer(format: Format) throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let input = try Self.image("app", format: format).path
        let cold = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
        #expect(cold.result.status == 0, "\(cold.result.stderr)")
        #expect(cold.analysed.count == 3 && cold.cached.isEmpty, "\(cold.result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("layers.db").path))
        let warm = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
        #expect(warm.result.status == 0, "\(warm.result.stderr)")
        #expect(warm.cached.count == 3 && warm.analysed.isEmpty, "\(warm.result.stderr)")
        #expect(warm.report == cold.report)
        #expect(cold.report.contains("CVE-2099-0001"))
    }

    @Test("an image sharing base layers with a cached one analyses only its new layer")
    func sharedBaseLayers() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let first = try LayerCacheRun.scan(
            ["--input", try Self.image("one", format: .dockerArchive).path], cache: cache, database: database)
        #expect(first.result.status == 0, "\(first.result.stderr)")
        let other = try Self.image("two", format: .dockerArchive).path
        let warm = try LayerCacheRun.scan(["--input", other], cache: cache, database: database)
        #expect(warm.result.status == 0, "\(warm.result.stderr)")
        #expect(warm.cached.count == 2 && warm.analysed.count == 1, "\(warm.result.stderr)")
        let cold = try LayerCacheRun.scan(
            ["--input", other], cache: try PackagePaths.temporaryDirectory("layer-cache"), database: database)
        #expect(cold.analysed.count == 3)
        #expect(warm.report == cold.report)
    }

    @Test("--no-cache neither reads nor writes the cache")
    func noCache() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let input = try Self.image("app", format: .dockerArchive).path
        let off = try LayerCacheRun.scan(["--input", input], cache: cache, database: database, extra: ["--no-cache"])
        #expect(off.result.status == 0, "\(off.result.stderr)")
        #expect(off.analysed.count == 3)
        #expect(!FileManager.default.fileExists(atPath: cache.appendingPathComponent("layers.db").path))
        _ = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
        let again = try LayerCacheRun.scan(["--input", input], cache: cache, database: database, extra: ["--no-cache"])
        #expect(again.analysed.count == 3 && again.cached.isEmpty)
    }

    @Test("a corrupt layers.db is discarded with a warning; the scan succeeds and refills it")
    func corruptCache() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        try Data(repeating: 0x42, count: 10_000).write(to: cache.appendingPathComponent("layers.db"))
        let input = try Self.image("app", format: .dockerArchive).path
        let scan = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
        #expect(scan.result.status == 0, "\(scan.result.stderr)")
        #expect(scan.result.stderr.contains("warning: layer cache") && scan.result.stderr.contains("corrupt"))
        #expect(scan.report.contains("CVE-2099-0001"))
        let warm = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
        #expect(warm.cached.count == 3, "\(warm.result.stderr)")
        #expect(!warm.result.stderr.contains("corrupt"))
    }

    @Test("--cache-max-size evicts the least recently used layers")
    func maxSize() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let one = try Self.image("one", format: .dockerArchive).path
        let two = try Self.image("two", format: .dockerArchive).path
        _ = try LayerCacheRun.scan(["--input", one], cache: cache, database: database)
        let queue = try DatabaseQueue(path: cache.appendingPathComponent("layers.db").path)
        let sizes = try queue.read { db in try Int.fetchAll(db, sql: "SELECT size FROM layers ORDER BY size") }
        try queue.close()
        #expect(sizes.count == 3)
        // Room for one image's layers and half of another layer: each scan of the other image evicts the
        // least recently used entry, its own third layer from the scan before.
        let bound = ["--cache-max-size", String(sizes.reduce(0, +) + sizes[0] / 2)]
        let second = try LayerCacheRun.scan(["--input", two], cache: cache, database: database, extra: bound)
        #expect(second.cached.count == 2 && second.analysed.count == 1, "\(second.result.stderr)")
        let third = try LayerCacheRun.scan(["--input", one], cache: cache, database: database, extra: bound)
        #expect(third.result.status == 0, "\(third.result.stderr)")
        #expect(third.cached.count == 2 && third.analysed.count == 1, "\(third.result.stderr)")
        let bad = try CLI.run(["image", "--input", one, "--db", database, "--cache-max-size", "lots"])
        #expect(bad.status == 2)
    }

    @Test("three processes scanning at once all succeed and leave a consistent cache")
    func concurrentProcesses() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        let inputs = try ["one", "two", "three"].map { try Self.image($0, format: .dockerArchive).path }
        // One thread per process (the concurrency pool may have fewer threads than that), started together.
        let results = Mutex<[Result<LayerCacheRun, any Error>]>([])
        let group = DispatchGroup()
        for input in inputs {
            group.enter()
            Thread {
                let run = Result { try LayerCacheRun.scan(["--input", input], cache: cache, database: database) }
                results.withLock { $0.append(run) }
                group.leave()
            }.start()
        }
        group.wait()
        let runs = try results.withLock { $0 }.map { try $0.get() }
        #expect(runs.count == 3)
        for run in runs {
            #expect(run.result.status == 0, "\(run.result.stderr)")
            #expect(!run.result.stderr.contains("warning: layer cache"), "\(run.result.stderr)")
            #expect(run.cached.count + run.analysed.count == 3)
        }
        for input in inputs {
            let warm = try LayerCacheRun.scan(["--input", input], cache: cache, database: database)
            #expect(warm.cached.count == 3, "\(warm.result.stderr)")
        }
        let (integrity, count) = try Self.inspect(cache.appendingPathComponent("layers.db"))
        #expect(integrity == ["ok"])
        // Two layers are shared by all three images, one is each image's own.
        #expect(count == 5)
    }

    /// `PRAGMA integrity_check` and the number of entries of a cache file.
    static func inspect(_ file: URL) throws -> ([String], Int) {
        let queue = try DatabaseQueue(path: file.path)
        defer { try? queue.close() }
        return try queue.read { db in
            (
                try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                try Int.fetchOne(db, sql: "SELECT count(*) FROM layers") ?? 0
            )
        }
    }

    @Test("a cache directory that cannot be used is a warning, not a failed scan")
    func unusableCacheDirectory() throws {
        let database = try Self.database.get()
        let file = try PackagePaths.temporaryDirectory("layer-cache").appendingPathComponent("a-file")
        try Data("not a folder".utf8).write(to: file)
        let scan = try LayerCacheRun.scan(
            ["--input", try Self.image("app", format: .dockerArchive).path], cache: file, database: database)
        #expect(scan.result.status == 0, "\(scan.result.stderr)")
        #expect(scan.result.stderr.contains("warning: layer cache"), "\(scan.result.stderr)")
        #expect(scan.analysed.count == 3)
        #expect(scan.report.contains("CVE-2099-0001"))
    }

    @Test("clean --cache removes only the layer cache; --all the DB folder too")
    func clean() throws {
        let database = try Self.database.get()
        let cache = try PackagePaths.temporaryDirectory("layer-cache")
        _ = try LayerCacheRun.scan(
            ["--input", try Self.image("app", format: .dockerArchive).path], cache: cache, database: database)
        let manager = FileManager.default
        try manager.createDirectory(at: cache.appendingPathComponent("db"), withIntermediateDirectories: true)
        try Data("db".utf8).write(to: cache.appendingPathComponent("db/drydock.db"))
        try Data("mine".utf8).write(to: cache.appendingPathComponent("notes.txt"))
        let clean = try CLI.run(["clean", "--cache", "--cache-dir", cache.path])
        #expect(clean.status == 0, "\(clean.stderr)")
        #expect(clean.output.contains("layers.db"))
        #expect(!manager.fileExists(atPath: cache.appendingPathComponent("layers.db").path))
        #expect(manager.fileExists(atPath: cache.appendingPathComponent("db/drydock.db").path))
        let all = try CLI.run(["clean", "--all", "--cache-dir", cache.path])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(!manager.fileExists(atPath: cache.appendingPathComponent("db").path))
        #expect(manager.fileExists(atPath: cache.appendingPathComponent("notes.txt").path))
        #expect(try CLI.run(["clean", "--cache-dir", cache.path]).status == 2)
    }
}
