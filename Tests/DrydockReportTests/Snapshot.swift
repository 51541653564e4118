import DrydockTestSupport
import Foundation
import Testing

/// Snapshot files under `Tests/DrydockReportTests/Snapshots`: a test compares its output with the file and
/// fails on any difference. `UPDATE_SNAPSHOTS=1 swift test --filter …` rewrites them (review the diff).
enum Snapshot {
    static func check(_ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = PackagePaths.root.appendingPathComponent("Tests/DrydockReportTests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            Issue.record(
                "no snapshot \(url.path); run with UPDATE_SNAPSHOTS=1 to write it", sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected != text {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
            let line = first?.offset ?? min(expectedLines.count, actualLines.count)
            Issue.record(
                """
                output differs from \(name) at line \(line + 1):
                expected: \(line < expectedLines.count ? String(expectedLines[line]) : "<end>")
                actual:   \(line < actualLines.count ? String(actualLines[line]) : "<end>")
                """, sourceLocation: sourceLocation)
        }
    }
}
