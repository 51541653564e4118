import DrydockImage
import DrydockTestSupport
import Foundation
import Testing

@Suite("TarReader on archives written by GNU tar")
struct TarReaderSystemTarTests {
    static let longName = "deep/" + String(repeating: "d", count: 60) + "/" + String(repeating: "n", count: 80) + ".txt"
    static let longTarget = "/usr/lib/" + String(repeating: "t", count: 120) + "/target"
    static let big = (0..<(700 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }

    /// A tree every format can hold, plus long names and targets for the formats that can.
    static func tree(for format: ImageFixtures.TarFormat) -> [String: FileSpec] {
        var files: [String: FileSpec] = [
            "etc/os-release": .file("ID=alpine\nVERSION_ID=3.10.4\n"),
            "etc/empty": .file(""),
            "var/lib/big.bin": .bytes(big),
            "usr/share/doc": .directory,
            "bin/sh": .symlink("/bin/busybox"),
            "bin/busybox": .file("#!busybox\n"),
            "bin/hard": .hardlink("bin/busybox"),
        ]
        if format == .gnu || format == .pax {
            files[longName] = .file("long name content\n")
            files["lib/longlink"] = .symlink(longTarget)
        }
        if format == .ustar {
            // Fits only through the ustar prefix field (path > 100 characters, split at a slash).
            files[String(repeating: "p", count: 90) + "/" + String(repeating: "q", count: 60)] = .file("prefix\n")
        }
        return files
    }

    @Test("reads every entry and its content", arguments: ImageFixtures.TarFormat.allCases)
    func readsEveryEntry(format: ImageFixtures.TarFormat) throws {
        let files = Self.tree(for: format)
        let url = try ImageFixtures.layerTar(files, format: format)
        let entries = try readAllEntries(try FileByteSource(path: url.path), location: url.path)
        let byPath = Dictionary(entries.map { ($0.entry.path, $0) }, uniquingKeysWith: { a, _ in a })
        for (path, spec) in files {
            let found = try #require(byPath[path], "missing \(path) in \(format)")
            switch spec {
            case .file(let text):
                #expect(found.entry.kind == .file)
                #expect(found.content == Array(text.utf8))
                #expect(found.entry.size == Int64(text.utf8.count))
            case .bytes(let bytes):
                #expect(found.entry.kind == .file)
                #expect(found.content == bytes)
            case .directory:
                #expect(found.entry.kind == .directory)
            case .symlink(let target):
                #expect(found.entry.kind == .symlink)
                #expect(found.entry.linkTarget == target)
            case .hardlink(let target):
                #expect(found.entry.kind == .hardlink)
                #expect(found.entry.linkTarget == target)
                #expect(found.entry.size == 0)
            default:
                Issue.record("unexpected spec")
            }
        }
        // Parent directories tar added on its own are there too, without trailing slashes.
        #expect(byPath["etc"]?.entry.kind == .directory)
        #expect(!entries.contains { $0.entry.path.hasSuffix("/") || $0.entry.path.hasPrefix("/") })
    }

    @Test("skips unread content, on a seekable file and on a pipe-like source")
    func skipsUnreadContent() throws {
        let url = try ImageFixtures.layerTar(Self.tree(for: .gnu))
        let bytes = try ImageFixtures.bytes(url)
        for source: any ByteSource in [try FileByteSource(path: url.path), MemoryByteSource(bytes, chunkLimit: 1000)] {
            let reader = TarReader(source: source, location: "t.tar")
            var paths: [String] = []
            var partial: [UInt8] = []
            while let entry = try reader.next() {
                paths.append(entry.path)
                if entry.path == "var/lib/big.bin" {
                    var chunk = [UInt8](repeating: 0, count: 10)
                    let got = try chunk.withUnsafeMutableBytes { try reader.readContent(into: $0) }
                    partial = Array(chunk[0..<got])
                }
            }
            #expect(partial == Array(Self.big.prefix(10)))
            #expect(paths.contains("etc/os-release") && paths.contains("var/lib/big.bin"))
            #expect(paths.firstIndex(of: "var/lib/big.bin") ?? 0 < paths.count - 1 || paths.last == "var/lib/big.bin")
            // Everything after the end blocks is GNU tar's record padding: zeros.
            #expect(reader.archiveOffset % 512 == 0)
            #expect(bytes[Int(reader.archiveOffset)...].allSatisfy { $0 == 0 })
        }
    }

    @Test("an entry's content streams as a ByteSource into a nested TarReader")
    func nestedTarThroughContentSource() throws {
        let inner = try ImageFixtures.layerTar(["etc/passwd": .file("root:x:0:0\n")])
        let outerDir = try ImageFixtures.temporaryDirectory()
        let stage = outerDir.appendingPathComponent("stage")
        try FileManager.default.createDirectory(at: stage, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: inner, to: stage.appendingPathComponent("layer.tar"))
        try Data("x".utf8).write(to: stage.appendingPathComponent("zz-after"))
        let outer = outerDir.appendingPathComponent("outer.tar")
        try ImageFixtures.tar(directory: stage, output: outer)
        let reader = TarReader(source: try FileByteSource(path: outer.path), location: outer.path)
        var innerEntries: [ReadEntry] = []
        var after = false
        while let entry = try reader.next() {
            if entry.path == "layer.tar" {
                innerEntries = try readAllEntries(reader.contentSource(), location: "layer.tar")
            }
            if entry.path == "zz-after" { after = try reader.readContent(limit: 10) == Array("x".utf8) }
        }
        #expect(innerEntries.map(\.entry.path) == ["etc", "etc/passwd"])
        #expect(innerEntries.last?.content == Array("root:x:0:0\n".utf8))
        #expect(after)
    }

    @Test("readContent(limit:) refuses content over the limit")
    func contentLimit() throws {
        let url = try ImageFixtures.layerTar(["a": .file("0123456789")])
        let reader = TarReader(source: try FileByteSource(path: url.path), location: "t.tar")
        _ = try reader.next()
        #expect(throws: ImageError.self) { try reader.readContent(limit: 5) }
        let error = try #require(throws: ImageError.self) { try reader.readContent(limit: 5) }
        #expect(error.code == .limitExceeded)
    }

    @Test("entry count limit")
    func entryLimit() throws {
        let url = try ImageFixtures.layerTar(["a": .file("1"), "b": .file("2"), "c": .file("3")])
        let reader = TarReader(
            source: try FileByteSource(path: url.path), location: "t.tar", limits: TarReader.Limits(maxEntries: 2))
        _ = try reader.next()
        _ = try reader.next()
        let error = try #require(throws: ImageError.self) { try reader.next() }
        #expect(error.code == .limitExceeded)
    }
}

@Suite("TarReader on damaged archives")
struct TarReaderDamageTests {
    static func sample() throws -> URL {
        try ImageFixtures.layerTar([
            "etc/os-release": .file(String(repeating: "ID=alpine\n", count: 200)),
            "etc/hosts": .file("127.0.0.1 localhost\n"),
        ])
    }

