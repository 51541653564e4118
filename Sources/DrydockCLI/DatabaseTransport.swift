import DrydockNetwork
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The transport `drydock db update` uses: Foundation's URL loading, whole responses handed over
/// in one chunk.
///
/// Stands in until the async-http-client transport in DrydockNetwork is merged; both conform to
/// ``HTTPTransport``, so swapping is one line where `db update` and a scan's update create it.
struct URLSessionFeedTransport: HTTPTransport {
    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        for header in request.headers { urlRequest.addValue(header.value, forHTTPHeaderField: header.name) }
        if let bytes = request.body { urlRequest.httpBody = Data(bytes) }
        let (data, response) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
            URLSession.shared.dataTask(with: urlRequest) { data, response, error in
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
        // The body is complete here: Foundation already checked it against Content-Length.
        let headers = http.allHeaderFields.compactMap { key, value -> HTTPHeader? in
            guard let name = key as? String, name.caseInsensitiveCompare("Content-Length") != .orderedSame else {
                return nil
            }
            return HTTPHeader(name, "\(value)")
        }
        return HTTPResponseHead(status: http.statusCode, headers: headers)
    }
}
