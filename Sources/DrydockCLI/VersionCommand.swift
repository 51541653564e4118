import ArgumentParser
import DrydockVersions
import Foundation

/// `drydock version` (also `drydock --version`, `-v`): the release, the commit and the DB; its subcommands
/// compare versions and check constraints with Drydock's ecosystem rules.
public struct VersionCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, commit and DB; compare versions and check constraints as Drydock matches them.",
        subcommands: [Compare.self, Satisfies.self])

    /// `table` (text) or `json`.
    @Option(name: [.short, .long], help: "Output format: table or json.")
    public var format: String = "table"

    /// The cache whose DB is described.
    @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
    public var cacheDir: String?

    /// Creates the command (argument parser entry point).
    public init() {}

    /// Checks the format.
    public func validate() throws {
        guard ["table", "json"].contains(format) else {
            throw ValidationError("--format must be table or json, not '\(format)'")
        }
    }

    /// Prints the version report.
    public func run() throws {
        let report = VersionReport(databasePath: CachePaths(override: cacheDir).databaseFile)
        print(format == "json" ? report.json : report.text, terminator: "")
    }

    /// `drydock version compare --scheme SCHEME [A B]`.
    public struct Compare: ParsableCommand {
        /// The subcommand's name and help.
        public static let configuration = CommandConfiguration(
            abstract: "Print <, = or > for A compared with B.",
            discussion: """
                With no A and B, reads one pair per line from standard input ("A B", whitespace separated) \
                and prints one answer per line; a line that cannot be compared prints "!" and its reason \
                goes to standard error. Exit code 2 when any version is invalid.
                """)

        /// The version scheme (deb, rpm, apk, pep440, npm, semver, maven, gem, go, cargo, nuget, composer, pub, hex, conan, swift).
        @Option(name: .long, help: "Version scheme: \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
        public var scheme: String

        /// Either nothing (read pairs from standard input) or the two versions.
        @Argument(help: "The two versions A and B; omit both to read pairs from standard input.")
        public var versions: [String] = []

        /// Creates the subcommand (argument parser entry point).
        public init() {}

        /// Validates the argument count.
        public func validate() throws {
            guard versions.isEmpty || versions.count == 2 else {
                throw ValidationError("give two versions, or none to read pairs from standard input")
            }
        }

        /// Runs the comparison.
        public func run() throws {
            let scheme = try resolve(self.scheme)
            if versions.count == 2 {
                do {
                    print(try scheme.compare(versions[0], versions[1]).rawValue)
                } catch {
                    try fail(error.description)
                }
                return
            }
            let input = FileHandle.standardInput.readDataToEndOfFile()
            let result = VersionQuery.compareBatch([UInt8](input), scheme: scheme)
            FileHandle.standardOutput.write(Data(result.output))
            if !result.errors.isEmpty {
                let message = result.errors.map { "drydock version compare: \($0)\n" }.joined()
                FileHandle.standardError.write(Data(message.utf8))
                throw ExitCode(2)
            }
        }
    }

    /// `drydock version satisfies --scheme SCHEME VERSION CONSTRAINT`.
    public struct Satisfies: ParsableCommand {
        /// The subcommand's name and help.
        public static let configuration = CommandConfiguration(
            abstract: "Print true or false: whether VERSION satisfies CONSTRAINT.",
            discussion: "CONSTRAINT uses the ecosystem's own syntax (npm ranges, PEP 440 specifiers, Maven ranges, …).")

        /// The version scheme.
        @Option(name: .long, help: "Version scheme: \(VersionScheme.allCases.map(\.rawValue).joined(separator: ", ")).")
        public var scheme: String

        /// The version to test.
        @Argument(help: "The version to test.")
        public var version: String

        /// The constraint, quoted as one argument.
        @Argument(help: "The constraint, quoted as one argument.")
        public var constraint: String

        /// Creates the subcommand (argument parser entry point).
        public init() {}

        /// Runs the check.
        public func run() throws {
            let scheme = try resolve(self.scheme)
            do {
                print(try scheme.satisfies(version, constraint: constraint) ? "true" : "false")
            } catch {
                try fail(error.description)
            }
        }
    }
}

private func resolve(_ name: String) throws -> VersionScheme {
    do {
        return try VersionQuery.scheme(named: name)
    } catch {
        throw ValidationError(error.description)
    }
}

/// Prints `message` to standard error and ends the command with exit status 2.
private func fail(_ message: String) throws -> Never {
    FileHandle.standardError.write(Data("drydock version: \(message)\n".utf8))
    throw ExitCode(2)
}
