import Crypto
import DrydockTestSupport
import Foundation
import NIOCore
import Testing

@testable import DrydockNetwork

/// Engine addresses as Docker writes them, Docker's host resolution order, and the protobuf messages
/// of containerd's API encoded by hand.
struct EngineEndpointTests {
    @Test(
        "addresses parse as Docker reads them",
        arguments: [
            ("unix:///var/run/docker.sock", "unix:///var/run/docker.sock"),
            ("/run/podman/podman.sock", "unix:///run/podman/podman.sock"),
            ("tcp://10.0.0.5:2376", "tcp://10.0.0.5:2376"),
            ("tcp://docker.example", "tcp://docker.example:2375"),
            ("tcp://[::1]:2375", "tcp://[::1]:2375"),
            ("https://docker.example", "tcp://docker.example:2376"),
        ])
    func parses(text: String, expected: String) throws {
        #expect(try EngineEndpoint.parse(text).description == expected)
    }

    @Test(
        "bad addresses are refused with what to write",
        arguments: ["ssh://me@host", "unix://relative", "tcp://h:x", "ftp://h"])
    func refuses(text: String) {
        #expect(throws: EngineError.self) { try EngineEndpoint.parse(text) }
    }

    @Test func httpsWithoutTLSSettingsStillEncrypts() throws {
        guard case .tcp(_, _, let tls) = try EngineEndpoint.parse("https://h:1") else {
            Issue.record("not tcp")
            return
        }
        #expect(tls?.verify == true)
    }

    @Test func dockerHostOrder() throws {
        let flag = try DockerHostResolver(environment: ["DOCKER_HOST": "unix:///env.sock"]).resolve(flag: "/flag.sock")
        #expect(flag == .unix(path: "/flag.sock"))
        let environment = try DockerHostResolver(environment: ["DOCKER_HOST": "unix:///env.sock"]).resolve(flag: nil)
        #expect(environment == .unix(path: "/env.sock"))
        let fallback = try DockerHostResolver(environment: ["DOCKER_CONFIG": "/nonexistent"]).resolve(flag: nil)
        #expect(fallback == .unix(path: "/var/run/docker.sock"))
    }

    @Test func tlsFromTheEnvironment() throws {
        let directory = try PackagePaths.temporaryDirectory("docker-certs")
        for name in ["ca.pem", "cert.pem", "key.pem"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        let verified = DockerHostResolver(environment: ["DOCKER_CERT_PATH": directory.path, "DOCKER_TLS_VERIFY": "1"])
        let endpoint = try verified.resolve(flag: "tcp://h:2376")
        #expect(
            endpoint
                == .tcp(
                    host: "h", port: 2376,
                    tls: EngineTLS(
                        caPath: directory.path + "/ca.pem", certificatePath: directory.path + "/cert.pem",
                        keyPath: directory.path + "/key.pem", verify: true)))
        // DOCKER_CERT_PATH alone: encrypted, not verified (Docker's --tls).
        let unverified = DockerHostResolver(environment: ["DOCKER_CERT_PATH": directory.path])
        #expect(unverified.environmentTLS()?.verify == false)
        #expect(DockerHostResolver(environment: [:]).environmentTLS() == nil)
    }

    @Test func dockerContextFromConfig() throws {
        let config = try PackagePaths.temporaryDirectory("docker-config")
        let hash = SHA256.hash(data: Data("colima".utf8)).map { String(format: "%02x", $0) }.joined()
        let meta = config.appendingPathComponent("contexts/meta/\(hash)")
        try FileManager.default.createDirectory(at: meta, withIntermediateDirectories: true)
        try Data(#"{"Name":"colima","Endpoints":{"docker":{"Host":"unix:///home/u/.colima/docker.sock"}}}"#.utf8)
            .write(to: meta.appendingPathComponent("meta.json"))
        try Data(#"{"currentContext":"colima"}"#.utf8).write(to: config.appendingPathComponent("config.json"))
        let resolver = DockerHostResolver(environment: ["DOCKER_CONFIG": config.path])
        #expect(try resolver.resolve(flag: nil) == .unix(path: "/home/u/.colima/docker.sock"))
        // DOCKER_CONTEXT wins over config.json; "default" means the default socket; an unknown one is an error.
        let named = DockerHostResolver(environment: ["DOCKER_CONFIG": config.path, "DOCKER_CONTEXT": "default"])
        #expect(try named.resolve(flag: nil) == .unix(path: "/var/run/docker.sock"))
        let unknown = DockerHostResolver(environment: ["DOCKER_CONFIG": config.path, "DOCKER_CONTEXT": "gone"])
        #expect(throws: EngineError.self) { try unknown.resolve(flag: nil) }
    }

    @Test func protobufRoundTrip() throws {
        let request = ContainerdMessages.readContentRequest(digest: "sha256:ab", offset: 300)
        var reader = ProtobufReader(request[...])
        var fields: [Int: ProtobufReader.Value] = [:]
        while let (field, value) = try reader.next() { fields[field] = value }
        #expect(fields[1]?.string == "sha256:ab")
        #expect(fields[2]?.int64 == 300)

        // An Image with labels, a target, and a field from a newer containerd (skipped).
        var descriptor = ProtobufWriter()
        descriptor.string(1, "application/vnd.oci.image.index.v1+json")
        descriptor.string(2, "sha256:cd")
        descriptor.int64(3, 1234)
        var label = ProtobufWriter()
        label.string(1, "k")
        label.string(2, "v")
        var image = ProtobufWriter()
        image.string(1, "docker.io/library/alpine:3.19")
        image.lengthDelimited(2, label.bytes)
        image.lengthDelimited(3, descriptor.bytes)
        image.int64(42, 7)
        var response = ProtobufWriter()
        response.lengthDelimited(1, image.bytes)
        let records = try ContainerdMessages.listImagesResponse(response.bytes[...])
        #expect(
            records == [
                ContainerdImageRecord(
                    name: "docker.io/library/alpine:3.19", labels: ["k": "v"],
                    target: ContainerdDescriptor(
                        mediaType: "application/vnd.oci.image.index.v1+json", digest: "sha256:cd", size: 1234))
            ])
        #expect(throws: ProtobufError.self) { try ContainerdMessages.listImagesResponse(response.bytes.dropLast()) }
    }

    @Test func grpcDeframerSplitsMessagesAcrossChunks() throws {
        var deframer = GRPCDeframer(maxMessageSize: 16, location: "test")
        var first = NIOCore.ByteBuffer(bytes: [0, 0, 0, 0, 3, 1, 2])
        deframer.append(first)
        #expect(try deframer.next() == nil)
        first = NIOCore.ByteBuffer(bytes: [3, 0, 0, 0, 0, 0])
        deframer.append(first)
        #expect(try deframer.next() == [1, 2, 3][...])
        #expect(try deframer.next() == [][...])
        #expect(deframer.isEmpty)
        deframer.append(NIOCore.ByteBuffer(bytes: [0, 0, 0, 1, 0]))
        #expect(throws: EngineError.self) { try deframer.next() }
    }
}
