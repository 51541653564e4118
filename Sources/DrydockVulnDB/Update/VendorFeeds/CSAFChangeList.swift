import Foundation

/// A CSAF provider's `changes.csv` (CSAF 2.0 section 7.1.14): one `"<path>","<RFC 3339 time>"` line per document
/// change, newest first (`"2024/cve-2024-0727.json","2024-11-08T18:28:22+00:00"`).
///
/// Pure: bytes in, changes out. One change per path, the newest; lines that are not `path,time` are counted.
enum CSAFChangeList {
    struct Change: Sendable, Hashable {
        /// The document's path relative to the directory.
        var path: String
        /// The time as written.
        var modified: String
        var date: Date
    }

    static func parse(_ bytes: [UInt8]) -> (changes: [Change], skipped: Int) {
        var newest: [String: Change] = [:]
        var order: [String] = []
        var skipped = 0
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let values = fields(line)
            guard values.count >= 2, let date = Timestamp.parse(values[1]), values[0].hasSuffix(".json"),
                !values[0].contains("..")
            else {
                skipped += 1
                continue
            }
            let change = Change(path: values[0], modified: values[1], date: date)
            if let known = newest[values[0]] {
                if date > known.date { newest[values[0]] = change }
            } else {
                newest[values[0]] = change
                order.append(values[0])
            }
        }
        return (order.compactMap { newest[$0] }, skipped)
    }

    /// The comma-separated fields of one line, double quotes removed.
    static func fields(_ line: Substring) -> [String] {
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }
}
