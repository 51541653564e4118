import DrydockNetwork
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal transport over Foundation's URL loading, for the updater tests against the local
/// feed server.
struct URLSessionTestTransport: HTTPTransport {
    func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        let (data, response) = try await withCheckedThrowingContinuation {
            (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
            URLSession.shared.dataTask(with: URLRequest(url: request.url)) { data, response, error in
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
