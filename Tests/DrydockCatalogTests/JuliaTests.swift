import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Julia's `Manifest.toml` (with the `Project.toml` beside it), checked against what Trivy's parser and analyzer
/// tests expect for the same fixtures (`pkg/dependency/parser/julia/manifest`, `pkg/fanal/analyzer/language/julia`).
@Suite("Julia: Manifest.toml and Project.toml")
struct JuliaTests {
    static let parser = "fixtures/trivy/pkg/dependency/parser/julia/manifest/testdata/"
    static let analyzer = "fixtures/trivy/pkg/fanal/analyzer/language/julia/pkg/testdata/"

    static func parse(_ relative: String) throws -> LanguageFile {
        try JuliaManifestParser.parse(Shared.bytes(Shared.file(relative)), path: "Manifest.toml")
    }

    /// `ID name version`, sorted.
    static func rows(_ packages: [Package]) -> [String] {
        packages.map { "\($0.id) \($0.name) \($0.version)" }.sorted()
    }

    /// The graph by names (the fixtures' names are unique where this is used), leaves left out.
    static func namedGraph(_ packages: [Package]) -> [String: [String]] {
        let names = Dictionary(packages.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        var graph: [String: [String]] = [:]
        for package in packages where !package.dependsOn.isEmpty {
            graph[package.name] = package.dependsOn.map { names[$0] ?? $0 }.sorted()
        }
        return graph
    }

    @Test(
        "Manifest v1.8 (format 2.0): UUID IDs, stdlib at julia_version, Trivy's juliaV1_8Deps",
        .enabled(if: Shared.available(parser + "primary")))
    func format2() throws {
        let file = try Self.parse(Self.parser + "primary/Manifest_v1.8.toml")
        #expect(file.type == .julia && file.warnings.isEmpty)
        #expect(
            Self.rows(file.packages) == [
                "21216c6a-2e73-6563-6e65-726566657250 Preferences 1.4.0",
                "4ec0a83e-493e-50e2-b9ac-8f72acf5a8f5 Unicode 1.8.5",
                "682c06a0-de6a-54ab-a142-c8b1cf79cde6 JSON 0.21.4",
                "69de0a69-1ddd-5017-9359-2bf0b02dc9f0 Parsers 2.5.10",
                "9a3f8284-a2c9-5f02-9a11-845980a1fd5c Random 1.8.5",
                "9e88b42a-f829-5b0c-bbe9-9e923198166b Serialization 1.8.5",
                "a63ad114-7e13-5084-954f-fe012c677804 Mmap 1.8.5", "ade2ca70-3891-5945-98fb-dc099432e06a Dates 1.8.5",
                "aea7be01-6a6a-4083-8856-8a6e6704d82a PrecompileTools 1.1.1",
                "cf7118a7-6976-5b1a-9a39-7adc72f591a4 UUIDs 1.8.5", "de0858da-6303-5e67-8744-51eddeeeb8d7 Printf 1.8.5",
                "ea8e919c-243c-51af-8825-aaa63cd721ce SHA 0.7.0", "fa267f1f-6049-4f14-aa54-33bafae1ed76 TOML 1.0.0",
            ])
        #expect(
            Self.namedGraph(file.packages) == [
                "Dates": ["Printf"], "JSON": ["Dates", "Mmap", "Parsers", "Unicode"],
                "Parsers": ["Dates", "PrecompileTools", "UUIDs"], "PrecompileTools": ["Preferences"],
                "Preferences": ["TOML"], "Printf": ["Unicode"], "Random": ["SHA", "Serialization"],
                "TOML": ["Dates"], "UUIDs": ["Random", "SHA"],
            ])
        let json = try #require(file.packages.first { $0.name == "JSON" })
        #expect(json.purl == "pkg:julia/JSON@0.21.4?uuid=682c06a0-de6a-54ab-a142-c8b1cf79cde6")
        #expect(json.ecosystem == .julia && json.dependsOn.count == 4 && json.relationship == nil)
        // DependsOn holds IDs (UUIDs), sorted.
        #expect(
            json.dependsOn == [
                "4ec0a83e-493e-50e2-b9ac-8f72acf5a8f5", "69de0a69-1ddd-5017-9359-2bf0b02dc9f0",
                "a63ad114-7e13-5084-954f-fe012c677804", "ade2ca70-3891-5945-98fb-dc099432e06a",
            ])
    }

    @Test(
        "Manifest v1.6 (top-level entries): stdlib versions are `unknown`, Trivy's juliaV1_6Deps",
        .enabled(if: Shared.available(parser + "primary")))
    func format1() throws {
        let file = try Self.parse(Self.parser + "primary/Manifest_v1.6.toml")
        #expect(
            Self.rows(file.packages) == [
                "4ec0a83e-493e-50e2-b9ac-8f72acf5a8f5 Unicode unknown",
                "682c06a0-de6a-54ab-a142-c8b1cf79cde6 JSON 0.21.4",
                "69de0a69-1ddd-5017-9359-2bf0b02dc9f0 Parsers 2.4.2",
                "a63ad114-7e13-5084-954f-fe012c677804 Mmap unknown",
                "ade2ca70-3891-5945-98fb-dc099432e06a Dates unknown",
                "de0858da-6303-5e67-8744-51eddeeeb8d7 Printf unknown",
            ])
        #expect(
            Self.namedGraph(file.packages) == [
                "Dates": ["Printf"], "JSON": ["Dates", "Mmap", "Parsers", "Unicode"], "Parsers": ["Dates"],
                "Printf": ["Unicode"],
            ])
    }

    @Test(
        "Julia 1.0 format: two packages of one name, `deps` as a list and as a table (juliaV10FormatDeps)",
        .enabled(if: Shared.available(parser + "julia_v1.0_format")))
    func julia10() throws {
        let file = try Self.parse(Self.parser + "julia_v1.0_format/Manifest.toml")
        #expect(file.packages.map(\.name) == ["Foo", "Foo", "Bar", "Baz", "Qux"])
        #expect(file.packages.allSatisfy { $0.version == "unknown" })
        #expect(
            DependsOnTests.graph(file.packages) == [
                "767738be-2f1f-45a9-b806-0234f3164144": [
                    "2a550a13-6bab-4a91-a4ee-dff34d6b99d0", "6801f525-dc68-44e8-a4e8-cabd286279e7",
                    "b5ec9b9c-e354-47fd-b367-a348bdc8f909",
                ],
                "6f418443-bd2e-4783-b551-cdbac608adf2": ["b5ec9b9c-e354-47fd-b367-a348bdc8f909"],
                "2a550a13-6bab-4a91-a4ee-dff34d6b99d0": [
                    "6801f525-dc68-44e8-a4e8-cabd286279e7", "6f418443-bd2e-4783-b551-cdbac608adf2",
                ],
                "6801f525-dc68-44e8-a4e8-cabd286279e7": [
                    "6f418443-bd2e-4783-b551-cdbac608adf2", "b5ec9b9c-e354-47fd-b367-a348bdc8f909",
                ],
            ])
    }

    @Test(
        "shadowed names, extensions and empty manifests parse as Trivy's cases say",
        .enabled(if: Shared.available(parser + "shadowed_dep_v1.9")))
    func edgeCases() throws {
        let shadowed = try Self.parse(Self.parser + "shadowed_dep_v1.9/Manifest.toml")
        #expect(
            Self.rows(shadowed.packages) == [
                "ead4f63c-334e-11e9-00e6-e7f0a5f21b60 A 1.9.0", "edca9bc6-334e-11e9-3554-9595dbb4349c B 1.9.0",
                "f41f7b98-334e-11e9-1257-49272045fb24 B 1.9.0",
            ])
        #expect(
            DependsOnTests.graph(shadowed.packages) == [
                "ead4f63c-334e-11e9-00e6-e7f0a5f21b60": ["f41f7b98-334e-11e9-1257-49272045fb24"]
            ])
        let extensions = try Self.parse(Self.parser + "dep_ext_v1.9/Manifest.toml")
        #expect(Self.rows(extensions.packages) == ["621f4979-c628-5d54-868e-fcf4e3e8185c AbstractFFTs 1.3.1"])
        #expect(extensions.packages.first?.dependsOn == [])
        for empty in ["no_deps_v1.6/Manifest.toml", "no_deps_v1.9/Manifest.toml"] {
            let file = try Self.parse(Self.parser + empty)
            #expect(file.packages.isEmpty && file.warnings.isEmpty, "\(empty)")
        }
    }

    /// Trivy rejects these files whole; Drydock keeps the packages and names the edge it cannot resolve.
    @Test(
        "a dependency name listed nowhere, or twice, is a warning and the edge is dropped",
        .enabled(if: Shared.available(parser + "missed-child-dep")))
    func unresolvableNames() throws {
        let missing = try Self.parse(Self.parser + "missed-child-dep/Manifest.toml")
        #expect(missing.packages.map(\.name) == ["Base64", "Dates", "InteractiveUtils", "LibGit2"])
        #expect(missing.packages.allSatisfy { $0.dependsOn.isEmpty })
        #expect(missing.warnings.count == 3)
        #expect(missing.warnings.first?.message.contains("'Printf', which the manifest does not list") == true)
        let twice = try Self.parse(Self.parser + "multiple-same-deps/Manifest.toml")
        #expect(twice.packages.count == 3)
        #expect(
            twice.warnings.map(\.message) == [
                "package 'Dates' depends on 'Printf', listed more than once; edge skipped"
            ])
    }

    @Test("malformed manifests are errors naming the file; entries without a UUID are warnings")
    func malformed() throws {
        #expect(throws: CatalogError.self) {
            try JuliaManifestParser.parse(Array("[[deps.A\n".utf8), path: "Manifest.toml")
        }
        #expect(throws: CatalogError.self) {
            try JuliaManifestParser.parse(Array("manifest_format = \"2.0\"\ndeps = 3\n".utf8), path: "Manifest.toml")
        }
        let text = "manifest_format = \"2.0\"\n[[deps.A]]\nversion = \"1.0.0\"\n"
        let file = try JuliaManifestParser.parse(Array(text.utf8), path: "Manifest.toml")
        #expect(file.packages.isEmpty && file.warnings.map(\.path) == ["Manifest.toml"])
    }

    /// Trivy's analyzer `happy` case: `[deps]` direct, what they reach indirect, `[extras]` and what only they
    /// reach development dependencies (left out by default, kept with `includeDevelopmentDependencies`).
    @Test(
        "Manifest.toml with Project.toml: relationships and development dependencies as Trivy's analyzer",
        .enabled(if: Shared.available(analyzer + "happy")))
    func project() throws {
        let root = try PackagePaths.temporaryDirectory("lang-julia")
        for name in ["Manifest.toml", "Project.toml"] {
            try LanguageProjectTests.copy(Self.analyzer + "happy/\(name)", to: "app/\(name)", in: root)
        }
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        #expect(result.inventory.targets.map { "\($0.name) \($0.type)" } == ["app/Manifest.toml julia"])
        let packages = result.inventory.targets.flatMap(\.packages)
        let relationships = Dictionary(
            packages.map { ($0.name, $0.relationship?.rawValue ?? "-") }, uniquingKeysWith: { first, _ in first })
        #expect(
            relationships == [
                "Dates": "direct", "JSON": "direct", "Mmap": "indirect", "Parsers": "indirect",
                "PrecompileTools": "indirect", "Preferences": "indirect", "Printf": "indirect", "Random": "indirect",
                "SHA": "indirect", "Serialization": "indirect", "TOML": "indirect", "UUIDs": "indirect",
                "Unicode": "indirect",
            ])
        #expect(packages.allSatisfy { $0.filePath == "app/Manifest.toml" && !$0.isDevelopment })
        var cataloger = DirectoryCataloger(mode: .filesystem)
        cataloger.merging = MergeOptions(includeDevelopmentDependencies: true)
        let withDevelopment = try cataloger.catalog(directory: root.path).inventory.targets.flatMap(\.packages)
        #expect(
            withDevelopment.filter(\.isDevelopment).map { "\($0.name) \($0.relationship?.rawValue ?? "-")" }.sorted()
                == ["DevDep direct", "IndirectDevDep indirect"])
        // Without its Project.toml the manifest is listed whole, with no relationship (Trivy lists nothing).
        try FileManager.default.removeItem(at: root.appendingPathComponent("app/Project.toml"))
        let alone = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        let all = alone.inventory.targets.flatMap(\.packages)
        #expect(all.count == withDevelopment.count && all.allSatisfy { $0.relationship == nil })
    }
}
