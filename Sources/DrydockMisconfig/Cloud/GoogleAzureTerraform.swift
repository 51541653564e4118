/// Google Cloud (`google` provider) and Azure (`azurerm` provider) resources of Terraform in the common model.
enum GoogleAzureTerraform {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        google(context) + AzureTerraform.objects(context) + GoogleComputeTerraform.objects(context)
            + GoogleGKETerraform.objects(context)
            + GoogleProjectTerraform.objects(context)
            + AzureDatabaseTerraform.objects(context)
    }

    static func google(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for bucket in context.of("google_storage_bucket") {
            var fields = CloudFields(range: bucket.range)
            fields.set("name", bucket.attributes["name"])
            fields.set("uniformAccess", bucket.attributes["uniform_bucket_level_access"])
            fields.set("versioningEnabled", bucket.attributes.block("versioning")?["enabled"])
            fields.set("logBucket", bucket.attributes.block("logging")?["log_bucket"])
            fields.set("kmsKeyName", bucket.attributes.block("encryption")?["default_kms_key_name"])
            // A bucket other buckets send their access logs to needs no logs of its own.
            let receivesLogs = context.of("google_storage_bucket").contains { other in
                bucket.isReferenced(by: other.attributes.block("logging")?["log_bucket"], nameAttribute: "name")
            }
            fields.set("receivesLogs", value: .bool(receivesLogs), range: bucket.range)
            var members: [ConfigNode] = []
            for grant in context.linked(
                to: bucket, from: ["google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"],
                attribute: "bucket", nameAttribute: "name")
            {
                members +=
                    (grant.attributes["member"].map { [$0] } ?? []) + (grant.attributes["members"]?.listItems ?? [])
            }
            fields.set("members", ConfigNode(.sequence(members), range: bucket.range))
            objects.append(context.object("google.storage.bucket", bucket, fields))
        }
        for instance in context.of("google_sql_database_instance") {
            let ip = instance.attributes.block("settings")?.block("ip_configuration")
            var fields = CloudFields(range: ip?.range ?? instance.range)
            fields.set("ipv4Enabled", ip?["ipv4_enabled"])
            fields.set("sslMode", ip?["ssl_mode"])
            fields.set("requireSsl", ip?["require_ssl"])
            fields.set(
                "authorizedNetworks",
                ConfigNode(
                    .sequence((ip?.blocks("authorized_networks") ?? []).compactMap { $0["value"] }),
                    range: ip?.range ?? instance.range))
            let settings = instance.attributes.block("settings")
            fields.set("databaseVersion", instance.attributes["database_version"])
            fields.set("replicaOf", instance.attributes["master_instance_name"])
            let backups = settings?.block("backup_configuration")
            fields.set(
                "backupsEnabled", backups?["enabled"] ?? backups.map { ConfigNode(.bool(false), range: $0.range) })
            fields.set("settingsRange", value: .bool(true), range: settings?.range ?? instance.range)
            // `database_flags { name = "log_connections" value = "on" }`, as a mapping by flag name (the value's lines).
            var flags = CloudFields(range: settings?.range ?? instance.range)
            for flag in settings?.blocks("database_flags") ?? [] {
                guard let name = flag["name"]?.string, let value = flag["value"] else { continue }
                flags.set(name, value.at(flag.range))
            }
            fields.set("flags", fields: flags)
            objects.append(context.object("google.sql.instance", instance, fields))
        }
        for firewall in context.of("google_compute_firewall") {
            let a = firewall.attributes
            var fields = CloudFields(range: firewall.range)
            fields.set("direction", a["direction"] ?? ConfigNode(.string("INGRESS"), range: firewall.range))
            fields.set("allows", value: .bool(!a.blocks("allow").isEmpty), range: firewall.range)
            fields.set("allowRules", each: a.blocks("allow"), [("protocol", "protocol"), ("ports", "ports")])
            fields.set("disabled", a["disabled"])
            fields.set("sourceRanges", a["source_ranges"])
            fields.set("destinationRanges", a["destination_ranges"])
            fields.set(
                "tagged",
                value: .bool(
                    !(a["source_tags"]?.listItems.isEmpty ?? true) || !(a["target_tags"]?.listItems.isEmpty ?? true)),
                range: firewall.range)
            objects.append(context.object("google.compute.firewall", firewall, fields))
        }
        return objects
    }

    static func nsgRule(_ node: ConfigNode) -> ConfigNode {
        var rule = CloudFields(range: node.range)
        rule.set("direction", node["direction"])
        rule.set("access", node["access"])
        rule.set("protocol", node["protocol"])
        let ports =
            (node["destination_port_range"].map { [$0] } ?? []) + (node["destination_port_ranges"]?.listItems ?? [])
        rule.set("ports", ConfigNode(.sequence(ports), range: node.range))
        let sources =
            (node["source_address_prefix"].map { [$0] } ?? []) + (node["source_address_prefixes"]?.listItems ?? [])
        rule.set("sources", ConfigNode(.sequence(sources), range: node.range))
        let destinations =
            (node["destination_address_prefix"].map { [$0] } ?? [])
            + (node["destination_address_prefixes"]?.listItems ?? [])
        rule.set("destinations", ConfigNode(.sequence(destinations), range: node.range))
        return rule.node
    }
}
