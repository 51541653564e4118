import DrydockPolicy
import DrydockScan
import DrydockVulnDB
import Foundation

/// The DB's digest and age for reports, and the `--db-max-age` check.
enum DatabaseFreshness {
    /// The report's DB facts: digest and next update from `metadata.json` when it describes this DB
    /// (same build time), else the digest computed from the file. The schema version is the one this
    /// drydock reads (`VulnerabilityDatabase.open` refuses any other).
    static func summary(path: String, builtAt: Date?) -> DatabaseSummary {
        DatabaseSummary.of(path: path, builtAt: builtAt)
    }

    /// Parses `72h`, `3d`, `90m`, `3600s` or a bare number of seconds.
    static func parseDuration(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last else { return nil }
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800]
        if let unit = units[last] {
            return Double(trimmed.dropLast()).map { $0 * unit }.flatMap { $0 >= 0 ? $0 : nil }
        }
        return Double(trimmed).flatMap { $0 >= 0 ? $0 : nil }
    }

    /// Fails with exit code 4 when the DB was built longer than `maxAge` ago (or its age is unknown).
    static func check(path: String, builtAt: Date?, maxAge: TimeInterval, now: Date = Date()) throws {
        guard let builtAt else {
            throw CommandFailure(
                .database, "vulnerability DB \(path) records no build time; --db-max-age cannot be met")
        }
        let age = now.timeIntervalSince(builtAt)
        if age > maxAge {
            throw CommandFailure(
                .database,
                "vulnerability DB \(path) is \(describe(age)) old, older than --db-max-age \(describe(maxAge)): "
                    + "run 'drydock db update' or import a newer bundle")
        }
    }

    /// `3d 4h`, `5h 12m`, `42m`.
    static func describe(_ interval: TimeInterval) -> String {
        let minutes = Int(max(0, interval) / 60)
        let days = minutes / 1440
        let hours = minutes / 60 % 24
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h \(minutes % 60)m" }
        return "\(minutes)m"
    }
}
