import DrydockTestSupport
import Foundation
import Testing

/// Bearer tokens never appear in `drydock server`'s log (at `LOG_LEVEL=trace`) nor in a client's output,
/// whether they are accepted or refused.
@Suite(
    "Server tokens are never logged",
    .enabled(if: PackagePaths.hasShared, "needs ../shared (the DB is built from its advisories)"))
struct ServerSecretLogTests {
    @Test("accepted and refused bearer tokens are absent from the server's trace log and the client's output")
    func tokensNeverLogged() throws {
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(database: database, environment: ["LOG_LEVEL": "trace"])
        defer { server.stop() }
        let wrong = "wrong-\(UUID())"
        var outputs: [String] = []
        for token in [server.tokens["read"]!, server.tokens["write"]!, wrong] {
            let result = try CLI.run(["query", "--server", server.url, "--token", token, "--package", "musl"])
            #expect(result.status == (token == wrong ? 2 : 0), "\(result.stderr)")
            outputs += [result.output, result.stderr]
        }
        server.stop()
        let log = server.log
        // The requests were logged (the refused one included), at trace level: there was a log to leak into.
        #expect(log.contains("path=/api/v1/packages status=401") && log.contains(" trace "), "\(log)")
        for secret in Array(server.tokens.values) + [wrong] {
            #expect(!log.contains(secret), "the server log holds a token: \(log)")
            for output in outputs { #expect(!output.contains(secret), "client output holds a token: \(output)") }
        }
    }

    @Test("the request log names the token's identity, never the token, and 'anonymous' for a refused one")
    func requestLogNamesTheActor() throws {
        let database = try CLI.imageFixtureDatabase.get()
        let server = try ServerProcess(database: database)
        defer { server.stop() }
        let wrong = "wrong-\(UUID())"
        for token in [server.tokens["read"]!, server.tokens["write"]!, wrong] {
            let result = try CLI.run(["query", "--server", server.url, "--token", token, "--package", "musl"])
            #expect(result.status == (token == wrong ? 2 : 0), "\(result.stderr)")
        }
        server.stop()
        let lines = server.log.split(separator: "\n").filter { $0.contains("path=/api/v1/packages") }
        #expect(lines.count == 3, "\(server.log)")
        // The identity is set by the route after the logging middleware copied the request context.
        #expect(lines.contains { $0.contains("status=200") && $0.contains("actor=read-client") }, "\(lines)")
        #expect(lines.contains { $0.contains("status=200") && $0.contains("actor=write-client") }, "\(lines)")
        #expect(lines.contains { $0.contains("status=401") && $0.contains("actor=anonymous") }, "\(lines)")
        for secret in Array(server.tokens.values) + [wrong] {
            #expect(!server.log.contains(secret), "the server log holds a token: \(server.log)")
        }
    }
}
