import AsyncHTTPClient
import Crypto
import DrydockRepository
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// Sends queued webhook deliveries: `POST` of the JSON payload with
/// `X-Drydock-Signature: sha256=HEX` (HMAC-SHA256 of the body keyed by the webhook's secret),
/// `Idempotency-Key`, `X-Drydock-Event` and `X-Drydock-Delivery`. A 2xx answer delivers; anything else is
/// retried with exponential backoff (30 s doubling, at most 1 h, 12 attempts), so each delivery arrives at
/// least once — receivers drop repeats by the idempotency key.
public struct WebhookDispatcher: Service {
    public let store: any RepositoryStore
    public let metrics: ServerMetrics?
    public let logger: Logger
    /// Time between polls of the delivery queue.
    public var pollInterval: Duration
    public var maxAttempts = 12
    public var baseBackoff: TimeInterval = 30

    public init(
        store: any RepositoryStore, metrics: ServerMetrics?, logger: Logger, pollInterval: Duration = .seconds(2)
    ) {
        self.store = store
        self.metrics = metrics
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    _ = try await deliverDue(client: client)
                } catch {
                    logger.warning("webhook queue unavailable", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: pollInterval)
            }
        }
        try? await client.shutdown()
    }

    /// Sends every due delivery once; returns how many were delivered.
    public func deliverDue(client: HTTPClient, now: Date = Date()) async throws -> Int {
        var delivered = 0
        while true {
            let batch = try await store.claimDeliveries(limit: 20, now: now)
            if batch.isEmpty { return delivered }
            for delivery in batch {
                let error = await send(delivery, client: client)
                if error == nil {
                    delivered += 1
                    metrics?.deliveriesSent.increment()
                } else {
                    metrics?.deliveriesFailed.increment()
                    logger.info(
                        "webhook delivery failed", metadata: ["delivery": "\(delivery.id)", "error": "\(error ?? "")"])
                }
                let attempt = delivery.attempts + 1
                let retry = attempt >= maxAttempts ? nil : min(3600, baseBackoff * pow(2, Double(attempt - 1)))
                try await store.finishDelivery(
                    id: delivery.id, delivered: error == nil, error: error, retryAfter: retry)
            }
            if batch.count < 20 { return delivered }
        }
    }

    /// Posts one delivery; `nil` when the receiver answered 2xx, else why not.
    func send(_ delivery: PendingDelivery, client: HTTPClient) async -> String? {
        var request = HTTPClientRequest(url: delivery.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "drydock-webhook")
        request.headers.add(name: "X-Drydock-Event", value: delivery.event)
        request.headers.add(name: "X-Drydock-Delivery", value: "\(delivery.id)")
        request.headers.add(name: "Idempotency-Key", value: delivery.idempotencyKey)
        request.headers.add(
            name: "X-Drydock-Signature", value: Self.signature(delivery.payload, secret: delivery.secret))
        request.body = .bytes(ByteBuffer(bytes: delivery.payload))
        do {
            let response = try await client.execute(request, timeout: .seconds(15))
            _ = try? await response.body.collect(upTo: 1 << 20)
            return (200..<300).contains(response.status.code) ? nil : "HTTP \(response.status.code)"
        } catch {
            return "\(error)"
        }
    }

    /// `sha256=` and the hex HMAC-SHA256 of `body` keyed by `secret`.
    public static func signature(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
