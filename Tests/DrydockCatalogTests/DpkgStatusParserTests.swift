import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockCatalog

struct DpkgStatusParserTests {
    /// Imitates Debian 12's `var/lib/dpkg/status`: installed, removed and held packages.
    static let sample = [
        Samples.dpkgStanza("libc6", "2.36-9+deb12u4", source: "glibc"),
        Samples.dpkgStanza("login", "1:4.13+dfsg1-1+b1", source: "shadow (1:4.13+dfsg1-1)"),
        Samples.dpkgStanza("tzdata", "2024a-0+deb12u1", arch: "all"),
        Samples.dpkgStanza("oldpkg", "1.0-1", status: "deinstall ok config-files"),
        Samples.dpkgStanza("gone", "1.0-1", status: "purge ok not-installed"),
        Samples.dpkgStanza("halfway", "1.0-1", status: "install reinstreq half-installed"),
        Samples.dpkgStanza("pinned", "3.0-2", status: "hold ok installed"),
    ].joined(separator: "\n")

    @Test func keepsInstalledPackagesOnly() throws {
        let database = try DpkgStatusParser.parse(Array(Self.sample.utf8))
        #expect(database.kind == .dpkg)
        #expect(database.warnings.isEmpty)
        #expect(
            database.packages.map(\.id) == [
                "libc6@2.36-9+deb12u4", "login@1:4.13+dfsg1-1+b1", "tzdata@2024a-0+deb12u1", "pinned@3.0-2",
            ])
    }

    @Test func sourceAndArchitecture() throws {
        let packages = try DpkgStatusParser.parse(Array(Self.sample.utf8)).packages
        let libc = packages[0]
        #expect(libc.ecosystem == .debian)
        #expect(libc.architecture == "amd64")
        #expect(libc.sourceName == "glibc")
        #expect(libc.sourceVersion == nil)
        #expect(libc.advisoryVersion == "2.36-9+deb12u4")
        #expect(libc.filePath == "var/lib/dpkg/status")
        let login = packages[1]
        #expect(login.sourceName == "shadow")
        #expect(login.sourceVersion == "1:4.13+dfsg1-1")
        let tzdata = packages[2]
        #expect(tzdata.sourceName == "tzdata")
        #expect(tzdata.architecture == "all")
    }

    @Test(
        arguments: [
            ("glibc", "glibc", nil),
            ("shadow (1:4.13+dfsg1-1)", "shadow", "1:4.13+dfsg1-1"),
            ("  pam   ( 1.5.2-6 )  ", "pam", "1.5.2-6"),
            ("name (", "name", nil),
            ("name ()", "name", nil),
        ] as [(String, String, String?)])
    func splitsSource(value: String, name: String, version: String?) {
        let split = DpkgStatusParser.splitSource(value)
        #expect(split.name == name)
        #expect(split.version == version)
    }

    @Test(
        arguments: [
            ("install ok installed", true), ("hold ok installed", true), ("deinstall ok installed", false),
            ("install ok half-configured", false), ("purge ok not-installed", false), ("installed", false),
            ("", false),
        ])
    func statusWords(status: String, installed: Bool) {
        #expect(DpkgStatusParser.isInstalled(status: status) == installed)
    }

    @Test func fieldNamesIgnoreCaseAndContinuationLinesAreSkipped() throws {
        let text =
            "package: a\r\nSTATUS: install ok installed\r\nversion: 1.0\r\nDescription: x\r\n Version: 9.9\r\n\r\n"
        let database = try DpkgStatusParser.parse(Array(text.utf8))
        #expect(database.packages.map(\.id) == ["a@1.0"])
    }

    @Test func malformedStanzasGiveWarnings() throws {
        // Imitates the corrupted status file in Trivy's dpkg test data: a stanza with no Version.
        let text = """
            Package: libpam-runtime
            Status: install ok installed
            Version: 1.1.8-3.1ubuntu3

            Package: brokenPackageWithNoVersionThatShouldGetThrownOut
            Status: install ok installed

            Status: install ok installed
            Version: 1.0

            Package: nostatus
            Version: 2.0
            this line has no colon

            Package: libgcc1
            Status: install ok installed
            Version: 1:8-20180414-1ubuntu2
            garbage without colon
            """
        let database = try DpkgStatusParser.parse(Array(text.utf8))
        #expect(database.packages.map(\.id) == ["libpam-runtime@1.1.8-3.1ubuntu3", "libgcc1@1:8-20180414-1ubuntu2"])
        #expect(
            database.warnings.map(\.description) == [
                "var/lib/dpkg/status:5: stanza for brokenPackageWithNoVersionThatShouldGetThrownOut has no Version field; skipped",
                "var/lib/dpkg/status:8: stanza has no Package field; skipped",
                "var/lib/dpkg/status:13: line is not a `Field: value` line; ignored",
                "var/lib/dpkg/status:11: stanza for nostatus has no Status field; skipped",
                "var/lib/dpkg/status:18: line is not a `Field: value` line; ignored",
            ])
    }

    @Test func distrolessStatusFileNeedsNoStatus() throws {
        // Imitates gcr.io/distroless/base's `var/lib/dpkg/status.d/libssl3`.
        let text = "Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n"
        let database = try DpkgStatusParser.parse(
            Array(text.utf8), path: "var/lib/dpkg/status.d/libssl3", requireStatus: false)
        #expect(database.packages.map(\.id) == ["libssl3@3.0.11-1~deb12u2"])
        #expect(database.packages[0].sourceName == "openssl")
        #expect(database.packages[0].filePath == "var/lib/dpkg/status.d/libssl3")
    }

    @Test func duplicateStanzaIsSkipped() throws {
        let text =
            Samples.dpkgStanza("a", "1") + "\n" + Samples.dpkgStanza("a", "2") + "\n"
            + Samples.dpkgStanza("a", "1", arch: "i386")
        let database = try DpkgStatusParser.parse(Array(text.utf8))
        #expect(database.packages.map { "\($0.id):\($0.architecture ?? "")" } == ["a@1:amd64", "a@1:i386"])
        #expect(database.warnings.count == 1)
    }

    @Test func lostBlankLineStartsANewStanza() throws {
        let text =
            "Package: a\nStatus: install ok installed\nVersion: 1\nPackage: b\nStatus: install ok installed\nVersion: 2\n"
        let database = try DpkgStatusParser.parse(Array(text.utf8))
        #expect(database.packages.map(\.id) == ["a@1", "b@2"])
        #expect(
            database.warnings.map(\.description) == [
                "var/lib/dpkg/status:4: new stanza starts without a blank line before it"
            ])
    }

    @Test func binaryContentIsATypedError() {
        #expect(throws: CatalogError.self) { try DpkgStatusParser.parse([0x50, 0x00, 0x01]) }
    }

    @Test func everyTruncationIsSafe() throws {
        let bytes = Array(Self.sample.utf8)
        let full = try DpkgStatusParser.parse(bytes)
        for length in stride(from: 0, through: bytes.count, by: 3) {
            let cut = try DpkgStatusParser.parse(bytes.prefix(length))
            #expect(cut.packages.count <= full.packages.count)
        }
    }

    @Test func fileListKeepsFilesNotFolders() {
        // Imitates Debian 12's `var/lib/dpkg/info/tar.list`, where `/etc` comes long before `/etc/rmt`.
        let text = """
            /.
            /bin
            /bin/tar
            /etc
            /usr
            /usr/sbin
            /usr/sbin/rmt-tar
            /usr/sbin/tarcat
            /usr/share/doc/tar
            /usr/share/info
            /etc/rmt

            """
        #expect(
            DpkgFileList.parse(Array(text.utf8)) == [
                "bin/tar", "usr/sbin/rmt-tar", "usr/sbin/tarcat", "usr/share/doc/tar", "usr/share/info", "etc/rmt",
            ])
        #expect(DpkgFileList.parse([UInt8]()) == [])
        #expect(DpkgFileList.parse(Array("/.\n".utf8)) == [])
    }

    @Test(
        arguments: [
            ("var/lib/dpkg/info/tar.list", "tar", nil),
            ("var/lib/dpkg/info/libc6:amd64.list", "libc6", "amd64"),
            ("var/lib/dpkg/info/tar.md5sums", nil, nil),
            ("var/lib/dpkg/info/sub/x.list", nil, nil),
            ("var/lib/dpkg/info/.list", nil, nil),
        ] as [(String, String?, String?)])
    func listOwners(path: String, name: String?, arch: String?) {
        let owner = DpkgFileList.owner(ofListAt: path)
        #expect(owner?.name == name)
        #expect(owner?.architecture == arch)
    }

    /// This machine's own dpkg database (a frozen copy), checked against `dpkg-query` on the same copy
    /// (installed packages only).
    @Test(.enabled(if: CatalogFixtures.HostDpkgSnapshot.available))
    func thisMachinesDatabaseMatchesDpkgQuery() throws {
        let snapshot = try CatalogFixtures.HostDpkgSnapshot.take()
        let database = try DpkgStatusParser.parse(snapshot.status)
        let expected = try snapshot.installedPackages()
        let parsed = database.packages.map {
            "\($0.name) \($0.version) \($0.architecture ?? "") \($0.advisoryName) \($0.advisoryVersion)"
        }
        #expect(expected.count > 50)
        #expect(parsed.sorted() == expected.sorted())
        #expect(database.warnings.isEmpty)
    }

    static let trivyValid = "fixtures/trivy/pkg/fanal/analyzer/pkg/dpkg/testdata/valid.txtar"

    /// Trivy's Ubuntu status sample (a txtar archive; the status section is cut out here).
    @Test(.enabled(if: Shared.available(trivyValid)))
    func trivyUbuntuStatusSample() throws {
        let text = String(decoding: try Shared.bytes(try Shared.file(Self.trivyValid)), as: UTF8.self)
        let section = try #require(text.components(separatedBy: "-- var/lib/dpkg/status --\n").dropFirst().first)
        let status = section.components(separatedBy: "\n-- ").first ?? section
        let database = try DpkgStatusParser.parse(Array(status.utf8))
        let stanzas = status.components(separatedBy: "\n").filter { $0.hasPrefix("Package: ") }.count
        let notInstalled = status.components(separatedBy: "\n").filter {
            $0.hasPrefix("Status: ") && !DpkgStatusParser.isInstalled(status: String($0.dropFirst(8)))
        }.count
        #expect(stanzas > 0)
        #expect(database.packages.count == stanzas - notInstalled)
        let fdisk = try #require(database.packages.first { $0.name == "fdisk" })
        #expect(fdisk.sourceName == "util-linux")
        #expect(fdisk.version == "2.31.1-0.4ubuntu3.1")
    }
}
