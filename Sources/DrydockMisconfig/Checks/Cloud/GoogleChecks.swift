import DrydockModel

/// The built-in Google Cloud checks (Trivy's `GCP-…` IDs), for Terraform.
enum GoogleChecks {
    typealias T = CloudExampleText

    static let all: [Check] = [
        Cloud.terraformCheck(
            "GCP-0001", "storage", kind: "google.storage.bucket", name: "no-public-access",
            title: "Ensure that Cloud Storage bucket is not anonymously or publicly accessible.", severity: .high,
            description:
                "Granting a role on a bucket to `allUsers` or `allAuthenticatedUsers` makes its objects readable (or writable) by anyone on the internet, or by any Google account.",
            resolution: "Grant bucket roles to specific users, groups or service accounts only.",
            reference: "https://cloud.google.com/storage/docs/access-control/iam",
            failing: [
                T.tf("google_storage_bucket", "  name = \"site\"\n  location = \"EU\"\n")
                    + T.tf(
                        "google_storage_bucket_iam_member",
                        "  bucket = google_storage_bucket.example.name\n  role = \"roles/storage.objectViewer\"\n  member = \"allUsers\"\n",
                        name: "public")
            ],
            passing: [
                T.tf("google_storage_bucket", "  name = \"site\"\n  location = \"EU\"\n")
                    + T.tf(
                        "google_storage_bucket_iam_member",
                        "  bucket = google_storage_bucket.example.name\n  role = \"roles/storage.objectViewer\"\n  member = \"group:team@example.com\"\n",
                        name: "team")
            ]
        ) { bucket in
            (bucket["members"]?.items ?? []).compactMap { member in
                if let origin = member.unknownOrigin {
                    return CheckFailure(undecided: "Bucket IAM member", origin: origin, range: member.range)
                }
                return ["allUsers", "allAuthenticatedUsers"].contains(member.text ?? "")
                    ? CheckFailure("Bucket allows public access.", at: member) : nil
            }
        },
        Cloud.terraformCheck(
            "GCP-0002", "storage", kind: "google.storage.bucket", name: "enable-ubla",
            title: "Ensure that Cloud Storage buckets have uniform bucket-level access enabled", severity: .medium,
            description:
                "With uniform bucket-level access, IAM alone decides who reaches the objects; per-object ACLs, which are easy to get wrong and hard to audit, are disabled.",
            resolution: "Set `uniform_bucket_level_access = true`.",
            reference: "https://cloud.google.com/storage/docs/uniform-bucket-level-access",
            failing: [
                T.tf("google_storage_bucket", "  name = \"data\"\n  uniform_bucket_level_access = false\n"),
                T.tf("google_storage_bucket", "  name = \"data\"\n"),
            ],
            passing: [T.tf("google_storage_bucket", "  name = \"data\"\n  uniform_bucket_level_access = true\n")]
        ) { bucket in
            Cloud.isTrue(
                bucket["uniformAccess"], "Bucket has uniform bucket level access disabled.", at: bucket.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0017", "sql", kind: "google.sql.instance", name: "no-public-access",
            title: "Ensure that Cloud SQL Database Instances are not publicly exposed", severity: .high,
            description:
                "A public IPv4 address, or an authorized network of `0.0.0.0/0`, lets anyone on the internet attempt connections to the database.",
            resolution: "Set `ipv4_enabled = false` and use private IP, or authorize only specific networks.",
            reference: "https://cloud.google.com/sql/docs/mysql/authorize-networks",
            failing: [
                T.tf(
                    "google_sql_database_instance",
                    "  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ipv4_enabled = true\n    }\n  }\n"
                )
            ],
            passing: [
                T.tf(
                    "google_sql_database_instance",
                    "  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ipv4_enabled = false\n      private_network = \"vpc\"\n    }\n  }\n"
                )
            ]
        ) { instance in
            var failures = Cloud.isFalse(
                instance["ipv4Enabled"], "Database instance is granted a public internet address.",
                at: instance.fields.range)
            for network in instance["authorizedNetworks"]?.items ?? []
            where Cloud.allowsAllAddresses(network.text ?? "") {
                failures.append(CheckFailure("Database instance allows access from the public internet.", at: network))
            }
            return failures
        },
        Cloud.terraformCheck(
            "GCP-0015", "sql", kind: "google.sql.instance", name: "encrypt-in-transit-data",
            title: "SSL connections to a SQL database instance should be enforced.", severity: .high,
            description:
                "Unless the instance requires TLS, clients may connect in the clear and expose credentials and data on the network.",
            resolution:
                "Set `ssl_mode = \"ENCRYPTED_ONLY\"` or `\"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\"` in `ip_configuration`.",
            reference: "https://cloud.google.com/sql/docs/mysql/configure-ssl-instance",
            failing: [T.tf("google_sql_database_instance", "  settings {\n    tier = \"db-f1-micro\"\n  }\n")],
            passing: [
                T.tf(
                    "google_sql_database_instance",
                    "  settings {\n    tier = \"db-f1-micro\"\n    ip_configuration {\n      ssl_mode = \"ENCRYPTED_ONLY\"\n    }\n  }\n"
                )
            ]
        ) { instance in
            let message = "Database instance does not require TLS for all connections."
            if let mode = instance["sslMode"], !(mode.text ?? "").isEmpty || mode.unknownOrigin != nil {
                return Cloud.require(mode, message, at: instance.fields.range) {
                    ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"].contains($0.text ?? "")
                }
            }
            return Cloud.isTrue(instance["requireSsl"], message, at: instance.fields.range)
        },
        Cloud.terraformCheck(
            "GCP-0062", "gke", kind: "google.gke.cluster", name: "use-rbac-permissions",
            title: "Legacy ABAC permissions are enabled.",
            severity: .high,
            description:
                "Legacy attribute-based access control grants broad, static permissions outside Kubernetes RBAC and should stay off.",
            resolution: "Set `enable_legacy_abac = false` (the default).",
            reference:
                "https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#leave_abac_disabled_default_for_110",
            failing: [T.tf("google_container_cluster", "  name = \"gke\"\n  enable_legacy_abac = true\n")],
            passing: [T.tf("google_container_cluster", "  name = \"gke\"\n")]
        ) { cluster in
            GoogleGKEChecks.isStandalone(cluster)
                ? []
                : Cloud.isFalse(cluster["legacyAbac"], "Cluster has legacy ABAC enabled.", at: cluster.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0059", "gke", kind: "google.gke.cluster", name: "enable-private-cluster",
            title: "Clusters should be set to private",
            severity: .medium,
            description:
                "Nodes with public addresses are reachable from the internet; private nodes only have internal addresses.",
            resolution: "Set `enable_private_nodes = true` in `private_cluster_config`.",
            reference: "https://cloud.google.com/kubernetes-engine/docs/how-to/private-clusters",
            failing: [T.tf("google_container_cluster", "  name = \"gke\"\n")],
            passing: [
                T.tf(
                    "google_container_cluster",
                    "  name = \"gke\"\n  private_cluster_config {\n    enable_private_nodes = true\n  }\n")
            ]
        ) { cluster in
            GoogleGKEChecks.isStandalone(cluster)
                ? []
                : Cloud.isTrue(
                    cluster["privateNodes"], "Cluster does not have private nodes.", at: cluster.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0027", "compute", kind: "google.compute.firewall", name: "no-public-ingress",
            title: "A firewall rule should not allow unrestricted ingress from any IP address.", severity: .critical,
            description:
                "An allow rule with source `0.0.0.0/0` and no source or target tags exposes every instance of the network on the allowed ports to the whole internet.",
            resolution: "Restrict `source_ranges` to known networks, or scope the rule to tagged instances.",
            reference: "https://cloud.google.com/vpc/docs/using-firewalls",
            failing: [
                T.tf(
                    "google_compute_firewall",
                    "  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports = [\"22\"]\n  }\n  source_ranges = [\"0.0.0.0/0\"]\n"
                )
            ],
            passing: [
                T.tf(
                    "google_compute_firewall",
                    "  network = \"default\"\n  allow {\n    protocol = \"tcp\"\n    ports = [\"22\"]\n  }\n  source_ranges = [\"10.0.0.0/8\"]\n"
                )
            ]
        ) { firewall in
            guard firewall["direction"]?.text?.uppercased() != "EGRESS", firewall["allows"]?.bool == true,
                firewall["disabled"]?.bool != true, firewall["tagged"]?.bool != true
            else { return [] }
            return (firewall["sourceRanges"]?.listItems ?? []).compactMap { source in
                if let origin = source.unknownOrigin {
                    return CheckFailure(undecided: "Firewall source range", origin: origin, range: source.range)
                }
                return Cloud.allowsAllAddresses(source.text ?? "")
                    ? CheckFailure("Firewall rule allows unrestricted ingress from any IP address.", at: source) : nil
            }
        },
    ]
}

/// Google Cloud Storage bucket versioning, access logs and customer-managed keys.
extension GoogleChecks {
    static let storageDocs = "https://cloud.google.com/storage/docs/"

    static let storage: [Check] = [
        Cloud.terraformCheck(
            "GCP-0078", "storage", kind: "google.storage.bucket", name: "enable-bucket-versioning",
            title: "Cloud Storage Bucket Versioning Disabled", severity: .medium,
            description:
                "Object versioning in Cloud Storage is recommended to protect against accidental or malicious deletions.",
            resolution: "Set `versioning { enabled = true }` on the bucket.",
            reference: storageDocs + "object-versioning",
            failing: [T.tf("google_storage_bucket", "  name = \"data\"\n  location = \"EU\"\n")],
            passing: [
                T.tf(
                    "google_storage_bucket",
                    "  name = \"data\"\n  location = \"EU\"\n  versioning {\n    enabled = true\n  }\n")
            ], aliases: ["storage-bucket-versioning-disabled"]
        ) { bucket in
            Cloud.isTrue(
                bucket["versioningEnabled"], "Storage bucket versioning is not enabled.", at: bucket.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0077", "storage", kind: "google.storage.bucket", name: "enable-bucket-logging",
            title: "Cloud Storage Bucket Logging Not Enabled", severity: .medium,
            description:
                "Cloud Storage bucket access logs should be enabled for audit purposes. A bucket that receives other buckets' logs is exempt.",
            resolution:
                "Set `logging { log_bucket = \"…\" }` on the bucket, or collect its access logs through a log sink.",
            reference: storageDocs + "access-logs",
            failing: [T.tf("google_storage_bucket", "  name = \"data\"\n  location = \"EU\"\n")],
            passing: [
                T.tf("google_storage_bucket", "  name = \"logs\"\n  location = \"EU\"\n", name: "logs")
                    + T.tf(
                        "google_storage_bucket",
                        "  name = \"data\"\n  location = \"EU\"\n  logging {\n    log_bucket = google_storage_bucket.logs.name\n  }\n",
                        name: "data")
            ], aliases: ["storage-bucket-logging-not-enabled"]
        ) { bucket in
            guard bucket["receivesLogs"]?.bool != true else { return [] }
            return Cloud.nonEmpty(
                bucket["logBucket"], "Storage bucket logging is not configured with a target log bucket.",
                at: bucket.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0066", "storage", kind: "google.storage.bucket", name: "bucket-encryption-customer-key",
            title: "Cloud Storage buckets should be encrypted with a customer-managed key.", severity: .low,
            description: "Using unmanaged keys makes rotation and general management difficult.",
            resolution: "Set `encryption { default_kms_key_name = … }` on the bucket.",
            reference: storageDocs + "encryption/customer-managed-keys",
            failing: [T.tf("google_storage_bucket", "  name = \"data\"\n  location = \"EU\"\n")],
            passing: [
                T.tf(
                    "google_storage_bucket",
                    "  name = \"data\"\n  location = \"EU\"\n  encryption {\n    default_kms_key_name = \"projects/p/locations/eu/keyRings/r/cryptoKeys/k\"\n  }\n"
                )
            ]
        ) { bucket in
            Cloud.nonEmpty(
                bucket["kmsKeyName"], "Storage bucket encryption does not use a customer-managed key.",
                at: bucket.source.range)
        },
    ]
}
