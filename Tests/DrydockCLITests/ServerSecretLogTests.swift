import DrydockTestSupport
import Foundation
import Testing

/// Bearer tokens never appear in `drydock server`'s log (at `LOG_LEVEL=trace`) nor in a client's output,
/// whether they are accepted or refused.
@Suite("Server tokens are never logged")
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
}
