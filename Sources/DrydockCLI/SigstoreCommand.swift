import ArgumentParser
import DrydockSupplyChain
import Foundation

/// `drydock sigstore`: Sigstore verification commands.
struct SigstoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigstore",
        abstract: "Verify Sigstore bundles offline (keyless certificates or keys, transparency-log proofs).",
        subcommands: [VerifyBundle.self])

    /// `drydock sigstore verify-bundle`, with the Sigstore conformance suite's client protocol arguments.
    struct VerifyBundle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-bundle",
            abstract: "Verify a Sigstore bundle for an artifact file or a sha256: digest.",
            discussion: """
                Keyless: --certificate-identity and --certificate-oidc-issuer (both exact) must match the signing \
                certificate. Key-based: --key names a PEM public key (ECDSA P-256/P-384, Ed25519, RSA). The \
                arguments are the Sigstore conformance suite's client protocol, so the suite can run this command \
                directly. Everything is checked offline against the trusted root (the public-good instance's \
                by default). Exit codes: 0 verified; 1 verification failed (the reason is printed); 2 usage \
                error; 3 the bundle, trusted root, key or artifact cannot be read, or the bundle version is \
                unknown. See docs/supply-chain.md.
                """)

        @Option(name: .customLong("bundle"), help: ArgumentHelp("The Sigstore bundle to verify.", valueName: "FILE"))
        var bundle: String

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
            help: ArgumentHelp(
                "A trusted_root.json to use instead of the built-in public-good root.", valueName: "FILE"))
        var trustedRoot: String?

        @Flag(name: .customLong("staging"), help: "Use the Sigstore staging instance's built-in trusted root.")
        var staging = false

        @Argument(help: ArgumentHelp("The artifact file, or its digest as sha256:HEX.", valueName: "FILE_OR_DIGEST"))
        var fileOrDigest: String

        func validate() throws {
            switch (key, certificateIdentity, certificateOIDCIssuer) {
            case (nil, .some, .some), (.some, nil, nil): return
            case (.some, _, _):
                throw ValidationError(
                    "--key cannot be combined with --certificate-identity or --certificate-oidc-issuer")
            default:
                throw ValidationError(
                    "give --certificate-identity and --certificate-oidc-issuer (keyless) or --key (key-based)")
            }
        }

        func run() async throws {
            let parsed = try read(bundle, what: "bundle") { bytes throws(SupplyChainError) in
                try SigstoreBundle.parse(bytes)
            }
            let root: TrustedRoot
            if let trustedRoot {
                root = try read(trustedRoot, what: "trusted root") { bytes throws(SupplyChainError) in
                    try TrustedRoot.parse(bytes, source: trustedRoot)
                }
            } else {
                do {
                    root = try staging ? TrustedRoot.staging : TrustedRoot.publicGood
                } catch {
                    throw CommandFailure(.target, "the built-in trusted root cannot be read: \(error)")
                }
            }
            let policy: VerificationPolicy
            if let key {
                policy = .key(
                    try read(key, what: "key") { bytes throws(SupplyChainError) in
                        try VerificationKey(pemOrDER: bytes, source: key)
                    })
            } else {
                policy = .identity(
                    subjectAlternativeName: certificateIdentity ?? "", oidcIssuer: certificateOIDCIssuer ?? "")
            }
            let artifact = try artifactArgument()
            do {
                let result = try await BundleVerifier(trustedRoot: root).verify(
                    parsed, artifact: artifact, policy: policy)
                let time = Date(timeIntervalSince1970: TimeInterval(result.signingTime))
                var line = "OK: \(bundle) verified (signed \(ISO8601DateFormatter().string(from: time))"
                if let identity = result.identity {
                    line += " by \(identity.subjectAlternativeNames.joined(separator: ", "))"
                    line += " via \(identity.oidcIssuer ?? "no issuer")"
                }
                if let predicateType = result.predicateType { line += ", in-toto predicate \(predicateType)" }
                print(line + ")")
            } catch {
                if error.code == .verificationFailed {
                    Console.error("drydock: verification failed: \(bundle): \(error)")
                    throw ExitCode(1)
                }
                throw CommandFailure(.target, "\(bundle): \(error)")
            }
        }

        /// The conformance protocol's FILE_OR_DIGEST: a `sha256:` digest unless that names a file.
        private func artifactArgument() throws -> VerificationArtifact {
            if !FileManager.default.fileExists(atPath: fileOrDigest),
                let digest = VerificationArtifact.digest(fromArgument: fileOrDigest)
            {
                return digest
            }
            guard let data = FileManager.default.contents(atPath: fileOrDigest) else {
                throw CommandFailure(.target, "cannot read the artifact \(fileOrDigest)")
            }
            return .bytes(Array(data))
        }

        private func read<Value>(
            _ path: String, what: String, parse: ([UInt8]) throws(SupplyChainError) -> Value
        ) throws -> Value {
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
}
