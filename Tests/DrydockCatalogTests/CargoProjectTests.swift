import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// A `Cargo.lock` completed by the `Cargo.toml` beside it: the root crate, workspace members, direct,
/// indirect and development dependencies, on Trivy's own analyzer test data (`txtar` archives of a project,
/// `../shared/fixtures/trivy/.../rust/cargo/testdata`), checked against what those archives say Trivy gives.
struct CargoProjectTests {
    static let testdata = "fixtures/trivy/pkg/fanal/analyzer/language/rust/cargo/testdata"

    /// Unpacks a txtar archive (`-- path --` lines, each followed by the file's text) into a new folder.
    static func unpack(_ name: String) throws -> URL {
        let text = String(decoding: try Shared.bytes(try Shared.file("\(testdata)/\(name).txtar")), as: UTF8.self)
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-cargo-\(name)")
        var current: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let current else { return }
            let url = root.appendingPathComponent(current)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --") {
                try flush()
                current = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else if current != nil {
                lines.append(line)
            }
        }
        try flush()
        return root
    }

    static func packages(_ name: String, development: Bool = true) throws -> (
        packages: [String: Package], warnings: [String]
    ) {
        var cataloger = DirectoryCataloger(mode: .filesystem)
        cataloger.merging = MergeOptions(includeDevelopmentDependencies: development)
        let result = try cataloger.catalog(directory: try unpack(name).path)
        var found: [String: Package] = [:]
        for package in result.inventory.allPackages { found[package.id] = package }
        return (found, result.inventory.warnings.map(\.description))
    }

    @Test(
        "root, direct from [dependencies], [target] and [workspace.dependencies], indirect, development",
        .enabled(if: Shared.available("\(testdata)/happy.txtar")))
    func happyPath() throws {
        let packages = try Self.packages("happy").packages
        #expect(packages["app@0.1.0"]?.relationship == .root)
        for id in ["regex@1.7.3", "memchr@1.0.2", "regex-syntax@0.5.6"] {
            #expect(packages[id]?.relationship == .direct, "\(id)")
            #expect(packages[id]?.isDevelopment == false, "\(id)")
        }
        for id in ["aho-corasick@0.7.20", "memchr@2.5.0", "regex-syntax@0.6.29", "libc@0.2.140", "ucd-util@0.1.10"] {
            #expect(packages[id]?.relationship == .indirect, "\(id)")
        }
        #expect(packages["winapi@0.3.9"]?.isDevelopment == true)
        #expect(packages["winapi-i686-pc-windows-gnu@0.4.0"]?.isDevelopment == true)
        // Left out by default, as Trivy leaves development dependencies out.
        let shipped = try Self.packages("happy", development: false).packages
        #expect(shipped["winapi@0.3.9"] == nil)
        #expect(shipped["regex@1.7.3"] != nil)
    }

    @Test(
        "workspace members, listed or by glob, with dependencies inherited from the workspace",
        .enabled(if: Shared.available("\(testdata)/toml-workspace-glob.txtar")),
        arguments: ["toml-workspace-members", "toml-workspace-glob"])
    func workspaces(name: String) throws {
        let packages = try Self.packages(name).packages
        let members = packages.values.filter { $0.relationship == .workspace }.map(\.name).sorted()
        #expect(members.count == 2, "\(members)")
        #expect(packages.values.contains { $0.name == "gdb-command" && $0.relationship == .direct })
        #expect(packages.values.contains { $0.name == "regex" && $0.relationship == .direct })
        #expect(packages.values.contains { $0.relationship == .indirect })
    }

    @Test(
        "a member's `version.workspace = true` takes [workspace.package] version",
        .enabled(if: Shared.available("\(testdata)/version-workspace-inherit.txtar")))
    func inheritedVersion() throws {
        let packages = try Self.packages("version-workspace-inherit").packages
        #expect(packages["myapp@2.0.0"]?.relationship == .workspace)
        #expect(packages.values.contains { $0.name == "serde" && $0.relationship == .direct })
    }

    @Test(
        "a broken Cargo.toml: the lockfile's packages without relationships, and a warning naming the file",
        .enabled(if: Shared.available("\(testdata)/wrong-cargo-toml.txtar")))
    func brokenManifest() throws {
        let result = try Self.packages("wrong-cargo-toml")
        #expect(!result.packages.isEmpty)
        #expect(result.packages.values.allSatisfy { $0.relationship == nil })
        #expect(result.warnings.contains { $0.contains("Cargo.toml") && $0.contains("Cargo.lock") })
    }
}
