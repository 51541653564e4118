/// One challenge of a `WWW-Authenticate` header (RFC 7235): `Bearer realm="…",service="…",scope="…"`
/// or `Basic realm="…"`.
public struct AuthChallenge: Sendable, Hashable {
    /// The scheme, lowercased (`bearer`, `basic`).
    public var scheme: String
    /// Parameters by lowercased name.
    public var parameters: [String: String]

    /// A challenge from its parts.
    public init(scheme: String, parameters: [String: String] = [:]) {
        self.scheme = scheme.lowercased()
        self.parameters = parameters
    }

    /// `realm`, when given.
    public var realm: String? { parameters["realm"] }

    /// Parses every challenge in a header value (several may share one header, comma-separated).
    /// Throws `malformedResponse` for text that is not a challenge list.
    public static func parse(_ header: String) throws(NetworkError) -> [AuthChallenge] {
        var scanner = ChallengeScanner(Array(header.utf8))
        var result: [AuthChallenge] = []
        while true {
            scanner.skip { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C }
            if scanner.atEnd { break }
            let scheme = scanner.token()
            guard !scheme.isEmpty else {
                throw NetworkError(
                    code: .malformedResponse, reason: "WWW-Authenticate is not a challenge list", location: header)
            }
            var challenge = AuthChallenge(scheme: scheme)
            // Parameters: name=value pairs until the next scheme (a token not followed by '=').
            while true {
                let mark = scanner.position
                scanner.skip { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C }
                let name = scanner.token()
                scanner.skip { $0 == 0x20 || $0 == 0x09 }
                guard !name.isEmpty, scanner.consume(0x3D) else {
                    scanner.position = mark
                    break
                }
                scanner.skip { $0 == 0x20 || $0 == 0x09 }
                guard let value = scanner.value() else {
                    throw NetworkError(
                        code: .malformedResponse, reason: "WWW-Authenticate has an unterminated quoted value",
                        location: header)
                }
                challenge.parameters[name.lowercased()] = value
            }
            result.append(challenge)
            if scanner.position == scanner.bytes.count { break }
            scanner.skip { $0 == 0x20 || $0 == 0x09 || $0 == 0x2C }
        }
        if result.isEmpty {
            throw NetworkError(code: .malformedResponse, reason: "WWW-Authenticate is empty", location: header)
        }
        return result
    }
}

/// A tiny cursor over header bytes.
private struct ChallengeScanner {
    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }

    mutating func skip(while predicate: (UInt8) -> Bool) {
        while position < bytes.count && predicate(bytes[position]) { position += 1 }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        if position < bytes.count && bytes[position] == byte {
            position += 1
            return true
        }
        return false
    }

    /// An RFC 7230 token (also accepts token68 characters `/+` used in some schemes).
    mutating func token() -> String {
        let start = position
        skip { byte in
            byte > 0x20 && byte < 0x7F && !"\"(),:;<=>?@[\\]{}".utf8.contains(byte)
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// A quoted string (with `\` escapes) or a token.
    mutating func value() -> String? {
        guard consume(0x22) else { return token() }
        var result: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            if byte == 0x22 { return String(decoding: result, as: UTF8.self) }
            if byte == 0x5C, position < bytes.count {
                result.append(bytes[position])
                position += 1
            } else {
                result.append(byte)
            }
        }
        return nil
    }
}
