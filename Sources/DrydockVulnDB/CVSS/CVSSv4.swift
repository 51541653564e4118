/// CVSS v4.0 scoring (FIRST CVSS v4.0 specification, section 8): the vector's equivalence classes
/// select a macro-vector score from ``CVSSv4Table``, which is then lowered by the vector's mean
/// proportional severity distance from the highest-severity vectors of its class.
///
/// Threat (`E`) and environmental (`CR`, `MAV`, …) metrics are honoured when present, so a vector
/// carrying them yields its CVSS-BT/BE/BTE score; supplemental metrics never change the score.
enum CVSSv4 {
    /// The allowed values of every mandatory base metric.
    static let baseMetrics: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
        "UI": ["N", "P", "A"], "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
    ]

    /// The allowed values of the optional threat, environmental and supplemental metrics.
    static let optionalMetrics: [String: Set<String>] = [
        "E": ["X", "A", "P", "U"], "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"], "MPR": ["X", "N", "L", "H"],
        "MUI": ["X", "N", "P", "A"], "MVC": ["X", "H", "L", "N"], "MVI": ["X", "H", "L", "N"],
        "MVA": ["X", "H", "L", "N"], "MSC": ["X", "H", "L", "N"], "MSI": ["X", "S", "H", "L", "N"],
        "MSA": ["X", "S", "H", "L", "N"], "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"],
        "V": ["X", "D", "C"], "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]

    /// Whether every mandatory base metric is present with an allowed value, and every other metric
    /// is a known one with an allowed value.
    static func isValid(_ metrics: [String: String]) -> Bool {
        for (key, value) in metrics {
            guard let allowed = baseMetrics[key] ?? optionalMetrics[key], allowed.contains(value) else { return false }
        }
        return baseMetrics.keys.allSatisfy { metrics[$0] != nil }
    }

    /// Severity levels per metric, in tenths: distance from the most severe value.
    private static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3], "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2], "AC": ["L": 0.0, "H": 0.1], "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2], "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3], "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3], "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2], "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    /// The highest-severity vectors of each class value, per equivalence set (EQ3 and EQ6 together).
    private static let eq1Maxima: [[[String: String]]] = [
        [["AV": "N", "PR": "N", "UI": "N"]],
        [["AV": "A", "PR": "N", "UI": "N"], ["AV": "N", "PR": "L", "UI": "N"], ["AV": "N", "PR": "N", "UI": "P"]],
        [["AV": "P", "PR": "N", "UI": "N"], ["AV": "A", "PR": "L", "UI": "P"]],
    ]
    private static let eq2Maxima: [[[String: String]]] = [
        [["AC": "L", "AT": "N"]], [["AC": "H", "AT": "N"], ["AC": "L", "AT": "P"]],
    ]
    private static func eq3eq6Maxima(_ eq3: Int, _ eq6: Int) -> [[String: String]] {
        func vector(_ text: String) -> [String: String] {
            var result: [String: String] = [:]
            for part in text.split(separator: "/") {
                let pieces = part.split(separator: ":")
                if pieces.count == 2 { result[String(pieces[0])] = String(pieces[1]) }
            }
            return result
        }
        switch (eq3, eq6) {
        case (0, 0): return [vector("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H")]
        case (0, 1): return [vector("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H"), vector("VC:H/VI:H/VA:H/CR:M/IR:M/AR:M")]
        case (1, 0): return [vector("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H"), vector("VC:H/VI:L/VA:H/CR:H/IR:H/AR:H")]
        case (1, 1):
            return [
                vector("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H"), vector("VC:L/VI:H/VA:H/CR:H/IR:M/AR:M"),
                vector("VC:H/VI:L/VA:H/CR:M/IR:H/AR:M"), vector("VC:H/VI:L/VA:L/CR:M/IR:H/AR:H"),
                vector("VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"),
            ]
        case (2, 1): return [vector("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H")]
        default: return []
        }
    }
    private static let eq4Maxima: [[String: String]] = [
        ["SC": "H", "SI": "S", "SA": "S"], ["SC": "H", "SI": "H", "SA": "H"], ["SC": "L", "SI": "L", "SA": "L"],
    ]

    /// Depth of each class, in severity steps (+1), per equivalence set.
    private static let eq1Depth: [Double] = [1, 4, 5]
    private static let eq2Depth: [Double] = [1, 2]
    private static let eq4Depth: [Double] = [6, 5, 4]
    private static func eq3eq6Depth(_ eq3: Int, _ eq6: Int) -> Double {
        switch (eq3, eq6) {
        case (0, 0): 7
        case (0, 1): 6
        case (1, _): 8
        default: 10
        }
    }

    /// The metric's value after defaults (`E:X` → `A`, `CR:X` → `H`) and environmental overrides (`MAV`).
    static func effective(_ metric: String, _ metrics: [String: String]) -> String {
        let selected = metrics[metric] ?? "X"
        if selected == "X" {
            switch metric {
            case "E": return "A"
            case "CR", "IR", "AR": return "H"
            default: break
            }
        }
        if let modified = metrics["M" + metric], modified != "X" { return modified }
        return selected
    }

    /// The six equivalence-class digits of a vector.
    static func macroVector(_ metrics: [String: String]) -> [Int] {
        let value = { (metric: String) in effective(metric, metrics) }
        let (av, pr, ui) = (value("AV"), value("PR"), value("UI"))
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" {
            eq1 = 0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = value("AC") == "L" && value("AT") == "N" ? 0 : 1
        let (vc, vi, va) = (value("VC"), value("VI"), value("VA"))
        let eq3 = vc == "H" && vi == "H" ? 0 : (vc == "H" || vi == "H" || va == "H" ? 1 : 2)
        let eq4: Int
        if value("MSI") == "S" || value("MSA") == "S" {
            eq4 = 0
        } else if value("SC") == "H" || value("SI") == "H" || value("SA") == "H" {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let eq5 = ["A": 0, "P": 1, "U": 2][value("E")] ?? 0
        let eq6 =
            (value("CR") == "H" && vc == "H") || (value("IR") == "H" && vi == "H") || (value("AR") == "H" && va == "H")
            ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6]
    }

    /// The base (or BT/BE/BTE) score, rounded half up to one decimal; `nil` for an invalid vector.
    static func baseScore(_ metrics: [String: String]) -> Double? {
        guard isValid(metrics) else { return nil }
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ effective($0, metrics) == "N" }) { return 0 }
        let eq = macroVector(metrics)
        func score(_ digits: [Int]) -> Double? {
            CVSSv4Table.macroVectorScores[digits.map(String.init).joined()]
        }
        guard let value = score(eq) else { return nil }
        func lowered(_ index: Int) -> [Int] {
            var digits = eq
            digits[index] += 1
            return digits
        }
        let eq3eq6Lower: Double?
        switch (eq[2], eq[5]) {
        case (1, 1), (0, 1): eq3eq6Lower = score(lowered(2))
        case (1, 0): eq3eq6Lower = score(lowered(5))
        case (0, 0):
            if let left = score(lowered(5)), let right = score(lowered(2)) {
                eq3eq6Lower = max(left, right)
            } else {
                eq3eq6Lower = nil
            }
        default: eq3eq6Lower = nil
        }
        let lowerScores: [Double?] = [
            score(lowered(0)), score(lowered(1)), eq3eq6Lower, score(lowered(3)), score(lowered(4)),
        ]

        // The first composed maximum that the vector does not exceed in any metric.
        var distances: [String: Double] = [:]
        search: for m1 in eq1Maxima[eq[0]] {
            for m2 in eq2Maxima[eq[1]] {
                for m3 in eq3eq6Maxima(eq[2], eq[5]) {
                    let m4 = eq4Maxima[eq[3]]
                    let maximum = m1.merging(m2) { a, _ in a }.merging(m3) { a, _ in a }.merging(m4) { a, _ in a }
                    var candidate: [String: Double] = [:]
                    for (metric, table) in levels {
                        guard let own = table[effective(metric, metrics)],
                            let top = maximum[metric].flatMap({ table[$0] })
                        else { return nil }
                        candidate[metric] = own - top
                    }
                    distances = candidate
                    if candidate.values.allSatisfy({ $0 >= 0 }) { break search }
                }
            }
        }
        // As in FIRST's reference calculator, the last candidate is used when none fits.
        guard !distances.isEmpty else { return nil }
        func d(_ metric: String) -> Double { distances[metric] ?? 0 }
        let current: [Double] = [
            d("AV") + d("PR") + d("UI"), d("AC") + d("AT"), d("VC") + d("VI") + d("VA") + d("CR") + d("IR") + d("AR"),
            d("SC") + d("SI") + d("SA"), 0,
        ]
        let step = 0.1
        let depths: [Double] = [
            eq1Depth[eq[0]] * step, eq2Depth[eq[1]] * step, eq3eq6Depth(eq[2], eq[5]) * step, eq4Depth[eq[3]] * step, 1,
        ]
        var total = 0.0
        var existing = 0
        for index in 0..<5 {
            guard let lower = lowerScores[index] else { continue }
            existing += 1
            total += (value - lower) * (current[index] / depths[index])
        }
        let mean = existing == 0 ? 0 : total / Double(existing)
        let clamped = max(0, min(10, value - mean))
        // Half up, after adding 1e-6 so that 8.549999999999999 (really 8.55) rounds to 8.6, as FIRST's
        // reference calculator does.
        return ((clamped + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
