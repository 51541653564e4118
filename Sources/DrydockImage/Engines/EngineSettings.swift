import DrydockNetwork
import Foundation

/// Where the local engines listen and how their images are read: the `--docker-host`, `--podman-host` and
/// `--containerd-address` flags over the environment, as Trivy reads it.
public struct EngineSettings: Sendable {
    /// `--docker-host`: overrides `DOCKER_HOST` and the Docker context.
    public var dockerHost: String?
    /// `--podman-host`: the Podman socket to use instead of the default ones.
    public var podmanHost: String?
    /// `--containerd-address`: overrides `CONTAINERD_ADDRESS` and `/run/containerd/containerd.sock`.
    public var containerdAddress: String?
    /// The environment (`DOCKER_*`, `CONTAINERD_ADDRESS`, `CONTAINERD_NAMESPACE`, `XDG_RUNTIME_DIR`, …).
    public var environment: [String: String]
    /// The platform wanted (`--platform`); an engine holding another one does not have the image.
    public var platform: PlatformSelection
    /// Layer limits and diffID verification.
    public var options: ImageArchive.Options
    /// Where Docker and Podman exports are spooled (a folder of the cache directory).
    public var spoolDirectory: String

    /// Settings from their parts.
    public init(
        dockerHost: String? = nil, podmanHost: String? = nil, containerdAddress: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, platform: PlatformSelection = .host,
        options: ImageArchive.Options = ImageArchive.Options(), spoolDirectory: String
    ) {
        self.dockerHost = dockerHost
        self.podmanHost = podmanHost
        self.containerdAddress = containerdAddress
        self.environment = environment
        self.platform = platform
        self.options = options
        self.spoolDirectory = spoolDirectory
    }

    /// The Podman sockets to try, in order: `--podman-host` alone when given; else `CONTAINER_HOST` (Podman's
    /// own variable) when it names a Unix socket, the rootless `$XDG_RUNTIME_DIR/podman/podman.sock`, and the
    /// rootful `/run/podman/podman.sock`.
    public var podmanSockets: [String] {
        if let podmanHost, !podmanHost.isEmpty { return [podmanHost] }
        var sockets: [String] = []
        if let host = environment["CONTAINER_HOST"], host.hasPrefix("unix://") { sockets.append(host) }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty {
            sockets.append("unix://\(runtime)/podman/podman.sock")
        }
        sockets.append("unix:///run/podman/podman.sock")
        return sockets.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    }

    /// `--containerd-address`, else `CONTAINERD_ADDRESS`, else `/run/containerd/containerd.sock`.
    public var containerdSocket: String {
        if let containerdAddress, !containerdAddress.isEmpty { return containerdAddress }
        if let address = environment["CONTAINERD_ADDRESS"], !address.isEmpty { return address }
        return ContainerdClient.defaultAddress
    }

    /// `CONTAINERD_NAMESPACE`, else `default`.
    public var containerdNamespace: String {
        environment["CONTAINERD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? ContainerdClient.defaultNamespace
    }
}
