import Crypto
import Foundation

/// What a token may do. Each scope includes the ones before it: `admin` ⊃ `write` ⊃ `read`.
public enum TokenScope: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Queries: images, packages, vulnerabilities, findings, history, overdue findings.
    case read
    /// Scans and SBOM pushes.
    case write
    /// Webhooks and their deliveries.
    case admin

    public static func < (lhs: TokenScope, rhs: TokenScope) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .read: 0
        case .write: 1
        case .admin: 2
        }
    }
}

/// A bearer token's identity: who it is (written in the audit log) and what it may do.
public struct AccessToken: Sendable, Hashable {
    public var name: String
    public var scope: TokenScope

    public init(name: String, scope: TokenScope) {
        self.name = name
        self.scope = scope
    }
}

/// The server's tokens, read from `--tokens FILE` or `DRYDOCK_SERVER_TOKENS`: one per line,
/// `SCOPE NAME TOKEN` (`write ci-pipeline 9f2c…`), blank lines and `#` comments ignored. Only SHA-256
/// digests of the secrets are kept; a lookup compares digests in constant time.
public struct AccessTokenSet: Sendable {
    private var entries: [(digest: [UInt8], token: AccessToken)]

    public init(_ tokens: [(secret: String, token: AccessToken)]) {
        entries = tokens.map { (Array(SHA256.hash(data: Array($0.secret.utf8))), $0.token) }
    }

    /// Whether no token is configured (the server then refuses to start unless told `--no-auth`).
    public var isEmpty: Bool { entries.isEmpty }

    /// How many tokens there are.
    public var count: Int { entries.count }

    /// Parses the token file's text; `source` names it in errors (`tokens.txt:3: …`).
    public static func parse(_ text: String, source: String) throws(ServerConfigurationError) -> AccessTokenSet {
        var tokens: [(String, AccessToken)] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let location = "\(source):\(index + 1)"
            guard fields.count == 3 else {
                throw ServerConfigurationError("\(location): expected 'SCOPE NAME TOKEN', found \(fields.count) fields")
            }
            guard let scope = TokenScope(rawValue: fields[0]) else {
                throw ServerConfigurationError("\(location): scope '\(fields[0])' is not read, write or admin")
            }
            guard fields[2].utf8.count >= 16 else {
                throw ServerConfigurationError("\(location): token of '\(fields[1])' is shorter than 16 characters")
            }
            tokens.append((fields[2], AccessToken(name: fields[1], scope: scope)))
        }
        return AccessTokenSet(tokens)
    }

    /// The identity of `secret`, or `nil` when it is not a configured token.
    public func identify(_ secret: some StringProtocol) -> AccessToken? {
        let digest = Array(SHA256.hash(data: Array(secret.utf8)))
        var found: AccessToken?
        for entry in entries {
            // Every entry is compared in full, so timing says nothing about which one matched.
            var difference: UInt8 = 0
            for (lhs, rhs) in zip(entry.digest, digest) { difference |= lhs ^ rhs }
            if difference == 0 { found = entry.token }
        }
        return found
    }
}

/// A server setting that cannot be used: a token file line, a certificate, a listen address.
public struct ServerConfigurationError: Error, Sendable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
