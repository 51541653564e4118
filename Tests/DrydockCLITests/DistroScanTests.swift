import DrydockTestSupport
import Foundation
import Testing

/// One distribution scanned end to end: an image with its os-release and package database, an OSV record in
/// its release's namespace and a decoy in another release's.
struct DistroScanCase: Sendable, CustomStringConvertible {
    enum Database: Sendable { case rpm, apk, dpkg }

    var id: String
    var versionID: String
    var family: String
    var database: Database
    var namespace: String
    var otherRelease: String
    /// The name the vendor's advisories use (binary for RPMs except Microsoft's, which name source packages; origin
    /// or source otherwise).
    var advisoryName: String
    var binary: String
    var installed: String
    var fixed: String

    var description: String { "\(id) \(versionID)" }

    /// The image's files.
    func files() -> [String: FileSpec] {
        var files: [String: FileSpec] = [
            "etc/os-release": .file(DistroFixtures.osRelease(id: id, versionID: versionID))
        ]
        switch database {
        case .rpm:
            let dash = installed.lastIndex(of: "-") ?? installed.endIndex
            var version = String(installed[..<dash])
            var epoch: Int32?
            if let colon = version.firstIndex(of: ":") {
                epoch = Int32(version[..<colon])
                version = String(version[version.index(after: colon)...])
            }
            let release = String(installed[installed.index(after: dash)...])
            // A source name the advisories do not use, except for Azure Linux and CBL-Mariner, whose do.
            let source = ["mariner", "azurelinux"].contains(id) ? advisoryName : "\(advisoryName)-src"
            let header = RPMHeaderBuilder.package(
                name: binary, epoch: epoch, version: version, release: release,
                sourceRPM: "\(source)-\(version)-\(release).src.rpm"
            ).build()
            files["var/lib/rpm/Packages"] = .bytes(RPMContainerBuilder.berkeleyHash([header]))
        case .apk:
            files["lib/apk/db/installed"] = .file(
                "P:\(binary)\nV:\(installed)\nA:x86_64\no:\(advisoryName)\n\n")
        case .dpkg:
            files["var/lib/dpkg/status"] = .file(
                "Package: \(binary)\nStatus: install ok installed\nVersion: \(installed)\nArchitecture: amd64\n"
                    + "Source: \(advisoryName)\n\n")
        }
        return files
    }
}

