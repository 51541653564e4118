import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// The real transport: one shared async-http-client `HTTPClient` with timeouts, TLS with an optional
/// extra CA, plain HTTP only where allowed, and retries with backoff.
///
/// Requests are retried on connection errors, 408, 429 and 5xx (honouring `Retry-After`) as long as no
/// body byte was handed out; TLS handshake and certificate failures are not retried (`tlsFailed`); a body that breaks off mid-way throws `connectionFailed` and is resumed by
/// the caller (`RegistryClient` does it with Range requests). Call `shutdown()` when done.
public final class AsyncHTTPTransport: HTTPTransport {
    /// Choices for the transport.
    public struct Options: Sendable, Hashable {
        /// Allow plain `http://` to any host (`--insecure`); loopback hosts are always allowed.
        public var allowPlainHTTP: Bool
        /// A PEM file of extra CA certificates to trust besides the system's (`--cacert`).
        public var caCertificatePath: String?
        /// Accept any server certificate (`--insecure`, as Trivy's). Off by default: certificates are verified.
        public var skipTLSVerification: Bool
        /// Seconds to establish a connection.
        public var connectTimeout: Int64
        /// Seconds of silence on a connection before a read fails.
        public var readTimeout: Int64
        /// Seconds one whole request (body included) may take.
        public var requestTimeout: Int64
        /// Retries for connection errors and retryable statuses.
        public var retry: RetryPolicy
        /// The `User-Agent` sent with every request.
        public var userAgent: String

        /// Options with the defaults: 10 s connect, 60 s read, 1 h per request, default retries.
        public init(
            allowPlainHTTP: Bool = false, caCertificatePath: String? = nil, connectTimeout: Int64 = 10,
            readTimeout: Int64 = 60, requestTimeout: Int64 = 3600, retry: RetryPolicy = RetryPolicy(),
            userAgent: String = "drydock", skipTLSVerification: Bool = false
        ) {
            self.allowPlainHTTP = allowPlainHTTP
            self.caCertificatePath = caCertificatePath
            self.skipTLSVerification = skipTLSVerification
            self.connectTimeout = connectTimeout
            self.readTimeout = readTimeout
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.userAgent = userAgent
        }
    }

    /// The options in force.
    public let options: Options
    private let client: HTTPClient

    /// Creates the client; throws `invalidInput` when the `caCertificatePath` cannot be read.
    public init(options: Options = Options()) throws(NetworkError) {
        self.options = options
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = options.caCertificatePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw NetworkError(code: .invalidInput, reason: "CA certificate file cannot be read", location: path)
            }
            do {
                let certificates = try NIOSSLCertificate.fromPEMFile(path)
                if certificates.isEmpty {
                    throw NetworkError(code: .invalidInput, reason: "holds no PEM certificate", location: path)
                }
                tls.additionalTrustRoots = [.certificates(certificates)]
            } catch let error as NetworkError {
                throw error
            } catch {
                throw NetworkError(
                    code: .invalidInput, reason: "is not a PEM certificate file", location: path,
                    underlying: "\(error)")
            }
        }
        if options.skipTLSVerification { tls.certificateVerification = .none }
        var configuration = HTTPClient.Configuration()
        configuration.tlsConfiguration = tls
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout = HTTPClient.Configuration.Timeout(
            connect: .seconds(options.connectTimeout), read: .seconds(options.readTimeout))
        configuration.httpVersion = .http1Only
        // The loop in `perform` retries connection errors itself; the pool's own retries would hold a TLS
        // failure until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Shuts the client down; call once, after the last request.
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Whether `host` is a loopback name or address (`localhost`, `127.x.x.x`, `::1`).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return bare == "localhost" || bare.hasPrefix("127.") || bare == "::1" || bare.hasSuffix(".localhost")
    }

    /// Sends `request`, streaming the body to `body` (see `HTTPTransport`).
    public func perform(
        _ request: HTTPRequest, body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        try await perform(request, head: { _ in }, body: body)
    }

    /// Sends `request`, calling `head` then streaming the body, with retries before the first body byte.
    public func perform(
        _ request: HTTPRequest, head: @Sendable (HTTPResponseHead) async throws -> Void,
        body: @Sendable (ArraySlice<UInt8>) async throws -> Void
    ) async throws -> HTTPResponseHead {
        let location = request.url.absoluteString
        guard let scheme = request.url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = request.url.host
        else {
            throw NetworkError(code: .invalidInput, reason: "not an http or https URL", location: location)
        }
        if scheme == "http" && !options.allowPlainHTTP && !Self.isLoopback(host) {
            throw NetworkError(
                code: .insecureRefused,
                reason: "refusing plain HTTP to \(host); use https, or pass --insecure to allow it", location: location)
        }
        var attempt = 0
        while true {
            attempt += 1
            let last = attempt >= options.retry.maxAttempts
            let delivered = Mutex(false)
            do {
                let response = try await client.execute(
                    try makeRequest(request), deadline: .now() + .seconds(options.requestTimeout))
                let result = HTTPResponseHead(
                    status: Int(response.status.code), headers: response.headers.map { HTTPHeader($0.name, $0.value) })
                if !last && RetryPolicy.isRetryable(status: result.status) {
                    // The body of an answer to retry is not used: read at most 1 MiB of it (an endless one
                    // is dropped with its connection), then try again.
                    var drained = 0
                    for try await buffer in response.body {
                        drained += buffer.readableBytes
                        if drained > 1 << 20 { break }
                    }
                    let retryAfter = result.header("Retry-After").flatMap { RetryPolicy.parseRetryAfter($0) }
                    try await pause(options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter))
                    continue
                }
                do {
                    try await head(result)
                } catch {
                    throw CallerError(error: error)
                }
                for try await buffer in response.body {
                    delivered.withLock { $0 = true }
                    do {
                        try await body(ArraySlice(buffer.readableBytesView))
                    } catch {
                        throw CallerError(error: error)
                    }
                }
                return result
            } catch let error as CallerError {
                throw error.error
            } catch let error as CancellationError {
                throw error
            } catch {
                if let tls = TLSFailure.classify(error, host: request.url.port.map { "\(host):\($0)" } ?? host) {
                    throw NetworkError(code: .tlsFailed, reason: tls, location: location)
                }
                let started = delivered.withLock { $0 }
                if last || started || Task.isCancelled {
                    throw NetworkError(
                        code: .connectionFailed,
                        reason: started
                            ? "the connection broke off during the download"
                            : "request failed after \(attempt) attempt\(attempt == 1 ? "" : "s")",
                        location: location, underlying: "\(error)")
                }
                try await pause(options.retry.delay(afterAttempt: attempt, jitter: Double.random(in: 0...1)))
            }
        }
    }

    private func makeRequest(_ request: HTTPRequest) throws(NetworkError) -> HTTPClientRequest {
        var result = HTTPClientRequest(url: request.url.absoluteString)
        result.method = HTTPMethod(rawValue: request.method)
        result.headers.add(name: "User-Agent", value: options.userAgent)
        for header in request.headers {
            result.headers.add(name: header.name, value: header.value)
        }
        if let body = request.body {
            result.body = .bytes(ByteBuffer(bytes: body))
        } else if let path = request.bodyFile {
            let chunks = try FileChunks(path: path)
            result.body = .stream(chunks, length: .known(chunks.size))
        }
        return result
    }

    private func pause(_ seconds: Double) async throws {
        if seconds > 0 {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        }
    }
}

/// Wraps an error thrown by a caller's callback so it is rethrown unchanged and never retried.
private struct CallerError: Error {
    var error: any Error
}
