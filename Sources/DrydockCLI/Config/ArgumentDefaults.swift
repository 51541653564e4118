import ArgumentParser
import Foundation

/// Fills in the flags a command line leaves out from the environment and the configuration file, with
/// Trivy's precedence: flag > environment variable > config file > built-in default.
///
/// Works on the argument list before swift-argument-parser sees it, so every flag of every command — today's
/// and tomorrow's — can be set by a `DRYDOCK_<FLAG>` or `TRIVY_<FLAG>` variable (upper case, `-` as `_`)
/// and by a key of the config file: the flag's own name (`skip-dirs`), or Trivy's key for it
/// (`scan.skip-dirs`).
struct ArgumentDefaults {
    /// The expanded argument list and the warnings to print.
    struct Expansion: Equatable {
        var arguments: [String]
        var warnings: [String]
    }

    var environment: [String: String]
    /// Where `drydock.yaml` / `trivy.yaml` are looked for when `--config` is not given.
    var workingDirectory: String
    /// Reads a file's text, or throws.
    var readFile: (String) throws -> String = { try String(contentsOfFile: $0, encoding: .utf8) }

    /// The default config files, in the order they are tried.
    static let defaultConfigFiles = ["drydock.yaml", "trivy.yaml"]

    /// Expands `arguments` (without the program name) for the command they name under `root`.
    func expand(_ arguments: [String], root: any ParsableCommand.Type) throws(CommandFailure) -> Expansion {
        guard let (command, path) = CommandArguments.resolve(arguments, root: root) else {
            return Expansion(arguments: arguments, warnings: [])
        }
        let table = CommandArguments(command: command, path: path)
        let given = GivenArguments(arguments, table: table)
        try given.rejectUnsupportedTrivyFlags(command: path.joined(separator: " "))
        var warnings: [String] = []
        var added: [String] = []
        let config = try loadConfig(given: given, table: table)
        for argument in table.arguments where !given.contains(argument) {
            if let (variable, values) = environmentValue(for: argument) {
                if let refusal = Self.refusal(argument, values: values) {
                    warnings.append("\(variable): \(refusal); ignored")
                } else {
                    added += Self.arguments(for: argument, values: values, isList: false)
                }
                continue
            }
            if let config, let entry = entry(for: argument, in: config) {
                if let refusal = Self.refusal(argument, values: entry.values) {
                    warnings.append("\(config.path):\(entry.line): '\(entry.key)' \(refusal); ignored")
                } else {
                    added += Self.arguments(for: argument, values: entry.values, isList: entry.isList)
                }
            }
        }
        if let config { warnings += unknownKeys(in: config, table: table) }
        // Added flags go right after the command's name, so a `--` or positional arguments are left as they are.
        var expanded = Array(arguments.prefix(path.count)) + added + given.normalized.dropFirst(path.count)
        if expanded.isEmpty { expanded = arguments }
        return Expansion(arguments: expanded, warnings: warnings)
    }

    /// Why a value from the environment or a config file cannot be used for `argument`, or `nil`: Trivy's
    /// own artifacts (trivy-db, trivy-java-db, trivy-checks) are not Drydock's.
    static func refusal(_ argument: CommandArguments.Argument, values: [String]) -> String? {
        guard argument.longNames.contains("db-repository"),
            let trivy = values.first(where: { $0.contains("trivy-db") || $0.contains("trivy-java-db") })
        else { return nil }
        return "names \(trivy), a trivy-db repository that Drydock cannot read (publish Drydock's DB with "
            + "'drydock db push' and name that instead)"
    }

    /// The argument strings that set `argument` to `values`; empty values leave it unset.
    static func arguments(for argument: CommandArguments.Argument, values: [String], isList: Bool) -> [String] {
        let values = values.filter { !$0.isEmpty }
        guard !values.isEmpty else { return [] }
        let name = "--\(argument.longNames[0])"
        if argument.isFlag {
            guard let value = values.last else { return [] }
            switch value.lowercased() {
            case "true", "yes", "on", "1": return [name]
            default: return []
            }
        }
        if argument.isRepeating {
            return values.flatMap { value in
                value.split(separator: ",").map { [name, $0.trimmingCharacters(in: .whitespaces)] }.flatMap { $0 }
            }
        }
        return [name, values.joined(separator: ",")]
    }

