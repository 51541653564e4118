import Foundation

/// RFC 3339 timestamps as the feeds write them, parsed without Foundation's slow date formatters.
///
/// Stored in the DB as normalised UTC text (`2024-01-31T12:00:00Z`, fractional seconds kept to
/// milliseconds when present), which sorts and compares correctly as text.
public enum Timestamp {
    /// Parses `YYYY-MM-DD[Thh:mm:ss[.fff][Z|±hh:mm]]` (a space may replace `T`).
    ///
    /// Returns `nil` for text in another shape and for Go's zero time `0001-01-01T00:00:00Z`, which
    /// the Go feed uses to mean "unknown".
    public static func parse(_ text: String) -> Date? {
        let utf8 = Array(text.utf8)
        if utf8.count < 10 { return nil }
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= utf8.count else { return nil }
            var value = 0
            for offset in 0..<digits {
                let byte = utf8[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += digits
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < utf8.count, utf8[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = 0.0
        var offset = 0
        if index < utf8.count {
            guard utf8[index] == UInt8(ascii: "T") || utf8[index] == UInt8(ascii: "t") || utf8[index] == 32 else {
                return nil
            }
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2), expect(UInt8(ascii: ":")),
                let second = number(2), hour < 24, minute < 60, second <= 60
            else { return nil }
            seconds = Double(hour * 3600 + minute * 60 + second)
            if index < utf8.count, utf8[index] == UInt8(ascii: ".") {
                index += 1
                var scale = 0.1
                var digits = 0
                while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                    seconds += Double(utf8[index] - 48) * scale
                    scale /= 10
                    index += 1
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
            if index < utf8.count {
                let sign = utf8[index]
                index += 1
                if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                    offset = 0
                } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                    guard let offsetHours = number(2), expect(UInt8(ascii: ":")), let offsetMinutes = number(2) else {
                        return nil
                    }
                    offset = (offsetHours * 3600 + offsetMinutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
                } else {
                    return nil
                }
            }
            guard index == utf8.count else { return nil }
        }
        if year == 1 && month == 1 && day == 1 && seconds == 0 { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: Double(days) * 86_400 + seconds - Double(offset))
    }

    /// Formats `date` as UTC RFC 3339 text, with milliseconds only when they are not zero.
    public static func format(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        let milliseconds = Int64((interval * 1000).rounded())
        var totalSeconds = milliseconds / 1000
        var millis = milliseconds % 1000
        if millis < 0 {
            millis += 1000
            totalSeconds -= 1
        }
        var days = totalSeconds / 86_400
        var secondOfDay = totalSeconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if millis != 0 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date for a count of days since 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
