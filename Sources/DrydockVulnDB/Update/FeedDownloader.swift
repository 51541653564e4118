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
    /// Called as body bytes arrive: the URL, bytes so far, and the `Content-Length` when known (progress bars).
    public var onBytes: (@Sendable (URL, Int64, Int64?) -> Void)?

    /// Creates a downloader.
    public init(
        transport: any HTTPTransport, onRequest: (@Sendable (URL) -> Void)? = nil,
        onBytes: (@Sendable (URL, Int64, Int64?) -> Void)? = nil
    ) {
        self.transport = transport
        self.onRequest = onRequest
        self.onBytes = onBytes
    }

    /// The body of `url` in memory; `nil` on 404 when `allowMissing`.
    public func fetch(_ url: URL, allowMissing: Bool = false) async throws(VulnDBError) -> [UInt8]? {
        try await fetchResponse(url, allowMissing: allowMissing)?.body
    }

    /// The response head and body of `url` sent with `headers`; `nil` on 404 when `allowMissing`. A `304 Not
    /// Modified` answer (to a conditional request) is returned with an empty body; any other status but 200
    /// throws.
    public func fetchResponse(_ url: URL, headers: [HTTPHeader] = [], allowMissing: Bool = false)
        async throws(VulnDBError) -> (head: HTTPResponseHead, body: [UInt8])?
    {
        onRequest?(url)
        let collector = BodyBuffer()
        let head: HTTPResponseHead
        do {
            let onBytes = self.onBytes
            head = try await transport.perform(
                HTTPRequest(url: url, headers: headers),
                head: { head in collector.expect(head.header("Content-Length").flatMap { Int64($0) }) },
                body: { chunk in
                    let (count, total) = collector.append(chunk)
                    onBytes?(url, count, total)
                })
        } catch {
            throw VulnDBError(
                code: .downloadFailed, reason: "download failed", location: url.absoluteString,
                underlying: "\(error)")
        }
        if head.status == 404 && allowMissing { return nil }
        if head.status == 304 && !headers.isEmpty { return (head, []) }
        let body = collector.bytes()
        try Self.verify(head, received: Int64(body.count), url: url)
        return (head, body)
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

    /// Writes `bytes` to a temporary sibling of `path`, flushes it and renames it over `path`.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(VulnDBError) {
        try AtomicFile.write(bytes, to: path)
    }

    /// A 200 whose body is as long as its `Content-Length` promised.
    static func verify(_ head: HTTPResponseHead, received: Int64, url: URL) throws(VulnDBError) {
        guard head.status == 200 else {
            throw VulnDBError(
                code: .downloadFailed, reason: "server answered HTTP \(head.status)", location: url.absoluteString)
        }
        if let length = head.header("Content-Length").flatMap(Int64.init), length != received {
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
    private var total: Int64?
    private let lock = NSLock()

    func expect(_ length: Int64?) {
        lock.lock()
        total = length
        lock.unlock()
    }

    /// Appends `chunk`; returns the bytes held and the expected total.
    func append(_ chunk: ArraySlice<UInt8>) -> (Int64, Int64?) {
        lock.lock()
        defer { lock.unlock() }
        storage += chunk
        return (Int64(storage.count), total)
    }

    func bytes() -> [UInt8] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
