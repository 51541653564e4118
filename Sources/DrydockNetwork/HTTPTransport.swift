import Foundation

/// One HTTP request.
public struct HTTPRequest: Sendable, Hashable {
    /// The absolute `http` or `https` URL.
    public var url: URL
    /// `GET`, `HEAD`, `POST`, `PUT`…
    public var method: String
    /// Header fields in order; names are case-insensitive.
    public var headers: [HTTPHeader]
    /// The request body, if any.
    public var body: [UInt8]?
    /// A file whose contents are the body, streamed from disk (read afresh on each attempt); used
    /// when `body` is `nil`.
    public var bodyFile: String?

    /// A request for `url`.
    public init(
        url: URL, method: String = "GET", headers: [HTTPHeader] = [], body: [UInt8]? = nil, bodyFile: String? = nil
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.bodyFile = bodyFile
    }
}

/// One header field.
public struct HTTPHeader: Sendable, Hashable {
    /// The field name, compared case-insensitively.
    public var name: String
    /// The field value.
    public var value: String

    /// A header field `name: value`.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The status line and headers of a response.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// Header fields in order.
    public var headers: [HTTPHeader]

    /// A head with `status` and `headers`.
    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// Every value of a header, compared case-insensitively, in order.
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }
}

/// Performs HTTP requests, streaming the body: the extension point between Drydock and the network.
///
/// The real transport is built on async-http-client; every request Drydock makes goes through one,
/// so `--offline` can hand the pipeline a transport that refuses everything.
public protocol HTTPTransport: Sendable {
    /// Sends `request`, hands the response body to `body` chunk by chunk in order, and returns the
    /// head. Errors thrown by `body` abort the transfer and are rethrown.
    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead

    /// Sends `request`, hands the head to `head` as soon as it arrives, then the body to `body` chunk by
    /// chunk, and returns the head. Lets callers decide per status what to do with the body (stream a
    /// blob, collect an error document) before the first byte arrives.
    ///
    /// The default implementation (for transports that only implement `perform(_:body:)`) buffers the
    /// body in memory before calling `head`; real transports override it to stream.
    func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead
}

extension HTTPTransport {
    /// Buffers the body, then calls `head` and `body` in order (see the requirement).
    public func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        let buffer = ByteCollector(limit: .max)
        let result = try await perform(request) { chunk in try buffer.append(chunk) }
        try await head(result)
        let bytes = buffer.bytes
        if !bytes.isEmpty { try await body(bytes[...]) }
        return result
    }

    /// Sends `request` and returns the head and the whole body, which must not exceed `limit` bytes.
    public func fetch(_ request: HTTPRequest, limit: Int) async throws -> (head: HTTPResponseHead, body: [UInt8]) {
        let buffer = ByteCollector(limit: limit, location: request.url.absoluteString)
        let head = try await perform(request) { chunk in try buffer.append(chunk) }
        return (head, buffer.bytes)
    }
}
