import Testing

@testable import DrydockImage

@Suite("Pure pieces of image resolution")
struct ImageResolverTests {
    @Test(
        "tag matching",
        arguments: [
            ("alpine:3.10", "alpine:3.10", true), ("alpine:3.10", "docker.io/library/alpine:3.10", true),
            ("docker.io/library/alpine:3.10", "alpine:3.10", true), ("alpine:latest", "alpine", true),
            ("alpine:3.10", "3.10", true), ("3.10", "alpine:3.10", true), ("alpine:3.10", "alpine:3.11", false),
            ("alpine:3.10", "alpine", false), ("example/two:2", "example/two", false),
            ("example/two:latest", "example/two", true), ("registry:5000/app:1", "registry:5000/app:1", true),
            ("registry:5000/app:1", "app:1", false),
        ])
    func tagMatching(candidate: String, request: String, expected: Bool) {
        #expect(TagMatcher.matches(candidate: candidate, request: request) == expected)
    }

    @Test(
        "blob paths come only from well-formed digests",
        arguments: [
            ("sha256:abc123", "blobs/sha256/abc123"), ("sha512:ff", "blobs/sha512/ff"), ("sha256:../../etc", nil),
            ("../x:y", nil), ("sha256:", nil), ("nodigest", nil), ("sha256:a/b", nil), (".:x", nil),
        ] as [(String, String?)])
    func blobPath(digest: String, expected: String?) {
        let path = try? OCIResolver.blobPath(digest, location: "l")
        #expect(path == expected)
    }

    @Test("docker blob names give the layer digest")
    func blobDigest() {
        let hex = String(repeating: "ab", count: 32)
        #expect(ImageResolver.blobDigest(fromPath: "blobs/sha256/" + hex) == "sha256:" + hex)
        #expect(ImageResolver.blobDigest(fromPath: hex + "/layer.tar") == nil)
        #expect(ImageResolver.blobDigest(fromPath: "blobs/sha256/xyz") == nil)
    }

    @Test("the config parser reads diff_ids and history, and says what is wrong")
    func configParse() throws {
        let json = """
            {"architecture":"arm64","os":"linux","created":"2024-01-01T00:00:00Z",
             "rootfs":{"type":"layers","diff_ids":["sha256:aa","sha256:bb"]},
             "history":[{"created_by":"ADD a"},{"created_by":"ENV x=1","empty_layer":true},{"created_by":"RUN b"}]}
            """
        let config = try ImageConfig.parse(Array(json.utf8), location: "c.json")
        #expect(config.architecture == "arm64")
        #expect(config.diffIDs == ["sha256:aa", "sha256:bb"])
        #expect(config.history.count == 3)
        #expect(config.layerCreatedBy == ["ADD a", "RUN b"])
        let error = try #require(throws: ImageError.self) {
            try ImageConfig.parse(Array("{\"rootfs\": {\"diff_ids\": 5}}".utf8), location: "c.json")
        }
        #expect(error.code == .malformedManifest)
        #expect(error.reason.contains("rootfs"))
        #expect(error.location == "c.json")
    }

    @Test("sha256 digests are lower-case hex of the content")
    func digest() {
        #expect(sha256Digest([]) == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            sha256Digest(Array("abc".utf8)) == "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        )
    }
}
