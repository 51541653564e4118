import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockVulnDB

/// The vendor importers on the real files in `../shared/advisories` (and on damaged copies the tests make).
@Suite("Vendor feed importers", .enabled(if: VulnDBTestSupport.sharedAdvisoriesDirectory() != nil))
struct VendorImporterTests {
    let shared = VulnDBTestSupport.sharedAdvisoriesDirectory() ?? ""

    func file(_ relative: String) throws -> FeedFile {
        let path = shared + "/" + relative
        return FeedFile(path: path, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    func rows(_ records: ImportedRecords, _ name: String) -> [AffectedPackage] {
        records.affected.filter { $0.packageName == name }
    }

    @Test("Azure Linux 3.0 OVAL: source names, release from the dist tag, damaged states repaired")
    func azureLinux() throws {
        let records = try OVALImporter().parse(file("azurelinux-oval/azurelinux-3.0-oval.xml"))
        #expect(records.records > 2000)
        #expect(Set(records.affected.map(\.namespace)) == ["Azure Linux:3.0"])
        let openssh = rows(records, "openssh").first { $0.advisoryID == "CVE-2025-26466" }
        #expect(
            openssh?.ranges == [
                AffectedRange(kind: .ecosystem, events: [.introduced("0"), .fixed("9.8p1-3.azl3")])
            ])
        #expect(openssh?.status == .fixed)
        #expect(openssh?.severity == .high)
        // `0:1.17.13-2,1.18.8-2,1.21.6-1.azl3`: the highest; `0:httpd-2.4.2.azl3`: the name removed.
        let fixes = Set(records.affected.flatMap(\.fixedVersions))
        #expect(fixes.contains("1.21.6-1.azl3"))
        #expect(
            !fixes.contains { $0.contains(",") || $0.hasPrefix("httpd") || $0.hasPrefix(" ") || $0.hasPrefix("0:") })
        #expect(fixes.contains("2.4.2"))
        let advisory = records.advisories.first { $0.advisory.id == "CVE-2025-26466" }
        #expect(advisory?.advisory.vendorSeverity["azure"] == .high)
    }

    @Test("CBL-Mariner 2.0 OVAL: `less than or equal` is affected up to the version; Not Applicable adds nothing")
    func mariner() throws {
        let records = try OVALImporter().parse(file("azurelinux-oval/cbl-mariner-2.0-oval.xml"))
        #expect(Set(records.affected.map(\.namespace)) == ["Mariner:2.0"])
        let syslinux = rows(records, "syslinux").first { $0.advisoryID == "CVE-2022-3857" }
        #expect(syslinux?.status == .affected)
        #expect(syslinux?.ranges.first?.events == [.introduced("0"), .lastAffected("6.04-10.cm2")])
        // CVE-2023-44487 for nghttp2 is marked Not Applicable.
        #expect(!rows(records, "nghttp2").contains { $0.advisoryID == "CVE-2023-44487" })
        #expect(records.warnings.contains { $0.contains("null") }, "0:null.cm2 is reported, not guessed")
    }

    @Test("Oracle ELSA OVAL (bzip2): release, epoch, module stream, one row per CVE")
    func oracle() throws {
        let records = try OVALImporter().parse(file("oracle-oval-excerpt/com.oracle.elsa-all.xml.bz2"))
        let bind = rows(records, "bind")
        #expect(Set(bind.map(\.advisoryID)) == ["CVE-2007-0493", "CVE-2007-0494"])
        #expect(bind.first?.namespace == "Oracle Linux:5")
        #expect(bind.first?.fixedVersions == ["30:9.3.3-8.el5"])
        #expect(bind.first?.severity == .medium)
        let hivex = rows(records, "hivex")
        #expect(hivex.first?.namespace == "Oracle Linux:8")
        #expect(hivex.first?.module == "virt:kvm_utils")
        let advisory = records.advisories.first { $0.advisory.id == "CVE-2007-0493" }?.advisory
        #expect(advisory?.title?.hasPrefix("ELSA-2007-0057:") == true)
        #expect(advisory?.references.contains("https://linux.oracle.com/errata/ELSA-2007-0057.html") == true)
        #expect(advisory?.cvss.first?.version == 2)
    }

