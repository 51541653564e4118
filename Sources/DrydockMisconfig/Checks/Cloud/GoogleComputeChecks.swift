import DrydockModel

/// The built-in Google Compute Engine checks of instances, disks and project metadata (Trivy's `GCP-…` IDs).
enum GoogleComputeChecks {
    typealias T = CloudExampleText
    static let instance = "google.compute.instance"
    static let docs = "https://cloud.google.com/compute/docs/"

    /// A `google_compute_instance` with `lines` added to a minimal body.
    static func vm(_ lines: String = "", name: String = "example") -> String {
        T.tf(
            "google_compute_instance",
            "  name = \"vm\"\n  machine_type = \"e2-small\"\n  zone = \"europe-west1-b\"\n" + lines, name: name)
    }

    /// A metadata value that must be false (missing: off).
    static func metadataOff(_ object: CloudObject, _ field: String, _ message: String) -> [CheckFailure] {
        Cloud.isFalse(object[field], message, at: object.source.range)
    }

    /// Whether a disk has a customer-managed key (undecided when unknown).
    static func kmsKeyFailures(_ disk: ConfigNode?, at range: LineRange, _ message: String) -> [CheckFailure] {
        Cloud.nonEmpty(disk?["kmsKeyLink"], message, at: disk?.range ?? range)
    }

    /// A raw (customer-supplied) key written in the configuration.
    static func rawKeyFailures(_ disk: ConfigNode?, _ message: String) -> [CheckFailure] {
        guard let key = disk?["rawKey"], key.unknownOrigin == nil, !(key.text ?? "").isEmpty else { return [] }
        return [CheckFailure(message, at: key)]
    }

    static let shieldedBlock = "  shielded_instance_config {\n    enable_secure_boot = true\n  }\n"

    static func shielded(
        _ id: String, _ name: String, _ title: String, _ description: String, _ field: String, _ attribute: String,
        _ message: String, reference: String
    ) -> Check {
        Cloud.terraformCheck(
            id, "compute", kind: instance, name: name, title: title, severity: .medium, description: description,
            resolution: "Set `\(attribute) = true` in `shielded_instance_config`.", reference: reference,
            failing: [vm(), vm("  shielded_instance_config {\n    \(attribute) = false\n  }\n")],
            passing: [vm(shieldedBlock)]
        ) { object in
            guard let shielded = object["shieldedVm"] else {
                return [CheckFailure(message, range: object.source.range)]
            }
            return Cloud.isTrue(shielded[field], message, at: shielded.range)
        }
    }