    @Test("a bad checksum is a malformedArchive error")
    func badChecksum() throws {
        let url = try ImageFixtures.corruptedCopy(of: try Self.sample(), at: [3])
        let error = try #require(throws: ImageError.self) { try readAllEntries(try FileByteSource(path: url.path)) }
        #expect(error.code == .malformedArchive)
        #expect(error.reason.contains("checksum"))
    }

    @Test("a cut in the middle of a header is truncated")
    func cutMidHeader() throws {
        let url = try ImageFixtures.truncatedCopy(of: try Self.sample(), length: 512 + 200)
        let error = try #require(throws: ImageError.self) { try readAllEntries(try FileByteSource(path: url.path)) }
        #expect(error.code == .truncated)
        #expect(error.reason.contains("header"))
    }

    @Test("a cut in the middle of content is truncated and names the entry")
    func cutMidContent() throws {
        let original = try Self.sample()
        let entries = try readAllEntries(try FileByteSource(path: original.path))
        #expect(entries.map(\.entry.path) == ["etc", "etc/hosts", "etc/os-release"])
        // etc (512) + hosts header and content (1024) + os-release header (512) + 1000 content bytes.
        let url = try ImageFixtures.truncatedCopy(of: original, length: 512 + 1024 + 512 + 1000)
        let error = try #require(throws: ImageError.self) {
            try readAllEntries(try FileByteSource(path: url.path), location: url.path)
        }
        #expect(error.code == .truncated)
        #expect(error.reason.contains("etc/os-release"))
        #expect(error.location == url.path)
        // Skipping instead of reading reports the same.
        let reader = TarReader(source: try FileByteSource(path: url.path), location: url.path)
        let skipError = try #require(throws: ImageError.self) { while try reader.next() != nil {} }
        #expect(skipError.code == .truncated)
        #expect(skipError.reason.contains("etc/os-release"))
    }

