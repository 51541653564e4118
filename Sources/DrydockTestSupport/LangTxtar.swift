import Foundation

/// Go's txtar archives (`golang.org/x/tools/txtar`), as Trivy's test data uses them: a comment, then files
/// each introduced by a `-- NAME --` line.
public enum LangTxtar {
    /// The files of `text`, by name, in archive order.
    public static func files(_ text: String) -> [(name: String, content: String)] {
        var files: [(name: String, content: String)] = []
        var current: String?
        var lines: [Substring] = []
        func flush() {
            if let current { files.append((current, lines.map { $0 + "\n" }.joined())) }
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                flush()
                current = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else if current != nil {
                lines.append(line)
            }
        }
        flush()
        return files
    }

    /// Writes the files of the archive at `url` below `directory`, creating folders.
    public static func extract(_ url: URL, into directory: URL) throws {
        let text = try String(contentsOf: url, encoding: .utf8)
        for (name, content) in files(text) {
            let target = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: target)
        }
    }
}
