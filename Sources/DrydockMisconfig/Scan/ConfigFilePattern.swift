import Foundation

/// A `--file-patterns` entry (Trivy's flag): `TYPE:REGEX` makes files whose path matches the regular expression
/// be read as that type whatever their name (`dockerfile:Customfile`, `kubernetes:.*\.k8s$`).
///
/// The expression is matched, unanchored, against the path relative to the scan root, as Trivy matches it.
public struct ConfigFilePattern: Sendable, Hashable, CustomStringConvertible {
    /// The types Drydock reads, as Trivy names them.
    public static let types: [String: ConfigFileClassifier.Candidate] = [
        "dockerfile": .dockerfile, "kubernetes": .manifest, "helm": .manifest,
    ]

    /// What matching files are read as.
    public var candidate: ConfigFileClassifier.Candidate
    /// The expression as written.
    public var pattern: String
    /// The compiled expression. `NSRegularExpression` is immutable and documented thread-safe.
    private let regex: NSRegularExpression

    /// Parses `TYPE:REGEX`; the error says what is wrong and which types are read.
    public init(_ text: String) throws(ConfigParseError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ConfigParseError("'\(text)': expected TYPE:REGEX, such as dockerfile:Customfile")
        }
        let type = String(text[..<colon])
        guard let candidate = Self.types[type] else {
            throw ConfigParseError(
                "'\(text)': Drydock reads \(Self.types.keys.sorted().joined(separator: ", ")) files, not '\(type)'")
        }
        pattern = String(text[text.index(after: colon)...])
        do {
            regex = try NSRegularExpression(pattern: pattern)
        } catch {
            throw ConfigParseError("'\(text)': not a regular expression: \(error.localizedDescription)")
        }
        self.candidate = candidate
    }

    /// Whether `path` matches.
    public func matches(_ path: String) -> Bool {
        regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    public var description: String { "\(candidate == .dockerfile ? "dockerfile" : "kubernetes"):\(pattern)" }

    public static func == (lhs: ConfigFilePattern, rhs: ConfigFilePattern) -> Bool {
        lhs.candidate == rhs.candidate && lhs.pattern == rhs.pattern
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(candidate)
        hasher.combine(pattern)
    }
}

extension [ConfigFilePattern] {
    /// What the first matching pattern makes of `path`, or `nil`.
    public func candidate(for path: String) -> ConfigFileClassifier.Candidate? {
        first { $0.matches(path) }?.candidate
    }
}
