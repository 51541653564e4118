/// CVSS v2.0 base score equations (FIRST, "A Complete Guide to the CVSS Version 2.0", section 3.2.1).
enum CVSSv2 {
    /// The base score for a complete set of base metrics, or `nil` when one is missing or invalid.
    static func baseScore(_ metrics: [String: String]) -> Double? {
        guard
            let accessVector = weight(metrics["AV"], ["L": 0.395, "A": 0.646, "N": 1.0]),
            let accessComplexity = weight(metrics["AC"], ["H": 0.35, "M": 0.61, "L": 0.71]),
            let authentication = weight(metrics["Au"], ["M": 0.45, "S": 0.56, "N": 0.704]),
            let confidentiality = weight(metrics["C"], impactWeights),
            let integrity = weight(metrics["I"], impactWeights),
            let availability = weight(metrics["A"], impactWeights)
        else { return nil }
        let impact = 10.41 * (1 - (1 - confidentiality) * (1 - integrity) * (1 - availability))
        let exploitability = 20 * accessVector * accessComplexity * authentication
        let fImpact = impact == 0 ? 0 : 1.176
        let score = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * fImpact
        return roundToOneDecimal(score)
    }

    private static let impactWeights: [String: Double] = ["N": 0.0, "P": 0.275, "C": 0.660]

    private static func weight(_ value: String?, _ table: [String: Double]) -> Double? {
        value.flatMap { table[$0] }
    }

    /// Rounds half away from zero to one decimal, tolerating binary floating-point noise.
    static func roundToOneDecimal(_ value: Double) -> Double {
        let scaled = (value * 10 * 1e6).rounded() / 1e6
        return max(0, scaled.rounded(.toNearestOrAwayFromZero) / 10)
    }
}
