import Foundation

/// A compiled regular expression (ICU syntax) for checks that match text.
///
/// `NSRegularExpression` is immutable once created and documented thread-safe for matching.
struct Pattern: @unchecked Sendable {
    let expression: NSRegularExpression?

    init(_ pattern: String) {
        expression = try? NSRegularExpression(pattern: pattern)
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        guard let expression else { return false }
        return expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

/// Patterns shared by checks.
enum Patterns {
    static let suspiciousURL = Pattern(#"https?://[^\s<>"{}|^`\\\r\n]*[\r\n<>"{}|^`\\][^\s]*"#)
    static let suspiciousCN = Pattern(#"CN=.*[\r\n#{};|].*"#)
    static let email = Pattern(
        #"([a-zA-Z0-9_\-\.]+)@((\[[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.)|(([a-zA-Z0-9\-]+\.)+))([a-zA-Z]{2,4}|[0-9]{1,3})(\]?)"#
    )
    static let iban = Pattern(#"\b[A-Z]{2}\d{2} ?\d{4} ?\d{4} ?\d{4} ?\d{4} ?[\d]{0,2}\b"#)
}
