import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion and captures its output, for tests that drive the CLI or an oracle.
///
/// Spawns with `posix_spawn` and reaps with `waitpid` rather than Foundation's `Process`, whose
/// child reaping was seen to hang when many tests start programs at once. Output goes through
/// temporary files rather than pipes, so a chatty program can never deadlock, and every run has a
/// time limit after which the program is killed.
public enum ProcessRunner {
    /// What a finished program left behind.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: String
        /// The program's peak resident memory in KiB, measured when asked for (`measuringPeakMemory`), else 0.
        public var peakMemoryKiB: Int = 0

        /// Standard output as text.
        public var output: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// The program could not be started, or did not finish in time.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `executable` (an absolute path, or a name looked up on `PATH`) with `arguments`;
    /// `input` is written to its standard input.
    ///
    /// With `measuringPeakMemory`, the program is started by a small `python3` parent that forks, execs it and
    /// reports its `ru_maxrss` (`peakMemoryKiB`). Measuring from here would be wrong: `posix_spawn` shares this
    /// process's memory until the exec, and Linux then counts this (large) test process's high-water mark as the
    /// child's.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, environment: [String: String]? = nil,
        directory: URL? = nil, timeout: TimeInterval = 900, measuringPeakMemory: Bool = false
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outPath = scratch.appendingPathComponent("stdout").path
        let errPath = scratch.appendingPathComponent("stderr").path
        let inPath = scratch.appendingPathComponent("stdin").path
        try (input ?? Data()).write(to: URL(fileURLWithPath: inPath))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, inPath, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        SpawnFileActions.closeInherited(&actions)
        // glibc's posix_spawn_file_actions_addchdir_np is not exposed to Swift: change directory through sh.
        var command = [executable] + arguments
        let peakPath = scratch.appendingPathComponent("peak").path
        if measuringPeakMemory { command = ["python3", "-c", Self.measuringParent, peakPath] + command }
        if let directory { command = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", directory.path] + command }
        let program = command[0]

        let argv = command.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = SpawnAttributes.withCleanSignals { attributes in
            program.contains("/")
                ? posix_spawn(&pid, program, &actions, attributes, argv, env)
                : posix_spawnp(&pid, program, &actions, attributes, argv, env)
        }
        guard spawned == 0 else {
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        let status = try wait(for: pid, timeout: timeout, name: executable)
        let peak = (try? String(contentsOfFile: peakPath, encoding: .utf8)).flatMap { Int($0) }
        if measuringPeakMemory, peak == nil {
            throw Failure(description: "the peak memory of \(executable) could not be measured (is python3 on PATH?)")
        }
        return Result(
            status: status,
            stdout: try Data(contentsOf: URL(fileURLWithPath: outPath)),
            stderr: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errPath)), as: UTF8.self),
            peakMemoryKiB: peak ?? 0)
    }

    /// The parent `measuringPeakMemory` starts: `python3 -c SCRIPT PEAK-FILE PROGRAM ARGS...`. It forks (its own
    /// memory, a few MiB, is all the child inherits), waits, writes the child's `ru_maxrss` (KiB) to PEAK-FILE and
    /// exits with the child's status.
    static let measuringParent = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            try:
                os.execvp(sys.argv[2], sys.argv[2:])
            finally:
                os._exit(127)
        _, status, usage = os.wait4(pid, 0)
        with open(sys.argv[1], "w") as out:
            out.write(str(usage.ru_maxrss))
        code = os.waitstatus_to_exitcode(status)
        sys.exit(code if code >= 0 else 128 - code)
        """

    /// Reaps `pid`, killing it when it outlives `timeout`; returns its exit status (128 + signal when killed).
    private static func wait(for pid: pid_t, timeout: TimeInterval, name: String) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var pause: useconds_t = 1_000
        while true {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { break }
            if result < 0 && errno != EINTR {
                throw Failure(description: "waiting for \(name) failed: \(String(cString: strerror(errno)))")
            }
            if Date() > deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                throw Failure(description: "\(name) did not finish within \(Int(timeout)) s and was killed")
            }
            usleep(pause)
            pause = min(pause * 2, 50_000)
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Finds a program on `PATH`, or `nil`.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
