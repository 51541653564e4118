import DrydockRepository
import Foundation
import Hummingbird

/// An error answer: the status and `{"error": {"code": …, "message": …}}`.
public struct APIError: HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var missingLayers: [String]?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, missingLayers: [String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.missingLayers = missingLayers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = JSONResponse.make(APIErrorBody(code: code, message: message, missingLayers: missingLayers))
        response.status = status
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"drydock\"" }
        return response
    }

    /// The answer for a repository error: 400 for bad input, 404 for unknown things, 503 when the store fails.
    public static func from(_ error: RepositoryError) -> APIError {
        switch error.code {
        case .invalid: return APIError(.badRequest, "invalid", error.reason)
        case .notFound: return APIError(.notFound, "not-found", error.reason)
        case .location, .storage, .schema: return APIError(.serviceUnavailable, "store", error.description)
        }
    }
}

/// JSON answers: ISO 8601 dates, sorted keys (stable bytes for tests and caches).
public enum JSONResponse {
    /// The encoder every answer uses.
    public static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// The decoder for request bodies and, on the client, for answers.
    public static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()

    /// A 200 answer holding `value` as JSON.
    public static func make(_ value: some Encodable) -> Response {
        let bytes = (try? encoder.encode(value)).map { Array($0) } ?? Array(#"{"error":"encoding"}"#.utf8)
        return bytesResponse(bytes)
    }

    /// A 200 answer with `bytes` of `contentType`.
    public static func bytesResponse(_ bytes: [UInt8], contentType: String = "application/json") -> Response {
        Response(
            status: .ok, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Request {
    /// The body, refusing more than `limit` bytes with 413.
    func collectBody(limit: Int) async throws -> [UInt8] {
        do {
            var buffer = try await body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError(
                .contentTooLarge, "too-large", "request body over the server's limit of \(limit) bytes (--max-body)")
        }
    }

    /// The body decoded as `T` from JSON, or 400 saying what is wrong.
    func decodeJSON<T: Decodable>(_ type: T.Type, limit: Int) async throws -> T {
        let bytes = try await collectBody(limit: limit)
        do {
            return try JSONResponse.decoder.decode(T.self, from: Data(bytes))
        } catch {
            throw APIError(.badRequest, "invalid-json", "request body is not a valid \(T.self): \(error)")
        }
    }

    /// `label=KEY=VALUE` query parameters as a dictionary.
    var labelParameters: [String: String] {
        var labels: [String: String] = [:]
        for value in uri.queryParameters.getAll("label") {
            let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { labels[parts[0]] = parts[1] }
        }
        return labels
    }

    /// An integer query parameter, or `fallback`; 400 when it is not a number in `range`.
    func intParameter(_ name: String, fallback: Int, range: ClosedRange<Int> = 0...10_000) throws -> Int {
        guard let text = uri.queryParameters.get(name) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw APIError(
                .badRequest, "invalid",
                "\(name)=\(text): expected a number in \(range.lowerBound)...\(range.upperBound)")
        }
        return value
    }
}
