import DrydockModel
import Yams

/// Reads one `when:` condition (see ``PolicyCondition`` for what each means).
enum PolicyConditionParser {
    static let keys = [
        "severity", "kind", "status", "fixable", "kev", "reachability", "baseline", "cvss", "epss", "publishedDays",
        "openDays", "id", "packageType", "packageName", "purl", "path", "target", "targetType", "image", "labels",
        "licenseCategory",
    ]

    /// The condition under `key`, or `nil` when `key` is not a condition this version knows.
    static func parse(_ key: String, _ value: Node, reader: YAMLReader) throws(PolicyError) -> PolicyCondition? {
        switch key {
        case "severity": return .severity(try severities(value, reader: reader))
        case "kind":
            return .kind(
                try names(value, key, reader: reader) { name in
                    FindingKind(rawValue: name) ?? kindAliases[name]
                })
        case "status":
            return .status(try names(value, key, reader: reader) { VulnerabilityStatus(rawValue: $0) })
        case "fixable": return .fixable(try reader.bool(value, key))
        case "kev": return .kev(try reader.bool(value, key))
        case "reachability":
            return .reachability(try names(value, key, reader: reader) { ReachabilityState(rawValue: $0) })
        case "baseline":
            return .baseline(
                try names(value, key, reader: reader) { name in
                    name == "fixed" ? nil : BaselineState.Status(rawValue: name)
                })
        case "cvss": return .cvss(try range(value, key, integral: false, reader: reader))
        case "epss": return .epss(try range(value, key, integral: false, reader: reader))
        case "publishedDays": return .publishedDays(try range(value, key, integral: true, reader: reader))
        case "openDays": return .openDays(try range(value, key, integral: true, reader: reader))
        case "id": return .id(try patterns(value, key, reader: reader))
        case "packageType": return .packageType(Set(try reader.strings(value, key).map { $0.lowercased() }))
        case "packageName": return .packageName(try patterns(value, key, reader: reader))
        case "purl": return .purl(try reader.purls(try reader.strings(value, key), at: value, key))
        case "path": return .path(try patterns(value, key, reader: reader))
        case "target": return .target(try patterns(value, key, reader: reader))
        case "targetType": return .targetType(Set(try reader.strings(value, key)))
        case "image": return .image(try patterns(value, key, reader: reader))
        case "licenseCategory":
            return .licenseCategory(try names(value, key, reader: reader) { LicenseFinding.Category(rawValue: $0) })
        case "labels":
            var labels: [String: GlobPattern] = [:]
            for (name, _, pattern) in try reader.mapping(value, "labels") {
                labels[name] = try glob(try reader.string(pattern, "label \(name)"), "labels", pattern, reader: reader)
            }
            return .labels(labels)
        default: return nil
        }
    }

    /// Trivy's scanner names for the kinds.
    static let kindAliases: [String: FindingKind] = [
        "vuln": .vulnerability, "misconfig": .misconfiguration, "secrets": .secret, "licenses": .license,
        "vulnerabilities": .vulnerability, "misconfigurations": .misconfiguration,
    ]

    /// `CRITICAL`, `[HIGH, CRITICAL]` or a comparison such as `">= HIGH"`.
    static func severities(_ value: Node, reader: YAMLReader) throws(PolicyError) -> Set<Severity> {
        var result = Set<Severity>()
        for text in try reader.strings(value, "severity") {
            var rest = Substring(text)
            var op = ""
            while let first = rest.first, "<>=".contains(first) {
                op.append(first)
                rest = rest.dropFirst()
            }
            let name = rest.trimmingWhitespace.uppercased()
            guard let severity = Severity(rawValue: name) else {
                throw PolicyError(
                    .schema, "severity '\(text)': expected UNKNOWN, LOW, MEDIUM, HIGH or CRITICAL",
                    at: reader.location(value))
            }
            let matching: [Severity]
            switch op {
            case "": matching = [severity]
            case ">=": matching = Severity.allCases.filter { $0 >= severity }
            case ">": matching = Severity.allCases.filter { $0 > severity }
            case "<=": matching = Severity.allCases.filter { $0 <= severity }
            case "<": matching = Severity.allCases.filter { $0 < severity }
            case "==", "=": matching = [severity]
            default:
                throw PolicyError(.schema, "severity '\(text)': unknown comparison '\(op)'", at: reader.location(value))
            }
            result.formUnion(matching)
        }
        return result
    }

    /// Names from a closed vocabulary (one or a list).
    static func names<T: Hashable>(
        _ value: Node, _ key: String, reader: YAMLReader, _ parse: (String) -> T?
    ) throws(PolicyError) -> Set<T> {
        var result = Set<T>()
        for text in try reader.strings(value, key) {
            guard let parsed = parse(text) ?? parse(text.lowercased()) else {
                throw PolicyError(.schema, "\(key) '\(text)' is not a known value", at: reader.location(value))
            }
            result.insert(parsed)
        }
        return result
    }

    /// Comparisons (`">= 7"`, or a list of them that must all hold).
    static func range(_ value: Node, _ key: String, integral: Bool, reader: YAMLReader) throws(PolicyError)
        -> NumberRange
    {
        let comparisons = try reader.strings(value, key)
        switch NumberRange.parse(comparisons, integral: integral) {
        case .success(let range): return range
        case .failure(let error):
            throw PolicyError(
                .schema, "\(key) '\(error.text)': expected a comparison such as '>= 7' (>, >=, <, <=, ==)",
                at: reader.location(value))
        }
    }

    /// Glob patterns (one or a list).
    static func patterns(_ value: Node, _ key: String, reader: YAMLReader) throws(PolicyError) -> [GlobPattern] {
        var result: [GlobPattern] = []
        for text in try reader.strings(value, key) { result.append(try glob(text, key, value, reader: reader)) }
        return result
    }

    static func glob(_ text: String, _ key: String, _ node: Node, reader: YAMLReader) throws(PolicyError)
        -> GlobPattern
    {
        do {
            return try GlobPattern(text)
        } catch {
            throw PolicyError(.schema, "\(key): \(error)", at: reader.location(node))
        }
    }
}
