import DrydockTestSupport
import Foundation

@testable import DrydockVulnDB

/// A served copy of the vendor feeds' layouts, built from the real documents in `../shared/advisories`:
/// Red Hat's `csaf/v2/vex/` (an `archive_latest.txt`, a `.tar.zst` archive made by GNU tar and zstd, `changes.csv`,
/// `deletions.csv`, per-CVE documents), SUSE's `csaf-vex.tar.bz2` and `csaf-vex/changes.csv`, Amazon Linux
/// repositories (`mirror.list` → `repodata/repomd.xml` → `updateinfo.xml.gz`) and a Fedora repository with an
/// xz-compressed updateinfo.
struct VendorFeedSite {
    let root: URL
    let shared: String

    init(shared: String) throws {
        self.shared = shared
        root = URL(fileURLWithPath: try VulnDBTestSupport.makeScratchDirectory("vendorsite"))
        // Red Hat: the archive holds two RHEL documents and one for another product only.
        let staging = root.appendingPathComponent("staging/redhat")
        for relative in ["2024/cve-2024-0727.json", "2023/cve-2023-4154.json"] {
            try copy("redhat-csaf/vex/" + relative, to: staging.appendingPathComponent(relative))
        }
        try VulnDBTestSupport.write(Self.otherProduct, to: "2024/cve-2024-9999.json", in: staging.path)
        let vex = root.appendingPathComponent("redhat/vex")
        try FileManager.default.createDirectory(at: vex, withIntermediateDirectories: true)
        try Self.run(
            "tar",
            [
                "--zstd", "-cf", vex.appendingPathComponent("csaf_vex_2024-09-01.tar.zst").path, "-C", staging.path,
                "2024", "2023",
            ])
        try VulnDBTestSupport.write("csaf_vex_2024-09-01.tar.zst\n", to: "redhat/vex/archive_latest.txt", in: root.path)
        try copy("redhat-csaf/vex/2026/cve-2026-2673.json", to: vex.appendingPathComponent("2026/cve-2026-2673.json"))
        try copy("redhat-csaf/vex/2023/cve-2023-6237.json", to: vex.appendingPathComponent("2023/cve-2023-6237.json"))
        try setRedHatChanges([
            ("2026/cve-2026-2673.json", "2026-03-25T10:00:00+00:00"),
            ("2024/cve-2024-0727.json", "2024-08-20T10:00:00+00:00"),
            ("2023/cve-2023-6237.json", "2024-08-02T10:00:00+00:00"),
        ])
        try VulnDBTestSupport.write("", to: "redhat/vex/deletions.csv", in: root.path)

        // SUSE: the archive holds the samba VEX document; changes.csv lists nothing newer yet.
        let suseStaging = root.appendingPathComponent("staging/suse/csaf-vex")
        try copy("suse/csaf-vex/cve-2023-5568.json", to: suseStaging.appendingPathComponent("cve-2023-5568.json"))
        let security = root.appendingPathComponent("suse")
        try FileManager.default.createDirectory(
            at: security.appendingPathComponent("csaf-vex"), withIntermediateDirectories: true)
        try Self.run(
            "tar",
            [
                "-cjf", security.appendingPathComponent("csaf-vex.tar.bz2").path, "-C",
                suseStaging.deletingLastPathComponent().path, "csaf-vex",
            ])
        try copy("suse/csaf-vex/cve-1999-0003.json", to: security.appendingPathComponent("csaf-vex/cve-1999-0003.json"))
        try VulnDBTestSupport.write(
            "\"cve-2023-5568.json\",\"2024-07-26T03:43:57Z\"\n", to: "suse/csaf-vex/changes.csv", in: root.path)

        // Amazon Linux 2023 (core, livepatch) and 2 (core, the kernel-5.15 extra).
        try repository(
            list: "amazon/al2023/core/mirrors/latest/x86_64/mirror.list", base: "amazon/al2023/core/guids/0a/$basearch",
            updateinfo: "amazon-alas-excerpts/updateinfo_2023.xml.gz")
        try repository(
            list: "amazon/al2023/kernel-livepatch/mirrors/latest/x86_64/mirror.list",
            base: "amazon/al2023/kernel-livepatch/guids/0b/$basearch",
            updateinfo: "amazon-alas-excerpts/updateinfo_2023_kernel-livepatch.xml.gz")
        try repository(
            list: "amazon/2/core/latest/x86_64/mirror.list", base: "amazon/2/core/2.0/x86_64/c1",
            updateinfo: "amazon-alas-excerpts/updateinfo_2.xml.gz")
        try repository(
            list: "amazon/2/extras/kernel-5.15/latest/x86_64/mirror.list",
            base: "amazon/2/extras/kernel-5.15/0c/x86_64",
            updateinfo: "amazon-alas-excerpts/updateinfo_2_kernel-5.15.xml.gz")
        // Fedora 40, xz-compressed as Fedora serves it.
        try setFedora(UpdateInfoImporterTests.fedora)
    }

