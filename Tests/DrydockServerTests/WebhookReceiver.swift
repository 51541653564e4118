import Foundation
import Hummingbird
import NIOCore
import ServiceLifecycle

/// A real HTTP server on loopback that records webhook deliveries; it answers 500 to the first
/// `failures` requests, then 200.
final class WebhookReceiver: Sendable {
    actor Log {
        var requests: [(headers: [String: String], body: [UInt8])] = []
        var failures: Int
        init(failures: Int) { self.failures = failures }
        func record(_ headers: [String: String], _ body: [UInt8]) -> Bool {
            requests.append((headers, body))
            if failures > 0 {
                failures -= 1
                return false
            }
            return true
        }
    }

    let log: Log
    let port: Int
    private let task: Task<Void, any Error>

    private init(log: Log, port: Int, task: Task<Void, any Error>) {
        self.log = log
        self.port = port
        self.task = task
    }

    var url: String { "http://127.0.0.1:\(port)/hook" }

    static func start(failures: Int = 0) async throws -> WebhookReceiver {
        let log = Log(failures: failures)
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            var buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let ok = await log.record(headers, buffer.readBytes(length: buffer.readableBytes) ?? [])
            return Response(status: ok ? .ok : .internalServerError)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) })
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else { throw CancellationError() }
        return WebhookReceiver(log: log, port: port, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
