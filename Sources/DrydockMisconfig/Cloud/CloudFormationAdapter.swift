/// Turns CloudFormation resources into cloud objects of the common model (the same kinds and fields as
/// ``TerraformAdapter``), so one check serves both.
public enum CloudFormationAdapter {
    /// The cloud objects of `template`, read from `file`.
    public static func objects(_ template: CloudFormationTemplate, file: String) -> [CloudObject] {
        var objects: [CloudObject] = []
        let resources = template.resources
        func object(_ kind: String, _ resource: CloudFormationTemplate.Resource, _ fields: CloudFields) -> CloudObject {
            CloudObject(
                kind: kind, name: resource.logicalID,
                source: CloudSource(
                    fileType: .cloudformation, file: file, range: resource.range, attributes: resource.properties),
                fields: fields.node)
        }
        func linked(_ type: String, _ key: String, to target: CloudFormationTemplate.Resource)
            -> [CloudFormationTemplate.Resource]
        {
            resources.filter { $0.type == type && $0.properties[key]?.string == target.logicalID }
        }
        for resource in resources {
            let p = resource.properties
            var fields = CloudFields(range: resource.range)
            switch resource.type {
            case "AWS::S3::Bucket":
                fields.set("name", p["BucketName"])
                fields.set("acl", p["AccessControl"].map(cannedACL))
                if let block = p["PublicAccessBlockConfiguration"] {
                    var access = CloudFields(range: block.range)
                    access.set("blockPublicAcls", block["BlockPublicAcls"])
                    access.set("blockPublicPolicy", block["BlockPublicPolicy"])
                    access.set("ignorePublicAcls", block["IgnorePublicAcls"])
                    access.set("restrictPublicBuckets", block["RestrictPublicBuckets"])
                    fields.set("publicAccessBlock", fields: access)
                }
                if let rule = p["BucketEncryption", "ServerSideEncryptionConfiguration"]?.listItems.first {
                    var encryption = CloudFields(range: rule.range)
                    let defaults = rule["ServerSideEncryptionByDefault"]
                    encryption.set("algorithm", defaults?["SSEAlgorithm"])
                    encryption.set("kmsKeyId", defaults?["KMSMasterKeyID"])
                    encryption.set("enabled", value: .bool(defaults?["SSEAlgorithm"] != nil), range: rule.range)
                    fields.set("encryption", fields: encryption)
                }
                if let versioning = p["VersioningConfiguration"] {
                    var model = CloudFields(range: versioning.range)
                    if let status = versioning["Status"] {
                        model.set(
                            "enabled",
                            status.unknownOrigin == nil
                                ? ConfigNode(.bool(status.text == "Enabled"), range: status.range) : status)
                    }
                    fields.set("versioning", fields: model)
                }
                if let logging = p["LoggingConfiguration"] {
                    var model = CloudFields(range: logging.range)
                    model.set("targetBucket", logging["DestinationBucketName"])
                    model.set("enabled", value: .bool(true), range: logging.range)
                    fields.set("logging", fields: model)
                }
                objects.append(object("aws.s3.bucket", resource, fields))
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
                fields.set("name", p["PolicyName"] ?? p["ManagedPolicyName"])
                fields.set("document", p["PolicyDocument"])
                objects.append(object("aws.iam.policy", resource, fields))
            case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group":
                for policy in p["Policies"]?.listItems ?? [] {
                    var inline = CloudFields(range: policy.range)
                    inline.set("name", policy["PolicyName"])
                    inline.set("document", policy["PolicyDocument"])
                    objects.append(object("aws.iam.policy", resource, inline))
                }
                objects += AWSIAMPrincipals.cloudFormation(resource, resources: resources, object: object)
            case "AWS::EC2::SecurityGroup":
                fields.set("description", p["GroupDescription"])
                fields.set("isDefault", value: .bool(false))
                let ingress =
                    (p["SecurityGroupIngress"]?.listItems ?? [])
                    + linked("AWS::EC2::SecurityGroupIngress", "GroupId", to: resource).map(\.properties)
                let egress =
                    (p["SecurityGroupEgress"]?.listItems ?? [])
                    + linked("AWS::EC2::SecurityGroupEgress", "GroupId", to: resource).map(\.properties)
                fields.set("ingress", ConfigNode(.sequence(ingress.map(rule)), range: resource.range))
                fields.set("egress", ConfigNode(.sequence(egress.map(rule)), range: resource.range))
                objects.append(object("aws.ec2.securitygroup", resource, fields))
            case "AWS::EC2::Instance":
                let template = resources.first {
                    $0.type == "AWS::EC2::LaunchTemplate"
                        && p["LaunchTemplate", "LaunchTemplateId"]?.string == $0.logicalID
                }
                var metadata = CloudFields(range: resource.range)
                if let options = template?.properties["LaunchTemplateData", "MetadataOptions"] {
                    metadata = CloudFields(range: options.range)
                    metadata.set("httpTokens", options["HttpTokens"])
                    metadata.set("httpEndpoint", options["HttpEndpoint"])
                    fields.set("metadataOptions", fields: metadata)
                }
                fields.set(
                    "ebsBlockDevices",
                    CloudFormationEC2.ebsBlockDevices(p["BlockDeviceMappings"], range: resource.range))
                fields.set("userData", CloudFormationEC2.userData(p["UserData"]))
                objects.append(object("aws.ec2.instance", resource, fields))
            case "AWS::EC2::Volume":
                fields.set("encrypted", p["Encrypted"])
                fields.set("kmsKeyId", p["KmsKeyId"])
                objects.append(object("aws.ec2.volume", resource, fields))
            case "AWS::EC2::Subnet":
                fields.set("mapPublicIpOnLaunch", p["MapPublicIpOnLaunch"])
                objects.append(object("aws.ec2.subnet", resource, fields))
            default:
                objects +=
                    CloudFormationEC2.objects(resource, resources: resources, object: object)
                    ?? CloudFormationServices.objects(resource, resources: resources, object: object)
            }
        }
        return CloudLinks.link(objects)
    }

    /// `PublicRead` → `public-read`: CloudFormation's canned ACL names in the S3 API's spelling.
    static func cannedACL(_ node: ConfigNode) -> ConfigNode {
        guard let text = node.string else { return node }
        var out = ""
        for character in text {
            if character.isUppercase, !out.isEmpty { out += "-" }
            out += character.lowercased()
        }
        return ConfigNode(.string(out), range: node.range)
    }

    static func rule(_ node: ConfigNode) -> ConfigNode {
        var rule = CloudFields(range: node.range)
        let cidrs = [node["CidrIp"], node["CidrIpv6"]].compactMap { $0 }
        rule.set("cidrs", ConfigNode(.sequence(cidrs), range: node.range))
        rule.set("description", node["Description"])
        rule.set("protocol", node["IpProtocol"])
        rule.set("fromPort", node["FromPort"])
        rule.set("toPort", node["ToPort"])
        return rule.node
    }
}
