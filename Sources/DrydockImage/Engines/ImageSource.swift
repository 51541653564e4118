import Foundation

/// Where `drydock image NAME` may find an image, with Trivy's names for `--image-src`.
public enum ImageSource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The local Docker Engine (`DOCKER_HOST`, `--docker-host`, the current Docker context).
    case docker
    /// The local containerd (`--containerd-address`, `CONTAINERD_ADDRESS`, namespace `CONTAINERD_NAMESPACE`).
    case containerd
    /// The local Podman service (`--podman-host`, else its rootless and rootful sockets).
    case podman
    /// The image's registry.
    case remote

    /// Trivy's default order: the local engines first, the registry last.
    public static let defaultOrder: [ImageSource] = [.docker, .containerd, .podman, .remote]

    /// Whether this is a local engine rather than the registry.
    public var isEngine: Bool { self != .remote }

    public var description: String { rawValue }

    /// Parses `docker,containerd,podman,remote` (any subset, in priority order; repeats are dropped).
    public static func parseList(_ text: String) throws(ImageError) -> [ImageSource] {
        var sources: [ImageSource] = []
        for item in text.split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces).lowercased()
            guard let source = ImageSource(rawValue: name) else {
                throw ImageError(
                    code: .unsupported,
                    reason:
                        "unknown image source '\(name)' (use docker, containerd, podman, remote, in the order to try them)",
                    location: "--image-src")
            }
            if !sources.contains(source) { sources.append(source) }
        }
        guard !sources.isEmpty else {
            throw ImageError(code: .unsupported, reason: "lists no image source", location: "--image-src")
        }
        return sources
    }
}

/// One source that was asked for an image and could not provide it, with why.
public struct SourceAttempt: Sendable, Hashable, CustomStringConvertible {
    /// The source asked.
    public var source: ImageSource
    /// Why it could not provide the image (no socket, not running, no such image, pull failed…).
    public var reason: String

    /// An attempt on `source` that failed for `reason`.
    public init(source: ImageSource, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }

    /// The message when no source could provide `reference`: every source tried and why it failed.
    public static func summary(_ attempts: [SourceAttempt], reference: String) -> String {
        let tried = attempts.map(\.source.rawValue).joined(separator: ", ")
        return "cannot find image \(reference) in any image source (tried \(tried)):\n"
            + attempts.map { "  - \($0)" }.joined(separator: "\n")
    }
}
