import ArgumentParser
import Foundation

/// Flags that send a scan to `drydock server` instead of matching locally.
struct ServerOptions: ParsableArguments {
    @Option(
        name: .customLong("server"),
        help: "Analyse locally, then send only the inventory to this drydock server, which matches and stores it.")
    var url: String?

    @Option(name: .long, help: "Bearer token for --server (default: $DRYDOCK_SERVER_TOKEN).")
    var token: String?

    @Option(name: .customLong("server-cacert"), help: "PEM file of CAs to trust for --server's certificate.")
    var serverCACert: String?

    @Option(
        name: .customLong("label"),
        help: "Label to store the image with on --server, KEY=VALUE (team=payments, environment=prod); repeatable.")
    var labels: [String] = []

    mutating func validate() throws {
        for label in labels where !label.contains("=") {
            throw ValidationError("--label \(label): expected KEY=VALUE")
        }
        if url == nil, token != nil || !labels.isEmpty {
            throw ValidationError("--token and --label need --server URL")
        }
        if let url, !(url.hasPrefix("http://") || url.hasPrefix("https://")) {
            throw ValidationError("--server \(url): expected an http:// or https:// URL")
        }
    }

    /// `--label` values as a dictionary.
    var labelValues: [String: String] {
        var values: [String: String] = [:]
        for label in labels {
            let parts = label.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    /// The token: `--token`, else `DRYDOCK_SERVER_TOKEN`.
    var resolvedToken: String? {
        token ?? ProcessInfo.processInfo.environment["DRYDOCK_SERVER_TOKEN"]
    }
}
