import DrydockTestSupport
import Foundation
import Testing

/// Drydock's promise that no shell command is built from input (docs/security.md): outside the test support
/// module, the only place that starts a process is the credential helper, and nothing names a shell.
@Suite struct ProcessAuditTests {
    /// Every Swift file under `Sources`, with its path relative to the package root.
    static func sources() throws -> [(path: String, text: String)] {
        let sources = PackagePaths.root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var files: [(String, String)] = []
        for case let url as URL in walker where url.pathExtension == "swift" {
            let relative = String(url.path.dropFirst(PackagePaths.root.path.count + 1))
            files.append((relative, try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    @Test("only the credential helper starts a process, from an argument vector; no shell anywhere")
    func onlyCredentialHelpersStartProcesses() throws {
        let files = try Self.sources().filter { !$0.path.hasPrefix("Sources/DrydockTestSupport/") }
        #expect(files.count > 100, "the walk found too few sources to mean anything")
        // A call of a process-starting function: not a method or a longer name that ends the same way.
        let call = try Regex(#"(^|[^A-Za-z0-9_.])(Process\(\)|posix_spawnp?\(|execvp?\(|system\(|popen\()"#)
        let starters = files.filter { $0.text.contains(call) }
        #expect(starters.map(\.path) == ["Sources/DrydockNetwork/Registry/CredentialHelper.swift"])
        for file in files {
            for shell in [
                "\"/bin/sh\", [\"-c\"", "executableURL = URL(fileURLWithPath: \"/bin/sh\")", "\"bash\", \"-c\"",
            ] {
                #expect(!file.text.contains(shell), "\(file.path) runs a shell")
            }
        }
    }
}
