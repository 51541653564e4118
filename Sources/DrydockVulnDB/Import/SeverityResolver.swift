import DrydockModel

/// Chooses an advisory's severity from what its record offers, in a fixed precedence.
///
/// 1. The record's own rating (`database_specific.severity`); its source is `ghsa` when the record's
///    ID or an alias starts with `GHSA-`, else the feed's name.
/// 2. The highest CVSS v3/v4 base score, mapped by FIRST's qualitative scale.
/// 3. The highest CVSS v2 base score, mapped by NVD's v2 scale (no `CRITICAL`: 7.0–10.0 is `HIGH`).
/// 4. The highest per-package severity (`affected[].ecosystem_specific.severity` or
///    `affected[].database_specific.severity`).
/// 5. Otherwise unrated (`nil`), which reports show as `UNKNOWN`.
enum SeverityResolver {
    static func resolve(
        recordSeverity: String?, ids: [String], feed: String, cvss: [CVSSScore], packageSeverities: [Severity]
    ) -> (Severity?, String?) {
        if let recordSeverity, let severity = Severity(name: recordSeverity) {
            let isGHSA = ids.contains { $0.hasPrefix("GHSA-") }
            return (severity, isGHSA ? "ghsa" : feed)
        }
        for versions in [[3, 4], [2]] {
            let best = cvss.filter { versions.contains($0.version) && $0.score != nil }
                .max { ($0.score ?? 0) < ($1.score ?? 0) }
            if let best, let score = best.score {
                return (versions == [2] ? v2Severity(score) : Severity(cvssScore: score), best.source)
            }
        }
        if let best = packageSeverities.max(), best != .unknown { return (best, feed) }
        return (nil, nil)
    }

    /// NVD's qualitative rating for CVSS v2 scores.
    static func v2Severity(_ score: Double) -> Severity {
        switch score {
        case 7.0...: .high
        case 4.0..<7.0: .medium
        case 0.0..<4.0: .low
        default: .unknown
        }
    }
}
