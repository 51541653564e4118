/// Google Compute Engine instances, disks and project metadata, and IAM grants at project, folder and
/// organization level, of Terraform's `google` provider in the common model.
enum GoogleComputeTerraform {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        instances(context) + disks(context) + projectMetadata(context) + iam(context)
    }

    /// Instance metadata keys that switch features on or off (`enable-oslogin = "TRUE"`), as booleans; values
    /// Compute Engine does not read as booleans are left as written.
    static func metadataFlag(_ metadata: ConfigNode?, _ key: String) -> ConfigNode? { flag(metadata?[key]) }

    /// A metadata value as a boolean when Compute Engine reads it as one.
    static func flag(_ value: ConfigNode?) -> ConfigNode? {
        guard let value else { return nil }
        if value.unknownOrigin != nil { return value }
        switch (value.text ?? "").lowercased() {
        case "true", "1", "yes", "y": return ConfigNode(.bool(true), range: value.range)
        case "false", "0", "no", "n": return ConfigNode(.bool(false), range: value.range)
        default: return value
        }
    }

    static func disk(_ node: ConfigNode, rawKey: String, kmsKey: String) -> ConfigNode {
        var disk = CloudFields(range: node.range)
        disk.set("rawKey", node[rawKey])
        disk.set("kmsKeyLink", node[kmsKey])
        return disk.node
    }

    static func instances(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("google_compute_instance", "google_compute_instance_template").map { instance in
            let a = instance.attributes
            var fields = CloudFields(range: instance.range)
            fields.set("canIpForward", a["can_ip_forward"])
            let metadata = a["metadata"]
            fields.set("osLogin", metadataFlag(metadata, "enable-oslogin"))
            fields.set("blockProjectSshKeys", metadataFlag(metadata, "block-project-ssh-keys"))
            fields.set("serialPort", metadataFlag(metadata, "serial-port-enable"))
            let interfaces = a.blocks("network_interface").map { interface in
                var model = CloudFields(range: interface.range)
                let access = interface.blocks("access_config") + interface.blocks("ipv6_access_config")
                model.set("publicIp", value: .bool(!access.isEmpty), range: access.first?.range ?? interface.range)
                return model.node
            }
            fields.set("networkInterfaces", ConfigNode(.sequence(interfaces), range: instance.range))
            if let shielded = a.block("shielded_instance_config") {
                var model = CloudFields(range: shielded.range)
                // The provider's defaults inside the block: integrity monitoring and vTPM on, secure boot off.
                model.set(
                    "integrityMonitoring",
                    shielded["enable_integrity_monitoring"] ?? .init(.bool(true), range: shielded.range))
                model.set("vtpm", shielded["enable_vtpm"] ?? .init(.bool(true), range: shielded.range))
                model.set("secureBoot", shielded["enable_secure_boot"])
                fields.set("shieldedVm", fields: model)
            }
            if let account = a.block("service_account") {
                var model = CloudFields(range: account.range)
                model.set("email", account["email"] ?? ConfigNode(.string(""), range: account.range))
                fields.set("serviceAccount", fields: model)
            }
            // `google_compute_instance` has `boot_disk` and `attached_disk`; a template lists every disk as `disk`.
            var disks = a.blocks("boot_disk").map {
                disk($0, rawKey: "disk_encryption_key_raw", kmsKey: "kms_key_self_link")
            }
            disks += a.blocks("attached_disk").map {
                disk($0, rawKey: "disk_encryption_key_raw", kmsKey: "kms_key_self_link")
            }
            disks += a.blocks("disk").map { node in
                disk(
                    node.block("disk_encryption_key") ?? node.at(node.range), rawKey: "raw_key",
                    kmsKey: "kms_key_self_link"
                )
                .at(node.range)
            }
            fields.set("disks", ConfigNode(.sequence(disks), range: instance.range))
            return context.object("google.compute.instance", instance, fields)
        }
    }

    static func disks(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("google_compute_disk", "google_compute_region_disk").map { resource in
            var fields = CloudFields(range: resource.range)
            let encryption = resource.attributes.block("disk_encryption_key")
            fields.set("rawKey", encryption?["raw_key"])
            fields.set("kmsKeyLink", encryption?["kms_key_self_link"])
            return context.object("google.compute.disk", resource, fields)
        }
    }

    static func projectMetadata(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects = context.of("google_compute_project_metadata").map { resource in
            var fields = CloudFields(range: resource.range)
            fields.set("osLogin", metadataFlag(resource.attributes["metadata"], "enable-oslogin"))
            return context.object("google.compute.projectmetadata", resource, fields)
        }
        // A single key set by its own resource (which Trivy does not read).
        for item in context.of("google_compute_project_metadata_item")
        where item.attributes["key"]?.text == "enable-oslogin" {
            var fields = CloudFields(range: item.range)
            fields.set("osLogin", flag(item.attributes["value"]))
            objects.append(context.object("google.compute.projectmetadata", item, fields))
        }
        return objects
    }

    /// IAM grants: one object per `google_{project,folder,organization}_iam_{member,binding}` resource.
    static func iam(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for level in ["project", "folder", "organization"] {
            for grant in context.of("google_\(level)_iam_member", "google_\(level)_iam_binding") {
                let a = grant.attributes
                var fields = CloudFields(range: grant.range)
                fields.set("level", value: .string(level), range: grant.range)
                fields.set("role", a["role"])
                let members = (a["member"].map { [$0] } ?? []) + (a["members"]?.listItems ?? [])
                fields.set("members", ConfigNode(.sequence(members), range: a["members"]?.range ?? grant.range))
                objects.append(context.object("google.iam.grant", grant, fields))
            }
        }
        return objects
    }
}
