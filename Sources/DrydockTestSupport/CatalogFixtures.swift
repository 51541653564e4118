import Foundation

/// Helpers for catalog tests: locating `../shared`, running oracle commands, scratch folders.
public enum CatalogFixtures {
    /// A command used as an oracle or fixture builder failed.
    public struct CommandError: Error, CustomStringConvertible {
        /// The command and its error output.
        public var description: String
    }

    /// The shared material directory (`../shared` beside the package root), when it exists.
    public static func sharedDirectory(filePath: String = #filePath) -> URL? {
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                let shared = url.deletingLastPathComponent().appendingPathComponent("shared")
                return FileManager.default.fileExists(atPath: shared.path) ? shared : nil
            }
        }
        return nil
    }

    /// A shared fixture file (`fixtures/images/alpine-310.tar.gz`), when `../shared` holds it.
    public static func sharedFile(_ relativePath: String, filePath: String = #filePath) -> URL? {
        guard let shared = sharedDirectory(filePath: filePath) else { return nil }
        let url = shared.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether `relativePath` exists under `../shared`; prints why a test is skipped when it does not.
    public static func sharedFileAvailable(_ relativePath: String, filePath: String = #filePath) -> Bool {
        if sharedFile(relativePath, filePath: filePath) != nil { return true }
        print("skipped: ../shared/\(relativePath) is absent (corpus fixtures not available)")
        return false
    }

    /// Whether an executable is on `PATH`; prints why a test is skipped when it is not.
    public static func commandAvailable(_ name: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":")
        where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
            return true
        }
        print("skipped: \(name) is not installed")
        return false
    }

    /// Runs `executable` (looked up in `PATH`) and returns its standard output; throws when it fails.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandError(
                description: "\(executable) \(arguments.joined(separator: " ")) exited with "
                    + "\(process.terminationStatus): \(String(decoding: stderr, as: UTF8.self))")
        }
        return [UInt8](stdout)
    }

    /// A new, unique scratch folder, removed with the others of this test process (see
    /// `ImageFixtures.temporaryDirectory`).
    public static func scratchDirectory(prefix: String = "drydock-catalog") throws -> URL {
        try ImageFixtures.temporaryDirectory(prefix: prefix)
    }

    /// Extracts the gzip-compressed docker-archive `archive` and then, from every layer tar in it (in
    /// manifest order), the files `paths`; returns the folder with the merged files (later layers overwrite).
    ///
    /// Uses the system `tar`, independent of Drydock's reader, so tests have an oracle.
    public static func extractFromImage(_ archive: URL, paths: [String]) throws -> URL {
        let work = try scratchDirectory(prefix: "drydock-extract")
        try run("tar", ["-xzf", archive.path, "-C", work.path])
        let manifest = try Data(contentsOf: work.appendingPathComponent("manifest.json"))
        guard
            let images = try JSONSerialization.jsonObject(with: manifest) as? [[String: Any]],
            let layers = images.first?["Layers"] as? [String]
        else {
            throw CommandError(description: "\(archive.path): manifest.json has no Layers")
        }
        let root = work.appendingPathComponent("rootfs", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for layer in layers {
            let listing = String(
                decoding: try run("tar", ["-tf", work.appendingPathComponent(layer).path]), as: UTF8.self)
            let members = Set(listing.split(separator: "\n").map { String($0) })
            let present = paths.filter { members.contains($0) || members.contains("./" + $0) }
            guard !present.isEmpty else { continue }
            try run("tar", ["-xf", work.appendingPathComponent(layer).path, "-C", root.path] + present)
        }
        return root
    }
}
