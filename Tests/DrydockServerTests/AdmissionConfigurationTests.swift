import DrydockAdmission
import DrydockModel
import DrydockTestSupport
import Foundation
import Testing

/// The admission configuration file and the examples in `docs/admission.md`.
@Suite("Admission configuration")
struct AdmissionConfigurationTests {
    /// The fenced YAML blocks of `docs/admission.md`.
    static func yamlBlocks() throws -> [String] {
        let text = try String(
            contentsOf: PackagePaths.root.appendingPathComponent("docs/admission.md"), encoding: .utf8)
        return text.matches(of: #/```yaml\n((?s).*?)```/#).map { String($0.1) }
    }

    static func parse(_ text: String) throws(AdmissionConfigurationError) -> AdmissionConfiguration {
        try AdmissionConfigurationParser.parse(Array(text.utf8), path: "admission.yaml")
    }

    @Test("the documented example reads as documented")
    func documentedExample() throws {
        let example = try #require(try Self.yamlBlocks().first { $0.contains("apiVersion: drydock.dev/admission/v1") })
        let configuration = try Self.parse(example)
        #expect(configuration.mode == .enforce)
        #expect(configuration.failurePolicy == .closed)
        #expect(configuration.timeBudget == .milliseconds(500))
        #expect(configuration.maxScanAge == TimeInterval(7 * 86_400))
        #expect(configuration.requireDigest)
        #expect(configuration.allowedRegistries == ["registry.example", "ghcr.io/acme"])
        #expect(configuration.platforms == ImagePlatform.defaults && configuration.platformsConfigured)
        #expect(configuration.signatureCacheTTL == 300 && configuration.signatureFailureCacheTTL == 30)
        #expect(configuration.tagCacheTTL == 10)
        #expect(configuration.gateSeverities == [.critical, .high])
        #expect(configuration.ignoreUnfixed)
        #expect(!configuration.selects(namespace: "kube-system"))
        #expect(configuration.selects(namespace: "shop"))
        #expect(configuration.settings(for: "dev-alice") == (.audit, .open))
        #expect(configuration.settings(for: "shop") == (.enforce, .closed))
        #expect(!configuration.objectSelector.matches(["drydock.dev/admission": "disabled"]))
        #expect(configuration.objectSelector.matches([:]))
        let exemption = try #require(configuration.exemptions.first)
        #expect(exemption.owner == "data-platform@example.com")
        #expect(exemption.rules == [.gate, .scanAge])
        #expect(exemption.covers(.gate, image: "registry.example/legacy/etl:3", namespace: "batch"))
        #expect(!exemption.covers(.digest, image: "registry.example/legacy/etl:3", namespace: "batch"))
        #expect(!exemption.covers(.gate, image: "registry.example/legacy/etl:3", namespace: "shop"))
    }

    @Test("mistakes are errors naming the file and the field")
    func errors() {
        let cases: [(String, String)] = [
            ("mode: enforce\n", "apiVersion is required"),
            ("apiVersion: drydock.dev/admission/v2\n", "expected drydock.dev/admission/v1"),
            ("apiVersion: drydock.dev/admission/v1\nmdoe: audit\n", "unknown key 'mdoe'"),
            (
                "apiVersion: drydock.dev/admission/v1\nimages:\n  requireDigets: true\n",
                "images: unknown key 'requireDigets'"
            ),
            ("apiVersion: drydock.dev/admission/v1\nmode: block\n", "mode"),
            ("apiVersion: drydock.dev/admission/v1\nimages:\n  maxScanAge: 7 days\n", "images.maxScanAge '7 days'"),
            ("apiVersion: drydock.dev/admission/v1\ntimeBudget: 0ms\n", "timeBudget must be above 0"),
            (
                "apiVersion: drydock.dev/admission/v1\nimages:\n  platforms: [linux]\n",
                "images.platforms: 'linux' is not a platform"
            ),
            (
                "apiVersion: drydock.dev/admission/v1\nimages:\n  platforms: [linux/amd64, linux/amd64]\n",
                "'linux/amd64' is given twice"
            ),
            (
                "apiVersion: drydock.dev/admission/v1\nsignatureCacheTTL: 2d\n",
                "signatureCacheTTL '2d' is longer than 1d"
            ),
            ("apiVersion: drydock.dev/admission/v1\ntagCacheTTL: 2h\n", "tagCacheTTL '2h' is longer than 1h"),
            (
                "apiVersion: drydock.dev/admission/v1\nsignatureFailureCacheTTL: soon\n",
                "signatureFailureCacheTTL 'soon'"
            ),
            ("apiVersion: drydock.dev/admission/v1\ngate:\n  severities: [SEVERE]\n", "'SEVERE' is not a severity"),
            (
                "apiVersion: drydock.dev/admission/v1\nexemptions:\n  - id: x\n    expires: 2030-01-01\n",
                "owner is required"
            ),
            ("apiVersion: drydock.dev/admission/v1\nexemptions:\n  - id: x\n    owner: me\n", "expires is required"),
            (
                "apiVersion: drydock.dev/admission/v1\nexemptions:\n  - id: x\n    owner: me\n    expires: soon\n",
                "'soon' is not a date"
            ),
            (
                "apiVersion: drydock.dev/admission/v1\nexemptions:\n  - id: x\n    owner: me\n    expires: 2030-01-01\n    rules: [gates]\n",
                "rule 'gates' is unknown"
            ),
            (
                "apiVersion: drydock.dev/admission/v1\nobjectSelector:\n  matchExpressions:\n    - {key: a, operator: In}\n",
                "In needs values"
            ),
            ("apiVersion: drydock.dev/admission/v1\nauthentication: mtls\n", "expected token or none"),
            ("apiVersion: [", "invalid YAML"),
        ]
        for (text, reason) in cases {
            do {
                _ = try Self.parse(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.description.hasPrefix("admission config admission.yaml: "), "\(error)")
                #expect(error.description.contains(reason), "\(text): \(error)")
            }
        }
    }

    @Test("platforms and cache lifetimes: defaults, and what the file sets")
    func platformsAndCacheLifetimes() throws {
        let defaults = try Self.parse("apiVersion: drydock.dev/admission/v1\n")
        #expect(defaults.platforms.map(\.description) == ["linux/amd64", "linux/arm64"])
        #expect(!defaults.platformsConfigured)
        #expect(
            defaults.signatureCacheTTL == 300 && defaults.signatureFailureCacheTTL == 30 && defaults.tagCacheTTL == 10)
        let set = try Self.parse(
            "apiVersion: drydock.dev/admission/v1\nimages:\n  platforms: [linux/amd64, linux/arm/v7]\n"
                + "signatureCacheTTL: 1h\nsignatureFailureCacheTTL: 0s\ntagCacheTTL: 500ms\n")
        #expect(set.platforms == [ImagePlatform(os: "linux", architecture: "amd64"), ImagePlatform("linux/arm/v7")])
        #expect(set.platformsConfigured)
        #expect(set.signatureCacheTTL == 3600 && set.signatureFailureCacheTTL == 0 && set.tagCacheTTL == 0.5)
        let none = try Self.parse("apiVersion: drydock.dev/admission/v1\nimages:\n  platforms: []\n")
        #expect(none.platforms.isEmpty && none.platformsConfigured)
    }

