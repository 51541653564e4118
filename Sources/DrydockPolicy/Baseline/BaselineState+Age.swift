import Foundation

extension BaselineState {
    /// `firstSeen` as a date: RFC 3339 (with or without fractional seconds) or a bare `YYYY-MM-DD` (midnight UTC).
    public var firstSeenDate: Date? {
        guard let firstSeen else { return nil }
        if let date = VEXDecoding.date(firstSeen) { return date }
        return VEXDecoding.date(firstSeen + "T00:00:00Z")
    }

    /// Whole days the finding has been open at `date` (the scan's time): 0 on the day it was first seen.
    /// `nil` when the first-seen time is unknown. This is the fact SLA rules compare ("CRITICAL open more than
    /// 7 days": `daysOpen(at:) > 7`).
    public func daysOpen(at date: Date) -> Int? {
        guard let seen = firstSeenDate else { return nil }
        return max(0, Int((date.timeIntervalSince(seen) / 86_400).rounded(.down)))
    }

    /// A time as baselines write it: RFC 3339, UTC, whole seconds (`2026-01-02T03:04:05Z`).
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
