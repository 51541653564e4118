import DrydockModel

/// Azure storage account checks beyond HTTPS and TLS: containers, network rules, logging, redundancy and
/// encryption (Trivy's `AZU-0007`…`AZU-0061`).
enum AzureStorageChecks {
    typealias T = CloudExampleText

    static let docs = "https://learn.microsoft.com/azure/storage/"

    static func account(_ lines: String = "") -> String {
        T.tf(
            "azurerm_storage_account",
            "  name = \"data\"\n  account_tier = \"Standard\"\n  account_replication_type = \"GRS\"\n" + lines)
    }

    /// An account with `lines` and a resource of `type` attached to it by name.
    static func account(_ lines: String, with type: String, _ extra: String = "") -> String {
        account(lines)
            + T.tf(
                type, "  name = \"items\"\n  storage_account_name = azurerm_storage_account.example.name\n" + extra,
                name: "attached")
    }

    /// A check of storage accounts, and with `rules` also of network rules of accounts declared elsewhere
    /// (`azure.storage.networkrules`).
    static func check(
        _ id: String, _ name: String, title: String, severity: Severity, description: String, resolution: String,
        reference: String, failing: [String], passing: [String], rules: Bool = false,
        _ body: @escaping @Sendable (CloudObject) -> [CheckFailure]
    ) -> Check {
        Cloud.check(
            .cloud(
                id, service: "storage",
                kinds: rules ? ["azure.storage.account", "azure.storage.networkrules"] : ["azure.storage.account"],
                name: name, title: title, severity: severity, description: description, resolution: resolution,
                references: [reference], cloudFormation: false),
            examples: CheckExamples(failing: failing, passing: passing), body)
    }

    static let all: [Check] = access + protection

    static let access: [Check] = [
        Cloud.terraformCheck(
            "AZU-0007", "storage", kind: "azure.storage.container", name: "no-public-access",
            title: "Storage containers in blob storage mode should not have public access", severity: .high,
            description:
                "A container with access type `blob` or `container` lets anyone on the internet read its blobs (and, with `container`, list them).",
            resolution: "Set `container_access_type = \"private\"` (the default).",
            reference: docs + "blobs/anonymous-read-access-configure",
            failing: [T.tf("azurerm_storage_container", "  name = \"site\"\n  container_access_type = \"blob\"\n")],
            passing: [
                T.tf("azurerm_storage_container", "  name = \"site\"\n  container_access_type = \"private\"\n"),
                T.tf("azurerm_storage_container", "  name = \"site\"\n"),
            ]
        ) { container in
            Cloud.require(
                container["accessType"], "Container allows public access.", at: container.source.range,
                missingPasses: true
            ) { ($0.text ?? "").lowercased() == "private" }
        },
        check(
            "AZU-0010", "allow-microsoft-service-bypass",
            title: "Trusted Microsoft Services should have bypass access to Storage accounts", severity: .high,
            description:
                "Some Microsoft services (backup, monitoring, Event Grid) reach storage from networks that network rules cannot name; without the `AzureServices` bypass they stop working, and people then open the rules wider. Azure bypasses for them unless `bypass` says otherwise.",
            resolution: "Include `AzureServices` in `bypass` of the network rules.",
            reference: docs + "common/storage-network-security#trusted-microsoft-services",
            failing: [
                account("  network_rules {\n    default_action = \"Deny\"\n    bypass = [\"Metrics\"]\n  }\n"),
                T.tf(
                    AzureTerraform.networkRules,
                    "  storage_account_id = var.account\n  default_action = \"Deny\"\n  bypass = [\"None\"]\n"),
            ],
            passing: [
                account(
                    "  network_rules {\n    default_action = \"Deny\"\n    bypass = [\"Metrics\", \"AzureServices\"]\n  }\n"
                ),
                account("  network_rules {\n    default_action = \"Deny\"\n  }\n"),
            ], rules: true
        ) { account in
            (account["networkRules"]?.items ?? []).flatMap { rule in
                Cloud.require(
                    rule["bypass"], "Network rules do not allow bypass for Microsoft Services.", at: rule.range,
                    missingPasses: true
                ) { $0.listItems.contains { $0.text == "AzureServices" } }
            }
        },
        check(
            "AZU-0012", "default-action-deny",
            title: "The default action on Storage account network rules should be set to deny", severity: .critical,
            description:
                "Network rules apply only when their default action is `Deny`; with `Allow`, or without network rules, every network reaches the account.",
            resolution: "Set `default_action = \"Deny\"` and list the networks allowed.",
            reference: docs + "common/storage-network-security#change-the-default-network-access-rule",
            failing: [
                account("  network_rules {\n    default_action = \"Allow\"\n  }\n"), account(),
                T.tf(AzureTerraform.networkRules, "  storage_account_id = var.account\n  default_action = \"Allow\"\n"),
            ],
            passing: [
                account("  network_rules {\n    default_action = \"Deny\"\n    ip_rules = [\"100.0.0.1\"]\n  }\n")
            ],
            rules: true
        ) { account in
            let rules = account["networkRules"]?.items ?? []
            guard !rules.isEmpty else {
                return [
                    CheckFailure(
                        "No network rules defined and default action allows access.", range: account.source.range)
                ]
            }
            return rules.flatMap { rule in
                Cloud.require(
                    rule["defaultAction"], "A network rule is configured to allow access.", at: rule.range,
                    missingPasses: true
                ) { ($0.text ?? "").lowercased() != "allow" }
            }
        },
        check(
            "AZU-0059", "log-storage-encryption",
            title: "Storage account should have secure transfer and minimum TLS version configured", severity: .high,
            description:
                "Data and logs must travel encrypted: the account should refuse plain HTTP and TLS older than 1.2. AzureRM enforces HTTPS and TLS 1.2 unless told otherwise.",
            resolution: "Leave `https_traffic_only_enabled = true` and `min_tls_version = \"TLS1_2\"` (the defaults).",
            reference: docs + "common/storage-require-secure-transfer",
            failing: [
                account("  https_traffic_only_enabled = false\n"), account("  min_tls_version = \"TLS1_1\"\n"),
            ],
            passing: [account(), account("  enable_https_traffic_only = true\n  min_tls_version = \"TLS1_2\"\n")]
        ) { account in
            Cloud.require(
                account["enforceHttps"], "Storage account does not enforce HTTPS for secure transfer.",
                at: account.source.range, missingPasses: true
            ) { $0.bool == true }
                + Cloud.require(
                    account["minimumTlsVersion"], "Storage account does not use a secure TLS version.",
                    at: account.source.range, missingPasses: true
                ) { ["TLS1_2", "TLS1_3"].contains($0.text ?? "") }
        },
    ]
}
