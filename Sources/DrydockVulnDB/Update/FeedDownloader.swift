import DrydockNetwork
import Foundation

/// Downloads feed files through an ``HTTPTransport`` into temporary files renamed into place.
///
/// A download that fails part-way (connection closed, non-200 status, short body) removes its
/// temporary file and throws `downloadFailed`; the destination is never left half-written.
public struct FeedDownloader: Sendable {
    /// The transport every request goes through.
    public var transport: any HTTPTransport
    /// Called with each URL before it is fetched (progress lines; the tests' request log).
    public var onRequest: (@Sendable (URL) -> Void)?

    /// Creates a downloader.
    public init(transport: any HTTPTransport, onRequest: (@Sendable (URL) -> Void)? = nil) {
        self.transport = transport
        self.onRequest = onRequest
    }

    /// The body of `url` in memory; `nil` on 404 when `allowMissing`.
    public func fetch(_ url: URL, allowMissing: Bool = false) async throws(VulnDBError) -> [UInt8]? {
        onRequest?(url)
        let collector = BodyBuffer()
        let head: HTTPResponseHead
        do {
            head = try await transport.perform(HTTPRequest(url: url)) { chunk in collector.append(chunk) }
        } catch {
            throw VulnDBError(
                code: .downloadFailed, reason: "download failed", location: url.absoluteString,
                underlying: "\(error)")
        }
        if head.status == 404 && allowMissing { return nil }
        let body = collector.bytes()
        try Self.check(head, received: body.count, url: url)
        return body
    }

    /// Downloads `url` to `destination` through `destination`'s temporary sibling; `false` on 404
    /// when `allowMissing`.
    @discardableResult
    public func download(_ url: URL, to destination: String, allowMissing: Bool = false) async throws(VulnDBError)
        -> Bool
    {
        guard let body = try await fetch(url, allowMissing: allowMissing) else { return false }
        try Self.writeAtomically(body, to: destination)
        return true
    }

    /// Writes `bytes` to a temporary sibling of `path` and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(VulnDBError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory as NSString).appendingPathComponent(
            ".\((path as NSString).lastPathComponent).tmp-\(getpid())")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw VulnDBError(code: .ioFailure, reason: "cannot write", location: path, underlying: "\(error)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw VulnDBError(code: .ioFailure, reason: "cannot move into place", location: path, underlying: reason)
        }
    }

    private static func check(_ head: HTTPResponseHead, received: Int, url: URL) throws(VulnDBError) {
        guard head.status == 200 else {
            throw VulnDBError(
                code: .downloadFailed, reason: "server answered HTTP \(head.status)", location: url.absoluteString)
        }
        if let length = head.header("Content-Length").flatMap(Int.init), length != received {
            throw VulnDBError(
                code: .downloadFailed,
                reason: "download ended early: \(received) of \(length) bytes (connection interrupted?)",
                location: url.absoluteString)
        }
    }
}

/// Collects a streamed body.
///
/// `@unchecked Sendable`: every access takes `lock`.
private final class BodyBuffer: @unchecked Sendable {
    private var storage: [UInt8] = []
    private let lock = NSLock()

    func append(_ chunk: ArraySlice<UInt8>) {
        lock.lock()
        storage += chunk
        lock.unlock()
    }

    func bytes() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
