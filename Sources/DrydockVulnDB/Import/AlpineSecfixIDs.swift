/// Reads the vulnerability IDs out of one Alpine secdb `secfixes` string.
///
/// The real files hold more than bare IDs: several IDs in one string (`CVE-2016-6258 XSA-182`),
/// trailing notes (`CVE-2017-16808 (AoE)`), typos (`CVE_2019-2426`, `CVE 2018-16859`), suffixes
/// (`CVE-2019-19451.patch`, `CVE-2017-17434-1`) and placeholders (`CVE-????-????? XSA-295`).
public enum AlpineSecfixIDs {
    /// The IDs in `text`, in order, each normalised (`CVE-2019-2426`); text in parentheses, words that
    /// are not IDs (`XPTI`) and placeholders are dropped.
    public static func parse(_ text: String) -> [String] {
        var tokens: [Substring] = []
        var depth = 0
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == ";" }) {
            let opens = word.filter { $0 == "(" }.count
            let closes = word.filter { $0 == ")" }.count
            if depth == 0 && opens == 0 { tokens.append(word) }
            depth = max(0, depth + opens - closes)
        }
        var ids: [String] = []
        var index = 0
        while index < tokens.count {
            var token = String(tokens[index])
            // `CVE 2018-16859`: the prefix and the number were split by a space.
            if token.uppercased() == "CVE", index + 1 < tokens.count, tokens[index + 1].first?.isNumber == true {
                token = "CVE-" + tokens[index + 1]
                index += 1
            }
            index += 1
            if let id = normalise(token), !ids.contains(id) { ids.append(id) }
        }
        return ids
    }

    /// One token as an ID, or `nil` when it is not one.
    static func normalise(_ token: String) -> String? {
        let bytes = Array(token.utf8)
        var index = 0
        // Prefix: letters, with `-` or `_` between letter groups (`wnpa-sec`).
        var prefix: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            if isLetter(byte) {
                prefix.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                guard index + 1 < bytes.count else { return nil }
                if isLetter(bytes[index + 1]) {
                    prefix.append(UInt8(ascii: "-"))
                    index += 1
                } else {
                    break
                }
            } else {
                return nil
            }
        }
        guard !prefix.isEmpty, index < bytes.count else { return nil }
        index += 1  // the separator before the first number
        let prefixText = String(decoding: prefix, as: UTF8.self)
        let isCVE = prefixText.uppercased() == "CVE"
        // Number groups: `2019-1234` for CVE and TALOS, `182` for XSA.
        var groups: [String] = []
        while index < bytes.count {
            var digits: [UInt8] = []
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                digits.append(bytes[index])
                index += 1
            }
            guard !digits.isEmpty else { break }
            groups.append(String(decoding: digits, as: UTF8.self))
            if isCVE && groups.count == 2 { break }
            guard index < bytes.count, bytes[index] == UInt8(ascii: "-"), index + 1 < bytes.count,
                bytes[index + 1] >= 48, bytes[index + 1] <= 57
            else { break }
            index += 1
        }
        if isCVE {
            guard groups.count == 2, groups[0].count == 4, groups[1].count >= 4 else { return nil }
            return "CVE-\(groups[0])-\(groups[1])"
        }
        guard !groups.isEmpty else { return nil }
        return ([prefixText] + groups).joined(separator: "-")
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }
}
