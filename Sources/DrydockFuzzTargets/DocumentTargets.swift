import DrydockAdmission
import DrydockLicenses
import DrydockNetwork
import DrydockPolicy
import DrydockReport
import DrydockSBOM
import DrydockSecrets
import DrydockSupplyChain
import DrydockVersions

/// Targets for the documents users and registries hand Drydock: SBOMs, VEX, saved reports, policy and ignore
/// files, secret and admission configuration, AdmissionReview bodies, Sigstore material, registry settings,
/// version strings and license expressions.
enum DocumentTargets {
    static let all: [FuzzTarget] = [
        sbom, vex, report, policy, policyException, ignore, secretConfig, admissionReview, admissionConfig,
        clusterInventory, sigstoreBundle, trustedRoot, simpleSigning, cosignManifest, inTotoStatement, rfc3161,
        checkpoint, dockerConfig, registryConfig, imageReference, authChallenge, versions, licenseExpression,
    ]

    /// CycloneDX and SPDX JSON SBOMs (`drydock sbom`).
    static let sbom = FuzzTarget(
        "sbom", "CycloneDX and SPDX JSON SBOMs", seeds: ["**/*.cdx.json", "**/*.spdx.json", "**/*bom*.json"]
    ) { bytes in
        FuzzOutcome.of {
            let result = try SBOMReader.read(bytes, path: "sbom.json")
            return
                "\(result.format), \(counted(result.inventory.targets.reduce(0) { $0 + $1.packages.count }, "package"))"
        }
    }

    /// OpenVEX, CycloneDX VEX and CSAF VEX documents (`--vex`).
    static let vex = FuzzTarget("vex", "OpenVEX, CycloneDX and CSAF VEX documents", seeds: ["**/*vex*.json"]) {
        bytes in
        FuzzOutcome.of {
            let document = try VEXReader.read(bytes, path: "vex.json")
            return "\(document.format), \(counted(document.statements.count, "statement"))"
        }
    }

    /// Saved JSON reports, Drydock's and Trivy's (`convert`, `--baseline`, `policy diff`).
    static let report = FuzzTarget("report", "saved Trivy and Drydock JSON reports") { bytes in
        FuzzOutcome.of {
            let report = try TrivyJSONReportReader.read(bytes, path: "report.json")
            return counted(report.targets.count, "target")
        }
    }

    /// Policy files (`--policy`).
    static let policy = FuzzTarget("policy", "policy files (YAML)") { bytes in
        FuzzOutcome.of { counted(try PolicyParser.parse(bytes, path: "policy.yaml").rules.count, "rule") }
    }

    /// Policy exception files.
    static let policyException = FuzzTarget("policy-exception", "policy exception files (YAML)") { bytes in
        FuzzOutcome.of {
            _ = try PolicyParser.parseException(bytes, path: "exception.yaml")
            return "an exception"
        }
    }

    /// `.trivyignore` and `.trivyignore.yaml`, told apart by content.
    static let ignore = FuzzTarget("ignore", ".trivyignore and .trivyignore.yaml files") { bytes in
        let plain = FuzzOutcome.of { counted(try IgnoreFile.parse(bytes, path: ".trivyignore").entries.count, "entry") }
        let yaml = FuzzOutcome.of {
            counted(try IgnoreFile.parse(bytes, path: ".trivyignore.yaml").entries.count, "entry")
        }
        return .parsed("plain \(plain); yaml \(yaml)")
    }

    /// `trivy-secret.yaml` rule configuration.
    static let secretConfig = FuzzTarget("secret-config", "secret rule configuration (trivy-secret.yaml)") { bytes in
        FuzzOutcome.of {
            _ = try SecretConfigParser.parse(bytes, path: "trivy-secret.yaml")
            return "a configuration"
        }
    }

    /// AdmissionReview request bodies (the webhook's input).
    static let admissionReview = FuzzTarget("admission-review", "Kubernetes AdmissionReview request bodies") {
        bytes in
        FuzzOutcome.of {
            let review = try AdmissionReviewRequest.decode(bytes)
            return "\(review.request.operation) \(review.request.kind.kind)"
        }
    }

    /// The admission controller's configuration file.
    static let admissionConfig = FuzzTarget("admission-config", "admission controller configuration (YAML)") {
        bytes in
        FuzzOutcome.of {
            _ = try AdmissionConfigurationParser.parse(bytes, path: "admission.yaml")
            return "a configuration"
        }
    }

    /// A cluster inventory (`kubectl get -o json` lists) read by `drydock k8s`.
    static let clusterInventory = FuzzTarget("cluster-inventory", "kubectl JSON lists read by drydock k8s") { bytes in
        FuzzOutcome.of { counted(try ClusterInventory.parse(bytes, path: "cluster.json").images.count, "image") }
    }

