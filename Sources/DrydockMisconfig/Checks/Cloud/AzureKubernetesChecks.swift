import DrydockModel

/// Azure Kubernetes Service checks (Trivy's `AZU-0040`…`AZU-0067`) and key vault checks of network ACLs, keys
/// and secrets (`AZU-0013`…`AZU-0017`).
enum AzureKubernetesChecks {
    typealias T = CloudExampleText

    static let aks = "https://learn.microsoft.com/azure/aks/"

    static func cluster(_ lines: String) -> String {
        T.tf("azurerm_kubernetes_cluster", "  name = \"aks\"\n  dns_prefix = \"aks\"\n" + lines)
    }

    static func aksCheck(
        _ id: String, _ name: String, title: String, severity: Severity, description: String, resolution: String,
        reference: String, failing: [String], passing: [String],
        _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.terraformCheck(
            id, "container", kind: "azure.container.cluster", name: name, title: title, severity: severity,
            description: description, resolution: resolution, reference: reference, failing: failing,
            passing: passing, body)
    }

    static let all: [Check] = clusters + vaults

    static let clusters: [Check] = [
        aksCheck(
            "AZU-0040", "logging", title: "Ensure AKS logging to Azure Monitoring is Configured", severity: .medium,
            description:
                "Container insights (the OMS agent) sends container logs and metrics to Azure Monitor, where failures and attacks can be seen.",
            resolution: "Add an `oms_agent { log_analytics_workspace_id = … }` block.",
            reference: "https://learn.microsoft.com/azure/azure-monitor/containers/container-insights-onboard",
            failing: [cluster(""), cluster("  addon_profile {\n    oms_agent {\n      enabled = false\n    }\n  }\n")],
            passing: [
                cluster(
                    "  oms_agent {\n    log_analytics_workspace_id = azurerm_log_analytics_workspace.main.id\n  }\n")
            ]
        ) { cluster in
            Cloud.isTrue(
                cluster["omsAgent"], "Cluster does not have logging enabled via OMS Agent.", at: cluster.source.range)
        },
        aksCheck(
            "AZU-0041", "limit-authorized-ips", title: "Ensure AKS has an API Server Authorized IP Ranges enabled",
            severity: .critical,
            description:
                "A public API server accepts connections from any address unless authorized IP ranges restrict it. Private clusters have no public endpoint and are exempt.",
            resolution:
                "Set `api_server_access_profile { authorized_ip_ranges = [...] }`, or `private_cluster_enabled = true`.",
            reference: aks + "api-server-authorized-ip-ranges",
            failing: [cluster("")],
            passing: [
                cluster("  api_server_access_profile {\n    authorized_ip_ranges = [\"1.2.3.4/32\"]\n  }\n"),
                cluster("  api_server_authorized_ip_ranges = [\"1.2.3.4/32\"]\n"),
                cluster("  private_cluster_enabled = true\n"),
            ]
        ) { cluster in
            let message = "Cluster does not limit API access to specific IP addresses."
            if cluster["privateCluster"]?.bool == true { return [] }
            if let origin = cluster["privateCluster"]?.unknownOrigin {
                return [CheckFailure(undecided: message, origin: origin, range: cluster["privateCluster"]?.range)]
            }
            return Cloud.require(cluster["authorizedIpRanges"], message, at: cluster.source.range) {
                !$0.listItems.isEmpty
            }
        },
        aksCheck(
            "AZU-0043", "configured-network-policy", title: "Ensure AKS cluster has Network Policy configured",
            severity: .high,
            description:
                "Without a network policy engine (`azure`, `calico` or `cilium`), Kubernetes NetworkPolicy objects are ignored and every pod can reach every other.",
            resolution: "Set `network_profile { network_policy = \"azure\" }` (or `calico`, `cilium`).",
            reference: aks + "use-network-policies",
            failing: [cluster(""), cluster("  network_profile {\n    network_plugin = \"azure\"\n  }\n")],
            passing: [
                cluster("  network_profile {\n    network_plugin = \"azure\"\n    network_policy = \"calico\"\n  }\n")
            ]
        ) { cluster in
            Cloud.nonEmpty(
                cluster["networkPolicy"], "Kubernetes cluster does not have a network policy set.",
                at: cluster.source.range)
        },
        aksCheck(
            "AZU-0065", "enable-private-cluster", title: "Ensure AKS cluster has private cluster enabled",
            severity: .medium,
            description:
                "A private cluster's API server has only a private address in the virtual network, out of reach of the internet.",
            resolution: "Set `private_cluster_enabled = true` (only when creating the cluster).",
            reference: aks + "private-clusters",
            failing: [cluster(""), cluster("  private_cluster_enabled = false\n")],
            passing: [cluster("  private_cluster_enabled = true\n")]
        ) { cluster in
            Cloud.isTrue(
                cluster["privateCluster"], "Cluster does not have private cluster enabled.", at: cluster.source.range)
        },
        aksCheck(
            "AZU-0066", "enable-azure-policy-addon", title: "Ensure AKS cluster has Azure Policy add-on enabled",
            severity: .low,
            description:
                "The Azure Policy add-on (Gatekeeper) enforces organisation policies on what runs in the cluster at admission.",
            resolution: "Set `azure_policy_enabled = true`.",
            reference: "https://learn.microsoft.com/azure/governance/policy/concepts/policy-for-kubernetes",
            failing: [cluster(""), cluster("  azure_policy_enabled = false\n")],
            passing: [cluster("  azure_policy_enabled = true\n")]
        ) { cluster in
            Cloud.isTrue(
                cluster["azurePolicy"], "Cluster does not have Azure Policy add-on enabled.", at: cluster.source.range)
        },
        aksCheck(
            "AZU-0067", "enable-disk-encryption", title: "Ensure AKS cluster has disk encryption set ID configured",
            severity: .low,
            description:
                "A disk encryption set encrypts the nodes' OS and data disks with a customer-managed key, which the owner can rotate and revoke.",
            resolution: "Set `disk_encryption_set_id` to an `azurerm_disk_encryption_set`.",
            reference: aks + "azure-disk-customer-managed-keys",
            failing: [cluster("")],
            passing: [cluster("  disk_encryption_set_id = azurerm_disk_encryption_set.aks.id\n")]
        ) { cluster in
            Cloud.nonEmpty(
                cluster["diskEncryptionSetId"], "Cluster does not have disk encryption set ID configured.",
                at: cluster.source.range)
        },
    ]