    @Test("a truncated bzip2 file and broken XML are errors naming the file")
    func damaged() throws {
        let whole = try file("oracle-oval-excerpt/com.oracle.elsa-all.xml.bz2")
        let truncated = FeedFile(path: "cut.xml.bz2", bytes: Array(whole.bytes.prefix(whole.bytes.count / 2)))
        let cut = #expect(throws: VulnDBError.self) { try OVALImporter().parse(truncated) }
        #expect(cut?.location == "cut.xml.bz2")
        #expect(cut?.reason.contains("ends early") == true, "\(String(describing: cut))")
        let broken = FeedFile(path: "broken.xml", bytes: Array("<oval_definitions><definitions><definition".utf8))
        do {
            _ = try OVALImporter().parse(broken)
            Issue.record("broken XML was accepted")
        } catch {
            // The file, line and column where the parser stopped.
            #expect(error.location.hasPrefix("broken.xml:1:"))
            #expect(error.reason.contains("not well-formed XML"))
        }
    }

    @Test("Photon 3.0 OVAL and 5.0 CVE metadata")
    func photon() throws {
        let oval = try OVALImporter().parse(file("photon/oval/com.vmware.phsa-photon3.xml"))
        #expect(oval.records == 222)
        #expect(Set(oval.affected.map(\.namespace)) == ["Photon OS:3.0"])
        let sqlite = rows(oval, "sqlite-libs").first { $0.advisoryID == "CVE-2019-16168" }
        #expect(sqlite?.fixedVersions == ["3.27.2-5.ph3"])
        #expect(
            oval.advisories.first { $0.advisory.id == "CVE-2019-16168" }?.advisory.title?.hasPrefix("PHSA-2020:00001")
                == true)

