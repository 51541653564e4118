import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// Damaged copies of every language format's real fixtures (Trivy's test data): cut in half, and with
/// bytes flipped through the file. A scan never crashes or fails over them; a copy that yields none of
/// the original's packages is named by a warning, so the user knows a file was not read.
@Suite("Damaged language files fail cleanly with a warning naming the file")
struct LanguageDamageTests {
    static let parser = "fixtures/trivy/pkg/dependency/parser/"

    /// (format, fixture folder, file name suffix, where the copy is placed, mode that reads it).
    static let formats: [(String, String, String, String, DirectoryCataloger.Mode)] = [
        ("pip", "python/pip/testdata", ".txt", "requirements.txt", .filesystem),
        ("pipenv", "python/pipenv/testdata", ".lock", "Pipfile.lock", .filesystem),
        ("poetry", "python/poetry/testdata", ".lock", "poetry.lock", .filesystem),
        ("uv", "python/uv/testdata", ".lock", "uv.lock", .filesystem),
        ("pylock", "python/pylock/testdata", ".toml", "pylock.toml", .filesystem),
        ("python-pkg", "python/packaging/testdata", "METADATA", "x-1.0.dist-info/METADATA", .rootfs),
        ("npm", "nodejs/npm/testdata", ".json", "package-lock.json", .filesystem),
        ("yarn", "nodejs/yarn/testdata", ".lock", "yarn.lock", .filesystem),
        ("pnpm", "nodejs/pnpm/testdata", ".yaml", "pnpm-lock.yaml", .filesystem),
        ("bun", "nodejs/bun/testdata", ".lock", "bun.lock", .filesystem),
        ("node-pkg", "nodejs/packagejson/testdata", ".json", "node_modules/x/package.json", .rootfs),
        ("bundler", "ruby/bundler/testdata", ".lock", "Gemfile.lock", .filesystem),
        ("gemspec", "ruby/gemspec/testdata", ".gemspec", "specifications/x.gemspec", .rootfs),
        ("composer", "php/composer/testdata", ".lock", "composer.lock", .filesystem),
        ("nuget", "nuget/lock/testdata", ".json", "packages.lock.json", .filesystem),
        ("nuget-config", "nuget/config/testdata", ".config", "packages.config", .filesystem),
        ("dotnet-core", "dotnet/core_deps/testdata", ".json", "app.deps.json", .filesystem),
        ("packages-props", "nuget/packagesprops/testdata", "props", "Directory.Packages.props", .filesystem),
        ("pub", "dart/pub/testdata", ".lock", "pubspec.lock", .filesystem),
        ("swift", "swift/swift/testdata", "Package.resolved", "Package.resolved", .filesystem),
        ("cocoapods", "swift/cocoapods/testdata", ".lock", "Podfile.lock", .filesystem),
        ("hex", "hex/mix/testdata", ".lock", "mix.lock", .filesystem),
        ("conan", "c/conan/testdata", ".lock", "conan.lock", .filesystem),
        ("conda-pkg", "conda/meta/testdata", ".json", "opt/conda/conda-meta/x.json", .rootfs),
        ("jar", "java/jar/testdata", "", "app/x.jar", .rootfs),
        ("gradle", "gradle/lockfile/testdata", ".lockfile", "gradle.lockfile", .filesystem),
        ("sbt", "sbt/lockfile/testdata", ".sbt.lock", "build.sbt.lock", .filesystem),
        ("gomod", "golang/mod/testdata", "", "go.mod", .filesystem),
        ("gobinary", "golang/binary/testdata", "", "usr/bin/x", .rootfs),
        ("cargo", "rust/cargo/testdata", ".lock", "Cargo.lock", .filesystem),
        ("rustbinary", "rust/binary/testdata", "", "usr/bin/x", .rootfs),
    ]

    /// The fixtures of a format: regular files ending with `suffix`, or `go.mod` in each sub-folder for Go
    /// modules and `pom.xml` likewise for POMs.
    static func fixtures(_ folder: String, suffix: String) throws -> [URL] {
        let url = try Shared.file(parser + folder)
        let manager = FileManager.default
        var files: [URL] = []
        for name in try manager.contentsOfDirectory(atPath: url.path).sorted() {
            let item = url.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: item.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let module = item.appendingPathComponent(folder.hasPrefix("golang/mod") ? "go.mod" : "pom.xml")
                if manager.fileExists(atPath: module.path) { files.append(module) }
            } else if suffix.isEmpty || name.hasSuffix(suffix) {
                files.append(item)
            }
        }
        return files
    }

    /// Formats read line by line, where a copy cut at any point is also a valid shorter file: the first
    /// half of `requirements_operator.txt` holds only ranges, which are not pins, so it rightly gives
    /// nothing. For these, a truncated copy must only not give more than the original.
    static let lineOriented: Set<String> = ["pip"]

    /// The first half of `bytes`.
    static func truncated(_ bytes: [UInt8]) -> [UInt8] { Array(bytes.prefix(bytes.count / 2)) }

    /// `bytes` with 32 bytes, spread evenly, inverted.
    static func flipped(_ bytes: [UInt8]) -> [UInt8] {
        var copy = bytes
        guard !copy.isEmpty else { return copy }
        for index in 1...32 { copy[(copy.count * index / 33) % copy.count] ^= 0xff }
        return copy
    }

    @Test(
        .enabled(if: Shared.available(parser)),
        arguments: formats + [("pom", "java/pom/testdata", "", "pom.xml", .filesystem)])
    func damagedCopies(format: String, folder: String, suffix: String, placed: String, mode: DirectoryCataloger.Mode)
        throws
    {
        let root = try PackagePaths.temporaryDirectory("lang-damage-\(format)")
        var copies: [(fixture: String, original: String, damaged: [String])] = []
        for (index, fixture) in try Self.fixtures(folder, suffix: suffix).enumerated() {
            let bytes = try Shared.bytes(fixture)
            var paths: [String] = []
            for (kind, content) in [
                ("original", bytes), ("truncated", Self.truncated(bytes)), ("flipped", Self.flipped(bytes)),
            ] {
                let path = "\(kind)-\(index)/\(placed)"
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content).write(to: url)
                if placed.hasPrefix("usr/bin/") {
                    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
                }
                paths.append(path)
            }
            copies.append((fixture.lastPathComponent, paths[0], Array(paths.dropFirst())))
        }
        #expect(!copies.isEmpty, "no fixtures for \(format)")
        let inventory = try DirectoryCataloger(mode: mode).catalog(directory: root.path).inventory
        var packages: [String: Int] = [:]
        for target in inventory.targets where target.kind == .languagePackages {
            for package in target.packages { packages[package.filePath ?? target.name, default: 0] += 1 }
        }
        var silent: [String] = []
        var originals = 0
        for (fixture, original, damaged) in copies where packages[original, default: 0] > 0 {
            originals += 1
            for path in damaged where packages[path, default: 0] == 0 {
                if Self.lineOriented.contains(format), path.hasPrefix("truncated-") { continue }
                if !inventory.warnings.contains(where: { $0.description.hasPrefix(path) }) { silent.append(path) }
            }
            // A multi-document pnpm file cut before its last document falls back to an earlier one, which
            // may list more packages: the one exception to "a cut copy never gains packages".
            let truncated = damaged[0]
            #expect(
                packages[truncated, default: 0] <= packages[original, default: 0]
                    || fixture == "pnpm-lock_v9_multiple_documents.yaml", "\(fixture)")
        }
        #expect(originals > 0, "no fixture of \(format) gave packages")
        #expect(silent == [], "damaged copies that gave nothing and no warning (\(format))")
    }
}
