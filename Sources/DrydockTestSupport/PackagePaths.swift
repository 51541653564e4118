import Foundation

/// Where the package, the built `drydock` binary and `../shared` are, seen from a test.
public enum PackagePaths {
    /// The package root (the folder holding `Package.swift`).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // DrydockTestSupport
        .deletingLastPathComponent()  // Sources
        .deletingLastPathComponent()

    /// `../shared` beside the package root, when it exists (real fixtures and advisories).
    public static var shared: URL? {
        let url = root.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether `../shared` exists; when it does not, prints once why corpus tests are skipped.
    public static var hasShared: Bool {
        if shared == nil {
            print("corpus test skipped: \(root.deletingLastPathComponent().path)/shared is absent")
        }
        return shared != nil
    }

    /// The `drydock` executable built beside the test bundle.
    public static var drydock: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let sibling = bundleDirectory.appendingPathComponent("drydock").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        return root.appendingPathComponent(".build/debug/drydock").path
    }

    /// A new empty temporary directory.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
