import ArgumentParser
import DrydockVulnDB
import Foundation

/// `drydock db`: build and inspect the vulnerability DB.
struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Build, update, inspect, import and export the vulnerability database.",
        subcommands: [Build.self, Info.self, Update.self, Import.self, Export.self, Push.self, Pull.self]
    )

    /// `drydock db build --output FILE SOURCE...`
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a vulnerability DB from OSV JSON records and Alpine secdb files.",
            discussion: """
                Each SOURCE is a file or a directory walked recursively; the format of each file (OSV JSON, \
                Alpine secdb JSON) is detected from its content. The DB is written to a temporary file and \
                renamed over FILE only when the build succeeds.
                """
        )

        @Option(name: [.customShort("o"), .long], help: "The DB file to write.")
        var output: String

        @Argument(help: "Advisory files or directories.")
        var sources: [String]

        @OptionGroup var display: DatabaseProgressOptions

        mutating func validate() throws {
            if sources.isEmpty { throw ValidationError("give at least one SOURCE file or directory") }
        }

        mutating func run() async throws {
            for source in sources where !FileManager.default.fileExists(atPath: source) {
                throw CommandFailure(.usage, "advisory source \(source) does not exist")
            }
            let directory = URL(fileURLWithPath: output).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw CommandFailure(
                    .usage, "cannot create directory \(directory.path) for \(output): \(error.localizedDescription)")
            }
            let summary: BuildSummary
            let line = display.bars ? DatabaseProgressLine() : nil
            line?.status("building the vulnerability DB from \(sources.count) source(s)…")
            defer { line?.finish() }
            var report: (@Sendable (BuildProgress) -> Void)?
            if let line {
                report = { (progress: BuildProgress) in line.update(progress) }
            }
            do {
                summary = try DatabaseBuilder.build(
                    output: output, sources: sources, builtAt: Date(), drydockVersion: DrydockCommand.version,
                    progress: report)
            } catch {
                // A source that cannot be read is bad input (3); failing to write the DB is a DB error (4).
                let status: ExitStatus =
                    switch error.code {
                    case .notFound, .unknownFormat, .malformedInput: .target
                    default: .database
                    }
                throw CommandFailure(status, "cannot build vulnerability DB \(output): \(error)")
            }
            line?.finish()
            if !display.quiet {
                for warning in summary.warnings { Console.error("drydock: warning: \(warning)") }
            }
            var text = "Wrote \(summary.output) and metadata.json: \(summary.advisoryCount) advisories, "
            text += "\(summary.affectedCount) affected-package records"
            if let size = DatabaseInfo.fileSize(summary.output) { text += ", \(DatabaseInfo.mebibytes(size))" }
            text += "\n"
            for source in summary.sources {
                text += "  \(source.path): \(source.format), \(source.records) records, \(source.skipped) skipped\n"
            }
            Console.output(text)
        }
    }

    /// `drydock db info`
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print what the vulnerability DB holds.")

        @Option(name: .long, help: "Vulnerability DB file (default: CACHE_DIR/db/drydock.db).")
        var db: String?

        @Option(name: .long, help: "Cache directory (default: $XDG_CACHE_HOME/drydock or ~/.cache/drydock).")
        var cacheDir: String?

        mutating func run() async throws {
            let path = db ?? CachePaths(override: cacheDir).databaseFile
            guard FileManager.default.fileExists(atPath: path) else {
                throw CommandFailure(.database, "no vulnerability DB at \(path)")
            }
            do {
                let database = try VulnerabilityDatabase.open(path: path)
                Console.output(try database.info().render(now: Date()) + "\n")
            } catch {
                throw CommandFailure(.database, "cannot use vulnerability DB \(path): \(error)")
            }
        }
    }
}
