extension TrivyFlag {
    /// Every flag and config-only key of Trivy's `image`, `fs`, `rootfs`, `sbom`, `config` and `clean` commands
    /// (Trivy's `pkg/flag/*.go`), with Drydock's support for each.
    static let all: [TrivyFlag] = global + cacheAndDB + image + scanning + report + misconfiguration + clean

    private static let global: [TrivyFlag] = [
        TrivyFlag("config", "config", .global, short: "c", .same),
        TrivyFlag(
            "version", "version", .global, short: "v",
            .unsupported("run `drydock --version`: the version is a flag of the root command only")),
        TrivyFlag("quiet", "quiet", .global, short: "q", .same),
        TrivyFlag("debug", "debug", .global, short: "d", .same),
        TrivyFlag("insecure", "insecure", .global, .same),
        TrivyFlag("cacert", "cacert", .global, .same),
        TrivyFlag(
            "timeout", "timeout", .global,
            .different("same default (5m0s); when it runs out Drydock exits with code 5, not as a failed gate")),
        TrivyFlag("cache-dir", "cache.dir", .global, .same),
        TrivyFlag(
            "generate-default-config", "generate-default-config", .global,
            .unsupported("every key is listed in docs/configuration.md; write drydock.yaml from there")),
    ]

    private static let cacheAndDB: [TrivyFlag] = [
        TrivyFlag(
            "clear-cache", "cache.clear", .cache,
            .different("removes the layer cache and exits without scanning, as Trivy's removed flag did")),
        TrivyFlag(
            "cache-backend", "cache.backend", .cache,
            .different("`fs` (the default) is the local layer cache; `memory` means --no-cache; redis is not supported")
        ),
        TrivyFlag(
            "cache-ttl", "cache.ttl", .cache,
            .unsupported("the layer cache is bounded by size, not age: use --cache-max-size")),
        TrivyFlag(
            "redis-tls", "cache.redis.tls", .cache,
            .unsupported("no redis cache: share the local cache with --cache-dir on a shared volume")),
        TrivyFlag(
            "redis-ca", "cache.redis.ca", .cache,
            .unsupported("no redis cache: share the local cache with --cache-dir on a shared volume")),
        TrivyFlag(
            "redis-cert", "cache.redis.cert", .cache,
            .unsupported("no redis cache: share the local cache with --cache-dir on a shared volume")),
        TrivyFlag(
            "redis-key", "cache.redis.key", .cache,
            .unsupported("no redis cache: share the local cache with --cache-dir on a shared volume")),
        TrivyFlag("download-db-only", "db.download-only", .db, .same),
        TrivyFlag("skip-db-update", "db.skip-update", .db, aliases: [("skip-update", nil)], .same),
        TrivyFlag(
            "download-java-db-only", "db.download-java-only", .db,
            .noEffect("Drydock has no separate Java index DB; jars are identified from their own metadata")),
        TrivyFlag(
            "skip-java-db-update", "db.java-skip-update", .db,
            .noEffect("Drydock has no separate Java index DB; jars are identified from their own metadata")),
        TrivyFlag("no-progress", "db.no-progress", .db, .same),
        TrivyFlag(
            "db-repository", "db.repository", .db,
            .different("takes Drydock DB artifacts (`drydock db push`), not trivy-db; same fallback order")),
        TrivyFlag(
            "java-db-repository", "db.java-repository", .db,
            .noEffect("Drydock has no separate Java index DB; jars are identified from their own metadata")),
        TrivyFlag("light", "db.light", .db, .noEffect("deprecated in Trivy, where it also has no effect")),
    ]

