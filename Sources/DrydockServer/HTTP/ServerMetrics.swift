import Foundation
import HTTPTypes
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
    let heapInUse: Gauge
    let heapFree: Gauge

    public init() {
        scansStored = registry.makeCounter(descriptor: Self.name("scans", "total", "Scans and SBOM pushes handled"))
        rescanChanges = registry.makeCounter(
            descriptor: Self.name("rescan_image_changes", "total", "Images whose findings a rescan changed"))
        deliveriesSent = registry.makeCounter(
            descriptor: Self.name("webhook_deliveries", "total", "Webhook deliveries made"))
        deliveriesFailed = registry.makeCounter(
            descriptor: Self.name("webhook_delivery_failures", "total", "Webhook attempts that failed (retried)"))
        databaseUpdates = registry.makeCounter(
            descriptor: Self.name("db_updates", "total", "Vulnerability DB updates applied by this replica"))
        heapInUse = registry.makeGauge(
            descriptor: Self.name("heap_in_use", "bytes", "Bytes the server holds allocated (glibc malloc)"))
        heapFree = registry.makeGauge(
            descriptor: Self.name(
                "heap_free", "bytes", "Bytes the allocator keeps free in its arenas, not returned to the system"))
    }

    /// Prometheus's text format of every metric, the heap gauges read now.
    public func exposition() -> [UInt8] {
        let heap = HeapStatistics.current()
        heapInUse.set(Double(heap.inUseBytes))
        heapFree.set(Double(heap.freeBytes))
        return registry.emitToBuffer()
    }

    /// `drydock_NAME_UNIT`.
    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "drydock", metricName: metric, unitName: unit, helpText: help)
    }

    private static var requests: MetricNameDescriptor {
        name("http_requests", "total", "HTTP requests by route and status")
    }
    private static var durations: MetricNameDescriptor {
        name("http_request_duration", "seconds", "HTTP request durations by route")
    }

    /// Counts one request of `route` with `status`, and its duration.
    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: Self.requests, labels: [("method", method), ("route", route), ("status", "\(status)")]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.durations, labels: [("route", route)],
            buckets: [
                .milliseconds(5), .milliseconds(25), .milliseconds(100), .milliseconds(500), .seconds(2), .seconds(10),
            ]
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
            if let name = HTTPField.Name("X-Request-Id") { response.headers[name] = id }
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

    private func finish(
        _ request: Request, context: Context, status: Int, since start: ContinuousClock.Instant, clock: ContinuousClock
    ) {
        let duration = clock.now - start
        let route = context.endpointPath ?? "unmatched"
        metrics.record(method: request.method.rawValue, route: route, status: status, duration: duration)
        context.logger.info(
            "request",
            metadata: [
                "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "status": "\(status)",
                "ms":
                    "\(Int(Double(duration.components.attoseconds) / 1e15) + Int(duration.components.seconds) * 1000)",
                "actor": "\(context.actor)",
            ])
    }
}
