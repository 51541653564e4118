import DrydockModel

/// The built-in Azure checks (Trivy's `AZU-…` IDs), for Terraform.
enum AzureChecks {
    typealias T = CloudExampleText

    static let all: [Check] = [
        Cloud.terraformCheck(
            "AZU-0008", "storage", kind: "azure.storage.account", name: "enforce-https",
            title: "Storage accounts should be configured to only accept transfers that are over secure connections",
            severity: .high,
            description:
                "Allowing plain HTTP to a storage account sends data and shared-access signatures unencrypted. AzureRM enables HTTPS-only by default; this flags turning it off.",
            resolution: "Leave `https_traffic_only_enabled` (`enable_https_traffic_only` before AzureRM 4) at `true`.",
            reference: "https://learn.microsoft.com/azure/storage/common/storage-require-secure-transfer",
            failing: [T.tf("azurerm_storage_account", "  name = \"data\"\n  https_traffic_only_enabled = false\n")],
            passing: [
                T.tf("azurerm_storage_account", "  name = \"data\"\n"),
                T.tf("azurerm_storage_account", "  enable_https_traffic_only = true\n"),
            ]
        ) { account in
            Cloud.isTrue(
                account["enforceHttps"] ?? ConfigNode(.bool(true), range: account.source.range),
                "Account does not enforce HTTPS.", at: account.source.range)
        },
        Cloud.terraformCheck(
            "AZU-0011", "storage", kind: "azure.storage.account", name: "use-secure-tls-policy",
            title: "The minimum TLS version for Storage Accounts should be TLS1_2 or higher", severity: .critical,
            description:
                "TLS 1.0 and 1.1 have known weaknesses and are retired by Azure; accounts should refuse them. AzureRM 3 and later default to TLS1_2, so only an explicit older version is flagged.",
            resolution: "Set `min_tls_version = \"TLS1_2\"`.",
            reference:
                "https://learn.microsoft.com/azure/storage/common/transport-layer-security-configure-minimum-version",
            failing: [T.tf("azurerm_storage_account", "  name = \"data\"\n  min_tls_version = \"TLS1_0\"\n")],
            passing: [T.tf("azurerm_storage_account", "  name = \"data\"\n  min_tls_version = \"TLS1_2\"\n")]
        ) { account in
            Cloud.require(
                account["minimumTlsVersion"], "Storage account uses an insecure TLS version.", at: account.source.range,
                missingPasses: true
            ) {
                ["TLS1_2", "TLS1_3"].contains($0.text ?? "")
            }
        },
        Cloud.terraformCheck(
            "AZU-0047", "network", kind: "azure.network.securitygroup", name: "no-public-ingress",
            title: "A security group rule should not allow unrestricted ingress from any IP address.",
            severity: .critical,
            description:
                "An inbound allow rule whose source is `*`, `0.0.0.0/0` or `Internet` exposes the subnet or interface to the whole internet on the rule's ports.",
            resolution: "Restrict the rule's source address prefixes to known networks.",
            reference: "https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview",
            failing: [
                T.tf(
                    "azurerm_network_security_group",
                    "  name = \"web\"\n  security_rule {\n    name = \"ssh\"\n    direction = \"Inbound\"\n    access = \"Allow\"\n    protocol = \"Tcp\"\n    destination_port_range = \"22\"\n    source_address_prefix = \"*\"\n  }\n"
                )
            ],
            passing: [
                T.tf(
                    "azurerm_network_security_group",
                    "  name = \"web\"\n  security_rule {\n    name = \"ssh\"\n    direction = \"Inbound\"\n    access = \"Allow\"\n    protocol = \"Tcp\"\n    destination_port_range = \"22\"\n    source_address_prefix = \"10.0.0.0/8\"\n  }\n"
                )
            ]
        ) { group in
            (group["rules"]?.items ?? []).filter {
                $0["direction"]?.text?.lowercased() == "inbound" && $0["access"]?.text?.lowercased() == "allow"
            }.flatMap { rule in
                (rule["sources"]?.items ?? []).compactMap { source in
                    if let origin = source.unknownOrigin {
                        return CheckFailure(undecided: "Security rule source", origin: origin, range: source.range)
                    }
                    let text = source.text ?? ""
                    return Cloud.allowsAllAddresses(text) || ["internet", "any"].contains(text.lowercased())
                        ? CheckFailure(
                            "Security group rule allows unrestricted ingress from any IP address.", at: source) : nil
                }
            }
        },
        Cloud.terraformCheck(
            "AZU-0016", "keyvault", kind: "azure.keyvault.vault", name: "no-purge",
            title: "Key vault should have purge protection enabled",
            severity: .medium,
            description:
                "Without purge protection, a deleted vault or key can be purged at once, destroying data encrypted with it beyond recovery.",
            resolution: "Set `purge_protection_enabled = true` with `soft_delete_retention_days` between 7 and 90.",
            reference: "https://learn.microsoft.com/azure/key-vault/general/soft-delete-overview",
            failing: [T.tf("azurerm_key_vault", "  name = \"vault\"\n")],
            passing: [
                T.tf(
                    "azurerm_key_vault",
                    "  name = \"vault\"\n  purge_protection_enabled = true\n  soft_delete_retention_days = 30\n")
            ]
        ) { vault in
            let failures = Cloud.isTrue(
                vault["purgeProtection"], "Vault does not have purge protection enabled.", at: vault.source.range)
            if !failures.isEmpty { return failures }
            return Cloud.require(
                vault["softDeleteRetentionDays"] ?? ConfigNode(.int(90), range: vault.source.range),
                "Resource should have soft_delete_retention_days set between 7 and 90 days in order to enable purge protection.",
                at: vault.source.range
            ) { (7...90).contains($0.int ?? 0) }
        },
        Cloud.terraformCheck(
            "AZU-0042", "container", kind: "azure.container.cluster", name: "use-rbac-permissions",
            title: "Ensure RBAC is enabled on AKS clusters",
            severity: .high,
            description:
                "Without Kubernetes RBAC every authenticated user of the cluster has full access. AKS enables it by default; this flags turning it off.",
            resolution: "Leave `role_based_access_control_enabled` at `true`.",
            reference: "https://learn.microsoft.com/azure/aks/concepts-identity",
            failing: [
                T.tf("azurerm_kubernetes_cluster", "  name = \"aks\"\n  role_based_access_control_enabled = false\n")
            ],
            passing: [T.tf("azurerm_kubernetes_cluster", "  name = \"aks\"\n")]
        ) { cluster in
            Cloud.isTrue(
                cluster["rbacEnabled"] ?? ConfigNode(.bool(true), range: cluster.source.range),
                "RBAC is not enabled on cluster", at: cluster.source.range)
        },
        Cloud.terraformCheck(
            "AZU-0026", "database", kind: "azure.database.server", name: "secure-tls-policy",
            title: "Databases should have the minimum TLS set for connections", severity: .medium,
            description: "Database servers should refuse TLS 1.0 and 1.1, which have known weaknesses.",
            resolution:
                "Set `minimum_tls_version = \"1.2\"` (SQL Server) or `ssl_minimal_tls_version_enforced = \"TLS1_2\"` (MySQL, PostgreSQL).",
            reference: "https://learn.microsoft.com/azure/azure-sql/database/connectivity-settings#minimal-tls-version",
            failing: [
                T.tf("azurerm_mssql_server", "  name = \"sql\"\n  minimum_tls_version = \"1.0\"\n"),
                T.tf("azurerm_postgresql_server", "  name = \"pg\"\n  ssl_minimal_tls_version_enforced = \"TLS1_0\"\n"),
            ],
            passing: [
                T.tf("azurerm_mssql_server", "  name = \"sql\"\n  minimum_tls_version = \"1.2\"\n"),
                T.tf("azurerm_postgresql_server", "  name = \"pg\"\n  ssl_minimal_tls_version_enforced = \"TLS1_2\"\n"),
            ]
        ) { server in
            let allowed: Set<String> =
                server["engine"]?.text == "azurerm_mssql_server" ? ["1.2", "1.3"] : ["TLS1_2", "TLS1_3"]
            return Cloud.require(
                server["minimumTlsVersion"], "Database server does not require a secure TLS version.",
                at: server.source.range, missingPasses: true
            ) {
                allowed.contains($0.text ?? "")
            }
        },
    ]
}
