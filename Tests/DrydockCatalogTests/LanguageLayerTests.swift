import DrydockCatalog
import DrydockModel
import Foundation
import Testing

/// Language packages through the layer walker, the merger and the directory source.
@Suite("Language packages in layers and directories")
struct LanguageLayerTests {
    static let metadata = "Metadata-Version: 2.1\nName: Flask\nVersion: 2.0.0\nLicense: BSD-3-Clause\n\nBody\n"
    static let sitePackages = "usr/lib/python3.11/site-packages"

    @Test("installed Python metadata becomes the Python target, attributed to its layer")
    func pythonTarget() throws {
        let result = try Samples.catalog([
            LayerMergerTests.alpineBase,
            [.file("\(Self.sitePackages)/Flask-2.0.0.dist-info/METADATA", Self.metadata)],
        ])
        let target = try #require(result.inventory.targets.first { $0.kind == .languagePackages })
        #expect(target.name == "Python")
        #expect(target.type == "python-pkg")
        #expect(target.packages.map(\.id) == ["Flask@2.0.0"])
        #expect(target.packages.first?.layer?.diffID == "sha256:1")
        #expect(target.packages.first?.licenses == ["BSD-3-Clause"])
        #expect(target.packages.first?.filePath == "\(Self.sitePackages)/Flask-2.0.0.dist-info/METADATA")
        #expect(result.layers[1].packagesIntroduced == 1)
    }

    @Test("a whiteout of the package folder removes the package; lockfiles are not read in images")
    func whiteout() throws {
        let result = try Samples.catalog([
            LayerMergerTests.alpineBase,
            [
                .file("\(Self.sitePackages)/Flask-2.0.0.dist-info/METADATA", Self.metadata),
                .file("app/requirements.txt", "django==1.0\n"),
            ],
            [.whiteout("\(Self.sitePackages)/Flask-2.0.0.dist-info")],
        ])
        #expect(!result.inventory.targets.contains { $0.kind == .languagePackages })
    }

    @Test("a corrupt metadata file is a warning, not a failure")
    func corrupt() throws {
        let result = try Samples.catalog([
            LayerMergerTests.alpineBase,
            [.file("\(Self.sitePackages)/broken-1.0.dist-info/METADATA", "garbage without fields")],
        ])
        #expect(result.inventory.warnings.contains { $0.description.contains("broken-1.0.dist-info/METADATA") })
        #expect(result.inventory.targets.count == 1)
    }

    static let analyzerRoot = "fixtures/trivy/pkg/fanal/analyzer/language/"

    @Test(
        "fs reads the lockfile and skips node_modules; rootfs reads node_modules",
        .enabled(if: Shared.available(LanguageLayerTests.analyzerRoot + "nodejs/npm/testdata/happy")))
    func npmProject() throws {
        let directory = try Shared.file(Self.analyzerRoot + "nodejs/npm/testdata/happy").path
        let project = try DirectoryCataloger(mode: .filesystem).catalog(directory: directory).inventory
        #expect(project.targets.map(\.name) == ["package-lock.json"])
        #expect(project.targets.first?.type == "npm")
        #expect(project.targets.first?.packages.allSatisfy { $0.layer == nil } == true)

        let rootfs = try DirectoryCataloger(mode: .rootfs).catalog(directory: directory).inventory
        #expect(rootfs.targets.map(\.name) == ["Node.js"])
        // Independent count: every package.json under node_modules with a name and a version.
        let expected = try Self.installedNodePackages(in: directory)
        #expect(Set(rootfs.allPackages.map(\.id)) == expected)
        #expect(!expected.isEmpty)
    }

    @Test(
        "rootfs reads wheel and egg metadata",
        .enabled(if: Shared.available(LanguageLayerTests.analyzerRoot + "python/packaging/testdata")),
        arguments: [("happy-dist", "distlib@0.3.1"), ("happy-egg", "distlib@0.3.1")])
    func pythonRootfs(folder: String, id: String) throws {
        let directory = try Shared.file(Self.analyzerRoot + "python/packaging/testdata/" + folder).path
        let inventory = try DirectoryCataloger(mode: .rootfs).catalog(directory: directory).inventory
        #expect(inventory.allPackages.map(\.id) == [id])
    }

    @Test("symlinks leading outside the directory are not followed")
    func symlinkOutside() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-lang-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let outside = root.appendingPathComponent("outside")
        let inside = root.appendingPathComponent("project")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try Data("flask==2.0.0\n".utf8).write(to: outside.appendingPathComponent("requirements.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: inside.appendingPathComponent("requirements.txt").path,
            withDestinationPath: outside.path + "/requirements.txt")
        try FileManager.default.createSymbolicLink(
            atPath: inside.appendingPathComponent("linked").path, withDestinationPath: outside.path)
        let inventory = try DirectoryCataloger(mode: .filesystem).catalog(directory: inside.path).inventory
        #expect(inventory.allPackages.isEmpty)
    }

    static func installedNodePackages(in directory: String) throws -> Set<String> {
        var found: Set<String> = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix("package.json"), relative.contains("node_modules/") else { continue }
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + relative))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            if let name = object?["name"] as? String, let version = object?["version"] as? String {
                found.insert("\(name)@\(version)")
            }
        }
        return found
    }
}
