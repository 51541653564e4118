/// One instance of a Terraform resource (or data source) after evaluation: its attributes and nested blocks
/// as a tree with lines, and where it came from.
public struct TerraformResource: Sendable, Hashable {
    /// `resource` or `data`.
    public var mode: String
    /// `aws_s3_bucket`.
    public var type: String
    /// `logs`.
    public var name: String
    /// The address within its module instance (`aws_s3_bucket.logs`, `aws_s3_bucket.logs[0]`,
    /// `aws_s3_bucket.logs["a"]`); data sources start with `data.`.
    public var localAddress: String
    /// The module instance path (`module.storage`, `module.storage["eu"]`), empty for the root module.
    public var modulePath: String
    /// The file that declares it.
    public var file: String
    /// The block's lines.
    public var range: LineRange
    /// Attributes and nested blocks (each block type a list of mappings), evaluated.
    public var attributes: ConfigNode
    /// The module calls it was reached through, outermost first: file and lines of each `module` block.
    public var calls: [TerraformModuleCall]

    /// The full address (`module.storage.aws_s3_bucket.logs`).
    public var address: String { modulePath.isEmpty ? localAddress : "\(modulePath).\(localAddress)" }

    /// The address without an instance key (`aws_s3_bucket.logs`).
    public var blockAddress: String { mode == "data" ? "data.\(type).\(name)" : "\(type).\(name)" }

    /// Whether `value` is a reference to this resource (an unknown computed from `aws_s3_bucket.logs.id`) or
    /// equals its `bucket`/`name`-like attribute `key`.
    public func isReferenced(by value: ConfigNode?, nameAttribute key: String? = nil) -> Bool {
        guard let value else { return false }
        if let origin = value.unknownOrigin {
            return origin.hasPrefix(localAddress + ".") || origin.hasPrefix(blockAddress + ".")
        }
        if let key, let own = attributes[key]?.string, let text = value.string { return own == text }
        return false
    }
}

/// A `module` block a resource was reached through.
public struct TerraformModuleCall: Sendable, Hashable {
    /// The file holding the `module` block.
    public var file: String
    /// Its lines.
    public var range: LineRange
    /// `module.storage`.
    public var address: String
    /// The call's evaluated arguments (`bucket = each.value`), for attribute-scoped ignore comments above it.
    public var inputs: ConfigNode?

    public init(file: String, range: LineRange, address: String, inputs: ConfigNode? = nil) {
        self.file = file
        self.range = range
        self.address = address
        self.inputs = inputs
    }
}
