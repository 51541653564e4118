/// A parsed HCL file or block body: attributes and nested blocks, in file order, with their lines.
public struct HCLBody: Sendable, Hashable {
    public var attributes: [HCLAttribute]
    public var blocks: [HCLBlock]

    public init(attributes: [HCLAttribute] = [], blocks: [HCLBlock] = []) {
        self.attributes = attributes
        self.blocks = blocks
    }

    /// The attribute named `name`.
    public subscript(attribute name: String) -> HCLAttribute? { attributes.first { $0.name == name } }

    /// The blocks of type `type`.
    public func blocks(_ type: String) -> [HCLBlock] { blocks.filter { $0.type == type } }
}

/// `name = expression`.
public struct HCLAttribute: Sendable, Hashable {
    public var name: String
    public var expression: HCLExpression
    public var range: LineRange
}

/// `type "label" … { body }`.
public struct HCLBlock: Sendable, Hashable {
    public var type: String
    public var labels: [String]
    public var body: HCLBody
    /// From the type keyword to the closing brace.
    public var range: LineRange
}

/// An HCL expression with the lines it spans.
public indirect enum HCLExpression: Sendable, Hashable {
    /// A number, bool or null.
    case literal(ConfigNode.Value, LineRange)
    /// A string template: literal parts and interpolations.
    case template([HCLTemplatePart], LineRange)
    /// A root name (`var`, `local`, `aws_s3_bucket`, `each`, a for-expression variable).
    case variable(String, LineRange)
    /// `expression.name`.
    case attribute(HCLExpression, String, LineRange)
    /// `expression[key]`.
    case index(HCLExpression, HCLExpression, LineRange)
    /// `expression[*].a.b` or `expression.*.a.b`: `each` is applied to every item, written relative to the
    /// placeholder variable `HCLExpression.splatItem`.
    case splat(HCLExpression, each: HCLExpression, LineRange)
    /// `name(arguments…)`; `expandsLast` for `f(list...)`.
    case call(String, [HCLExpression], expandsLast: Bool, LineRange)
    case tuple([HCLExpression], LineRange)
    case object([(key: HCLExpression, value: HCLExpression)], LineRange)
    case unary(String, HCLExpression, LineRange)
    case binary(String, HCLExpression, HCLExpression, LineRange)
    case conditional(HCLExpression, HCLExpression, HCLExpression, LineRange)
    /// `[for k, v in collection : value if condition]` and `{for k, v in collection : key => value… if condition}`.
    case forExpression(HCLForExpression, LineRange)

    /// The name splat bodies use for the current item.
    static let splatItem = "\u{0}splat"

    public var range: LineRange {
        switch self {
        case .literal(_, let range), .template(_, let range), .variable(_, let range), .attribute(_, _, let range),
            .index(_, _, let range), .splat(_, _, let range), .call(_, _, _, let range), .tuple(_, let range),
            .object(_, let range), .unary(_, _, let range), .binary(_, _, _, let range),
            .conditional(_, _, _, let range), .forExpression(_, let range):
            range
        }
    }

    /// `var.a.b` as text when the expression is a plain traversal (for messages and unknown origins).
    public var traversalText: String? {
        switch self {
        case .variable(let name, _): name
        case .attribute(let base, let name, _): base.traversalText.map { "\($0).\(name)" }
        case .index(let base, .literal(let key, _), _):
            base.traversalText.map { "\($0)[\(ConfigNode(key, line: 0).text ?? "")]" }
        case .index(let base, _, _): base.traversalText.map { "\($0)[…]" }
        default: nil
        }
    }

    public static func == (lhs: HCLExpression, rhs: HCLExpression) -> Bool { lhs.hashKey == rhs.hashKey }
    public func hash(into hasher: inout Hasher) { hasher.combine(hashKey) }
    private var hashKey: String { "\(self)" }
}

/// A part of a string template.
public enum HCLTemplatePart: Sendable, Hashable {
    case literal(String)
    case interpolation(HCLExpression)
    /// `%{ if … }…%{ else }…%{ endif }`.
    case conditional(HCLExpression, [HCLTemplatePart], [HCLTemplatePart])
    /// `%{ for v in list }…%{ endfor }`.
    case loop(key: String?, value: String, HCLExpression, [HCLTemplatePart])
}

/// The parts of a for expression.
public struct HCLForExpression: Sendable, Hashable {
    public var keyName: String?
    public var valueName: String
    public var collection: HCLExpression
    /// The key expression of an object for expression (`{for … : key => value}`); nil for tuples.
    public var key: HCLExpression?
    public var value: HCLExpression
    public var condition: HCLExpression?
    /// `...` after the value: values with the same key are grouped into lists.
    public var grouping: Bool
}
