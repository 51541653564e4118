import Foundation

/// Runs the version-comparison oracle scripts in `scripts/oracles/` for the versions corpus tests.
public enum VersionsOracle {
    /// The package root (the folder holding `Package.swift`), found from this file's path.
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared` next to the package root, when it exists.
    public static var sharedRoot: URL? {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// Whether the corpus tests can run; prints why not when they cannot.
    public static func corpusAvailable(_ test: String) -> Bool {
        if sharedRoot == nil {
            print("\(test): skipped, ../shared (real advisories) is absent next to the package root")
            return false
        }
        return true
    }

    /// The failure message when an oracle tool is missing, or `nil` when `check` runs cleanly.
    ///
    /// `check` is a command line (`["/usr/bin/python3", "-c", "import rpm"]`); `install` says how to get it.
    public static func missingTool(_ check: [String], install: String) -> String? {
        let result = try? run(check, input: Data())
        if let result, result.status == 0 { return nil }
        return "oracle unavailable (\(check.joined(separator: " "))): install it with `\(install)`"
    }

    /// Sends `pairs` as `A<TAB>B` lines to the oracle command and returns its one-line answers.
    public static func answers(_ command: [String], pairs: [(String, String)]) throws -> [String] {
        var text = ""
        for (a, b) in pairs { text += "\(a)\t\(b)\n" }
        let result = try run(command, input: Data(text.utf8))
        let output = String(decoding: result.output, as: UTF8.self)
        return output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The path of an oracle script.
    public static func script(_ name: String) -> String {
        packageRoot.appendingPathComponent("scripts/oracles/\(name)").path
    }

    /// Runs a command with `input` on stdin and returns its exit status and stdout.
    public static func run(_ command: [String], input: Data) throws -> (status: Int32, output: Data) {
        let result = try ProcessRunner.run("/usr/bin/env", command, input: input)
        return (result.status, result.stdout)
    }
}
