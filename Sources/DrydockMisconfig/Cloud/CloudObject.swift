/// A cloud resource in the common model built-in cloud checks read, whatever file it came from: the
/// adapters turn Terraform resources (HCL or plan JSON) and CloudFormation resources into these, so one check
/// serves both formats (as Trivy's checks read its cloud `state`).
///
/// `fields` is a mapping with the model's own names (see each adapter); a field the file leaves out is
/// absent (the check applies the provider's default and blames the resource's lines), a field the file does
/// not determine is `.unknown`.
public struct CloudObject: Sendable, Hashable {
    /// The model kind (`aws.s3.bucket`, `aws.ec2.securitygroup`).
    public var kind: String
    /// The resource's address (`aws_s3_bucket.logs`, `module.a.aws_s3_bucket.b`) or logical ID (`LogsBucket`).
    public var name: String
    /// Where it was declared.
    public var source: CloudSource
    /// The model's fields, with the lines of the attributes they came from.
    public var fields: ConfigNode

    /// Creates an object.
    public init(kind: String, name: String, source: CloudSource, fields: ConfigNode) {
        self.kind = kind
        self.name = name
        self.source = source
        self.fields = fields
    }

    /// The field at a dotted `path`.
    public subscript(_ path: String) -> ConfigNode? {
        fields.lookup(path.split(separator: ".").map(String.init))
    }

    /// The provider the kind belongs to (`aws`).
    public var provider: String { String(kind.split(separator: ".").first ?? "") }
}

/// Where a cloud object was declared.
public struct CloudSource: Sendable, Hashable {
    public var fileType: ConfigFileType
    /// The file that declares the resource.
    public var file: String
    /// The resource block's lines.
    public var range: LineRange
    /// Module calls the resource was reached through (Terraform), outermost first.
    public var calls: [TerraformModuleCall]
    /// The resource's attributes as written and evaluated (Terraform) or its `Properties` (CloudFormation), for
    /// attribute-scoped ignore comments (`#trivy:ignore:ID[key=value]`).
    public var attributes: ConfigNode?

    public init(
        fileType: ConfigFileType, file: String, range: LineRange, calls: [TerraformModuleCall] = [],
        attributes: ConfigNode? = nil
    ) {
        self.fileType = fileType
        self.file = file
        self.range = range
        self.calls = calls
        self.attributes = attributes
    }
}

/// Builds a cloud object's fields: `set` ignores nil (the file left the field out).
struct CloudFields {
    var entries: [ConfigEntry] = []
    let range: LineRange

    init(range: LineRange) {
        self.range = range
    }

    mutating func set(_ key: String, _ node: ConfigNode?) {
        guard let node else { return }
        entries.removeAll { $0.key == key }
        entries.append(ConfigEntry(key: key, keyLine: node.range.start, value: node))
    }

    mutating func set(_ key: String, value: ConfigNode.Value, range: LineRange? = nil) {
        set(key, ConfigNode(value, range: range ?? self.range))
    }

    mutating func set(_ key: String, fields: CloudFields?, range: LineRange? = nil) {
        guard let fields else { return }
        set(key, ConfigNode(.mapping(fields.entries), range: range ?? fields.range))
    }

    /// Sets `key` to a list with one model per node of `sources` (attributes of companion resources or blocks),
    /// each field read from the source's attribute: `[("startIp", "start_ip_address")]`.
    mutating func set(_ key: String, each sources: [ConfigNode], _ mapping: [(field: String, attribute: String)]) {
        let models = sources.map { source in
            var model = CloudFields(range: source.range)
            for (field, attribute) in mapping { model.set(field, source[attribute]) }
            return model.node
        }
        set(key, ConfigNode(.sequence(models), range: range))
    }

    var node: ConfigNode { ConfigNode(.mapping(entries), range: range) }
}