    private static let image: [TrivyFlag] = [
        TrivyFlag(
            "image-config-scanners", "image.image-config-scanners", .image,
            .different(
                "takes `misconfig` and `secret`; without the flag the image configuration is checked for what "
                    + "--scanners has of those (Trivy: never)")),
        TrivyFlag(
            "removed-pkgs", "image.removed-pkgs", .image,
            .unsupported("packages removed in a later layer are not in the image; Drydock reports what ships")),
        TrivyFlag("input", "image.input", .image, .same),
        TrivyFlag("platform", "image.platform", .image, .different("also takes `all` to scan every platform")),
        TrivyFlag("docker-host", "image.docker.host", .image, .same),
        TrivyFlag("podman-host", "image.podman.host", .image, .same),
        TrivyFlag("image-src", "image.source", .image, .same),
        TrivyFlag(
            "max-image-size", "image.max-size", .image,
            .unsupported("use --max-layer-size and --max-compression-ratio, which bound each layer as it streams")),
        TrivyFlag(
            nil, "registry.mirrors", .registry, .different("mirrors are read from --registry-config (registries.json)")),
        TrivyFlag(
            "username", "registry.username", .registry,
            .different("one user name per run; for several registries use docker's config.json or credential helpers")
        ),
        TrivyFlag(
            "password", "registry.password", .registry,
            .different("one password per run; for several registries use docker's config.json or credential helpers")),
        TrivyFlag("password-stdin", "registry.password-stdin", .registry, .same),
        TrivyFlag("registry-token", "registry.token", .registry, .same),
        TrivyFlag(
            "token", "server.token", .client,
            .different("sent as `Authorization: Bearer TOKEN` (default: $DRYDOCK_SERVER_TOKEN), not in Trivy-Token")),
        TrivyFlag(
            "token-header", "server.token-header", .client,
            .unsupported(
                "drydock server takes the token as a bearer token (Authorization), so there is no header to name")),
        TrivyFlag(
            "server", "server.addr", .client,
            .different("the server is `drydock server` (docs/server.md); Trivy's server protocol is not spoken")),
        TrivyFlag(
            "custom-headers", "server.custom-headers", .client,
            .planned("a proxy in front of drydock server can add headers")),
        TrivyFlag(
            "module-dir", "module.dir", .module, .unsupported("Drydock has no Wasm modules; it is one static binary")),
        TrivyFlag(
            "enable-modules", "module.enable-modules", .module,
            .unsupported("Drydock has no Wasm modules; it is one static binary")),
    ]

    private static let scanning: [TrivyFlag] =
        [
            TrivyFlag("skip-dirs", "scan.skip-dirs", .scan, .same),
            TrivyFlag("skip-files", "scan.skip-files", .scan, .same),
            TrivyFlag(
                "offline-scan", "scan.offline", .scan,
                .noEffect("Drydock never asks package registries to identify dependencies; --offline goes further")),
            TrivyFlag(
                "scanners", "scan.scanners", .scan, aliases: [("security-checks", "scan.security-checks")], .same),
            TrivyFlag("file-patterns", "scan.file-patterns", .scan, .same),
            TrivyFlag("slow", "scan.slow", .scan, .different("deprecated in Trivy; means --parallel 1")),
            TrivyFlag("parallel", "scan.parallel", .scan, .same),
            TrivyFlag(
                "sbom-sources", "scan.sbom-sources", .scan,
                .different(
                    "`oci` (alias `attestation`) on `drydock image` reads the image's cosign SBOM attestation "
                        + "instead of its layers, only when its signature verifies for a signer you name (--key, "
                        + "--certificate-identity[-regexp] with --certificate-oidc-issuer[-regexp], or the policy's); "
                        + "Trivy reads unsigned OCI referrers; `rekor` is not supported (warning); layers are "
                        + "analysed when none verifies, as in Trivy")),
            TrivyFlag(
                "rekor-url", "scan.rekor-url", .scan,
                .noEffect("Drydock does not search Rekor for SBOMs (see --sbom-sources)")),
            TrivyFlag("detection-priority", "scan.detection-priority", .scan, .same),
            TrivyFlag(
                "distro", "scan.distro", .scan,
                .unsupported("Drydock detects the distribution from the image; report a misdetection as a bug")),
            TrivyFlag(
                "skip-version-check", "scan.skip-version-check", .scan, .noEffect("Drydock never checks for updates")),
            TrivyFlag("disable-telemetry", "scan.disable-telemetry", .scan, .noEffect("Drydock sends no telemetry")),
            TrivyFlag(nil, "scan.maven.mirrors", .scan, .noEffect("Drydock never queries Maven repositories")),
            TrivyFlag("include-dev-deps", "pkg.include-dev-deps", .package, .same),
            TrivyFlag("pkg-types", "pkg.types", .package, aliases: [("vuln-type", "vulnerability.type")], .same),
            TrivyFlag("pkg-relationships", "pkg.relationships", .package, .same),
            TrivyFlag("ignore-unfixed", "vulnerability.ignore-unfixed", .vulnerability, .same),
            TrivyFlag("ignore-status", "vulnerability.ignore-status", .vulnerability, .same),
            TrivyFlag(
                "vex", "vulnerability.vex", .vulnerability,
                .different(
                    "OpenVEX, CycloneDX VEX and CSAF files; `oci` applies the image's OpenVEX attestations only when "
                        + "signed by a trusted signer (`--key`, `--certificate-identity…`; Trivy verifies no "
                        + "signature), a warning rather than an error off a registry image; Trivy's `repo` and "
                        + "`sbom-ref` sources are not read")),
            TrivyFlag(
                "skip-vex-repo-update", "vulnerability.skip-vex-repo-update", .vulnerability,
                .noEffect("Drydock reads VEX documents only from --vex files")),
            TrivyFlag(
                "vuln-severity-source", "vulnerability.severity-source", .vulnerability,
                .unsupported("Drydock chooses severities by a documented precedence (docs/database.md)")),
            TrivyFlag(
                "secret-config", "secret.config", .secret,
                .different(
                    "same file format and default (./trivy-secret.yaml); a malformed file or a missing --secret-config "
                        + "file is a usage error, where Trivy warns and scans on")),
            TrivyFlag("license-full", "license.full", .license, .same),
            TrivyFlag("ignored-licenses", "license.ignored", .license, .same),
            TrivyFlag("license-confidence-level", "license.confidenceLevel", .license, .same),
        ]
        + ["forbidden", "restricted", "reciprocal", "notice", "permissive", "unencumbered"].map {
            TrivyFlag(
                nil, "license.\($0)", .license, .different("also a flag: `--license-\($0)` (replaces Trivy's list)"))
        }

