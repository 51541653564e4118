import Foundation

/// Runs a Docker credential helper (`docker-credential-NAME get`) to fetch a registry's credentials.
///
/// The helper reads the server URL on standard input and prints `{"Username": …, "Secret": …}`;
/// a `Username` of `<token>` means the secret is an identity token. "credentials not found" is not an
/// error: it yields `nil`.
public struct CredentialHelper: Sendable {
    /// The helper's suffix (`pass` runs `docker-credential-pass`).
    public var name: String
    /// Seconds the helper may run before it is stopped.
    public var timeout: Double
    /// `PATH` to search; the process's own when `nil`.
    public var searchPath: String?

    /// A helper called `docker-credential-<name>`.
    public init(name: String, timeout: Double = 30, searchPath: String? = nil) {
        self.name = name
        self.timeout = timeout
        self.searchPath = searchPath
    }

    /// The helper's program name.
    public var program: String { "docker-credential-\(name)" }

    /// Asks the helper for `serverURL`'s credentials; throws `credentials` when it is missing, fails,
    /// times out or prints something that is not the expected JSON.
    public func get(serverURL: String) throws(NetworkError) -> RegistryCredential? {
        guard let executable = locate() else {
            throw NetworkError(
                code: .credentials,
                reason: "credential helper \(program) is configured in the Docker config but is not on PATH",
                location: program)
        }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        let finished = DispatchSemaphore(value: 0)
        let process: Process
        do {
            process = try Self.start(executable, input: input, output: output, errors: errors) {
                finished.signal()
            }
            input.fileHandleForWriting.write(Data(serverURL.utf8))
            try input.fileHandleForWriting.close()
        } catch {
            throw NetworkError(
                code: .credentials, reason: "cannot run \(program)", location: executable, underlying: "\(error)")
        }
        // Both outputs are read on their own threads while the exit is awaited, all within one deadline:
        // a helper that hangs (waiting for a keychain prompt, say) with its output open is stopped too.
        let collected = CollectedOutput()
        let reads = DispatchGroup()
        DispatchQueue.global().async(group: reads) {
            collected.stdout = output.fileHandleForReading.readDataToEndOfFile()
        }
        DispatchQueue.global().async(group: reads) {
            collected.stderr = errors.fileHandleForReading.readDataToEndOfFile()
        }
        let deadline = DispatchTime.now() + timeout
        if finished.wait(timeout: deadline) == .timedOut || reads.wait(timeout: deadline) == .timedOut {
            process.terminate()
            throw NetworkError(
                code: .credentials, reason: "\(program) did not finish within \(Self.seconds(timeout)) s",
                location: executable)
        }
        let stdout = collected.stdout
        let text = String(decoding: stdout, as: UTF8.self) + String(decoding: collected.stderr, as: UTF8.self)
        if process.terminationStatus != 0 {
            if text.lowercased().contains("credentials not found") { return nil }
            throw NetworkError(
                code: .credentials,
                reason: "\(program) get failed with exit code \(process.terminationStatus)",
                location: executable, underlying: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return try Self.parseOutput(Array(stdout), location: program)
    }

    /// `timeout` for a message: whole seconds without a fraction, else one decimal.
    private static func seconds(_ timeout: Double) -> String {
        timeout == timeout.rounded() ? String(Int(timeout)) : String(format: "%.1f", timeout)
    }

    /// A helper's two outputs, each written by its reading thread before the dispatch group is left and
    /// read only after waiting for that group.
    private final class CollectedOutput: @unchecked Sendable {
        var stdout = Data()
        var stderr = Data()
    }

    /// Parses a helper's `get` output.
    public static func parseOutput(_ bytes: [UInt8], location: String) throws(NetworkError) -> RegistryCredential? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
            let secret = object["Secret"] as? String
        else {
            throw NetworkError(
                code: .credentials, reason: "printed something other than {\"Username\",\"Secret\"} JSON",
                location: location)
        }
        let username = object["Username"] as? String ?? ""
        if username == "<token>" { return .identityToken(secret) }
        if secret.isEmpty && username.isEmpty { return nil }
        return .basic(username: username, password: secret)
    }

    /// Starts `executable get`. A helper written moments ago can still be open for writing in a
    /// process forked meanwhile (the kernel then refuses with "Text file busy" until that process execs),
    /// so that one error is retried a few times, briefly, before it counts.
    private static func start(
        _ executable: String, input: Pipe, output: Pipe, errors: Pipe, onExit: @escaping @Sendable () -> Void
    ) throws -> Process {
        var attempt = 0
        while true {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["get"]
            process.standardInput = input
            process.standardOutput = output
            process.standardError = errors
            process.terminationHandler = { _ in onExit() }
            do {
                try process.run()
                return process
            } catch let error as NSError where attempt < 5 && Self.isTextFileBusy(error) {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05 * Double(attempt))
            }
        }
    }

    private static func isTextFileBusy(_ error: NSError) -> Bool {
        if error.domain == NSPOSIXErrorDomain && error.code == Int(ETXTBSY) { return true }
        guard let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError else { return false }
        return underlying.domain == NSPOSIXErrorDomain && underlying.code == Int(ETXTBSY)
    }

    private func locate() -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
