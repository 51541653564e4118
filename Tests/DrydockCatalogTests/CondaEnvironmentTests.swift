import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// conda `environment.yml`, checked against what Trivy's parser test expects for the same fixtures
/// (`pkg/dependency/parser/conda/environment/testdata`).
@Suite("Conda environment.yml")
struct CondaEnvironmentTests {
    static let folder = "fixtures/trivy/pkg/dependency/parser/conda/environment/testdata/"

    static func parse(_ name: String) throws -> LanguageFile {
        try CondaEnvironmentParser.parse(Shared.bytes(Shared.file(Self.folder + name)), path: "environment.yml")
    }

    @Test(
        "happy.yaml: exactly pinned versions only, pip entries included (Trivy's happy path)",
        .enabled(if: Shared.available(folder)))
    func happy() throws {
        let file = try Self.parse("happy.yaml")
        #expect(file.type == .condaEnvironment && file.warnings.isEmpty)
        #expect(
            file.packages.map { "\($0.name) \($0.version)" }.sorted() == [
                "_openmp_mutex ", "asgiref 3.8.1", "blas 1.0", "bzip2 1.0.8", "ca-certificates 2024.2",
                "django 5.0.6", "ld_impl_linux-aarch64 ", "libblas ", "libcblas ", "libexpat 2.6.2", "libffi 3.4.2",
                "libgcc-ng ", "libgfortran-ng ", "libgfortran5 ", "libgomp 13.2.0", "liblapack ", "libnsl 2.0.1",
            ])
        #expect(file.packages.allSatisfy { $0.licenses.isEmpty && $0.filePath == "environment.yml" })
        let blas = try #require(file.packages.first { $0.name == "blas" })
        #expect(blas.ecosystem == .conda && blas.purl == "pkg:conda/blas@1.0")
        // pip's list holds PyPI packages: recorded as such, so PyPI advisories apply (Trivy: conda packages).
        let django = try #require(file.packages.first { $0.name == "django" })
        #expect(django.ecosystem == .pypi && django.purl == "pkg:pypi/django@5.0.6")
        let unpinned = try #require(file.packages.first { $0.name == "libblas" })
        #expect(unpinned.purl == "pkg:conda/libblas" && unpinned.id == "libblas")
    }

    @Test("specs made of operators only name nothing", .enabled(if: Shared.available(folder)))
    func operatorsOnly() throws {
        #expect(try Self.parse("operator-only-dep.yaml").packages.map(\.id) == ["numpy@1.26.4"])
    }

    @Test(
        "not YAML, a nested entry that is not a list, a list entry that is not a spec: errors naming the file",
        .enabled(if: Shared.available(folder)),
        arguments: ["invalid.yaml", "wrong-nested-type.yaml", "wrong-nested-dep-type.yaml"])
    func rejected(name: String) throws {
        #expect(throws: CatalogError.self) { try Self.parse(name) }
    }

    @Test("spec forms: `=`, `==`, a space, build strings, ranges and alternatives")
    func specs() {
        let cases: [(String, String, String)] = [
            ("numpy 1.8.1", "numpy", "1.8.1"), ("numpy ==1.8.1", "numpy", "1.8.1"),
            ("numpy 1.8.1 py27_0", "numpy", "1.8.1"), ("numpy=1.8.1=py27_0", "numpy", "1.8.1"),
            ("numpy>=1.8,<2", "numpy", ""), ("numpy 1.8*", "numpy", ""), ("numpy", "numpy", ""),
            ("numpy 1.8.1|1.8.2", "numpy", ""), ("==", "", ""),
        ]
        for (spec, name, version) in cases {
            let split = CondaEnvironmentParser.split(spec)
            #expect(split.name == name && split.version == version, "\(spec)")
        }
    }

    static let analyzerFolder = "fixtures/trivy/pkg/fanal/analyzer/language/conda/environment/testdata/"

    /// Trivy's analyzer test `environment-with-licenses.yaml` (its `prefix: testdata` holds the `conda-meta`).
    @Test(
        "licenses: a pinned package gets the license of the conda-meta of its name and version in the project",
        .enabled(if: Shared.available(analyzerFolder)))
    func licensesFromCondaMeta() throws {
        let source = try Shared.file(Self.analyzerFolder)
        let root = try PackagePaths.temporaryDirectory("lang-conda-env-licenses")
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("environment-with-licenses.yaml"),
            to: root.appendingPathComponent("environment.yml"))
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("env"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: source.appendingPathComponent("conda-meta"), to: root.appendingPathComponent("env/conda-meta"))
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        // The conda-meta files name licenses only: they are not listed as packages of a project.
        #expect(result.inventory.targets.map(\.name) == ["environment.yml"])
        let packages = try #require(result.inventory.targets.first?.packages)
        let licenses = Dictionary(uniqueKeysWithValues: packages.map { ($0.name, $0.licenses) })
        #expect(licenses["_openmp_mutex"] == ["BSD-3-Clause"])
        // Unpinned: no version to find its metadata by (Trivy too); blas's metadata names no license.
        #expect(licenses["_libgcc_mutex"] == [])
        #expect(licenses["blas"] == [])
        #expect(licenses["bzip2"]?.isEmpty == false, "\(licenses)")
    }

    @Test("read in projects only (Trivy's lockfile analyzers), under both extensions")
    func projectsOnly() throws {
        let root = try PackagePaths.temporaryDirectory("lang-conda-env")
        for (path, text) in [
            ("a/environment.yml", "dependencies:\n  - numpy=1.26.4\n"),
            ("b/environment.yaml", "dependencies:\n  - pip:\n    - flask==3.0.0\n"),
        ] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let filesystem = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        #expect(
            filesystem.inventory.targets.map { "\($0.name) \($0.type)" } == [
                "a/environment.yml conda-environment", "b/environment.yaml conda-environment",
            ])
        let rootfs = try DirectoryCataloger(mode: .rootfs).catalog(directory: root.path)
        #expect(!rootfs.inventory.targets.contains { $0.type == "conda-environment" })
    }
}
