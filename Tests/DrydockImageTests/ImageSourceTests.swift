import DrydockNetwork
import Foundation
import Testing

@testable import DrydockImage

/// `--image-src` lists, the engine addresses tried by default, and the containerd lookups Trivy makes.
struct ImageSourceTests {
    @Test func parsesTrivyOrderAndRefusesUnknownNames() throws {
        #expect(try ImageSource.parseList("docker,containerd,podman,remote") == ImageSource.defaultOrder)
        #expect(try ImageSource.parseList(" podman , docker,podman") == [.podman, .docker])
        #expect(throws: ImageError.self) { try ImageSource.parseList("docker,kubernetes") }
        #expect(throws: ImageError.self) { try ImageSource.parseList(",") }
    }

    @Test func podmanSocketsInOrder() {
        let settings = EngineSettings(
            environment: [
                "XDG_RUNTIME_DIR": "/run/user/1000", "CONTAINER_HOST": "unix:///run/user/1000/podman/podman.sock",
            ],
            spoolDirectory: "/tmp")
        #expect(
            settings.podmanSockets == ["unix:///run/user/1000/podman/podman.sock", "unix:///run/podman/podman.sock"])
        var flagged = settings
        flagged.podmanHost = "/custom.sock"
        #expect(flagged.podmanSockets == ["/custom.sock"])
    }

    @Test func containerdAddressAndNamespace() {
        var settings = EngineSettings(environment: [:], spoolDirectory: "/tmp")
        #expect(settings.containerdSocket == "/run/containerd/containerd.sock")
        #expect(settings.containerdNamespace == "default")
        settings.environment = [
            "CONTAINERD_ADDRESS": "/run/k3s/containerd/containerd.sock", "CONTAINERD_NAMESPACE": "k8s.io",
        ]
        #expect(settings.containerdSocket == "/run/k3s/containerd/containerd.sock")
        #expect(settings.containerdNamespace == "k8s.io")
        settings.containerdAddress = "/flag.sock"
        #expect(settings.containerdSocket == "/flag.sock")
    }

    @Test func containerdFiltersLikeTrivy() {
        #expect(
            ContainerdLocator.filters(for: "alpine:3.19")
                == [#"name=="docker.io/library/alpine:3.19""#, #"name=="alpine:3.19""#])
        #expect(
            ContainerdLocator.filters(for: "alpine")
                == [#"name=="docker.io/library/alpine:latest""#, #"name=="alpine:latest""#])
        #expect(ContainerdLocator.filters(for: "ghcr.io/org/app:1") == [#"name=="ghcr.io/org/app:1""#])
        let digest = "sha256:" + String(repeating: "a", count: 64)
        #expect(
            ContainerdLocator.filters(for: "org/app@\(digest)")
                == [
                    #"name~="^docker.io/org/app(:|@).*",target.digest==""# + digest + #"""#,
                    #"name~="^org/app(:|@).*",target.digest==""# + digest + #"""#,
                ])
        #expect(ContainerdLocator.filters(for: digest) == [#"target.digest==""# + digest + #"""#])
        #expect(
            ContainerdLocator.repoDigest("docker.io/library/alpine:3.19", digest: "sha256:x")
                == "docker.io/library/alpine@sha256:x")
        #expect(
            ContainerdLocator.repoDigest("localhost:5000/app:1", digest: "sha256:x") == "localhost:5000/app@sha256:x")
    }
}
