import DrydockCatalog
import DrydockTestSupport
import Foundation
import GRDB
import Synchronization
import Testing

@testable import DrydockCLI

/// `LayerCache`, the SQLite file behind the layer cache, on its own.
@Suite("Layer cache file")
struct LayerCacheStoreTests {
    /// A cache in a new temporary directory, collecting its warnings.
    static func cache(maxSize: Int64 = LayerCache.defaultMaxSize, version: String = "1.0", directory: URL? = nil)
        throws -> (LayerCache, Warnings, URL)
    {
        let folder = try directory ?? PackagePaths.temporaryDirectory("layer-cache")
        let warnings = Warnings()
        let cache = LayerCache(
            path: folder.appendingPathComponent(LayerCache.fileName).path, maxSize: maxSize, toolVersion: version,
            warn: { message in warnings.lines.withLock { $0.append(message) } })
        return (cache, warnings, folder)
    }

    /// An analysis of `diffID` holding one raw file of `size` pseudo-random (incompressible) bytes.
    static func analysis(_ number: Int, size: Int = 2000) -> LayerAnalysis {
        var generator = SplitMix(seed: UInt64(number))
        let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let diffID = "sha256:" + String(repeating: String(number % 10), count: 64)
        return LayerAnalysis(diffID: diffID, files: [LayerFile(path: "etc/os-release", node: .file(.raw(bytes)))])
    }

    /// The warnings a cache gave.
    final class Warnings: Sendable {
        let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
    }

