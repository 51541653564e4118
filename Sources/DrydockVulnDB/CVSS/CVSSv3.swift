/// CVSS v3.0 and v3.1 base score equations (FIRST CVSS v3.1 specification, section 7.1 and Appendix A).
enum CVSSv3 {
    /// Which rounding-up function the specification version uses.
    enum Roundup {
        /// v3.0: the smallest number with one decimal that is not less than the input.
        case v3_0
        /// v3.1: the same, computed on integers to avoid floating-point surprises (Appendix A).
        case v3_1
    }

    /// The base score for a complete set of base metrics, or `nil` when one is missing or invalid.
    static func baseScore(_ metrics: [String: String], roundup: Roundup) -> Double? {
        guard let scope = metrics["S"], scope == "U" || scope == "C" else { return nil }
        let changed = scope == "C"
        let privilegeWeights: [String: Double] =
            changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27]
        guard
            let attackVector = weight(metrics["AV"], ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2]),
            let attackComplexity = weight(metrics["AC"], ["L": 0.77, "H": 0.44]),
            let privileges = weight(metrics["PR"], privilegeWeights),
            let userInteraction = weight(metrics["UI"], ["N": 0.85, "R": 0.62]),
            let confidentiality = weight(metrics["C"], impactWeights),
            let integrity = weight(metrics["I"], impactWeights),
            let availability = weight(metrics["A"], impactWeights)
        else { return nil }
        let iss = 1 - (1 - confidentiality) * (1 - integrity) * (1 - availability)
        let impact: Double
        if changed {
            impact = 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02)
        } else {
            impact = 6.42 * iss
        }
        let exploitability = 8.22 * attackVector * attackComplexity * privileges * userInteraction
        if impact <= 0 { return 0 }
        let raw = changed ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return round(raw, roundup)
    }

    private static let impactWeights: [String: Double] = ["H": 0.56, "L": 0.22, "N": 0.0]

    private static func weight(_ value: String?, _ table: [String: Double]) -> Double? {
        value.flatMap { table[$0] }
    }

    private static func pow15(_ value: Double) -> Double {
        var result = 1.0
        for _ in 0..<15 { result *= value }
        return result
    }

    /// The specification's `Roundup`.
    static func round(_ value: Double, _ rule: Roundup) -> Double {
        switch rule {
        case .v3_0:
            return (value * 10).rounded(.up) / 10
        case .v3_1:
            let integer = Int((value * 100_000).rounded())
            if integer % 10_000 == 0 { return Double(integer) / 100_000 }
            return Double(integer / 10_000 + 1) / 10
        }
    }
}
