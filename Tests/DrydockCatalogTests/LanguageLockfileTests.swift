import DrydockCatalog
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// The lockfile parsers on Trivy's own test data, checked against the Python oracle's independent
/// reading of each file (`json`, `tomllib`, PyYAML).
@Suite("Language lockfiles against an independent reader")
struct LanguageLockfileTests {
    static let parserRoot = "fixtures/trivy/pkg/dependency/parser/"

    /// (oracle kind, format, fixture under `parserRoot`).
    static let cases: [(String, LanguageFileType, String)] = [
        ("pipenv", .pipenv, "python/pipenv/testdata/Pipfile_django.lock"),
        ("pipenv", .pipenv, "python/pipenv/testdata/Pipfile_many.lock"),
        ("pipenv", .pipenv, "python/pipenv/testdata/Pipfile_normal.lock"),
        ("poetry", .poetry, "python/poetry/testdata/poetry_flask.lock"),
        ("poetry", .poetry, "python/poetry/testdata/poetry_normal.lock"),
        ("poetry", .poetry, "python/poetry/testdata/poetry_v2_flask.lock"),
        ("uv", .uv, "python/uv/testdata/uv_multiple_roots.lock"),
        ("uv", .uv, "python/uv/testdata/uv_normal.lock"),
        ("uv", .uv, "python/uv/testdata/uv_without_root.lock"),
        ("pylock", .pylock, "python/pylock/testdata/pylock.toml"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v1.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v2.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_broken_link.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_with-same-dev-and-non-dev.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_with_legacy_licenses.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_with_peer.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_with_workspace.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_with_workspace_as_object.json"),
        ("npm", .npm, "nodejs/npm/testdata/package-lock_v3_without_root_deps_field.json"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_archives.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_many.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_normal.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v6.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v6_with_dev.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v9.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v9_cyclic_import.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v9_multi_version.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v9_multiple_documents.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_v9_same-vers-diff-peers.yaml"),
        ("pnpm", .pnpm, "nodejs/pnpm/testdata/pnpm-lock_with_dev.yaml"),
        ("bun", .bun, "nodejs/bun/testdata/bun_happy.lock"),
        ("bun", .bun, "nodejs/bun/testdata/bun_multiple_ws.lock"),
        ("composer", .composer, "php/composer/testdata/composer_happy.lock"),
        ("nuget", .nuget, "nuget/lock/testdata/packages_lock_legacy.json"),
        ("nuget", .nuget, "nuget/lock/testdata/packages_lock_multi.json"),
        ("nuget", .nuget, "nuget/lock/testdata/packages_lock_simple.json"),
        ("nuget", .nuget, "nuget/lock/testdata/packages_lock_subdependencies.json"),
        ("dotnet-core", .dotnetCore, "dotnet/core_deps/testdata/ambiguous-root.deps.json"),
        ("dotnet-core", .dotnetCore, "dotnet/core_deps/testdata/happy.deps.json"),
        ("dotnet-core", .dotnetCore, "dotnet/core_deps/testdata/multi-project.deps.json"),
        ("dotnet-core", .dotnetCore, "dotnet/core_deps/testdata/self-contained.deps.json"),
        ("dotnet-core", .dotnetCore, "dotnet/core_deps/testdata/without-runtime.deps.json"),
        ("pub", .pub, "dart/pub/testdata/happy.lock"),
        ("swift", .swift, "swift/swift/testdata/happy-v1-Package.resolved"),
        ("swift", .swift, "swift/swift/testdata/happy-v2-Package.resolved"),
        ("conan", .conan, "c/conan/testdata/happy_v1_case1.lock"),
        ("conan", .conan, "c/conan/testdata/happy_v1_case2.lock"),
        ("conan", .conan, "c/conan/testdata/happy_v2.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_happy.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_v2_deps_with_protocol.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_v2_happy.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_with_bad_protocol.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_with_git.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_with_local.lock"),
        ("yarn", .yarn, "nodejs/yarn/testdata/yarn_with_npm.lock"),
        ("bundler", .bundler, "ruby/bundler/testdata/Gemfile_bundler2.lock"),
        ("bundler", .bundler, "ruby/bundler/testdata/Gemfile_normal.lock"),
        ("hex", .hex, "hex/mix/testdata/happy.mix.lock"),
        ("hex", .hex, "hex/mix/testdata/empty.mix.lock"),
        ("conan", .conan, "c/conan/testdata/sad_v1.lock"),
    ]

    static var enabled: Bool { Shared.available(parserRoot) && LanguageOracle.available }

    @Test(
        "each lockfile lists exactly the packages the oracle reads", .enabled(if: LanguageLockfileTests.enabled),
        arguments: cases)
    func agreesWithOracle(kind: String, type: LanguageFileType, fixture: String) throws {
        let url = try Shared.file(Self.parserRoot + fixture)
        let file = try LanguageFixtures.parse(type, url)
        // The oracle prints `name@version` for every type (Trivy's IDs differ per type: compare name and version).
        let ours = Set(file.packages.map { $0.version.isEmpty ? $0.name : "\($0.name)@\($0.version)" }).sorted()
        let oracle = Set(try LanguageOracle.packages(kind: kind, path: url.path)).sorted()
        #expect(ours == oracle, "\(fixture)")
        #expect(file.packages.allSatisfy { $0.filePath == url.path && $0.purl != nil })
    }

    @Test(
        "truncated copies fail with a located error or yield fewer packages, never crash",
        .enabled(if: LanguageLockfileTests.enabled), arguments: cases)
    func truncated(kind: String, type: LanguageFileType, fixture: String) throws {
        let url = try Shared.file(Self.parserRoot + fixture)
        let bytes = try Shared.bytes(url)
        let full = try LanguageFixtures.parse(type, url).packages.count
        let half = Array(bytes.prefix(bytes.count / 2))
        do throws(CatalogError) {
            let file = try LanguageFixtures.format(type).parse(half, url.path)
            // A multi-document pnpm file cut before its last document falls back to the first one.
            #expect(file.packages.count <= full || fixture.contains("multiple_documents"))
            // JSON cut in half can never be valid.
            #expect(!fixture.hasSuffix(".json"), "truncated JSON was accepted: \(fixture)")
        } catch {
            #expect(error.location.hasPrefix(url.path))
            #expect(error.code == .malformedLockfile)
        }
    }

    @Test(
        "lockfiles with broken syntax are rejected with the file named", .enabled(if: LanguageLockfileTests.enabled),
        arguments: [
            (LanguageFileType.bun, "nodejs/bun/testdata/bun_invalid.lock"),
            (.dotnetCore, "dotnet/core_deps/testdata/invalid.deps.json"),
            (.pylock, "python/pylock/testdata/sad.toml"),
            (.bundler, "ruby/bundler/testdata/Gemfile_malformed.lock"),
        ])
    func rejected(type: LanguageFileType, fixture: String) throws {
        let url = try Shared.file(Self.parserRoot + fixture)
        #expect(throws: CatalogError.self) { try LanguageFixtures.parse(type, url) }
    }

    @Test("relationships and development flags follow the lockfile", .enabled(if: LanguageLockfileTests.enabled))
    func relationships() throws {
        let lock = try LanguageFixtures.parse(
            .npm,
            try Shared.file(Self.parserRoot + "nodejs/npm/testdata/package-lock_v3_with-same-dev-and-non-dev.json"))
        #expect(lock.packages.contains { $0.relationship == .direct })
        #expect(lock.packages.contains { $0.relationship == .indirect })
        let pub = try LanguageFixtures.parse(.pub, try Shared.file(Self.parserRoot + "dart/pub/testdata/happy.lock"))
        #expect(pub.packages.first { $0.name == "crypto" }?.relationship == .direct)
        #expect(pub.packages.first { $0.name == "uuid" }?.relationship == .indirect)
    }
}

/// Parses fixtures with the format registered for a type.
enum LanguageFixtures {
    static func format(_ type: LanguageFileType) -> LanguageFormat {
        LanguageFormats.all.first { $0.type == type } ?? LanguageFormats.pip
    }

    static func parse(_ type: LanguageFileType, _ url: URL) throws(CatalogError) -> LanguageFile {
        let bytes = (try? Shared.bytes(url)) ?? []
        return try format(type).parse(bytes, url.path)
    }
}
