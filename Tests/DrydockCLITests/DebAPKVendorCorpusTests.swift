import DrydockTestSupport
import Foundation
import Testing

/// Issue 24's accuracy tests for Ubuntu (Canonical's OSV records, dpkg's rules, source packages, Pro/ESM) and
/// Wolfi (its advisory YAML, apk's rules, origins): images written by the test with real package names and
/// versions from the vendor files, scanned end to end against `drydock db build` on the real files, compared
/// with `scripts/oracles/ubuntu_expected.py` (`dpkg --compare-versions`) and
/// `scripts/oracles/wolfi_expected.py` (PyYAML, univers' apk versions).
@Suite("Ubuntu and Wolfi feeds against independent oracles", .enabled(if: PackagePaths.hasShared))
struct DebAPKVendorCorpusTests {
    /// A dpkg status stanza.
    static func deb(_ name: String, _ version: String, source: String? = nil) -> String {
        var stanza = "Package: \(name)\nStatus: install ok installed\nArchitecture: amd64\nVersion: \(version)\n"
        if let source { stanza += "Source: \(source)\n" }
        return stanza
    }

    @Test("Ubuntu 22.04: CVE records by source package, USNs folded into them, Ubuntu priorities")
    func jammy() throws {
        let status = [
            Self.deb("openssh-client", "1:8.9p1-3ubuntu0.7", source: "openssh"),
            Self.deb("openssh-server", "1:8.9p1-3ubuntu0.10", source: "openssh"),
            Self.deb("libc6", "2.35-0ubuntu3.13", source: "glibc"),
            Self.deb("libc-bin", "2.35-0ubuntu3.13", source: "glibc"),
            Self.deb("zabbix-agent", "1:5.0.17+dfsg-1", source: "zabbix"),
            Self.deb("curl", "7.81.0-1ubuntu1.24"),
            Self.deb("base-files", "12ubuntu4.6"),
        ].joined(separator: "\n")
        let image = try VendorCorpus.image(
            id: "ubuntu", version: "22.04", files: ["var/lib/dpkg/status": .file(status)])
        let osv = VendorCorpus.advisories("ubuntu/osv")
        let (report, lines) = try VendorCorpus.scan(image, sources: [osv], severity: true)
        let expected = try VendorCorpus.oracle("ubuntu_expected.py", [image.path, osv])
        #expect(lines == expected)
        #expect(lines.contains("openssh-client 1:8.9p1-3ubuntu0.7 CVE-2024-6387 1:8.9p1-3ubuntu0.10 fixed HIGH"))
        #expect(lines.contains("libc6 2.35-0ubuntu3.13 CVE-2016-20013 - affected LOW"))
        #expect(!lines.contains { $0.contains("USN-") }, "the USN repeats the CVE record")
        #expect(VendorCorpus.coverage(report)["Namespace"] as? String == "Ubuntu:22.04:LTS")
        let vulnerability = (report["Results"] as? [[String: Any]])?.first?["Vulnerabilities"] as? [[String: Any]]
        let ssh = vulnerability?.first { $0["PkgName"] as? String == "openssh-client" }
        #expect(ssh?["SeveritySource"] as? String == "ubuntu")
        #expect((ssh?["VendorSeverity"] as? [String: Any])?["ubuntu"] != nil)
    }

    @Test("Ubuntu 20.04 with Ubuntu Pro: the Pro records apply only when ESM is enabled")
    func focalPro() throws {
        let status = [
            Self.deb("libc6", "2.31-0ubuntu9.18", source: "glibc"),
            Self.deb("zabbix-agent", "1:4.0.17+dfsg-1", source: "zabbix"),
            Self.deb("sssd", "2.2.3-3ubuntu0.13"),
        ].joined(separator: "\n")
        let osv = VendorCorpus.advisories("ubuntu/osv")
        let esm = #"{"attached": true, "services": [{"name": "esm-infra", "status": "enabled"}]}"#
        for pro in [false, true] {
            var files: [String: FileSpec] = ["var/lib/dpkg/status": .file(status)]
            if pro { files["var/lib/ubuntu-advantage/status.json"] = .file(esm) }
            let image = try VendorCorpus.image(id: "ubuntu", version: "20.04", files: files)
            let (_, lines) = try VendorCorpus.scan(image, sources: [osv], severity: true)
            let expected = try VendorCorpus.oracle(
                "ubuntu_expected.py", [image.path, osv] + (pro ? ["--pro"] : []))
            #expect(lines == expected)
            #expect(lines.contains { $0.hasPrefix("libc6 ") } == pro, "glibc is fixed in 20.04 only under Pro")
            #expect(lines.contains { $0.hasPrefix("sssd 2.2.3-3ubuntu0.13 CVE-2016-20013 ") })
        }
    }

