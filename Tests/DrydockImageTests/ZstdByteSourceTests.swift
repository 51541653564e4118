import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockImage

/// Whether the `zstd` program the tests compress with is there; outside CI its absence skips the tests.
func zstdProgramReady() -> Bool {
    if HostileArchives.zstdAvailable || ProcessInfo.processInfo.environment["CI"] != nil { return true }
    print("skipping zstd tests: the zstd program is missing (scripts/install-test-deps installs it)")
    return false
}

/// zstd streams are written by the system `zstd` program (an oracle independent of Drydock's decoder).
@Suite("zstd decompression through a dlopen'd libzstd.so.1", .enabled(if: zstdProgramReady()))
struct ZstdByteSourceTests {
    static func decompress(_ bytes: [UInt8], chunk: Int = .max) throws(ImageError) -> [UInt8] {
        let (source, compression) = try Compression.decompressing(
            MemoryByteSource(bytes, chunkLimit: chunk), location: "blob")
        #expect(compression == .zstd)
        return try source.readAll(limit: 1 << 30, location: "blob")
    }

    @Test("decompresses what zstd wrote, whatever the read sizes", arguments: [Int.max, 1, 4093])
    func roundTrip(chunk: Int) throws {
        let data = GzipByteSourceTests.payload(11, count: 700_000)
        #expect(try Self.decompress(try HostileArchives.zstd(data), chunk: chunk) == data)
    }

    @Test("concatenated frames decompress to the concatenation, as zstd -d does")
    func frames() throws {
        let a = GzipByteSourceTests.payload(12, count: 300_000)
        let b = GzipByteSourceTests.payload(13, count: 5000)
        let joined = try HostileArchives.zstd(a, arguments: ["-19"]) + HostileArchives.zstd(b)
        #expect(try Self.decompress(joined) == a + b)
        let file = try ImageFixtures.temporaryDirectory().appendingPathComponent("joined.zst")
        try Data(joined).write(to: file)
        #expect([UInt8](try ImageFixtures.run("zstd", ["-dc", file.path])) == a + b)
    }

    @Test(
        "skippable frames (zstd:chunked's table of contents) are passed over wherever they are",
        arguments: ["start", "middle", "end", "only-skippable-at-end"])
    func skippable(position: String) throws {
        let a = GzipByteSourceTests.payload(14, count: 200_000)
        let b = GzipByteSourceTests.payload(15, count: 70_000)
        let toc = HostileArchives.skippableFrame(Array("{\"version\":1,\"entries\":[]}".utf8), variant: 1)
        let footer = HostileArchives.skippableFrame([UInt8](repeating: 7, count: 64), variant: 0x0e)
        let za = try HostileArchives.zstd(a)
        let zb = try HostileArchives.zstd(b)
        let stream: [UInt8]
        let expected: [UInt8]
        switch position {
        case "start": (stream, expected) = (toc + za + zb, a + b)
        case "middle": (stream, expected) = (za + toc + zb, a + b)
        case "end": (stream, expected) = (za + zb + toc + footer, a + b)
        default: (stream, expected) = (za + toc, a)
        }
        #expect(try Self.decompress(stream) == expected)
        #expect(try Self.decompress(stream, chunk: 3) == expected)
    }

    @Test("corrupt data is corruptCompression with an offset")
    func corrupt() throws {
        var bytes = try HostileArchives.zstd(GzipByteSourceTests.payload(16, count: 200_000))
        for i in (bytes.count / 2)..<(bytes.count / 2 + 64) { bytes[i] ^= 0x5a }
        let error = try #require(throws: ImageError.self) { try Self.decompress(bytes) }
        #expect(error.code == .corruptCompression)
        #expect(error.reason.contains("corrupt zstd data near compressed offset"))
    }

    @Test("a cut stream is truncated, wherever it is cut", arguments: [0.1, 0.5, 0.99])
    func truncated(fraction: Double) throws {
        let bytes = try HostileArchives.zstd(GzipByteSourceTests.payload(17, count: 300_000))
        let cut = Int(Double(bytes.count) * fraction)
        let error = try #require(throws: ImageError.self) { try Self.decompress(Array(bytes[0..<cut])) }
        #expect(error.code == .truncated)
        #expect(error.reason.contains("zstd stream ends early after \(cut) bytes"))
    }

    @Test("a cut skippable frame is truncated too")
    func truncatedSkippable() throws {
        let stream =
            try HostileArchives.zstd([1, 2, 3]) + HostileArchives.skippableFrame([UInt8](repeating: 1, count: 100))
        let error = try #require(throws: ImageError.self) { try Self.decompress(Array(stream.dropLast(10))) }
        #expect(error.code == .truncated)
    }

    @Test("skip decompresses and drops bytes")
    func skip() throws {
        let data = GzipByteSourceTests.payload(18, count: 600_000)
        let zstd = try ZstdByteSource(base: MemoryByteSource(try HostileArchives.zstd(data)), location: "x")
        #expect(try zstd.skip(500_000) == 500_000)
        #expect(try zstd.readAll(limit: 1 << 20, location: "x") == Array(data[500_000...]))
        #expect(zstd.decompressedOffset == 600_000)
    }

    @Test("a missing library is unsupported, naming the library and the fix")
    func missingLibrary() throws {
        let error = try #require(throws: ImageError.self) { try ZstdLibrary.load("libzstd-missing.so.9") }
        #expect(error.code == .unsupported)
        #expect(error.reason.contains("zstd layers need libzstd-missing.so.9, which cannot be loaded"))
        #expect(error.reason.contains("apt-get install libzstd1"))
        #expect(ZstdLibrary.defaultName == "libzstd.so.1")
    }

    @Test("a zstd layer in a docker-archive is read like a gzip one, and its diffID checked")
    func dockerArchiveLayer() throws {
        let layer = try ImageFixtures.layerTar(["etc/os-release": .file("ID=alpine\n"), "bin/sh": .file("#!")])
        let url = try HostileArchives.dockerArchive(layerFiles: [layer], compression: .zstd)
        let archive = try ImageArchive.open(url.path)
        var paths: [String] = []
        try archive.forEachLayer { _, reader in
            while let entry = try reader.next() { paths.append(entry.path) }
        }
        #expect(paths.contains("etc/os-release") && paths.contains("bin/sh"))
    }

    @Test(
        "a zstd layer missing GNU tar's record padding (old zstd:chunked writers) passes its diffID; gzip does not",
        arguments: [HostileArchives.LayerCompression.zstd, .gzip])
    func droppedPadding(compression: HostileArchives.LayerCompression) throws {
        let padded = try ImageFixtures.layerTar(["etc/os-release": .file("ID=alpine\n")])
        let bytes = try ImageFixtures.bytes(padded)
        #expect(bytes.count == 10240)
        // What those writers kept: the entries and the two zero blocks ending the archive.
        let lastData = try #require(bytes.lastIndex { $0 != 0 })
        let cut = try ImageFixtures.temporaryDirectory().appendingPathComponent("cut.tar")
        try Data(bytes[0..<((lastData / 512 + 1) * 512 + 1024)]).write(to: cut)
        let blob = compression == .zstd ? try HostileArchives.zstd(cut) : try ImageFixtures.gzip(cut)
        let url = try HostileArchives.dockerArchive(blobs: [(blob, try ImageFixtures.sha256(padded))])
        let read = { () throws in try ImageArchive.open(url.path).forEachLayer { _, reader in _ = try reader.next() } }
        if compression == .zstd {
            try read()
        } else {
            let error = try #require(throws: ImageError.self) { try read() }
            #expect(error.reason.contains("layer content does not match its diffID"))
        }
    }
}
