import DrydockCatalog
import DrydockFuzzTargets
import DrydockImage
import DrydockTestSupport
import DrydockVersions
import Foundation
import Testing

/// Inputs written to hurt — deep nesting, alias and entity bombs, huge numbers, invalid UTF-8, cut files, 10 GB
/// headers, zip slip, archives in archives — through every parser: each ends in bounded time with a result or a
/// clear error (docs/security.md, "Hostile inputs").
@Suite("Hostile inputs")
struct HostileInputTests {
    /// Nesting far past every parser's depth limit (JSON 512, YAML 1000, XML and HCL 200, TOML 64): a parser that recursed
    /// without a bound would overflow its stack here.
    static let depth = 50_000

    /// The inputs every target is given.
    static let inputs: [(name: String, bytes: [UInt8])] = [
        ("deep JSON arrays", bytes(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))),
        (
            "deep JSON objects",
            bytes(String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth))
        ),
        ("unclosed JSON", bytes(String(repeating: "[{\"a\":", count: depth))),
        ("deep YAML flow", bytes("a: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))),
        (
            "deep XML",
            bytes(
                "<?xml version=\"1.0\"?>" + String(repeating: "<a>", count: depth)
                    + String(repeating: "</a>", count: depth))
        ),
        ("deep HCL", bytes("a = " + String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth))),
        // TOML (lockfiles and manifests): libFuzzer found the array case in the lang-julia target.
        (
            "deep TOML arrays",
            bytes("a = " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        ),
        ("deep TOML inline tables", bytes("a = " + String(repeating: "{b = ", count: depth) + "1")),
        (
            "long TOML dotted key",
            bytes("[" + Array(repeating: "k", count: depth).joined(separator: ".") + "]\nv = 1\n")
        ),
        ("billion laughs YAML", bytes(billionLaughsYAML)),
        ("billion laughs XML", bytes(billionLaughsXML)),
        (
            "external XML entity",
            bytes(
                #"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]><project><version>&x;</version></project>"#
            )
        ),
        ("huge numbers", bytes(hugeNumbers)),
        (
            "invalid UTF-8",
            [0xff, 0xfe, 0x0a] + bytes("Package: ") + [0xc0, 0xaf, 0x0a] + bytes("Version: 1.") + [0xed, 0xa0, 0x80]
                + bytes("\n{\"name\": \"") + [0xc3, 0x28] + bytes("\"}\n")
        ),
        ("NUL bytes", [UInt8](repeating: 0, count: 4096)),
        ("empty", []),
    ]

    /// Sixteen levels of nine aliases: 9^16 values once expanded.
    static let billionLaughsYAML: String = {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in "bcdefghijklmnopq" {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = String(name)
        }
        return text
    }()

    /// Nine levels of ten entity references: 10^9 copies of "lol" once expanded.
    static let billionLaughsXML: String = {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol0 \"lol\">\n"
        for level in 1...9 {
            text += "<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">\n"
        }
        return text + "]>\n<project><groupId>&lol9;</groupId><artifactId>a</artifactId><version>&lol9;</version>"
            + "<packages><package id=\"x\" version=\"&lol9;\"/></packages></project>\n"
    }()

    static let hugeNumbers =
        "1." + String(repeating: "9", count: 5000) + " 1." + String(repeating: "9", count: 4999) + "8\n"
        + "99999999999999999999999999999999:1.0-1 1.0\n"
        + #"{"version": 1e999999, "n": -99999999999999999999999999999, "size": 123456789012345678901234567890}"#

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// Far above any input's parse time in a debug build; past it the input is treated as a hang.
    static let hangBound = Duration.seconds(30)

    static func replay(_ target: FuzzTarget, _ bytes: [UInt8], _ name: String) -> FuzzOutcome {
        let start = ContinuousClock.now
        let outcome = target.run(bytes)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < hangBound, "\(target.name) took \(elapsed) on \(name)")
        if case .rejected(let message) = outcome { #expect(!message.isEmpty) }
        return outcome
    }

    @Test(
        "every target withstands nesting, bombs, huge numbers and bad encodings", arguments: FuzzTargets.all.map(\.name)
    )
    func everyTarget(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        for input in Self.inputs {
            _ = Self.replay(target, input.bytes, input.name)
        }
    }

    @Test("every committed seed, cut short at eight places, is read or refused", arguments: FuzzTargets.all.map(\.name))
    func truncated(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = FuzzTargets.seeds(of: target, shared: nil, committedSeeds: FuzzReplayTests.committedSeeds)
        for seed in seeds.prefix(20) where seed.bytes.count > 1 {
            for eighth in 1..<8 {
                let cut = seed.bytes.count * eighth / 8
                _ = Self.replay(target, Array(seed.bytes.prefix(cut)), "\(seed.name) cut at \(cut)")
            }
        }
    }

    @Test("a YAML alias bomb in a cluster inventory is refused, naming the limit")
    func aliasBomb() throws {
        let target = try #require(FuzzTargets.named("cluster-inventory"))
        let outcome = Self.replay(target, Self.bytes(Self.billionLaughsYAML), "billion laughs")
        guard case .rejected(let message) = outcome else {
            Issue.record("an alias bomb was read: \(outcome)")
            return
        }
        #expect(message.contains("aliases expand to more than"))
    }

    @Test("versions with thousands of digits compare in every scheme", arguments: VersionScheme.allCases)
    func hugeVersionNumbers(_ scheme: VersionScheme) {
        let nines = String(repeating: "9", count: 5000)
        let versions = [
            "1.\(nines)", "1.\(nines.dropLast())8", "\(nines):1.0-1", "v\(nines).0.0", "1.0-\(nines)",
            "0.0.0-rc.\(nines)",
        ]
        for lhs in versions {
            for rhs in versions {
                _ = try? scheme.compare(lhs, rhs)
                _ = try? scheme.satisfies(lhs, constraint: ">= \(rhs)")
            }
        }
    }

    @Test("tar headers claiming 10 GB (regular, sparse, PAX) end at once with the data that is there")
    func tenGigabyteHeaders() throws {
        let tenGB = "120000000000"  // 10 GiB in octal: all twelve bytes of the size field
        let cases: [[UInt8]] = [
            HostileArchives.tar(
                [.init("big", content: Array(repeating: 0x61, count: 100), sizeField: tenGB)], end: false),
            HostileArchives.tar([.init("sparse", type: "S", content: Array(repeating: 0, count: 512), sizeField: tenGB)]
            ),
            HostileArchives.tar([
                .init(
                    "././@PaxHeader", type: "x", content: Self.bytes("30 size=10737418240\n29 GNU.sparse.realsize=1\n")),
                .init("pax-big", content: Array(repeating: 0x62, count: 512)),
            ]),
        ]
        for tar in cases {
            let start = ContinuousClock.now
            let reader = TarReader(source: MemoryByteSource(tar), location: "hostile.tar")
            var failure: ImageError?
            do {
                while let entry = try reader.next() {
                    if entry.kind == .file { _ = try reader.readContent(limit: 1 << 20) }
                }
            } catch {
                failure = error
            }
            #expect(ContinuousClock.now - start < .seconds(5))
            if let failure {
                #expect([.truncated, .limitExceeded, .malformedArchive].contains(failure.code), "\(failure)")
            }
        }
    }

    @Test("tar entries named with invalid UTF-8 are read with the bytes replaced, not a crash")
    func invalidUTF8Names() throws {
        var tar = HostileArchives.tar([HostileArchives.Entry("x", content: Self.bytes("hello"))])
        tar[0] = 0xff
        tar[1] = 0xc0
        let reader = TarReader(source: MemoryByteSource(Self.fixChecksum(tar)), location: "utf8.tar")
        let read = try #require(try reader.next())
        #expect(read.path.contains("\u{FFFD}"))
        #expect(try reader.readContent(limit: 100) == Self.bytes("hello"))
    }

    /// `tar` with its first header's checksum recomputed after its name was changed.
    static func fixChecksum(_ tar: [UInt8]) -> [UInt8] {
        var bytes = tar
        for index in 148..<156 { bytes[index] = 0x20 }
        let sum = bytes[0..<512].reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        let padded = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits
        bytes.replaceSubrange(148..<154, with: padded)
        bytes[154] = 0
        bytes[155] = 0x20
        return bytes
    }

    static let jars = FuzzReplayTests.committedSeeds + "/jar"

    @Test("a jar whose entries climb out of it (zip slip) is read without writing outside the spill folder")
    func zipSlip() throws {
        let spill = try PackagePaths.temporaryDirectory("zip-slip")
        defer { try? FileManager.default.removeItem(at: spill) }
        let bytes = Array(try #require(FileManager.default.contents(atPath: Self.jars + "/zip-slip.jar")))
        // Spill every nested archive to disk, the path a hostile name could abuse.
        let limits = JavaArchiveParser.Limits(spill: SpillPolicy(inMemoryLimit: 0, directory: spill.path))
        let parsed = try JavaArchiveParser.parse(bytes, path: "app/lib/app.jar", limits: limits)
        #expect(parsed.packages.contains { $0.name.hasSuffix("evil") })
        for escaped in ["/tmp/drydock-zip-slip.jar", "/etc/drydock-zip-slip.jar", "/escape/drydock-zip-slip-2.jar"] {
            #expect(!FileManager.default.fileExists(atPath: escaped), "\(escaped) was written")
        }
        let parent = spill.deletingLastPathComponent()
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("escape").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: spill.path).isEmpty, "spill files left behind")
    }

    @Test("jars nested ten deep stop at the depth limit with a warning; two hundred copies end in bounded time")
    func nestedJars() throws {
        let deep = Array(try #require(FileManager.default.contents(atPath: Self.jars + "/recursive-10.jar")))
        let parsed = try JavaArchiveParser.parse(deep, path: "app.jar")
        #expect(parsed.warnings.contains { $0.message.contains("nested deeper than") })
        #expect(parsed.packages.contains { $0.name.hasSuffix("level1") })
        #expect(!parsed.packages.contains { $0.name.hasSuffix("level10") })

        let wide = Array(try #require(FileManager.default.contents(atPath: Self.jars + "/wide-200.jar")))
        let start = ContinuousClock.now
        _ = try JavaArchiveParser.parse(wide, path: "wide.jar")
        #expect(ContinuousClock.now - start < .seconds(30))
    }
}
