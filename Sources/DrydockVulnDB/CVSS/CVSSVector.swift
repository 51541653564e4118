/// A parsed CVSS vector with its base score.
///
/// Versions 2.0, 3.0 and 3.1 are scored exactly per FIRST's specifications (3.1 with its `Roundup`
/// rule, 3.0 with the earlier ceiling rule); 4.0 vectors by the specification's macro-vector method in
/// ``CVSSv4``.
public struct CVSSVector: Sendable, Hashable {
    /// The CVSS specification version a vector is written against.
    public enum Version: String, Sendable, Hashable, CaseIterable {
        /// CVSS v2.0 (vectors without a `CVSS:` prefix).
        case v2 = "2.0"
        /// CVSS v3.0.
        case v3_0 = "3.0"
        /// CVSS v3.1.
        case v3_1 = "3.1"
        /// CVSS v4.0.
        case v4_0 = "4.0"

        /// The major version stored in `CVSSScore.version`: 2, 3 or 4.
        public var major: Int {
            switch self {
            case .v2: 2
            case .v3_0, .v3_1: 3
            case .v4_0: 4
            }
        }
    }

    /// The specification version.
    public var version: Version
    /// The vector as given.
    public var vector: String
    /// Metric abbreviation → value abbreviation (`AV` → `N`), base and any other metrics present.
    public var metrics: [String: String]
    /// The base score (0.0–10.0), or `nil` when it cannot be computed.
    public var baseScore: Double?

    /// Parses a vector: `CVSS:3.1/AV:N/…`, `CVSS:4.0/AV:N/…`, or a v2 vector (`AV:N/AC:L/Au:N/C:P/I:P/A:P`,
    /// optionally in parentheses or prefixed `CVSS:2.0/`).
    ///
    /// Returns `nil` when a mandatory base metric is missing, repeated or has an invalid value.
    public init?(_ vector: String) {
        var body = Substring(vector.trimmingCharactersInWhitespace())
        if body.hasPrefix("("), body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        var version = Version.v2
        if body.hasPrefix("CVSS:") {
            let prefixEnd = body.firstIndex(of: "/") ?? body.endIndex
            guard let parsed = Version(rawValue: String(body[body.index(body.startIndex, offsetBy: 5)..<prefixEnd]))
            else { return nil }
            version = parsed
            body = prefixEnd < body.endIndex ? body[body.index(after: prefixEnd)...] : ""
        }
        var metrics: [String: String] = [:]
        for part in body.split(separator: "/", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, !pieces[0].isEmpty, !pieces[1].isEmpty else { return nil }
            let key = String(pieces[0])
            guard metrics[key] == nil else { return nil }
            metrics[key] = String(pieces[1])
        }
        self.version = version
        self.vector = vector
        self.metrics = metrics
        switch version {
        case .v2:
            guard let score = CVSSv2.baseScore(metrics) else { return nil }
            baseScore = score
        case .v3_0, .v3_1:
            guard let score = CVSSv3.baseScore(metrics, roundup: version == .v3_1 ? .v3_1 : .v3_0) else {
                return nil
            }
            baseScore = score
        case .v4_0:
            guard CVSSv4.isValid(metrics) else { return nil }
            baseScore = CVSSv4.baseScore(metrics)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines (no Foundation needed).
    func trimmingCharactersInWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
