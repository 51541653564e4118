import ArgumentParser
import Foundation
import Glibc

/// The `drydock` command: container image security scanner.
public struct DrydockCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "drydock",
        abstract: "Scan container images for vulnerable packages, at rest, without a container engine.",
        discussion: """
            Exit codes: 0 gate passed; the --exit-code value when findings fail the gate; 2 usage error; \
            3 target unreadable or malformed; 4 vulnerability DB missing or unusable; 5 --timeout ran out.
            Every flag can also be set by DRYDOCK_<FLAG> or TRIVY_<FLAG> environment variables and by keys of \
            drydock.yaml (or trivy.yaml) in the working directory; see docs/configuration.md.
            """,
        subcommands: [
            ImageCommand.self, FilesystemCommand.self, RootfsCommand.self, ConfigCommand.self, SBOMCommand.self,
            ConvertCommand.self, AttestCommand.self, DatabaseCommand.self, PolicyCommand.self, CleanCommand.self,
            VersionCommand.self,
            ServerCommand.self, PushSBOMCommand.self, QueryCommand.self, K8sCommand.self, SigstoreCommand.self,
            CompletionCommand.self,
        ]
    )

    /// Drydock's release, printed by `drydock --version`.
    public static let version = BuildInfo.version

    public init() {}

    /// Parses the process arguments, runs the command and exits with a documented exit code.
    public static func runMain(arguments: [String]? = nil) async -> Never {
        do {
            var given = arguments ?? Array(CommandLine.arguments.dropFirst())
            // `--version` / `-v` (Trivy's spellings) are `drydock version`, which also shows the DB.
            if let first = given.first, first == "--version" || first == "-v" { given[0] = "version" }
            let expansion = try ArgumentDefaults(
                environment: ProcessInfo.processInfo.environment,
                workingDirectory: FileManager.default.currentDirectoryPath
            ).expand(given, root: DrydockCommand.self)
            var command = try parseAsRoot(expansion.arguments)
            let scanning = command as? any ScanningCommand
            if scanning?.options.quiet != true {
                for warning in expansion.warnings { Console.error("drydock: warning: \(warning)") }
            }
            if let options = scanning?.options, let seconds = GoDuration.seconds(options.timeout) {
                ScanDeadline.start(seconds: seconds, limit: options.timeout)
            }
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

/// A command that scans a target with the shared scan flags.
protocol ScanningCommand {
    var options: ScanOptions { get }
}

extension ImageCommand: ScanningCommand {}
extension FilesystemCommand: ScanningCommand {}
extension RootfsCommand: ScanningCommand {}
