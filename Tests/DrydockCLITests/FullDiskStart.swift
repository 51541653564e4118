import DrydockTestSupport
import Foundation
import Synchronization

/// What `drydock server` did when started on a full disk, within 30 s.
enum FullDiskStart: CustomStringConvertible {
    case exited(status: Int32, log: String)
    case serving(url: String, tokens: [String: String], process: RunningServer)
    case hung(log: String)

    /// A started server to stop.
    final class RunningServer {
        let process: Process
        init(_ process: Process) { self.process = process }
        func stop() {
            guard process.isRunning else { return }
            process.terminate()
            process.waitUntilExit()
        }
    }

    var description: String {
        switch self {
        case .exited(let status, let log): "exited \(status): \(log.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .serving(let url, _, _): "serving on \(url)"
        case .hung(let log): "neither serving nor exited: \(log)"
        }
    }

    /// Starts a server on `store` (its tokens and cache outside the full disk) and waits for its address or exit.
    static func run(database: String, store: String) throws -> FullDiskStart {
        let scratch = try PackagePaths.temporaryDirectory("full-disk-server")
        let tokens = ["read": "read-\(UUID())", "write": "write-\(UUID())"]
        let tokenFile = scratch.appendingPathComponent("tokens")
        try Data(tokens.map { "\($0.key) \($0.key)-client \($0.value)\n" }.joined().utf8).write(to: tokenFile)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.drydock)
        process.arguments = [
            "server", "--listen", "127.0.0.1:0", "--store", store, "--db", database, "--tokens", tokenFile.path,
            "--skip-db-update", "--update-interval", "0", "--cache-dir", scratch.appendingPathComponent("cache").path,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let log = Mutex("")
        errors.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            log.withLock { $0 += chunk }
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = log.withLock { $0 }
            if let match = text.firstMatch(of: #/listening on (https?://[0-9.]+:[0-9]+)/#) {
                return .serving(url: String(match.1), tokens: tokens, process: RunningServer(process))
            }
            if !process.isRunning {
                usleep(100_000)  // the last of its output
                errors.fileHandleForReading.readabilityHandler = nil
                return .exited(status: process.terminationStatus, log: log.withLock { $0 })
            }
            usleep(50_000)
        }
        process.terminate()
        process.waitUntilExit()
        return .hung(log: log.withLock { $0 })
    }
}
