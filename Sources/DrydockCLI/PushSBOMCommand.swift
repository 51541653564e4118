import ArgumentParser
import DrydockRepository
import DrydockServer
import Foundation

/// `drydock push-sbom`: store an SBOM from any tool in the server's repository.
struct PushSBOMCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push-sbom",
        abstract: "Store a CycloneDX or SPDX JSON SBOM (from any tool) for an image in a drydock server's repository.",
        discussion: """
            The server reads the SBOM as 'drydock sbom' does, matches it against its DB and keeps it under the \
            image's digest (from --digest, from REF@sha256:…, or a digest of the inventory), so queries and \
            rescans cover it. Exit codes: 0 stored; 2 usage error or refused token; 3 unreadable SBOM or server error.
            """
    )

    @Argument(help: "The SBOM file (CycloneDX or SPDX JSON).")
    var file: String

    @Option(name: .long, help: "The image the SBOM describes (registry.example/team/app:1.2 or …@sha256:…).")
    var image: String

    @Option(name: .long, help: "The image's digest when REF has none (sha256:…).")
    var digest: String?

    @OptionGroup(title: "Server options") var server: ServerOptions

    mutating func validate() throws {
        guard server.url != nil else { throw ValidationError("push-sbom needs --server URL") }
    }

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(.target, "cannot read SBOM \(file): no such file or not readable")
        }
        let client = try ServerQueryClient.make(server)
        defer { Task { await client.shutdown() } }
        var query =
            [("image", image)]
            + server.labelValues.sorted { $0.key < $1.key }.map { ("label", "\($0.key)=\($0.value)") }
        if let digest { query.append(("digest", digest)) }
        let answer: SBOMPushAnswer
        do {
            let response = try await client.send(.POST, "/api/v1/sboms", query: query, body: Array(data))
            try DrydockServerClient.check(response, path: "/api/v1/sboms")
            answer = try JSONResponse.decoder.decode(SBOMPushAnswer.self, from: Data(response.body))
        } catch let error as ServerClientError {
            throw ServerQueryClient.failure(error, target: file)
        }
        Console.output(
            "Stored \(file) (\(answer.format)) as \(answer.digest): \(answer.packages) packages, \(answer.findings) findings "
                + "(\(answer.changes.new.count) new, \(answer.changes.fixed.count) fixed since the last push)\n")
    }
}

/// The client `push-sbom` and `query` use, and their errors as exit codes.
enum ServerQueryClient {
    static func make(_ options: ServerOptions) throws -> DrydockServerClient {
        guard let url = options.url else { throw CommandFailure(.usage, "give --server URL") }
        do {
            return try DrydockServerClient(
                baseURL: url, token: options.resolvedToken, caCertificate: options.serverCACert)
        } catch {
            throw CommandFailure(.usage, "--server \(url): \(error)")
        }
    }

    /// Exit code 2 for a refused request (bad input, token), 3 otherwise.
    static func failure(_ error: ServerClientError, target: String) -> CommandFailure {
        let usage = [400, 401, 403, 404].contains(error.status ?? 0)
        return CommandFailure(usage ? .usage : .target, error.reason)
    }
}
