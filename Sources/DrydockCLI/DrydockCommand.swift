import ArgumentParser
import Glibc

/// The `drydock` command: container image security scanner.
public struct DrydockCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "drydock",
        abstract: "Scan container images for vulnerable packages, at rest, without a container engine.",
        discussion: """
            Exit codes: 0 gate passed; the --exit-code value when findings fail the gate; 2 usage error; \
            3 target unreadable or malformed; 4 vulnerability DB missing or unusable.
            """,
        version: DrydockCommand.version,
        subcommands: [
            ImageCommand.self, FilesystemCommand.self, RootfsCommand.self, SBOMCommand.self, ConvertCommand.self,
            DatabaseCommand.self, CleanCommand.self, VersionCommand.self, ServerCommand.self, PushSBOMCommand.self,
            QueryCommand.self,
        ]
    )

    /// Drydock's release, printed by `drydock --version`.
    public static let version = "0.1.0"

    public init() {}

    /// Parses the process arguments, runs the command and exits with a documented exit code.
    public static func runMain(arguments: [String]? = nil) async -> Never {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Glibc.exit(0)
        } catch let failure as CommandFailure {
            Console.error("drydock: error: \(failure.message)")
            Glibc.exit(failure.status.rawValue)
        } catch let code as ExitCode {
            Glibc.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            // Argument errors (swift-argument-parser's 64) are usage errors: exit 2 as documented.
            Console.error(fullMessage(for: error))
            if code == .validationFailure {
                Glibc.exit(ExitStatus.usage.rawValue)
            }
            Glibc.exit(code.rawValue)
        }
    }
}
