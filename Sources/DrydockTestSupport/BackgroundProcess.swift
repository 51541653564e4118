import Foundation

/// A program running in the background while a test acts on it (signals it, watches its files), with its
/// output in temporary files. Killed when released if still running.
public final class BackgroundProcess: @unchecked Sendable {
    // @unchecked Sendable: `pid` is set once in init; `reaped` is only touched by the test that owns it.
    /// The process ID.
    public let pid: pid_t
    private let scratch: URL
    private var reaped = false

    /// Starts `executable` with `arguments` and `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        scratch = try PackagePaths.temporaryDirectory("background")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(
            &actions, 1, scratch.appendingPathComponent("stdout").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(
            &actions, 2, scratch.appendingPathComponent("stderr").path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        SpawnFileActions.closeInherited(&actions)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = SpawnAttributes.withCleanSignals { posix_spawn(&pid, executable, &actions, $0, argv, env) }
        guard spawned == 0 else {
            throw ProcessRunner.Failure(
                description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        self.pid = pid
    }

    deinit {
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits up to `timeout` seconds for the process to end; its exit status (128 + signal when a signal
    /// ended it), or `nil` when it is still running.
    public func wait(timeout: TimeInterval) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        while Date() < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                reaped = true
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal
            }
            usleep(20_000)
        }
        return nil
    }

    /// What the process wrote to standard error so far.
    public var stderr: String {
        (try? String(contentsOf: scratch.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
    }
}
