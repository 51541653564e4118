import Foundation
import Hummingbird
import Prometheus

/// The server's Prometheus metrics (`/metrics`), kept in its own registry so several servers can run in
/// one process (tests) without a global bootstrap.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let scansStored: Counter
    let rescanChanges: Counter
    let deliveriesSent: Counter
    let deliveriesFailed: Counter
    let databaseUpdates: Counter

    public init() {
        scansStored = registry.makeCounter(name: "drydock_scans_total", help: "Scans and SBOM pushes handled")
        rescanChanges = registry.makeCounter(
            name: "drydock_rescan_image_changes_total", help: "Images whose findings a rescan changed")
        deliveriesSent = registry.makeCounter(name: "drydock_webhook_deliveries_total", help: "Webhook deliveries made")
        deliveriesFailed = registry.makeCounter(
            name: "drydock_webhook_delivery_failures_total", help: "Webhook attempts that failed (retried)")
        databaseUpdates = registry.makeCounter(
            name: "drydock_db_updates_total", help: "Vulnerability DB updates applied by this replica")
    }

    /// Counts one request of `route` with `status`, and its duration.
    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            name: "drydock_http_requests_total", labels: [("method", method), ("route", route), ("status", "\(status)")],
            help: "HTTP requests by route and status"
        ).increment()
        registry.makeDurationHistogram(
            name: "drydock_http_request_duration_seconds", labels: [("route", route)],
            buckets: [.milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10)],
            help: "HTTP request durations by route"
        ).record(duration)
    }
}

/// Times every request, counts it by route and status, logs it with its request ID, and returns the ID in
/// `X-Request-Id`.
struct RequestObservationMiddleware: RouterMiddleware {
    typealias Context = ServerRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let clock = ContinuousClock()
        let start = clock.now
        let id = context.id
        do {
            var response = try await next(request, context)
            response.headers[HTTPField.Name("X-Request-Id")!] = id
            finish(request, context: context, status: response.status.code, since: start, clock: clock)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            finish(request, context: context, status: status, since: start, clock: clock)
            if status >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)"])
            }
            throw error
        }
    }

    private func finish(_ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant, clock: ContinuousClock) {
        let duration = clock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: status, duration: duration)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms": "\(Int(Double(duration.components.attoseconds) / 1e15) + Int(duration.components.seconds) * 1000)",
                "actor": "\(context.actor)",
            ])
    }
}
