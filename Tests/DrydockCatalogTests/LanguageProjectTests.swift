import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import DrydockVulnDB
import Foundation
import Testing

/// CocoaPods, Conda, files completed by the project pass (old `go.mod` with `go.sum`, POMs with parents and
/// BOMs from a local repository), fat Mach-O Go binaries and NuGet name keys, on Trivy's real test data.
@Suite("Language projects: CocoaPods, Conda, go.sum, POM parents, fat Mach-O")
struct LanguageProjectTests {
    static let parser = "fixtures/trivy/pkg/dependency/parser/"
    static let analyzer = "fixtures/trivy/pkg/fanal/analyzer/language/"

    static func ids(_ packages: [Package]) -> [String] { packages.map(\.id).sorted() }

    /// Every package of every language target of `result`, as `name@version`.
    static func ids(_ result: CatalogResult) -> [String] {
        ids(result.inventory.targets.filter { $0.kind == .languagePackages }.flatMap(\.packages))
    }

    static func copy(_ relative: String, to path: String, in directory: URL) throws {
        let target = directory.appendingPathComponent(path)
        try FileManager.default.createDirectory(
            at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try Shared.file(relative), to: target)
    }

    @Test(.enabled(if: Shared.available(parser + "swift/cocoapods")))
    func podfileLock() throws {
        let url = try Shared.file(Self.parser + "swift/cocoapods/testdata/happy.lock")
        let file = try CocoaPodsLockParser.parse(try Shared.bytes(url), path: "Podfile.lock")
        #expect(
            Self.ids(file.packages) == [
                "AppCenter/Analytics@4.2.0", "AppCenter/Core@4.2.0", "AppCenter/Crashes@4.2.0", "AppCenter@4.2.0",
                "KeychainAccess@4.2.1",
            ])
        #expect(file.packages.allSatisfy { $0.ecosystem == .cocoaPods && $0.filePath == "Podfile.lock" })
        #expect(
            file.packages.first { $0.name == "AppCenter/Analytics" }?.purl == "pkg:cocoapods/AppCenter@4.2.0#Analytics")
        #expect(file.packages.first { $0.name == "KeychainAccess" }?.purl == "pkg:cocoapods/KeychainAccess@4.2.1")
        let sad = try CocoaPodsLockParser.parse(
            try Shared.bytes(try Shared.file(Self.parser + "swift/cocoapods/testdata/sad.lock")), path: "Podfile.lock")
        #expect(sad.packages.isEmpty)
        #expect(sad.warnings.map(\.path) == ["Podfile.lock"])
        let empty = try CocoaPodsLockParser.parse(
            try Shared.bytes(try Shared.file(Self.parser + "swift/cocoapods/testdata/empty.lock")),
            path: "Podfile.lock")
        #expect(empty.packages.isEmpty && empty.warnings.isEmpty)
    }

    @Test func podfileLockDirectDependencies() throws {
        let text = """
            PODS:
              - Alamofire (5.6.2)
              - "Firebase/Core (10.0.0)":
                - FirebaseCore (= 10.0.0)
              - FirebaseCore (10.0.0)

            DEPENDENCIES:
              - Alamofire (~> 5.6)
              - Firebase/Core

            COCOAPODS: 1.11.3
            """
        let file = try CocoaPodsLockParser.parse(Array(text.utf8), path: "ios/Podfile.lock")
        #expect(
            file.packages.map { "\($0.id) \($0.relationship?.rawValue ?? "-")" } == [
                "Alamofire@5.6.2 direct", "Firebase/Core@10.0.0 direct", "FirebaseCore@10.0.0 indirect",
            ])
        #expect(throws: CatalogError.self) { try CocoaPodsLockParser.parse(Array("PODS: 3\n".utf8), path: "x") }
    }

    @Test(
        .enabled(if: Shared.available(parser + "conda/meta")),
        arguments: [
            (
                "conda/meta/testdata/libgomp-11.2.0-h1234567_1.json", "libgomp@11.2.0",
                "GPL-3.0-only WITH GCC-exception-3.1"
            ),
            ("conda/meta/testdata/_libgcc_mutex-0.1-main.json", "_libgcc_mutex@0.1", nil),
        ])
    func condaMeta(fixture: String, id: String, license: String?) throws {
        let file = try CondaMetaParser.parse(
            try Shared.bytes(try Shared.file(Self.parser + fixture)), path: "opt/conda/conda-meta/x.json")
        #expect(file.type == .condaPackage)
        #expect(file.packages.map(\.id) == [id])
        #expect(file.packages.first?.licenses == license.map { [$0] } ?? [])
        #expect(file.packages.first?.purl == "pkg:conda/" + id)
    }

    @Test(
        .enabled(if: Shared.available(parser + "conda/meta")),
        arguments: ["conda/meta/testdata/invalid_package.json", "conda/meta/testdata/invalid_json.json"])
    func condaMetaRejected(fixture: String) throws {
        let bytes = try Shared.bytes(try Shared.file(Self.parser + fixture))
        #expect(throws: CatalogError.self) { try CondaMetaParser.parse(bytes, path: "conda-meta/x.json") }
    }

    /// Conda metadata is read in root filesystems and images, not in projects; Podfile.lock the other way
    /// round (Trivy's split).
    @Test(.enabled(if: Shared.available(analyzer + "conda/environment/testdata/conda-meta")))
    func condaAndCocoaPodsTargets() throws {
        let root = try PackagePaths.temporaryDirectory("lang-conda")
        try Self.copy(
            Self.analyzer + "conda/environment/testdata/conda-meta", to: "opt/conda/envs/app/conda-meta", in: root)
        try Self.copy(Self.parser + "swift/cocoapods/testdata/happy.lock", to: "ios/Podfile.lock", in: root)
        let rootfs = try DirectoryCataloger(mode: .rootfs).catalog(directory: root.path)
        let conda = rootfs.inventory.targets.filter { $0.type == "conda-pkg" }
        #expect(conda.map(\.name) == ["Conda"])
        #expect(
            Self.ids(conda.flatMap(\.packages)) == [
                "_libgcc_mutex@0.1", "_openmp_mutex@5.1", "blas@1.0", "bzip2@1.0.8",
            ])
        #expect(!rootfs.inventory.targets.contains { $0.type == "cocoapods" })
        let filesystem = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        #expect(filesystem.inventory.targets.map(\.type) == ["cocoapods"])
        #expect(filesystem.inventory.targets.first?.name == "ios/Podfile.lock")
    }

    /// Trivy's `merge.txtar`: a Go 1.15 `go.mod` whose `go.sum` adds the indirect dependency.
    @Test(.enabled(if: Shared.available(analyzer + "golang/mod/testdata")))
    func oldGoModWithGoSum() throws {
        let project = try PackagePaths.temporaryDirectory("lang-gosum")
        try LangTxtar.extract(try Shared.file(Self.analyzer + "golang/mod/testdata/merge.txtar"), into: project)
        for mode in [DirectoryCataloger.Mode.filesystem, .rootfs] {
            let result = try DirectoryCataloger(mode: mode).catalog(directory: project.path)
            let packages = result.inventory.targets.flatMap(\.packages)
            #expect(
                packages.map { "\($0.id) \($0.relationship?.rawValue ?? "-") \($0.filePath ?? "")" }.sorted() == [
                    "github.com/BurntSushi/toml@v0.3.1 indirect go.mod",
                    "github.com/aquasecurity/go-dep-parser@v0.0.0-20230219131432-590b1dfb6edd direct go.mod",
                    "github.com/org/repo root go.mod",
                ])
            #expect(result.inventory.targets.map(\.type) == ["gomod"])
        }
        // Without its go.sum the same go.mod lists its direct requirement only.
        try FileManager.default.removeItem(at: project.appendingPathComponent("go.sum"))
        let alone = try DirectoryCataloger(mode: .filesystem).catalog(directory: project.path)
        #expect(
            Self.ids(alone) == [
                "github.com/aquasecurity/go-dep-parser@v0.0.0-20230219131432-590b1dfb6edd", "github.com/org/repo",
            ])
    }

    /// Trivy's `happy.txtar` is a Go 1.17+ module: its go.sum adds nothing.
    @Test(.enabled(if: Shared.available(analyzer + "golang/mod/testdata")))
    func newGoModIgnoresGoSum() throws {
        let project = try PackagePaths.temporaryDirectory("lang-gosum-new")
        let archive = try Shared.file(Self.analyzer + "golang/mod/testdata/happy.txtar")
        try LangTxtar.extract(archive, into: project)
        let goMod = try GoModParser.parse(
            try Shared.bytes(project.appendingPathComponent("go.mod")), path: "go.mod")
        #expect(goMod.listsIndirectDependencies)
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: project.path)
        #expect(Self.ids(result) == Self.ids(GoModParser.packages(goMod, path: "go.mod")))
        #expect(!Self.ids(result).isEmpty)
    }

    static let pomData = parser + "java/pom/testdata/"

    /// A child of `org.example:example-parent:3.0.0`, which only the local repository holds: the parent
    /// declares `example-api` with its version managed through a property.
    static let childOfRepositoryParent = """
        <project>
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.example</groupId><artifactId>example-parent</artifactId><version>3.0.0</version>
          </parent>
          <artifactId>child</artifactId>
        </project>
        """

    /// POMs whose parent or BOM is only in a Maven local repository inside the scanned tree
    /// (`root/.m2/repository`, Trivy's test repository copied there): a parent declaring a dependency, and
    /// Trivy's `import-dependency-management` case (a BOM importing a BOM).
    @Test(
        .enabled(if: Shared.available(pomData + "repository")),
        arguments: [
            (nil, ["org.example:child:3.0.0", "org.example:example-api:3.0.1"]),
            ("import-dependency-management", ["com.example:import:2.0.0", "org.example:example-api:1.7.30"]),
        ])
    func pomWithLocalRepository(folder: String?, expected: [String]) throws {
        let root = try PackagePaths.temporaryDirectory("lang-pom")
        if let folder {
            try Self.copy(Self.pomData + folder + "/pom.xml", to: "app/pom.xml", in: root)
        } else {
            try FileManager.default.createDirectory(
                at: root.appendingPathComponent("app"), withIntermediateDirectories: true)
            try Data(Self.childOfRepositoryParent.utf8).write(to: root.appendingPathComponent("app/pom.xml"))
        }
        let alone = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        #expect(Self.ids(alone).count < expected.count && !Self.ids(alone).isEmpty)
        if folder != nil { #expect(alone.inventory.warnings.contains { $0.path == "app/pom.xml" }) }
        try Self.copy(Self.pomData + "repository", to: "root/.m2/repository", in: root)
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        let app = result.inventory.targets.first { $0.name == "app/pom.xml" }
        #expect(Self.ids(app?.packages ?? []) == expected)
        // Repository POMs are parents and BOMs, not projects (Trivy's test repository also holds a few
        // `pom.xml` files, which are projects like any other).
        #expect(!result.inventory.targets.contains { $0.name.hasSuffix(".pom") })
        #expect(!result.inventory.warnings.contains { $0.path == "app/pom.xml" })
    }

    /// Trivy's `parent-dependency-management`: the child's versions come from `../pom.xml`.
    @Test(.enabled(if: Shared.available(pomData + "parent-dependency-management")))
    func pomWithRelativeParent() throws {
        let root = try PackagePaths.temporaryDirectory("lang-pom-parent")
        try Self.copy(Self.pomData + "parent-dependency-management", to: "project", in: root)
        let result = try DirectoryCataloger(mode: .filesystem).catalog(directory: root.path)
        let child = try #require(result.inventory.targets.first { $0.name == "project/child/pom.xml" })
        let childPom = try PomParser.parse(
            try Shared.bytes(root.appendingPathComponent("project/child/pom.xml")), path: "child/pom.xml")
        let alone = PomParser.packages(childPom, path: "child/pom.xml")
        #expect(child.packages.count > alone.packages.count)
        #expect(!alone.warnings.isEmpty)
    }

    static let goBinaries = parser + "golang/binary/testdata/"

    /// A universal Mach-O file holding `slices` (each padded to a 4 KiB boundary), with 32-bit offsets
    /// (`0xcafebabe`) or, when `wide`, 64-bit ones (`0xcafebabf`).
    static func fat(_ slices: [[UInt8]], wide: Bool = false) -> [UInt8] {
        func word(_ value: Int, _ bytes: Int = 4) -> [UInt8] {
            (0..<bytes).map { UInt8(truncatingIfNeeded: value >> (8 * (bytes - 1 - $0))) }
        }
        var header: [UInt8] = [0xca, 0xfe, 0xba, wide ? 0xbf : 0xbe] + word(slices.count)
        var offset = 4096
        var body: [UInt8] = []
        for (index, slice) in slices.enumerated() {
            let padding = (4096 - slice.count % 4096) % 4096
            header += word(0x0100_0007 + index) + word(3)
            header +=
                wide
                ? word(offset, 8) + word(slice.count, 8) + word(12) + word(0)
                : word(offset) + word(slice.count) + word(12)
            body += slice + [UInt8](repeating: 0, count: padding)
            offset += slice.count + padding
        }
        return header + [UInt8](repeating: 0, count: 4096 - header.count) + body
    }

    static func binaryIDs(_ bytes: [UInt8]) throws -> [String] {
        guard case .languageFile(let file) = try ExecutableAnalyzer().analyze(path: "usr/bin/app", content: bytes)
        else { return [] }
        return ids(file.packages)
    }

    @Test(.enabled(if: Shared.available(goBinaries)))
    func fatMachO() throws {
        let first = try Shared.bytes(try Shared.file(Self.goBinaries + "test.macho"))
        let second = try Shared.bytes(try Shared.file(Self.goBinaries + "semver-main-module-version.macho"))
        let thinFirst = try Self.binaryIDs(first)
        let thinSecond = try Self.binaryIDs(second)
        #expect(!thinFirst.isEmpty && !thinSecond.isEmpty)
        #expect(FatMachO.slices(Self.fat([first, second]))?.count == 2)
        #expect(try Self.binaryIDs(Self.fat([first, second])) == Array(Set(thinFirst + thinSecond)).sorted())
        #expect(
            try Self.binaryIDs(Self.fat([first, second], wide: true)) == Array(Set(thinFirst + thinSecond)).sorted())
        // Identical slices (an arm64 and an x86_64 build of one module list the same packages) count once.
        #expect(try Self.binaryIDs(Self.fat([first, first])) == thinFirst)
        // A slice cut off by truncation is left out; the file stays usable.
        let cut = Array(Self.fat([first, second]).prefix(4096 + first.count + 10))
        #expect(try Self.binaryIDs(cut) == thinFirst)
    }

    /// Through a root filesystem scan: a fat program in `usr/local/bin` is found by the walker and reported
    /// as one `gobinary` target.
    @Test(.enabled(if: Shared.available(goBinaries)))
    func fatMachOInRootfs() throws {
        let first = try Shared.bytes(try Shared.file(Self.goBinaries + "test.macho"))
        let root = try PackagePaths.temporaryDirectory("lang-fat")
        let program = root.appendingPathComponent("usr/local/bin/app")
        try FileManager.default.createDirectory(
            at: program.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(Self.fat([first, first])).write(to: program)
        let result = try DirectoryCataloger(mode: .rootfs).catalog(directory: root.path)
        #expect(result.inventory.targets.map { "\($0.name) \($0.type)" } == ["usr/local/bin/app gobinary"])
        #expect(Self.ids(result) == (try Self.binaryIDs(first)))
    }

    /// Java class files start with the same `0xcafebabe`; their version (`0x00000034` = Java 8) is no
    /// architecture count.
    @Test(arguments: [
        [0xca, 0xfe, 0xba, 0xbe, 0x00, 0x00, 0x00, 0x34], [0xca, 0xfe, 0xba, 0xbe, 0x00, 0x03, 0x00, 0x2d],
    ])
    func javaClassIsNotFat(header: [UInt8]) throws {
        let bytes = header + [UInt8](repeating: 0, count: 64)
        #expect(!FatMachO.isFat(bytes))
        #expect(FatMachO.slices(bytes) == nil)
        #expect(try Self.binaryIDs(bytes) == [])
    }

    @Test(arguments: [
        ("Newtonsoft.Json", "newtonsoft.json"), ("System.Text.Encodings.Web", "SYSTEM.TEXT.ENCODINGS.WEB"),
    ])
    func nugetNamesIgnoreCase(written: String, advisory: String) {
        #expect(
            PackageNameKey.make(name: written, namespace: "NuGet")
                == PackageNameKey.make(name: advisory, namespace: "NuGet"))
        #expect(
            PackageNameKey.make(name: written, namespace: "npm")
                != PackageNameKey.make(name: advisory, namespace: "npm"))
    }
}
