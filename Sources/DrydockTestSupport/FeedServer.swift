import Foundation

/// A feed server of the test's own on 127.0.0.1: Python's `http.server` serving a directory, logging
/// every requested path, and able to fail on purpose. Responses carry an `ETag` (the body's SHA-1) and
/// `Last-Modified` (the file's time); a request whose `If-None-Match` is the current `ETag` gets
/// `304 Not Modified`, and its path is listed by ``notModified()`` as well as ``requests()``.
///
/// `fail(path, with:)` makes one path answer with a status code or a body cut off half-way (the
/// `Content-Length` promises the whole file, then the connection closes). Requires `python3`;
/// ``isAvailable`` tells tests whether to skip.
public final class FeedServer: @unchecked Sendable {
    // `@unchecked Sendable`: `process` is only touched by `init` and `stop()`, which tests call from
    // one task; the files the server reads are written before requests are made.

    /// How a path should fail.
    public enum Fault: Sendable {
        /// Answer with this HTTP status and an empty body.
        case status(Int)
        /// Send the headers for the whole file, half the body, then close the connection.
        case truncate
    }

    /// The directory served.
    public let root: URL
    /// `http://127.0.0.1:PORT`.
    public let baseURL: URL
    private let logFile: URL
    private let faultsFile: URL
    private let process: Process

    /// Whether `python3` is on the PATH.
    public static var isAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/python3")
        }
    }

    /// Starts a server on a free port serving `root`.
    public init(root: URL) throws {
        self.root = root
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("drydock-feedserver-\(UUID())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        logFile = scratch.appendingPathComponent("requests.log")
        faultsFile = scratch.appendingPathComponent("faults.json")
        try Data("{}".utf8).write(to: faultsFile)
        try Data().write(to: logFile)
        let script = scratch.appendingPathComponent("server.py")
        try Data(Self.script.utf8).write(to: script)
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-u", script.path, root.path, logFile.path, faultsFile.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
            let url = URL(string: "http://127.0.0.1:\(port)")
        else {
            process.terminate()
            throw ServerError(description: "feed server did not start")
        }
        baseURL = url
    }

    deinit { stop() }

    /// Stops the server.
    public func stop() {
        if process.isRunning {
            // SIGKILL: the child may inherit a signal mask that blocks SIGTERM from a dispatch thread.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Paths requested so far, in order (`/PyPI/all.zip`).
    public func requests() -> [String] {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Paths answered with 304 Not Modified so far (their `If-None-Match` was the current `ETag`).
    public func notModified() -> [String] {
        let text = (try? String(contentsOf: URL(fileURLWithPath: logFile.path + ".304"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Forgets the requests logged so far.
    public func clearRequests() throws {
        try Data().write(to: logFile)
        try? FileManager.default.removeItem(atPath: logFile.path + ".304")
    }

    /// Makes `path` fail with `fault` from now on; `nil` removes all faults.
    public func fail(_ path: String?, with fault: Fault = .truncate) throws {
        var faults: [String: String] = [:]
        if let existing = try? Data(contentsOf: faultsFile),
            let decoded = try? JSONSerialization.jsonObject(with: existing) as? [String: String], path != nil
        {
            faults = decoded
        }
        if let path {
            switch fault {
            case .status(let code): faults[path] = "status:\(code)"
            case .truncate: faults[path] = "truncate"
            }
        }
        try JSONSerialization.data(withJSONObject: faults).write(to: faultsFile)
    }

    /// Zips the `.json` files directly in `directory` into `archive` with Python's `zipfile`, as OSV's
    /// `all.zip` holds them (flat, one `<ID>.json` per record).
    public static func zip(directory: URL, to archive: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            """
            import os, sys, zipfile
            with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
                for name in sorted(os.listdir(sys.argv[1])):
                    if name.endswith(".json"):
                        z.write(os.path.join(sys.argv[1], name), name)
            """,
            directory.path, archive.path,
        ]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerError(description: "zipping \(directory.path) failed") }
    }

    /// Why the server could not start.
    public struct ServerError: Error, CustomStringConvertible {
        public var description: String
    }

    private static let script = #"""
        import email.utils, hashlib, http.server, json, os, signal, sys, urllib.parse
        signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
        root, log, faults = sys.argv[1], sys.argv[2], sys.argv[3]

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def log_message(self, *args):
                pass
            def do_GET(self):
                path = urllib.parse.unquote(self.path.split("?")[0])
                with open(log, "a") as f:
                    f.write(path + "\n")
                with open(faults) as f:
                    fault = json.load(f).get(path)
                if fault and fault.startswith("status:"):
                    self.send_response(int(fault[7:]))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                full = os.path.realpath(os.path.join(root, path.lstrip("/")))
                if not full.startswith(os.path.realpath(root)) or not os.path.isfile(full):
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                with open(full, "rb") as f:
                    body = f.read()
                etag = '"' + hashlib.sha1(body).hexdigest() + '"'
                if self.headers.get("If-None-Match") == etag:
                    with open(log + ".304", "a") as f:
                        f.write(path + "\n")
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", email.utils.formatdate(os.path.getmtime(full), usegmt=True))
                self.end_headers()
                if fault == "truncate":
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(body)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """#
}
