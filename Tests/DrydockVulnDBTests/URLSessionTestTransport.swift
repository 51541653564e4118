import DrydockNetwork
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal transport over Foundation's URL loading, for the updater tests against the local
/// feed server; request headers are sent as given.
struct URLSessionTestTransport: HTTPTransport {
    /// No cache: conditional requests (`If-None-Match`) must reach the server and its 304 reach the caller.
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        return URLSession(configuration: configuration)
    }()

    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData)
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        let (data, response) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
            Self.session.dataTask(with: urlRequest) { data, response, error in
                if let error {
                    continuation.resume(throwing: error)
                } else if let response {
                    continuation.resume(returning: (data ?? Data(), response))
                } else {
                    continuation.resume(throwing: URLError(.badServerResponse))
                }
            }.resume()
        }
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        try await body(ArraySlice(data))
        let headers = http.allHeaderFields.compactMap { key, value in
            (key as? String).map { HTTPHeader($0, "\(value)") }
        }
        return HTTPResponseHead(status: http.statusCode, headers: headers)
    }
}
