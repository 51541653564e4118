/// Azure (`azurerm` provider) storage, network, Kubernetes and key vault resources of Terraform in the
/// common model. Both spellings of attributes AzureRM renamed in version 4 are read
/// (`https_traffic_only_enabled`/`enable_https_traffic_only`, `ip_forwarding_enabled`/`enable_ip_forwarding`).
enum AzureTerraform {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        storage(context) + network(context) + kubernetes(context) + keyVault(context)
    }

    static let networkRules = "azurerm_storage_account_network_rules"

    /// Resources of `types` attached to `account` by `storage_account_id` or `storage_account_name`.
    static func attached(_ context: TerraformAdapterContext, _ account: TerraformResource, _ types: String...)
        -> [TerraformResource]
    {
        context.linked(to: account, from: types, attribute: "storage_account_id")
            + context.linked(to: account, from: types, attribute: "storage_account_name", nameAttribute: "name")
    }

    static func networkRule(_ node: ConfigNode, range: LineRange) -> ConfigNode {
        var rule = CloudFields(range: range)
        rule.set("defaultAction", node["default_action"])
        rule.set("bypass", node["bypass"])
        return rule.node
    }

    static func storage(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        var attachedRules: Set<String> = []
        for account in context.of("azurerm_storage_account") {
            let a = account.attributes
            var fields = CloudFields(range: account.range)
            fields.set("enforceHttps", a["https_traffic_only_enabled"] ?? a["enable_https_traffic_only"])
            fields.set("minimumTlsVersion", a["min_tls_version"])
            fields.set("replicationType", a["account_replication_type"])
            fields.set("infrastructureEncryption", a["infrastructure_encryption_enabled"])
            let retention = a.block("blob_properties")?.block("delete_retention_policy")
            if let retention {
                fields.set("blobSoftDeleteDays", retention["days"] ?? ConfigNode(.int(7), range: retention.range))
            }
            if let logging = a.block("queue_properties")?.block("logging") {
                fields.set("queueLogging", value: .bool(true), range: logging.range)
            }
            let keys =
                (a.block("customer_managed_key").map { [$0["key_vault_key_id"] ?? $0["managed_hsm_key_id"]] } ?? [])
                + attached(context, account, "azurerm_storage_account_customer_managed_key").map {
                    $0.attributes["key_vault_key_id"] ?? $0.attributes["key_name"]
                }
            fields.set("customerManagedKey", keys.compactMap { $0 }.first)
            let rules = attached(context, account, networkRules)
            attachedRules.formUnion(rules.map(\.address))
            let ruleNodes =
                a.blocks("network_rules").map { networkRule($0, range: $0.range) }
                + rules.map { networkRule($0.attributes, range: $0.range) }
            fields.set("networkRules", ConfigNode(.sequence(ruleNodes), range: account.range))
            let containers = attached(context, account, "azurerm_storage_container")
            fields.set(
                "containers", ConfigNode(.sequence(containers.map { $0.attributes.at($0.range) }), range: account.range)
            )
            let queues = attached(context, account, "azurerm_storage_queue")
            fields.set("queues", ConfigNode(.sequence(queues.map { $0.attributes.at($0.range) }), range: account.range))
            objects.append(context.object("azure.storage.account", account, fields))
        }
        // Network rules of an account declared elsewhere: a kind of their own, which only the rule checks read.
        for rules in context.of(networkRules) where !attachedRules.contains(rules.address) {
            var fields = CloudFields(range: rules.range)
            fields.set(
                "networkRules",
                ConfigNode(.sequence([networkRule(rules.attributes, range: rules.range)]), range: rules.range))
            objects.append(context.object("azure.storage.networkrules", rules, fields))
        }
        for container in context.of("azurerm_storage_container") {
            var fields = CloudFields(range: container.range)
            fields.set("accessType", container.attributes["container_access_type"])
            objects.append(context.object("azure.storage.container", container, fields))
        }
        return objects
    }

    static func network(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for group in context.of("azurerm_network_security_group") {
            var rules = group.attributes.blocks("security_rule")
            rules += context.linked(
                to: group, from: ["azurerm_network_security_rule"], attribute: "network_security_group_name",
                nameAttribute: "name"
            ).map { $0.attributes.at($0.range) }
            var fields = CloudFields(range: group.range)
            fields.set(
                "rules", ConfigNode(.sequence(rules.map(GoogleAzureTerraform.nsgRule)), range: group.range))
            objects.append(context.object("azure.network.securitygroup", group, fields))
        }
        for rule in context.of("azurerm_network_security_rule")
        where !context.of("azurerm_network_security_group").contains(where: {
            $0.modulePath == rule.modulePath
                && $0.isReferenced(by: rule.attributes["network_security_group_name"], nameAttribute: "name")
        }) {
            var fields = CloudFields(range: rule.range)
            fields.set(
                "rules",
                ConfigNode(.sequence([GoogleAzureTerraform.nsgRule(rule.attributes.at(rule.range))]), range: rule.range)
            )
            objects.append(context.object("azure.network.securitygroup", rule, fields))
        }
        for log in context.of("azurerm_network_watcher_flow_log") {
            var fields = CloudFields(range: log.range)
            fields.set("enabled", log.attributes["enabled"])
            if let retention = log.attributes.block("retention_policy") {
                fields.set("retentionEnabled", retention["enabled"] ?? ConfigNode(.bool(false), range: retention.range))
                fields.set("retentionDays", retention["days"])
            }
            objects.append(context.object("azure.network.flowlog", log, fields))
        }
        for interface in context.of("azurerm_network_interface") {
            let a = interface.attributes
            var fields = CloudFields(range: interface.range)
            fields.set("ipForwarding", a["ip_forwarding_enabled"] ?? a["enable_ip_forwarding"])
            let publicAddresses = a.blocks("ip_configuration").compactMap { $0["public_ip_address_id"] }
            fields.set("publicIps", ConfigNode(.sequence(publicAddresses), range: interface.range))
            objects.append(context.object("azure.network.interface", interface, fields))
        }
        return objects
    }

    static func kubernetes(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("azurerm_kubernetes_cluster").map { cluster in
            let a = cluster.attributes
            var fields = CloudFields(range: cluster.range)
            fields.set("rbacEnabled", a["role_based_access_control_enabled"])
            let addons = a.block("addon_profile")
            // `oms_agent` at the top level since AzureRM 2.97 (present means on), in `addon_profile` before.
            if let agent = a.block("oms_agent") {
                fields.set("omsAgent", value: .bool(true), range: agent.range)
            } else if let agent = addons?.block("oms_agent") {
                fields.set("omsAgent", agent["enabled"] ?? ConfigNode(.bool(false), range: agent.range))
            }
            fields.set("azurePolicy", a["azure_policy_enabled"] ?? addons?.block("azure_policy")?["enabled"])
            fields.set("privateCluster", a["private_cluster_enabled"])
            fields.set(
                "authorizedIpRanges",
                a.block("api_server_access_profile")?["authorized_ip_ranges"] ?? a["api_server_authorized_ip_ranges"])
            if let profile = a.block("network_profile") {
                fields.set("networkPolicy", profile["network_policy"] ?? ConfigNode(.string(""), range: profile.range))
            }
            fields.set("diskEncryptionSetId", a["disk_encryption_set_id"])
            return context.object("azure.container.cluster", cluster, fields)
        }
    }

    static func keyVault(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = context.of("azurerm_key_vault").map { vault in
            var fields = CloudFields(range: vault.range)
            fields.set("purgeProtection", vault.attributes["purge_protection_enabled"])
            fields.set("softDeleteRetentionDays", vault.attributes["soft_delete_retention_days"])
            if let acls = vault.attributes.block("network_acls") {
                fields.set("aclDefaultAction", acls["default_action"] ?? ConfigNode(.string(""), range: acls.range))
            }
            return context.object("azure.keyvault.vault", vault, fields)
        }
        for key in context.of("azurerm_key_vault_key") {
            var fields = CloudFields(range: key.range)
            fields.set("expirationDate", key.attributes["expiration_date"])
            objects.append(context.object("azure.keyvault.key", key, fields))
        }
        for secret in context.of("azurerm_key_vault_secret") {
            var fields = CloudFields(range: secret.range)
            fields.set("expirationDate", secret.attributes["expiration_date"])
            fields.set("contentType", secret.attributes["content_type"])
            objects.append(context.object("azure.keyvault.secret", secret, fields))
        }
        return objects
    }
}
