import Foundation

extension PolicyParser {
    /// Reads one exception written as a policy file writes it under `exceptions:` — a YAML or JSON mapping with
    /// `id`, `owner`, `reason`, `expires`, `action`, `purl`, `path`, `image` — with the same checks a scan makes
    /// (owner, reason and expiry required; action `ignore` or `warn`; valid purls and patterns). This is how a
    /// drydock server reads the exceptions it is sent and stores. Unknown keys are refused: a stored exception
    /// must mean exactly what it says.
    public static func parseException(_ bytes: some Collection<UInt8>, path: String) throws(PolicyError)
        -> PolicyException
    {
        guard let text = String(validating: Array(bytes), as: UTF8.self) else {
            throw PolicyError(.unreadable, "not UTF-8 text", at: SourceLocation(file: path))
        }
        let reader = YAMLReader(file: path)
        guard let root = try reader.root(of: text) else {
            throw PolicyError(.schema, "the exception is empty", at: SourceLocation(file: path, line: 1))
        }
        var diagnostics: [PolicyDiagnostic] = []
        let exception = try exception(root, reader: reader, into: &diagnostics)
        if let first = diagnostics.first {
            throw PolicyError(.schema, first.message, at: first.location)
        }
        return exception
    }
}

extension PolicyException {
    /// The exception as a policy file writes it, as one JSON object with sorted keys and every list written as
    /// a list (`id`, `owner`, `reason`, `expires`, `action`, and `purl`, `path`, `image` when given): what
    /// ``PolicyParser/parseException(_:path:)`` reads back to an equal exception.
    public var documentJSON: [UInt8] {
        var object: [String: Any] = ["id": ids, "action": action.rawValue]
        if let owner { object["owner"] = owner }
        if let reason { object["reason"] = reason }
        if let expires { object["expires"] = PolicyDate.expiryString(expires) }
        if !purls.isEmpty { object["purl"] = purls.map(\.description) }
        if !paths.isEmpty { object["path"] = paths.map(\.text) }
        if !images.isEmpty { object["image"] = images.map(\.text) }
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return data.map { Array($0) } ?? []
    }
}

extension PolicyDate {
    /// How an expiry is written back: `YYYY-MM-DD` when it is midnight UTC (as policy files write days), else
    /// an RFC 3339 time.
    public static func expiryString(_ date: Date) -> String {
        let day = dayString(date)
        return PolicyDate.day(day) == date ? day : timestamp(date)
    }
}
