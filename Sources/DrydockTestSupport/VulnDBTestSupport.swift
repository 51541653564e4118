import Foundation

/// Helpers for the vulnerability DB tests: scratch directories and the shared advisory corpus.
public enum VulnDBTestSupport {
    /// A new empty directory under the system temporary directory; the caller removes it.
    public static func makeScratchDirectory(_ label: String = "vulndb") throws -> String {
        let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(
            "drydock-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Writes `text` to `directory/relativePath`, creating folders as needed; returns the full path.
    @discardableResult
    public static func write(_ text: String, to relativePath: String, in directory: String) throws -> String {
        let path = (directory as NSString).appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `../shared/advisories` beside the package root found from `filePath`, or `nil` when absent.
    public static func sharedAdvisoriesDirectory(filePath: String = #filePath) -> String? {
        var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared/advisories").path
                return FileManager.default.fileExists(atPath: shared) ? shared : nil
            }
            url = url.deletingLastPathComponent()
        }
        return nil
    }
}
