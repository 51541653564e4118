import DrydockTestSupport
import Foundation

/// A small Debian 12 image and OSV `Debian:N` advisories written by the tests, with the findings
/// they must produce worked out by hand (each version order checked with `dpkg --compare-versions`
/// in `DebianScanTests.oracleAgrees`).
enum DebianScenario {
    /// `var/lib/dpkg/status` as dpkg writes it on bookworm (trimmed to the fields Drydock reads).
    static let status = """
        Package: libssl3
        Status: install ok installed
        Priority: optional
        Architecture: amd64
        Source: openssl
        Version: 3.0.11-1~deb12u1
        Description: Secure Sockets Layer toolkit - shared libraries

        Package: openssl
        Status: install ok installed
        Architecture: amd64
        Version: 3.0.11-1~deb12u1
        Description: Secure Sockets Layer toolkit - cryptographic utility

        Package: zlib1g
        Status: install ok installed
        Architecture: amd64
        Source: zlib
        Version: 1:1.2.13.dfsg-1
        Description: compression library - runtime

        Package: bash
        Essential: yes
        Status: install ok installed
        Architecture: amd64
        Source: bash (5.2.15-2)
        Version: 5.2.15-2+b2
        Description: GNU Bourne Again SHell

        Package: oldtool
        Status: deinstall ok config-files
        Architecture: amd64
        Version: 1.0-1
        Description: removed package whose config files remain

        """

    static let osRelease = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        VERSION="12 (bookworm)"
        VERSION_CODENAME=bookworm
        ID=debian

        """

    /// The image's single layer.
    static var layer: [String: FileSpec] {
        [
            "etc/os-release": .file(osRelease),
            "etc/debian_version": .file("12.5\n"),
            "var/lib/dpkg/status": .file(status),
            "usr/bin/bash": .file("#!binary"),
        ]
    }

    /// One OSV record.
    static func osv(
        id: String, aliases: [String] = [], ecosystem: String = "Debian:12", package: String,
        events: [[String: String]], cvss: String? = nil, summary: String? = nil
    ) -> [String: Any] {
        var record: [String: Any] = [
            "schema_version": "1.6.0", "id": id, "modified": "2024-01-02T03:04:05Z",
            "published": "2023-10-24T00:00:00Z",
            "aliases": aliases,
            "affected": [
                [
                    "package": ["ecosystem": ecosystem, "name": package],
                    "ranges": [["type": "ECOSYSTEM", "events": events]],
                ]
            ],
            "references": [["type": "ADVISORY", "url": "https://security-tracker.debian.org/tracker/\(id)"]],
        ]
        if let cvss { record["severity"] = [["type": "CVSS_V3", "score": cvss]] }
        if let summary { record["summary"] = summary }
        return record
    }

    /// The advisories, as (file name, record).
    static var advisories: [(String, [String: Any])] {
        [
            // openssl source: both binaries are below the fix → two findings, shown by CVE, severity from CVSS 9.8.
            (
                "DSA-5532-1.json",
                osv(
                    id: "DSA-5532-1", aliases: ["CVE-2023-5363"], package: "openssl",
                    events: [["introduced": "0"], ["fixed": "3.0.11-1~deb12u2"]],
                    cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                    summary: "openssl: incorrect cipher key length")
            ),
            // Same openssl fix for Debian 11 only: must not match a Debian 12 image.
            (
                "DSA-5533-1.json",
                osv(
                    id: "DSA-5533-1", ecosystem: "Debian:11", package: "openssl",
                    events: [["introduced": "0"], ["fixed": "9.9-1"]])
            ),
            // zlib fixed exactly at the installed version (epoch 1): not vulnerable.
            (
                "DEBIAN-CVE-2022-37434.json",
                osv(
                    id: "DEBIAN-CVE-2022-37434", package: "zlib",
                    events: [["introduced": "0"], ["fixed": "1:1.2.13.dfsg-1"]])
            ),
            // zlib without a fix yet: vulnerable, status affected.
            (
                "DEBIAN-CVE-2023-45853.json",
                osv(
                    id: "DEBIAN-CVE-2023-45853", aliases: ["CVE-2023-45853"], package: "zlib",
                    events: [["introduced": "0"]])
            ),
            // bash matched by source version 5.2.15-2 (the binary is a binNMU 5.2.15-2+b2).
            (
                "DEBIAN-CVE-2022-3715.json",
                osv(
                    id: "DEBIAN-CVE-2022-3715", aliases: ["CVE-2022-3715"], package: "bash",
                    events: [["introduced": "0"], ["fixed": "5.2.15-3"]])
            ),
            // A fix without epoch sorts below the installed 1:… version: not vulnerable.
            (
                "DEBIAN-CVE-2018-25032.json",
                osv(
                    id: "DEBIAN-CVE-2018-25032", package: "zlib",
                    events: [["introduced": "0"], ["fixed": "1.2.13.dfsg-2"]])
            ),
            // A removed package (config-files only) is not installed: never matched.
            (
                "DEBIAN-CVE-2099-0001.json",
                osv(id: "DEBIAN-CVE-2099-0001", package: "oldtool", events: [["introduced": "0"]])
            ),
        ]
    }

    /// (PkgName, InstalledVersion, VulnerabilityID, FixedVersion or "", Severity), sorted as the report sorts.
    static let expected: [[String]] = [
        ["bash", "5.2.15-2+b2", "CVE-2022-3715", "5.2.15-3", "UNKNOWN"],
        ["libssl3", "3.0.11-1~deb12u1", "CVE-2023-5363", "3.0.11-1~deb12u2", "CRITICAL"],
        ["openssl", "3.0.11-1~deb12u1", "CVE-2023-5363", "3.0.11-1~deb12u2", "CRITICAL"],
        ["zlib1g", "1:1.2.13.dfsg-1", "CVE-2023-45853", "", "UNKNOWN"],
    ]

    /// Writes the advisories into a new directory.
    static func writeAdvisories() throws -> URL {
        let directory = try PackagePaths.temporaryDirectory("debian-osv")
        for (name, record) in advisories {
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            try data.write(to: directory.appendingPathComponent(name))
        }
        return directory
    }
}
