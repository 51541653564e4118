import DrydockModel

/// The JSON shapes of the DB's JSON columns, written and read without Foundation.
///
/// `ranges`: OSV-shaped, `[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2-r0"}]}]`.
/// `versions`, `reference_urls`: arrays of strings. `cvss`: `[{"version":3,"vector":"CVSS:3.1/…",
/// "score":9.8,"source":"nvd"}]`, `score` `null` when not computed. `go_imports`: OSV's
/// `[{"path":"net/http","symbols":["Server.Serve"]}]`.
enum StoredCoding {
    static func encode(ranges: [AffectedRange]) -> String {
        var out = "["
        for (rangeOffset, range) in ranges.enumerated() {
            if rangeOffset > 0 { out.append(",") }
            out.append("{\"type\":")
            JSONWriter.string(range.kind.rawValue, into: &out)
            out.append(",\"events\":[")
            for (eventOffset, event) in range.events.enumerated() {
                if eventOffset > 0 { out.append(",") }
                let (key, version): (String, String)
                switch event {
                case .introduced(let value): (key, version) = ("introduced", value)
                case .fixed(let value): (key, version) = ("fixed", value)
                case .lastAffected(let value): (key, version) = ("last_affected", value)
                case .limit(let value): (key, version) = ("limit", value)
                }
                out.append("{\"\(key)\":")
                JSONWriter.string(version, into: &out)
                out.append("}")
            }
            out.append("]}")
        }
        out.append("]")
        return out
    }

    static func decodeRanges(_ text: String) throws(VulnDBError) -> [AffectedRange] {
        guard let list = try JSONParser.parse(Array(text.utf8)).arrayValue else { throw corrupt("ranges") }
        var ranges: [AffectedRange] = []
        ranges.reserveCapacity(list.count)
        for item in list {
            guard let type = item["type"]?.stringValue, let kind = AffectedRange.Kind(rawValue: type),
                let events = item["events"]?.arrayValue
            else { throw corrupt("ranges") }
            var decoded: [RangeEvent] = []
            decoded.reserveCapacity(events.count)
            for event in events {
                guard let member = event.objectValue?.first, let version = member.value.stringValue else {
                    throw corrupt("ranges")
                }
                switch member.key {
                case "introduced": decoded.append(.introduced(version))
                case "fixed": decoded.append(.fixed(version))
                case "last_affected": decoded.append(.lastAffected(version))
                case "limit": decoded.append(.limit(version))
                default: throw corrupt("ranges")
                }
            }
            ranges.append(AffectedRange(kind: kind, events: decoded))
        }
        return ranges
    }

    static func decodeStrings(_ text: String, column: String) throws(VulnDBError) -> [String] {
        guard let list = try JSONParser.parse(Array(text.utf8)).arrayValue else { throw corrupt(column) }
        var strings: [String] = []
        strings.reserveCapacity(list.count)
        for item in list {
            guard let value = item.stringValue else { throw corrupt(column) }
            strings.append(value)
        }
        return strings
    }

    static func encode(cvss: [CVSSScore]) -> String {
        var out = "["
        for (offset, score) in cvss.enumerated() {
            if offset > 0 { out.append(",") }
            out.append("{\"version\":\(score.version),\"vector\":")
            JSONWriter.string(score.vector, into: &out)
            out.append(",\"score\":")
            out.append(score.score.map { "\($0)" } ?? "null")
            out.append(",\"source\":")
            JSONWriter.string(score.source, into: &out)
            out.append("}")
        }
        out.append("]")
        return out
    }

    static func decodeCVSS(_ text: String) throws(VulnDBError) -> [CVSSScore] {
        guard let list = try JSONParser.parse(Array(text.utf8)).arrayValue else { throw corrupt("cvss") }
        var scores: [CVSSScore] = []
        for item in list {
            guard case .number(let version)? = item["version"], let vector = item["vector"]?.stringValue,
                let source = item["source"]?.stringValue
            else { throw corrupt("cvss") }
            var score: Double?
            if case .number(let value)? = item["score"] { score = value }
            scores.append(CVSSScore(version: Int(version), vector: vector, score: score, source: source))
        }
        return scores
    }

    static func encode(vendorSeverity: [String: Severity]) -> String {
        var out = "{"
        for (offset, entry) in vendorSeverity.sorted(by: { $0.key < $1.key }).enumerated() {
            if offset > 0 { out.append(",") }
            JSONWriter.string(entry.key, into: &out)
            out.append(":")
            JSONWriter.string(entry.value.rawValue, into: &out)
        }
        out.append("}")
        return out
    }

    static func decodeVendorSeverity(_ text: String) throws(VulnDBError) -> [String: Severity] {
        guard let members = try JSONParser.parse(Array(text.utf8)).objectValue else {
            throw corrupt("vendor_severity")
        }
        var result: [String: Severity] = [:]
        for (key, value) in members {
            guard let name = value.stringValue, let severity = Severity(name: name) else {
                throw corrupt("vendor_severity")
            }
            result[key] = severity
        }
        return result
    }

    static func encode(goImports: [GoVulnerableSymbols]) -> String {
        var out = "["
        for (offset, item) in goImports.enumerated() {
            if offset > 0 { out.append(",") }
            out.append("{\"path\":")
            JSONWriter.string(item.importPath, into: &out)
            out.append(",\"symbols\":")
            out.append(JSONWriter.stringArray(item.symbols))
            out.append("}")
        }
        out.append("]")
        return out
    }

    static func decodeGoImports(_ text: String) throws(VulnDBError) -> [GoVulnerableSymbols] {
        guard let list = try JSONParser.parse(Array(text.utf8)).arrayValue else { throw corrupt("go_imports") }
        var imports: [GoVulnerableSymbols] = []
        for item in list {
            guard let path = item["path"]?.stringValue, let symbols = item["symbols"]?.arrayValue else {
                throw corrupt("go_imports")
            }
            var names: [String] = []
            for symbol in symbols {
                guard let name = symbol.stringValue else { throw corrupt("go_imports") }
                names.append(name)
            }
            imports.append(GoVulnerableSymbols(importPath: path, symbols: names))
        }
        return imports
    }

    private static func corrupt(_ column: String) -> VulnDBError {
        VulnDBError(code: .notADatabase, reason: "the `\(column)` column holds unexpected JSON", location: "")
    }
}
