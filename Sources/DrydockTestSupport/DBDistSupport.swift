import Foundation

/// A `drydock` process running in the background while a test does something else (holds the DB
/// update lock, starts a second process), with its output collected in files.
public final class DBDistBackground: @unchecked Sendable {
    // `@unchecked Sendable`: `process` is only used from the test's own task (start, wait, read).
    private let process: Process
    private let stdoutURL: URL
    private let stderrURL: URL

    /// Starts `executable` with `arguments` and `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        let scratch = try PackagePaths.temporaryDirectory("background")
        stdoutURL = scratch.appendingPathComponent("stdout")
        stderrURL = scratch.appendingPathComponent("stderr")
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
    }

    /// Whether the process is still running.
    public var isRunning: Bool { process.isRunning }

    /// Sends `signal` to the process (`SIGKILL` to simulate a crash or power loss mid-write).
    public func send(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits up to `timeout` seconds; returns the exit status, standard output and standard error,
    /// or `nil` (after killing it) when it did not finish in time.
    public func wait(timeout: TimeInterval = 300) -> (status: Int32, output: String, stderr: String)? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        let output = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        return (process.terminationStatus, output, stderr)
    }
}

/// Holds `flock(2)` on a file, as another drydock process updating the same DB would.
public final class DBDistHeldLock: @unchecked Sendable {
    // `@unchecked Sendable`: the descriptor is only closed once, by `release()` or `deinit`.
    private var descriptor: Int32

    /// Takes an exclusive lock on `path` (created when missing); throws when it is already held.
    public init(path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0, flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            throw DBDistError(description: "cannot lock \(path)")
        }
    }

    deinit { release() }

    /// Releases the lock.
    public func release() {
        if descriptor >= 0 {
            // Unlock before closing: a child process another test spawned meanwhile may share the open
            // file description, and closing only our descriptor would leave the lock held.
            flock(descriptor, LOCK_UN)
            close(descriptor)
            descriptor = -1
        }
    }
}

/// A feed site for the shard tests: OSV exports for PyPI and npm, Alpine secdb for v3.19 and v3.20.
public enum DBDistFeedSite {
    /// Writes the site into a new temporary directory and returns it.
    public static func write() throws -> URL {
        let site = try PackagePaths.temporaryDirectory("shard-feeds")
        for (ecosystem, id, name) in [("PyPI", "PYSEC-2021-1", "Django"), ("npm", "GHSA-npm1-0000-0000", "left-pad")] {
            let directory = site.appendingPathComponent(ecosystem)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let record = """
                {"id": "\(id)", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": \
                {"ecosystem": "\(ecosystem)", "name": "\(name)"}, "ranges": [{"type": "ECOSYSTEM", \
                "events": [{"introduced": "0"}, {"fixed": "9.0"}]}]}]}
                """
            try Data(record.utf8).write(to: directory.appendingPathComponent("\(id).json"))
            try FeedServer.zip(directory: directory, to: directory.appendingPathComponent("all.zip"))
            try Data("2024-01-01T00:00:00Z,\(id)\n".utf8).write(
                to: directory.appendingPathComponent("modified_id.csv"))
        }
        for release in ["v3.19", "v3.20"] {
            let directory = site.appendingPathComponent("alpine/\(release)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let secdb = """
                {"distroversion": "\(release)", "reponame": "main", "packages": [{"pkg": {"name": "musl", \
                "secfixes": {"1.2.4-r3": ["CVE-2099-0001"]}}}]}
                """
            try Data(secdb.utf8).write(to: directory.appendingPathComponent("main.json"))
        }
        return site
    }

    /// The environment pointing every feed at `server`.
    public static func environment(_ server: FeedServer) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["DRYDOCK_OSV_URL"] = server.baseURL.absoluteString
        environment["DRYDOCK_ALPINE_SECDB_URL"] = server.baseURL.appendingPathComponent("alpine").absoluteString
        environment["DRYDOCK_DEBIAN_TRACKER_URL"] = server.baseURL.appendingPathComponent("debian/json").absoluteString
        return environment
    }
}

/// Why a DB distribution test helper failed.
public struct DBDistError: Error, CustomStringConvertible {
    /// What went wrong.
    public var description: String

    /// An error saying `description`.
    public init(description: String) {
        self.description = description
    }
}
