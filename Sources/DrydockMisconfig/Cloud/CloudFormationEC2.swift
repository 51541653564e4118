import Foundation

/// EC2 launch configurations and templates, VPCs with their flow logs and network ACLs of CloudFormation in the
/// common model (the kinds and fields of ``AWSEC2Terraform``).
enum CloudFormationEC2 {
    typealias Make = CloudFormationServices.Make

    /// The `Ebs` entries of `BlockDeviceMappings` as the block devices the EC2 checks read (`encrypted`).
    static func ebsBlockDevices(_ mappings: ConfigNode?, range: LineRange) -> ConfigNode {
        let devices = (mappings?.listItems ?? []).compactMap { mapping -> ConfigNode? in
            guard let ebs = mapping["Ebs"] else { return nil }
            var device = CloudFields(range: ebs.range)
            device.set("encrypted", ebs["Encrypted"])
            return device.node
        }
        return ConfigNode(.sequence(devices), range: range)
    }

    /// CloudFormation's `UserData` is base64 text (usually `Fn::Base64` of the script): the script.
    static func userData(_ node: ConfigNode?) -> ConfigNode? {
        guard let node, let text = node.string, let data = Data(base64Encoded: text),
            let decoded = String(data: data, encoding: .utf8)
        else { return node }
        return ConfigNode(.string(decoded), range: node.range)
    }

    static func metadataOptions(_ options: ConfigNode?) -> CloudFields? {
        guard let options else { return nil }
        var metadata = CloudFields(range: options.range)
        metadata.set("httpTokens", options["HttpTokens"])
        metadata.set("httpEndpoint", options["HttpEndpoint"])
        return metadata
    }

    /// `NetworkAclEntry` properties as a rule of the model.
    static func aclRule(_ p: ConfigNode, range: LineRange) -> ConfigNode {
        var rule = CloudFields(range: range)
        rule.set("egress", p["Egress"] ?? ConfigNode(.bool(false), range: range))
        rule.set("action", p["RuleAction"])
        rule.set("protocol", p["Protocol"])
        let cidrs = [p["CidrBlock"], p["Ipv6CidrBlock"]].compactMap { $0 }
        rule.set("cidrs", ConfigNode(.sequence(cidrs), range: range))
        rule.set("fromPort", p["PortRange", "From"])
        rule.set("toPort", p["PortRange", "To"])
        return rule.node
    }

    static func objects(
        _ resource: CloudFormationTemplate.Resource, resources: [CloudFormationTemplate.Resource], object: Make
    ) -> [CloudObject]? {
        let p = resource.properties
        var fields = CloudFields(range: resource.range)
        switch resource.type {
        case "AWS::AutoScaling::LaunchConfiguration":
            fields.set("associatePublicIp", p["AssociatePublicIpAddress"])
            fields.set("ebsBlockDevices", ebsBlockDevices(p["BlockDeviceMappings"], range: resource.range))
            fields.set("metadataOptions", fields: metadataOptions(p["MetadataOptions"]))
            fields.set("userData", userData(p["UserData"]))
            return [object("aws.ec2.launchconfiguration", resource, fields)]
        case "AWS::EC2::LaunchTemplate":
            fields.set("metadataOptions", fields: metadataOptions(p["LaunchTemplateData", "MetadataOptions"]))
            fields.set("userData", userData(p["LaunchTemplateData", "UserData"]))
            return [object("aws.ec2.launchtemplate", resource, fields)]
        case "AWS::EC2::VPC":
            let logs = resources.filter {
                $0.type == "AWS::EC2::FlowLog" && $0.properties["ResourceId"]?.string == resource.logicalID
            }
            fields.set("isDefault", value: .bool(false), range: resource.range)
            fields.set("flowLogs", value: .bool(!logs.isEmpty), range: logs.first?.range ?? resource.range)
            return [object("aws.ec2.vpc", resource, fields)]
        case "AWS::EC2::NetworkAcl":
            let entries = resources.filter {
                $0.type == "AWS::EC2::NetworkAclEntry" && $0.properties["NetworkAclId"]?.string == resource.logicalID
            }
            fields.set(
                "rules",
                ConfigNode(.sequence(entries.map { aclRule($0.properties, range: $0.range) }), range: resource.range))
            return [object("aws.ec2.networkacl", resource, fields)]
        case "AWS::EC2::NetworkAclEntry":
            let owned = resources.contains {
                $0.type == "AWS::EC2::NetworkAcl" && p["NetworkAclId"]?.string == $0.logicalID
            }
            guard !owned else { return [] }
            fields.set("rules", ConfigNode(.sequence([aclRule(p, range: resource.range)]), range: resource.range))
            return [object("aws.ec2.networkacl", resource, fields)]
        default:
            return nil
        }
    }
}