    static let all: [Check] = [
        Cloud.terraformCheck(
            "GCP-0043", "compute", kind: instance, name: "no-ip-forwarding",
            title: "Instances should not have IP forwarding enabled", severity: .high,
            description:
                "Disabling IP forwarding ensures the instance can only receive packets addressed to the instance and can only send packets with a source address of the instance.",
            resolution: "Leave `can_ip_forward` unset or `false`, unless the instance is a router or NAT gateway.",
            reference: docs + "instances/ip-forwarding",
            failing: [vm("  can_ip_forward = true\n")], passing: [vm(), vm("  can_ip_forward = false\n")]
        ) { object in
            Cloud.isFalse(object["canIpForward"], "Instance has IP forwarding allowed", at: object.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0032", "compute", kind: instance, name: "no-serial-port",
            title: "Disable serial port connectivity for all instances", severity: .medium,
            description:
                "When serial port access is enabled, the access is not governed by network security rules meaning the port can be exposed publicly.",
            resolution: "Remove `serial-port-enable` from the instance metadata, or set it to `false`.",
            reference: docs + "troubleshooting/troubleshooting-using-serial-console",
            failing: [vm("  metadata = {\n    serial-port-enable = true\n  }\n")],
            passing: [vm(), vm("  metadata = {\n    serial-port-enable = \"FALSE\"\n  }\n")]
        ) { object in
            metadataOff(object, "serialPort", "Instance has serial port enabled.")
        },
        Cloud.terraformCheck(
            "GCP-0036", "compute", kind: instance, name: "no-oslogin-override",
            title: "Instances should not override the project setting for OS Login", severity: .medium,
            description:
                "OS Login automatically revokes the relevant SSH keys when an IAM user has their access revoked. Only an explicit `enable-oslogin = false` in the instance metadata is an override (Trivy also flags instance metadata that merely leaves the key out).",
            resolution: "Enable OS Login at project level and remove `enable-oslogin` from the instance metadata.",
            reference: docs + "oslogin",
            failing: [vm("  metadata = {\n    enable-oslogin = \"FALSE\"\n  }\n")],
            passing: [vm(), vm("  metadata = {\n    enable-oslogin = \"TRUE\"\n  }\n")]
        ) { object in
            Cloud.require(
                object["osLogin"], "Instance has OS Login disabled.", at: object.source.range, missingPasses: true
            ) {
                $0.bool == true
            }
        },
        Cloud.terraformCheck(
            "GCP-0030", "compute", kind: instance, name: "no-project-wide-ssh-keys",
            title: "Disable project-wide SSH keys for all instances", severity: .medium,
            description:
                "Use of project-wide SSH keys means that a compromise of any one of these key pairs can result in all instances being compromised. It is recommended to use instance-level keys.",
            resolution: "Set `block-project-ssh-keys = true` in the instance metadata.",
            reference: docs + "connect/restrict-ssh-keys#block-keys",
            failing: [vm(), vm("  metadata = {\n    block-project-ssh-keys = false\n  }\n")],
            passing: [vm("  metadata = {\n    block-project-ssh-keys = true\n  }\n")]
        ) { object in
            Cloud.isTrue(
                object["blockProjectSshKeys"], "Instance allows use of project-level SSH keys.",
                at: object.source.range)
        },
        Cloud.terraformCheck(
            "GCP-0031", "compute", kind: instance, name: "no-public-ip",
            title: "Instances should not have public IP addresses", severity: .high,
            description:
                "Instances should not be publicly exposed to the internet; an `access_config` block gives a network interface an external address.",
            resolution:
                "Remove `access_config` from the network interfaces and reach the instance through a load balancer, IAP or Cloud NAT.",
            reference: docs + "ip-addresses#externaladdresses",
            failing: [vm("  network_interface {\n    network = \"default\"\n    access_config {}\n  }\n")],
            passing: [vm("  network_interface {\n    network = \"default\"\n  }\n")]
        ) { object in
            (object["networkInterfaces"]?.items ?? []).compactMap { interface in
                guard let publicIp = interface["publicIp"], publicIp.bool == true else { return nil }
                return CheckFailure("Instance has a public IP allocated.", at: publicIp)
            }
        },
        shielded(
            "GCP-0045", "enable-shielded-vm-im", "Instances should have Shielded VM integrity monitoring enabled",
            "Integrity monitoring helps you understand and make decisions about the state of your VM instances.",
            "integrityMonitoring", "enable_integrity_monitoring",
            "Instance does not have shielded VM integrity monitoring enabled.",
            reference: "https://cloud.google.com/security/shielded-cloud/shielded-vm#integrity-monitoring"),
        shielded(
            "GCP-0067", "enable-shielded-vm-sb", "Instances should have Shielded VM secure boot enabled",
            "Secure boot helps ensure that the system only runs authentic software.", "secureBoot",
            "enable_secure_boot", "Instance does not have shielded VM secure boot enabled.",
            reference: "https://cloud.google.com/security/shielded-cloud/shielded-vm#secure-boot"),
        shielded(
            "GCP-0041", "enable-shielded-vm-vtpm", "Instances should have Shielded VM VTPM enabled",
            "The virtual TPM provides numerous security measures to your VM.", "vtpm", "enable_vtpm",
            "Instance does not have VTPM for shielded VMs enabled.",
            reference: "https://cloud.google.com/security/shielded-cloud/shielded-vm#vtpm"),
        Cloud.terraformCheck(
            "GCP-0044", "compute", kind: instance, name: "no-default-service-account",
            title: "Instances should not use the default service account", severity: .critical,
            description:
                "The default service account has full project access. Instances should instead be assigned the minimal access they need.",
            resolution: "Create a service account for the instance and set its `email` in `service_account`.",
            reference: docs + "access/service-accounts#default_service_account",
            failing: [
                vm("  service_account {\n    scopes = [\"cloud-platform\"]\n  }\n"),
                vm(
                    "  service_account {\n    email = \"123456789-compute@developer.gserviceaccount.com\"\n    scopes = [\"cloud-platform\"]\n  }\n"
                ),
            ],
            passing: [
                T.tf("google_service_account", "  account_id = \"vm\"\n", name: "vm")
                    + vm(
                        "  service_account {\n    email = google_service_account.vm.email\n    scopes = [\"cloud-platform\"]\n  }\n"
                    )
            ]
        ) { object in
            guard let email = object["serviceAccount"]?["email"] else { return [] }
            let message = "Instance uses the default service account."
            if let origin = email.unknownOrigin {
                if origin.contains("_default_service_account.") { return [CheckFailure(message, at: email)] }
                if origin.hasPrefix("google_service_account.") || origin.contains(".google_service_account.") {
                    return []
                }
                return [CheckFailure(undecided: "Instance service account", origin: origin, range: email.range)]
            }
            let text = email.text ?? ""
            return text.isEmpty || text.hasSuffix("-compute@developer.gserviceaccount.com")
                ? [CheckFailure(message, at: email)] : []
        },
        Cloud.terraformCheck(
            "GCP-0033", "compute", kind: instance, name: "vm-disk-encryption-customer-key",
            title: "VM disks should be encrypted with Customer Supplied Encryption Keys", severity: .low,
            description:
                "Disks encrypted with Google-managed keys cannot be rotated, disabled or audited by you; a Cloud KMS key (`kms_key_self_link`) gives that control. (Trivy's title says customer-supplied keys; like Trivy, the check asks for a KMS key.)",
            resolution: "Set `kms_key_self_link` on the instance's boot and attached disks.",
            reference: docs + "disks/customer-managed-encryption",
            failing: [
                vm("  boot_disk {\n    initialize_params {\n      image = \"debian-cloud/debian-12\"\n    }\n  }\n")
            ],
            passing: [
                vm(
                    "  boot_disk {\n    kms_key_self_link = \"projects/p/locations/europe/keyRings/r/cryptoKeys/k\"\n  }\n"
                )
            ]
        ) { object in
            (object["disks"]?.items ?? []).flatMap {
                kmsKeyFailures(
                    $0, at: object.source.range, "Instance disk encryption does not use a customer managed key.")
            }
        },
        Cloud.terraformCheck(
            "GCP-0034", "compute", kind: "google.compute.disk", name: "disk-encryption-customer-key",
            title: "Disks should be encrypted with customer managed encryption keys", severity: .low,
            description: "Using unmanaged keys makes rotation and general management difficult.",
            resolution: "Set `kms_key_self_link` in the disk's `disk_encryption_key` block.",
            reference: docs + "disks/customer-managed-encryption",
            failing: [T.tf("google_compute_disk", "  name = \"data\"\n  zone = \"europe-west1-b\"\n")],
            passing: [
                T.tf(
                    "google_compute_disk",
                    "  name = \"data\"\n  disk_encryption_key {\n    kms_key_self_link = \"projects/p/locations/europe/keyRings/r/cryptoKeys/k\"\n  }\n"
                )
            ]
        ) { disk in
            Cloud.nonEmpty(
                disk["kmsKeyLink"], "Disk is not encrypted with a customer managed key.", at: disk.source.range)
        },
        Cloud.check(
            .cloud(
                "GCP-0037", service: "compute", kinds: [instance, "google.compute.disk"],
                name: "disk-encryption-no-plaintext-key",
                title: "The encryption key used to encrypt a compute disk has been specified in plaintext.",
                severity: .critical,
                description:
                    "Sensitive values such as raw encryption keys should not be included in your Terraform code, and should be stored securely by a secrets manager.",
                resolution: "Reference a managed key rather than include the key in raw format.",
                references: [docs + "disks/customer-supplied-encryption"], cloudFormation: false),
            examples: CheckExamples(
                failing: [
                    T.tf(
                        "google_compute_disk",
                        "  name = \"data\"\n  disk_encryption_key {\n    raw_key = \"acXTX3rxrKAFTF0tYVLvydU1riRZTvUNC4g5I11NY+c=\"\n  }\n"
                    ),
                    vm(
                        "  boot_disk {\n    disk_encryption_key_raw = \"acXTX3rxrKAFTF0tYVLvydU1riRZTvUNC4g5I11NY+c=\"\n  }\n"
                    ),
                ],
                passing: [
                    T.tf(
                        "google_compute_disk",
                        "  name = \"data\"\n  disk_encryption_key {\n    kms_key_self_link = \"projects/p/locations/europe/keyRings/r/cryptoKeys/k\"\n  }\n"
                    ),
                    vm(
                        "  boot_disk {\n    kms_key_self_link = \"projects/p/locations/europe/keyRings/r/cryptoKeys/k\"\n  }\n"
                    ),
                ])
        ) { object in
            if object.kind == instance {
                return (object["disks"]?.items ?? []).flatMap {
                    rawKeyFailures($0, "Instance disk has encryption key provided in plaintext.")
                }
            }
            return rawKeyFailures(object.fields, "Disk encryption key is supplied in plaintext.")
        },
        Cloud.terraformCheck(
            "GCP-0042", "compute", kind: "google.compute.projectmetadata", name: "project-level-oslogin",
            title: "OS Login should be enabled at project level", severity: .medium,
            description:
                "OS Login automatically revokes the relevant SSH keys when an IAM user has their access revoked.",
            resolution: "Set `enable-oslogin = \"TRUE\"` in `google_compute_project_metadata`.",
            reference: docs + "oslogin/set-up-oslogin",
            failing: [T.tf("google_compute_project_metadata", "  metadata = {\n    foo = \"bar\"\n  }\n")],
            passing: [
                T.tf("google_compute_project_metadata", "  metadata = {\n    enable-oslogin = \"TRUE\"\n  }\n"),
                T.tf("google_compute_project_metadata_item", "  key = \"enable-oslogin\"\n  value = \"TRUE\"\n"),
            ]
        ) { metadata in
            Cloud.isTrue(metadata["osLogin"], "OS Login is disabled at project level.", at: metadata.source.range)
        },
    ]
}
