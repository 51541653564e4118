import DrydockImage
import Testing

@testable import DrydockImage

@Suite("Tar headers built by hand")
struct TarHeaderTests {
    @Test(
        "paths are normalised and never climb above the root",
        arguments: [
            ("./etc/passwd", "etc/passwd"), ("/etc/passwd", "etc/passwd"), ("etc/", "etc"), ("./", ""), (".", ""),
            ("a/../../b", "b"), ("../../etc/shadow", "etc/shadow"), ("a/./b//c/", "a/b/c"), ("a/..", ""),
            ("...", "..."), ("a/.hidden", "a/.hidden"), ("usr/lib/..x", "usr/lib/..x"), ("a/b/../c", "a/c"),
            ("etc/passwd", "etc/passwd"), ("//x", "x"),
        ])
    func normalize(raw: String, expected: String) {
        #expect(TarHeader.normalize(raw) == expected)
    }

    @Test("entry names with .. are clamped at the root")
    func dotDotEntries() throws {
        let archive =
            TarBuilder.header(name: "../../etc/cron.d/evil", size: 3) + TarBuilder.padded(Array("bad".utf8))
            + TarBuilder.header(name: "./ok", size: 0) + TarBuilder.end
        let entries = try readAllEntries(MemoryByteSource(archive))
        #expect(entries.map(\.entry.path) == ["etc/cron.d/evil", "ok"])
    }

    @Test("PAX path, linkpath and size override the header; global headers apply to later entries")
    func paxOverrides() throws {
        let content = Array(repeating: UInt8(ascii: "z"), count: 1500)
        let pax =
            TarBuilder.paxRecord("path", "very/long/" + String(repeating: "x", count: 150))
            + TarBuilder.paxRecord("size", "1500") + TarBuilder.paxRecord("mtime", "1.5")
        let linkPax = TarBuilder.paxRecord("linkpath", "/target/" + String(repeating: "y", count: 120))
        let global = TarBuilder.paxRecord("comment", "hello")
        let archive =
            TarBuilder.header(name: "pax_global", type: "g", size: Int64(global.count)) + TarBuilder.padded(global)
            + TarBuilder.header(name: "PaxHeaders/x", type: "x", size: Int64(pax.count)) + TarBuilder.padded(pax)
            + TarBuilder.header(name: "short", size: 7) + TarBuilder.padded(content)
            + TarBuilder.header(name: "PaxHeaders/l", type: "x", size: Int64(linkPax.count))
            + TarBuilder.padded(linkPax) + TarBuilder.header(name: "link", type: "2", linkName: "short-target")
            + TarBuilder.end
        let entries = try readAllEntries(MemoryByteSource(archive, chunkLimit: 333))
        #expect(entries.count == 2)
        #expect(entries.first?.entry.path == "very/long/" + String(repeating: "x", count: 150))
        #expect(entries.first?.content == content)
        #expect(entries.last?.entry.linkTarget == "/target/" + String(repeating: "y", count: 120))
    }

    @Test("base-256 sizes are decoded")
    func base256() throws {
        let content = Array(repeating: UInt8(7), count: 700)
        let archive =
            TarBuilder.header(name: "b256", size: 700, base256Size: true) + TarBuilder.padded(content)
            + TarBuilder.end
        let entries = try readAllEntries(MemoryByteSource(archive))
        #expect(entries.first?.entry.size == 700)
        #expect(entries.first?.content == content)
    }

    @Test("old v7 headers (no magic) are read; a trailing slash means directory")
    func v7() throws {
        let noMagic = [UInt8](repeating: 0, count: 8)
        let archive =
            TarBuilder.header(name: "dir/", type: "\0", magic: noMagic)
            + TarBuilder.header(name: "dir/f", type: "\0", size: 2, magic: noMagic) + TarBuilder.padded([1, 2])
            + TarBuilder.end
        let entries = try readAllEntries(MemoryByteSource(archive))
        #expect(entries.map(\.entry.kind) == [.directory, .file])
        #expect(entries.map(\.entry.path) == ["dir", "dir/f"])
        #expect(entries.last?.content == [1, 2])
    }

    @Test("a single end block followed by end of data ends the archive")
    func loneEndBlock() throws {
        let archive = TarBuilder.header(name: "a", size: 1) + TarBuilder.padded([9]) + [UInt8](repeating: 0, count: 512)
        #expect(try readAllEntries(MemoryByteSource(archive)).count == 1)
    }

    @Test("an oversized PAX header is refused")
    func oversizedPAX() throws {
        let archive = TarBuilder.header(name: "x", type: "x", size: 5 << 20) + TarBuilder.end
        let error = try #require(throws: ImageError.self) { try readAllEntries(MemoryByteSource(archive)) }
        #expect(error.code == .limitExceeded)
    }

    @Test("a malformed PAX record is a malformedArchive error")
    func malformedPAX() throws {
        let bad = Array("99 path=x\n".utf8)
        let archive =
            TarBuilder.header(name: "x", type: "x", size: Int64(bad.count)) + TarBuilder.padded(bad)
            + TarBuilder.header(name: "a") + TarBuilder.end
        let error = try #require(throws: ImageError.self) { try readAllEntries(MemoryByteSource(archive)) }
        #expect(error.code == .malformedArchive)
    }
}
