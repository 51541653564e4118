import DrydockModel

/// Chooses an advisory's severity once all feeds are merged: vendor, then GHSA, then NVD, then CVSS.
///
/// 1. A vendor's own rating (any `vendorSeverity` key other than `ghsa` and `nvd`: `debian`,
///    `alma`, `ubuntu`, …; the first by name when several rate it);
/// 2. GitHub's rating (`ghsa`);
/// 3. NVD's rating (`nvd`);
/// 4. the highest CVSS v3.x/v4.0 score, then the highest v2 score (``SeverityResolver``).
///
/// Every rating stays in `vendorSeverity`; the matcher still prefers a package's own per-release
/// severity for OS packages.
enum SeverityPrecedence {
    /// The severity and its source, or `nil` when nothing rates the advisory.
    static func choose(vendorSeverity: [String: Severity], cvss: [CVSSScore]) -> (Severity, String)? {
        let vendors = vendorSeverity.keys.filter { $0 != "ghsa" && $0 != "nvd" }.sorted()
        for source in vendors + ["ghsa", "nvd"] {
            if let severity = vendorSeverity[source], severity != .unknown { return (severity, source) }
        }
        let (severity, source) = SeverityResolver.resolve(
            recordSeverity: nil, ids: [], feed: "", cvss: cvss, packageSeverities: [])
        if let severity, let source { return (severity, source) }
        return nil
    }
}
