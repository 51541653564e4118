import DrydockNetwork
import DrydockTestSupport
import Foundation
import Testing

@Suite struct CredentialTests {
    static let config = """
        {
          "auths": {
            "https://index.docker.io/v1/": {"auth": "\(Data("hubuser:hubpass".utf8).base64EncodedString())"},
            "registry.example:5000": {"username": "plain", "password": "pw"},
            "token.example": {"identitytoken": "refresh-123"},
            "stored.example": {}
          },
          "credHelpers": {"helped.example": "test"}
        }
        """

    @Test func parsesAuthsWithBase64AndNormalisedKeys() throws {
        let config = try DockerConfig.parse(Array(Self.config.utf8), location: "config.json")
        #expect(config.auths["docker.io"]?.credential == .basic(username: "hubuser", password: "hubpass"))
        #expect(config.auths["registry.example:5000"]?.credential == .basic(username: "plain", password: "pw"))
        #expect(config.auths["token.example"]?.credential == .identityToken("refresh-123"))
        #expect(config.auths["stored.example"]?.credential == nil)
        #expect(config.credHelpers == ["helped.example": "test"])
    }

    @Test func rejectsBadBase64AndBadJSON() {
        #expect(throws: NetworkError.self) {
            try DockerConfig.parse(Array(#"{"auths":{"x":{"auth":"!!notbase64"}}}"#.utf8), location: "c")
        }
        #expect(throws: NetworkError.self) { try DockerConfig.parse(Array("{".utf8), location: "c") }
    }

    @Test func resolutionOrder() throws {
        let config = try DockerConfig.parse(Array(Self.config.utf8), location: "config.json")
        let resolver = CredentialResolver(dockerConfig: config, dockerConfigPath: "config.json")
        #expect(
            try resolver.credential(for: "docker.io")?.credential == .basic(username: "hubuser", password: "hubpass"))
        #expect(try resolver.credential(for: "docker.io")?.source == "config.json")
        #expect(try resolver.credential(for: "other.example") == nil)
        // Flags win over everything.
        let explicit = CredentialResolver(explicit: .bearer(token: "t"), dockerConfig: config)
        #expect(try explicit.credential(for: "docker.io")?.credential == .bearer(token: "t"))
    }

    @Test func credentialHelperOnPath() throws {
        let bin = try PackagePaths.temporaryDirectory("cred-helper")
        let script = bin.appendingPathComponent("docker-credential-test")
        // The helper echoes the server URL it was asked about into the user name, so the test sees it.
        try Data(
            """
            #!/bin/sh
            [ "$1" = get ] || exit 2
            read -r server
            case "$server" in
              helped.example) printf '{"ServerURL":"%s","Username":"helper-user","Secret":"helper-secret"}' "$server" ;;
              tokened.example) printf '{"Username":"<token>","Secret":"refresh-xyz"}' ;;
              *) echo "credentials not found in native keychain"; exit 1 ;;
            esac
            """.utf8
        ).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let config = DockerConfig(credHelpers: [
            "helped.example": "test", "tokened.example": "test", "none.example": "test",
        ])
        let resolver = CredentialResolver(dockerConfig: config, helperSearchPath: bin.path)
        let found = try resolver.credential(for: "helped.example")
        #expect(found?.credential == .basic(username: "helper-user", password: "helper-secret"))
        #expect(found?.source == "docker-credential-test")
        #expect(try resolver.credential(for: "tokened.example")?.credential == .identityToken("refresh-xyz"))
        #expect(try resolver.credential(for: "none.example") == nil)
        // A configured helper that is not installed is an error naming it.
        let missing = CredentialResolver(
            dockerConfig: DockerConfig(credHelpers: ["x.example": "absent"]), helperSearchPath: bin.path)
        #expect {
            try missing.credential(for: "x.example")
        } throws: { error in
            (error as? NetworkError)?.reason.contains("docker-credential-absent") == true
        }
        // A missing default store falls through to auths.
        var withStore = DockerConfig(credsStore: "absent")
        withStore.auths["s.example"] = DockerConfig.AuthEntry(username: "u", password: "p")
        let fallback = CredentialResolver(dockerConfig: withStore, helperSearchPath: bin.path)
        #expect(try fallback.credential(for: "s.example")?.credential == .basic(username: "u", password: "p"))
    }

    @Test("a helper is run without a shell, with the server URL on stdin; a hung one is stopped at its time limit")
    func credentialHelperTimeLimit() throws {
        let bin = try PackagePaths.temporaryDirectory("cred-helper-hang")
        let marker = bin.appendingPathComponent("argv")
        // Records its argument vector, then hangs with its output open (as one waiting for a prompt would).
        let script = bin.appendingPathComponent("docker-credential-hang")
        try Data("#!/bin/sh\nprintf '%s|' \"$#\" \"$@\" > '\(marker.path)'\nexec sleep 30\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let helper = CredentialHelper(name: "hang", timeout: 1, searchPath: bin.path)
        let started = Date()
        #expect {
            _ = try helper.get(serverURL: "evil.example; touch /tmp/drydock-pwned $(id)")
        } throws: { error in
            (error as? NetworkError)?.reason == "docker-credential-hang did not finish within 1 s"
        }
        #expect(Date().timeIntervalSince(started) < 10, "the 1 s limit was not enforced")
        // One argument, "get": the server URL (with shell metacharacters) never reaches a command line.
        #expect(try String(contentsOf: marker, encoding: .utf8) == "1|get|")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/drydock-pwned"))
    }

    @Test func registriesConfig() throws {
        let text =
            #"{"registries":{"docker.io":{"mirrors":["http://127.0.0.1:5001","mirror.example"]},"r.local:5000":{"insecure":true}}}"#
        let config = try RegistryConfiguration.parse(Array(text.utf8), location: "registries.json")
        let hub = config.endpoints(for: "docker.io", apiHost: "registry-1.docker.io", insecureAll: false)
        #expect(
            hub.map(\.baseURL) == ["http://127.0.0.1:5001", "https://mirror.example", "https://registry-1.docker.io"])
        #expect(hub.map(\.isMirror) == [true, true, false])
        let local = config.endpoints(for: "r.local:5000", apiHost: "r.local:5000", insecureAll: false)
        #expect(local.map(\.baseURL) == ["http://r.local:5000"])
        #expect(throws: NetworkError.self) {
            try RegistryConfiguration.parse(Array(#"{"registries":{"x":{"mirrors":"one"}}}"#.utf8), location: "r")
        }
        #expect(throws: NetworkError.self) {
            try RegistryConfiguration.load(path: "/nonexistent/registries.json")
        }
        #expect(
            try RegistryConfiguration.load(path: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent"]).registries
                .isEmpty)
    }
}
