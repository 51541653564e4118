import ArgumentParser
import DrydockPolicy
import Foundation

/// Flags that choose the policy and its files: Drydock's `--policy`, `--mode`, `--evidence`, and Trivy's
/// `--ignorefile`.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Policy file deciding which findings fail the build ('default' for the built-in one; see docs/policy.md).",
            valueName: "FILE"))
    var policy: String?

    @Option(name: .long, help: "enforce (fail the build) or audit (report what would fail); wins over the file's mode.")
    var mode: PolicyMode?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Trivy ignore file: .trivyignore lines or .trivyignore.yaml (default: .trivyignore in the working directory).",
            valueName: "FILE"))
    var ignorefile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Write one JSON line per finding with its decision, rule and facts to this file.", valueName: "FILE"))
    var evidence: String?

    mutating func validate() throws {
        // Read both files now, so a bad policy fails before an image is pulled or read.
        do {
            _ = try PolicyFiles.loadPolicy(policy)
            _ = try PolicyFiles.loadIgnoreFile(ignorefile)
        } catch let failure as CommandFailure {
            throw ValidationError(failure.message)
        }
    }
}

extension PolicyMode: ExpressibleByArgument {}

/// Reading the policy and ignore files named on the command line; every problem is a usage error (exit 2).
enum PolicyFiles {
    /// Trivy's default ignore file, read from the working directory when it exists.
    static let defaultIgnoreFile = ".trivyignore"

    /// The policy `--policy` names: `default` is the built-in one; `nil` without the flag.
    static func loadPolicy(_ argument: String?) throws -> PolicyDocument? {
        guard let argument else { return nil }
        if argument == BuiltInPolicy.name, !FileManager.default.fileExists(atPath: argument) {
            return BuiltInPolicy.document
        }
        let bytes = try read(argument, what: "policy file")
        do {
            return try PolicyParser.parse(bytes, path: argument)
        } catch {
            throw CommandFailure(.usage, "policy \(error)")
        }
    }

    /// The ignore file: `--ignorefile` (which must exist, as in Trivy), else `.trivyignore` when present.
    static func loadIgnoreFile(_ argument: String?) throws -> IgnoreFile? {
        let path = argument ?? defaultIgnoreFile
        if argument == nil, !FileManager.default.fileExists(atPath: path) { return nil }
        let bytes = try read(path, what: "ignore file")
        do {
            return try IgnoreFile.parse(bytes, path: path)
        } catch {
            throw CommandFailure(.usage, "ignore file \(error)")
        }
    }

    /// The bytes of the file `path`; a missing file or a directory is a usage error naming `what` it is.
    static func read(_ path: String, what: String) throws -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandFailure(.usage, "\(what) not found: \(path)")
        }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.usage, "cannot read \(what) \(path)")
        }
        return Array(data)
    }
}
