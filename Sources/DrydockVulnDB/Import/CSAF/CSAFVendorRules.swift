import DrydockModel
import Foundation

/// What differs between vendors that publish CSAF for RPM distributions: which platforms are imported and under
/// which namespace, how components are named, and which vendor advisories ship a fix. ``CSAFVendorImport`` does
/// the rest the same way for all of them.
protocol CSAFVendorRules: Sendable {
    /// The vendor-severity and CVSS source name (`redhat`, `suse-cvrf`).
    var source: String { get }
    /// The namespace of a platform product (`Red Hat:enterprise_linux:9::baseos`), or `nil` to skip its entries.
    func namespace(ofPlatform product: CSAFDocument.Product) -> String?
    /// The RPM a component product names, or `nil` for components that are not RPMs.
    func component(_ id: String, in csaf: CSAFDocument) -> RPMComponent?
    /// The vendor advisories that ship a fix, from the product's `vendor_fix` remediations.
    func vendorIDs(ofFix remediations: [CSAFDocument.Remediation], in csaf: CSAFDocument) -> [String]
}

/// Turns one vendor CSAF document into advisories and affected rows by a vendor's ``CSAFVendorRules``.
///
/// Product statuses: `fixed`, `first_fixed` and `recommended` (SUSE's word for the fixed packages) are fixes;
/// `known_affected`, `first_affected`, `last_affected` are unfixed with the state their remediation gives
/// (``unfixedStatus(_:)``); `under_investigation` and `known_not_affected` are kept as those states. One advisory
/// per CVE; VEX documents give full records, advisories (`csaf_security_advisory`) placeholders that a VEX record
/// of the same CVE replaces.
struct CSAFVendorImport<Rules: CSAFVendorRules> {
    let rules: Rules
    let format: String

    func parse(_ csaf: CSAFDocument, file: String) -> ImportedRecords {
        let isVEX = csaf.category == "csaf_vex"
        var result = ImportedRecords()
        var namespaces: [String: String?] = [:]
        func namespace(ofPlatform platform: String) -> String? {
            if let known = namespaces[platform] { return known }
            let found = csaf.products[platform].flatMap(rules.namespace(ofPlatform:))
            namespaces[platform] = found
            return found
        }
        for vulnerability in csaf.vulnerabilities {
            guard let cve = vulnerability.cve, !cve.isEmpty else {
                result.skipped += 1
                result.warnings.append("\(file): skipped a vulnerability without a `cve`")
                continue
            }
            result.records += 1
            let impacts = vulnerability.impactsByProduct()
            let remediationIndex = vulnerability.remediationsByProduct()
            var rows = VendorAffectedSet()
            var ratings: [Severity] = []
            for (statusName, productIDs) in vulnerability.productStatus.sorted(by: { $0.key < $1.key }) {
                for productID in productIDs {
                    guard let relation = csaf.relationship(of: productID),
                        let space = namespace(ofPlatform: relation.platform),
                        let component = rules.component(relation.component, in: csaf)
                    else { continue }
                    let rating = (impacts.byProduct[productID] ?? impacts.forAll ?? csaf.aggregateSeverity)
                        .flatMap(Severity.init(name:))
                    let remediations = (remediationIndex[productID] ?? []).map { vulnerability.remediations[$0] }
                    let name = component.isSource ? component.name + ".src" : component.name
                    let key = VendorAffectedSet.Key(
                        advisoryID: cve, namespace: space, packageName: name, module: component.module)
                    switch statusName {
                    case "fixed", "first_fixed", "recommended":
                        // A source package's fix says nothing about its subpackages' versions: its binaries are listed.
                        guard !component.isSource, let evr = component.evr else { continue }
                        let vendorIDs =
                            isVEX
                            ? rules.vendorIDs(ofFix: remediations.filter { $0.category == "vendor_fix" }, in: csaf)
                            : [csaf.trackingID]
                        rows.addFixed(key, version: evr, severity: rating, vendorIDs: vendorIDs)
                    case "known_affected", "first_affected", "last_affected":
                        rows.addUnfixed(
                            key, status: Self.unfixedStatus(remediations), severity: rating,
                            versions: component.evr.map { [$0] } ?? [])
                    case "under_investigation":
                        rows.addUnfixed(key, status: .underInvestigation, severity: rating)
                    case "known_not_affected":
                        rows.addUnfixed(key, status: .notAffected, severity: rating)
                    default:
                        continue
                    }
                    if let rating, statusName != "known_not_affected" { ratings.append(rating) }
                }
            }
            result.affected += rows.records()
            result.advisories.append(
                advisory(
                    cve: cve, vulnerability, csaf: csaf, rating: ratings.max(), isVEX: isVEX, file: file,
                    warnings: &result.warnings))
        }
        return result
    }

    private func advisory(
        cve: String, _ vulnerability: CSAFDocument.Vulnerability, csaf: CSAFDocument, rating: Severity?,
        isVEX: Bool, file: String, warnings: inout [String]
    ) -> ImportedAdvisory {
        var cvss: [CVSSScore] = []
        for score in vulnerability.scores where !cvss.contains(where: { $0.vector == score.vector }) {
            if let parsed = OSVImporter.cvssScore(type: nil, vector: score.vector, source: rules.source) {
                cvss.append(parsed)
            } else {
                warnings.append("\(file): \(cve): ignored unparseable CVSS vector \"\(score.vector)\"")
            }
        }
        let severity =
            rating ?? (vulnerability.impacts.first?.details ?? csaf.aggregateSeverity).flatMap(Severity.init(name:))
        let title = [vulnerability.note("summary"), vulnerability.title].compactMap { $0 }.first { $0 != cve }
        var advisory = Advisory(
            id: cve, title: title,
            description: vulnerability.note("description") ?? vulnerability.note("general"), severity: severity,
            severitySource: severity == nil ? nil : rules.source, cvss: cvss, references: vulnerability.references,
            published: vulnerability.releaseDate.flatMap(Timestamp.parse),
            modified: (isVEX ? csaf.currentReleaseDate : nil).flatMap(Timestamp.parse), source: format)
        if let severity { advisory.vendorSeverity[rules.source] = severity }
        if let cwe = vulnerability.cwe { advisory.cweIDs = [cwe] }
        return ImportedAdvisory(
            advisory: advisory, severitySource: severity == nil ? nil : rules.source, isPlaceholder: !isVEX)
    }

    /// The stored status of a `known_affected` product, from its remediation's details: "Will not fix" →
    /// `will_not_fix`, "Out of support scope" → `end_of_life`, "Fix deferred" → `fix_deferred`, "Under
    /// investigation" → `under_investigation`, "Affected" or none → `affected`; another `no_fix_planned` →
    /// `will_not_fix`.
    static func unfixedStatus(_ remediations: [CSAFDocument.Remediation]) -> VulnerabilityStatus {
        for remediation in remediations
        where remediation.category == "no_fix_planned" || remediation.category == "none_available" {
            switch remediation.details?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            case "will not fix": return .willNotFix
            case "out of support scope": return .endOfLife
            case "fix deferred": return .fixDeferred
            case "under investigation": return .underInvestigation
            case "affected": return .affected
            default: return remediation.category == "no_fix_planned" ? .willNotFix : .affected
            }
        }
        return .affected
    }
}
