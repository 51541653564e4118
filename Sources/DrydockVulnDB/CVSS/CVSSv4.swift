/// CVSS v4.0 vectors: validation of the base metrics.
///
/// Scoring v4.0 needs FIRST's macro-vector lookup table (270 entries) and its interpolation; that is
/// not implemented yet, so ``baseScore(_:)`` returns `nil` and the vector is kept without a score.
enum CVSSv4 {
    /// The allowed values of every mandatory base metric.
    static let baseMetrics: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
        "UI": ["N", "P", "A"], "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
    ]

    /// Whether every mandatory base metric is present with an allowed value.
    static func isValid(_ metrics: [String: String]) -> Bool {
        baseMetrics.allSatisfy { key, allowed in metrics[key].map(allowed.contains) ?? false }
    }

    /// The base score; `nil` until the macro-vector table is implemented.
    static func baseScore(_ metrics: [String: String]) -> Double? { nil }
}
