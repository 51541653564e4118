import Foundation

/// Dates as policy, ignore and VEX files and baselines write them: `YYYY-MM-DD` (midnight UTC, as Trivy reads
/// `exp:` and `expired_at`) or an RFC 3339 time (`2025-03-01T12:00:00Z`, with any fraction and offset).
public enum PolicyDate {
    /// The date `text` names, or `nil` when it is not one of the two forms or not a real day.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingWhitespace
        if text.count == 10 { return day(text) }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        // Go writes nanoseconds (`…07:16.853479631-06:00`); Foundation may read only milliseconds.
        guard let dot = text.firstIndex(of: "."),
            let end = text[dot...].dropFirst().firstIndex(where: { !$0.isNumber }),
            text.distance(from: dot, to: end) > 4
        else { return nil }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: String(text[...text.index(dot, offsetBy: 3)]) + String(text[end...]))
    }

    /// `date` as an RFC 3339 time in UTC, whole seconds (`2026-01-02T03:04:05Z`): how baselines record when a
    /// finding was first seen.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `YYYY-MM-DD` at 00:00 UTC; `nil` for anything else, including days that do not exist (`2025-02-30`).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }

    /// `YYYY-MM-DD` of `date` in UTC.
    static func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Whole days from `date` to `now` (negative when `date` is later), rounded down.
    static func days(from date: Date, to now: Date) -> Int {
        Int((now.timeIntervalSince(date) / 86_400).rounded(.down))
    }
}
