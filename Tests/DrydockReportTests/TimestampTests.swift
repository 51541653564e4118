import Foundation
import Testing

@testable import DrydockReport

@Suite("RFC 3339 timestamps")
struct TimestampTests {
    @Test(
        "hand-formatted timestamps equal ISO8601DateFormatter's, fractions as Go's RFC3339Nano writes them",
        arguments: [0, 1_700_000_000.123, 951_782_400.5, -86_400.25, 4_102_444_799.999, 1_234_567_890])
    func matchesFoundation(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        for fractional in [false, true] {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.formatOptions =
                fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
            var expected = formatter.string(from: date)
            if fractional {
                // Go drops trailing zeros of the fraction, and the fraction itself when it is zero.
                while expected.hasSuffix("0Z") { expected = String(expected.dropLast(2)) + "Z" }
                if expected.hasSuffix(".Z") { expected = String(expected.dropLast(2)) + "Z" }
            }
            #expect(TrivyJSONReport.timestamp(date, fractional: fractional) == expected)
        }
    }

    @Test func leapDayAndMilliseconds() {
        let date = Date(timeIntervalSince1970: 951_782_400.042)  // 2000-02-29
        #expect(TrivyJSONReport.timestamp(date, fractional: true) == "2000-02-29T00:00:00.042Z")
        #expect(TrivyJSONReport.timestamp(date, fractional: false) == "2000-02-29T00:00:00Z")
    }
}
