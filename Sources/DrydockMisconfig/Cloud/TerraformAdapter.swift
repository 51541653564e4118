/// Turns Terraform resources into cloud objects of the common model. Companion resources (an
/// `aws_s3_bucket_versioning`, an `aws_security_group_rule`, an `aws_lb_listener`) are folded into the
/// object they reference, within the same module instance, as Trivy's adapters do.
public enum TerraformAdapter {
    /// The cloud objects of `resources` (data sources are read only where a resource refers to them).
    public static func objects(_ resources: [TerraformResource], fileType: ConfigFileType = .terraform) -> [CloudObject]
    {
        let context = TerraformAdapterContext(resources: resources, fileType: fileType)
        return CloudLinks.link(AWSTerraform.objects(context) + GoogleAzureTerraform.objects(context))
    }
}

/// The resources being adapted, with lookups the service adapters share.
struct TerraformAdapterContext {
    let resources: [TerraformResource]
    let fileType: ConfigFileType

    func of(_ types: String...) -> [TerraformResource] {
        resources.filter { $0.mode == "resource" && types.contains($0.type) }
    }

    /// Resources of `types` whose `attribute` refers to `target` (by reference, or by its `nameAttribute`).
    func linked(to target: TerraformResource, from types: [String], attribute: String, nameAttribute: String? = nil)
        -> [TerraformResource]
    {
        resources.filter { candidate in
            candidate.mode == "resource" && types.contains(candidate.type) && candidate.modulePath == target.modulePath
                && target.isReferenced(by: candidate.attributes[attribute], nameAttribute: nameAttribute)
        }
    }

    func object(_ kind: String, _ resource: TerraformResource, _ fields: CloudFields) -> CloudObject {
        CloudObject(
            kind: kind, name: resource.address,
            source: CloudSource(
                fileType: fileType, file: resource.file, range: resource.range, calls: resource.calls,
                attributes: resource.attributes),
            fields: fields.node)
    }

    /// An IAM policy document from an attribute holding JSON text, or the `aws_iam_policy_document` data
    /// source its `.json` refers to.
    func policyDocument(_ node: ConfigNode?) -> ConfigNode? {
        guard let node else { return nil }
        if let origin = node.unknownOrigin, origin.hasPrefix("data.aws_iam_policy_document.") {
            let address = origin.split(separator: ".").prefix(3).joined(separator: ".")
            if let source = resources.first(where: { $0.mode == "data" && $0.localAddress.hasPrefix(address) }) {
                return PolicyDocuments.fromDataSource(source.attributes, range: node.range)
            }
            return node
        }
        if node.isMapping { return node }
        guard let text = node.string else { return node }
        return PolicyDocuments.parse(text, range: node.range) ?? node
    }
}

extension ConfigNode {
    /// The first block of type `name` in a Terraform resource (blocks are lists of mappings).
    func block(_ name: String) -> ConfigNode? {
        guard let found = self[name] else { return nil }
        return found.isSequence ? found.items.first : found
    }

    /// Every block of type `name`.
    func blocks(_ name: String) -> [ConfigNode] {
        guard let found = self[name] else { return [] }
        return found.isSequence ? found.items : [found]
    }

    /// A list attribute's items, or the value itself when it is a single value.
    var listItems: [ConfigNode] { isSequence ? items : (isNull ? [] : [self]) }

    /// The same value with another range.
    func at(_ range: LineRange) -> ConfigNode {
        var copy = self
        copy.range = range
        return copy
    }
}
