import DrydockModel

/// Azure storage account checks of logging, soft delete, redundancy and encryption at rest.
extension AzureStorageChecks {
    static let queueLogging =
        "  queue_properties {\n    logging {\n      delete = true\n      read = true\n      write = true\n      version = \"1.0\"\n    }\n  }\n"

    static let protection: [Check] = [
        check(
            "AZU-0009", "queue-services-logging-enabled",
            title: "When using Queue Services for a storage account, logging should be enabled.", severity: .medium,
            description:
                "Storage Analytics logging records each request to the queue service, successful or not, for monitoring and investigation.",
            resolution: "Add `queue_properties { logging { … } }` to accounts that hold queues.",
            reference: docs + "common/storage-analytics-logging",
            failing: [account("", with: "azurerm_storage_queue")],
            passing: [account(queueLogging, with: "azurerm_storage_queue"), account()]
        ) { account in
            guard !(account["queues"]?.items.isEmpty ?? true) else { return [] }
            return Cloud.isTrue(
                account["queueLogging"], "Queue services storage account does not have logging enabled.",
                at: account.source.range)
        },
        check(
            "AZU-0057", "storage-account-logging-enabled", title: "Storage account should have logging enabled",
            severity: .medium,
            description:
                "Storage Analytics logs show who read, wrote or deleted what; an account that logs no service leaves no trail.",
            resolution: "Add `queue_properties { logging { … } }` (or collect logs with a diagnostic setting).",
            reference: docs + "common/storage-analytics-logging",
            failing: [account()], passing: [account(queueLogging)]
        ) { account in
            Cloud.isTrue(
                account["queueLogging"], "Storage account does not have logging enabled for any service.",
                at: account.source.range)
        },
        check(
            "AZU-0056", "blobs-soft-deletion-enabled", title: "Storage account should have blob soft delete enabled",
            severity: .medium,
            description:
                "Soft delete keeps deleted or overwritten blobs for a retention period so they can be restored. Azure enables it only with a `delete_retention_policy`; Trivy flags only a policy of 0 days, Drydock also an account without one.",
            resolution: "Add `blob_properties { delete_retention_policy { days = 7 } }` (1 to 365 days).",
            reference: docs + "blobs/soft-delete-blob-overview",
            failing: [
                account(), account("  blob_properties {\n    delete_retention_policy {\n      days = 0\n    }\n  }\n"),
            ],
            passing: [account("  blob_properties {\n    delete_retention_policy {\n      days = 14\n    }\n  }\n")]
        ) { account in
            Cloud.require(
                account["blobSoftDeleteDays"], "Storage account does not have blob soft delete enabled.",
                at: account.source.range
            ) { ($0.int ?? 0) > 0 }
        },
        check(
            "AZU-0058", "enable-geo-redundant-backups", title: "Storage account should use geo-redundant replication",
            severity: .low,
            description:
                "Geo-redundant replication (GRS, RAGRS, GZRS, RAGZRS) keeps a copy in a second region, so a regional outage or disaster does not lose the data.",
            resolution: "Set `account_replication_type` to `GRS`, `RAGRS`, `GZRS` or `RAGZRS`.",
            reference: docs + "common/storage-redundancy",
            failing: [T.tf("azurerm_storage_account", "  name = \"data\"\n  account_replication_type = \"LRS\"\n")],
            passing: [account()]
        ) { account in
            Cloud.require(
                account["replicationType"], "Storage account does not use geo-redundant replication.",
                at: account.source.range
            ) { ["GRS", "RAGRS", "GZRS", "RAGZRS"].contains(($0.text ?? "").uppercased()) }
        },
        check(
            "AZU-0060", "blob-container-cmk-encrypted",
            title: "Storage account should use customer-managed keys for encryption", severity: .medium,
            description:
                "With customer-managed keys the owner controls the key that encrypts the account's blobs: it can be rotated, revoked and audited. Checked on accounts that hold containers.",
            resolution:
                "Add a `customer_managed_key` block, or an `azurerm_storage_account_customer_managed_key`, naming a Key Vault key.",
            reference: docs + "common/customer-managed-keys-overview",
            failing: [account("", with: "azurerm_storage_container")],
            passing: [
                account(
                    "  customer_managed_key {\n    key_vault_key_id = azurerm_key_vault_key.storage.id\n    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id\n  }\n",
                    with: "azurerm_storage_container")
            ]
        ) { account in
            guard !(account["containers"]?.items.isEmpty ?? true) else { return [] }
            return Cloud.nonEmpty(
                account["customerManagedKey"],
                "Storage account with blob containers should use customer-managed keys for encryption.",
                at: account.source.range)
        },
        check(
            "AZU-0061", "infrastructure-encryption-enabled",
            title: "Storage account should have infrastructure encryption enabled", severity: .medium,
            description:
                "Infrastructure encryption encrypts the data a second time, at the infrastructure layer with another algorithm and key, against a flaw in one of them.",
            resolution: "Set `infrastructure_encryption_enabled = true` (only possible when creating the account).",
            reference: docs + "common/infrastructure-encryption-enable",
            failing: [account(), account("  infrastructure_encryption_enabled = false\n")],
            passing: [account("  infrastructure_encryption_enabled = true\n")]
        ) { account in
            Cloud.isTrue(
                account["infrastructureEncryption"], "Storage account does not have infrastructure encryption enabled.",
                at: account.source.range)
        },
    ]
}
