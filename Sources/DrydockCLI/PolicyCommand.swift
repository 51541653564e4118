import ArgumentParser
import DrydockPolicy
import Foundation

/// `drydock policy`: check a policy file, try a policy change on saved reports, start a policy.
struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Check a policy file, compare two policies on saved reports, or print the default policy.",
        discussion: "The policy file format is described in docs/policy.md.",
        subcommands: [PolicyLintCommand.self, PolicyDiffCommand.self, PolicyInitCommand.self]
    )
}

/// `drydock policy init`: prints the built-in default policy, a commented file to start from.
struct PolicyInitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Print the built-in default policy (fail on fixable CRITICAL only) to start a policy file from."
    )

    func run() throws {
        Console.output(Array(BuiltInPolicy.text.utf8))
    }
}

/// `drydock policy lint FILE`.
struct PolicyLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check a policy file: shadowed rules, broad exceptions, far expiries, unknown fields.",
        discussion: """
            Exit codes: 0 no problem found; 1 problems found (listed on standard output, one per line, \
            FILE:LINE: problem [kind]); 2 the file cannot be read or used (YAML or schema error).
            """
    )

    @Argument(help: ArgumentHelp("The policy file ('default' for the built-in one).", valueName: "FILE"))
    var file: String

    @Option(
        name: .long,
        help: "Report exceptions expiring further away than this (90d, 12w, 2160h; 0 to allow any expiry).")
    var maxExpiry: String = "90d"

    func validate() throws {
        guard DatabaseFreshness.parseDuration(maxExpiry) != nil else {
            throw ValidationError("--max-expiry \(maxExpiry): expected a duration such as 90d, 12w or 2160h")
        }
    }

    func run() throws {
        guard let document = try PolicyFiles.loadPolicy(file) else { return }
        let limit = DatabaseFreshness.parseDuration(maxExpiry) ?? 0
        let problems = PolicyLinter(maxExpiry: limit > 0 ? limit : nil).lint(document)
        if problems.isEmpty {
            Console.output(Array("\(file): no problems found\n".utf8))
            return
        }
        let lines = problems.map(\.description).joined(separator: "\n")
        Console.output(Array("\(lines)\n\(file): \(problems.count) problem(s) found\n".utf8))
        throw ExitCode(1)
    }
}
