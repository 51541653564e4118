import DrydockModel

/// What distribution vendors put in their OSV records beyond the schema's common fields.
///
/// - Ubuntu (canonical/ubuntu-security-notices): `UBUNTU-CVE-…` records are per CVE; the CVE is their alias
///   (schema 1.7.0 names it in `upstream`, 1.6.3 in `related`), so findings show `CVE-…`. Ubuntu's priority
///   is the vendor severity (`ubuntu`): 1.7.0 writes it as a top-level `severity` entry of type `Ubuntu`,
///   1.6.3 as `ecosystem_specific.ubuntu_priority` on every package; `negligible` counts as low, as Trivy
///   rates it. A `USN-…` notice repeats, per release, the fixes of the CVE records it lists in `upstream` (or
///   `related`): its advisory is kept, its affected entries are not, so one vulnerability is one finding.
/// - Rocky Linux: the severity is the summary's first word (`Important: java-11-openjdk security update`),
///   rated `rocky`.
extension OSVImporter {
    /// Aliases implied by the ID: `CVE-2024-6387` for `UBUNTU-CVE-2024-6387`.
    static func distributionAliases(id: String, aliases: [String]) -> [String] {
        guard id.hasPrefix("UBUNTU-CVE-") else { return [] }
        let cve = String(id.dropFirst("UBUNTU-".count))
        return aliases.contains(cve) ? [] : [cve]
    }

    /// Whether the record's affected entries are imported: not for a USN that lists per-CVE records.
    static func importsAffectedRows(_ document: JSONValue, id: String) -> Bool {
        guard id.hasPrefix("USN-") else { return true }
        let linked = (document["upstream"]?.arrayValue ?? []) + (document["related"]?.arrayValue ?? [])
        return !linked.contains { value in
            let text = value.stringValue ?? ""
            return text.hasPrefix("UBUNTU-CVE-") || text.hasPrefix("CVE-")
        }
    }

    /// Ubuntu's priority as a severity; `untriaged` (and unknown words) rate nothing.
    static func ubuntuPriority(_ priority: String) -> Severity? {
        switch priority.lowercased() {
        case "negligible", "low": .low
        case "medium": .medium
        case "high": .high
        case "critical": .critical
        default: nil
        }
    }

    /// The vendor's own rating that OSV carries outside `database_specific.severity`.
    static func vendorRating(_ document: JSONValue, summary: String?, feed: String) -> Severity? {
        switch feed {
        case "ubuntu":
            for entry in document["severity"]?.arrayValue ?? [] where entry["type"]?.stringValue == "Ubuntu" {
                if let rating = entry["score"]?.stringValue.flatMap(ubuntuPriority) { return rating }
            }
            let priorities = (document["affected"]?.arrayValue ?? []).compactMap {
                $0["ecosystem_specific"]?["ubuntu_priority"]?.stringValue.flatMap(ubuntuPriority)
            }
            return priorities.max()
        case "rocky":
            guard let summary, let colon = summary.firstIndex(of: ":") else { return nil }
            return Severity(name: String(summary[..<colon]))
        default:
            return nil
        }
    }
}
