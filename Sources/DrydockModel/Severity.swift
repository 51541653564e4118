/// How bad a finding is, in Trivy's five levels (plus `unknown` when no source rates it).
///
/// Ordered from least to most severe, so `severity >= .high` reads as expected.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case unknown = "UNKNOWN"
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case critical = "CRITICAL"

    private var rank: Int {
        switch self {
        case .unknown: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// Parses a severity name case-insensitively; also accepts `MODERATE` (GHSA) and `IMPORTANT` (Red Hat).
    public init?(name: String) {
        switch name.uppercased() {
        case "UNKNOWN", "NONE", "NEGLIGIBLE", "UNIMPORTANT": self = .unknown
        case "LOW": self = .low
        case "MEDIUM", "MODERATE": self = .medium
        case "HIGH", "IMPORTANT": self = .high
        case "CRITICAL": self = .critical
        default: return nil
        }
    }

    /// The severity that a CVSS v3/v4 base score maps to (FIRST's qualitative rating scale).
    public init(cvssScore score: Double) {
        switch score {
        case 9.0...: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        case 0.1..<4.0: self = .low
        default: self = .unknown
        }
    }
}
