import DrydockModel
import Foundation

/// Facts about a finding that every report format states the same way, for writers in other modules
/// (the SBOM writers): where the advisory came from and the page to open first.
public enum ReportFields {
    /// Trivy's `DataSource` of `finding`: the feed's ID (`alpine`, `ghsa`), name and URL.
    public static func dataSource(of finding: VulnerabilityFinding) -> (id: String, name: String, url: String) {
        let info = DataSourceInfo(namespace: finding.namespace, source: finding.advisory.source)
        return (info.id, info.name, info.url)
    }

    /// Trivy's `PrimaryURL` of `finding`.
    public static func primaryURL(of finding: VulnerabilityFinding) -> String? {
        TrivyJSONReport.primaryURL(for: finding)
    }

    /// RFC 3339 UTC timestamp in whole seconds (`2024-01-02T03:04:05Z`).
    public static func timestamp(_ date: Date) -> String {
        TrivyJSONReport.timestamp(date, fractional: false)
    }
}
