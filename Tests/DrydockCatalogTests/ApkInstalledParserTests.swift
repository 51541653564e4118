import DrydockModel
import Foundation
import Testing

@testable import DrydockCatalog

struct ApkInstalledParserTests {
    /// Imitates the first records of Alpine 3.10's `lib/apk/db/installed`.
    static let sample = Samples.apkDatabase([
        Samples.apkRecord(
            "musl", "1.1.22-r3",
            files: ["lib": ["libc.musl-x86_64.so.1", "ld-musl-x86_64.so.1"], "usr": [], "usr/lib": []]),
        Samples.apkRecord(
            "busybox", "1.30.1-r3", license: "GPL-2.0", files: ["bin": ["busybox"], "etc": ["udhcpd.conf"]]),
        Samples.apkRecord("libcrypto1.1", "1.1.1d-r2", origin: "openssl", license: "OpenSSL"),
        Samples.apkRecord(
            "ca-certificates-cacert", "20191127-r0", origin: "ca-certificates", license: "MPL-2.0 GPL-2.0-or-later"),
    ])

    @Test func parsesFieldsOfEveryRecord() throws {
        let database = try ApkInstalledParser.parse(Array(Self.sample.utf8))
        #expect(database.kind == .apk)
        #expect(database.warnings.isEmpty)
        #expect(
            database.packages.map(\.id) == [
                "musl@1.1.22-r3", "busybox@1.30.1-r3", "libcrypto1.1@1.1.1d-r2", "ca-certificates-cacert@20191127-r0",
            ])
        let musl = database.packages[0]
        #expect(musl.ecosystem == .alpine)
        #expect(musl.architecture == "x86_64")
        #expect(musl.licenses == ["MIT"])
        #expect(musl.sourceName == "musl")
        #expect(musl.filePath == "lib/apk/db/installed")
        #expect(musl.installedFiles == ["lib/libc.musl-x86_64.so.1", "lib/ld-musl-x86_64.so.1"])
        #expect(musl.purl == nil)
        #expect(musl.layer == nil)
        #expect(database.packages[2].sourceName == "openssl")
        #expect(database.packages[2].advisoryName == "openssl")
        #expect(database.packages[3].licenses == ["MPL-2.0", "GPL-2.0-or-later"])
    }

    @Test func handlesCRLFAndMissingTrailingNewline() throws {
        let text = "P:zlib\r\nV:1.2.11-r1\r\nA:x86_64\r\n\r\nP:scanelf\r\nV:1.2.3-r0"
        let database = try ApkInstalledParser.parse(Array(text.utf8))
        #expect(database.packages.map(\.id) == ["zlib@1.2.11-r1", "scanelf@1.2.3-r0"])
        #expect(database.packages[0].architecture == "x86_64")
    }

    @Test func rootFilesWithoutFolder() throws {
        let database = try ApkInstalledParser.parse(Array("P:x\nV:1-r0\nR:top\nF:etc\nR:conf\n".utf8))
        #expect(database.packages.first?.installedFiles == ["top", "etc/conf"])
    }

    @Test func malformedRecordsAreSkippedWithWarnings() throws {
        let text = """
            P:good
            V:1.0-r0

            P:noversion
            A:x86_64

            V:2.0-r0
            A:x86_64

            this line is junk
            P:good
            V:1.0-r1

            P:last
            V:3.0-r0

            """
        let database = try ApkInstalledParser.parse(Array(text.utf8), path: "lib/apk/db/installed")
        #expect(database.packages.map(\.id) == ["good@1.0-r0", "last@3.0-r0"])
        #expect(
            database.warnings.map(\.description) == [
                "lib/apk/db/installed:4: record for noversion has no version (V:); skipped",
                "lib/apk/db/installed:7: record has no package name (P:); skipped",
                "lib/apk/db/installed:10: line is not a `X:value` field; ignored",
                "lib/apk/db/installed:10: second record for package good; skipped",
            ])
    }

    @Test func lostBlankLineStartsANewRecord() throws {
        let database = try ApkInstalledParser.parse(Array("P:a\nV:1-r0\nP:b\nV:2-r0\n".utf8))
        #expect(database.packages.map(\.id) == ["a@1-r0", "b@2-r0"])
        #expect(
            database.warnings.map(\.description) == [
                "lib/apk/db/installed:3: new record starts without a blank line before it"
            ])
    }

    @Test func binaryContentIsATypedError() {
        #expect(throws: CatalogError.self) {
            try ApkInstalledParser.parse([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x50, 0x3a])
        }
    }

    @Test func emptyFileHasNoPackages() throws {
        let database = try ApkInstalledParser.parse([UInt8]())
        #expect(database.packages.isEmpty)
        #expect(database.warnings.isEmpty)
    }

    /// Every prefix of the sample parses without crashing, never yields a package the full file lacks,
    /// and a cut inside a record either drops it with a warning or keeps a consistent prefix of it.
    @Test func everyTruncationIsSafe() throws {
        let bytes = Array(Self.sample.utf8)
        let full = try ApkInstalledParser.parse(bytes)
        let fullNames = Set(full.packages.map(\.name))
        for length in 0...bytes.count {
            let cut = try ApkInstalledParser.parse(bytes.prefix(length))
            #expect(cut.packages.count <= full.packages.count)
            for package in cut.packages {
                #expect(fullNames.contains(package.name) || fullNames.contains(where: { $0.hasPrefix(package.name) }))
            }
        }
    }

    @Test(
        "licenses are split into separate entries",
        arguments: [
            ("MIT", ["MIT"]),
            ("MIT BSD GPL2+", ["MIT", "BSD", "GPL2+"]),
            ("MPL-2.0 GPL-2.0-or-later", ["MPL-2.0", "GPL-2.0-or-later"]),
            ("MIT AND (Apache-2.0 OR BSD-2-Clause)", ["MIT", "Apache-2.0", "BSD-2-Clause"]),
            ("GPL-2.0-only WITH Linux-syscall-note", ["GPL-2.0-only WITH Linux-syscall-note"]),
            ("MPL 2.0 GPL2+", ["MPL-2.0", "GPL2+"]),
            ("LGPL 2.1+ or Artistic", ["LGPL-2.1+", "Artistic"]),
            ("MIT, BSD", ["MIT", "BSD"]),
            ("MIT MIT", ["MIT"]),
            ("", []),
        ])
    func splitsLicenses(value: String, expected: [String]) {
        #expect(ApkLicense.split(value) == expected)
    }

    static let alpineImage = "fixtures/images/alpine-310.tar.gz"

    /// The real database of Alpine 3.10.4, extracted with the system `tar`; the package list is checked
    /// against `grep '^P:'` / `grep '^V:'` on the same file.
    @Test(.enabled(if: Shared.available(alpineImage)))
    func realAlpineDatabase() throws {
        let root = try CatalogFixturesHelpers.extract(Shared.file(Self.alpineImage), paths: ["lib/apk/db/installed"])
        let url = root.appendingPathComponent("lib/apk/db/installed")
        let bytes = try Shared.bytes(url)
        let database = try ApkInstalledParser.parse(bytes)
        let names = try CatalogFixturesHelpers.grep("^P:", in: url).map { String($0.dropFirst(2)) }
        let versions = try CatalogFixturesHelpers.grep("^V:", in: url).map { String($0.dropFirst(2)) }
        #expect(names.count == 14)
        #expect(database.packages.map(\.name) == names)
        #expect(database.packages.map(\.version) == versions)
        #expect(database.warnings.isEmpty)
        let rFiles = try CatalogFixturesHelpers.grep("^R:", in: url).count
        #expect(database.packages.reduce(0) { $0 + $1.installedFiles.count } == rFiles)
        let musl = try #require(database.packages.first { $0.name == "musl" })
        #expect(musl.version == "1.1.22-r3")
        #expect(musl.installedFiles.contains("lib/libc.musl-x86_64.so.1"))
    }

    static let trivyApk = "fixtures/trivy/pkg/fanal/analyzer/pkg/apk/testdata/apk"

    @Test(.enabled(if: Shared.available(trivyApk)))
    func trivyApkSample() throws {
        let url = try Shared.file(Self.trivyApk)
        let database = try ApkInstalledParser.parse(try Shared.bytes(url))
        let names = try CatalogFixturesHelpers.grep("^P:", in: url).map { String($0.dropFirst(2)) }
        // The sample holds one record with no `V:` line, on purpose: it must be skipped with a warning.
        #expect(!names.isEmpty)
        #expect(database.packages.map(\.name) == names.filter { $0 != "invalidPackageWithoutAVersion" })
        #expect(
            database.warnings.map(\.message) == [
                "record for invalidPackageWithoutAVersion has no version (V:); skipped"
            ])
    }
}
