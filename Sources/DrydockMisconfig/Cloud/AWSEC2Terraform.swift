import Foundation

/// EC2 launch configurations and templates, VPCs with their flow logs, network ACLs and AMI look-ups of
/// Terraform's `aws` provider in the common model.
enum AWSEC2Terraform {
    static func objects(_ context: TerraformAdapterContext) -> [CloudObject] {
        launch(context) + vpcs(context) + networkACLs(context) + amis(context)
    }

    /// User data as written, or decoded from `user_data_base64`.
    static func userData(_ a: ConfigNode) -> ConfigNode? {
        if let data = a["user_data"] { return data }
        guard let encoded = a["user_data_base64"] else { return nil }
        guard let text = encoded.string, let data = Data(base64Encoded: text),
            let decoded = String(data: data, encoding: .utf8)
        else { return encoded }
        return ConfigNode(.string(decoded), range: encoded.range)
    }

    static func metadataOptions(_ block: ConfigNode?) -> CloudFields? {
        guard let block else { return nil }
        var metadata = CloudFields(range: block.range)
        metadata.set("httpTokens", block["http_tokens"])
        metadata.set("httpEndpoint", block["http_endpoint"])
        return metadata
    }

    static func device(_ block: ConfigNode) -> ConfigNode {
        var device = CloudFields(range: block.range)
        device.set("encrypted", block["encrypted"])
        return device.node
    }

    static func launch(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        for configuration in context.of("aws_launch_configuration") {
            let a = configuration.attributes
            var fields = CloudFields(range: configuration.range)
            fields.set("associatePublicIp", a["associate_public_ip_address"])
            if let root = a.block("root_block_device") { fields.set("rootBlockDevice", device(root)) }
            fields.set(
                "ebsBlockDevices",
                ConfigNode(.sequence(a.blocks("ebs_block_device").map(device)), range: configuration.range))
            fields.set("metadataOptions", fields: metadataOptions(a.block("metadata_options")))
            fields.set("userData", userData(a))
            objects.append(context.object("aws.ec2.launchconfiguration", configuration, fields))
        }
        for template in context.of("aws_launch_template") {
            let a = template.attributes
            var fields = CloudFields(range: template.range)
            fields.set("metadataOptions", fields: metadataOptions(a.block("metadata_options")))
            // A launch template's `user_data` is base64 text.
            if let encoded = a["user_data"] {
                fields.set(
                    "userData",
                    userData(
                        ConfigNode(
                            .mapping([
                                ConfigEntry(key: "user_data_base64", keyLine: encoded.range.start, value: encoded)
                            ]), range: encoded.range)))
            }
            objects.append(context.object("aws.ec2.launchtemplate", template, fields))
        }
        return objects
    }

    static func vpcs(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.of("aws_vpc", "aws_default_vpc").map { vpc in
            var fields = CloudFields(range: vpc.range)
            fields.set("isDefault", value: .bool(vpc.type == "aws_default_vpc"), range: vpc.range)
            let logs = context.linked(to: vpc, from: ["aws_flow_log"], attribute: "vpc_id")
            fields.set("flowLogs", value: .bool(!logs.isEmpty), range: logs.first?.range ?? vpc.range)
            return context.object("aws.ec2.vpc", vpc, fields)
        }
    }

    /// A network ACL rule: `aws_network_acl_rule` attributes or an inline `ingress`/`egress` block.
    static func aclRule(_ node: ConfigNode, egress: ConfigNode?, action: ConfigNode?, range: LineRange) -> ConfigNode {
        var rule = CloudFields(range: range)
        rule.set("egress", egress ?? ConfigNode(.bool(false), range: range))
        rule.set("action", action)
        rule.set("protocol", node["protocol"])
        let cidrs = [node["cidr_block"], node["ipv6_cidr_block"]].compactMap { $0 }
        rule.set("cidrs", ConfigNode(.sequence(cidrs), range: range))
        rule.set("fromPort", node["from_port"])
        rule.set("toPort", node["to_port"])
        return rule.node
    }

    static func networkACLs(_ context: TerraformAdapterContext) -> [CloudObject] {
        var objects: [CloudObject] = []
        var claimed: Set<String> = []
        for acl in context.of("aws_network_acl", "aws_default_network_acl") {
            var rules: [ConfigNode] = []
            for (key, egress) in [("ingress", false), ("egress", true)] {
                rules += acl.attributes.blocks(key).map {
                    aclRule(
                        $0, egress: ConfigNode(.bool(egress), range: $0.range), action: $0["action"], range: $0.range)
                }
            }
            for linked in context.linked(to: acl, from: ["aws_network_acl_rule"], attribute: "network_acl_id") {
                claimed.insert(linked.address)
                rules.append(
                    aclRule(
                        linked.attributes, egress: linked.attributes["egress"],
                        action: linked.attributes["rule_action"], range: linked.range))
            }
            var fields = CloudFields(range: acl.range)
            fields.set("rules", ConfigNode(.sequence(rules), range: acl.range))
            objects.append(context.object("aws.ec2.networkacl", acl, fields))
        }
        for rule in context.of("aws_network_acl_rule") where !claimed.contains(rule.address) {
            var fields = CloudFields(range: rule.range)
            let model = aclRule(
                rule.attributes, egress: rule.attributes["egress"], action: rule.attributes["rule_action"],
                range: rule.range)
            fields.set("rules", ConfigNode(.sequence([model]), range: rule.range))
            objects.append(context.object("aws.ec2.networkacl", rule, fields))
        }
        return objects
    }

    /// `data "aws_ami"` look-ups: which owners they trust.
    static func amis(_ context: TerraformAdapterContext) -> [CloudObject] {
        context.resources.filter { $0.mode == "data" && $0.type == "aws_ami" }.map { ami in
            var fields = CloudFields(range: ami.range)
            fields.set("owners", ami.attributes["owners"])
            return context.object("aws.ec2.ami", ami, fields)
        }
    }
}