        let document = try JSONParser.parse(try file("photon/cve-metadata-canonicalized/5.0.json").bytes)
        #expect(PhotonCVEImporter().recognizes(document))
        #expect(!OSVImporter().recognizes(document))
        let metadata = try PhotonCVEImporter().parse(document, file: "5.0.json")
        #expect(metadata.records == 18_812)
        #expect(Set(metadata.affected.map(\.namespace)) == ["Photon OS:5.0"])
        let ansible = rows(metadata, "ansible").first { $0.advisoryID == "CVE-2023-5115" }
        #expect(ansible?.fixedVersions == ["2.14.12-1.ph5"])
        #expect(ansible?.severity == .medium)
    }

    @Test("Wolfi advisory YAML: the latest event by time decides, statuses kept")
    func wolfiYAML() throws {
        let importer = WolfiAdvisoryImporter()
        let openssl = try file("wolfi/openssl.advisories.yaml")
        #expect(importer.recognizes(head: Array(openssl.bytes.prefix(FeedFile.headLength))))
        let records = try importer.parse(openssl)
        let fixed = records.affected.first { $0.advisoryID == "CGA-3mrr-589r-46qj" }
        #expect(fixed?.fixedVersions == ["3.3.1-r3"])
        #expect(fixed?.namespace == "Wolfi")
        #expect(
            records.advisories.first { $0.advisory.id == "CGA-3mrr-589r-46qj" }?.advisory.aliases.contains(
                "CVE-2024-5535") == true)
        // Events listed out of time order: the latest by timestamp is `false-positive-determination`.
        let efs = try importer.parse(file("wolfi/aws-efs-csi-driver.advisories.yaml"))
        #expect(efs.affected.first { $0.advisoryID == "CGA-pggr-w7gc-5r3m" }?.status == .notAffected)
        let autoscaler = try importer.parse(file("wolfi/cluster-autoscaler-1.25.advisories.yaml"))
        #expect(
            autoscaler.affected.first { $0.advisoryID == "CGA-2vgr-6mqh-4r48" }?.status == .underInvestigation)
    }

    @Test("every Wolfi document imports; every event type maps to a status")
    func wolfiCorpus() throws {
        let loaded = try SourceLoader(importers: AdvisoryImporters.all).load(shared + "/wolfi")
        #expect(loaded.info.format == "wolfi-advisories")
        #expect(loaded.info.files == 1279)  // 1,278 documents and docs/event_types.md
        #expect(loaded.info.unknownFiles == 1)
        #expect(loaded.info.records == 20_770)
        #expect(loaded.info.skipped == 0)
        let statuses = Set(loaded.results.flatMap { $0.records.affected.compactMap(\.status) })
        #expect(statuses == [.fixed, .notAffected, .affected, .fixDeferred, .willNotFix, .underInvestigation])
    }

    @Test("Wolfi and Chainguard secdb: CGA groups, `0` as not affected, the index decides the namespace")
    func secdb() throws {
        let text = """
            {"apkurl": "{{urlprefix}}/{{reponame}}/{{arch}}/{{pkg.name}}-{{pkg.ver}}.apk", "archs": ["x86_64"],
             "reponame": "chainguard", "urlprefix": "https://packages.cgr.dev",
             "packages": [{"pkg": {"name": "openssl", "secfixes": {
                "3.3.1-r3": ["CGA-3mrr-589r-46qj", "CVE-2024-5535", "GHSA-4fc7-mvrr-wv2c", "CGA-aaaa-bbbb-cccc", "CVE-2024-11111"],
                "0": ["CVE-2023-0466"]}}}]}
            """
        let document = try JSONParser.parse(Array(text.utf8))
        #expect(WolfiSecDBImporter().recognizes(document))
        #expect(!AlpineSecDBImporter().recognizes(document))
        let records = try WolfiSecDBImporter().parse(document, file: "security.json")
        #expect(records.advisories.map(\.advisory.id) == ["CGA-3mrr-589r-46qj", "CGA-aaaa-bbbb-cccc", "CVE-2023-0466"])
        #expect(records.advisories[0].advisory.aliases == ["CVE-2024-5535", "GHSA-4fc7-mvrr-wv2c"])
        #expect(records.advisories[1].advisory.aliases == ["CVE-2024-11111"])
        #expect(Set(records.affected.map(\.namespace)) == ["Chainguard"])
        #expect(records.affected.first { $0.advisoryID == "CVE-2023-0466" }?.status == .notAffected)
        let unknown = try JSONParser.parse(
            Array(#"{"reponame": "other", "urlprefix": "https://x.example", "packages": []}"#.utf8))
        #expect(throws: VulnDBError.self) { try WolfiSecDBImporter().parse(unknown, file: "x.json") }
    }

    @Test("Ubuntu OSV: CVE records show the CVE and Ubuntu's priority; USNs keep no affected rows")
    func ubuntu() throws {
        let loaded = try SourceLoader(importers: AdvisoryImporters.all).load(shared + "/ubuntu/osv")
        let records = loaded.results.map(\.records)
        let usn = records.first { $0.advisories.first?.advisory.id == "USN-6859-1" }
        #expect(usn?.affected.isEmpty == true)
        let cve = records.first { $0.advisories.first?.advisory.id == "UBUNTU-CVE-2024-6387" }?.advisories.first
        #expect(cve?.advisory.aliases.contains("CVE-2024-6387") == true)
        #expect(cve?.advisory.severity == .high)
        #expect(cve?.severitySource == "ubuntu")
        let old = records.first { $0.advisories.first?.advisory.id == "UBUNTU-CVE-2016-20013" }
        #expect(old?.advisories.first?.advisory.vendorSeverity["ubuntu"] == .low, "negligible counts as low")
        #expect(old?.affected.contains { $0.namespace == "Ubuntu:Pro:16.04:LTS" } == true)
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
    }

    @Test("OVAL criteria helpers: release patterns, module streams")
    func helpers() {
        #expect(OVALPackageTerms.leadingRelease("^8") == "8")
        #expect(OVALPackageTerms.leadingRelease(#"^3[^\d]"#) == "3")
        #expect(OVALPackageTerms.leadingRelease(#"^8\.6"#) == "8.6")
        #expect(OVALPackageTerms.moduleStream(#"\nstream\s*=\s*kvm_utils\b[\w\W]*"#) == "kvm_utils")
        #expect(OVALPackageTerms.moduleName(path: "/etc/dnf/modules.d/virt.module") == "virt")
        #expect(OVALVersions.normalise("0: 1.57.0-1.cm2", package: "nghttp2") == "1.57.0-1.cm2")
        #expect(OVALVersions.normalise("0:29.3.azl3", package: "x") == "29.3")
        #expect(OVALVersions.normalise("30:9.3.3-8.el5", package: "bind") == "30:9.3.3-8.el5")
        #expect(OVALVersions.normalise("0:null.cm2", package: "x") == nil)
    }
}