    /// Sigstore bundles (v0.1 to v0.3).
    static let sigstoreBundle = FuzzTarget("sigstore-bundle", "Sigstore bundles", seeds: ["**/*.sigstore.json"]) {
        bytes in
        FuzzOutcome.of {
            let bundle = try SigstoreBundle.parse(bytes)
            return "bundle \(bundle.mediaType)"
        }
    }

    /// Sigstore trusted roots.
    static let trustedRoot = FuzzTarget("trusted-root", "Sigstore trusted_root.json") { bytes in
        FuzzOutcome.of {
            _ = try TrustedRoot.parse(bytes)
            return "a trusted root"
        }
    }

    /// Cosign simple-signing payloads.
    static let simpleSigning = FuzzTarget("simple-signing", "cosign simple-signing payloads") { bytes in
        FuzzOutcome.of {
            _ = try SimpleSigningPayload.parse(bytes, source: "payload")
            return "a payload"
        }
    }

    /// Cosign signature manifests (`sha256-….sig`) and the annotations of their layers.
    static let cosignManifest = FuzzTarget("cosign-manifest", "cosign signature manifests") { bytes in
        FuzzOutcome.of { counted(try CosignSignatureManifest.layers(bytes, source: "manifest").count, "layer") }
    }

    /// In-toto statements (`drydock attest`'s, cosign's) and the SBOM inside an SBOM predicate.
    static let inTotoStatement = FuzzTarget(
        "in-toto-statement", "in-toto statements and their SBOM predicates", seeds: ["**/*.intoto.json"]
    ) { bytes in
        FuzzOutcome.of {
            let statement = try AttestationStatement.parse(bytes, source: "statement")
            let sbom = try statement.sbomDocument()
            return "a \(statement.kind) statement of \(sbom?.count ?? 0) SBOM bytes"
        }
    }

    /// RFC 3161 timestamp responses (DER).
    static let rfc3161 = FuzzTarget("rfc3161", "RFC 3161 timestamp tokens (DER)") { bytes in
        FuzzOutcome.of {
            _ = try RFC3161Timestamp.parse(bytes)
            return "a timestamp"
        }
    }

    /// Transparency-log signed checkpoints (notes).
    static let checkpoint = FuzzTarget("checkpoint", "transparency-log signed checkpoints") { bytes in
        FuzzOutcome.of {
            _ = try SignedCheckpoint.parse(String(decoding: bytes, as: UTF8.self))
            return "a checkpoint"
        }
    }

    /// Docker's `config.json` (credentials, helpers).
    static let dockerConfig = FuzzTarget("docker-config", "Docker config.json (auths, credential helpers)") { bytes in
        FuzzOutcome.of { counted(try DockerConfig.parse(bytes, location: "config.json").auths.count, "auth") }
    }

    /// Drydock's registry configuration (mirrors, insecure registries).
    static let registryConfig = FuzzTarget("registry-config", "registry configuration (mirrors, TLS)") { bytes in
        FuzzOutcome.of {
            _ = try RegistryConfiguration.parse(bytes, location: "registries.yaml")
            return "a configuration"
        }
    }

    /// Image references, one per line (`registry/repo:tag@digest`).
    static let imageReference = FuzzTarget("image-reference", "image references, one per line") { bytes in
        let outcomes = lines(bytes).map { line in FuzzOutcome.of { try ImageReference.parse(line).description } }
        return .parsed(counted(outcomes.count, "reference"))
    }

    /// `WWW-Authenticate` headers, one per line.
    static let authChallenge = FuzzTarget("auth-challenge", "WWW-Authenticate headers, one per line") { bytes in
        let outcomes = lines(bytes).map { line in FuzzOutcome.of { counted(try AuthChallenge.parse(line).count, "") } }
        return .parsed(counted(outcomes.count, "header"))
    }

    /// Version strings of every scheme: the first byte picks the scheme, then each line is `A B` (compared) and
    /// each pair of lines is a version and a constraint (`satisfies`).
    static let versions = FuzzTarget("versions", "versions and constraints of every scheme") { bytes in
        guard let first = bytes.first else { return .rejected("empty input") }
        let schemes = VersionScheme.allCases
        let scheme = schemes[Int(first) % schemes.count]
        let rest = Array(bytes.dropFirst())
        let batch = VersionQuery.compareBatch(rest, scheme: scheme)
        let text = lines(rest)
        var satisfied = 0
        for (version, constraint) in zip(text, text.dropFirst())
        where (try? scheme.satisfies(version, constraint: constraint)) == true {
            satisfied += 1
        }
        return .parsed("\(scheme.rawValue): \(counted(batch.errors.count, "error")), \(satisfied) satisfied")
    }

    /// SPDX license expressions, one per line.
    static let licenseExpression = FuzzTarget("license-expression", "SPDX license expressions, one per line") {
        bytes in
        .parsed(counted(lines(bytes).compactMap(LicenseExpressionParser.parse).count, "expression"))
    }

    static func lines(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n")).prefix(1000).map { String(decoding: $0, as: UTF8.self) }
    }
}