    static let vaultDocs = "https://learn.microsoft.com/azure/key-vault/"

    /// A key or secret check: an `expiration_date` that is a real RFC 3339 time.
    static func expiry(_ object: CloudObject, _ message: String) -> [CheckFailure] {
        Cloud.require(object["expirationDate"], message, at: object.source.range) {
            Cloud.isTimestamp($0.text ?? "")
        }
    }

    static let vaults: [Check] = [
        Cloud.terraformCheck(
            "AZU-0013", "keyvault", kind: "azure.keyvault.vault", name: "specify-network-acl",
            title: "Key vault should have the network acl block specified", severity: .critical,
            description:
                "Without network ACLs denying by default, any network can reach the vault's endpoint; only its access policies stand between the internet and the keys.",
            resolution:
                "Add `network_acls { default_action = \"Deny\" bypass = \"AzureServices\" }` with the allowed networks.",
            reference: vaultDocs + "general/network-security",
            failing: [
                T.tf("azurerm_key_vault", "  name = \"vault\"\n"),
                T.tf(
                    "azurerm_key_vault",
                    "  name = \"vault\"\n  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Allow\"\n  }\n"
                ),
            ],
            passing: [
                T.tf(
                    "azurerm_key_vault",
                    "  name = \"vault\"\n  network_acls {\n    bypass = \"AzureServices\"\n    default_action = \"Deny\"\n  }\n"
                )
            ]
        ) { vault in
            Cloud.require(
                vault["aclDefaultAction"], "Vault network ACL does not block access by default.", at: vault.source.range
            ) { $0.text == "Deny" }
        },
        Cloud.terraformCheck(
            "AZU-0014", "keyvault", kind: "azure.keyvault.key", name: "ensure-key-expiry",
            title: "Ensure that the expiration date is set on all keys", severity: .medium,
            description:
                "Keys without an expiry stay usable for ever; an expiry forces rotation and limits a leaked key's use.",
            resolution: "Set `expiration_date` (an RFC 3339 time) on the key.",
            reference: vaultDocs + "keys/about-keys",
            failing: [T.tf("azurerm_key_vault_key", "  name = \"key\"\n  key_type = \"RSA\"\n")],
            passing: [
                T.tf(
                    "azurerm_key_vault_key",
                    "  name = \"key\"\n  key_type = \"RSA\"\n  expiration_date = \"2030-12-31T00:00:00Z\"\n")
            ]
        ) { key in expiry(key, "Key should have an expiry date specified.") },
        Cloud.terraformCheck(
            "AZU-0017", "keyvault", kind: "azure.keyvault.secret", name: "ensure-secret-expiry",
            title: "Key Vault Secret should have an expiration date set", severity: .low,
            description: "Secrets without an expiry stay valid for ever; an expiry forces rotation.",
            resolution: "Set `expiration_date` (an RFC 3339 time) on the secret.",
            reference: vaultDocs + "secrets/about-secrets",
            failing: [T.tf("azurerm_key_vault_secret", "  name = \"db\"\n  value = var.password\n")],
            passing: [
                T.tf(
                    "azurerm_key_vault_secret",
                    "  name = \"db\"\n  value = var.password\n  expiration_date = \"2030-12-31T00:00:00Z\"\n")
            ]
        ) { secret in expiry(secret, "Secret should have an expiry date specified.") },
        Cloud.terraformCheck(
            "AZU-0015", "keyvault", kind: "azure.keyvault.secret", name: "content-type-for-secret",
            title: "Key vault Secret should have a content type set", severity: .low,
            description:
                "A content type (a password, a certificate, a connection string) tells readers how to handle the secret.",
            resolution: "Set `content_type` on the secret.",
            reference: vaultDocs + "secrets/about-secrets",
            failing: [T.tf("azurerm_key_vault_secret", "  name = \"db\"\n  value = var.password\n")],
            passing: [
                T.tf(
                    "azurerm_key_vault_secret",
                    "  name = \"db\"\n  value = var.password\n  content_type = \"password\"\n")
            ]
        ) { secret in
            Cloud.nonEmpty(
                secret["contentType"], "Secret does not have a content-type specified.", at: secret.source.range)
        },
    ]
}
