import DrydockNetwork
import DrydockVulnDB
import Foundation

/// The one HTTP stack for DB work: `db update` and a scan's automatic update fetch feeds through
/// DrydockNetwork's `AsyncHTTPTransport` (timeouts, retries with backoff on 429/5xx/connection
/// errors), or through an `OfflineTransport` under `--offline`, which refuses every request.
enum DatabaseTransport {
    /// The transport for feed downloads. Feed URLs are the user's own choice (flags, environment), so
    /// plain `http://` mirrors are allowed.
    static func make(offline: Bool) throws -> any HTTPTransport {
        if offline { return OfflineTransport() }
        do {
            return try AsyncHTTPTransport(options: AsyncHTTPTransport.Options(allowPlainHTTP: true))
        } catch {
            throw CommandFailure(.usage, "\(error)")
        }
    }

    /// Runs `work` with a feed transport and shuts the transport down afterwards, whatever happens.
    static func with<T>(offline: Bool, _ work: (any HTTPTransport) async throws -> T) async throws -> T {
        let transport = try make(offline: offline)
        do {
            let result = try await work(transport)
            await (transport as? AsyncHTTPTransport)?.shutdown()
            return result
        } catch {
            await (transport as? AsyncHTTPTransport)?.shutdown()
            throw error
        }
    }

    /// A feed downloader: progress bars on `line` when given, else one `fetching URL` line per
    /// request on standard error unless `quiet`.
    static func downloader(transport: any HTTPTransport, quiet: Bool, line: DatabaseProgressLine?) -> FeedDownloader {
        guard let line else {
            if quiet { return FeedDownloader(transport: transport) }
            return FeedDownloader(transport: transport) { url in
                Console.error("drydock: fetching \(url.absoluteString)")
            }
        }
        return FeedDownloader(
            transport: transport,
            onRequest: { url in line.update(label: DatabaseProgress.label(for: url), done: 0, total: nil, force: true)
            },
            onBytes: { url, done, total in
                line.update(label: DatabaseProgress.label(for: url), done: done, total: total)
            })
    }
}
