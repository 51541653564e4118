import ArgumentParser
import DrydockModel
import DrydockRepository
import DrydockServer
import Foundation

/// `drydock query`: ask a drydock server's repository.
struct QueryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract:
            "Ask a drydock server: which images contain a package, which a vulnerability affects, an image's findings.",
        discussion: """
            Exactly one question per call: --package (a purl or a name; --version-constraint in the \
            ecosystem's syntax), --vulnerability ID (any alias), --image DIGEST (its open findings; --history \
            for what changed when; --kev for the known exploited only), --overdue (open findings past their severity's SLA), --exceptions (the \
            server's triage exceptions), --audit-log (who changed what) or --export-vex (the exceptions as \
            OpenVEX). \
            Answers to --package and --vulnerability come in pages (--limit); the answer's 'next' is the \
            --cursor of the page after it. \
            Output is JSON (the API's answer); --format table prints lines.
            """
    )

    @Option(name: .long, help: "A purl (pkg:deb/debian/openssl) or a package name.")
    var package: String?

    @Option(name: .long, help: "Limit --package NAME to one ecosystem (pypi, npm, debian, …).")
    var ecosystem: String?

    @Option(
        name: .customLong("version-constraint"),
        help: "Only versions in this range, in the ecosystem's syntax (<3.0.13, >=2.0,<2.31.0).")
    var versionConstraint: String?

    @Option(name: .long, help: "A vulnerability ID or alias (CVE-…, GHSA-…).")
    var vulnerability: String?

    @Option(name: .long, help: "An image digest (sha256:…): its open findings.")
    var image: String?

    @Flag(name: .long, help: "With --image: every change to its findings, oldest first.")
    var history = false

    @Flag(name: .long, help: "Open findings past their severity's SLA.")
    var overdue = false

    @Flag(
        name: .long,
        help: "With --image or --overdue: only findings in CISA's Known Exploited Vulnerabilities catalog.")
    var kev = false

    @Flag(name: .long, help: "The server's current exceptions (triage).")
    var exceptions = false

    @Flag(name: .customLong("audit-log"), help: "Who changed what, newest first (an admin token); --since DATE.")
    var auditLog = false

    @Option(name: .long, help: "With --audit-log: only entries at or after this date (YYYY-MM-DD or RFC 3339).")
    var since: String?

    @Flag(name: .customLong("export-vex"), help: "Write the server's live exceptions as an OpenVEX document.")
    var exportVEX = false

    @Option(name: .long, help: "At most this many results (100).")
    var limit = 100

    @Option(
        name: .long,
        help: "With --package or --vulnerability: the page after this one (the 'next' of the previous answer).")
    var cursor: String?

    @Option(name: .long, help: "json (default) or table.")
    var format = "json"

    @Option(name: [.customShort("o"), .long], help: "Write to this file instead of standard output.")
    var output: String?

    @OptionGroup(title: "Server options") var server: ServerOptions

    mutating func validate() throws {
        let questions = [package != nil, vulnerability != nil, image != nil, overdue, exceptions, auditLog, exportVEX]
            .filter { $0 }.count
        guard questions == 1 else {
            throw ValidationError(
                "ask one question: --package, --vulnerability, --image, --overdue, --exceptions, --audit-log or --export-vex"
            )
        }
        if since != nil && !auditLog { throw ValidationError("--since needs --audit-log") }
        guard server.url != nil else { throw ValidationError("query needs --server URL") }
        guard ["json", "table"].contains(format) else { throw ValidationError("--format \(format): json or table") }
        if history && image == nil { throw ValidationError("--history needs --image DIGEST") }
        if kev && (image == nil || history) && !overdue {
            throw ValidationError("--kev needs --image DIGEST (its findings) or --overdue")
        }
        if cursor != nil && package == nil && vulnerability == nil {
            throw ValidationError("--cursor needs --package or --vulnerability")
        }
    }

    func run() async throws {
        let client = try ServerQueryClient.make(server)
        defer { Task { await client.shutdown() } }
        let (path, query) = request()
        let body: [UInt8]
        do throws(ServerClientError) {
            let answer = try await client.send(.GET, path, query: query)
            try DrydockServerClient.check(answer, path: path)
            body = answer.body
        } catch {
            throw ServerQueryClient.failure(error, target: path)
        }
        let bytes = format == "table" ? Array(QueryTable.render(body, path: path).utf8) : body + [0x0A]
        if let output {
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure(.usage, "cannot write \(output): \(error.localizedDescription)")
            }
        } else {
            Console.output(bytes)
        }
    }

    /// The endpoint and query parameters for the question asked.
    func request() -> (String, [(String, String)]) {
        var query: [(String, String)] = [("limit", "\(limit)")]
        query += server.labelValues.sorted { $0.key < $1.key }.map { ("label", "\($0.key)=\($0.value)") }
        if let cursor { query.append(("cursor", cursor)) }
        if let package {
            query.append(package.hasPrefix("pkg:") ? ("purl", package) : ("name", package))
            if let ecosystem { query.append(("ecosystem", ecosystem)) }
            if let versionConstraint { query.append(("version", versionConstraint)) }
            return ("/api/v1/packages", query)
        }
        if let vulnerability { return ("/api/v1/vulnerabilities/\(Self.escape(vulnerability))/images", query) }
        if let image {
            return (
                "/api/v1/images/\(Self.escape(image))/\(history ? "history" : "findings")", kev ? [("kev", "true")] : []
            )
        }
        if exceptions { return ("/api/v1/exceptions", []) }
        if exportVEX { return ("/api/v1/vex", []) }
        if auditLog { return ("/api/v1/audit-log", [("limit", "\(limit)")] + (since.map { [("since", $0)] } ?? [])) }
        return ("/api/v1/findings/overdue", query + (kev ? [("kev", "true")] : []))
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")))
            ?? text
    }
}