    private func environmentValue(for argument: CommandArguments.Argument) -> (name: String, values: [String])? {
        for long in argument.longNames {
            let suffix = long.uppercased().replacingOccurrences(of: "-", with: "_")
            for prefix in ["DRYDOCK_", "TRIVY_"] {
                if let value = environment[prefix + suffix] { return (prefix + suffix, [value]) }
            }
        }
        return nil
    }

    private func loadConfig(given: GivenArguments, table: CommandArguments) throws(CommandFailure) -> ConfigFile? {
        let explicit = given.value(ofLong: "config") ?? environment["DRYDOCK_CONFIG"] ?? environment["TRIVY_CONFIG"]
        let candidates = explicit.map { [$0] } ?? Self.defaultConfigFiles.map { "\(workingDirectory)/\($0)" }
        for candidate in candidates {
            let text: String
            do {
                text = try readFile(candidate)
            } catch {
                if explicit != nil {
                    throw CommandFailure(.usage, "cannot read config file \(candidate): \(Self.describe(error))")
                }
                continue
            }
            let shown =
                explicit
                ?? (candidate.hasPrefix(workingDirectory + "/")
                    ? String(candidate.dropFirst(workingDirectory.count + 1)) : candidate)
            do {
                return try ConfigFile.parse(text, path: shown)
            } catch {
                throw CommandFailure(.usage, "malformed config file \(error)")
            }
        }
        return nil
    }

    /// The config entry that sets `argument`: its own name, or Trivy's key for it (or an alias's key).
    private func entry(for argument: CommandArguments.Argument, in config: ConfigFile) -> ConfigFile.Entry? {
        config.entries.last { entry in
            if argument.longNames.contains(entry.key) { return true }
            guard let trivy = TrivyFlag.configKey(entry.key), trivy.support.isAccepted else { return false }
            // A key Trivy has only in the config file sets Drydock's flag of the same name (`license.forbidden`
            // sets `--license-forbidden`).
            let names =
                [trivy.name ?? trivy.configKey.replacingOccurrences(of: ".", with: "-")] + trivy.aliases.map(\.name)
            return names.contains { argument.longNames.contains($0) }
        }
    }

    /// One warning per unknown key (with its line), and one for the keys of Trivy flags Drydock does not take
    /// that are set to something (a key left at an empty or false value sets nothing and is not mentioned).
    private func unknownKeys(in config: ConfigFile, table: CommandArguments) -> [String] {
        var warnings: [String] = []
        var unsupported: [String] = []
        for entry in config.entries where entry.key != "config" && table.argument(long: entry.key) == nil {
            if let trivy = TrivyFlag.configKey(entry.key) ?? TrivyFlag.named(entry.key) {
                if case .unsupported = trivy.support, Self.setsSomething(entry.values) {
                    unsupported.append("\(entry.key) (line \(entry.line))")
                }
                // Other Trivy keys are for flags this command does not take (`db.repository` for `clean`).
                continue
            }
            warnings.append("\(config.path):\(entry.line): unknown key '\(entry.key)'; ignored")
        }
        if !unsupported.isEmpty {
            warnings.append(
                "\(config.path): Drydock does not support, and ignored: \(unsupported.joined(separator: ", ")) "
                    + "(see docs/migrating-from-trivy.md)")
        }
        return warnings
    }

    /// Whether a config value sets anything: not empty, `false`, `0` or `0s`.
    static func setsSomething(_ values: [String]) -> Bool {
        values.contains { !["", "false", "0", "0s", "0.0"].contains($0.lowercased()) }
    }

    private static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        return nsError.localizedDescription
    }
}