    struct SplitMix {
        var seed: UInt64
        mutating func next() -> UInt64 {
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("stored analyses are found again, from another connection too")
    func roundTrip() throws {
        let (cache, warnings, folder) = try Self.cache()
        let stored = [Self.analysis(1), Self.analysis(2)]
        cache.store(stored, analyzerKey: "apk:1")
        let (reopened, _, _) = try Self.cache(directory: folder)
        let found = reopened.analyses(
            for: stored.compactMap(\.diffID) + [Self.analysis(3).diffID ?? ""], analyzerKey: "apk:1")
        #expect(found.count == 2)
        #expect(found[stored[0].diffID ?? ""] == stored[0])
        #expect(found[stored[1].diffID ?? ""] == stored[1])
        #expect(warnings.all.isEmpty)
    }

    @Test("another analyzer key or another Drydock version misses")
    func keyIncludesAnalyzersAndVersion() throws {
        let (cache, _, folder) = try Self.cache(version: "1.0")
        let entry = Self.analysis(1)
        let diffIDs = [entry.diffID ?? ""]
        cache.store([entry], analyzerKey: "apk:1,dpkg:1")
        #expect(cache.analyses(for: diffIDs, analyzerKey: "apk:1,dpkg:1").count == 1)
        #expect(cache.analyses(for: diffIDs, analyzerKey: "apk:2,dpkg:1").isEmpty)
        let (newer, _, _) = try Self.cache(version: "1.1", directory: folder)
        #expect(newer.analyses(for: diffIDs, analyzerKey: "apk:1,dpkg:1").isEmpty)
    }

    @Test("over the size bound, the least recently used entries are evicted")
    func leastRecentlyUsedEviction() throws {
        let size = Int64(try LayerAnalysisCodec.encode(Self.analysis(1)).count + 71 + "drydock 1.0;k".utf8.count)
        let (cache, _, _) = try Self.cache(maxSize: size * 3 + size / 2)
        let key = "k"
        for number in 1...3 { cache.store([Self.analysis(number)], analyzerKey: key) }
        // Use 1, so 2 is now the least recently used.
        #expect(cache.analyses(for: [Self.analysis(1).diffID ?? ""], analyzerKey: key).count == 1)
        cache.store([Self.analysis(4)], analyzerKey: key)
        let all = (1...4).map { Self.analysis($0).diffID ?? "" }
        let left = cache.analyses(for: all, analyzerKey: key)
        #expect(Set(left.keys) == Set([1, 3, 4].map { Self.analysis($0).diffID ?? "" }))
    }

    @Test("an entry larger than the whole cache is not stored")
    func oversizedEntry() throws {
        let (cache, _, _) = try Self.cache(maxSize: 1000)
        cache.store([Self.analysis(1, size: 5000)], analyzerKey: "k")
        #expect(cache.analyses(for: [Self.analysis(1).diffID ?? ""], analyzerKey: "k").isEmpty)
    }

    @Test("a file that is not SQLite is discarded with a warning and the cache works again")
    func corruptFile() throws {
        let folder = try PackagePaths.temporaryDirectory("layer-cache")
        let path = folder.appendingPathComponent(LayerCache.fileName)
        try Data(repeating: 0x5a, count: 8192).write(to: path)
        let (cache, warnings, _) = try Self.cache(directory: folder)
        #expect(warnings.all.contains { $0.contains("corrupt") && $0.contains("discarding") })
        cache.store([Self.analysis(1)], analyzerKey: "k")
        #expect(cache.analyses(for: [Self.analysis(1).diffID ?? ""], analyzerKey: "k").count == 1)
    }

    @Test("an entry that does not decode is a miss and is dropped")
    func undecodableEntry() throws {
        let (cache, _, folder) = try Self.cache()
        let entry = Self.analysis(1)
        cache.store([entry], analyzerKey: "k")
        let queue = try DatabaseQueue(path: folder.appendingPathComponent(LayerCache.fileName).path)
        try queue.write { db in try db.execute(sql: "UPDATE layers SET analysis = X'00010203'") }
        #expect(cache.analyses(for: [entry.diffID ?? ""], analyzerKey: "k").isEmpty)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM layers") } == 0)
    }

    @Test("a flipped bit anywhere in a stored entry is detected (zlib's Adler-32, the length), never used")
    func flippedBitsAreDetected() throws {
        let entry = Self.analysis(7, size: 300)
        let encoded = try LayerAnalysisCodec.encode(entry)
        var detected = 0
        for position in encoded.indices {
            var damaged = encoded
            damaged[position] ^= 0x01
            guard let decoded = try? LayerAnalysisCodec.decode(damaged) else {
                detected += 1
                continue
            }
            // zlib's header has a bit or two that change nothing; what decodes must be the same analysis.
            #expect(decoded == entry, "a flip at byte \(position) of \(encoded.count) decoded to other data")
        }
        #expect(detected >= encoded.count - 4, "\(detected) of \(encoded.count) flips detected")
        // Through the cache: the damaged entry is a miss, dropped, and stored afresh by the next scan.
        let (cache, _, folder) = try Self.cache()
        cache.store([entry], analyzerKey: "k")
        let queue = try DatabaseQueue(path: folder.appendingPathComponent(LayerCache.fileName).path)
        var damaged = encoded
        damaged[encoded.count / 2] ^= 0x01
        try queue.write { db in try db.execute(sql: "UPDATE layers SET analysis = ?", arguments: [Data(damaged)]) }
        #expect(cache.analyses(for: [entry.diffID ?? ""], analyzerKey: "k").isEmpty)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM layers") } == 0)
        cache.store([entry], analyzerKey: "k")
        #expect(cache.analyses(for: [entry.diffID ?? ""], analyzerKey: "k")[entry.diffID ?? ""] == entry)
    }

    @Test(
        "sizes parse with binary and decimal units",
        arguments: [
            ("1048576", Int64(1 << 20)), ("512MiB", Int64(512 << 20)), ("512M", Int64(512 << 20)),
            ("2GB", Int64(2_000_000_000)), ("1 GiB", Int64(1 << 30)), ("10kb", Int64(10_000)),
        ])
    func sizes(text: String, bytes: Int64) {
        #expect(LayerCache.parseSize(text) == bytes)
    }

    @Test("sizes that are not sizes are refused", arguments: ["", "MiB", "12XB", "-5", "99999999999999999999"])
    func badSizes(text: String) {
        #expect(LayerCache.parseSize(text) == nil)
    }
}
