import Foundation

/// OSV's per-ecosystem `modified_id.csv`: one `<RFC 3339 modified>,<ID>` line per record, newest first.
///
/// Lines whose first field is not a time (a header, blank lines) are skipped. Pure: bytes in, entries out.
public enum ModifiedIDList {
    /// One line.
    public struct Entry: Sendable, Hashable {
        /// The record's `modified` time as written.
        public var modified: String
        /// The parsed time.
        public var date: Date
        /// The record ID (the file `<ID>.json` in the same folder).
        public var id: String
    }

    /// The entries in file order; `skipped` counts lines that were not `time,ID`.
    public static func parse(_ bytes: some Collection<UInt8>) -> (entries: [Entry], skipped: Int) {
        var entries: [Entry] = []
        var skipped = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            var text = String(decoding: line, as: UTF8.self)
            if text.hasSuffix("\r") { text.removeLast() }
            guard let comma = text.firstIndex(of: ",") else {
                skipped += 1
                continue
            }
            let modified = String(text[..<comma])
            var id = String(text[text.index(after: comma)...])
            // The bucket-wide list writes `ECOSYSTEM/ID`; per-ecosystem lists write the bare ID.
            if let slash = id.lastIndex(of: "/") { id = String(id[id.index(after: slash)...]) }
            guard let date = Timestamp.parse(modified), !id.isEmpty, !id.contains("..") else {
                skipped += 1
                continue
            }
            entries.append(Entry(modified: modified, date: date, id: id))
        }
        return (entries, skipped)
    }
}