@Suite("Scanning each distribution end to end")
struct DistroScanTests {
    static let cases: [DistroScanCase] = [
        .init(
            id: "alpine", versionID: "3.19.1", family: "alpine", database: .apk, namespace: "Alpine:v3.19",
            otherRelease: "Alpine:v3.18", advisoryName: "openssl", binary: "libcrypto3", installed: "3.1.4-r5",
            fixed: "3.1.4-r6"),
        .init(
            id: "debian", versionID: "12", family: "debian", database: .dpkg, namespace: "Debian:12",
            otherRelease: "Debian:11", advisoryName: "openssl", binary: "libssl3", installed: "3.0.11-1~deb12u2",
            fixed: "3.0.13-1~deb12u1"),
        .init(
            id: "ubuntu", versionID: "22.04", family: "ubuntu", database: .dpkg, namespace: "Ubuntu:22.04:LTS",
            otherRelease: "Ubuntu:20.04:LTS", advisoryName: "openssl", binary: "libssl3",
            installed: "3.0.2-0ubuntu1.12", fixed: "3.0.2-0ubuntu1.15"),
        .init(
            id: "rhel", versionID: "9.3", family: "redhat", database: .rpm,
            namespace: "Red Hat:enterprise_linux:9::appstream", otherRelease: "Red Hat:enterprise_linux:8::appstream",
            advisoryName: "openssl-libs", binary: "openssl-libs", installed: "1:3.0.7-24.el9", fixed: "1:3.0.7-27.el9"),
        .init(
            id: "centos", versionID: "7", family: "centos", database: .rpm,
            namespace: "Red Hat:enterprise_linux:7::server", otherRelease: "Red Hat:enterprise_linux:8::baseos",
            advisoryName: "bash", binary: "bash", installed: "4.2.46-34.el7",
            fixed: "4.2.46-35.el7_9"),
        .init(
            id: "rocky", versionID: "9.3", family: "rocky", database: .rpm, namespace: "Rocky Linux:9",
            otherRelease: "Rocky Linux:8", advisoryName: "curl", binary: "curl", installed: "7.76.1-26.el9",
            fixed: "7.76.1-26.el9_3.2"),
        .init(
            id: "almalinux", versionID: "8.9", family: "alma", database: .rpm, namespace: "AlmaLinux:8",
            otherRelease: "AlmaLinux:9", advisoryName: "glibc", binary: "glibc", installed: "2.28-236.el8",
            fixed: "2.28-236.el8_9.12"),
        .init(
            id: "ol", versionID: "9.3", family: "oracle", database: .rpm, namespace: "Oracle Linux:9",
            otherRelease: "Oracle Linux:8", advisoryName: "libxml2", binary: "libxml2", installed: "2.9.13-5.el9_3",
            fixed: "2.9.13-6.el9_4"),
        .init(
            id: "amzn", versionID: "2", family: "amazon", database: .rpm, namespace: "Amazon Linux:2",
            otherRelease: "Amazon Linux:2023", advisoryName: "openssl-libs", binary: "openssl-libs",
            installed: "1:1.0.2k-24.amzn2.0.7", fixed: "1:1.0.2k-24.amzn2.0.10"),
        .init(
            id: "fedora", versionID: "40", family: "fedora", database: .rpm, namespace: "Fedora:40",
            otherRelease: "Fedora:39", advisoryName: "python3-libs", binary: "python3-libs", installed: "3.12.2-2.fc40",
            fixed: "3.12.3-2.fc40"),
        .init(
            id: "sles", versionID: "15.5", family: "suse linux enterprise server", database: .rpm,
            namespace: "SUSE:Linux Enterprise Server 15 SP5", otherRelease: "SUSE:Linux Enterprise Server 15 SP4",
            advisoryName: "libopenssl3", binary: "libopenssl3", installed: "3.0.8-150500.5.20.1",
            fixed: "3.0.8-150500.5.27.1"),
        .init(
            id: "sle-micro", versionID: "5.5", family: "suse linux enterprise micro", database: .rpm,
            namespace: "SUSE:Linux Enterprise Micro 5.5", otherRelease: "SUSE:Linux Enterprise Micro 5.4",
            advisoryName: "libzypp", binary: "libzypp", installed: "17.31.15-150400.3.40.1",
            fixed: "17.31.20-150400.3.49.1"),
        .init(
            id: "opensuse-leap", versionID: "15.5", family: "opensuse.leap", database: .rpm,
            namespace: "openSUSE:Leap 15.5", otherRelease: "openSUSE:Leap 15.4", advisoryName: "libcurl4",
            binary: "libcurl4", installed: "8.0.1-150400.5.36.1", fixed: "8.0.1-150400.5.41.1"),
        .init(
            id: "opensuse-tumbleweed", versionID: "20240101", family: "opensuse.tumbleweed", database: .rpm,
            namespace: "openSUSE:Tumbleweed", otherRelease: "openSUSE:Leap 15.3", advisoryName: "libcurl4",
            binary: "libcurl4", installed: "8.5.0-1.1", fixed: "8.6.0-1.1"),
        .init(
            id: "photon", versionID: "5.0", family: "photon", database: .rpm, namespace: "Photon OS:5.0",
            otherRelease: "Photon OS:4.0", advisoryName: "openssl-libs", binary: "openssl-libs",
            installed: "3.0.9-1.ph5", fixed: "3.0.9-3.ph5"),
        .init(
            id: "mariner", versionID: "2.0", family: "cbl-mariner", database: .rpm, namespace: "Mariner:2.0",
            otherRelease: "Azure Linux:3.0", advisoryName: "glibc", binary: "glibc-devel", installed: "2.35-6.cm2",
            fixed: "2.35-7.cm2"),
        .init(
            id: "azurelinux", versionID: "3.0", family: "azurelinux", database: .rpm, namespace: "Azure Linux:3.0",
            otherRelease: "Mariner:2.0", advisoryName: "libxml2", binary: "libxml2", installed: "2.11.5-1.azl3",
            fixed: "2.11.5-2.azl3"),
        .init(
            id: "wolfi", versionID: "20230201", family: "wolfi", database: .apk, namespace: "Wolfi",
            otherRelease: "Chainguard", advisoryName: "openssl", binary: "libcrypto3", installed: "3.2.1-r0",
            fixed: "3.2.1-r1"),
        .init(
            id: "chainguard", versionID: "20230214", family: "chainguard", database: .apk, namespace: "Chainguard",
            otherRelease: "Wolfi", advisoryName: "openssl-3", binary: "libcrypto3", installed: "3.2.1-r0",
            fixed: "3.2.1-r1"),
    ]

