/// IAM users and groups in the common model, from Terraform and CloudFormation: the policies attached to each
/// (inline, managed by reference, or by attachment resources), and a user's access keys.
///
/// `aws.iam.group`: `policies` (documents). `aws.iam.user`: `policies` (the attaching resources' or
/// properties' nodes, for their lines) and `accessKeys` (each with `active`).
enum AWSIAMPrincipals {
    static func terraform(_ context: TerraformAdapterContext) -> [CloudObject] {
        let managed = context.of("aws_iam_policy")
        /// The document of the managed policy an attachment's `policy_arn` refers to (unknown when outside).
        func attachedDocument(_ attachment: TerraformResource) -> ConfigNode? {
            let arn = attachment.attributes["policy_arn"]
            if let policy = managed.first(where: { $0.modulePath == attachment.modulePath && $0.isReferenced(by: arn) })
            {
                return context.policyDocument(policy.attributes["policy"])
            }
            return arn
        }
        var objects: [CloudObject] = []
        for group in context.of("aws_iam_group") {
            var documents = context.linked(
                to: group, from: ["aws_iam_group_policy"], attribute: "group", nameAttribute: "name"
            )
            .compactMap { context.policyDocument($0.attributes["policy"]) }
            documents += context.linked(
                to: group, from: ["aws_iam_group_policy_attachment"], attribute: "group", nameAttribute: "name"
            ).compactMap(attachedDocument)
            documents += context.of("aws_iam_policy_attachment").filter { attachment in
                (attachment.attributes["groups"]?.listItems ?? []).contains {
                    group.isReferenced(by: $0, nameAttribute: "name")
                }
            }.compactMap(attachedDocument)
            var fields = CloudFields(range: group.range)
            fields.set("policies", ConfigNode(.sequence(documents), range: group.range))
            objects.append(context.object("aws.iam.group", group, fields))
        }
        for user in context.of("aws_iam_user") {
            var attachments = context.linked(
                to: user, from: ["aws_iam_user_policy", "aws_iam_user_policy_attachment"], attribute: "user",
                nameAttribute: "name")
            attachments += context.of("aws_iam_policy_attachment").filter { attachment in
                (attachment.attributes["users"]?.listItems ?? []).contains {
                    user.isReferenced(by: $0, nameAttribute: "name")
                }
            }
            var fields = CloudFields(range: user.range)
            fields.set(
                "policies",
                ConfigNode(.sequence(attachments.map { ConfigNode(.bool(true), range: $0.range) }), range: user.range))
            let keys = context.linked(to: user, from: ["aws_iam_access_key"], attribute: "user", nameAttribute: "name")
                .map { key in
                    var model = CloudFields(range: key.range)
                    model.set(
                        "active", key.attributes["status"].map(isActive) ?? ConfigNode(.bool(true), range: key.range))
                    return model.node
                }
            fields.set("accessKeys", ConfigNode(.sequence(keys), range: user.range))
            objects.append(context.object("aws.iam.user", user, fields))
        }
        return objects
    }

    /// `Active`/`Inactive` as a boolean; unknown stays unknown.
    static func isActive(_ status: ConfigNode) -> ConfigNode {
        status.unknownOrigin != nil ? status : ConfigNode(.bool(status.text == "Active"), range: status.range)
    }

    static func cloudFormation(
        _ resource: CloudFormationTemplate.Resource, resources: [CloudFormationTemplate.Resource],
        object: CloudFormationServices.Make
    ) -> [CloudObject] {
        let p = resource.properties
        let id = resource.logicalID
        /// `AWS::IAM::Policy`/`ManagedPolicy` resources naming this principal in `Users`/`Groups`.
        func attaching(_ key: String) -> [CloudFormationTemplate.Resource] {
            resources.filter {
                ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"].contains($0.type)
                    && ($0.properties[key]?.listItems ?? []).contains { $0.string == id }
            }
        }
        /// Managed policies of this template listed in `ManagedPolicyArns`.
        var managed: [CloudFormationTemplate.Resource] {
            let arns = p["ManagedPolicyArns"]?.listItems.compactMap(\.string) ?? []
            return resources.filter { $0.type == "AWS::IAM::ManagedPolicy" && arns.contains($0.logicalID) }
        }
        var fields = CloudFields(range: resource.range)
        switch resource.type {
        case "AWS::IAM::Group":
            let documents =
                (p["Policies"]?.listItems ?? []).compactMap { $0["PolicyDocument"].map(PolicyDocuments.document) }
                + (attaching("Groups") + managed).compactMap {
                    $0.properties["PolicyDocument"].map(PolicyDocuments.document)
                }
            fields.set("policies", ConfigNode(.sequence(documents), range: resource.range))
            return [object("aws.iam.group", resource, fields)]
        case "AWS::IAM::User":
            let nodes =
                (p["Policies"]?.listItems ?? []) + (p["ManagedPolicyArns"]?.listItems ?? [])
                + attaching("Users").map { ConfigNode(.bool(true), range: $0.range) }
            fields.set("policies", ConfigNode(.sequence(nodes), range: resource.range))
            let keys = resources.filter { $0.type == "AWS::IAM::AccessKey" && $0.properties["UserName"]?.string == id }
                .map { key in
                    var model = CloudFields(range: key.range)
                    model.set(
                        "active", key.properties["Status"].map(isActive) ?? ConfigNode(.bool(true), range: key.range))
                    return model.node
                }
            fields.set("accessKeys", ConfigNode(.sequence(keys), range: resource.range))
            return [object("aws.iam.user", resource, fields)]
        default:
            return []
        }
    }
}
