import DrydockNetwork
import Foundation

/// Asks one local engine for an image: Docker or Podman through the Docker Engine API (inspect, then the
/// `docker save` export spooled to disk), containerd through its images and content services.
public enum EngineLookup {
    /// What an engine said.
    public enum Outcome: Sendable {
        /// The engine has the image; it is open for the catalog.
        case found(EngineImage)
        /// The engine cannot provide it — not running, no socket, no such image, another platform — and why.
        /// The next source is tried.
        case absent(String)
    }

    /// Looks `reference` up in `source` (an engine, not `remote`).
    ///
    /// An engine that is missing, unreachable or without the image is `absent`, never an error. Once the engine
    /// has the image, failing to export or read it throws (`EngineError`, `ImageError`): the image exists
    /// there, so scanning another copy instead would be wrong.
    public static func find(
        _ reference: String, in source: ImageSource, settings: EngineSettings,
        log: @Sendable (String) -> Void = { _ in }
    ) async throws -> Outcome {
        switch source {
        case .docker:
            let endpoint: EngineEndpoint
            do {
                endpoint = try DockerHostResolver(environment: settings.environment).resolve(flag: settings.dockerHost)
            } catch {
                return .absent("\(error)")
            }
            return try await findInDockerAPI(
                reference, source: .docker, endpoint: endpoint, settings: settings, log: log)
        case .podman:
            var reasons: [String] = []
            for socket in settings.podmanSockets {
                let endpoint: EngineEndpoint
                do {
                    endpoint = try EngineEndpoint.parse(socket)
                } catch {
                    reasons.append("\(error)")
                    continue
                }
                let outcome = try await findInDockerAPI(
                    reference, source: .podman, endpoint: endpoint, settings: settings, log: log)
                if case .absent(let reason) = outcome {
                    reasons.append(reason)
                    continue
                }
                return outcome
            }
            return .absent(reasons.joined(separator: "; "))
        case .containerd:
            return try await findInContainerd(reference, settings: settings, log: log)
        case .remote:
            return .absent("the registry is not a local engine")
        }
    }

    private static func findInDockerAPI(
        _ reference: String, source: ImageSource, endpoint: EngineEndpoint, settings: EngineSettings,
        log: @Sendable (String) -> Void
    ) async throws -> Outcome {
        let client: DockerEngineClient
        do {
            client = try DockerEngineClient(endpoint: endpoint)
        } catch {
            return .absent("\(error)")
        }
        do {
            let version: String?
            let inspect: EngineImageInspect
            do {
                version = try await client.apiVersion()
                inspect = try await client.inspect(reference, version: version)
            } catch {
                await client.shutdown()
                return .absent("\(error)")
            }
            if case .platform(let wanted) = settings.platform, let actual = inspect.platform,
                !OCIResolver.platform(RegistryPuller.ociPlatform(actual), matches: wanted)
            {
                await client.shutdown()
                return .absent("\(endpoint): \(reference) is for \(actual), not \(wanted)")
            }
            log("image \(reference) found in \(source) (\(endpoint)): \(inspect.id); exporting it")
            let spool = try EngineSpool(directory: settings.spoolDirectory)
            do {
                let bytes = try await client.export(reference, version: version) { raw in try spool.write(raw) }
                spool.finish()
                await client.shutdown()
                log("spooled \(bytes) bytes to \(spool.path)")
                let archive = try ImageArchive.open(spool.path, options: settings.options)
                return .found(
                    EngineImage(
                        source: source, endpoint: endpoint.description, imageID: inspect.id,
                        repoTags: inspect.repoTags, repoDigests: inspect.repoDigests, content: .archive(archive),
                        spool: spool))
            } catch {
                spool.remove()
                throw error
            }
        } catch {
            await client.shutdown()
            throw error
        }
    }

    private static func findInContainerd(
        _ reference: String, settings: EngineSettings, log: @Sendable (String) -> Void
    ) async throws -> Outcome {
        let address = settings.containerdSocket
        let client: ContainerdClient
        do {
            client = try await ContainerdClient.connect(address: address, namespace: settings.containerdNamespace)
        } catch {
            return .absent("\(error)")
        }
        do {
            let image = try await ContainerdLocator.open(
                reference, client: client, platform: settings.platform, options: settings.options)
            log(
                "image \(reference) found in containerd (\(client.location), namespace \(client.namespace)): \(image.recordName)"
            )
            return .found(
                EngineImage(
                    source: .containerd, endpoint: client.location, imageID: image.image.configDigest,
                    repoTags: image.image.repoTags, repoDigests: image.image.repoDigests,
                    content: .containerd(image), spool: nil))
        } catch let error as EngineError where error.code != .protocolError {
            await client.close()
            return .absent("\(error)")
        } catch {
            await client.close()
            throw error
        }
    }
}
