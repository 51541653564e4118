import Foundation

/// Which distribution published an OVAL file, and how that vendor's definitions name releases, advisories
/// and severities. One reader (``OVALParser``, ``OVALPackageTerms``) serves every vendor; this type holds
/// what differs between them.
enum OVALVendor: String, Sendable, CaseIterable {
    /// Oracle Linux ELSA (`com.oracle.elsa-all.xml.bz2`): binary package names, one definition per ELSA.
    case oracle
    /// Photon OS PHSA (`com.vmware.phsa-photonN.xml`): binary package names, one definition per PHSA.
    case photon
    /// Azure Linux 3.0 (`azurelinux-3.0-oval.xml`): source package names, one definition per CVE and package.
    case azureLinux
    /// CBL-Mariner 1.0 and 2.0 (`cbl-mariner-2.0-oval.xml`): as Azure Linux.
    case mariner

    /// The vendor of a document, from its definition IDs (`oval:com.oracle.elsa:def:…`) or generator.
    static func of(_ document: OVALDocument) -> OVALVendor? {
        let id = document.definitions.first?.id ?? ""
        let generator = document.generator ?? ""
        if id.hasPrefix("oval:com.oracle.elsa:") || generator == "Oracle Errata System" { return .oracle }
        if id.hasPrefix("oval:com.vmware.phsa:") || generator.hasPrefix("Photon OS") { return .photon }
        if id.hasPrefix("oval:com.microsoft.azurelinux:") || generator.hasPrefix("Azure Linux") { return .azureLinux }
        if id.hasPrefix("oval:com.microsoft.cbl-mariner:") || generator.hasPrefix("CBL-Mariner") { return .mariner }
        return nil
    }

    /// The key of the vendor's rating in `Advisory.vendorSeverity` (Trivy's data-source IDs).
    var severitySource: String {
        switch self {
        case .oracle: "oracle-oval"
        case .photon: "photon"
        case .azureLinux: "azure"
        case .mariner: "cbl-mariner"
        }
    }

    /// The DB namespace for a release: `Oracle Linux:8`, `Photon OS:3.0`, `Azure Linux:3.0`, `Mariner:2.0`.
    func namespace(release: String) -> String {
        switch self {
        case .oracle:
            let major = release.split(separator: ".").first.map(String.init) ?? release
            return "Oracle Linux:\(major)"
        case .photon: return "Photon OS:\(release.contains(".") ? release : release + ".0")"
        case .azureLinux: return "Azure Linux:\(release.contains(".") ? release : release + ".0")"
        case .mariner: return "Mariner:\(release.contains(".") ? release : release + ".0")"
        }
    }

    /// The release a definition's platform names (`Oracle Linux 8` → `8`, `Photon 3` → `3`), for terms
    /// whose criteria name none.
    static func platformRelease(_ platforms: [String]) -> String? {
        for platform in platforms {
            guard let last = platform.split(separator: " ").last, last.first?.isNumber == true else { continue }
            return String(last)
        }
        return nil
    }

    /// The release of a Microsoft file: the dist tag every state carries (`.azl3` → `3.0`, `.cm2` → `2.0`),
    /// else the version in the file name (`cbl-mariner-2.0-oval.xml`), the only other place it is stated.
    static func microsoftRelease(_ document: OVALDocument, file: String) -> String? {
        var counts: [String: Int] = [:]
        for state in document.states.values {
            guard let value = state.evr?.value, let tag = distTag(value) else { continue }
            counts[tag.release, default: 0] += 1
        }
        if let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) {
            return best.key
        }
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let parts = name.split(whereSeparator: { $0 == "-" })
        return parts.first { part in part.contains(".") && part.split(separator: ".").allSatisfy { Int($0) != nil } }
            .map(String.init)
    }

    /// `(".azl3", "3.0")` for a version ending in a Microsoft dist tag.
    static func distTag(_ version: String) -> (tag: String, release: String)? {
        for prefix in [".azl", ".cm"] {
            guard let range = version.range(of: prefix, options: .backwards) else { continue }
            let digits = version[range.upperBound...]
            guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { continue }
            return (String(version[range.lowerBound...]), "\(digits).0")
        }
        return nil
    }

    /// The vendor's own advisory ID: `ELSA-2007-0057`, `PHSA-2020:00001`; Microsoft's definitions are per CVE.
    func advisoryID(of definition: OVALDefinition) -> String? {
        switch self {
        case .oracle:
            return definition.references.first { $0.source.lowercased() == "elsa" }?.id
        case .photon:
            let first = definition.title?.split(separator: " ").first.map(String.init)
            return first.flatMap { $0.hasPrefix("PHSA-") ? $0 : nil }
        case .azureLinux, .mariner:
            return nil
        }
    }

    /// The CVE IDs a definition covers, in document order: `advisory/cve` elements, else `CVE` references
    /// (Photon writes `CVE:00001:CVE-2019-16168`; the CVE is the part that starts with `CVE-`).
    func cveIDs(of definition: OVALDefinition) -> [String] {
        var ids: [String] = []
        let candidates = definition.cves.map(\.id) + definition.references.filter { $0.source == "CVE" }.map(\.id)
        for candidate in candidates {
            guard let range = candidate.range(of: "CVE-") else { continue }
            let id = String(candidate[range.lowerBound...])
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