    @Test("globs, label selectors and durations")
    func matching() {
        #expect(GlobText("dev-*").matches("dev-alice"))
        #expect(!GlobText("dev-*").matches("prod"))
        #expect(GlobText("registry.example/*/app:?.0").matches("registry.example/team/app:1.0"))
        #expect(GlobText("*").matches(""))
        let selector = LabelSelector(
            matchLabels: ["app": "web"], matchExpressions: [.init(key: "tier", operator: .exists)])
        #expect(selector.matches(["app": "web", "tier": "x"]))
        #expect(!selector.matches(["app": "web"]))
        #expect(AdmissionConfigurationParser.duration("500ms") == 0.5)
        #expect(AdmissionConfigurationParser.duration("30m") == 1800)
        #expect(AdmissionConfigurationParser.duration("7d") == 604_800)
        #expect(AdmissionConfigurationParser.duration("7") == nil)
    }

    /// `kubectl apply --dry-run=client` needs an API server to map kinds (it is not run offline); this checks
    /// the documented ValidatingWebhookConfiguration against the admissionregistration.k8s.io/v1 rules that
    /// matter for it, and against the path and kinds the server decides.
    @Test("the documented ValidatingWebhookConfiguration is well-formed and points at the endpoint")
    func webhookConfiguration() throws {
        let block = try #require(try Self.yamlBlocks().first { $0.contains("kind: ValidatingWebhookConfiguration") })
        let document = try #require(try YAMLJSON.documents(block).first as? [String: Any])
        #expect(document["apiVersion"] as? String == "admissionregistration.k8s.io/v1")
        #expect((document["metadata"] as? [String: Any])?["name"] is String)
        let webhooks = try #require(document["webhooks"] as? [[String: Any]])
        #expect(!webhooks.isEmpty)
        var resources: Set<String> = []
        for webhook in webhooks {
            let name = webhook["name"] as? String ?? ""
            #expect(name.split(separator: ".").count >= 3, "webhook names are fully qualified")
            #expect((webhook["admissionReviewVersions"] as? [String])?.contains("v1") == true)
            #expect(["None", "NoneOnDryRun"].contains(webhook["sideEffects"] as? String ?? ""))
            #expect(["Fail", "Ignore"].contains(webhook["failurePolicy"] as? String ?? "Fail"))
            let timeout = webhook["timeoutSeconds"] as? Int ?? 10
            #expect((1...30).contains(timeout))
            let client = try #require(webhook["clientConfig"] as? [String: Any])
            let service = client["service"] as? [String: Any]
            #expect((service == nil) != (client["url"] == nil), "exactly one of service and url")
            #expect(service?["path"] as? String == "/admission/v1/validate")
            for rule in webhook["rules"] as? [[String: Any]] ?? [] {
                let operations = rule["operations"] as? [String] ?? []
                #expect(
                    !operations.isEmpty
                        && operations.allSatisfy { ["CREATE", "UPDATE", "DELETE", "CONNECT", "*"].contains($0) })
                #expect(rule["apiGroups"] is [String] && rule["apiVersions"] is [String])
                resources.formUnion(rule["resources"] as? [String] ?? [])
            }
        }
        let plural = [
            "Pod": "pods", "Deployment": "deployments", "StatefulSet": "statefulsets", "DaemonSet": "daemonsets",
            "ReplicaSet": "replicasets", "ReplicationController": "replicationcontrollers", "Job": "jobs",
            "CronJob": "cronjobs",
        ]
        for kind in KubernetesWorkload.workloadKinds where kind != "DeploymentConfig" {
            #expect(resources.contains(plural[kind] ?? kind), "\(kind) is decided but not sent")
        }
        #expect(resources.contains("pods/ephemeralcontainers"))
    }
}
