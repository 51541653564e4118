import DrydockModel

/// Google Kubernetes Engine checks (Trivy's `GCP-0048`…`GCP-0064`) over `google_container_cluster` and its node
/// pools. Where the provider or GKE has a safe default (auto-repair and auto-upgrade on, COS images, shielded
/// nodes), leaving the setting out passes; Trivy's adapter assumes the unsafe value instead.
enum GoogleGKEChecks {
    typealias T = CloudExampleText

    static let hardening = "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster"

    static func cluster(_ lines: String) -> String { T.tf("google_container_cluster", "  name = \"gke\"\n" + lines) }

    /// A cluster without its default pool and a node pool of it with `lines`.
    static func pool(_ lines: String) -> String {
        T.tf("google_container_cluster", "  name = \"gke\"\n  remove_default_node_pool = true\n", name: "primary")
            + T.tf("google_container_node_pool", "  cluster = google_container_cluster.primary.id\n" + lines)
    }

    /// A check of GKE clusters, and with `pools` also of node pool resources (`google.gke.nodepool`).
    static func check(
        _ id: String, _ name: String, title: String, severity: Severity, description: String, resolution: String,
        reference: String, pools: Bool = false, failing: [String], passing: [String], deprecated: Bool = false,
        _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: "gke",
                kinds: pools ? ["google.gke.cluster", "google.gke.nodepool"] : ["google.gke.cluster"],
                name: name, title: title, severity: severity, description: description, resolution: resolution,
                references: [reference], cloudFormation: false, deprecated: deprecated),
            examples: CheckExamples(failing: failing, passing: passing), body)
    }

    /// Whether the object is a `google_container_node_pool` resource rather than a cluster.
    static func isStandalone(_ cluster: CloudObject) -> Bool { cluster.kind == "google.gke.nodepool" }

    static func pools(_ cluster: CloudObject) -> [ConfigNode] { cluster["nodePools"]?.items ?? [] }

    /// The node configurations a check reads: the cluster's own (for its default pool, unless removed) and
    /// each pool's.
    static func nodeConfigs(_ cluster: CloudObject) -> [ConfigNode] {
        var configs: [ConfigNode] = []
        if let own = cluster["nodeConfig"], cluster["removeDefaultNodePool"]?.bool != true { configs.append(own) }
        return configs + pools(cluster).compactMap { $0["nodeConfig"] }
    }

    /// Whether a flag is on; `nil` when it is unknown (a failure then says undecided).
    static func isOn(_ node: ConfigNode?) -> Bool? {
        guard let node else { return false }
        if node.unknownOrigin != nil { return nil }
        return node.bool == true || node.text == "true"
    }

    static let all: [Check] = network + nodes + accounts

    static let network: [Check] = [
        check(
            "GCP-0049", "enable-ip-aliasing", title: "Clusters should have IP aliasing enabled", severity: .low,
            description:
                "VPC-native clusters (IP aliasing) give pods addresses from the VPC, so firewall rules and routes apply to them directly and no extra routes or NAT are needed.",
            resolution: "Add an `ip_allocation_policy` block.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/alias-ips",
            failing: [cluster("")], passing: [cluster("  ip_allocation_policy {\n  }\n")]
        ) { cluster in
            Cloud.isTrue(cluster["ipAliasing"], "Cluster has IP aliasing disabled.", at: cluster.source.range)
        },
        check(
            "GCP-0061", "enable-master-networks",
            title: "Master authorized networks should be configured on GKE clusters",
            severity: .high,
            description:
                "Without master authorized networks, any address may attempt to reach the cluster's Kubernetes API endpoint.",
            resolution: "Add a `master_authorized_networks_config` block listing the networks that may reach the API.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks",
            failing: [cluster("")],
            passing: [
                cluster(
                    "  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = \"10.10.0.0/16\"\n    }\n  }\n"
                )
            ]
        ) { cluster in
            Cloud.isTrue(
                cluster["masterNetworks"], "Cluster does not have master authorized networks enabled.",
                at: cluster.source.range)
        },
        check(
            "GCP-0053", "no-public-control-plane", title: "GKE Control Plane should not be publicly accessible",
            severity: .high,
            description:
                "An authorized network that includes public addresses (`0.0.0.0/0`, or any range outside private address space) exposes the control plane to the internet.",
            resolution: "Authorize only private or specific corporate ranges, and use private endpoints.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks",
            failing: [
                cluster(
                    "  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = \"0.0.0.0/0\"\n    }\n  }\n"
                )
            ],
            passing: [
                cluster(
                    "  master_authorized_networks_config {\n    cidr_blocks {\n      cidr_block = \"10.10.128.0/24\"\n    }\n  }\n"
                )
            ]
        ) { cluster in
            (cluster["masterCidrs"]?.items ?? []).compactMap { block in
                if let origin = block.unknownOrigin {
                    return CheckFailure(undecided: "Authorized network", origin: origin, range: block.range)
                }
                return Cloud.isPublicCIDR(block.text ?? "")
                    ? CheckFailure("Cluster exposes control plane to the public internet.", at: block) : nil
            }
        },
        check(
            "GCP-0056", "enable-network-policy", title: "Network Policy should be enabled on GKE clusters",
            severity: .medium,
            description:
                "Without network policy enforcement, Kubernetes NetworkPolicy objects have no effect and every pod can reach every other. Autopilot and GKE Dataplane V2 (`ADVANCED_DATAPATH`) enforce policies without it.",
            resolution: "Set `network_policy { enabled = true }`, or use Dataplane V2 or Autopilot.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy",
            failing: [cluster(""), cluster("  network_policy {\n    enabled = false\n  }\n")],
            passing: [
                cluster("  network_policy {\n    enabled = true\n  }\n"),
                cluster("  datapath_provider = \"ADVANCED_DATAPATH\"\n"), cluster("  enable_autopilot = true\n"),
            ]
        ) { cluster in
            let message = "Cluster does not have a network policy enabled."
            if isOn(cluster["networkPolicy"]) == true || isOn(cluster["autopilot"]) == true
                || cluster["datapathProvider"]?.text == "ADVANCED_DATAPATH"
            {
                return []
            }
            for node in [cluster["networkPolicy"], cluster["autopilot"], cluster["datapathProvider"]] {
                if let origin = node?.unknownOrigin {
                    return [CheckFailure(undecided: message, origin: origin, range: node?.range)]
                }
            }
            return [CheckFailure(message, range: cluster["networkPolicy"]?.range ?? cluster.source.range)]
        },
        check(
            "GCP-0060", "enable-stackdriver-logging", title: "Stackdriver Logging should be enabled", severity: .low,
            description:
                "Cloud Logging for Kubernetes collects container output and cluster events; without it, incidents leave no trail.",
            resolution: "Set `logging_service = \"logging.googleapis.com/kubernetes\"` (the default).",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/config-logging",
            failing: [cluster("  logging_service = \"none\"\n")],
            passing: [cluster(""), cluster("  logging_service = \"logging.googleapis.com/kubernetes\"\n")]
        ) { cluster in
            Cloud.require(
                cluster["loggingService"],
                "Cluster does not use the logging.googleapis.com/kubernetes StackDriver logging service.",
                at: cluster.source.range, missingPasses: true
            ) { $0.text == "logging.googleapis.com/kubernetes" }
        },
        check(
            "GCP-0052", "enable-stackdriver-monitoring", title: "Stackdriver Monitoring should be enabled",
            severity: .low,
            description:
                "Cloud Monitoring for Kubernetes gathers the cluster's metrics and events, which show abuse and failures early.",
            resolution: "Set `monitoring_service = \"monitoring.googleapis.com/kubernetes\"` (the default).",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/config-logging",
            failing: [cluster("  monitoring_service = \"none\"\n")],
            passing: [cluster(""), cluster("  monitoring_service = \"monitoring.googleapis.com/kubernetes\"\n")]
        ) { cluster in
            Cloud.require(
                cluster["monitoringService"],
                "Cluster does not use the monitoring.googleapis.com/kubernetes StackDriver monitoring service.",
                at: cluster.source.range, missingPasses: true
            ) { $0.text == "monitoring.googleapis.com/kubernetes" }
        },
        check(
            "GCP-0064", "no-legacy-authentication", title: "Legacy client authentication methods utilized.",
            severity: .high,
            description:
                "Client certificates and basic authentication (a static username and password) are long-lived credentials that cannot be revoked individually; use Google accounts or service accounts with OAuth instead.",
            resolution:
                "Leave out `master_auth.username`/`password` and set `issue_client_certificate = false`.",
            reference: hardening + "#restrict_authn_methods",
            failing: [
                cluster(
                    "  master_auth {\n    client_certificate_config {\n      issue_client_certificate = true\n    }\n  }\n"
                ),
                cluster("  master_auth {\n    username = \"admin\"\n    password = \"secret\"\n  }\n"),
            ],
            passing: [
                cluster(
                    "  master_auth {\n    client_certificate_config {\n      issue_client_certificate = false\n    }\n  }\n"
                ),
                cluster(""),
            ]
        ) { cluster in
            let certificate = Cloud.isFalse(
                cluster["issueClientCertificate"], "Cluster allows the use of certificates for master authentication.",
                at: cluster.source.range)
            guard certificate.isEmpty, let username = cluster["basicAuthUsername"] else { return certificate }
            if let origin = username.unknownOrigin {
                return [CheckFailure(undecided: "Master auth username", origin: origin, range: username.range)]
            }
            return (username.text ?? "").isEmpty
                ? [] : [CheckFailure("Cluster allows the use of basic auth for master authentication.", at: username)]
        },
        check(
            "GCP-0051", "use-cluster-labels", title: "Clusters should be configured with Labels", severity: .low,
            description:
                "Resource labels tie a cluster to its team, environment and cost centre, which inventories and policies rely on.",
            resolution: "Set `resource_labels`.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/creating-managing-labels",
            failing: [cluster(""), cluster("  resource_labels = {}\n")],
            passing: [cluster("  resource_labels = {\n    env = \"prod\"\n  }\n")]
        ) { cluster in
            Cloud.require(cluster["labels"], "Cluster does not use GCE resource labels.", at: cluster.source.range) {
                !$0.entries.isEmpty
            }
        },
    ]
}
