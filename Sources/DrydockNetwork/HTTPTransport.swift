import Foundation

/// One HTTP request.
public struct HTTPRequest: Sendable, Hashable {
    public var url: URL
    public var method: String
    /// Header fields in order; names are case-insensitive.
    public var headers: [HTTPHeader]
    public var body: [UInt8]?

    public init(url: URL, method: String = "GET", headers: [HTTPHeader] = [], body: [UInt8]? = nil) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
    }
}

/// One header field.
public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The status line and headers of a response.
public struct HTTPResponseHead: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]

    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of a header, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
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
}
