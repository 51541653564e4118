/// AWS resources of Terraform's `aws` provider in the common model.
enum AWSTerraform {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        s3(context) + iam(context) + securityGroups(context) + compute(context) + AWSTerraformServices.objects(context)
            + AWSEC2Terraform.objects(context) + AWSIAMPrincipals.terraform(context)
    }

    static func bool(_ value: Bool, _ range: LineRange) -> ConfigNode { ConfigNode(.bool(value), range: range) }

    // MARK: S3

    static func s3(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("aws_s3_bucket").map { bucket in
            let a = bucket.attributes
            var fields = CloudFields(range: bucket.range)
            fields.set("name", a["bucket"])
            fields.set("acl", a["acl"])
            let companions = { (type: String) in
                context.linked(to: bucket, from: [type], attribute: "bucket", nameAttribute: "bucket").first
            }
            if let acl = companions("aws_s3_bucket_acl") { fields.set("acl", acl.attributes["acl"]) }
            if let block = companions("aws_s3_bucket_public_access_block") {
                var access = CloudFields(range: block.range)
                access.set("blockPublicAcls", block.attributes["block_public_acls"])
                access.set("blockPublicPolicy", block.attributes["block_public_policy"])
                access.set("ignorePublicAcls", block.attributes["ignore_public_acls"])
                access.set("restrictPublicBuckets", block.attributes["restrict_public_buckets"])
                fields.set("publicAccessBlock", fields: access)
            }
            // Encryption: the inline block (provider v3) or the companion resource (v4+).
            let encryptionSource =
                companions("aws_s3_bucket_server_side_encryption_configuration")?.attributes
                ?? a.block("server_side_encryption_configuration")
            if let source = encryptionSource, let rule = source.block("rule") {
                var encryption = CloudFields(range: rule.range)
                let defaults = rule.block("apply_server_side_encryption_by_default")
                encryption.set("algorithm", defaults?["sse_algorithm"])
                encryption.set("kmsKeyId", defaults?["kms_master_key_id"])
                encryption.set(
                    "enabled",
                    defaults.map { d in
                        d["sse_algorithm"].map { node in
                            node.unknownOrigin == nil ? bool(!(node.text ?? "").isEmpty, node.range) : node
                        }
                            ?? bool(false, d.range)
                    })
                fields.set("encryption", fields: encryption)
            }
            if let versioning = companions("aws_s3_bucket_versioning") {
                var model = CloudFields(range: versioning.range)
                if let configuration = versioning.attributes.block("versioning_configuration") {
                    if let status = configuration["status"] {
                        model.set(
                            "enabled",
                            status.unknownOrigin == nil ? bool(status.text == "Enabled", status.range) : status)
                    }
                    if let mfa = configuration["mfa_delete"] {
                        model.set("mfaDelete", mfa.unknownOrigin == nil ? bool(mfa.text == "Enabled", mfa.range) : mfa)
                    }
                }
                fields.set("versioning", fields: model)
            } else if let versioning = a.block("versioning") {
                var model = CloudFields(range: versioning.range)
                model.set("enabled", versioning["enabled"])
                model.set("mfaDelete", versioning["mfa_delete"])
                fields.set("versioning", fields: model)
            }
            if let logging = companions("aws_s3_bucket_logging") {
                var model = CloudFields(range: logging.range)
                model.set("targetBucket", logging.attributes["target_bucket"])
                model.set("enabled", value: .bool(true), range: logging.range)
                fields.set("logging", fields: model)
            } else if let logging = a.block("logging") {
                var model = CloudFields(range: logging.range)
                model.set("targetBucket", logging["target_bucket"])
                model.set("enabled", value: .bool(true), range: logging.range)
                fields.set("logging", fields: model)
            }
            return context.object("aws.s3.bucket", bucket, fields)
        }
    }

    // MARK: IAM

    static func iam(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        let policyTypes = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"]
        for resource in context.of(policyTypes[0], policyTypes[1], policyTypes[2], policyTypes[3]) {
            var fields = CloudFields(range: resource.range)
            fields.set("name", resource.attributes["name"])
            fields.set("document", context.policyDocument(resource.attributes["policy"]))
            objects.append(context.object("aws.iam.policy", resource, fields))
        }
        for role in context.of("aws_iam_role") {
            for inline in role.attributes.blocks("inline_policy") {
                var fields = CloudFields(range: inline.range)
                fields.set("name", inline["name"])
                fields.set("document", context.policyDocument(inline["policy"]))
                objects.append(context.object("aws.iam.policy", role, fields))
            }
        }
        // AWS allows one account password policy; every declared one is checked.
        for policy in context.of("aws_iam_account_password_policy") {
            let a = policy.attributes
            var fields = CloudFields(range: policy.range)
            fields.set("requireLowercase", a["require_lowercase_characters"])
            fields.set("requireUppercase", a["require_uppercase_characters"])
            fields.set("requireNumbers", a["require_numbers"])
            fields.set("requireSymbols", a["require_symbols"])
            fields.set("reusePreventionCount", a["password_reuse_prevention"])
            fields.set("maxAgeDays", a["max_password_age"])
            fields.set("minimumLength", a["minimum_password_length"])
            objects.append(context.object("aws.iam.passwordpolicy", policy, fields))
        }
        return objects
    }

    // MARK: Security groups

    static func rule(_ node: ConfigNode, range: LineRange, ipv4: String, ipv6: String, protocolKey: String)
        -> ConfigNode
    {
        var rule = CloudFields(range: range)
        let cidrs = (node[ipv4]?.listItems ?? []) + (node[ipv6]?.listItems ?? [])
        rule.set("cidrs", ConfigNode(.sequence(cidrs), range: range))
        rule.set("description", node["description"])
        rule.set("protocol", node[protocolKey])
        rule.set("fromPort", node["from_port"])
        rule.set("toPort", node["to_port"])
        return rule.node
    }

    static func securityGroups(_ context: TerraformAdapterContext) -> [CloudObject] {
        var claimed: Set<String> = []
        var objects = context.of("aws_security_group", "aws_default_security_group").map { group -> CloudObject in
            var fields = CloudFields(range: group.range)
            fields.set("description", group.attributes["description"])
            fields.set("isDefault", value: .bool(group.type == "aws_default_security_group"), range: group.range)
            var ingress = group.attributes.blocks("ingress").map {
                rule($0, range: $0.range, ipv4: "cidr_blocks", ipv6: "ipv6_cidr_blocks", protocolKey: "protocol")
            }
            var egress = group.attributes.blocks("egress").map {
                rule($0, range: $0.range, ipv4: "cidr_blocks", ipv6: "ipv6_cidr_blocks", protocolKey: "protocol")
            }
            for linked in context.linked(to: group, from: ["aws_security_group_rule"], attribute: "security_group_id") {
                claimed.insert(linked.address)
                let built = rule(
                    linked.attributes, range: linked.range, ipv4: "cidr_blocks", ipv6: "ipv6_cidr_blocks",
                    protocolKey: "protocol")
                if linked.attributes["type"]?.text == "egress" { egress.append(built) } else { ingress.append(built) }
            }
            for type in ["aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"] {
                for linked in context.linked(to: group, from: [type], attribute: "security_group_id") {
                    claimed.insert(linked.address)
                    let built = rule(
                        linked.attributes, range: linked.range, ipv4: "cidr_ipv4", ipv6: "cidr_ipv6",
                        protocolKey: "ip_protocol")
                    if type.hasSuffix("egress_rule") { egress.append(built) } else { ingress.append(built) }
                }
            }
            fields.set("ingress", ConfigNode(.sequence(ingress), range: group.range))
            fields.set("egress", ConfigNode(.sequence(egress), range: group.range))
            return context.object("aws.ec2.securitygroup", group, fields)
        }
        // Rules whose group is not in the files (a data source, another configuration): checked on their own.
        let ruleTypes = [
            "aws_security_group_rule", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
        ]
        for loose in context.of(ruleTypes[0], ruleTypes[1], ruleTypes[2]) where !claimed.contains(loose.address) {
            let modern = loose.type != "aws_security_group_rule"
            let built = rule(
                loose.attributes, range: loose.range, ipv4: modern ? "cidr_ipv4" : "cidr_blocks",
                ipv6: modern ? "cidr_ipv6" : "ipv6_cidr_blocks", protocolKey: modern ? "ip_protocol" : "protocol")
            let isEgress = loose.type.hasSuffix("egress_rule") || loose.attributes["type"]?.text == "egress"
            var fields = CloudFields(range: loose.range)
            fields.set("rulesOnly", value: .bool(true), range: loose.range)
            fields.set(isEgress ? "egress" : "ingress", ConfigNode(.sequence([built]), range: loose.range))
            objects.append(context.object("aws.ec2.securitygroup", loose, fields))
        }
        return objects
    }

    // MARK: EC2 compute

    static func compute(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for instance in context.of("aws_instance") {
            let a = instance.attributes
            var fields = CloudFields(range: instance.range)
            let launchTemplate = context.of("aws_launch_template").first {
                $0.isReferenced(by: a.block("launch_template")?["id"], nameAttribute: nil)
                    || $0.isReferenced(by: a.block("launch_template")?["name"], nameAttribute: "name")
            }
            if let options = a.block("metadata_options") ?? launchTemplate?.attributes.block("metadata_options") {
                var metadata = CloudFields(range: options.range)
                metadata.set("httpTokens", options["http_tokens"])
                metadata.set("httpEndpoint", options["http_endpoint"])
                fields.set("metadataOptions", fields: metadata)
            }
            if let root = a.block("root_block_device") {
                var device = CloudFields(range: root.range)
                device.set("encrypted", root["encrypted"])
                fields.set("rootBlockDevice", fields: device)
            }
            fields.set(
                "ebsBlockDevices",
                ConfigNode(
                    .sequence(
                        a.blocks("ebs_block_device").map { block in
                            var device = CloudFields(range: block.range)
                            device.set("encrypted", block["encrypted"])
                            return device.node
                        }), range: instance.range))
            fields.set("userData", AWSEC2Terraform.userData(a))
            objects.append(context.object("aws.ec2.instance", instance, fields))
        }
        for volume in context.of("aws_ebs_volume") {
            var fields = CloudFields(range: volume.range)
            fields.set("encrypted", volume.attributes["encrypted"])
            fields.set("kmsKeyId", volume.attributes["kms_key_id"])
            objects.append(context.object("aws.ec2.volume", volume, fields))
        }
        for subnet in context.of("aws_subnet") {
            var fields = CloudFields(range: subnet.range)
            fields.set("mapPublicIpOnLaunch", subnet.attributes["map_public_ip_on_launch"])
            objects.append(context.object("aws.ec2.subnet", subnet, fields))
        }
        return objects
    }
}
