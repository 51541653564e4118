/// A Kubernetes label selector: `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
/// `DoesNotExist`), all of which must hold. The empty selector selects everything.
public struct LabelSelector: Sendable, Hashable, Decodable {
    public struct Requirement: Sendable, Hashable, Decodable {
        public enum Operator: String, Sendable, Hashable, Decodable {
            case `in` = "In"
            case notIn = "NotIn"
            case exists = "Exists"
            case doesNotExist = "DoesNotExist"
        }

        public var key: String
        public var `operator`: Operator
        public var values: [String]

        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        enum CodingKeys: String, CodingKey { case key, `operator`, values }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            key = try container.decode(String.self, forKey: .key)
            `operator` = try container.decode(Operator.self, forKey: .operator)
            values = try container.decodeIfPresent([String].self, forKey: .values) ?? []
            let needsValues = `operator` == .in || `operator` == .notIn
            if needsValues == values.isEmpty {
                throw DecodingError.dataCorruptedError(
                    forKey: .values, in: container,
                    debugDescription: "\(`operator`.rawValue) \(needsValues ? "needs values" : "takes no values")")
            }
        }

        func matches(_ labels: [String: String]) -> Bool {
            switch `operator` {
            case .in: labels[key].map(values.contains) ?? false
            case .notIn: !(labels[key].map(values.contains) ?? false)
            case .exists: labels[key] != nil
            case .doesNotExist: labels[key] == nil
            }
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    enum CodingKeys: String, CodingKey { case matchLabels, matchExpressions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        matchLabels = try container.decodeIfPresent([String: String].self, forKey: .matchLabels) ?? [:]
        matchExpressions = try container.decodeIfPresent([Requirement].self, forKey: .matchExpressions) ?? []
    }

    /// Whether the selector selects everything.
    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// Whether `labels` satisfy every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        matchLabels.allSatisfy { labels[$0.key] == $0.value } && matchExpressions.allSatisfy { $0.matches(labels) }
    }
}
