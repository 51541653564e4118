import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

/// A `yarn.lock` completed by the `package.json` beside it: the root package, workspaces, direct, indirect
/// and development dependencies, checked against the results Trivy's own analyzer tests give for the same
/// test data (`../shared/fixtures/trivy/.../nodejs/yarn/testdata`).
struct YarnProjectTests {
    static let testdata = "fixtures/trivy/pkg/fanal/analyzer/language/nodejs/yarn/testdata"

    /// The packages of `folder` by ID, development dependencies included.
    static func packages(_ folder: URL) throws -> (packages: [String: Package], warnings: [String]) {
        var cataloger = DirectoryCataloger(mode: .filesystem)
        cataloger.merging = MergeOptions(includeDevelopmentDependencies: true)
        let result = try cataloger.catalog(directory: folder.path)
        var found: [String: Package] = [:]
        for package in result.inventory.allPackages { found[package.id] = package }
        return (found, result.inventory.warnings.map(\.description))
    }

    @Test(
        "the project is the root; direct, indirect and development dependencies as Trivy's happy path",
        .enabled(if: Shared.available("\(testdata)/happy")))
    func happyPath() throws {
        let packages = try Self.packages(try Shared.file("\(Self.testdata)/happy")).packages
        let root = try #require(packages["90@1.0.0"])
        #expect(root.relationship == .root)
        #expect(root.licenses == ["MIT"])
        #expect(root.dependsOn == ["js-tokens@2.0.0", "prop-types@15.7.2", "scheduler@0.13.6"])
        #expect(packages["js-tokens@2.0.0"]?.relationship == .direct)
        #expect(packages["js-tokens@2.0.0"]?.isDevelopment == false)
        #expect(packages["prop-types@15.7.2"]?.relationship == .direct)
        #expect(packages["prop-types@15.7.2"]?.isDevelopment == true)
        #expect(packages["scheduler@0.13.6"]?.relationship == .direct)
        for id in ["js-tokens@4.0.0", "loose-envify@1.4.0", "object-assign@4.1.1"] {
            #expect(packages[id]?.relationship == .indirect, "\(id)")
            #expect(packages[id]?.isDevelopment == false, "\(id): reached from a production dependency")
        }
        #expect(packages["react-is@16.13.1"]?.relationship == .indirect)
        #expect(packages["react-is@16.13.1"]?.isDevelopment == true)
        #expect(packages.count == 8)
    }

    @Test(
        "workspaces: members are `workspace` packages the root depends on, their dependencies direct",
        .enabled(if: Shared.available("\(testdata)/monorepo")))
    func monorepo() throws {
        let packages = try Self.packages(try Shared.file("\(Self.testdata)/monorepo")).packages
        let root = try #require(packages["yarn-workspace-test@1.0.0"])
        #expect(root.relationship == .root)
        // Trivy also lists the member without a name (packages/package2) under its path; Drydock does not.
        #expect(root.dependsOn == ["c@0.0.0", "package1@0.0.0", "prettier@2.8.8", "util1@0.0.0"])
        #expect(packages["c@0.0.0"]?.relationship == .workspace)
        #expect(packages["c@0.0.0"]?.dependsOn == ["is-number@7.0.0"])
        #expect(packages["util1@0.0.0"]?.dependsOn == ["js-tokens@8.0.1", "prop-types@15.8.1"])
        #expect(packages["is-odd@3.0.1"]?.relationship == .direct, "declared by the nameless member")
        #expect(packages["prettier@2.8.8"]?.isDevelopment == true)
        #expect(packages["prop-types@15.8.1"]?.isDevelopment == true)
        #expect(packages["is-number@6.0.0"]?.relationship == .indirect)
        #expect(packages["react-is@16.13.1"]?.isDevelopment == true)
        #expect(packages["loose-envify@1.4.0"]?.isDevelopment == false)
    }

    @Test(
        "aliases in package.json resolve to the packages they install",
        .enabled(if: Shared.available("\(testdata)/alias")))
    func aliases() throws {
        let packages = try Self.packages(try Shared.file("\(Self.testdata)/alias")).packages
        let root = try #require(packages["test@1.0.0"])
        #expect(root.dependsOn.count == 4)
        #expect(packages["@types/jsonstream@0.8.33"]?.isDevelopment == true)
        #expect(packages["@types/jsonstream@0.8.33"]?.relationship == .direct)
        #expect(packages["debug@4.3.4"]?.relationship == .direct)
        #expect(packages["debug@4.3.4"]?.isDevelopment == false)
    }

    @Test(
        "a broken package.json beside yarn.lock: packages as parsed, and a warning naming the file",
        .enabled(if: Shared.available("\(testdata)/wrong-packagejson")))
    func brokenManifest() throws {
        let result = try Self.packages(try Shared.file("\(Self.testdata)/wrong-packagejson"))
        #expect(Array(result.packages.keys) == ["js-tokens@2.0.0"])
        #expect(result.packages["js-tokens@2.0.0"]?.relationship == nil)
        #expect(result.warnings.contains { $0.contains("package.json") && $0.contains("yarn.lock") })
    }

    @Test("without package.json nothing changes; a package.json without yarn.lock reports nothing")
    func withoutTheOther() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-yarn-project")
        let lock = """
            # yarn lockfile v1

            left-pad@^1.3.0:
              version "1.3.0"
              resolved "https://example.invalid/left-pad-1.3.0.tgz"

            """
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("only-lock"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("only-manifest"), withIntermediateDirectories: true)
        try Data(lock.utf8).write(to: root.appendingPathComponent("only-lock/yarn.lock"))
        try Data(#"{"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "^1.3.0"}}"#.utf8).write(
            to: root.appendingPathComponent("only-manifest/package.json"))
        let packages = try Self.packages(root).packages
        #expect(Array(packages.keys) == ["left-pad@1.3.0"])
        #expect(packages["left-pad@1.3.0"]?.relationship == nil)
    }

    @Test("development dependencies are left out by default, as Trivy does without --include-dev-deps")
    func developmentLeftOut() throws {
        let root = try CatalogFixtures.scratchDirectory(prefix: "drydock-yarn-dev")
        let lock = """
            # yarn lockfile v1

            left-pad@^1.3.0:
              version "1.3.0"

            right-pad@^1.0.0:
              version "1.0.1"

            """
        try Data(lock.utf8).write(to: root.appendingPathComponent("yarn.lock"))
        try Data(
            #"{"name": "app", "version": "2.0.0", "dependencies": {"left-pad": "^1.3.0"}, "devDependencies": {"right-pad": "^1.0.0"}}"#
                .utf8
        ).write(to: root.appendingPathComponent("package.json"))
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        let ids = Set(result.inventory.allPackages.map(\.id))
        #expect(ids == ["app@2.0.0", "left-pad@1.3.0"])
    }
}
