import DrydockCatalog
import DrydockModel
import Foundation
import Testing

/// `dependsOn` of `conan.lock`, `Podfile.lock`, `bun.lock` and cargo-auditable binaries, checked against the graphs
/// Trivy's own parser tests expect for the same fixtures (read as facts).
@Suite struct DependsOnGraphTests {
    static let parsers = DependsOnTests.parsers

    static func graph(_ packages: [Package]) -> [String: [String]] { DependsOnTests.graph(packages) }

    @Test(
        "conan.lock v1: a node's `requires` are its edges (Trivy's happy_v1_case1 and case2); v2 has no graph",
        .enabled(if: Shared.available("\(parsers)/c/conan/testdata")),
        arguments: [
            ("happy_v1_case1.lock", ["pkga/0.0.1": ["pkgb/system"]]),
            ("happy_v1_case2.lock", ["openssl/3.0.3": ["zlib/1.2.12"]]),
            ("happy_v2.lock", [:]),
        ] as [(String, [String: [String]])])
    func conan(name: String, expected: [String: [String]]) throws {
        let url = try Shared.file("\(Self.parsers)/c/conan/testdata/\(name)")
        let file = try ConanLockParser.parse(Shared.bytes(url), path: "conan.lock")
        #expect(!file.packages.isEmpty)
        #expect(Self.graph(file.packages) == expected)
    }

    @Test("conan.lock v1: requirements naming a node without a reference are dropped")
    func conanDanglingNode() throws {
        let lock = """
            {"graph_lock": {"nodes": {
              "0": {"requires": ["1"]},
              "1": {"ref": "a/1.0", "requires": ["2", "3", "9"]},
              "2": {"ref": "b/2.0@user/channel#abc"},
              "3": {"path": "conanfile.py"}
            }}}
            """
        let file = try ConanLockParser.parse(Array(lock.utf8), path: "conan.lock")
        #expect(Self.graph(file.packages) == ["a/1.0": ["b/2.0"]])
    }

    @Test(
        "Podfile.lock: the list under an entry names its pods (Trivy's happy.lock graph)",
        .enabled(if: Shared.available("\(parsers)/swift/cocoapods/testdata")))
    func cocoapods() throws {
        let url = try Shared.file("\(Self.parsers)/swift/cocoapods/testdata/happy.lock")
        let file = try CocoaPodsLockParser.parse(Shared.bytes(url), path: "Podfile.lock")
        #expect(
            Self.graph(file.packages) == [
                "AppCenter/Analytics@4.2.0": ["AppCenter/Core@4.2.0"],
                "AppCenter/Crashes@4.2.0": ["AppCenter/Core@4.2.0"],
                "AppCenter@4.2.0": ["AppCenter/Analytics@4.2.0", "AppCenter/Crashes@4.2.0"],
            ])
    }

    @Test(
        "bun.lock: each entry's `dependencies` (Trivy's normalDeps); workspace links give no edges",
        .enabled(if: Shared.available("\(parsers)/nodejs/bun/testdata")))
    func bun() throws {
        let happy = try Shared.file("\(Self.parsers)/nodejs/bun/testdata/bun_happy.lock")
        #expect(
            Self.graph(try BunLockParser.parse(Shared.bytes(happy), path: "bun.lock").packages) == [
                "@types/bun@1.2.13": ["bun-types@1.2.13"],
                "@types/node@22.15.18": ["undici-types@6.21.0"],
                "bun-types@1.2.13": ["@types/node@22.15.18"],
                "zod@3.24.4": ["undici-types@6.21.0"],
            ])
        let workspaces = try Shared.file("\(Self.parsers)/nodejs/bun/testdata/bun_multiple_ws.lock")
        #expect(Self.graph(try BunLockParser.parse(Shared.bytes(workspaces), path: "bun.lock").packages).isEmpty)
    }

    @Test("bun.lock: a nested copy (`parent/name`, scoped too) is found before the top-level one")
    func bunNested() throws {
        let lock = """
            {"lockfileVersion": 1, "workspaces": {"": {"dependencies": {"a": "1", "@s/c": "1"}}},
             "packages": {
              "a": ["a@1.0.0", "", {"dependencies": {"b": "2", "@s/c": "1"}}, "sha512-x"],
              "a/b": ["b@2.0.0", "", {"optionalDependencies": {"d": "1", "missing": "1"}}, "sha512-x"],
              "b": ["b@1.0.0", "", {}, "sha512-x"],
              "@s/c": ["@s/c@1.0.0", "", {"dependencies": {"b": "1"}}, "sha512-x"],
              "@s/c/b": ["b@3.0.0"],
              "d": ["d@1.0.0", {}, "sha512-x"],
             }}
            """
        let file = try BunLockParser.parse(Array(lock.utf8), path: "bun.lock")
        #expect(
            Self.graph(file.packages) == [
                "a@1.0.0": ["@s/c@1.0.0", "b@2.0.0"], "b@2.0.0": ["d@1.0.0"], "@s/c@1.0.0": ["b@3.0.0"],
            ])
    }

    @Test(
        "cargo-auditable binaries: the root crate and its runtime dependencies (Trivy's ELF, PE and Mach-O cases)",
        .enabled(if: Shared.available("\(parsers)/rust/binary/testdata")),
        arguments: ["test.elf", "test.exe", "test.macho"])
    func rustBinary(name: String) throws {
        let url = try Shared.file("\(Self.parsers)/rust/binary/testdata/\(name)")
        let packages = try #require(try RustAuditableParser.packages(Shared.bytes(url), path: "bin/\(name)"))
        #expect(Self.graph(packages) == ["crate_with_features@0.1.0": ["library_crate@0.1.0"]])
        #expect(packages.map(\.relationship) == [.root, nil])
    }
}
