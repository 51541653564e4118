import DrydockNetwork
import DrydockVulnDB
import Foundation

extension RegistryOptions {
    /// A registry client from these flags: credentials (`--username`/`--password[-stdin]`,
    /// `--registry-token`, else docker's `config.json` and helpers), mirrors (`--registry-config`),
    /// `--insecure`, `--cacert`; under `--offline` its transport refuses every request.
    /// `attempts` bounds the transport's retries of 429/5xx/connection errors, `connectTimeout` (seconds)
    /// each connection attempt.
    func makeClient(
        offline: Bool, attempts: Int = RetryPolicy().maxAttempts,
        connectTimeout: Int64 = AsyncHTTPTransport.Options().connectTimeout
    ) throws -> RegistryClient {
        var explicit: RegistryCredential?
        if let token = registryToken {
            explicit = .bearer(token: token)
        } else if let username {
            var password = password ?? ""
            if passwordStdin {
                let data = FileHandle.standardInput.readDataToEndOfFile()
                password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
            }
            explicit = .basic(username: username, password: password)
        }
        do {
            let credentials = try CredentialResolver.load(explicit: explicit)
            let configuration = try RegistryConfiguration.load(path: registryConfig)
            let transport: any HTTPTransport
            if offline {
                transport = OfflineTransport()
            } else {
                transport = try AsyncHTTPTransport(
                    options: AsyncHTTPTransport.Options(
                        allowPlainHTTP: insecure, caCertificatePath: cacert, connectTimeout: connectTimeout,
                        retry: RetryPolicy(maxAttempts: attempts), skipTLSVerification: insecure))
            }
            return RegistryClient(
                transport: transport, credentials: credentials, configuration: configuration, insecure: insecure)
        } catch  where error.code == .invalidInput || error.code == .configuration {
            throw CommandFailure(.usage, "\(error)")
        } catch {
            throw CommandFailure(.target, "\(error)")
        }
    }
}

/// Where DB artifacts are pushed to and pulled from.
enum DatabaseRepositories {
    /// A client for pulling DBs: 3 attempts per request and 5 s per connection attempt, so a dead
    /// repository hands over to the next one in the list within about 15 seconds.
    static func pullClient(_ registry: RegistryOptions) throws -> RegistryClient {
        try registry.makeClient(offline: false, attempts: 3, connectTimeout: 5)
    }

    /// Parses `REF[,REF...]` (`ghcr.io/org/drydock-db:2,registry.internal/drydock-db:2`).
    static func parse(_ text: String, flag: String) throws -> [ImageReference] {
        let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !items.isEmpty else { throw CommandFailure(.usage, "\(flag): give at least one repository reference") }
        return try items.map { item in
            do {
                return try ImageReference.parse(item)
            } catch {
                throw CommandFailure(.usage, "\(flag) \(item): \(error)")
            }
        }
    }

    /// Pulls from `references` into `path` under the update lock, with a progress bar when `bars`.
    static func pull(
        _ references: [ImageReference], path: String, client: RegistryClient, force: Bool, bars: Bool
    ) async throws -> DatabaseLock.Outcome<DatabaseRegistry.PullResult> {
        let line = bars ? DatabaseProgressLine() : nil
        defer { line?.finish() }
        var onBytes: (@Sendable (Int64, Int64) -> Void)?
        if let line {
            onBytes = { done, total in line.update(label: DatabaseArtifact.bundleFileName, done: done, total: total) }
        }
        do {
            let outcome = try await DatabaseLock.run(databasePath: path) {
                try await DatabaseRegistry(client: client).pull(
                    from: references, databasePath: path, force: force, onBytes: onBytes)
            }
            await (client.transport as? AsyncHTTPTransport)?.shutdown()
            return outcome
        } catch {
            await (client.transport as? AsyncHTTPTransport)?.shutdown()
            throw error
        }
    }
}
