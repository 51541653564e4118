import Foundation

/// When and how long to wait before trying a request again: exponential backoff with jitter, bounded
/// attempts, and the server's `Retry-After` honoured up to a cap.
public struct RetryPolicy: Sendable, Hashable {
    /// Most attempts for one request, the first included (1 disables retries).
    public var maxAttempts: Int
    /// Wait before the second attempt, in seconds; doubles for each later one.
    public var baseDelay: Double
    /// Longest computed wait, in seconds.
    public var maxDelay: Double
    /// Longest `Retry-After` obeyed, in seconds; a longer one is cut to this.
    public var maxRetryAfter: Double

    /// A policy; the defaults try 5 times, waiting about 0.5, 1, 2 and 4 seconds.
    public init(maxAttempts: Int = 5, baseDelay: Double = 0.5, maxDelay: Double = 30, maxRetryAfter: Double = 60) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(0, baseDelay)
        self.maxDelay = max(0, maxDelay)
        self.maxRetryAfter = max(0, maxRetryAfter)
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Seconds to wait after failed attempt number `attempt` (1-based). `retryAfter` (seconds, from the
    /// server) wins when present, capped at `maxRetryAfter`; otherwise `baseDelay · 2^(attempt-1)`, capped
    /// at `maxDelay`, scaled by `jitter` into its upper half (`jitter` in 0…1; 1 gives the full delay).
    public func delay(afterAttempt attempt: Int, retryAfter: Double? = nil, jitter: Double = 1) -> Double {
        if let retryAfter, retryAfter >= 0 {
            return min(retryAfter, maxRetryAfter)
        }
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let full = min(maxDelay, baseDelay * pow(2, exponent))
        let clamped = min(1, max(0, jitter))
        return full * (0.5 + clamped / 2)
    }

    /// Whether a response status is worth another attempt: 408, 429 and 5xx other than 501 and 505.
    public static func isRetryable(status: Int) -> Bool {
        switch status {
        case 408, 429: return true
        case 501, 505: return false
        case 500...599: return true
        default: return false
        }
    }

    /// Parses a `Retry-After` value: delta-seconds or an HTTP date (IMF-fixdate), relative to `now`.
    /// Returns seconds (never negative), or `nil` when the value is neither.
    public static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}
