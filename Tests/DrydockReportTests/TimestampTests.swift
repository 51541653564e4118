import Foundation
import Testing

@testable import DrydockReport

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test(
        "hand-formatted timestamps equal ISO8601DateFormatter's",
        arguments: [0, 1_700_000_000.123, 951_782_400.5, -86_400.25, 4_102_444_799.999, 1_234_567_890])
    func matchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        for fractional in [false, true] {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.formatOptions =
                fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
            #expect(TrivyJSONReport.timestamp(date, fractional: fractional) == formatter.string(from: date))
        }
    }

    @Test func leapDayAndMilliseconds() {
        let date = Date(timeIntervalSince1970: 951_782_400.042)  // 2000-02-29
        #expect(TrivyJSONReport.timestamp(date, fractional: true) == "2000-02-29T00:00:00.042Z")
        #expect(TrivyJSONReport.timestamp(date, fractional: false) == "2000-02-29T00:00:00Z")
    }
}