    private static let report: [TrivyFlag] = [
        TrivyFlag(
            "format", "format", .report, short: "f",
            .different(
                "table, json, sarif, cyclonedx, spdx-json, cosign-vuln, junit, gitlab, html and template; Trivy's "
                    + "`spdx` (tag-value) and `github` are refused with a message")),
        TrivyFlag(
            "report", "report", .report,
            .unsupported("compliance summaries are not supported; use --format table or json")),
        TrivyFlag(
            "template", "template", .report, short: "t",
            .different("Mustache templates, not Go templates; contrib/ holds Trivy's examples rewritten")),
        TrivyFlag("dependency-tree", "dependency-tree", .report, .same),
        TrivyFlag(
            "list-all-pkgs", "list-all-pkgs", .report,
            .different("off by default, as in Trivy before 0.55; give it to list every package")),
        TrivyFlag(
            "ignorefile", "ignorefile", .report,
            .different(
                ".trivyignore and .trivyignore.yaml as Trivy reads them; a malformed file is an error, not a pass")),
        TrivyFlag(
            "ignore-policy", "ignore-policy", .report,
            .unsupported(
                "Rego is not supported; write the same rules as a Drydock policy (--policy FILE, docs/policy.md)")),
        TrivyFlag("exit-code", "exit-code", .report, .different("may not be 2, 3, 4 or 5, which mean tool errors")),
        TrivyFlag(
            "exit-on-eol", "exit-on-eol", .report, .same),
        TrivyFlag("output", "output", .report, short: "o", .same),
        TrivyFlag(
            "output-plugin-arg", "output-plugin-arg", .report, .unsupported("Drydock has no output plugins")),
        TrivyFlag(
            "severity", "severity", .report, short: "s",
            .different("applies to every finding; with --policy the policy decides")),
        TrivyFlag(
            "compliance", "scan.compliance", .report, .unsupported("compliance reports are not supported")),
        TrivyFlag("show-suppressed", "scan.show-suppressed", .report, .same),
        TrivyFlag("table-mode", "table-mode", .report, .same),
    ]

