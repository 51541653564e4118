import DrydockNetwork
import Foundation
import Synchronization

/// Publishes a DB to an OCI registry as a ``DatabaseArtifact`` and installs one from there.
///
/// A pull checks, in order: the manifest is a Drydock DB artifact of this schema version; the bundle
/// blob hashes to its descriptor's digest (`RegistryClient`); the bundle's `metadata.json` names the
/// DB digest the manifest's annotation states; the DB file hashes to it and opens as a DB of this
/// schema version. Only then is it renamed over the current DB (see ``DatabaseBundle``), so a failed
/// or interrupted pull never leaves a broken DB.
public struct DatabaseRegistry: Sendable {
    /// What a push did.
    public struct PushResult: Sendable {
        /// The manifest's digest.
        public var manifestDigest: String
        /// The bundle blob's size in bytes.
        public var bundleSize: Int64
        /// The metadata of the DB pushed.
        public var metadata: DatabaseMetadata
    }

    /// What a pull did.
    public struct PullResult: Sendable {
        /// The repository the DB came from.
        public var reference: ImageReference
        /// The installed DB's metadata.
        public var metadata: DatabaseMetadata
        /// `false` when the DB in place already was the one published (nothing was downloaded).
        public var installed: Bool
        /// Repositories tried before, and why each failed.
        public var failures: [String]
    }

    /// The registry client requests go through.
    public var client: RegistryClient

    /// A distributor over `client`.
    public init(client: RegistryClient) {
        self.client = client
    }

