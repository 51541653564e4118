/// Splits the license field of Alpine packages (`L:`) into separate licenses.
///
/// apk writes whatever the APKBUILD's `license=` says: SPDX expressions (`MPL-2.0 AND MIT`), older
/// space-separated lists (`MIT BSD GPL2+`) and free text (`MPL 2.0`). The rules, in order:
/// - split on spaces and tabs, drop `(`, `)` and trailing `,`;
/// - drop the operators `AND` and `OR` (any case);
/// - keep `X WITH Y` together as one license (`GPL-2.0-only WITH Linux-syscall-note`);
/// - a token that is only a version number (`2.0`, `2.1+`) belongs to the token before it and is
///   joined with `-` (`MPL 2.0` → `MPL-2.0`), which is the SPDX spelling for most such licenses.
///
/// The licenses keep their spelling otherwise; mapping to SPDX identifiers is the license scanner's job.
public enum ApkLicense {
    /// The licenses named by one `L:` value, in order, without duplicates.
    public static func split(_ value: String) -> [String] {
        if !value.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x28 || $0 == 0x29 || $0 == 0x2C }) {
            return value.isEmpty ? [] : [value]
        }
        var licenses: [String] = []
        var joinNext = false
        for rawToken in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var token = Substring(rawToken)
            while let first = token.first, first == "(" { token = token.dropFirst() }
            while let last = token.last, last == ")" || last == "," { token = token.dropLast() }
            guard !token.isEmpty else { continue }
            let upper = token.uppercased()
            if upper == "AND" || upper == "OR" {
                joinNext = false
                continue
            }
            if upper == "WITH", !licenses.isEmpty {
                licenses[licenses.count - 1] += " WITH"
                joinNext = true
                continue
            }
            if joinNext, !licenses.isEmpty {
                licenses[licenses.count - 1] += " " + token
                joinNext = false
            } else if isVersionNumber(token), !licenses.isEmpty {
                licenses[licenses.count - 1] += "-" + token
            } else {
                licenses.append(String(token))
            }
        }
        var seen: Set<String> = []
        return licenses.filter { seen.insert($0).inserted }
    }

    /// `2`, `2.0`, `2.1+`: digits and dots, optionally ending in `+`.
    static func isVersionNumber(_ token: Substring) -> Bool {
        let body = token.last == "+" ? token.dropLast() : token
        guard let first = body.first, first.isASCII, first.isNumber else { return false }
        return body.allSatisfy { ($0.isASCII && $0.isNumber) || $0 == "." }
    }
}
