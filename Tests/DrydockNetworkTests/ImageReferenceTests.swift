import DrydockNetwork
import Testing

@Suite struct ImageReferenceTests {
    @Test(arguments: [
        ("alpine", "docker.io/library/alpine:latest", "registry-1.docker.io"),
        ("alpine:3.19", "docker.io/library/alpine:3.19", "registry-1.docker.io"),
        ("user/app", "docker.io/user/app:latest", "registry-1.docker.io"),
        ("docker.io/alpine", "docker.io/library/alpine:latest", "registry-1.docker.io"),
        ("index.docker.io/library/alpine:3", "docker.io/library/alpine:3", "registry-1.docker.io"),
        ("ghcr.io/org/team/app:v1.2.3", "ghcr.io/org/team/app:v1.2.3", "ghcr.io"),
        ("localhost/app", "localhost/app:latest", "localhost"),
        ("localhost:5000/app:dev", "localhost:5000/app:dev", "localhost:5000"),
        ("127.0.0.1:5000/a/b", "127.0.0.1:5000/a/b:latest", "127.0.0.1:5000"),
        (
            "my-registry.local:443/x_y__z-w.v:tag_1.0-rc", "my-registry.local:443/x_y__z-w.v:tag_1.0-rc",
            "my-registry.local:443"
        ),
    ])
    func normalises(input: String, canonical: String, apiHost: String) throws {
        let reference = try ImageReference.parse(input)
        #expect(reference.description == canonical)
        #expect(reference.apiHost == apiHost)
    }

    @Test func digestReferences() throws {
        let hex = String(repeating: "ab", count: 32)
        let pinned = try ImageReference.parse("alpine@sha256:\(hex)")
        #expect(pinned.tag == nil)
        #expect(pinned.digest == "sha256:\(hex)")
        #expect(pinned.manifestReference == "sha256:\(hex)")
        #expect(pinned.description == "docker.io/library/alpine@sha256:\(hex)")
        let both = try ImageReference.parse("127.0.0.1:5000/app:1.0@sha256:\(hex)")
        #expect(both.tag == "1.0")
        #expect(both.registry == "127.0.0.1:5000")
        #expect(both.manifestReference == "sha256:\(hex)")
        #expect(both.pinned(to: "sha256:\(hex)") == "127.0.0.1:5000/app@sha256:\(hex)")
    }

    @Test(arguments: [
        "", "Alpine", "alpine:", "alpine@sha256:abc", "alpine@md5:" + String(repeating: "a", count: 32),
        "a//b", "app:-bad", "ghcr.io/", "has space", "-leading/x", "ALPINE/upper",
        "alpine@sha256:" + String(repeating: "A", count: 64),
    ])
    func rejects(input: String) {
        #expect(throws: NetworkError.self) { try ImageReference.parse(input) }
    }
}
