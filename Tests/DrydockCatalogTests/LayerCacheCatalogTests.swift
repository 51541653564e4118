import DrydockCatalog
import DrydockImage
import DrydockTestSupport
import Foundation
import Synchronization
import Testing

/// A `LayerAnalysisCache` in memory, recording what it was asked.
final class MemoryLayerCache: LayerAnalysisCache {
    struct State {
        var entries: [String: LayerAnalysis] = [:]
        var stored: [String] = []
    }
    let state = Mutex(State())

    func analyses(for diffIDs: [String], analyzerKey: String) -> [String: LayerAnalysis] {
        state.withLock { state in
            var found: [String: LayerAnalysis] = [:]
            for diffID in diffIDs { found[diffID] = state.entries[analyzerKey + "|" + diffID] }
            return found
        }
    }

    func store(_ analyses: [LayerAnalysis], analyzerKey: String) {
        state.withLock { state in
            for analysis in analyses {
                guard let diffID = analysis.diffID else { continue }
                state.entries[analyzerKey + "|" + diffID] = analysis
                state.stored.append(diffID)
            }
        }
    }

    var stored: [String] { state.withLock { $0.stored } }
}

/// A `LayeredImage` around an archive that records which layers were opened, and may say its diffIDs are
/// not verified.
final class RecordingImage: LayeredImage {
    let archive: ImageArchive
    let verifiesDiffIDs: Bool
    private(set) var opened: [Int] = []

    init(_ archive: ImageArchive, verifies: Bool = true) {
        self.archive = archive
        self.verifiesDiffIDs = verifies
    }

    var image: Image { archive.image }

    func forEachLayer(where include: (ImageLayer) -> Bool, _ body: (ImageLayer, TarReader) throws -> Void) throws {
        try archive.forEachLayer(where: include) { layer, reader in
            opened.append(layer.index)
            try body(layer, reader)
        }
    }
}

/// An analyzer that reads release files like `OSReleaseAnalyzer` but reports a chosen version.
struct VersionedReleaseAnalyzer: CatalogAnalyzer {
    var version: Int
    var name: String { "versioned-os-release" }
    var selector: FileSelector { OSReleaseAnalyzer().selector }
    var sizeLimit: Int { OSReleaseAnalyzer().sizeLimit }
    func analyze(path: String, content: [UInt8]) throws(CatalogError) -> FileFinding {
        try OSReleaseAnalyzer().analyze(path: path, content: content)
    }
}

@Suite("Layer cache in the image cataloger")
struct LayerCacheCatalogTests {
    static let base: [String: FileSpec] = [
        "etc/os-release": .file("ID=alpine\nVERSION_ID=3.19.1\n"),
        "lib/apk/db/installed": .file("P:musl\nV:1.2.4-r2\nA:x86_64\no:musl\n\nP:zlib\nV:1.3-r0\nA:x86_64\no:zlib\n\n"),
    ]

    static func archive(extra: String, gzipOuter: Bool = false) throws -> ImageArchive {
        let url = try ImageFixtures.dockerArchive(
            layers: [base, ["srv/\(extra).txt": .file(extra)], ["usr/lib/python3/site-packages/x.txt": .file("x")]],
            compressOuter: gzipOuter)
        return try ImageArchive.open(url.path)
    }

    @Test("a second catalog opens no layer and gives the same result", arguments: [false, true])
    func secondCatalogSkipsEveryLayer(gzipOuter: Bool) throws {
        let cache = MemoryLayerCache()
        let cataloger = ImageCataloger(cache: cache)
        let cold = RecordingImage(try Self.archive(extra: "a", gzipOuter: gzipOuter))
        var coldEvents: [LayerCatalogEvent] = []
        let first = try cataloger.catalog(cold, artifactName: "img") { coldEvents.append($0) }
        #expect(cold.opened.sorted() == [0, 1, 2])
        #expect(cache.stored.count == 3)
        #expect(coldEvents.allSatisfy { $0.debugLine.contains(" analysed in ") && $0.debugLine.hasSuffix(" ms") })

        let warm = RecordingImage(try Self.archive(extra: "a", gzipOuter: gzipOuter))
        var warmEvents: [LayerCatalogEvent] = []
        let second = try cataloger.catalog(warm, artifactName: "img") { warmEvents.append($0) }
        #expect(warm.opened.isEmpty)
        #expect(warmEvents.map(\.outcome) == [.cached, .cached, .cached])
        #expect(second == first)
        #expect(first.inventory.targets.flatMap(\.packages).map(\.name).sorted() == ["musl", "zlib"])
    }

