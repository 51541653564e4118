import ArgumentParser
import DrydockSupplyChain
import Foundation

/// `drydock sigstore`: Sigstore verification commands.
struct SigstoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigstore",
        abstract: "Verify Sigstore bundles and cosign image signatures (keyless certificates or keys).",
        subcommands: [VerifyBundle.self, VerifyImage.self])

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

        @OptionGroup var verification: SigstoreVerificationOptions

        @Argument(help: ArgumentHelp("The artifact file, or its digest as sha256:HEX.", valueName: "FILE_OR_DIGEST"))
        var fileOrDigest: String

        func run() async throws {
            let parsed = try SigstoreVerificationOptions.read(bundle, what: "bundle") {
                bytes throws(SupplyChainError) in try SigstoreBundle.parse(bytes)
            }
            let root = try verification.loadTrustedRoot()
            let policy = try verification.loadPolicy()
            let artifact = try artifactArgument()
            do {
                let result = try await BundleVerifier(trustedRoot: root).verify(
                    parsed, artifact: artifact, policy: policy)
                print("OK: \(bundle) verified (\(SigstoreVerificationOptions.describe(result)))")
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
    }
}
