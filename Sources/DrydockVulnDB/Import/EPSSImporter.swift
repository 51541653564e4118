import DrydockModel
import Foundation

/// Imports FIRST's EPSS scores CSV (`epss_scores-YYYY-MM-DD.csv`, uncompressed).
///
/// The file starts with an optional comment line `#model_version:v2023.03.01,score_date:…`, then
/// the header `cve,epss,percentile`, then one line per CVE. Not JSON, so the loader asks
/// ``recognizes(_:)`` on the raw bytes. Each line becomes enrichment (source `epss`).
public enum EPSSImporter {
    /// `epss`.
    public static let format = "epss"

    /// Whether `bytes` start like an EPSS CSV (optional `#` line, then a `cve,epss` header).
    public static func recognizes(_ bytes: some Collection<UInt8>) -> Bool {
        let head = String(decoding: bytes.prefix(512), as: UTF8.self)
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard var line = lines.next() else { return false }
        if line.hasPrefix("#") { line = lines.next() ?? "" }
        return line.hasPrefix("cve,epss")
    }

    /// Parses the CSV; lines that do not have a CVE and two numbers are skipped with warnings.
    public static func parse(_ bytes: some Collection<UInt8>, file: String) -> ImportedRecords {
        var result = ImportedRecords()
        var scoreDate: String?
        var header: [Substring] = []
        var lineNumber = 0
        for rawLine in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            lineNumber += 1
            var line = String(decoding: rawLine, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.hasPrefix("#") {
                for field in line.dropFirst().split(separator: ",") where field.hasPrefix("score_date:") {
                    scoreDate = String(field.dropFirst("score_date:".count))
                }
                continue
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            if header.isEmpty {
                header = fields
                continue
            }
            guard let cveIndex = header.firstIndex(of: "cve"), let scoreIndex = header.firstIndex(of: "epss"),
                let percentileIndex = header.firstIndex(of: "percentile"),
                fields.count == header.count, let score = Double(fields[scoreIndex]),
                let percentile = Double(fields[percentileIndex])
            else {
                result.skipped += 1
                result.warnings.append("\(file):\(lineNumber): skipped: not `cve,epss,percentile`")
                continue
            }
            result.records += 1
            var enrichment = ImportedEnrichment(cveID: String(fields[cveIndex]), source: format)
            enrichment.epss = EPSSScore(
                score: score, percentile: percentile, date: scoreDate.map { String($0.prefix(10)) })
            result.enrichments.append(enrichment)
        }
        if let scoreDate {
            result.feedTimestamp = Timestamp.parse(String(scoreDate.prefix(10)) + "T00:00:00Z")
        }
        return result
    }
}
