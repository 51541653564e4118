/// A transport that refuses every request: what `--offline` hands the pipeline, so nothing can reach
/// the network by accident.
public struct OfflineTransport: HTTPTransport {
    /// A transport that refuses everything.
    public init() {}

    /// Throws `NetworkError` `offline` naming the URL.
    public func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        throw NetworkError(
            code: .offline,
            reason: "--offline is set, so \(request.method) \(request.url.absoluteString) was not sent",
            location: request.url.absoluteString)
    }

    /// Throws `NetworkError` `offline` naming the URL.
    public func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        try await perform(request, body: body)
    }
}
