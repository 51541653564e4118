import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Go binaries from Trivy's test data (`../shared/fixtures/trivy/.../golang/binary/testdata`), checked
/// against `go version -m` (Debian's `golang-go`) and hand-checked expectations.
@Suite struct GoBinaryTests {
    static let folder = "fixtures/trivy/pkg/dependency/parser/golang/binary/testdata"
    /// Binaries with build information: ELF, Mach-O and PE; pointer-based (Go 1.15) and inline (1.20+).
    static let binaries = [
        "test.elf", "test.exe", "test.macho", "main-version-via-ldflags.elf", "goexperiment",
        "semver-main-module-version.macho",
    ]

    static func bytes(_ name: String) throws -> [UInt8] { try Shared.bytes(try Shared.file("\(folder)/\(name)")) }

    @Test(.enabled(if: Shared.available(folder) && CatalogFixtures.commandAvailable("go")), arguments: binaries)
    func buildInfoMatchesGoVersionM(name: String) throws {
        let info = try #require(try GoBinaryParser.buildInfo(try Self.bytes(name), path: name))
        // `go version -m` refuses files without an executable bit: run it on a copy.
        let scratch = try CatalogFixtures.scratchDirectory(prefix: "drydock-gobin")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent(name)
        try FileManager.default.copyItem(at: try Shared.file("\(Self.folder)/\(name)"), to: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: copy.path)
        let output = String(decoding: try CatalogFixtures.run("go", ["version", "-m", copy.path]), as: UTF8.self)
        var lines = output.split(separator: "\n").map(String.init)
        let first = lines.removeFirst()
        #expect(first == "\(copy.path): \(info.goVersion)")
        var expected: [String] = []
        if let path = info.path { expected.append("path\t\(path)") }
        if let main = info.main { expected.append("mod\t\(main.path)\t\(main.version)\t\(main.sum ?? "")") }
        for dependency in info.dependencies {
            expected.append("dep\t\(dependency.path)\t\(dependency.version)\t\(dependency.sum ?? "")")
            if let replacement = dependency.replacement {
                expected.append("=>\t\(replacement.path)\t\(replacement.version)\t")
            }
        }
        let oracle = lines.map { $0.hasPrefix("\t") ? String($0.dropFirst()) : $0 }
        // `go version -m` prints settings quoted when they hold spaces; compare keys and unquoted values.
        let oracleModules = oracle.filter { !$0.hasPrefix("build\t") }
        let oracleSettings = oracle.filter { $0.hasPrefix("build\t") }.map { line -> String in
            let setting = line.dropFirst("build\t".count)
            guard let equals = setting.firstIndex(of: "=") else { return String(setting) }
            var value = String(setting[setting.index(after: equals)...])
            if value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return "\(setting[..<equals])=\(value)"
        }
        #expect(
            oracleModules.map { $0.hasSuffix("\t") ? String($0.dropLast()) : $0 }
                == expected.map { $0.hasSuffix("\t") ? String($0.dropLast()) : $0 })
        #expect(oracleSettings == info.settings.map { "\($0.key)=\($0.value)" })
        #expect(!oracle.isEmpty)
    }

    /// Hand-checked against Trivy's expected results for the same files: dependencies, `stdlib` and the main
    /// module as the root (its version from `-ldflags -X main.version` for `(devel)` builds, else none).
    @Test(
        .enabled(if: Shared.available(folder)),
        arguments: [
            (
                "test.elf",
                [
                    "github.com/aquasecurity/go-pep440-version@v0.0.0-20210121094942-22b2f8951d46",
                    "github.com/aquasecurity/go-version@v0.0.0-20210121072130-637058cfe492",
                    "golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1", "stdlib@v1.15.2",
                    "github.com/aquasecurity/test",
                ]
            ),
            (
                "test.exe",
                [
                    "github.com/aquasecurity/go-pep440-version@v0.0.0-20210121094942-22b2f8951d46",
                    "github.com/aquasecurity/go-version@v0.0.0-20210121072130-637058cfe492",
                    "golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1", "stdlib@v1.15.2",
                    "github.com/aquasecurity/test",
                ]
            ),
            ("main-version-via-ldflags.elf", ["github.com/aquasecurity/test@v1.0.0", "stdlib@v1.22.1"]),
            ("goexperiment", ["stdlib@v1.22.1"]),
            ("semver-main-module-version.macho", ["go.etcd.io/bbolt@v1.3.5", "stdlib@v1.20.6"]),
        ])
    func packages(name: String, expected: [String]) throws {
        let info = try #require(try GoBinaryParser.buildInfo(try Self.bytes(name), path: "usr/bin/\(name)"))
        let packages = GoBinaryParser.packages(info, path: "usr/bin/\(name)")
        #expect(packages.map(\.id).sorted() == expected.sorted())
        if let root = packages.first(where: { $0.relationship == .root }) {
            #expect(root.dependsOn == packages.filter { $0.relationship != .root }.map(\.id).sorted())
        }
        #expect(packages.first { $0.name == "stdlib" }?.relationship == .direct)
        #expect(packages.allSatisfy { $0.ecosystem == .go && $0.filePath == "usr/bin/\(name)" })
        let xerrors = packages.first { $0.name == "golang.org/x/xerrors" }
        if let xerrors {
            #expect(xerrors.purl == "pkg:golang/golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1")
        }
    }

    @Test(.enabled(if: Shared.available(folder)))
    func nonGoFilesHaveNoBuildInfo() throws {
        #expect(try GoBinaryParser.buildInfo(try Self.bytes("dummy"), path: "dummy") == nil)
        let rust = try Shared.bytes(
            try Shared.file("fixtures/trivy/pkg/dependency/parser/rust/binary/testdata/test.elf"))
        #expect(ExecutableFile(rust)?.format == .elf)
        #expect(try GoBinaryParser.buildInfo(rust, path: "rust") == nil)
        #expect(try GoBinaryParser.buildInfo(Array("#!/bin/sh\necho hi\n".utf8), path: "script") == nil)
    }

    @Test(.enabled(if: Shared.available(folder)))
    func formatsAreRecognised() throws {
        #expect(ExecutableFile(try Self.bytes("test.elf"))?.format == .elf)
        #expect(ExecutableFile(try Self.bytes("test.exe"))?.format == .pe)
        #expect(ExecutableFile(try Self.bytes("test.macho"))?.format == .machO)
        #expect(ExecutableFile(try Self.bytes("test.elf"))?.section(named: ".go.buildinfo") != nil)
    }

    /// Every truncation point and a few thousand byte flips around the header and the section table end
    /// in `nil`, a `malformed-binary` error or a (possibly wrong) result — never a crash or a hang.
    @Test(.enabled(if: Shared.available(folder)), arguments: ["test.elf", "test.macho", "test.exe", "goexperiment"])
    func damagedCopiesFailCleanly(name: String) throws {
        let original = try Self.bytes(name)
        let header = try #require(Self.find(GoBinaryParserTestsMagic.bytes, in: original))
        var cuts = [
            0, 3, 4, 63, 64, 200, header, header + 16, header + 31, header + 40, original.count / 2,
            original.count - 1,
        ]
        cuts += stride(from: 0, to: 4096, by: 97).map { $0 }
        var outcomes = (none: 0, errors: 0, parsed: 0)
        for cut in cuts where cut <= original.count {
            Self.classify(Array(original[0..<cut]), name: name, into: &outcomes)
        }
        var generator = SplitMix(seed: 0x5eed)
        let hotSpots = [0..<min(4096, original.count), header..<min(header + 64, original.count)]
        for _ in 0..<1500 {
            var damaged = original
            let region = hotSpots[Int(generator.next() % UInt64(hotSpots.count))]
            for _ in 0..<4 {
                let at = region.lowerBound + Int(generator.next() % UInt64(region.count))
                damaged[at] = UInt8(truncatingIfNeeded: generator.next())
            }
            Self.classify(damaged, name: name, into: &outcomes)
        }
        // Truncations before the header cannot parse; the untouched file (cut = count is not tried) can.
        #expect(outcomes.none + outcomes.errors > 0)
        #expect(outcomes.parsed > 0)
    }

    @Test func moduleInfoWithReplacements() {
        let text = """
            path\texample.com/cmd/tool
            mod\texample.com\tv1.2.0\th1:abc=
            dep\tgolang.org/x/net\tv0.1.0\th1:x=
            =>\tgolang.org/x/net\tv0.17.0\th1:y=
            dep\texample.com/local\tv0.0.0
            =>\t../local\t
            dep\tgithub.com/pkg/errors\tv0.9.1\th1:z=
            build\t-ldflags="-X main.version=9.9.9"
            build\tGOOS=linux
            """
        let info = GoBuildInfo.parse(goVersion: "go1.21.3", moduleInfo: text)
        #expect(info.dependencies.count == 3)
        #expect(info.dependencies[0].replacement == GoModuleReplacement(path: "golang.org/x/net", version: "v0.17.0"))
        #expect(info.setting("-ldflags") == "-X main.version=9.9.9")
        let ids = GoBinaryParser.packages(info, path: "bin/tool").map(\.id)
        #expect(
            ids == ["golang.org/x/net@v0.17.0", "github.com/pkg/errors@v0.9.1", "stdlib@v1.21.3", "example.com@v1.2.0"])
    }

    static func classify(_ bytes: [UInt8], name: String, into outcomes: inout (none: Int, errors: Int, parsed: Int)) {
        do {
            if let info = try GoBinaryParser.buildInfo(bytes, path: name) {
                _ = GoBinaryParser.packages(info, path: name)
                outcomes.parsed += 1
            } else {
                outcomes.none += 1
            }
        } catch {
            #expect(error.code == .malformedBinary)
            outcomes.errors += 1
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

/// The build-info magic, spelled independently of the parser.
enum GoBinaryParserTestsMagic {
    static let bytes: [UInt8] = [0xff, 0x20, 0x47, 0x6f, 0x20, 0x62, 0x75, 0x69, 0x6c, 0x64, 0x69, 0x6e, 0x66, 0x3a]
}

/// A tiny deterministic random generator, so damaged-input tests are reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