    /// Rewrites Red Hat's `changes.csv`, newest first as Red Hat writes it.
    func setRedHatChanges(_ rows: [(String, String)]) throws {
        let text = rows.sorted { $0.1 > $1.1 }.map { "\"\($0.0)\",\"\($0.1)\"\n" }.joined()
        try VulnDBTestSupport.write(text, to: "redhat/vex/changes.csv", in: root.path)
    }

    /// Publishes `text` as Fedora 40's updateinfo (`updateinfo.xml.xz`) and its `repomd.xml`.
    func setFedora(_ text: String) throws {
        let repodata = root.appendingPathComponent("fedora/40/Everything/x86_64/repodata")
        try FileManager.default.createDirectory(at: repodata, withIntermediateDirectories: true)
        let plain = repodata.appendingPathComponent("updateinfo.xml")
        try Data(text.utf8).write(to: plain)
        for old in (try? FileManager.default.contentsOfDirectory(atPath: repodata.path)) ?? []
        where old.hasSuffix(".xz") {
            try FileManager.default.removeItem(at: repodata.appendingPathComponent(old))
        }
        try Self.run("xz", ["-f", plain.path])
        let bytes = try Data(contentsOf: repodata.appendingPathComponent("updateinfo.xml.xz"))
        let sum = YumUpdateInfoSync.digest([UInt8](bytes), type: "sha256") ?? ""
        try FileManager.default.moveItem(
            at: repodata.appendingPathComponent("updateinfo.xml.xz"),
            to: repodata.appendingPathComponent("\(sum)-updateinfo.xml.xz"))
        try Data(Self.repomd(href: "repodata/\(sum)-updateinfo.xml.xz", sum: sum).utf8)
            .write(to: repodata.appendingPathComponent("repomd.xml"))
    }

    private func repository(list: String, base: String, updateinfo: String) throws {
        let served = base.replacingOccurrences(of: "$basearch", with: "x86_64")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: shared + "/" + updateinfo))
        let sum = YumUpdateInfoSync.digest([UInt8](bytes), type: "sha256") ?? ""
        let href = "repodata/\(sum)-updateinfo.xml.gz"
        try bytes.write(to: try create(served + "/" + href))
        try Data(Self.repomd(href: href, sum: sum).utf8).write(to: try create(served + "/repodata/repomd.xml"))
        try Data("# mirrors\nPLACEHOLDER/\(base)\n".utf8).write(to: try create(list))
    }

    /// Points every `mirror.list` at `server`.
    func publish(for server: FeedServer) throws {
        let enumerator = FileManager.default.enumerator(atPath: root.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix("mirror.list") else { continue }
            let url = root.appendingPathComponent(path)
            let text = try String(contentsOf: url, encoding: .utf8)
            try Data(text.replacingOccurrences(of: "PLACEHOLDER", with: server.baseURL.absoluteString).utf8).write(
                to: url)
        }
    }

    private func create(_ relative: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        return url
    }

    private func copy(_ relative: String, to destination: URL) throws {
        try FileManager.default.createDirectory(
            at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: destination)
        try FileManager.default.copyItem(atPath: shared + "/" + relative, toPath: destination.path)
    }

    static func repomd(href: String, sum: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <repomd xmlns="http://linux.duke.edu/metadata/repo" xmlns:rpm="http://linux.duke.edu/metadata/rpm">
          <revision>1717000000</revision>
          <data type="primary"><checksum type="sha256">00</checksum><location href="repodata/00-primary.xml.gz"/></data>
          <data type="updateinfo_zck"><checksum type="sha256">11</checksum><location href="repodata/11-updateinfo.xml.zck"/></data>
          <data type="updateinfo">
            <checksum type="sha256">\(sum)</checksum>
            <open-checksum type="sha256">22</open-checksum>
            <location href="\(href)"/>
            <timestamp>1717000000</timestamp>
          </data>
        </repomd>
        """
    }

    /// A Red Hat VEX document about an OpenShift container only: recorded by the sync, not stored.
    static let otherProduct = """
        {"document": {"category": "csaf_vex", "csaf_version": "2.0", "title": "other",
          "publisher": {"category": "vendor", "name": "Red Hat Product Security", "namespace": "https://www.redhat.com"},
          "tracking": {"id": "CVE-2024-9999", "current_release_date": "2024-08-01T00:00:00+00:00"}},
         "product_tree": {"branches": [{"category": "vendor", "name": "Red Hat", "branches": [{"category": "product_name",
           "name": "OpenShift", "product": {"name": "OpenShift", "product_id": "ocp",
           "product_identification_helper": {"cpe": "cpe:/a:redhat:openshift:4"}}}]}]},
         "vulnerabilities": []}
        """

    static func run(_ tool: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.run(tool, arguments)
        guard result.status == 0 else {
            throw SiteError(description: "\(tool) \(arguments) failed: \(result.stderr)")
        }
    }
}

/// A tool the site needs failed.
struct SiteError: Error, CustomStringConvertible {
    var description: String
}
