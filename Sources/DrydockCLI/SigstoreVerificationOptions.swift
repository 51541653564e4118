import ArgumentParser
import DrydockSupplyChain
import Foundation

/// The signer and trust flags of `drydock sigstore verify-bundle` and `verify-image`: the Sigstore
/// conformance protocol's names.
struct SigstoreVerificationOptions: ParsableArguments {
    @Option(
        name: .customLong("certificate-identity"),
        help: ArgumentHelp("The identity the signing certificate's SAN must hold.", valueName: "IDENTITY"))
    var certificateIdentity: String?

    @Option(
        name: .customLong("certificate-oidc-issuer"),
        help: ArgumentHelp("The OIDC issuer the signing certificate must name.", valueName: "URL"))
    var certificateOIDCIssuer: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("A PEM public key to verify with.", valueName: "PATH"))
    var key: String?

    @Option(
        name: .customLong("trusted-root"),
        help: ArgumentHelp("A trusted_root.json to use instead of the built-in public-good root.", valueName: "FILE"))
    var trustedRoot: String?

    @Flag(name: .customLong("staging"), help: "Use the Sigstore staging instance's built-in trusted root.")
    var staging = false

    func validate() throws {
        switch (key, certificateIdentity, certificateOIDCIssuer) {
        case (nil, .some, .some), (.some, nil, nil): return
        case (.some, _, _):
            throw ValidationError("--key cannot be combined with --certificate-identity or --certificate-oidc-issuer")
        default:
            throw ValidationError(
                "give --certificate-identity and --certificate-oidc-issuer (keyless) or --key (key-based)")
        }
    }

    /// The trusted root: `--trusted-root`, else the built-in public-good (or `--staging`) root.
    func loadTrustedRoot() throws -> TrustedRoot {
        if let trustedRoot {
            return try Self.read(trustedRoot, what: "trusted root") { bytes throws(SupplyChainError) in
                try TrustedRoot.parse(bytes, source: trustedRoot)
            }
        }
        do {
            return try staging ? TrustedRoot.staging : TrustedRoot.publicGood
        } catch {
            throw CommandFailure(.target, "the built-in trusted root cannot be read: \(error)")
        }
    }

    /// What the signature must have been made by.
    func loadPolicy() throws -> VerificationPolicy {
        if let key {
            return .key(
                try Self.read(key, what: "key") { bytes throws(SupplyChainError) in
                    try VerificationKey(pemOrDER: bytes, source: key)
                })
        }
        return .identity(subjectAlternativeName: certificateIdentity ?? "", oidcIssuer: certificateOIDCIssuer ?? "")
    }

    /// The success line's description of who signed, when: `signed 2025-… by IDENTITY via ISSUER`.
    static func describe(_ result: VerificationResult) -> String {
        var line =
            result.signingTime.map {
                "signed \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval($0))))"
            } ?? "signed at an unknown time (no transparency-log entry)"
        if let identity = result.identity {
            line += " by \(identity.subjectAlternativeNames.joined(separator: ", "))"
            line += " via \(identity.oidcIssuer ?? "no issuer")"
        }
        if let predicateType = result.predicateType { line += ", in-toto predicate \(predicateType)" }
        return line
    }

    /// Reads and parses a file; unreadable or malformed is exit code 3, naming the file.
    static func read<Value>(_ path: String, what: String, parse: ([UInt8]) throws(SupplyChainError) -> Value) throws
        -> Value
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(.target, "cannot read the \(what) \(path)")
        }
        do {
            return try parse(Array(data))
        } catch {
            // Errors located in a JSON field name the document ("bundle.…"); others name the file already.
            let named = error.location == path ? "\(error)" : "\(path): \(error)"
            throw CommandFailure(.target, named)
        }
    }
}