    private static let misconfiguration: [TrivyFlag] =
        [
            TrivyFlag("include-non-failures", "misconfiguration.include-non-failures", .misconfiguration, .same),
            TrivyFlag(
                "misconfig-scanners", "misconfiguration.scanners", .misconfiguration,
                .different(
                    "Drydock reads `dockerfile`, `kubernetes`, `helm` (`helm template` output), `terraform`, "
                        + "`terraformplan-json` and `cloudformation`; Trivy's other names are accepted and a note says "
                        + "no such file was checked")),
            TrivyFlag("tf-vars", "misconfiguration.terraform.vars", .misconfiguration, .same),
            TrivyFlag("cf-params", "misconfiguration.cloudformation.params", .misconfiguration, .same),
            TrivyFlag(
                "k8s-version", "kubernetes.k8s-version", .misconfiguration,
                .different("Trivy takes it on `config` (and `k8s`); Drydock on `config`, `image`, `fs` and `rootfs`")),
        ]
        + helmFlags.map {
            TrivyFlag(
                $0, misconfigurationKeys[$0] ?? "misconfiguration.\($0)", .misconfiguration,
                .unsupported("Drydock does not render charts: pipe `helm template` output into `drydock config -`"))
        }
        + [
            TrivyFlag(
                "tf-exclude-downloaded-modules", "misconfiguration.terraform.exclude-downloaded-modules",
                .misconfiguration, .same),
            TrivyFlag(
                "raw-config-scanners", "misconfiguration.raw-config-scanners", .misconfiguration,
                .planned("raw (unadapted) Terraform and CloudFormation are read by custom checks only")),
        ]
        + [
            TrivyFlag(
                "checks-bundle-repository", "misconfiguration.checks-bundle-repository", .misconfiguration,
                aliases: [("policy-bundle-repository", "misconfiguration.policy-bundle-repository")],
                .unsupported("Drydock's checks are built in; there is no bundle to pull")),
            TrivyFlag(
                "config-file-schemas", "misconfiguration.config-file-schemas", .misconfiguration,
                .unsupported("JSON-schema-selected files are for Rego checks, which Drydock does not run")),
            TrivyFlag(
                "render-cause", "misconfiguration.render-cause", .misconfiguration,
                .unsupported(
                    "a finding's CauseMetadata holds the lines at fault as written; evaluated causes are not rendered")),
            TrivyFlag(
                "include-deprecated-checks", "rego.include-deprecated-checks", .rego, .same),
            TrivyFlag(
                "skip-check-update", "rego.skip-check-update", .rego,
                aliases: [("skip-policy-update", "rego.skip-policy-update")],
                .noEffect("Drydock's checks are built in; there is no bundle to update")),
            TrivyFlag(
                "trace-rego", "rego.trace", .rego, aliases: [("trace", nil)], .unsupported("Rego is not supported")),
            TrivyFlag(
                "config-check", "rego.check", .rego, aliases: [("policy", nil), ("config-policy", nil)],
                .different(
                    "custom checks are YAML in checkov's policy form, not Rego (docs/misconfig.md); `--policy` is "
                        + "Drydock's policy file, `--config-policy` the older name of this flag")),
            TrivyFlag(
                "config-data", "rego.data", .rego, aliases: [("data", nil)],
                .different(
                    "data files for the built-in checks in Trivy's shape (`ds031.included_envs`, "
                        + "`ksv0125.trusted_registries`)")),
            TrivyFlag(
                "check-namespaces", "rego.namespaces", .rego,
                aliases: [("namespaces", nil), ("policy-namespaces", nil)],
                .unsupported("Rego is not supported")),
            TrivyFlag("rego-error-limit", "rego.error-limit", .rego, .unsupported("Rego is not supported")),
        ]

    /// Trivy's chart rendering flags.
    private static let helmFlags = [
        "helm-values", "helm-set", "helm-set-file", "helm-set-string", "helm-api-versions", "helm-kube-version",
    ]

    private static let misconfigurationKeys: [String: String] = [
        "helm-values": "misconfiguration.helm.values", "helm-set": "misconfiguration.helm.set",
        "helm-set-file": "misconfiguration.helm.set-file", "helm-set-string": "misconfiguration.helm.set-string",
        "helm-api-versions": "misconfiguration.helm.api-versions",
        "helm-kube-version": "misconfiguration.helm.kube-version", "tf-vars": "misconfiguration.terraform.vars",
        "cf-params": "misconfiguration.cloudformation.params",
        "tf-exclude-downloaded-modules": "misconfiguration.terraform.exclude-downloaded-modules",
        "misconfig-scanners": "misconfiguration.scanners",
    ]

    private static let clean: [TrivyFlag] = [
        TrivyFlag("all", "clean.all", .clean, short: "a", .same),
        TrivyFlag("scan-cache", "clean.scan-cache", .clean, .different("removes Drydock's layer cache (also --cache)")),
        TrivyFlag("vuln-db", "clean.vuln-db", .clean, .same),
        TrivyFlag("java-db", "clean.java-db", .clean, .noEffect("Drydock has no separate Java index DB")),
        TrivyFlag("checks-bundle", "clean.checks-bundle", .clean, .noEffect("Drydock's checks are built in")),
        TrivyFlag("vex-repo", "clean.vex-repo", .clean, .noEffect("Drydock keeps no VEX repositories")),
    ]
}