    /// An apk `installed` stanza.
    static func apk(_ name: String, _ version: String, origin: String? = nil) -> String {
        "P:\(name)\nV:\(version)\nA:x86_64\no:\(origin ?? name)\n"
    }

    @Test("Wolfi: advisory YAML by origin, latest event by time, statuses")
    func wolfi() throws {
        let installed = [
            Self.apk("openssl", "3.3.1-r0"),
            Self.apk("libcrypto3", "3.3.1-r0", origin: "openssl"),
            Self.apk("brotli", "1.0.9-r0"),
            Self.apk("busybox", "1.36.1-r5"),
            Self.apk("glibc", "2.39-r0"),
            Self.apk("ld-linux", "2.39-r0", origin: "glibc"),
            Self.apk("curl", "8.7.1-r0"),
            Self.apk("libcurl-openssl4", "8.7.1-r0", origin: "curl"),
            Self.apk("python-3.12", "3.12.3-r0"),
            Self.apk("git", "2.45.0-r0"),
            Self.apk("zlib", "1.3.1-r0"),
            Self.apk("wolfi-baselayout", "20230201-r7"),
        ].joined(separator: "\n")
        let image = try VendorCorpus.image(
            id: "wolfi", version: "20230201", files: ["lib/apk/db/installed": .file(installed)])
        // The documents of the installed origins (files are named after them; `package.name` decides), so the
        // debug build stays quick; the whole directory is imported by `VendorImporterTests`.
        let origins = ["openssl", "brotli", "busybox", "glibc", "curl", "python-3.12", "git", "zlib"]
        let all = VendorCorpus.advisories("wolfi")
        let documents = origins.map { "\($0).advisories.yaml" }
        for (origin, document) in zip(origins, documents) {
            let head = try String(contentsOfFile: all + "/" + document, encoding: .utf8).prefix(200)
            #expect(head.contains("package:\n  name: \(origin)\n"), "\(document) is \(origin)'s")
        }
        let yaml = try VendorCorpus.folder(documents.map { all + "/" + $0 }, name: "wolfi-yaml")
        let (report, lines) = try VendorCorpus.scan(image, sources: [yaml])
        let expected = try VendorCorpus.oracle("wolfi_expected.py", [image.path, yaml], systemPython: false)
        #expect(lines == expected)
        #expect(lines.count >= 30, "the image should be vulnerable: \(lines)")
        #expect(lines.contains { $0.hasPrefix("libcrypto3 3.3.1-r0 CVE-2024-5535 3.3.1-r3 fixed") })
        #expect(Set(lines.map { $0.split(separator: " ").last.map(String.init) ?? "" }).count >= 2, "statuses")
        let os = VendorCorpus.coverage(report)
        #expect(os["Namespace"] as? String == "Wolfi")
        // The statuses are usable by the policy: Trivy's `--ignore-status`.
        let database = try CLI.buildDatabase([yaml])
        let (_, filtered) = try CLI.scanJSON(
            image.path, database: database, extra: ["--ignore-status", "under_investigation,fix_deferred"])
        #expect(
            VendorCorpus.lines(filtered)
                == lines.filter { !$0.hasSuffix(" under_investigation") && !$0.hasSuffix(" fix_deferred") })
        #expect(os["Feeds"] as? [String] == ["Wolfi advisory YAML"])
    }
}
