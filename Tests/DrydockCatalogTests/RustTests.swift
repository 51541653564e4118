import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// `Cargo.lock` files checked against Python's `tomllib`, and cargo-auditable binaries checked against an
/// independent Python reading (zlib streams located by brute force, JSON decoded by `json`).
@Suite struct RustTests {
    static let cargoFolder = "fixtures/trivy/pkg/dependency/parser/rust/cargo/testdata"
    static let binaryFolder = "fixtures/trivy/pkg/dependency/parser/rust/binary/testdata"

    @Test(
        .enabled(if: Shared.available(cargoFolder) && CatalogFixtures.commandAvailable("python3")),
        arguments: ["cargo_normal.lock", "cargo_v3.lock", "cargo_mixed.lock"])
    func cargoLockMatchesTomllib(name: String) throws {
        let url = try Shared.file("\(Self.cargoFolder)/\(name)")
        let parsed = try CargoLockParser.parse(try Shared.bytes(url), path: "app/Cargo.lock")
        let script = """
            import sys, tomllib
            data = tomllib.load(open(sys.argv[1], 'rb'))
            for p in data.get('package', []):
                print(p['name'] + '@' + p['version'])
            """
        let output = String(decoding: try CatalogFixtures.run("python3", ["-c", script, url.path]), as: UTF8.self)
        let oracle = output.split(separator: "\n").map(String.init)
        #expect(parsed.packages.map(\.id) == oracle)
        #expect(!oracle.isEmpty)
        #expect(parsed.warnings.isEmpty)
        #expect(
            parsed.packages.allSatisfy { $0.ecosystem == .cratesIO && $0.purl == "pkg:cargo/\($0.name)@\($0.version)" })
    }

    @Test(.enabled(if: Shared.available(cargoFolder)))
    func invalidLockThrows() throws {
        let bytes = try Shared.bytes(try Shared.file("\(Self.cargoFolder)/cargo_invalid.lock"))
        #expect(throws: CatalogError.self) { try CargoLockParser.parse(bytes, path: "Cargo.lock") }
    }

    @Test func lockfileVersion4AndEdgeCases() throws {
        let text = """
            # comment
            version = 4

            [[package]]
            name = "serde"
            version = "1.0.200" # trailing comment
            source = "registry+https://github.com/rust-lang/crates.io-index"
            dependencies = ["serde_derive", "x [y]"]

            [[package]]
            name = 'odd'
            version = "0.1.0-alpha.1"
            dependencies = [
             "a",
             "b]",
            ]

            [[package]]
            name = "noversion"

            [patch.unused]
            name = "ignored"
            """
        let parsed = try CargoLockParser.parse(Array(text.utf8), path: "Cargo.lock")
        #expect(parsed.packages.map(\.id) == ["serde@1.0.200", "odd@0.1.0-alpha.1"])
        #expect(parsed.warnings.count == 1)
        #expect(parsed.warnings.first?.line == 18)
    }

    @Test(
        .enabled(if: Shared.available(binaryFolder) && CatalogFixtures.commandAvailable("python3")),
        arguments: ["test.elf", "test.exe", "test.macho"])
    func auditableBinaryMatchesPython(name: String) throws {
        let url = try Shared.file("\(Self.binaryFolder)/\(name)")
        let packages = try #require(try RustAuditableParser.packages(try Shared.bytes(url), path: "bin/\(name)"))
        let script = """
            import sys, zlib, json, re
            data = open(sys.argv[1], 'rb').read()
            for m in re.finditer(rb'\\x78[\\x01\\x5e\\x9c\\xda]', data):
                try:
                    text = zlib.decompressobj().decompress(data[m.start():m.start() + 1000000])
                except Exception:
                    continue
                if text.startswith(b'{"packages"'):
                    for p in json.loads(text)['packages']:
                        if p.get('kind', 'runtime') != 'build':
                            print(p['name'] + '@' + p['version'])
                    break
            """
        let output = String(decoding: try CatalogFixtures.run("python3", ["-c", script, url.path]), as: UTF8.self)
        let oracle = output.split(separator: "\n").map(String.init)
        #expect(packages.map(\.id) == oracle)
        #expect(oracle == ["crate_with_features@0.1.0", "library_crate@0.1.0"])
    }

    @Test(.enabled(if: Shared.available(binaryFolder)))
    func nonAuditableFilesGiveNil() throws {
        let dummy = try Shared.bytes(try Shared.file("\(Self.binaryFolder)/dummy"))
        #expect(try RustAuditableParser.packages(dummy, path: "dummy") == nil)
        if Shared.available(GoBinaryTests.folder) {
            #expect(try RustAuditableParser.packages(try GoBinaryTests.bytes("test.elf"), path: "go") == nil)
        }
    }

    /// Truncated copies and a damaged `.dep-v0` section give `nil` or `malformed-binary`, never a crash.
    @Test(.enabled(if: Shared.available(binaryFolder)), arguments: ["test.elf", "test.exe", "test.macho"])
    func damagedCopiesFailCleanly(name: String) throws {
        let original = try Shared.bytes(try Shared.file("\(Self.binaryFolder)/\(name)"))
        let executable = try #require(ExecutableFile(original))
        let section = try #require(executable.section(named: ".dep-v0"))
        var damaged = original
        for offset in 2..<min(section.size, 40) { damaged[section.offset + offset] ^= 0x5a }
        #expect(throws: CatalogError.self) { try RustAuditableParser.packages(damaged, path: name) }
        for cut in [0, 10, 100, 4096, section.offset + 5, section.offset + section.size - 1, original.count - 1] {
            do {
                let packages = try RustAuditableParser.packages(Array(original[0..<cut]), path: name)
                // Cut inside the section: the list is incomplete, so nothing may be reported from it.
                if cut < section.offset + section.size { #expect(packages == nil) }
            } catch {
                #expect(error.code == .malformedBinary)
            }
        }
    }
}
