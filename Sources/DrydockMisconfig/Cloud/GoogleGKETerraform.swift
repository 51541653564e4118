/// Google Kubernetes Engine clusters of Terraform's `google` provider in the common model: one
/// `google.gke.cluster` per `google_container_cluster` with its inline `node_pool` blocks, and one
/// `google.gke.nodepool` per `google_container_node_pool` (with its cluster's `autopilot` when that cluster is
/// declared in the same module): the pool checks read both kinds, the cluster checks only clusters. Trivy
/// drops pools whose cluster is not declared alongside (another state, a variable); Drydock still checks them.
enum GoogleGKETerraform {
    static let poolType = "google_container_node_pool"

    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        let clusters = context.of("google_container_cluster")
        var objects = clusters.map { cluster in
            context.object("google.gke.cluster", cluster, fields(cluster.attributes, range: cluster.range))
        }
        // Each pool resource is an object of its own, so findings and ignore comments name the pool; it carries
        // what the pool checks need of its cluster.
        for pool in context.of(poolType) {
            let cluster = clusters.first {
                $0.modulePath == pool.modulePath
                    && $0.isReferenced(by: pool.attributes["cluster"], nameAttribute: "name")
            }
            var fields = CloudFields(range: pool.range)
            fields.set("autopilot", cluster?.attributes["enable_autopilot"])
            fields.set("nodePools", ConfigNode(.sequence([self.pool(pool.attributes, pool.range)]), range: pool.range))
            objects.append(context.object("google.gke.nodepool", pool, fields))
        }
        return objects
    }

    static func fields(_ a: ConfigNode, range: LineRange) -> CloudFields {
        var fields = CloudFields(range: range)
        fields.set("legacyAbac", a["enable_legacy_abac"])
        fields.set("privateNodes", a.block("private_cluster_config")?["enable_private_nodes"])
        fields.set("autopilot", a["enable_autopilot"])
        if let policy = a.block("ip_allocation_policy") {
            fields.set("ipAliasing", value: .bool(true), range: policy.range)
        }
        let networks = a.blocks("master_authorized_networks_config")
        if let first = networks.first {
            fields.set("masterNetworks", value: .bool(true), range: first.range)
        }
        let cidrs = networks.flatMap { $0.blocks("cidr_blocks") }.compactMap { $0["cidr_block"] }
        fields.set("masterCidrs", ConfigNode(.sequence(cidrs), range: networks.first?.range ?? range))
        if let policy = a.block("network_policy") {
            fields.set("networkPolicy", policy["enabled"] ?? ConfigNode(.bool(false), range: policy.range))
        }
        fields.set("datapathProvider", a["datapath_provider"])
        fields.set("loggingService", a["logging_service"])
        fields.set("monitoringService", a["monitoring_service"])
        let auth = a.block("master_auth")
        fields.set("issueClientCertificate", auth?.block("client_certificate_config")?["issue_client_certificate"])
        fields.set("basicAuthUsername", auth?["username"])
        if let config = a.block("node_config") { fields.set("nodeConfig", nodeConfig(config)) }
        fields.set("shieldedNodes", a["enable_shielded_nodes"])
        fields.set("labels", a["resource_labels"])
        fields.set("removeDefaultNodePool", a["remove_default_node_pool"])
        fields.set("workloadIdentity", a.block("workload_identity_config")?["workload_pool"])
        if let scaling = a.block("cluster_autoscaling") {
            var model = CloudFields(range: scaling.range)
            model.set("enabled", scaling["enabled"])
            if let defaults = scaling.block("auto_provisioning_defaults") {
                model.set(
                    "serviceAccount", defaults["service_account"] ?? ConfigNode(.string(""), range: defaults.range))
            }
            fields.set("autoscaling", fields: model)
        }
        fields.set("nodePools", ConfigNode(.sequence(a.blocks("node_pool").map { pool($0, $0.range) }), range: range))
        return fields
    }

    /// A node pool: its management settings and node configuration.
    static func pool(_ a: ConfigNode, _ range: LineRange) -> ConfigNode {
        var pool = CloudFields(range: range)
        if let management = a.block("management") {
            // Both default to true in the provider, inside the block as without it.
            pool.set("autoRepair", management["auto_repair"])
            pool.set("autoUpgrade", management["auto_upgrade"])
        }
        if let config = a.block("node_config") { pool.set("nodeConfig", nodeConfig(config)) }
        return pool.node
    }

    static func nodeConfig(_ block: ConfigNode) -> ConfigNode {
        var config = CloudFields(range: block.range)
        config.set("imageType", block["image_type"])
        config.set("serviceAccount", block["service_account"])
        if let workload = block.block("workload_metadata_config") {
            // `mode` since provider 4, `node_metadata` before.
            config.set(
                "nodeMetadata",
                workload["mode"] ?? workload["node_metadata"]
                    ?? ConfigNode(.string("UNSPECIFIED"), range: workload.range))
        }
        config.set(
            "disableLegacyEndpoints",
            GoogleComputeTerraform.metadataFlag(block["metadata"], "disable-legacy-endpoints"))
        return config.node
    }
}
