import Foundation

/// A compiled regular expression that can be shared between threads.
///
/// `NSRegularExpression` is documented as thread-safe for matching once created and is immutable, which
/// makes the `@unchecked Sendable` sound.
final class RegexBox: @unchecked Sendable {
    private let expression: NSRegularExpression

    init?(_ pattern: String) {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
        self.expression = expression
    }

    /// Whether the expression matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