    @Test("every cut either reads cleanly up to a block boundary or throws a typed error")
    func everyCut() throws {
        let bytes = try ImageFixtures.bytes(try Self.sample())
        let fullReader = TarReader(source: MemoryByteSource(bytes), location: "t.tar")
        while try fullReader.next() != nil {}
        let endBlock = Int(fullReader.archiveOffset) - 1024
        let full = try readAllEntries(MemoryByteSource(bytes))
        for length in stride(from: 0, to: bytes.count, by: 61) {
            do {
                let entries = try readAllEntries(MemoryByteSource(Array(bytes.prefix(length))))
                // Only a cut at a header boundary can read cleanly, and then yields a prefix of the entries.
                #expect(length % 512 == 0 || length >= endBlock + 512, "cut at \(length) read cleanly")
                #expect(Array(full.prefix(entries.count)) == entries)
            } catch {
                #expect(error.code == .truncated, "cut at \(length): \(error)")
            }
        }
    }

    @Test("bytes that are not a tar are a malformedArchive error")
    func notATar() throws {
        let noise = (0..<2048).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
        let error = try #require(throws: ImageError.self) { try readAllEntries(MemoryByteSource(noise)) }
        #expect(error.code == .malformedArchive)
    }
}

@Suite("TarReader and gzip on randomly damaged input")
struct DamageFuzzTests {
    /// A small deterministic generator, so failures reproduce.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
    }

    @Test("flipped bytes never crash or hang the tar reader", arguments: [1, 2, 3, 4])
    func tarFlips(seed: UInt64) throws {
        let url = try ImageFixtures.layerTar([
            "a/" + String(repeating: "l", count: 120): .file("x"), "b": .symlink(String(repeating: "t", count: 130)),
            "c": .file(String(repeating: "c", count: 3000)),
        ])
        let original = try ImageFixtures.bytes(url)
        var generator = Generator(state: seed)
        for _ in 0..<150 {
            var bytes = original
            for _ in 0..<3 {
                let offset = Int.random(in: 0..<min(bytes.count, 6 * 512), using: &generator)
                bytes[offset] = UInt8.random(in: 0...255, using: &generator)
            }
            do {
                _ = try readAllEntries(MemoryByteSource(bytes, chunkLimit: 700))
            } catch {
                #expect(
                    [.malformedArchive, .truncated, .limitExceeded].contains(error.code), "unexpected \(error)")
            }
        }
    }

    @Test("flipped bytes in gzip data give corruptCompression or truncated, never a crash", arguments: [7, 8])
    func gzipFlips(seed: UInt64) throws {
        let dir = try ImageFixtures.temporaryDirectory()
        let plain = dir.appendingPathComponent("d")
        try Data((0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7 ^ $0 >> 5) }).write(to: plain)
        let original = try ImageFixtures.bytes(try ImageFixtures.gzip(plain))
        var generator = Generator(state: seed)
        for _ in 0..<60 {
            var bytes = original
            let offset = Int.random(in: 10..<bytes.count, using: &generator)
            bytes[offset] ^= UInt8.random(in: 1...255, using: &generator)
            do {
                let (source, _) = try Compression.decompressing(MemoryByteSource(bytes), location: "fuzz.gz")
                _ = try source.readAll(limit: 1 << 20, location: "fuzz.gz")
            } catch {
                #expect([.corruptCompression, .truncated].contains(error.code), "unexpected \(error)")
            }
        }
    }
}