    @Test("an image sharing the base layer reads only its own layers")
    func sharedBase() throws {
        let cache = MemoryLayerCache()
        let cataloger = ImageCataloger(cache: cache)
        _ = try cataloger.catalog(RecordingImage(try Self.archive(extra: "a")), artifactName: "a")
        let other = RecordingImage(try Self.archive(extra: "b"))
        let warm = try cataloger.catalog(other, artifactName: "b")
        #expect(other.opened == [1])
        let cold = try ImageCataloger().catalog(try Self.archive(extra: "b"), artifactName: "b")
        #expect(warm == cold)
    }

    @Test("unverified diffIDs are neither looked up nor stored")
    func unverifiedIsNotCached() throws {
        let cache = MemoryLayerCache()
        let cataloger = ImageCataloger(cache: cache)
        _ = try cataloger.catalog(RecordingImage(try Self.archive(extra: "a")), artifactName: "a")
        let unverified = RecordingImage(try Self.archive(extra: "c"), verifies: false)
        _ = try cataloger.catalog(unverified, artifactName: "c")
        #expect(unverified.opened.sorted() == [0, 1, 2])
        #expect(cache.stored.count == 3)
    }

    @Test("bumping an analyzer's version misses the entries of the old version")
    func analyzerVersionInvalidates() throws {
        let cache = MemoryLayerCache()
        let version1 = ImageCataloger(analyzers: [VersionedReleaseAnalyzer(version: 1)], cache: cache)
        let version2 = ImageCataloger(analyzers: [VersionedReleaseAnalyzer(version: 2)], cache: cache)
        _ = try version1.catalog(RecordingImage(try Self.archive(extra: "a")), artifactName: "a")
        let again = RecordingImage(try Self.archive(extra: "a"))
        _ = try version1.catalog(again, artifactName: "a")
        #expect(again.opened.isEmpty)
        let bumped = RecordingImage(try Self.archive(extra: "a"))
        _ = try version2.catalog(bumped, artifactName: "a")
        #expect(bumped.opened.sorted() == [0, 1, 2])
    }

    @Test("the codec round-trips an analysis and rejects other bytes")
    func codec() throws {
        let cache = MemoryLayerCache()
        _ = try ImageCataloger(cache: cache).catalog(try Self.archive(extra: "a"), artifactName: "a")
        let analyses = cache.state.withLock { Array($0.entries.values) }
        #expect(analyses.count == 3)
        for analysis in analyses {
            let bytes = try LayerAnalysisCodec.encode(analysis)
            #expect(try LayerAnalysisCodec.decode(bytes) == analysis)
            var damaged = bytes
            damaged[damaged.count / 2 + 6] ^= 0xff
            #expect(throws: CatalogError.self) { try LayerAnalysisCodec.decode(damaged) }
            #expect(throws: CatalogError.self) { try LayerAnalysisCodec.decode(Array(bytes.prefix(12))) }
        }
        #expect(throws: CatalogError.self) { try LayerAnalysisCodec.decode(Array("not a cache entry".utf8)) }
    }

    @Test("a 5000-package layer round-trips through the codec (timings printed)")
    func largeLayerCodec() throws {
        let installed = (0..<5000).map { number in
            "P:pkg\(number)\nV:1.\(number % 50).\(number % 7)-r\(number % 3)\nA:x86_64\nT:Package \(number)\n"
                + "U:https://example.org/pkg\(number)\nL:MIT\no:origin\(number / 3)\nD:so:libc.musl-x86_64.so.1\n"
                + "F:usr/lib\nR:libpkg\(number).so.1\n"
        }.joined(separator: "\n")
        let url = try ImageFixtures.dockerArchive(layers: [
            Self.base.merging(["lib/apk/db/installed": .file(installed)]) { $1 }
        ])
        let cache = MemoryLayerCache()
        _ = try ImageCataloger(cache: cache).catalog(try ImageArchive.open(url.path), artifactName: "big")
        let analysis = try #require(cache.state.withLock { $0.entries.values.first })
        let clock = ContinuousClock()
        var bytes: [UInt8] = []
        let encoding = try clock.measure { bytes = try LayerAnalysisCodec.encode(analysis) }
        var decoded: LayerAnalysis?
        let decoding = try clock.measure { decoded = try LayerAnalysisCodec.decode(bytes) }
        #expect(decoded == analysis)
        print("layer cache codec: 5000 packages, \(bytes.count) bytes, encoded in \(encoding), decoded in \(decoding)")
    }
}