    /// Pushes the DB at `databasePath` (with its `metadata.json`) to `reference` (tag default `latest`).
    /// The bundle is gzip-compressed into a temporary file and streamed from there, never held in memory.
    public func push(databasePath: String, to reference: ImageReference) async throws(VulnDBError) -> PushResult {
        let bundlePath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "drydock-db-push-\(UUID().uuidString).tar.gz"
        ).path
        defer { try? FileManager.default.removeItem(atPath: bundlePath) }
        let metadata = try DatabaseBundle.writeCompressed(databasePath: databasePath, to: bundlePath)
        let bundleDigest = try DatabaseMetadata.digest(ofFile: bundlePath)
        let bundleSize =
            ((try? FileManager.default.attributesOfItem(atPath: bundlePath))?[.size] as? NSNumber)?.int64Value ?? 0
        let config = try metadata.encoded()
        let endpoints = client.endpoints(for: reference)
        guard let endpoint = endpoints.first(where: { !$0.isMirror }) ?? endpoints.first else {
            throw VulnDBError(code: .downloadFailed, reason: "no endpoint to push to", location: reference.description)
        }
        let location = RegistryLocation(
            registry: reference.registry, repository: reference.repository, endpoint: endpoint)
        do {
            let configDigest = try await client.pushBlob(config, at: location)
            try await client.pushBlob(file: bundlePath, digest: bundleDigest, size: bundleSize, at: location)
            let manifest = DatabaseArtifact.manifest(
                metadata: metadata,
                config: .init(
                    mediaType: DatabaseArtifact.configMediaType, digest: configDigest, size: Int64(config.count)),
                bundle: .init(
                    mediaType: DatabaseArtifact.layerMediaType, digest: bundleDigest, size: bundleSize))
            let digest = try await client.pushManifest(
                manifest, mediaType: RegistryMediaTypes.ociManifest, reference: reference.tag ?? "latest",
                at: location)
            return PushResult(manifestDigest: digest, bundleSize: bundleSize, metadata: metadata)
        } catch {
            throw VulnDBError(
                code: .downloadFailed, reason: "cannot push the DB", location: reference.description,
                underlying: "\(error)")
        }
    }

    /// Installs the DB published at the first of `references` that serves a valid one, trying the
    /// next after any failure (429/5xx after the transport's retries, connection errors, not found,
    /// verification). Skips the download when the DB in place is already the published one, unless
    /// `force`. `onBytes` gets the bundle bytes received so far and its size.
    public func pull(
        from references: [ImageReference], databasePath: String, force: Bool = false,
        onBytes: (@Sendable (Int64, Int64) -> Void)? = nil
    ) async throws(VulnDBError) -> PullResult {
        var failures: [String] = []
        var lastCode = VulnDBError.Code.downloadFailed
        for reference in references {
            do {
                var result = try await pull(reference, databasePath: databasePath, force: force, onBytes: onBytes)
                result.failures = failures
                return result
            } catch {
                if references.count == 1 { throw error }
                failures.append("\(reference): \(error.reason)\(error.underlying.map { " (\($0))" } ?? "")")
                lastCode = error.code
            }
        }
        throw VulnDBError(
            code: lastCode, reason: "no repository served a usable DB: " + failures.joined(separator: "; "),
            location: references.map(\.description).joined(separator: ","))
    }

    private func pull(
        _ reference: ImageReference, databasePath: String, force: Bool,
        onBytes: (@Sendable (Int64, Int64) -> Void)?
    ) async throws(VulnDBError) -> PullResult {
        let manifest: RegistryManifest
        do {
            manifest = try await client.manifest(reference)
        } catch {
            throw VulnDBError(
                code: .downloadFailed, reason: "cannot fetch the manifest", location: reference.description,
                underlying: "\(error)")
        }
        let artifact = try DatabaseArtifact.parse(manifest.bytes, location: reference.description)
        guard artifact.schemaVersion == DatabaseSchema.version else {
            throw VulnDBError(
                code: .schemaMismatch,
                reason: "the published DB has schema version \(artifact.schemaVersion); this drydock reads "
                    + "\(DatabaseSchema.version)",
                location: reference.description)
        }
        if !force, FileManager.default.fileExists(atPath: databasePath),
            let current = try? DatabaseMetadata.read(forDatabase: databasePath),
            current.digest == artifact.databaseDigest
        {
            return PullResult(reference: reference, metadata: current, installed: false, failures: [])
        }
        let directory = (databasePath as NSString).deletingLastPathComponent
        let bundlePath = (directory as NSString).appendingPathComponent(
            ".\((databasePath as NSString).lastPathComponent).pull.tar")
        let file = try AtomicFile(destination: bundlePath)
        defer { try? FileManager.default.removeItem(atPath: bundlePath) }
        let received = Mutex<Int64>(0)
        let total = artifact.bundle.size
        do {
            try await client.blob(artifact.bundle.digest, at: manifest.location, size: total) { chunk in
                try file.write(chunk)
                let count = received.withLock { value in
                    value += Int64(chunk.count)
                    return value
                }
                onBytes?(count, total)
            }
        } catch {
            file.abandon()
            throw VulnDBError(
                code: (error as? NetworkError)?.code == .digestMismatch ? .verificationFailed : .downloadFailed,
                reason: "cannot download the DB bundle \(artifact.bundle.digest)", location: reference.description,
                underlying: "\(error)")
        }
        try file.commit()
        let tarPath = try Self.uncompress(bundlePath, mediaType: artifact.bundle.mediaType)
        defer { try? FileManager.default.removeItem(atPath: tarPath) }
        let (database, metadata) = try DatabaseBundle.read(bundlePath: tarPath)
        guard metadata.digest == artifact.databaseDigest, metadata.schemaVersion == artifact.schemaVersion else {
            throw VulnDBError(
                code: .verificationFailed,
                reason: "the bundle's metadata.json (\(metadata.digest), schema \(metadata.schemaVersion)) is not "
                    + "the DB the manifest names (\(artifact.databaseDigest), schema \(artifact.schemaVersion))",
                location: reference.description)
        }
        let installed = try DatabaseBundle.installVerified(
            database: database, metadata: metadata, databasePath: databasePath)
        return PullResult(reference: reference, metadata: installed, installed: true, failures: [])
    }

    /// Largest bundle a gzip layer may inflate to (a guard against decompression bombs).
    static let maxBundleSize: Int64 = 64 << 30

    /// The plain tar of a downloaded bundle: `path` itself when uncompressed, else a `.tar` beside it
    /// inflated from the gzip layer.
    private static func uncompress(_ path: String, mediaType: String) throws(VulnDBError) -> String {
        guard mediaType == DatabaseArtifact.layerMediaType || GzipFile.isGzip(path) else { return path }
        let tarPath = path + ".tar"
        let file = try AtomicFile(destination: tarPath)
        do throws(VulnDBError) {
            try GzipFile.decompress(path, to: file, limit: maxBundleSize)
            try file.commit()
        } catch {
            file.abandon()
            throw error
        }
        return tarPath
    }
}
