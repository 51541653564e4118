import DrydockNetwork
import Foundation

extension FeedDownloader {
    /// What a conditional request got.
    public enum ConditionalBody: Sendable {
        /// The server says the copy held is current (HTTP 304 for the `ETag` sent).
        case notModified
        /// A new body, with the `ETag` to send next time (when the server gave one).
        case body([UInt8], etag: String?)
        /// HTTP 404, when the caller allowed it.
        case missing
    }

    /// `url`'s body unless it still has `etag` (`If-None-Match`): small index files (`changes.csv`, `repomd.xml`)
    /// cross the network only when they changed.
    public func fetch(_ url: URL, ifNoneMatch etag: String?, allowMissing: Bool = false) async throws(VulnDBError)
        -> ConditionalBody
    {
        let headers = etag.map { [HTTPHeader("If-None-Match", $0)] } ?? []
        guard let (head, body) = try await fetchResponse(url, headers: headers, allowMissing: allowMissing) else {
            return .missing
        }
        if head.status == 304 { return .notModified }
        return .body(body, etag: head.header("ETag"))
    }

    /// Streams `url` into `destination` (through its temporary sibling, renamed into place once complete) without
    /// holding the body in memory: for archives of hundreds of megabytes. Returns the response head (its
    /// `Last-Modified` dates an archive).
    @discardableResult
    public func stream(_ url: URL, to destination: String) async throws(VulnDBError) -> HTTPResponseHead {
        onRequest?(url)
        let file = try AtomicFile(destination: destination)
        let sink = FileSink(file: file)
        let onBytes = self.onBytes
        let head: HTTPResponseHead
        do {
            head = try await transport.perform(
                HTTPRequest(url: url),
                head: { head in
                    sink.expect(head.status == 200, length: head.header("Content-Length").flatMap { Int64($0) })
                },
                body: { chunk in
                    let (count, total) = try sink.write(chunk)
                    onBytes?(url, count, total)
                })
        } catch let error as VulnDBError {
            file.abandon()
            throw error
        } catch {
            file.abandon()
            throw VulnDBError(
                code: .downloadFailed, reason: "download failed", location: url.absoluteString, underlying: "\(error)")
        }
        do {
            try Self.verify(head, received: sink.received, url: url)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return head
    }
}

/// Writes a streamed body to an ``AtomicFile`` as it arrives; bodies of error responses are counted, not kept.
///
/// `@unchecked Sendable`: every access takes `lock`; the transport hands chunks over one at a time.
private final class FileSink: @unchecked Sendable {
    private let file: AtomicFile
    private let lock = NSLock()
    private var keep = true
    private var total: Int64?
    private(set) var received: Int64 = 0

    init(file: AtomicFile) { self.file = file }

    func expect(_ keep: Bool, length: Int64?) {
        lock.lock()
        self.keep = keep
        total = length
        lock.unlock()
    }

    func write(_ chunk: ArraySlice<UInt8>) throws(VulnDBError) -> (Int64, Int64?) {
        lock.lock()
        defer { lock.unlock() }
        received += Int64(chunk.count)
        if keep { try file.write(chunk) }
        return (received, total)
    }
}
