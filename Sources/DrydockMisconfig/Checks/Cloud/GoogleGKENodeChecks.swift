import DrydockModel

/// GKE checks of nodes and node pools: images, metadata, shielding, management and service accounts.
extension GoogleGKEChecks {
    static let metadataExposing: Set<String> = ["UNSPECIFIED", "EXPOSE", "MODE_UNSPECIFIED", "GCE_METADATA"]

    static let nodes: [Check] = [
        check(
            "GCP-0054", "node-pool-uses-cos",
            title: "Ensure Container-Optimized OS (cos) is used for Kubernetes Engine Clusters Node image",
            severity: .low,
            description:
                "Container-Optimized OS is a locked-down, minimal image maintained by Google for running containers; other node images carry more software to patch. GKE uses it when `image_type` is left out.",
            resolution: "Set `image_type = \"COS_CONTAINERD\"` or leave it out.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/concepts/node-images", pools: true,
            failing: [
                cluster("  node_config {\n    image_type = \"UBUNTU_CONTAINERD\"\n  }\n"),
                pool("  node_config {\n    image_type = \"UBUNTU_CONTAINERD\"\n  }\n"),
            ],
            passing: [
                cluster("  node_config {\n    image_type = \"COS_CONTAINERD\"\n  }\n"),
                pool("  node_config {\n    image_type = \"cos_containerd\"\n  }\n"), pool(""),
            ]
        ) { cluster in
            nodeConfigs(cluster).flatMap { config in
                Cloud.require(
                    config["imageType"], "Node pool is not using the COS containerd image type.", at: config.range,
                    missingPasses: true
                ) { ["cos", "cos_containerd"].contains(($0.text ?? "").lowercased()) }
            }
        },
        check(
            "GCP-0057", "node-metadata-security", title: "Node metadata value disables metadata concealment.",
            severity: .high,
            description:
                "Workloads that can read the Compute Engine metadata server of their node can obtain the node's credentials and bootstrap secrets. `GKE_METADATA` (Workload Identity) hides it; `GCE_METADATA`, `EXPOSE` and an unset mode expose it.",
            resolution: "Set `workload_metadata_config { mode = \"GKE_METADATA\" }` in `node_config`.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata",
            pools: true,
            failing: [
                pool("  node_config {\n    workload_metadata_config {\n      mode = \"GCE_METADATA\"\n    }\n  }\n"),
                cluster(
                    "  node_config {\n    workload_metadata_config {\n      node_metadata = \"EXPOSE\"\n    }\n  }\n"),
            ],
            passing: [
                pool("  node_config {\n    workload_metadata_config {\n      mode = \"GKE_METADATA\"\n    }\n  }\n")
            ]
        ) { cluster in
            nodeConfigs(cluster).flatMap { config in
                Cloud.require(
                    config["nodeMetadata"], "Cluster exposes node metadata of pools by default.", at: config.range,
                    missingPasses: true
                ) { !metadataExposing.contains(($0.text ?? "").uppercased()) }
            }
        },
        check(
            "GCP-0048", "metadata-endpoints-disabled", title: "Legacy metadata endpoints enabled.", severity: .high,
            description:
                "The legacy v0.1 and v1beta1 metadata endpoints do not require the `Metadata-Flavor` header, which makes stealing instance credentials through request forgery easy. GKE 1.12 and later disable them; only an explicit `disable-legacy-endpoints = false` turns them back on.",
            resolution: "Set `metadata = { disable-legacy-endpoints = true }` in `node_config`, or leave it out.",
            reference: hardening + "#protect_node_metadata_default_for_112", pools: true,
            failing: [
                cluster("  node_config {\n    metadata = {\n      disable-legacy-endpoints = false\n    }\n  }\n")
            ],
            passing: [
                cluster("  node_config {\n    metadata = {\n      disable-legacy-endpoints = true\n    }\n  }\n"),
                cluster("  enable_autopilot = true\n"),
            ], deprecated: true
        ) { cluster in
            guard isOn(cluster["autopilot"]) != true else { return [] }
            return nodeConfigs(cluster).flatMap { config in
                Cloud.require(
                    config["disableLegacyEndpoints"], "Cluster has legacy metadata endpoints enabled.",
                    at: config.range, missingPasses: true
                ) { $0.bool == true }
            }
        },
        check(
            "GCP-0055", "node-shielding-enabled", title: "Shielded GKE nodes not enabled.", severity: .high,
            description:
                "Shielded GKE nodes give each node a verifiable identity and integrity, so an attacker who takes over a pod cannot impersonate a node to the control plane. GKE enables them by default.",
            resolution: "Leave `enable_shielded_nodes` at `true` (the default).",
            reference: hardening + "#shielded_nodes",
            failing: [cluster("  enable_shielded_nodes = false\n")],
            passing: [cluster(""), cluster("  enable_shielded_nodes = true\n")]
        ) { cluster in
            Cloud.require(
                cluster["shieldedNodes"], "Cluster has shielded nodes disabled.", at: cluster.source.range,
                missingPasses: true
            ) { $0.bool == true }
        },
        check(
            "GCP-0063", "enable-auto-repair", title: "Kubernetes should have 'Automatic repair' enabled",
            severity: .low,
            description:
                "Automatic repair recreates nodes that fail their health checks repeatedly. The provider turns it on unless `auto_repair = false`.",
            resolution: "Leave `management { auto_repair = true }` (the default) on every node pool.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-repair", pools: true,
            failing: [pool("  management {\n    auto_repair = false\n  }\n")],
            passing: [pool("  management {\n    auto_repair = true\n  }\n"), pool("")]
        ) { cluster in
            pools(cluster).flatMap { pool in
                Cloud.require(
                    pool["autoRepair"], "Node pool does not have auto-repair enabled.", at: pool.range,
                    missingPasses: true
                ) { $0.bool == true }
            }
        },
        check(
            "GCP-0058", "enable-auto-upgrade", title: "Kubernetes should have 'Automatic upgrade' enabled",
            severity: .low,
            description:
                "Automatic upgrades keep nodes at the control plane's version, with its security fixes. The provider turns them on unless `auto_upgrade = false`.",
            resolution: "Leave `management { auto_upgrade = true }` (the default) on every node pool.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/node-auto-upgrades", pools: true,
            failing: [pool("  management {\n    auto_upgrade = false\n  }\n")],
            passing: [pool("  management {\n    auto_upgrade = true\n  }\n"), pool("")]
        ) { cluster in
            pools(cluster).flatMap { pool in
                Cloud.require(
                    pool["autoUpgrade"], "Node pool does not have auto-upgrade enabled.", at: pool.range,
                    missingPasses: true
                ) { $0.bool == true }
            }
        },
    ]

