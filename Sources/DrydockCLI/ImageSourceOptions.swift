import ArgumentParser
import DrydockImage

/// Where `drydock image NAME` looks for the image, with Trivy's flags: the local engines first, then the
/// registry (docs/image-sources.md, "Local engines").
struct ImageSourceOptions: ParsableArguments {
    @Option(
        name: .customLong("image-src"),
        help: "Image sources to try, in order (any of docker, containerd, podman, remote).")
    var imageSource: String = ImageSource.defaultOrder.map(\.rawValue).joined(separator: ",")

    @Option(
        name: .customLong("docker-host"),
        help:
            "Docker Engine address (unix:///var/run/docker.sock, tcp://host:2376; default: DOCKER_HOST or the Docker context)."
    )
    var dockerHost: String?

    @Option(
        name: .customLong("podman-host"),
        help: "Podman API socket (default: $XDG_RUNTIME_DIR/podman/podman.sock, then /run/podman/podman.sock).")
    var podmanHost: String?

    @Option(
        name: .customLong("containerd-address"),
        help:
            "containerd socket (default: CONTAINERD_ADDRESS, else /run/containerd/containerd.sock; namespace: CONTAINERD_NAMESPACE, else default)."
    )
    var containerdAddress: String?

    mutating func validate() throws {
        _ = try sources()
    }

    /// The `--image-src` list, in order.
    func sources() throws -> [ImageSource] {
        do {
            return try ImageSource.parseList(imageSource)
        } catch {
            throw ValidationError("--image-src \(imageSource): \(error.reason)")
        }
    }

    /// Engine settings from these flags, the environment, `--platform` and the layer limits.
    func settings(platform: PlatformSelection, archiveOptions: ImageArchive.Options, cacheDirectory: String)
        -> EngineSettings
    {
        EngineSettings(
            dockerHost: dockerHost, podmanHost: podmanHost, containerdAddress: containerdAddress, platform: platform,
            options: archiveOptions, spoolDirectory: cacheDirectory + "/tmp")
    }
}
