import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

@testable import DrydockPolicy
@testable import DrydockSBOM

/// The vendors' real VEX documents in `../shared/advisories`: Red Hat and SUSE CSAF VEX, Canonical's OpenVEX.
@Suite("VEX documents from the vendors")
struct VEXCorpusTests {
    static func files(_ folder: String) -> [URL] {
        guard PackagePaths.hasShared, let shared = PackagePaths.shared else { return [] }
        let root = shared.appendingPathComponent("advisories").appendingPathComponent(folder)
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        return (walker?.allObjects as? [URL] ?? []).filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
    }

    @Test("every Red Hat CSAF VEX document: one product per status entry, none unresolved, lines found")
    func redHat() throws {
        let files = Self.files("redhat-csaf/vex")
        guard !files.isEmpty else { return }
        #expect(files.count == 12)
        for file in files {
            let bytes = Array(try Data(contentsOf: file))
            let document = try VEXReader.read(bytes, path: file.lastPathComponent)
            #expect(document.format == .csaf)
            #expect(document.author == "Red Hat Product Security")
            #expect(document.warnings.isEmpty, "\(file.lastPathComponent): \(document.warnings)")
            // The oracle: the document's own product_status lists, counted without Drydock's reader.
            let json = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            let vulnerabilities = json["vulnerabilities"] as? [[String: Any]] ?? []
            var expected: [String: Int] = [:]
            for (index, vulnerability) in vulnerabilities.enumerated() {
                for (group, ids) in vulnerability["product_status"] as? [String: [String]] ?? [:] {
                    expected["vulnerabilities[\(index)].product_status.\(group)", default: 0] += ids.count
                }
            }
            var read: [String: Int] = [:]
            for statement in document.statements { read[statement.path, default: 0] += statement.products.count }
            #expect(read == expected, "\(file.lastPathComponent)")
            #expect(document.statements.allSatisfy { $0.line != nil })
            #expect(document.statements.allSatisfy { $0.vulnerabilityIDs.first?.hasPrefix("CVE-") == true })
        }
    }

    @Test("Red Hat's curl VEX: RHEL 8's curl is not affected (vulnerable_code_not_present), as a component of RHEL 8")
    func redHatCurl() throws {
        guard let file = Self.files("redhat-csaf/vex").first(where: { $0.lastPathComponent == "cve-2023-38545.json" })
        else { return }
        let document = try VEXReader.read(Array(try Data(contentsOf: file)), path: "cve-2023-38545.json")
        let notAffected = document.statements.filter { $0.status == .notAffected }
        #expect(notAffected.allSatisfy { $0.justification == "vulnerable_code_not_present" })
        let rhel8 = try #require(CPEName("cpe:/o:redhat:enterprise_linux:8"))
        let curl = try #require(PackageURL("pkg:rpm/redhat/curl"))
        #expect(
            notAffected.contains { statement in
                statement.products.contains { $0.identifiers == [.cpe(rhel8)] && $0.subcomponents == [[.purl(curl)]] }
            })
    }

    @Test("SUSE CSAF VEX: read; products named without purl are reported, a document without vulnerabilities is empty")
    func suse() throws {
        let files = Self.files("suse/csaf-vex")
        guard !files.isEmpty else { return }
        for file in files {
            let document = try VEXReader.read(Array(try Data(contentsOf: file)), path: file.lastPathComponent)
            #expect(document.format == .csaf)
            if file.lastPathComponent == "cve-1999-0003.json" {
                #expect(document.statements.isEmpty)
            } else {
                #expect(document.warnings.count == 1)
                #expect(document.warnings.first?.contains("have no purl or CPE") == true)
            }
        }
    }

    @Test("Canonical's OpenVEX: three statements, their products, the not_affected justification")
    func ubuntu() throws {
        let files = Self.files("ubuntu/vex")
        guard let file = files.first else { return }
        let document = try VEXReader.read(Array(try Data(contentsOf: file)), path: file.lastPathComponent)
        #expect(document.format == .openVEX)
        #expect(document.author == "Canonical Ltd.")
        #expect(document.statements.map(\.status) == [.fixed, .affected, .notAffected])
        #expect(document.statements.map { $0.products.count } == [149, 113, 356])
        #expect(document.statements[2].justification == "vulnerable_code_not_present")
        #expect(document.statements[0].vulnerabilityIDs.first == "CVE-2023-38545")
        #expect(document.statements[0].vulnerabilityIDs.contains("https://ubuntu.com/security/CVE-2023-38545"))
        #expect(document.warnings.isEmpty)
    }
}