    static let accounts: [Check] = [
        check(
            "GCP-0050", "use-service-account", title: "Checks for service account defined for GKE nodes",
            severity: .medium,
            description:
                "Nodes without a service account of their own run as the Compute Engine default service account, which holds the Editor role on the project in most projects.",
            resolution:
                "Set `service_account` in `node_config` (or in `cluster_autoscaling.auto_provisioning_defaults` with node auto-provisioning or Autopilot) to a minimally privileged account.",
            reference: hardening + "#use_least_privilege_sa", pools: true,
            failing: [
                cluster("  node_config {\n  }\n"),
                cluster("  cluster_autoscaling {\n    enabled = true\n    auto_provisioning_defaults {\n    }\n  }\n"),
                pool("  node_config {\n    machine_type = \"e2-medium\"\n  }\n"),
            ],
            passing: [
                cluster("  node_config {\n    service_account = \"nodes@project.iam.gserviceaccount.com\"\n  }\n"),
                cluster(
                    "  enable_autopilot = true\n  cluster_autoscaling {\n    auto_provisioning_defaults {\n      service_account = \"nodes@project.iam.gserviceaccount.com\"\n    }\n  }\n"
                ),
                pool("  node_config {\n    service_account = \"nodes@project.iam.gserviceaccount.com\"\n  }\n"),
            ]
        ) { cluster in
            let account = { (config: ConfigNode?, fallback: LineRange, message: String) -> [CheckFailure] in
                Cloud.nonEmpty(config?["serviceAccount"], message, at: fallback)
            }
            var failures: [CheckFailure] = []
            if !isStandalone(cluster) {
                let autoProvisioned =
                    isOn(cluster["autoscaling.enabled"]) == true || isOn(cluster["autopilot"]) == true
                if autoProvisioned {
                    failures += Cloud.nonEmpty(
                        cluster["autoscaling.serviceAccount"], "Cluster does not override the default service account.",
                        at: cluster["autoscaling"]?.range ?? cluster.source.range)
                } else if cluster["removeDefaultNodePool"]?.bool != true {
                    failures += account(
                        cluster["nodeConfig"], cluster["nodeConfig"]?.range ?? cluster.source.range,
                        "Cluster does not override the default service account.")
                }
            }
            guard isOn(cluster["autopilot"]) != true else { return failures }
            for pool in pools(cluster) {
                failures += account(
                    pool["nodeConfig"], pool["nodeConfig"]?.range ?? pool.range,
                    "Node pool does not override the default service account.")
            }
            return failures
        }
    ]
}