    /// One DB for every case: per case, `DRY-N` in the case's namespace and `DRY-N-OTHER` in the other release's
    /// (no case's decoy lands in another case's namespace under its package name).
    static let database: Result<String, any Error> = Result {
        let directory = try PackagePaths.temporaryDirectory("distro-osv")
        for (index, scan) in cases.enumerated() {
            for (suffix, namespace) in [("", scan.namespace), ("-OTHER", scan.otherRelease)] {
                let record: [String: Any] = [
                    "schema_version": "1.6.0", "id": "DRY-\(index)\(suffix)", "modified": "2024-01-01T00:00:00Z",
                    "affected": [
                        [
                            "package": ["ecosystem": namespace, "name": scan.advisoryName],
                            "ranges": [
                                ["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": scan.fixed]]]
                            ],
                        ]
                    ],
                ]
                let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
                try data.write(to: directory.appendingPathComponent("DRY-\(index)\(suffix).json"))
            }
        }
        return try CLI.buildDatabase([directory.path])
    }

    @Test("detected, listed and matched against its own release only", arguments: cases.indices)
    func scan(index: Int) throws {
        let scan = Self.cases[index]
        let image = try ImageFixtures.dockerArchive(layers: [scan.files()], repoTags: ["example/\(scan.id):1"])
        let (result, report) = try CLI.scanJSON(image.path, database: try Self.database.get())
        #expect(result.status == 0, "\(result.stderr)")
        let os = (report["Metadata"] as? [String: Any])?["OS"] as? [String: Any]
        #expect(os?["Family"] as? String == scan.family)
        #expect(os?["Name"] as? String == scan.versionID)
        #expect(CLI.findingRows(report) == [[scan.binary, scan.installed, "DRY-\(index)", scan.fixed, "UNKNOWN"]])
        #expect(!result.stderr.contains("has no advisories"), "\(result.stderr)")
    }

    @Test("rootfs reads the RPM database and matches it; fs (a project folder) does not read it")
    func rootfsAndFilesystem() throws {
        let index = try #require(Self.cases.firstIndex { $0.id == "rocky" })
        let scan = Self.cases[index]
        let root = try PackagePaths.temporaryDirectory("distro-rootfs")
        try ImageFixtures.writeTree(scan.files(), into: root)
        let database = try Self.database.get()
        let rootfs = try CLI.run(["rootfs", root.path, "--db", database, "--format", "json"])
        #expect(rootfs.status == 0, "\(rootfs.stderr)")
        let rootfsReport = (try? JSONSerialization.jsonObject(with: rootfs.stdout)) as? [String: Any] ?? [:]
        #expect(CLI.findingRows(rootfsReport).map { $0[2] } == ["DRY-\(index)"])
        let project = try CLI.run(["fs", root.path, "--db", database, "--format", "json", "--list-all-pkgs"])
        #expect(project.status == 0, "\(project.stderr)")
        let projectReport = (try? JSONSerialization.jsonObject(with: project.stdout)) as? [String: Any] ?? [:]
        #expect(CLI.findingRows(projectReport).isEmpty)
        let results = projectReport["Results"] as? [[String: Any]] ?? []
        #expect(results.allSatisfy { ($0["Packages"] as? [[String: Any]] ?? []).isEmpty })
    }
}
